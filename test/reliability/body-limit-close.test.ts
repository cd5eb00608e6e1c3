import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../functions/app/http.js';
import { testRuntime } from '../helpers/runtime.js';

// Finding 10 of the hostile-input issue: a 413 on a chunked body said keep-alive, then closed.
let rt: Awaited<ReturnType<typeof testRuntime>>;
let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  rt = await testRuntime();
  server = serve({ fetch: rt.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.close();
  await rt.queue.idle();
});

describe('an oversized body', () => {
  it('gets 413 with Connection: close when it comes chunked', async () => {
    const res = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/webhooks/telegram',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          // A browser's or a proxy's connection: kept alive unless the server says otherwise.
          agent: new Agent({ keepAlive: true }),
        },
        (r) => {
          r.resume();
          resolve({ status: r.statusCode ?? 0, connection: r.headers.connection });
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(e)));
      const chunk = Buffer.alloc(16 * 1024, 'a');
      for (let sent = 0; sent <= MAX_BODY_BYTES * 2; sent += chunk.length) req.write(chunk);
      req.end();
    });
    expect(res.status).toBe(413);
    expect(res.connection).toBe('close');
  });
});
