import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEngine } from '../../functions/app/engine.js';
import { loadConfig } from '../../functions/core/config.js';
import type { Contact, ConversationState } from '../../functions/core/contact.js';
import { silentLogger } from '../../functions/core/logger.js';
import type { Channel, InboundMessage } from '../../functions/core/types.js';
import type { Engine } from '../../functions/engine/engine.js';
import { PROGRAMME_IDS, SECTOR_IDS } from '../../functions/features/leads/catalog.js';
import { AMOUNT_PRESETS } from '../../functions/features/registration/parse.js';
import type { Store } from '../../functions/store/client.js';
import { freshStore } from '../helpers/store.js';

/** Ids the bot offers somewhere, and ids an attacker can sign (callback data, ButtonPayload). */
const KNOWN_IDS = [
  'menu',
  'menu:ask',
  'menu:invest',
  'menu:skills',
  'menu:updates',
  'menu:officer',
  'menu:help',
  'lang:fr',
  'lang:en',
  'kb:more',
  'kb:topic:invest-in-togo',
  'kb:fb:up:invest-in-togo',
  'sub:manage',
  'sub:stop',
  'sub:toggle:investment',
  'reg:back',
  'reg:cancel',
  'prog:investment',
  'sector:digital',
  'country:FR',
  'contact:email',
  'consent:yes',
  'consent:no',
  'confirm:yes',
  'erase:yes',
  'erase:no',
  'handoff:yes',
  'handoff:no',
  'privacy:my-data',
  'privacy:delete',
  'claim:TG-2026-0001',
];
const FORGED_IDS = [
  'lang:xx',
  'lang:EN',
  'lang:fr ',
  'lang:',
  'toString',
  'valueOf',
  'constructor',
  '__proto__',
  'hasOwnProperty',
  'isPrototypeOf',
  'kb:__proto__',
  'sub:toggle:constructor',
  'prog:constructor',
  'sector:__proto__',
  'country:toString',
  'amt:valueOf',
  'contact:__proto__',
];
const PREFIXES = ['', 'lang:', 'menu:', 'kb:', 'kb:topic:', 'sub:toggle:', 'prog:', 'sector:', 'claim:'];

const WORDS = [
  'STOP',
  'arrêt',
  'mes données',
  'supprimer mes données',
  'delete my data',
  'oui',
  'non',
  'yes',
  'menu',
  'bonjour',
  '/start',
  '/start src-linkedin',
  'aide',
  'english',
  'français',
  'retour',
  'annuler',
  '1',
  '2',
  '7',
  '99',
  'je veux investir',
  'parler à un agent',
  'où en est ma demande',
  'passeport',
  'kofi@example.org',
  '+33 6 12 34 56 78',
  'Paris',
  'Kofi Agbeko',
];

const choiceId = fc.oneof(
  fc.constantFrom(...KNOWN_IDS),
  fc.constantFrom(...FORGED_IDS),
  fc.tuple(fc.constantFrom(...PREFIXES), fc.string({ maxLength: 20 })).map(([p, s]) => p + s),
);
const text = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary' }),
);

const STEPS = [
  'programme',
  'sector',
  'country',
  'city',
  'fullName',
  'profession',
  'amount',
  'contact',
  'email',
  'phone',
  'consent',
  'confirm',
] as const;

const registrationData = fc.record(
  {
    programme: fc.constantFrom(...PROGRAMME_IDS),
    sector: fc.constantFrom(...SECTOR_IDS),
    country: fc.constantFrom('FR', 'DE', 'US', 'GH'),
    city: fc.constantFrom('Paris', 'Lomé'),
    fullName: fc.constantFrom('Kofi Agbeko', 'Ama Mensah'),
    profession: fc.constantFrom('ingénieure', 'médecin'),
    amountRange: fc.constantFrom(...AMOUNT_PRESETS.map((p) => p.range)),
    contactPreference: fc.constantFrom('chat', 'email', 'phone'),
    email: fc.constant('kofi@example.org'),
    phone: fc.constant('+33612345678'),
    history: fc.subarray([...STEPS]),
  },
  { requiredKeys: ['history', 'email', 'phone'] },
);

