import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOfficerAudit } from '../../functions/console/officers/audit.js';
import { getOfficerByEmail } from '../../functions/console/officers/repository.js';
import { testRuntime } from '../helpers/runtime.js';
import { ConsoleClient, PASSWORD, type Staff, seedStaff, signedIn } from './helpers.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let admin: ConsoleClient;

beforeAll(async () => {
  rt = await testRuntime();
  staff = await seedStaff(rt.store);
  admin = await signedIn(rt.app, staff.admin.email);
});
afterAll(async () => {
  await rt.queue.idle();
});

describe('officer administration', () => {
  it('creates an officer (no API token shown to the admin), and records who did it', async () => {
    const created = await admin.post('/console/officers', {
      email: 'Nouvel.Agent@example.test',
      name: 'Nouvel Agent',
      role: 'officer',
      desk: 'digital-economy',
      telegramUserId: '424242',
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    const html = await created.text();
    expect(html).not.toContain('id="api-token"');
    expect(html).not.toMatch(/tda_[0-9a-f-]{36}_/);
    const officer = await getOfficerByEmail(rt.store, 'nouvel.agent@example.test');
    expect(officer).toMatchObject({ role: 'officer', desk: 'digital-economy', telegramUserId: '424242' });
    expect((await signedIn(rt.app, 'nouvel.agent@example.test')).csrf).not.toBe('');
    const [last] = await listOfficerAudit(rt.store);
    expect(last).toMatchObject({ actor: staff.admin.id, action: 'officer_created', officerId: officer?.id });
  });

  it('answers 409 for a taken email and 400 for invalid input', async () => {
    const base = {
      name: 'X',
      role: 'officer',
      desk: 'digital-economy',
      telegramUserId: '',
      password: PASSWORD,
    };
    expect((await admin.post('/console/officers', { ...base, email: staff.officer.email })).status).toBe(409);
    expect((await admin.post('/console/officers', { ...base, email: 'not-an-email' })).status).toBe(400);
    expect(
      (await admin.post('/console/officers', { ...base, email: 'a@b.test', desk: 'no-such-desk' })).status,
    ).toBe(400);
    expect(
      (await admin.post('/console/officers', { ...base, email: 'a@b.test', password: 'short' })).status,
    ).toBe(400);
    expect((await admin.post('/console/officers/nope/desk', { desk: 'digital-economy' })).status).toBe(404);
  });

  it('deactivates an officer: their open session stops working and they cannot sign in', async () => {
    const officer = await signedIn(rt.app, staff.otherOfficer.email);
    expect((await officer.get('/console/leads')).status).toBe(200);
    expect(
      (await admin.post(`/console/officers/${staff.otherOfficer.id}/active`, { active: 'false' })).status,
    ).toBe(200);
    expect((await officer.get('/console/leads')).status).toBe(302);
    expect((await new ConsoleClient(rt.app).signIn(staff.otherOfficer.email)).status).toBe(401);
    await admin.post(`/console/officers/${staff.otherOfficer.id}/active`, { active: 'true' });
    expect((await new ConsoleClient(rt.app).signIn(staff.otherOfficer.email)).status).toBe(303);
    expect((await admin.post(`/console/officers/${staff.admin.id}/active`, { active: 'false' })).status).toBe(
      400,
    );
  });

  it('resets a password and moves an officer to another desk', async () => {
    await admin.post(`/console/officers/${staff.officer.id}/password`, { password: 'a fresh password' });
    expect((await new ConsoleClient(rt.app).signIn(staff.officer.email)).status).toBe(401);
    expect((await new ConsoleClient(rt.app).signIn(staff.officer.email, 'a fresh password')).status).toBe(
      303,
    );
    await admin.post(`/console/officers/${staff.officer.id}/desk`, { desk: 'togolese-abroad' });
    expect((await getOfficerByEmail(rt.store, staff.officer.email))?.desk).toBe('togolese-abroad');
    const actions = (await listOfficerAudit(rt.store)).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['desk_changed', 'password_reset']);
    expect(await (await admin.get('/console/officers')).text()).toContain('Mot de passe réinitialisé');
  });

  it('records slowed sign-ins in the account history', async () => {
    const client = new ConsoleClient(rt.app);
    for (let i = 0; i < 5; i++) await client.signIn(staff.supervisor.email, 'wrong');
    const [last] = await listOfficerAudit(rt.store);
    expect(last).toMatchObject({
      actor: 'system',
      action: 'sign_in_throttled',
      officerId: staff.supervisor.id,
    });
  }, 90_000);
});
