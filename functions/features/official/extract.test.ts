import { describe, expect, it } from 'vitest';
import { isCheckQuestion } from './capability.js';
import { assess, extractCheckCodes, extractIdentifiers } from './extract.js';
import { normaliseValue, type OfficialEntry } from './registry.js';

const entry = (
  kind: OfficialEntry['kind'],
  value: string,
  status: OfficialEntry['status'] = 'active',
): OfficialEntry => ({
  kind,
  value,
  owner: `Owner of ${value}`,
  source: 'test',
  status,
  updatedAt: '2025-01-01T00:00:00.000Z',
  updatedBy: 'admin',
});

describe('extractIdentifiers', () => {
  it('finds every number, handle, domain and e-mail of a forwarded scam, each once', () => {
    const text =
      'URGENT : payez les frais au +228 90 12 34 56 ou 0022891234567, écrivez à agent@diaspora-gouv.example, ' +
      'rejoignez t.me/MinistereTG ou @faux_ministere, site https://www.portail.example/frais?x=1. ' +
      'Rappel le 12.03.2025, 1.50 euros. wa.me/22899887766, +228 90 12 34 56';
    const found = extractIdentifiers(text).map((i) => `${i.kind}:${i.value}`);
    expect(found.sort()).toEqual(
      [
        'email:diaspora-gouv.example',
        'phone:+22899887766',
        'telegram:ministeretg',
        'telegram:faux_ministere',
        'domain:portail.example',
        'phone:+22890123456',
        'phone:+22891234567',
      ].sort(),
    );
  });

  it('keeps a number written without its country code as national digits', () => {
    expect(extractIdentifiers('appelez le 90 12 34 56')).toEqual([
      { kind: 'phone', value: '90123456', shown: '90 12 34 56', national: true },
    ]);
  });

  it('reads check codes, not years or words', () => {
    expect(extractCheckCodes('Code de vérification : k7f3-q2ma, 2024-2025, SANS-FRAI')).toEqual([
      'K7F3-Q2MA',
    ]);
  });
});

describe('assess', () => {
  const entries = [
    entry('whatsapp', '+22890000001'),
    entry('phone', '+22890000002', 'retired'),
    entry('telegram', 'official_bot'),
    entry('domain', 'ministry.example'),
    entry('email_domain', 'ministry.example'),
  ];
  it.each([
    ['+228 90 00 00 01', 'official'],
    ['90 00 00 01', 'official'],
    ['+228 90 00 00 02', 'former'],
    ['+228 90 00 00 03', 'unknown'],
    ['@Official_Bot', 'official'],
    ['t.me/official_bot', 'official'],
    ['@official_bot2', 'unknown'],
    ['https://www.ministry.example/x', 'official'],
    ['services.ministry.example', 'official'],
    ['ministry.example.evil.example', 'unknown'],
    ['ministry-example.com', 'unknown'],
    ['desk@ministry.example', 'official'],
    ['desk@ministry.example.co', 'unknown'],
  ])('%s → %s', (text, verdict) => {
    const [finding] = assess(extractIdentifiers(text), entries);
    expect(finding?.verdict).toBe(verdict);
  });
});

describe('normaliseValue', () => {
  it('refuses a value that does not fit its kind', () => {
    expect(() => normaliseValue('phone', '12345')).toThrow();
    expect(() => normaliseValue('domain', 'not a domain')).toThrow();
    expect(normaliseValue('email_domain', 'contact@Ministry.Example')).toBe('ministry.example');
    expect(normaliseValue('whatsapp', '00228 90-00-00-01')).toBe('+22890000001');
  });
});

describe('isCheckQuestion', () => {
  it.each([
    'Est-ce officiel ?',
    'ce numéro +228 90 00 00 01 est-il officiel ?',
    'est ce que ce compte est vraiment officiel',
    'c’est une arnaque ?',
    'is t.me/foo real?',
    'Is this official?',
    'vérifier ce numéro',
  ])('%s is a check question', (text) => expect(isCheckQuestion(text)).toBe(true));
  it.each(['quel est le site officiel du passeport', 'comment obtenir un visa', 'je veux investir'])(
    '%s is not',
    (text) => expect(isCheckQuestion(text)).toBe(false),
  );
});