/** States the engine writes itself, plus a flow name an older version may have left behind. */
const state: fc.Arbitrary<ConversationState> = fc.oneof(
  fc.record({
    flow: fc.constant('idle'),
    data: fc.constant({}),
    options: fc.array(choiceId, { maxLength: 8 }),
    updatedAtMs: fc.constant(0),
  }),
  fc.record({
    flow: fc.constant('registration'),
    step: fc.constantFrom(...STEPS),
    data: registrationData,
    options: fc.array(choiceId, { maxLength: 8 }),
    updatedAtMs: fc.constant(0),
  }),
  fc.record({
    flow: fc.constantFrom('handoff', 'erasure'),
    step: fc.constant('confirm'),
    data: fc.constantFrom({}, { from: 'registration' }, { from: 'idle' }),
    options: fc.array(choiceId, { maxLength: 4 }),
    updatedAtMs: fc.constant(0),
  }),
  fc.record({
    flow: fc.constantFrom('__proto__', 'constructor', 'toString', 'retired-flow'),
    data: fc.constant({}),
    options: fc.constant<string[]>([]),
    updatedAtMs: fc.constant(0),
  }),
);

const inbound = fc.record({
  channel: fc.constantFrom<Channel>('whatsapp', 'telegram'),
  kind: fc.constantFrom<InboundMessage['kind']>('text', 'choice', 'media', 'unsupported'),
  text: fc.option(text, { nil: undefined }),
  choice: choiceId,
  lang: fc.constantFrom<'fr' | 'en'>('fr', 'en'),
  langChosen: fc.boolean(),
  isNew: fc.boolean(),
});

/**
 * For any state the engine can be in and any inbound (any text, any choice id including forged
 * ones, any kind, either channel and language), the whole engine answers and returns a valid next
 * state; it never throws. Runs against the real capabilities on DynamoDB Local.
 */
describe('engine property', () => {
  let store: Store;
  let engine: Engine;
  beforeAll(async () => {
    store = await freshStore();
    const config = loadConfig({ APP_ENV: 'local', TABLE_NAME: store.tableName, LOG_LEVEL: 'silent' });
    engine = buildEngine({ config, store, logger: silentLogger });
  });

  it('never throws, always replies, always returns a valid state', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(state, inbound, async (s, m) => {
        n++;
        const userId =
          m.channel === 'whatsapp' ? `whatsapp:+3360000${String(n).padStart(4, '0')}` : `${90_000 + n}`;
        const nowMs = Date.now();
        const at = new Date(nowMs - (m.isNew ? 0 : 86_400_000)).toISOString();
        const contact: Contact = {
          channel: m.channel,
          userId,
          address: userId,
          lang: m.lang,
          langChosen: m.langChosen,
          firstSeenAt: at,
          lastSeenAt: at,
          consent: {},
        };
        const message: InboundMessage = {
          channel: m.channel,
          userId,
          address: userId,
          externalId: `p-${n}`,
          kind: m.kind,
          text: m.text,
          choice: m.kind === 'choice' ? m.choice : undefined,
          receivedAtMs: nowMs,
        };
        const result = await engine({ message, contact, state: s, nowMs });
        expect(result.replies.length).toBeGreaterThan(0);
        for (const r of result.replies) {
          expect(typeof r.text).toBe('string');
          expect(r.text.trim().length).toBeGreaterThan(0);
          expect(r.text).not.toMatch(/undefined|\[object /);
          for (const o of r.options ?? []) expect(typeof o.id).toBe('string');
        }
        expect(['fr', 'en']).toContain(result.contact.lang);
        expect(typeof result.state.flow).toBe('string');
        expect(Array.isArray(result.state.options)).toBe(true);
        expect(result.state.options.every((o) => typeof o === 'string')).toBe(true);
        expect(typeof result.state.data).toBe('object');
        expect(Number.isFinite(result.state.updatedAtMs)).toBe(true);
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
  }, 120_000);
});
