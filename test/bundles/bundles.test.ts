import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOfficer, issueApiToken } from '../../functions/console/officers/repository.js';
import type { InboundMessage } from '../../functions/core/types.js';
import { importedService, officerWith } from '../../functions/features/knowledge-editing/testing.js';
import { createLead } from '../../functions/features/leads/repository.js';
import { loadRoutingTable } from '../../functions/features/leads/routing/routing.js';
import { keys } from '../../functions/store/keys.js';
import { PROJECT_ROOT } from '../../infra/bundling.js';
import { bundleFunctions, invokeInChild } from '../../scripts/bundle.js';
import { apiGatewayEvent, sqsEvent } from '../../scripts/lambda-events.js';
import { startFakeTelegram } from '../fakes/telegram-api.js';
import { startFakeTwilio } from '../fakes/twilio-api.js';
import { freshStore } from '../helpers/store.js';
import { startFakeAws } from './aws-fakes.js';

const PUBLIC_URL = 'https://assistant.example.test';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:togo-assistant-AbCdEf';
const SECRETS = {
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000001',
  TWILIO_AUTH_TOKEN: 'bundle-twilio-auth-token',
  TELEGRAM_BOT_TOKEN: '123456:bundle-telegram-token',
  TELEGRAM_WEBHOOK_SECRET: 'bundle-telegram-webhook-secret',
  SESSION_SECRET: 'bundle-session-secret-0123456789abcdef',
};

// Each case starts fresh Node processes (a cold start each); on a loaded machine that takes seconds.
const CHILD_TIMEOUT_MS = 90_000;

type ApiResult = { statusCode: number; body: string; headers: Record<string, string> };

let outdir: string | undefined;
let bundles: Record<string, string>;
let sources: Record<string, string>;
let aws: Awaited<ReturnType<typeof startFakeAws>>;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;
let env: Record<string, string>;
let tableName: string;
/** The SDK sends to the queue URL's host, so the fake's address stands in for SQS's. */
let QUEUE_URL: string;
let store: Awaited<ReturnType<typeof freshStore>>;

beforeAll(async () => {
  // A directory of this run's own: two test runs at once must not overwrite each other's bundles.
  await mkdir(join(PROJECT_ROOT, 'dist'), { recursive: true });
  outdir = await mkdtemp(join(PROJECT_ROOT, 'dist', 'test-bundles-'));
  const built = await bundleFunctions(outdir);
  bundles = Object.fromEntries(built.map((b) => [b.name, b.file]));
  sources = Object.fromEntries(
    await Promise.all(built.map(async (b) => [b.name, await readFile(b.file, 'utf8')] as const)),
  );
  store = await freshStore();
  tableName = store.tableName;
  aws = await startFakeAws({ [SECRET_ARN]: SECRETS });
  QUEUE_URL = `${aws.url}/000000000000/inbound.fifo`;
  telegram = await startFakeTelegram();
  twilio = await startFakeTwilio({
    accountSid: SECRETS.TWILIO_ACCOUNT_SID,
    authToken: SECRETS.TWILIO_AUTH_TOKEN,
  });
  // What the stack sets on the functions (no secret values), plus the loopback endpoints.
  env = {
    APP_ENV: 'production',
    LOG_LEVEL: 'error',
    PUBLIC_URL,
    TABLE_NAME: tableName,
    INBOUND_QUEUE_URL: QUEUE_URL,
    SECRETS_ARN: SECRET_ARN,
    TWILIO_WHATSAPP_FROM: 'whatsapp:+10000000000',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_ENDPOINT_URL_SQS: aws.url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TWILIO_API_BASE_URL: twilio.baseUrl,
  };
}, 120_000);

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
  await Promise.all([aws?.close(), telegram?.close(), twilio?.close()]);
});

function signedWhatsApp(params: Record<string, string>, token = SECRETS.TWILIO_AUTH_TOKEN) {
  const signature = getExpectedTwilioSignature(token, `${PUBLIC_URL}/webhooks/whatsapp`, params);
  return apiGatewayEvent({
    method: 'POST',
    path: '/webhooks/whatsapp',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
    base64: true,
  });
}

describe('what each bundle contains', () => {
  it('keeps the heavy clients, the engine and local-only parts out of the API bundle', () => {
    const api = sources.api!;
    expect(api).not.toContain('api.openai.com'); // the OpenAI SDK
    expect(api).not.toContain('api.twilio.com'); // the twilio REST client (the webhook check is separate)
    expect(api).not.toContain('DynamoDBLocal.jar'); // DynamoDB Local
    expect(api).not.toContain('dead-letter list'); // the in-memory queue
  });

  it('gives the worker the Messages-only twilio client, not the 40 REST domains', () => {
    const worker = sources.worker!;
    expect(worker).toContain('api.twilio.com');
    expect(worker).not.toContain('conversations.twilio.com');
    expect(worker).not.toContain('DynamoDBLocal.jar');
  });
});

