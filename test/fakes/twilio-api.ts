import { Hono } from 'hono';
import { listen } from './http-fake.js';

export interface TwilioMessageCall {
  accountSid: string;
  params: Record<string, string>;
  at: number;
}

/**
 * A loopback Twilio REST API (Messages resource) for the real twilio client (`api.baseUrl`).
 * Checks HTTP basic auth as Twilio does; can answer 429 or 5xx on demand.
 */
export async function startFakeTwilio(credentials: { accountSid: string; authToken: string }) {
  const messages: TwilioMessageCall[] = [];
  const state = { failNext: 0, failStatus: 500 };
  const media = new Map<string, { bytes: Uint8Array; contentType: string; chunked: boolean }>();
  /** Media requests, with whether they carried the account's credentials. */
  const mediaFetches: { path: string; authorised: boolean }[] = [];
  const app = new Hono();
  app.get('/2010-04-01/Accounts/:sid/Messages/:message/Media/:media', (c) => {
    const expected = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
    const authorised = c.req.header('authorization') === expected;
    mediaFetches.push({ path: c.req.path, authorised });
    if (!authorised) return c.json({ code: 20003, message: 'Authenticate', status: 401 }, 401);
    const item = media.get(c.req.param('media'));
    if (!item) return c.json({ code: 20404, message: 'Not found', status: 404 }, 404);
    if (!item.chunked) {
      return c.body(item.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': item.contentType });
    }
    // No Content-Length: the reader only learns the size by reading (64 KiB at a time).
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < item.bytes.byteLength; at += 65536) {
          controller.enqueue(item.bytes.slice(at, at + 65536));
        }
        controller.close();
      },
    });
    return new Response(stream, { headers: { 'content-type': item.contentType } });
  });
  app.post('/2010-04-01/Accounts/:sid/Messages.json', async (c) => {
    const expected = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
    if (c.req.header('authorization') !== expected) {
      return c.json({ code: 20003, message: 'Authenticate', status: 401 }, 401);
    }
    if (state.failNext > 0) {
      state.failNext--;
      return c.json(
        { code: state.failStatus === 429 ? 20429 : 20500, message: 'Failure', status: state.failStatus },
        state.failStatus as 500,
      );
    }
    const params = Object.fromEntries(
      Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]),
    );
    messages.push({ accountSid: c.req.param('sid'), params, at: Date.now() });
    const sid = `SM${String(messages.length).padStart(32, '0')}`;
    return c.json(
      {
        sid,
        account_sid: c.req.param('sid'),
        to: params.To,
        from: params.From,
        body: params.Body,
        status: 'queued',
        date_created: new Date().toUTCString(),
      },
      201,
    );
  });
  const server = await listen(app);
  return {
    baseUrl: server.url,
    messages,
    mediaFetches,
    /**
     * Stores a media file as Twilio would for an incoming message and returns its `MediaUrl0`;
     * `chunked` serves it without a Content-Length.
     */
    addMedia(bytes: Uint8Array, contentType: string, options: { chunked?: boolean } = {}) {
      const sid = `ME${String(media.size + 1).padStart(32, '0')}`;
      media.set(sid, { bytes, contentType, chunked: options.chunked === true });
      return `${server.url}/2010-04-01/Accounts/${credentials.accountSid}/Messages/MM${sid.slice(2)}/Media/${sid}`;
    },
    failNext(n: number, status = 500) {
      state.failNext = n;
      state.failStatus = status;
    },
    close: server.close,
  };
}
export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilio>>;
