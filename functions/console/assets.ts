import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { HTMX_SOURCE } from './htmx.generated.js';

/**
 * Static files the console serves itself (the CSP allows scripts from this origin only): htmx,
 * which refreshes the lists and the lead page while they are open. The file name carries a hash
 * of the content, so browsers may keep it for a year and a new version is a new name. The source
 * is generated into a module (`npm run assets:build`), so the console's Lambda bundle carries it.
 */
const htmx = {
  path: `/console/assets/htmx-${createHash('sha256').update(HTMX_SOURCE).digest('hex').slice(0, 12)}.min.js`,
  source: HTMX_SOURCE,
};

/** Where the page loads htmx from (its name changes with its content). */
export const htmxPath = (): string => htmx.path;

/** GET /console/assets/…: mounted before sign-in (a script holds nothing private). */
export function assetRoutes() {
  const app = new Hono();
  app.get('/assets/:file', (c) => {
    if (`/console/assets/${c.req.param('file')}` !== htmx.path) return c.notFound();
    return c.body(htmx.source, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });
  return app;
}
