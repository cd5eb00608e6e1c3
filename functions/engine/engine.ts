import type { Contact, ConversationState } from '../core/contact.js';
import { type GuardedPut, type ItemKey, itemKeyId, type TurnReads } from '../core/turn-io.js';
import type { InboundMessage, Lang, Reply, ReplyOption } from '../core/types.js';
import { detectLanguage, explicitLanguageChoice } from './language.js';
import { textsFor } from './texts.js';
import { isMenuRequest } from './words.js';

/** One turn of conversation: what came in, who sent it, where they were. */
export interface Turn {
  message: InboundMessage;
  contact: Contact;
  state: ConversationState;
  /** The person's input: the option id they chose (button or number), else their text. */
  input: { optionId?: string | undefined; text: string };
  nowMs: number;
  /**
   * Replies an interceptor adds before whatever answers this turn, when it lets the turn go on
   * ("the assistant is back" when an officer's hold has just run out).
   */
  notices?: Reply[];
  /** Items an interceptor adds to whatever this turn commits, when it lets the turn go on. */
  notePuts?: Record<string, unknown>[];
  /**
   * Conditional writes an interceptor adds to whatever this turn commits, ended by it or not (a
   * counter). Only when `reads` is given: the worker that read the items commits these with them.
   */
  noteGuarded?: GuardedPut[];
  /**
   * The items the capabilities asked for (`EngineCapabilities.reads`), read by the worker in the
   * same request as the contact and the state. Absent when the engine runs without a worker (tests,
   * tools): a capability then reads the store itself.
   */
  reads?: TurnReads;
}

/** What the engine decided: replies, the next state, the updated contact, and other items to commit. */
export interface TurnResult {
  replies: Reply[];
  state: ConversationState;
  contact: Contact;
  /** Additional items to write in the same transaction (a lead, a log entry...). */
  puts?: Record<string, unknown>[];
  /** Conditional puts to commit in the same transaction (see `GuardedPut`). */
  guarded?: GuardedPut[];
  /** The person's data was erased during this turn: write nothing about them, only `puts`. */
  forget?: boolean;
}

export type Handler = (turn: Turn) => Promise<TurnResult> | TurnResult;

/**
 * Capabilities plug in here, so the engine stays a small router:
 * - `before`: interceptors that may end the turn first;
 * - `actions`: option ids (menu entries, buttons) to the handler that starts them;
 * - `flows`: a guided conversation's name (`state.flow`) to the handler of its next step;
 * - `keywords`: free-text patterns that mean an action ("je veux investir");
 * - `answer`: what free text means when nothing else matched (the knowledge base).
 */
export interface EngineCapabilities {
  /**
   * Run first, in order, on every turn (after the language is settled); the first to return a
   * result ends the turn. For what must pre-empt everything: an officer holding the conversation,
   * rate limits.
   */
  before?: ((turn: Turn) => Promise<TurnResult | undefined> | TurnResult | undefined)[];
  /** Option ids to handlers; a key ending in ':' (`kb:`) serves every id with that prefix. */
  actions?: Record<string, Handler>;
  flows?: Record<string, Handler>;
  keywords?: { pattern: RegExp; action: string }[];
  answer?: Handler;
  /**
   * The items each turn needs besides the contact and the state (an officer's hold, a rate
   * counter): the worker reads them all in one request and hands them over as `Turn.reads`.
   */
  reads?: ((message: InboundMessage, nowMs: number) => ItemKey[])[];
}

export const MENU_IDS = [
  'menu:ask',
  'menu:invest',
  'menu:skills',
  'menu:updates',
  'menu:officer',
  'menu:help',
] as const;

const GREETING =
  /^(\/start\b.*|\/menu|menu|accueil|home|start|d[ée]marrer|bonjour|bonsoir|salut|slt|bjr|bsr|coucou|cc|hello|hi|hey|good (morning|afternoon|evening))[\s!.,]*$/i;
