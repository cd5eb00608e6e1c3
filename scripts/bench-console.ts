/**
 * `npm run bench:console`: the console against an in-memory DynamoDB Local with many leads.
 * Measures a login (scrypt), the lead list, a lead page, the CSV export and the JSON API list,
 * in-process through `app.request`. The last line is one JSON object.
 */

import { createLocalRuntime } from '../functions/app/local-runtime.js';
import { DEMO_OFFICERS, seedDemoOfficers } from '../functions/console/officers/demo.js';
import { loadConfig } from '../functions/core/config.js';
import { silentLogger } from '../functions/core/logger.js';
import { createLead } from '../functions/features/leads/repository.js';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.js';
import { ensureTable } from '../functions/store/bootstrap.js';
import { createStore } from '../functions/store/client.js';

/** `--leads N` (or BENCH_LEADS): how many leads to seed; 1,000 by default, the target. */
function leadsArg(): number {
  const i = process.argv.indexOf('--leads');
  const raw = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith('--leads='))?.slice(8);
  const n = Number(raw ?? process.env.BENCH_LEADS ?? 1000);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--leads wants a positive whole number, not ${raw}`);
  return n;
}
const LEADS = leadsArg();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const DESKS = ['investment-promotion', 'digital-economy', 'togolese-abroad'];
const PROGRAMMES = ['investment', 'business_creation', 'skills_transfer', 'digital_training'] as const;
const COUNTRIES = ['FR', 'BE', 'CA', 'US', 'DE', 'CI'];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynamoDbLocal({});
  try {
    const store = createStore({ tableName: 'bench-console', endpoint: dynamo.endpoint });
    await ensureTable(store);
    const config = loadConfig({ APP_ENV: 'local', TABLE_NAME: store.tableName, LOG_LEVEL: 'silent' });
    const rt = createLocalRuntime(config, { store, logger: silentLogger });
    await seedDemoOfficers(config, store);
    const seedStart = performance.now();
    const refs: string[] = [];
    for (let i = 0; i < LEADS; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, LEADS - i) }, (_, j) =>
          createLead(store, {
            kind: 'registration',
            programme: PROGRAMMES[(i + j) % PROGRAMMES.length],
            sector: 'agriculture',
            country: COUNTRIES[(i + j) % COUNTRIES.length],
            fullName: `Person ${i + j}`,
            contactPreference: 'chat',
            channel: 'telegram',
            userId: String(10_000 + i + j),
            address: String(10_000 + i + j),
            lang: 'fr',
            desk: DESKS[(i + j) % DESKS.length]!,
          }),
        ),
      );
      refs.push(...batch.map((l) => l.reference));
    }
    const seedMs = performance.now() - seedStart;

    // Sign in as the supervisor (sees every desk: the heaviest list).
    const supervisor = DEMO_OFFICERS.find((o) => o.role === 'supervisor')!;
    const origin = new URL(config.PUBLIC_URL).origin;
    const form = await rt.app.request('/console/login');
    const loginCookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const loginStart = performance.now();
    const login = await rt.app.request('/console/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie: loginCookie },
      body: new URLSearchParams({
        email: supervisor.email,
        password: supervisor.password,
        _csrf: token,
      }).toString(),
    });
    const loginMs = performance.now() - loginStart;
    if (login.status !== 303) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const measure = async (path: string) => {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        const res = await rt.app.request(path, { headers: { cookie } });
        bytes = (await res.arrayBuffer()).byteLength;
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), bytes };
    };
    // The second page of the list: the "page suivante" link of the first.
    const first = await (await rt.app.request('/console/leads', { headers: { cookie } })).text();
    const nextHref = /<a href="([^"]+)" rel="next">/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    const figures = {
      leads: LEADS,
      rounds: ROUNDS,
      seedMs: Math.round(seedMs),
      loginMs: round(loginMs),
      leadList: await measure('/console/leads'),
      leadListFiltered: await measure('/console/leads?desk=digital-economy&status=new&country=FR'),
      ...(nextHref ? { leadListNext: await measure(nextHref) } : {}),
      leadPage: await measure(`/console/leads/${refs[0]}`),
      csvAll: await measure('/console/leads.csv'),
      apiList: await measure('/api/leads'),
      dashboard: await measure('/console/dashboard'),
    };
    console.log(
      `${LEADS} leads: login ${figures.loginMs} ms; list p50 ${figures.leadList.p50Ms} ms (p95 ${figures.leadList.p95Ms}); ` +
        `API list p50 ${figures.apiList.p50Ms} ms; lead page p50 ${figures.leadPage.p50Ms} ms; CSV p50 ${figures.csvAll.p50Ms} ms (${figures.csvAll.bytes} bytes); ` +
        `dashboard p50 ${figures.dashboard.p50Ms} ms`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
