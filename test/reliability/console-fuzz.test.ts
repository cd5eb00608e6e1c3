import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEAD_OUTCOMES, LEAD_STATUSES } from '../../functions/features/leads/status.js';
import { newLead, ORIGIN, seedStaff, signedIn } from '../console/helpers.js';
import { testRuntime } from '../helpers/runtime.js';

/**
 * Every console run touches DynamoDB Local (session, lead, audit), so `npm test` runs a smaller
 * count; `FUZZ_RUNS=10000 npx vitest run test/reliability/console-fuzz.test.ts` runs the full one.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
/** A path segment from any string: lone surrogates (which cannot be URL-encoded) become U+FFFD. */
const pathPart = (r: string) =>
  encodeURIComponent(
    r.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
const STACK = /\n\s+at |node_modules|\.tsx?:\d+|Error:/;

const edge = fc.constantFrom(
  '',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '\uD800',
  '🇹🇬',
  '../../etc/passwd',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  '" onmouseover="x',
  "'; DROP TABLE leads; --",
  '{{7*7}}',
  'null',
  '-1',
  '1e309',
  'TG-2026-0001',
);
const huge = fc.integer({ min: 3_000, max: 20_000 }).map((n) => 'é'.repeat(n));
const anyText = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 3, arbitrary: edge },
  { weight: 1, arbitrary: huge },
);
const known = [...LEAD_STATUSES, ...LEAD_OUTCOMES, 'fr', 'en', 'officer', 'supervisor', 'admin', 'whatsapp'];
const value = fc.oneof(anyText, fc.constantFrom(...known));
const field = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'to',
      'outcome',
      'text',
      'note',
      'desk',
      'officerId',
      'assignee',
      'template',
      'email',
      'name',
      'role',
      'password',
      'telegramUserId',
      'active',
      'audience',
      'message',
      'idempotencyKey',
      '_csrf',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

/**
 * The console's forms, its query strings and the JSON API, fuzzed with a signed-in supervisor's
 * session (so the handlers are reached, not only the guards): never a 5xx, never a stack trace.
 */
describe('console and API fuzzing', () => {
  it(`never answers 5xx or a stack trace (${RUNS} generated requests)`, async () => {
    const rt = await testRuntime();
    const staff = await seedStaff(rt.store);
    const lead = await newLead(rt.store, { desk: staff.officer.desk });
    const client = await signedIn(rt.app, staff.supervisor.email);
    const ref = fc.oneof(
      { weight: 3, arbitrary: fc.constant(lead.reference) },
      { weight: 1, arbitrary: anyText },
    );
    const formPath = fc.oneof(
      ref.chain((r) =>
        fc
          .constantFrom('claim', 'status', 'reassign', 'notes', 'conversation', 'hand-back', 'reply')
          .map((a) => `/console/leads/${pathPart(r)}/${a}`),
      ),
      fc.constantFrom(
        '/console/officers',
        `/console/officers/${staff.officer.id}/desk`,
        '/console/broadcasts/preview',
        '/console/broadcasts/edit',
        '/console/broadcasts',
        '/console/lang',
      ),
    );
    const form = fc.record({
      kind: fc.constant('form' as const),
      path: formPath,
      pairs: fc.array(fc.tuple(field, value), { maxLength: 6 }),
      csrf: fc.constantFrom('valid', 'valid', 'valid', 'wrong', 'missing'),
      contentType: fc.constantFrom(
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=z',
        'application/json',
        'text/plain',
      ),
      origin: fc.constantFrom(ORIGIN, ORIGIN, ORIGIN, 'https://evil.example', undefined),
    });
    const api = fc.record({
      kind: fc.constant('api' as const),
      path: ref.map((r) => `/api/leads/${pathPart(r)}/status`),
      body: fc.oneof(
        fc.record({ to: value, outcome: fc.option(value) }).map((b) => JSON.stringify(b)),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        anyText,
      ),
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
      ),
    });
    const query = fc.record({
      kind: fc.constant('query' as const),
      path: fc.constantFrom(
        '/console/leads',
        '/console/leads.csv',
        '/console/dashboard',
        '/api/leads',
        '/console/broadcasts',
        `/api/leads/${lead.reference}`,
      ),
      pairs: fc.array(
        fc.tuple(fc.constantFrom('status', 'desk', 'channel', 'q', 'from', 'to', 'page', 'sort'), value),
        { maxLength: 5 },
      ),
    });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 6, arbitrary: form },
          { weight: 2, arbitrary: api },
          { weight: 2, arbitrary: query },
        ),
        async (req) => {
          const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
          let res: Response;
          if (req.kind === 'form') {
            const body = new URLSearchParams(req.pairs);
            if (req.csrf === 'valid') body.set('_csrf', client.csrf);
            if (req.csrf === 'wrong') body.set('_csrf', 'x'.repeat(client.csrf.length || 8));
            const headers: Record<string, string> = { cookie, 'content-type': req.contentType };
            if (req.origin) headers.origin = req.origin;
            res = await rt.app.request(req.path, { method: 'POST', headers, body: body.toString() });
          } else if (req.kind === 'api') {
            res = await rt.app.request(req.path, {
              method: 'POST',
              headers: { cookie, 'content-type': req.contentType, origin: ORIGIN },
              body: req.body,
            });
          } else {
            res = await rt.app.request(`${req.path}?${new URLSearchParams(req.pairs)}`, {
              headers: { cookie },
            });
          }
          const text = await res.text();
          expect(res.status, `${req.kind} ${req.path.slice(0, 80)}: ${text.slice(0, 200)}`).toBeLessThan(500);
          expect(text).not.toMatch(STACK);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        },
      ),
      { numRuns: RUNS },
    );
    // The session survived the whole run, so the handlers themselves were fuzzed.
    expect((await client.get('/console/leads')).status).toBe(200);
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 403, 404]));
  }, 600_000);
});