describe('API function bundle, in a fresh Node process', { timeout: CHILD_TIMEOUT_MS }, () => {
  it('answers a health check, a signed Twilio POST and a Telegram update, queuing both messages', async () => {
    // Prepare
    const sent = aws.sent.length;
    const whatsapp = {
      From: 'whatsapp:+33600000001',
      To: 'whatsapp:+10000000000',
      MessageSid: 'SMbundle0000000000000000000000001',
      Body: 'Bonjour, je veux investir au Togo',
      NumMedia: '0',
    };
    const update = {
      update_id: 900_001,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 4242, type: 'private' },
        from: { id: 4242, is_bot: false, first_name: 'Ama', language_code: 'fr' },
        text: 'Salut',
      },
    };
    const events = [
      apiGatewayEvent({ method: 'GET', path: '/health' }),
      signedWhatsApp(whatsapp),
      apiGatewayEvent({
        method: 'POST',
        path: '/webhooks/telegram',
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': SECRETS.TELEGRAM_WEBHOOK_SECRET,
        },
        body: JSON.stringify(update),
      }),
      signedWhatsApp(whatsapp, 'not-the-auth-token'),
    ];

    // Act
    const run = await invokeInChild<ApiResult>(bundles.api!, events, env);

    // Assess
    const [health, twiml, telegramAck, forged] = run.results;
    expect(health?.statusCode).toBe(200);
    expect(JSON.parse(health!.body)).toMatchObject({ status: 'ok', store: 'up' });
    expect(twiml?.statusCode).toBe(200);
    expect(twiml?.body).toContain('<Response/>');
    expect(telegramAck?.statusCode).toBe(200);
    expect(forged?.statusCode).toBe(403);
    const queued = aws.sent.slice(sent);
    expect(queued.map((m) => [m.QueueUrl, m.MessageGroupId, m.MessageDeduplicationId])).toEqual([
      [QUEUE_URL, 'whatsapp:whatsapp:+33600000001', `whatsapp:${whatsapp.MessageSid}`],
      [QUEUE_URL, 'telegram:4242', 'telegram:900001'],
    ]);
    expect(JSON.parse(queued[0]!.MessageBody)).toMatchObject({ kind: 'text', text: whatsapp.Body });
    expect(aws.secretReads.filter((id) => id === SECRET_ARN).length).toBeGreaterThan(0);
  });

  it('refuses to start without its queue rather than dropping messages', async () => {
    const { INBOUND_QUEUE_URL: _, ...withoutQueue } = env;
    await expect(
      invokeInChild(bundles.api!, [apiGatewayEvent({ method: 'GET', path: '/health' })], withoutQueue),
    ).rejects.toThrow(/INBOUND_QUEUE_URL/);
  });
});

