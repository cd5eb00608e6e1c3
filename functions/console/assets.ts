import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';

/**
 * Static files the console serves itself (the CSP allows scripts from this origin only): htmx,
 * which refreshes the lists and the lead page while they are open. The file name carries a hash
 * of the content, so browsers may keep it for a year and a new version is a new name.
 */
interface Asset {
  path: string;
  source: string;
}

let htmx: Asset | null | undefined;
function loadHtmx(): Asset | null {
  if (htmx === undefined) {
    try {
      const source = readFileSync(
        createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'),
        'utf8',
      );
      const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
      htmx = { path: `/console/assets/htmx-${hash}.min.js`, source };
    } catch {
      // A bundle shipped without node_modules: pages still work, they just don't refresh themselves.
      htmx = null;
    }
  }
  return htmx;
}

/** Where the page loads htmx from; undefined when the file is not available. */
export const htmxPath = (): string | undefined => loadHtmx()?.path;

/** GET /console/assets/…: mounted before sign-in (a script holds nothing private). */
export function assetRoutes() {
  const app = new Hono();
  app.get('/assets/:file', (c) => {
    const asset = loadHtmx();
    if (!asset || `/console/assets/${c.req.param('file')}` !== asset.path) return c.notFound();
    return c.body(asset.source, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });
  return app;
}
