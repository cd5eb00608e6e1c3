import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { InboundMessage } from '../../functions/core/types.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-api.js';
import { freshStore } from '../helpers/store.js';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const SCRIPT = join(import.meta.dirname, 'worker-process.ts');

/**
 * The worker process dies between the store write and the send. A second process, given the
 * redelivered message, finds the committed replies, sends them, and the person gets one answer.
 */
describe('a worker killed mid-message', () => {
  let telegram: FakeTelegram;
  beforeAll(async () => {
    telegram = await startFakeTelegram();
  });
  afterAll(() => telegram.close());

  it('is answered once after the restart, neither lost nor doubled', async () => {
    const store = await freshStore();
    const message: InboundMessage = {
      channel: 'telegram',
      userId: '4242',
      address: '4242',
      externalId: '880001',
      kind: 'text',
      text: 'bonjour',
      langHint: 'fr',
      receivedAtMs: Date.now(),
    };
    // Asynchronous: the fake Telegram API answers from this process, which must not be blocked.
    const worker = (extra: Record<string, string>) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(TSX, [SCRIPT], {
          env: {
            ...process.env,
            TABLE_NAME: store.tableName,
            DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
            TELEGRAM_API_ROOT: telegram.apiRoot,
            MESSAGE: JSON.stringify(message),
            ...extra,
          },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });

    const crashed = await worker({ CRASH: 'after-commit', LEASE_MS: '1500' });
    expect(crashed.status).toBe(86);
    expect(telegram.sent()).toHaveLength(0);

    const restarted = await worker({});
    expect(restarted.status, restarted.stderr).toBe(0);
    const result = JSON.parse(restarted.stdout.trim().split('\n').at(-1)!);
    expect(result.outcome).toBe('resumed');
    const sent = telegram.sent().filter((c) => String(c.params.chat_id) === '4242');
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.params.text)).toMatch(/Que souhaitez-vous faire/);

    const again = await worker({});
    expect(JSON.parse(again.stdout.trim()).outcome).toBe('duplicate');
    expect(telegram.sent()).toHaveLength(1);
  }, 90_000);
});
