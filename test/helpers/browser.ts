import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where a system Chromium usually lives (Debian, Ubuntu, Alpine, and an explicit override). */
const SYSTEM_CHROMIUMS = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter((p): p is string => Boolean(p));

/**
 * A headless Chromium for the console's browser tests. A system Chromium when there is one (CI
 * installs Debian's); otherwise the one `@sparticuz/chromium` ships inside its npm package, so
 * `npm install && npm test` needs nothing else on the machine. Playwright's own browser download
 * is not used: it fetches from a CDN, which a machine with only the npm registry cannot reach.
 */
export async function launchChromium(): Promise<Browser> {
  const system = SYSTEM_CHROMIUMS.find((p) => existsSync(p));
  const flags = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  if (system) return chromium.launch({ executablePath: system, args: flags });
  // Unpacked once into the temp folder, then reused (about 1.5 s a launch after that).
  const { default: packaged } = await import('@sparticuz/chromium');
  return chromium.launch({
    executablePath: await packaged.executablePath(),
    args: [...packaged.args, ...flags],
    headless: true,
  });
}
