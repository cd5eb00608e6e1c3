import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer, issueApiToken } from '../../functions/console/officers/repository.js';
import { testRuntime } from '../helpers/runtime.js';
import { ConsoleClient, newLead, PASSWORD, type Staff, seedStaff, signedIn } from './helpers.js';

type Who = 'anonymous' | 'officer' | 'otherOfficer' | 'supervisor' | 'admin';
const WHO: Who[] = ['anonymous', 'officer', 'otherOfficer', 'supervisor', 'admin'];

let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
const clients = {} as Record<Who, ConsoleClient>;

beforeAll(async () => {
  rt = await testRuntime();
  staff = await seedStaff(rt.store);
  clients.anonymous = new ConsoleClient(rt.app);
  [clients.officer, clients.otherOfficer, clients.supervisor, clients.admin] = await Promise.all([
    signedIn(rt.app, staff.officer.email),
    signedIn(rt.app, staff.otherOfficer.email),
    signedIn(rt.app, staff.supervisor.email),
    signedIn(rt.app, staff.admin.email),
  ]);
});
afterAll(async () => {
  await rt.queue.idle();
});

/** A lead of the officer's desk (investment-promotion), fresh for each case. */
const freshRef = async () =>
  (await newLead(rt.store, { desk: 'investment-promotion', channel: 'telegram', userId: String(Date.now()) }))
    .reference;
/** The account the admin routes act on (one is enough: only the admin's calls change it). */
let targetId = '';
const target = async () => {
  targetId ||= (
    await createOfficer(rt.store, {
      email: 'target@example.test',
      name: 'Target',
      role: 'officer',
      desk: 'investment-promotion',
      password: PASSWORD,
    })
  ).id;
  return targetId;
};

interface Route {
  name: string;
  /** Who may: everyone else gets 403 (pages) or 401 (anonymous). */
  allow: Who[];
  /** The status an allowed caller gets. */
  ok: number;
  api?: boolean;
  run: (client: ConsoleClient) => Promise<Response>;
}

const staffAll: Who[] = ['officer', 'otherOfficer', 'supervisor'];
const deskOnly: Who[] = ['officer', 'supervisor'];