describe('worker function bundle, in a fresh Node process', { timeout: CHILD_TIMEOUT_MS }, () => {
  const message = (overrides: Partial<InboundMessage>): InboundMessage => ({
    channel: 'telegram',
    userId: '5151',
    address: '5151',
    externalId: '910001',
    kind: 'text',
    text: 'Bonjour',
    langHint: 'fr',
    receivedAtMs: Date.now(),
    ...overrides,
  });

  it('answers queued Telegram and WhatsApp messages through the real clients, once', async () => {
    // Prepare
    const fromTelegram = message({});
    const fromWhatsApp = message({
      channel: 'whatsapp',
      userId: 'whatsapp:+33600000002',
      address: 'whatsapp:+33600000002',
      externalId: 'SMbundle0000000000000000000000002',
    });
    const event = sqsEvent([fromTelegram, fromWhatsApp]);

    // Act: the same event twice, as an SQS redelivery would
    const run = await invokeInChild<{ batchItemFailures: unknown[] }>(bundles.worker!, [event, event], env);

    // Assess
    expect(run.results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(telegram.sent().filter((c) => String(c.params.chat_id) === '5151').length).toBeGreaterThan(0);
    const toWhatsApp = twilio.messages.filter((m) => m.params.To === fromWhatsApp.address);
    expect(toWhatsApp.length).toBeGreaterThan(0);
    expect(toWhatsApp[0]?.params.From).toBe('whatsapp:+10000000000');
    const again = await invokeInChild(bundles.worker!, [event], env);
    expect(again.results).toEqual([{ batchItemFailures: [] }]);
    expect(twilio.messages.filter((m) => m.params.To === fromWhatsApp.address)).toHaveLength(
      toWhatsApp.length,
    );
    const record = await store.doc.send(
      new GetCommand({ TableName: tableName, Key: keys.inbound('telegram', '910001') }),
    );
    expect(record.Item?.status).toBe('done');
  });

  it('returns a malformed record to the queue, with the later records of its group, and handles the others', async () => {
    // Prepare
    const event = sqsEvent([
      message({ externalId: '920001', userId: '6161', address: '6161' }),
      message({ externalId: '920002', userId: '7171', address: '7171' }),
    ]);
    const poisoned = { ...event.Records[0]!, messageId: 'poison', body: '{not json' };
    const after = { ...event.Records[0]!, messageId: 'after-poison' };
    const batch = { Records: [poisoned, after, event.Records[1]!] };

    // Act
    const run = await invokeInChild<{ batchItemFailures: { itemIdentifier: string }[] }>(
      bundles.worker!,
      [batch],
      env,
    );

    // Assess
    expect(run.results[0]?.batchItemFailures).toEqual([
      { itemIdentifier: 'poison' },
      { itemIdentifier: 'after-poison' },
    ]);
    expect(telegram.sent().some((c) => String(c.params.chat_id) === '7171')).toBe(true);
    expect(telegram.sent().some((c) => String(c.params.chat_id) === '6161')).toBe(false);
  });
});

describe('escalation function bundle, in a fresh Node process', { timeout: CHILD_TIMEOUT_MS }, () => {
  it('escalates an overdue lead on a scheduled event, tells the desk group on Telegram, and only once', async () => {
    // Prepare: a lead created long before its desk's claim deadline, in a table of its own
    const own = await freshStore();
    const desk = loadRoutingTable().desks.find((d) => d.id === 'investment-promotion')!;
    const createdAtMs = Date.now() - (desk.sla.claimMinutes + 10) * 60_000;
    const lead = await createLead(
      own,
      {
        kind: 'registration',
        programme: 'investment',
        sector: 'energy',
        country: 'FR',
        contactPreference: 'chat',
        channel: 'telegram',
        userId: '8181',
        address: '8181',
        lang: 'fr',
        desk: 'investment-promotion',
      },
      createdAtMs,
    );
    const scheduled = {
      version: '0',
      id: 'e2c3f1d0-0000-4000-8000-000000000001',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'eu-west-1',
      resources: ['arn:aws:events:eu-west-1:000000000000:rule/EscalationSchedule'],
      detail: {},
    };
    const withDeskGroup = {
      ...env,
      TABLE_NAME: own.tableName,
      DESK_TELEGRAM_CHAT_IDS: 'investment-promotion=-100777',
    };

    // Act: two scheduled events in the same container, as two passes
    const run = await invokeInChild<{ escalated: number }>(
      bundles.escalation!,
      [scheduled, scheduled],
      withDeskGroup,
    );

    // Assess
    expect(run.results.map((r) => r.escalated)).toEqual([expect.any(Number), 0]);
    expect(run.results[0]!.escalated).toBeGreaterThanOrEqual(1);
    const toDesk = telegram.sent().filter((c) => String(c.params.chat_id) === '-100777');
    expect(toDesk.length).toBe(run.results[0]!.escalated);
    expect(String(toDesk[0]?.params.text)).toContain(lead.reference);
  });
});

describe('console function bundle, in a fresh Node process', { timeout: CHILD_TIMEOUT_MS }, () => {
  it('serves the login page, refuses the API without credentials, and lists a desk’s leads for its officer', async () => {
    // Prepare: an officer of the investment desk with an API token, and one lead on that desk
    const own = await freshStore();
    const officer = await createOfficer(own, {
      email: 'agent@bundle.test',
      name: 'Agent Bundle',
      role: 'officer',
      desk: 'investment-promotion',
      password: 'bundle-password-2026',
    });
    const token = await issueApiToken(own, officer.id);
    const lead = await createLead(own, {
      kind: 'registration',
      programme: 'investment',
      sector: 'energy',
      country: 'FR',
      contactPreference: 'chat',
      channel: 'telegram',
      userId: '8282',
      address: '8282',
      lang: 'fr',
      desk: 'investment-promotion',
    });
    const consoleEnv = {
      ...env,
      TABLE_NAME: own.tableName,
      BROADCAST_QUEUE_URL: `${aws.url}/000000000000/broadcasts`,
    };

    // Act
    const run = await invokeInChild<ApiResult>(
      bundles.console!,
      [
        apiGatewayEvent({ method: 'GET', path: '/console/login' }),
        apiGatewayEvent({ method: 'GET', path: '/api/leads' }),
        apiGatewayEvent({ method: 'GET', path: '/api/leads', headers: { authorization: `Bearer ${token}` } }),
      ],
      consoleEnv,
    );

    // Assess
    const [login, anonymous, listed] = run.results;
    expect(login?.statusCode).toBe(200);
    expect(login?.body).toContain('<form');
    expect(anonymous?.statusCode).toBe(401);
    expect(listed?.statusCode).toBe(200);
    expect(listed?.body).toContain(lead.reference);
  });
});

describe('broadcast function bundles, in a fresh Node process', { timeout: CHILD_TIMEOUT_MS }, () => {
  it('start nothing when no broadcast is due, and consume no job from an empty batch', async () => {
    // Prepare: an empty table of its own; the broadcast queue is the SQS fake
    const own = await freshStore();
    const broadcastEnv = {
      ...env,
      TABLE_NAME: own.tableName,
      BROADCAST_QUEUE_URL: `${aws.url}/000000000000/broadcasts`,
    };
    const scheduled = { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} };

    // Act
    const [schedule, consumer] = await Promise.all([
      invokeInChild<{ started: string[] }>(bundles.broadcastSchedule!, [scheduled], broadcastEnv),
      invokeInChild<{ batchItemFailures: unknown[] }>(bundles.broadcast!, [{ Records: [] }], broadcastEnv),
    ]);

    // Assess
    expect(schedule.results).toEqual([{ started: [] }]);
    expect(consumer.results).toEqual([{ batchItemFailures: [] }]);
  });
});

