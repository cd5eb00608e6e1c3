/**
 * `npm run docs:screenshots`: pictures of the console's main pages for the README, at a laptop's
 * width (1280 px) and a phone's (390 px), in docs/console-<page>-<width>.png. The local runtime on
 * a DynamoDB Local of its own, the demo accounts and demo leads of the browser tests
 * (test/helpers/console-demo.ts), and the browser of the tests (test/helpers/browser.ts).
 */

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.js';
import { ensureTable } from '../functions/store/bootstrap.js';
import { createStore } from '../functions/store/client.js';
import { listen } from '../test/fakes/http-fake.js';
import { launchChromium } from '../test/helpers/browser.js';
import { seedConsoleDemo, signedInContext } from '../test/helpers/console-demo.js';
import { testRuntime } from '../test/helpers/runtime.js';

// Plain http on loopback: Secure cookies would not stick.
const PUBLIC_URL = 'http://localhost:3000';
const OUT = join(import.meta.dirname, '..', 'docs');
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynamoDbLocal({});
  const browser = await launchChromium();
  try {
    const store = createStore({ tableName: 'docs-screenshots', endpoint: dynamo.endpoint });
    await ensureTable(store);
    const rt = await testRuntime({ PUBLIC_URL }, { store });
    const demo = await seedConsoleDemo(rt, PUBLIC_URL);
    const server = await listen(rt.app);
    const shots = [
      { name: 'leads', role: 'officer', path: '/console/leads' },
      { name: 'lead', role: 'officer', path: `/console/leads/${demo.held.reference}` },
      { name: 'dashboard', role: 'supervisor', path: '/console/dashboard' },
      { name: 'admin', role: 'admin', path: '/console/officers' },
    ] as const;
    await mkdir(OUT, { recursive: true });
    for (const viewport of WIDTHS) {
      for (const shot of shots) {
        const context = await signedInContext(browser, server.url, shot.role, viewport);
        const page = await context.newPage();
        await page.goto(`${server.url}${shot.path}`);
        await page.waitForLoadState('networkidle');
        const file = join(OUT, `console-${shot.name}-${viewport.width}.png`);
        await page.screenshot({ path: file });
        console.log(file);
        await context.close();
      }
    }
    await server.close();
    await rt.queue.idle();
  } finally {
    await browser.close();
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
