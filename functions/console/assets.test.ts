import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HTMX_MODULE, htmxModuleSource } from '../../scripts/assets-build.js';
import { assetRoutes, htmxPath } from './assets.js';

describe('the console’s own static script', () => {
  it('is the installed htmx (run `npm run assets:build` after upgrading htmx.org)', () => {
    expect(readFileSync(HTMX_MODULE, 'utf8')).toBe(htmxModuleSource());
  });

  it('is served under a content-hashed name with a long cache, and nothing else is', async () => {
    const app = assetRoutes();
    const res = await app.request(htmxPath().replace('/console', ''));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toContain('htmx');
    expect((await app.request('/assets/htmx-000000000000.min.js')).status).toBe(404);
    expect((await app.request('/assets/..%2F..%2Fpackage.json')).status).toBe(404);
  });
});
