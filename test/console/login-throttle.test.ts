import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOGIN_LIMITS } from '../../functions/console/login-throttle.js';
import { listOfficerAudit } from '../../functions/console/officers/audit.js';
import { testRuntime } from '../helpers/runtime.js';
import { ConsoleClient, ORIGIN, PASSWORD, type Staff, seedStaff } from './helpers.js';

// Findings 2 and 3 of the hostile-input issue: parallel guesses, account discovery, lock-outs.
// Hundreds of requests and dozens of scrypt checks: generous on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });
let clock = Date.parse('2026-11-23T09:00:00Z');
let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;

beforeAll(async () => {
  rt = await testRuntime({}, { now: () => clock });
  staff = await seedStaff(rt.store);
});
afterAll(async () => {
  await rt.queue.idle();
});

/** A login form's cookie and token, then posts as from `address` (the Node socket's, as `npm start` sees it). */
async function loginFrom(address: string) {
  const client = new ConsoleClient(rt.app);
  const form = await client.get('/console/login');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return async (email: string, password: string) => {
    const started = performance.now();
    const res = await rt.app.request(
      '/console/login',
      {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: new URLSearchParams({ email, password, _csrf: token }).toString(),
      },
      { incoming: { socket: { remoteAddress: address } } },
    );
    const body = (await res.text()).replace(/name="_csrf" value="[^"]+"/g, '');
    return { status: res.status, body, ms: performance.now() - started };
  };
}

function statuses(rs: { status: number }[]): Record<number, number> {
  const n: Record<number, number> = {};
  for (const r of rs) n[r.status] = (n[r.status] ?? 0) + 1;
  return n;
}

describe('parallel wrong passwords (finding 2)', () => {
  it('checks at most the configured number whatever the concurrency; the right password sent last is refused', async () => {
    const attempt = await loginFrom('203.0.113.10');
    const wrong = await Promise.all(
      Array.from({ length: 150 }, (_, i) => attempt(staff.supervisor.email, `wrong ${i}`)),
    );
    const right = await attempt(staff.supervisor.email, PASSWORD);
    // A 401 is a password that was checked; every other attempt was turned away before hashing.
    expect(statuses(wrong)[401]).toBeLessThanOrEqual(LOGIN_LIMITS.accountFromAddress);
    expect(statuses(wrong)[401] ?? 0).toBeGreaterThan(0);
    expect(wrong.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect(right.status).toBe(429);
  });

  it('at 40 in parallel, the right password at positions 12, 25 and 39 never gets in', async () => {
    clock += LOGIN_LIMITS.maxWindowMs * 4;
    const attempt = await loginFrom('203.0.113.11');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt(staff.officer.email, [12, 25, 39].includes(i) ? 'never' : `wrong ${i}`),
      ),
    );
    expect(results.some((r) => r.status === 303)).toBe(false);
    expect(statuses(results)[401]).toBeLessThanOrEqual(LOGIN_LIMITS.accountFromAddress);
  });

  it('holds the account-wide ceiling when the guesses come from 60 addresses at once', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 60 }, (_, i) => loginFrom(`198.51.100.${i + 1}`)),
    );
    const results = await Promise.all(attempts.map((a, i) => a(staff.otherOfficer.email, `spread ${i}`)));
    expect(statuses(results)[401]).toBeLessThanOrEqual(LOGIN_LIMITS.account);
  });

  it('limits one address over many accounts', async () => {
    const attempt = await loginFrom('203.0.113.12');
    const results = await Promise.all(
      Array.from({ length: LOGIN_LIMITS.address + 20 }, (_, i) => attempt(`user${i}@example.test`, 'x')),
    );
    expect(statuses(results)[401]).toBe(LOGIN_LIMITS.address);
    expect(statuses(results)[429]).toBe(20);
  });
});

describe('known and unknown addresses, and lock-outs (finding 3)', () => {
  it('gives the same statuses, bodies and timing for a real account and an unknown one', async () => {
    clock += LOGIN_LIMITS.maxWindowMs * 4;
    const known = await loginFrom('203.0.113.20');
    const unknown = await loginFrom('203.0.113.21');
    const run = async (attempt: Awaited<ReturnType<typeof loginFrom>>, email: string) => {
      const out = [];
      for (let i = 0; i < LOGIN_LIMITS.accountFromAddress + 2; i++)
        out.push(await attempt(email, `nope ${i}`));
      return out;
    };
    const a = await run(known, staff.admin.email);
    const b = await run(unknown, 'nobody-here@example.test');
    expect(a.map((r) => r.status)).toEqual(b.map((r) => r.status));
    expect(a.map((r) => r.status)).toContain(429);
    expect(a.map((r) => r.body)).toEqual(b.map((r) => r.body));
    // Both pay the scrypt work on a checked attempt: medians within a factor of two of each other.
    const median = (rs: { status: number; ms: number }[], status: number) => {
      const ms = rs
        .filter((r) => r.status === status)
        .map((r) => r.ms)
        .sort((x, y) => x - y);
      return ms[Math.floor(ms.length / 2)] ?? 0;
    };
    const [ka, ua] = [median(a, 401), median(b, 401)];
    expect(Math.max(ka, ua) / Math.min(ka, ua)).toBeLessThan(2);
  });

  it('a stranger cannot keep an officer out: another address still signs in, and the officer is told', async () => {
    clock += LOGIN_LIMITS.maxWindowMs * 4;
    const stranger = await loginFrom('192.0.2.66');
    for (let i = 0; i < LOGIN_LIMITS.accountFromAddress; i++)
      await stranger(staff.officer.email, `guess ${i}`);
    expect((await stranger(staff.officer.email, PASSWORD)).status).toBe(429);
    const officer = await loginFrom('192.0.2.7');
    expect((await officer(staff.officer.email, PASSWORD)).status).toBe(303);
    const history = await listOfficerAudit(rt.store);
    expect(history.some((e) => e.officerId === staff.officer.id && e.action === 'sign_in_throttled')).toBe(
      true,
    );
  });

  it('slows down with growing delays rather than a fixed lock', async () => {
    clock += LOGIN_LIMITS.maxWindowMs * 4;
    const attempt = await loginFrom('192.0.2.99');
    const useUp = async () => {
      for (let i = 0; i < LOGIN_LIMITS.accountFromAddress; i++)
        expect((await attempt(staff.supervisor.email, `again ${i}`)).status).toBe(401);
      expect((await attempt(staff.supervisor.email, PASSWORD)).status).toBe(429);
    };
    await useUp();
    clock += LOGIN_LIMITS.baseWindowMs + 1;
    await useUp();
    // The second window lasts twice as long: one base window later it is still closed.
    clock += LOGIN_LIMITS.baseWindowMs + 1;
    expect((await attempt(staff.supervisor.email, PASSWORD)).status).toBe(429);
    clock += LOGIN_LIMITS.baseWindowMs + 1;
    expect((await attempt(staff.supervisor.email, PASSWORD)).status).toBe(303);
  });
});
