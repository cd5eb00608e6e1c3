import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** Serves a Hono app on a loopback port; the fakes of external APIs are built on it. */
export async function listen(app: Hono): Promise<{ url: string; close: () => Promise<void> }> {
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server?.close(() => resolve());
      }),
  };
}
