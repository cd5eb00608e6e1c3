import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './logger.js';

function capture(level: Parameters<typeof createLogger>[0] = 'debug') {
  const lines: string[] = [];
  return { lines, logger: createLogger(level, (line) => lines.push(line)) };
}

describe('redact', () => {
  it.each([
    ['text', 'je veux investir à Lomé'],
    ['Body', 'mon passeport'],
    ['displayName', 'Ama Mensah'],
    ['ProfileName', 'Kofi'],
    ['first_name', 'Ama'],
    ['address', 'whatsapp:+33612345678'],
    ['userId', '5150'],
    ['email', 'ama@example.org'],
    ['password', 'hunter2'],
    ['authorization', 'Bearer abc'],
    ['replies', [{ text: 'Bonjour Ama' }]],
  ])('hides the value of "%s" wherever it is', (key, value) => {
    const out = JSON.stringify(redact({ outer: { list: [{ [key]: value }] } }));
    expect(out).toContain('[redacted]');
    expect(out).not.toContain(JSON.stringify(value));
  });

  it('masks phone numbers and email addresses inside any string, keeps the rest', () => {
    const out = redact({ note: 'rappeler whatsapp:+228 90 12 34 56 ou ama.m@example.org, réf TG-2026-0042' });
    expect(out).toEqual({ note: 'rappeler whatsapp:[phone] ou [email], réf TG-2026-0042' });
  });

  it('keeps errors to their name and masked message, without the payload', () => {
    const error = Object.assign(new Error('send to +33612345678 failed'), { payload: { text: 'secret' } });
    expect(redact({ error })).toEqual({ error: { name: 'Error', message: 'send to [phone] failed' } });
  });

  it('stops at a bounded depth, so a cyclic or deep object cannot hang the logger', () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 20; i++) {
      cursor.next = {};
      cursor = cursor.next as Record<string, unknown>;
    }
    expect(JSON.stringify(redact(deep))).toContain('[deep]');
  });

  it('never lets a phone number through, whatever surrounds it (property)', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 12 });
    fc.assert(
      fc.property(fc.string(), digits, fc.string(), (before, number, after) => {
        const phone = `+${number}`;
        const out = JSON.stringify(redact({ note: `${before} ${phone} ${after}` }));
        expect(out).not.toContain(number);
      }),
      { numRuns: 500 },
    );
  });
});

describe('createLogger', () => {
  it('writes one JSON line per event, redacted, at or above its level', () => {
    const { lines, logger } = capture('info');
    logger.debug('hidden');
    logger.info('inbound', { channel: 'whatsapp', from: 'whatsapp:+33612345678', text: 'bonjour' });
    expect(lines).toHaveLength(1);
    const event = JSON.parse(lines[0]!);
    expect(event).toMatchObject({ level: 'info', message: 'inbound', channel: 'whatsapp' });
    expect(event.from).toBe('[redacted]');
    expect(lines[0]).not.toContain('bonjour');
  });

  it('is silent at "silent"', () => {
    const { lines, logger } = capture('silent');
    logger.error('boom', { error: new Error('x') });
    expect(lines).toHaveLength(0);
  });
});

describe('redact keeps what operators need', () => {
  it('leaves ISO times and lead references readable', () => {
    const data = { at: '2026-11-22T10:00:05.000Z', reference: 'TG-2026-0042', externalId: 'SM123' };
    expect(redact(data)).toEqual(data);
  });
});
