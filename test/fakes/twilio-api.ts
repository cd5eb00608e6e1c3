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
  const app = new Hono();
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
    failNext(n: number, status = 500) {
      state.failNext = n;
      state.failStatus = status;
    },
    close: server.close,
  };
}
export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilio>>;