/** A greeting or a request for the menu, as typed or with politeness around it (`isMenuRequest`). */
const isGreeting = (text: string) => GREETING.test(text) || isMenuRequest(text);
const HELP = /^(\/help|\/aide|aide|help|\?|info)[\s!.]*$/i;

export function menuOptions(lang: Lang): ReplyOption[] {
  const t = textsFor(lang).menu;
  return [
    { id: 'menu:ask', label: t.ask },
    { id: 'menu:invest', label: t.invest },
    { id: 'menu:skills', label: t.skills },
    { id: 'menu:updates', label: t.updates },
    { id: 'menu:officer', label: t.officer },
    { id: 'menu:help', label: t.help },
    { id: lang === 'fr' ? 'lang:en' : 'lang:fr', label: t.language },
  ];
}

export function menuReply(lang: Lang, lead?: string): Reply {
  const t = textsFor(lang);
  return { text: lead ? `${lead}\n\n${t.menuTitle}` : t.menuTitle, options: menuOptions(lang) };
}

/** Result helper: replies, with the last numbered list remembered so a typed number maps back. */
export function reply(turn: Turn, replies: Reply[], state?: Partial<ConversationState>): TurnResult {
  const last = [...replies].reverse().find((r) => r.options && r.options.length > 0);
  return {
    replies,
    contact: turn.contact,
    state: {
      ...turn.state,
      ...state,
      options: last?.options?.map((o) => o.id) ?? [],
      updatedAtMs: turn.nowMs,
    },
  };
}

/** Back to the menu, leaving any flow. */
export const toMenu = (turn: Turn, lead?: string): TurnResult =>
  reply(turn, [menuReply(turn.contact.lang, lead)], { flow: 'idle', step: undefined, data: {} });

/**
 * A table lookup that only sees the table's own keys: a forged option id such as `constructor`,
 * `toString` or `__proto__` must never find a built-in object method.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The language a `lang:` option names, only for the exact ids the bot offers. */
export function langOption(id: string | undefined): Lang | undefined {
  if (id === 'lang:fr') return 'fr';
  if (id === 'lang:en') return 'en';
  return undefined;
}

const isLang = (value: unknown): value is Lang => value === 'fr' || value === 'en';

function resolveInput(message: InboundMessage, state: ConversationState): Turn['input'] {
  const text = (message.text ?? '').trim();
  if (message.kind === 'choice' && message.choice) {
    // A `lang:` id the bot never offers (`lang:xx`, `lang:EN`, `lang:fr `) is no choice at all.
    if (message.choice.startsWith('lang:') && !langOption(message.choice)) return { text };
    return { optionId: message.choice, text };
  }
  const number = /^(\d{1,2})[.)]?$/.exec(text);
  if (number) {
    const id = state.options[Number(number[1]) - 1];
    if (id) return { optionId: id, text };
  }
  return { text };
}

