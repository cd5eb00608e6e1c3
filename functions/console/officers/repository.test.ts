import { beforeAll, describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import type { Store } from '../../store/client.js';
import { hashPassword, verifyPassword } from './password.js';
import {
  authenticate,
  createOfficer,
  EmailTakenError,
  findOfficerByTelegramUserId,
  getOfficerByEmail,
  issueApiToken,
  listDeskOfficers,
  officerForApiToken,
  setActive,
  setDesk,
  setPassword,
} from './repository.js';

let store: Store;
beforeAll(async () => {
  store = await freshStore();
});

const base = {
  name: 'Ama K.',
  role: 'officer' as const,
  desk: 'digital-economy',
  password: 'correct horse 1',
};

describe('passwords', () => {
  it('hashes with a per-user salt and verifies only the right password', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same passworD', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe('officers repository', () => {
  it('creates an officer with a unique email, case-insensitively, even concurrently', async () => {
    const results = await Promise.allSettled([
      createOfficer(store, { ...base, email: 'Race@Example.org' }),
      createOfficer(store, { ...base, email: 'race@example.org' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(EmailTakenError);
    expect((await getOfficerByEmail(store, 'RACE@example.org'))?.email).toBe('race@example.org');
  });

  it('rejects invalid accounts (email, role, short password)', async () => {
    await expect(createOfficer(store, { ...base, email: 'not-an-email' })).rejects.toThrow();
    await expect(createOfficer(store, { ...base, email: 'a@b.org', password: 'short' })).rejects.toThrow();
    await expect(
      createOfficer(store, { ...base, email: 'c@b.org', role: 'root' as unknown as 'admin' }),
    ).rejects.toThrow();
  });

  it('lists a desk’s active officers and finds one by Telegram user id', async () => {
    const a = await createOfficer(store, {
      ...base,
      email: 'desk1@example.org',
      desk: 'togolese-abroad',
      telegramUserId: '777',
    });
    const b = await createOfficer(store, { ...base, email: 'desk2@example.org', desk: 'togolese-abroad' });
    await setActive(store, b.id, false);
    expect((await listDeskOfficers(store, 'togolese-abroad')).map((o) => o.id)).toEqual([a.id]);
    expect((await findOfficerByTelegramUserId(store, 777))?.id).toBe(a.id);
    expect(await findOfficerByTelegramUserId(store, '778')).toBeUndefined();
    await setDesk(store, a.id, 'investment-promotion');
    expect(await listDeskOfficers(store, 'togolese-abroad')).toEqual([]);
    expect((await listDeskOfficers(store, 'investment-promotion')).map((o) => o.id)).toContain(a.id);
  });

  it('gives the same answer for an unknown email and a deactivated account', async () => {
    const o = await createOfficer(store, { ...base, email: 'gone@example.org' });
    await setActive(store, o.id, false);
    expect(await authenticate(store, 'gone@example.org', base.password)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await authenticate(store, 'nobody@example.org', base.password)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('resets a password (and unlocks)', async () => {
    const o = await createOfficer(store, { ...base, email: 'reset@example.org' });
    await setPassword(store, o.id, 'a brand new secret');
    expect((await authenticate(store, 'reset@example.org', base.password)).ok).toBe(false);
    expect((await authenticate(store, 'reset@example.org', 'a brand new secret')).ok).toBe(true);
  });

  it('issues API tokens stored hashed; a new token revokes the old one', async () => {
    const o = await createOfficer(store, { ...base, email: 'api@example.org' });
    const first = await issueApiToken(store, o.id);
    expect((await officerForApiToken(store, first))?.id).toBe(o.id);
    const second = await issueApiToken(store, o.id);
    expect(await officerForApiToken(store, first)).toBeUndefined();
    expect((await officerForApiToken(store, second))?.id).toBe(o.id);
    expect(await officerForApiToken(store, `${second.slice(0, -1)}A`)).toBeUndefined();
    expect(await officerForApiToken(store, 'garbage')).toBeUndefined();
    await setActive(store, o.id, false);
    expect(await officerForApiToken(store, second)).toBeUndefined();
  });
});
