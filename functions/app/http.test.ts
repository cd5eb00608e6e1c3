import { describe, expect, it } from 'vitest';
import { postTelegram, postWhatsApp, telegramText, whatsappText } from '../../test/helpers/requests.js';
import { testRuntime } from '../../test/helpers/runtime.js';
import { StoreUnavailableError } from '../core/errors.js';
import { silentLogger } from '../core/logger.js';
import { createStore } from '../store/client.js';
import { createApp } from './http.js';

describe('the HTTP app', () => {
  it('reports its version and that the store answers on /health', async () => {
    const rt = await testRuntime();
    const res = await rt.app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: rt.config.VERSION, store: 'up' });
  });

  it('reports a store that does not answer, still with 200', async () => {
    const rt = await testRuntime();
    const app = createApp({
      config: rt.config,
      store: createStore({ tableName: 'x', endpoint: 'http://127.0.0.1:9' }),
      queue: rt.queue,
      logger: silentLogger,
    });
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect((await res.json()).store).toBe('down');
  });

  it('answers 404 in JSON to unknown routes and wrong methods', async () => {
    const rt = await testRuntime();
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/webhooks/whatsapp'],
      ['PUT', '/webhooks/telegram'],
    ] as const) {
      const res = await rt.app.request(path, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'Not found' });
    }
  });

  it('has no /dev routes in production', async () => {
    const rt = await testRuntime();
    const app = createApp({
      config: { ...rt.config, APP_ENV: 'production' },
      store: rt.store,
      queue: rt.queue,
      logger: silentLogger,
    });
    expect((await app.request('/dev/outbox')).status).toBe(404);
  });

  it('answers 503 (which the platforms retry) when the queue is down, without a stack trace', async () => {
    const rt = await testRuntime();
    const queue = {
      enqueue: async () => {
        throw new StoreUnavailableError('queue unreachable');
      },
    };
    const app = createApp({ config: rt.config, store: rt.store, queue, logger: silentLogger });
    const wa = await postWhatsApp(app, whatsappText('whatsapp:+33600000005', 'bonjour'));
    const tg = await postTelegram(app, telegramText(6001, 'bonjour'));
    for (const res of [wa, tg]) {
      expect(res.status).toBe(503);
      const body = await res.text();
      expect(body).not.toMatch(/at .+\.(ts|js)/);
    }
  });
});
