import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_UPDATES } from '../../functions/channels/telegram/bot.js';
import { setTelegramWebhook, webhookSettings } from '../../scripts/telegram-webhook.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-api.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/telegram-webhook.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

let telegram: FakeTelegram;
beforeAll(async () => {
  telegram = await startFakeTelegram();
});
afterAll(() => telegram.close());

const env = () => ({
  TELEGRAM_BOT_TOKEN: '123456:webhook-test-token',
  PUBLIC_URL: 'https://abc123.execute-api.eu-west-1.amazonaws.com/',
  TELEGRAM_WEBHOOK_SECRET: 'live-webhook-secret_01',
  TELEGRAM_API_ROOT: telegram.apiRoot,
});

// Two cases start the script with tsx in a child process: seconds each on a loaded machine.
describe('npm run telegram:webhook', { timeout: 60_000 }, () => {
  it('calls setWebhook with the webhook URL, the secret token and only the handled update kinds', async () => {
    // Act
    const url = await setTelegramWebhook(webhookSettings(env()));

    // Assess
    expect(url).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com/webhooks/telegram');
    const call = telegram.calls.findLast((c) => c.method === 'setWebhook');
    expect(call?.params).toEqual({
      url,
      secret_token: 'live-webhook-secret_01',
      allowed_updates: [...ALLOWED_UPDATES],
    });
  });

  it('runs as a command and says what it did', async () => {
    const before = telegram.calls.length;
    const { stdout } = await run(TSX, [SCRIPT], { env: { PATH: process.env.PATH ?? '', ...env() } });
    expect(stdout).toContain(
      'Telegram webhook set: https://abc123.execute-api.eu-west-1.amazonaws.com/webhooks/telegram',
    );
    expect(telegram.calls.slice(before).map((c) => c.method)).toEqual(['setWebhook']);
  });

  it.each([
    [{ PUBLIC_URL: 'http://abc.example' }, /must be https/],
    [{ TELEGRAM_WEBHOOK_SECRET: 'dev-telegram-webhook-secret' }, /development default/],
    [{ TELEGRAM_WEBHOOK_SECRET: 'has spaces!' }, /may hold only/],
    [{ TELEGRAM_BOT_TOKEN: '' }, /Missing TELEGRAM_BOT_TOKEN/],
  ])('refuses %o without calling Telegram', async (override, message) => {
    const before = telegram.calls.length;
    const failed = run(TSX, [SCRIPT], { env: { PATH: process.env.PATH ?? '', ...env(), ...override } });
    await expect(failed).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(message) });
    expect(telegram.calls.length).toBe(before);
  });
});
