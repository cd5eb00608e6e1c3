import { describe, expect, it } from 'vitest';
import { freshStore } from '../../test/helpers/store.js';
import { silentLogger } from '../core/logger.js';
import type { ChannelSender, InboundMessage, Reply } from '../core/types.js';
import { createEngine } from '../engine/engine.js';
import { listMessages } from '../store/messages.js';
import { InboundBusyError, processInbound, type WorkerDeps } from './process-inbound.js';

function recordingSender() {
  const sent: { to: string; reply: Reply }[] = [];
  const sender: ChannelSender = {
    async send(to, reply) {
      sent.push({ to, reply });
    },
  };
  return { sent, sender };
}

const inbound = (externalId: string, text = 'bonjour'): InboundMessage => ({
  channel: 'whatsapp',
  userId: 'whatsapp:+33600000002',
  address: 'whatsapp:+33600000002',
  externalId,
  kind: 'text',
  text,
  receivedAtMs: Date.now(),
});

async function deps(overrides: Partial<WorkerDeps> = {}) {
  const { sent, sender } = recordingSender();
  const store = await freshStore();
  const base: WorkerDeps = {
    store,
    engine: createEngine(),
    senders: { whatsapp: sender, telegram: sender },
    logger: silentLogger,
    ...overrides,
  };
  return { sent, deps: base };
}

describe('processInbound', () => {
  it('answers, logs both directions, and ignores the same message afterwards', async () => {
    const { sent, deps: d } = await deps();
    expect(await processInbound(inbound('SMa'), d)).toBe('answered');
    expect(await processInbound(inbound('SMa'), d)).toBe('duplicate');
    expect(sent).toHaveLength(1);
    const log = await listMessages(d.store, 'whatsapp', 'whatsapp:+33600000002');
    expect(log.map((m) => m.direction)).toEqual(['in', 'out']);
  });

  it('after a crash between the commit and the send, answers once on redelivery', async () => {
    const { sent, deps: d } = await deps({
      leaseMs: 1,
      afterCommit: () => {
        throw new Error('process killed');
      },
    });
    await expect(processInbound(inbound('SMcrash'), d)).rejects.toThrow('process killed');
    expect(sent).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 5)); // the crashed worker's lease runs out
    expect(await processInbound(inbound('SMcrash'), { ...d, afterCommit: undefined })).toBe('resumed');
    expect(await processInbound(inbound('SMcrash'), { ...d, afterCommit: undefined })).toBe('duplicate');
    expect(sent).toHaveLength(1);
  });

  it('does not re-run the engine when it resumes a committed answer', async () => {
    let runs = 0;
    const engine = createEngine({
      answer: (turn) => {
        runs++;
        return { replies: [{ text: `answer ${runs}` }], state: turn.state, contact: turn.contact };
      },
    });
    const { sent, deps: d } = await deps({ engine, leaseMs: 1 });
    let crash = true;
    const crashing = {
      ...d,
      senders: {
        whatsapp: {
          async send(to: string, reply: Reply) {
            if (crash) throw new Error('network down');
            sent.push({ to, reply });
          },
        },
        telegram: d.senders.telegram,
      },
    };
    await expect(processInbound(inbound('SMq', 'question'), crashing)).rejects.toThrow('network down');
    crash = false;
    await new Promise((r) => setTimeout(r, 5));
    await processInbound(inbound('SMq', 'question'), crashing);
    expect(runs).toBe(1);
    expect(sent.map((s) => s.reply.text)).toEqual(['answer 1']);
  });

  it('tells a concurrent redelivery the message is busy instead of answering twice', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const engine = createEngine({
      answer: async (turn) => {
        await gate;
        return { replies: [{ text: 'ok' }], state: turn.state, contact: turn.contact };
      },
    });
    const { sent, deps: d } = await deps({ engine });
    const first = processInbound(inbound('SMc', 'question'), d);
    await new Promise((r) => setTimeout(r, 50));
    await expect(processInbound(inbound('SMc', 'question'), d)).rejects.toBeInstanceOf(InboundBusyError);
    release();
    await first;
    expect(sent).toHaveLength(1);
  });

  it('delivers replies addressed elsewhere (a desk group) without logging them as the citizen’s', async () => {
    const engine = createEngine({
      answer: (turn) => ({
        replies: [{ text: 'to you' }, { text: 'to the desk', to: { channel: 'telegram', address: '-100' } }],
        state: turn.state,
        contact: turn.contact,
      }),
    });
    const { sent, deps: d } = await deps({ engine });
    await processInbound(inbound('SMd', 'question'), d);
    expect(sent.map((s) => s.to)).toEqual(['whatsapp:+33600000002', '-100']);
    const log = await listMessages(d.store, 'whatsapp', 'whatsapp:+33600000002');
    expect(log.map((m) => m.text)).toEqual(['question', 'to you']);
  });
});