describe('worker bundle and a knowledge base published from the console', {
  timeout: CHILD_TIMEOUT_MS,
}, () => {
  it('answers from the new version on the next invocation of the same container, with no redeploy', async () => {
    // Prepare: a table with knowledge/ imported and two editors; the worker checks the pointer every turn
    const own = await freshStore();
    const { service } = await importedService(own);
    const [ama, kofi] = await Promise.all([
      officerWith(own, 'officer', true, 'togolese-abroad'),
      officerWith(own, 'officer', true, 'togolese-abroad'),
    ]);
    const question = 'Je voudrais des informations sur le tournoi de pétanque de la diaspora';
    const newText = 'Le tournoi de pétanque de la diaspora se joue chaque été';
    const asked = (externalId: string): InboundMessage => ({
      channel: 'telegram',
      userId: '9393',
      address: '9393',
      externalId,
      kind: 'text',
      text: question,
      langHint: 'fr',
      receivedAtMs: Date.now(),
    });
    const signal = join(outdir!, 'kb-paused');
    const resume = join(outdir!, 'kb-resume');
    const events = [
      sqsEvent([asked('930001')]),
      { __pause: { signal, resume, timeoutMs: 40_000 } },
      sqsEvent([asked('930002')]),
    ];

    // Act: invocation 1, then a publish while the container waits, then invocation 2
    const running = invokeInChild<{ batchItemFailures: unknown[] }>(bundles.worker!, events, {
      ...env,
      TABLE_NAME: own.tableName,
      KB_REFRESH_SECONDS: '0',
    });
    while (!existsSync(signal)) await new Promise((r) => setTimeout(r, 50));
    const replyBefore = telegram.sent().filter((c) => String(c.params.chat_id) === '9393').length;
    for (const lang of ['fr', 'en'] as const) {
      await service.saveDraft(ama, 'petanque-tournament', {
        lang,
        title: lang === 'fr' ? 'Tournoi de pétanque de la diaspora' : 'Diaspora pétanque tournament',
        body:
          lang === 'fr'
            ? `${newText}, avec les ambassades et consulats du Togo.`
            : 'The diaspora pétanque tournament is played every summer, with the embassies and consulates of Togo.',
        questions: [],
        keywords: lang === 'fr' ? ['pétanque', 'tournoi', 'boules'] : ['petanque', 'tournament'],
        sources: ['Ambassades et consulats du Togo'],
        ownerDesk: 'togolese-abroad',
      });
    }
    await service.publish(kofi, 'petanque-tournament');
    await writeFile(resume, 'go');
    const run = await running;

    // Assess
    expect(run.results).toEqual([{ batchItemFailures: [] }, { paused: true }, { batchItemFailures: [] }]);
    const replies = telegram.sent().filter((c) => String(c.params.chat_id) === '9393');
    expect(replyBefore).toBeGreaterThan(0);
    expect(
      replies
        .slice(0, replyBefore)
        .map((c) => String(c.params.text))
        .join(),
    ).not.toContain(newText);
    expect(
      replies
        .slice(replyBefore)
        .map((c) => String(c.params.text))
        .join(),
    ).toContain(newText);
  });
});