const ROUTES: Route[] = [
  { name: 'GET /console/leads', allow: staffAll, ok: 200, run: (c) => c.get('/console/leads') },
  { name: 'GET /console/leads.csv', allow: staffAll, ok: 200, run: (c) => c.get('/console/leads.csv') },
  { name: 'GET /console/dashboard', allow: staffAll, ok: 200, run: (c) => c.get('/console/dashboard') },
  {
    name: 'GET /console/leads?desk=<another desk>',
    allow: ['otherOfficer', 'supervisor'],
    ok: 200,
    run: (c) => c.get('/console/leads?desk=digital-economy'),
  },
  {
    name: 'GET /console/leads/:ref',
    allow: deskOnly,
    ok: 200,
    run: async (c) => c.get(`/console/leads/${await freshRef()}`),
  },
  {
    name: 'POST /console/leads/:ref/claim',
    allow: deskOnly,
    ok: 303,
    run: async (c) => c.post(`/console/leads/${await freshRef()}/claim`),
  },
  {
    name: 'POST /console/leads/:ref/status',
    allow: deskOnly,
    ok: 303,
    run: async (c) => c.post(`/console/leads/${await freshRef()}/status`, { to: 'assigned' }),
  },
  {
    name: 'POST /console/leads/:ref/notes',
    allow: deskOnly,
    ok: 303,
    run: async (c) => c.post(`/console/leads/${await freshRef()}/notes`, { text: 'Called, no answer' }),
  },
  {
    name: 'POST /console/leads/:ref/reply',
    allow: deskOnly,
    ok: 303,
    run: async (c) =>
      c.post(`/console/leads/${await freshRef()}/reply`, { idempotencyKey: randomUUID(), text: 'Bonjour' }),
  },
  {
    name: 'POST /console/leads/:ref/conversation',
    allow: deskOnly,
    ok: 303,
    run: async (c) => c.post(`/console/leads/${await freshRef()}/conversation`),
  },
  {
    name: 'POST /console/leads/:ref/hand-back',
    allow: deskOnly,
    ok: 303,
    run: async (c) => c.post(`/console/leads/${await freshRef()}/hand-back`),
  },
  {
    name: 'POST /console/leads/:ref/reassign',
    allow: ['supervisor'],
    ok: 303,
    run: async (c) => c.post(`/console/leads/${await freshRef()}/reassign`, { officerId: staff.officer.id }),
  },
  // The knowledge base: nobody here has the editor right; supervisors open it (to review and publish).
  { name: 'GET /console/knowledge', allow: ['supervisor'], ok: 200, run: (c) => c.get('/console/knowledge') },
  {
    name: 'GET /console/knowledge/expired-count',
    allow: ['officer', 'otherOfficer', 'supervisor', 'admin'],
    ok: 200,
    run: (c) => c.get('/console/knowledge/expired-count'),
  },
  { name: 'GET /console/knowledge/new', allow: [], ok: 200, run: (c) => c.get('/console/knowledge/new') },
  {
    name: 'POST /console/knowledge/new',
    allow: [],
    ok: 303,
    run: (c) => c.post('/console/knowledge/new', { lang: 'fr', title: '', body: '' }),
  },
  {
    name: 'POST /console/knowledge/:id/draft',
    allow: [],
    ok: 303,
    run: (c) => c.post('/console/knowledge/money-transfers/draft', { lang: 'fr', title: '' }),
  },
  {
    name: 'POST /console/knowledge/gaps/ignore',
    allow: [],
    ok: 303,
    run: (c) => c.post('/console/knowledge/gaps/ignore', { g: 'une question' }),
  },
  { name: 'GET /console/officers', allow: ['admin'], ok: 200, run: (c) => c.get('/console/officers') },
  {
    name: 'POST /console/officers',
    allow: ['admin'],
    ok: 201,
    run: (c) =>
      c.post('/console/officers', {
        email: `n-${randomUUID()}@example.test`,
        name: 'New Officer',
        role: 'officer',
        desk: 'digital-economy',
        telegramUserId: '',
        password: PASSWORD,
      }),
  },
  {
    name: 'POST /console/officers/:id/active',
    allow: ['admin'],
    ok: 200,
    run: async (c) => c.post(`/console/officers/${await target()}/active`, { active: 'false' }),
  },
  {
    name: 'POST /console/officers/:id/password',
    allow: ['admin'],
    ok: 200,
    run: async (c) =>
      c.post(`/console/officers/${await target()}/password`, { password: 'another password' }),
  },
  {
    name: 'POST /console/officers/:id/desk',
    allow: ['admin'],
    ok: 200,
    run: async (c) => c.post(`/console/officers/${await target()}/desk`, { desk: 'togolese-abroad' }),
  },
  {
    name: 'POST /console/officers/:id/token',
    allow: ['admin'],
    ok: 200,
    run: async (c) => c.post(`/console/officers/${await target()}/token`),
  },
  { name: 'GET /api/leads', allow: staffAll, ok: 200, api: true, run: (c) => c.get('/api/leads') },
  {
    name: 'GET /api/leads/:ref',
    allow: deskOnly,
    ok: 200,
    api: true,
    run: async (c) => c.get(`/api/leads/${await freshRef()}`),
  },
  {
    name: 'POST /api/leads/:ref/status',
    allow: deskOnly,
    ok: 200,
    api: true,
    run: async (c) => c.postJson(`/api/leads/${await freshRef()}/status`, JSON.stringify({ to: 'assigned' })),
  },
];

const CASES = ROUTES.flatMap((route) => WHO.map((who) => ({ route, who, label: `${route.name} as ${who}` })));

describe('console authorization: every route × every role', () => {
  it.each(CASES)('$label', async ({ route, who }) => {
    const res = await route.run(clients[who]);
    if (route.allow.includes(who)) {
      expect(res.status).toBe(route.ok);
    } else if (who === 'anonymous') {
      if (route.api) {
        expect(res.status).toBe(401);
      } else {
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toMatch(/^\/console\/login/);
      }
    } else {
      expect(res.status).toBe(403);
    }
  });
});

describe('API tokens', () => {
  it('authenticates with a per-officer bearer token, with the same desk rules', async () => {
    const token = await issueApiToken(rt.store, staff.otherOfficer.id);
    const mine = await newLead(rt.store, { desk: 'digital-economy' });
    const notMine = await newLead(rt.store, { desk: 'investment-promotion' });
    const bearer = { authorization: `Bearer ${token}` };
    const anon = new ConsoleClient(rt.app);
    const list = await anon.get('/api/leads', bearer);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { leads: { reference: string; desk: string }[] };
    expect(body.leads.map((l) => l.reference)).toContain(mine.reference);
    expect(body.leads.every((l) => l.desk === 'digital-economy')).toBe(true);
    expect((await anon.get(`/api/leads/${notMine.reference}`, bearer)).status).toBe(403);
    expect((await anon.get('/api/leads', { authorization: `Bearer ${token}x` })).status).toBe(401);
    expect((await anon.get('/api/leads', { authorization: 'Bearer ' })).status).toBe(401);
  });
});