export function createEngine(capabilities: EngineCapabilities = {}) {
  const actions = capabilities.actions ?? {};
  const flows = capabilities.flows ?? {};

  async function respond(base: Omit<Turn, 'input'>): Promise<TurnResult> {
    const { message } = base;
    let contact: Contact = { ...base.contact, lastSeenAt: new Date(base.nowMs).toISOString() };
    // A language stored by an older version (or forged) falls back to French rather than crashing.
    if (!isLang(contact.lang)) contact.lang = 'fr';
    if (message.displayName) contact.displayName = message.displayName;
    const input = resolveInput(message, base.state);

    const explicit = input.optionId ? langOption(input.optionId) : explicitLanguageChoice(input.text);
    if (explicit) {
      contact = { ...contact, lang: explicit, langChosen: true };
      const turn = { ...base, contact, input };
      return reply(turn, [menuReply(explicit, textsFor(explicit).langSet)], {
        flow: 'idle',
        step: undefined,
        data: {},
      });
    }
    if (!contact.langChosen && !input.optionId) {
      const detected = detectLanguage(input.text);
      if (detected) contact = { ...contact, lang: detected };
    }
    const turn: Turn = { ...base, contact, input, notices: [], notePuts: [], noteGuarded: [] };
    for (const intercept of capabilities.before ?? []) {
      const result = await intercept(turn);
      if (result) return withNotices(turn, result);
    }
    return withNotices(turn, await route(turn));
  }

  /** The keys to read for a turn on `message` (besides the contact and the state), without repeats. */
  function keysToRead(message: InboundMessage, nowMs: number): ItemKey[] {
    const seen = new Map<string, ItemKey>();
    for (const read of capabilities.reads ?? []) {
      for (const key of read(message, nowMs)) seen.set(itemKeyId(key), key);
    }
    return [...seen.values()];
  }

  return Object.assign(respond, { keysToRead });

  async function route(turn: Turn): Promise<TurnResult> {
    const { message, contact, input } = turn;
    const t = textsFor(contact.lang);

    if (message.kind === 'media') return reply(turn, [{ text: t.mediaOnly }]);
    if (message.kind === 'unsupported') return reply(turn, [{ text: t.unsupported }]);

    if (input.optionId === 'menu' || (!input.optionId && isGreeting(input.text))) {
      const isNew = contact.firstSeenAt === contact.lastSeenAt;
      return toMenu(
        turn,
        isNew || /^\/start|bonjour|hello|salut|hi\b/i.test(input.text) ? t.welcome : undefined,
      );
    }
    if (input.optionId === 'menu:help' || (!input.optionId && HELP.test(input.text))) {
      return reply(turn, [menuReply(contact.lang, t.help)], { flow: 'idle', step: undefined, data: {} });
    }

    // An active guided conversation takes the input first; it handles its own back/cancel.
    const flow = turn.state.flow !== 'idle' ? own(flows, turn.state.flow) : undefined;
    if (flow) return flow(turn);

    if (input.optionId) {
      const prefix = input.optionId.slice(0, input.optionId.indexOf(':') + 1);
      const action = own(actions, input.optionId) ?? (prefix ? own(actions, prefix) : undefined);
      if (action) return action(turn);
      if (input.optionId === 'menu:ask') return reply(turn, [{ text: t.askPrompt }]);
      if (input.optionId.startsWith('menu:')) return toMenu(turn, t.notYetAvailable);
      // An id the bot never offered: a bare press gets the menu; a WhatsApp button's text is read below.
      if (!input.text) return toMenu(turn, t.notUnderstood);
      if (isGreeting(input.text) || HELP.test(input.text)) return toMenu(turn);
    }
    for (const keyword of capabilities.keywords ?? []) {
      const action = own(actions, keyword.action);
      if (action && keyword.pattern.test(input.text)) return action(turn);
    }
    if (capabilities.answer && input.text) return capabilities.answer(turn);
    return toMenu(turn, t.notUnderstood);
  }
}

function withNotices(turn: Turn, result: TurnResult): TurnResult {
  const notices = turn.notices ?? [];
  const puts = turn.notePuts ?? [];
  const guarded = turn.noteGuarded ?? [];
  if (notices.length === 0 && puts.length === 0 && guarded.length === 0) return result;
  return {
    ...result,
    replies: [...notices, ...result.replies],
    ...(puts.length ? { puts: [...(result.puts ?? []), ...puts] } : {}),
    ...(guarded.length ? { guarded: [...(result.guarded ?? []), ...guarded] } : {}),
  };
}

/** An engine as the worker runs it; `keysToRead` is absent on a hand-made one (then nothing extra is read). */
export type Engine = ((base: Omit<Turn, 'input'>) => Promise<TurnResult>) & {
  keysToRead?: (message: InboundMessage, nowMs: number) => ItemKey[];
};
