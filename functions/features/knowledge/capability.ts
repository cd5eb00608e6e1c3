import type { ChannelDirectory } from '../../core/channel.js';
import type { Config } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';
import type { Channel, Reply, ReplyOption } from '../../core/types.js';
import { type EngineCapabilities, reply, type Turn, type TurnResult } from '../../engine/engine.js';
import { type Answerer, createAnswerer, declineText, extractive, sourceLine } from './answer.js';
import type { KnowledgeArtifact } from './artifact.js';
import { feedbackItem, VOTES, type Vote } from './feedback.js';
import { gapItem, newGap } from './gaps.js';
import { createLlmAnswerer } from './llm.js';
import { cutAtBoundary } from './passage.js';
import { createRetriever, DECISIONS, type KnowledgeEntry, REASONS, type Retriever } from './retrieval.js';
import { shippedArtifact, shippedRetriever } from './shipped.js';
import type { KnowledgeSource } from './source.js';
import { kbTexts } from './texts.js';

/** Telegram callback data is at most 64 bytes; longer option ids are dropped, never truncated. */
const MAX_OPTION_BYTES = 64;
/** Words of the question kept between a question back and the choice, to pick the passage. */
const FOCUS_WORDS = 12;
export const KB_IDS = {
  more: 'kb:more',
  other: 'kb:other',
  topic: 'kb:topic:',
  feedback: 'kb:fb:',
  officer: 'menu:officer',
  menu: 'menu',
} as const;

interface MoreState {
  text: string;
  source: string;
  entryId: string;
}

export interface KnowledgeDeps {
  config: Config;
  logger: Logger;
  /** Defaults to the shipped index (functions/features/knowledge/index.generated.json). */
  artifact?: KnowledgeArtifact;
  retriever?: Retriever;
  /** Whether this turn may call the model (the daily LLM budget); absent means always. */
  allowModel?: (turn: Turn) => Promise<boolean>;
  /** The channels' limits: how much answer fits before "read more". */
  channels: ChannelDirectory;
  /**
   * Where the published base comes from when it can change while running (published from the
   * console); absent: `artifact` (or the shipped index), fixed for the process's life.
   */
  source?: KnowledgeSource | undefined;
}

/** One published base and what answers from it; a turn uses one from start to end. */
interface Base {
  artifact: KnowledgeArtifact;
  retriever: Retriever;
  answerer: Answerer;
}

/** Longest text for the answer itself on a channel: a phone screen, leaving room for the options. */
export function answerRoom(channels: ChannelDirectory, channel: Channel): number {
  const { answerRoom: room, screenful } = channels.get(channel).limits;
  return Math.min(room, screenful ?? room);
}

/**
 * The knowledge base in the conversation: free text is a question (the engine's `answer`), and
 * the `kb:` options are "read more", a related topic, and "was this helpful?".
 */
export function knowledgeCapability(
  deps: KnowledgeDeps,
): Required<Pick<EngineCapabilities, 'answer' | 'actions'>> {
  const { config } = deps;
  function baseOf(artifact: KnowledgeArtifact, retriever: Retriever): Base {
    const answerer: Answerer = createAnswerer({
      retriever,
      sourceTitles: artifact.sourceTitles,
      logger: deps.logger,
      llm: config.OPENAI_API_KEY
        ? createLlmAnswerer({
            apiKey: config.OPENAI_API_KEY,
            baseURL: config.OPENAI_BASE_URL,
            model: config.OPENAI_MODEL,
            timeoutMs: config.OPENAI_TIMEOUT_MS,
            prompt: artifact.prompt.text,
          })
        : undefined,
    });
    return { artifact, retriever, answerer };
  }
  const fixed = deps.source
    ? undefined
    : baseOf(
        deps.artifact ?? shippedArtifact,
        deps.retriever ?? (deps.artifact ? createRetriever(deps.artifact) : shippedRetriever()),
      );
  // One retriever per published base the source hands out (built once, when it first appears).
  const built = new WeakMap<KnowledgeArtifact, Base>();
  async function current(turn: Turn): Promise<Base> {
    if (fixed || !deps.source) return fixed as Base;
    const artifact = await deps.source.current(turn.nowMs);
    let base = built.get(artifact);
    if (!base) {
      base = baseOf(artifact, createRetriever(artifact));
      built.set(artifact, base);
    }
    return base;
  }

  /** Answer text cut to the channel with its source and next steps, plus the options under it. */
  function present(
    { retriever }: Base,
    turn: Turn,
    entry: KnowledgeEntry,
    body: string,
    source: string,
    moreAfter: string,
  ): TurnResult {
    const lang = turn.contact.lang;
    const t = kbTexts(lang);
    const footer = `\n\n${source}\n\n${t.nextSteps}`;
    const { head, rest } = cutAtBoundary(body, answerRoom(deps.channels, turn.message.channel));
    const more = [rest, moreAfter].filter(Boolean).join('\n\n');
    const options: ReplyOption[] = [];
    if (more) options.push({ id: KB_IDS.more, label: t.more });
    for (const related of retriever.related(entry.id, lang, 2, turn.nowMs)) {
      options.push({ id: `${KB_IDS.topic}${related.id}`, label: related.title });
    }
    options.push({ id: KB_IDS.officer, label: t.officer });
    options.push({ id: `${KB_IDS.feedback}${VOTES.up}:${entry.id}`, label: t.helpfulYes });
    options.push({ id: `${KB_IDS.feedback}${VOTES.down}:${entry.id}`, label: t.helpfulNo });
    const kbMore: MoreState | undefined = more ? { text: more, source, entryId: entry.id } : undefined;
    return reply(turn, [{ text: `${head}${footer}`, options: keepSendable(options) }], {
      data: { ...withoutMore(turn.state.data), ...(kbMore ? { kbMore } : {}) },
    });
  }

  async function answer(turn: Turn): Promise<TurnResult> {
    const lang = turn.contact.lang;
    const k = await current(turn);
    const result = await k.answerer(turn.input.text, {
      nowMs: turn.nowMs,
      lang,
      maxChars: answerRoom(deps.channels, turn.message.channel) - 300,
      allowModel: deps.allowModel ? () => deps.allowModel!(turn) : undefined,
    });
    // The decision, never the question: questions may hold personal details.
    deps.logger.info('knowledge answer', {
      mode: result.mode,
      reason: result.retrieval.reason,
      coverage: result.retrieval.coverage,
      top: result.retrieval.hits.slice(0, 3).map((h) => h.id),
      fallback: result.fallback,
    });
    if (result.confident && result.entry) {
      return present(k, turn, result.entry, result.body, result.sourceLine, result.rest);
    }
    const t = kbTexts(lang);
    if (result.decision === DECISIONS.clarify) {
      // "Vous parlez de : …" with the topics as options (Telegram buttons, WhatsApp numbers); the
      // choice answers at once, from the passage that matches the question's words.
      const options = [
        ...result.retrieval.choices.map((h) => ({ id: `${KB_IDS.topic}${h.id}`, label: h.title })),
        { id: KB_IDS.other, label: t.other },
      ];
      const kbFocus = result.retrieval.focus.slice(0, FOCUS_WORDS);
      return reply(turn, [{ text: `${t.clarify}`, options: keepSendable(options) }], {
        data: { ...withoutMore(turn.state.data), kbFocus },
      });
    }
    if (result.retrieval.reason === REASONS.empty) {
      // "ok", "merci", "vous êtes nul": no question to answer, nothing for the gap report.
      const options = [
        { id: KB_IDS.officer, label: t.officer },
        { id: KB_IDS.menu, label: t.menu },
      ];
      return reply(turn, [{ text: t.rephrase, options }], { data: withoutMore(turn.state.data) });
    }
    const reason = result.retrieval.reason;
    // A near topic may still help (it often names who holds the detail); never for a refused request.
    const suggestions =
      reason === REASONS.weak || reason === REASONS.detailUnknown
        ? result.retrieval.hits
            .slice(0, reason === REASONS.weak ? 2 : 1)
            .map((h) => ({ id: `${KB_IDS.topic}${h.id}`, label: h.title }))
        : [];
    const text = suggestions.length > 0 ? `${declineText(result.retrieval)}\n\n${t.didYouMean}` : result.body;
    const replies: Reply[] = [
      {
        text,
        options: keepSendable([
          ...suggestions,
          { id: KB_IDS.officer, label: t.officer },
          { id: KB_IDS.menu, label: t.menu },
        ]),
      },
    ];
    const gap = newGap(turn.input.text, {
      lang,
      channel: turn.message.channel,
      reason: result.retrieval.reason,
      nearest: result.retrieval.hits.slice(0, 3).map((h) => h.id),
      atMs: turn.nowMs,
    });
    return {
      ...reply(turn, replies, { data: withoutMore(turn.state.data) }),
      puts: [gapItem(gap, `${turn.message.channel}-${turn.message.externalId}`)],
    };
  }

  function readMore(k: Base, turn: Turn): TurnResult {
    const t = kbTexts(turn.contact.lang);
    const saved = turn.state.data.kbMore as MoreState | undefined;
    if (!saved?.text) {
      return reply(turn, [{ text: t.moreGone, options: [{ id: KB_IDS.menu, label: t.menu }] }]);
    }
    const entry = k.retriever.entry(saved.entryId, turn.contact.lang);
    if (!entry) return reply(turn, [{ text: t.moreGone }], { data: withoutMore(turn.state.data) });
    return present(k, turn, entry, saved.text, saved.source, '');
  }

  function showTopic(k: Base, turn: Turn, id: string): TurnResult {
    const t = kbTexts(turn.contact.lang);
    const entry = k.retriever.entry(id, turn.contact.lang);
    const expired = entry?.valid_until && Date.parse(`${entry.valid_until}T23:59:59Z`) < turn.nowMs;
    if (!entry || expired) {
      return reply(turn, [{ text: t.topicGone, options: [{ id: KB_IDS.menu, label: t.menu }] }]);
    }
    const focus = Array.isArray(turn.state.data.kbFocus) ? (turn.state.data.kbFocus as string[]) : [];
    const { text, rest, passage } = extractive(entry, focus);
    return present(k, turn, entry, text, sourceLine(entry, k.artifact.sourceTitles, passage), rest);
  }

  function recordFeedback(turn: Turn, vote: Vote, entryId: string): TurnResult {
    const t = kbTexts(turn.contact.lang);
    const item = feedbackItem(
      { entryId, vote, lang: turn.contact.lang, channel: turn.message.channel, atMs: turn.nowMs },
      `${turn.message.channel}:${turn.message.userId}`,
    );
    const options: ReplyOption[] =
      vote === VOTES.down
        ? [
            { id: KB_IDS.officer, label: t.officer },
            { id: KB_IDS.menu, label: t.menu },
          ]
        : [{ id: KB_IDS.menu, label: t.menu }];
    return {
      ...reply(turn, [{ text: vote === VOTES.up ? t.thanksUp : t.thanksDown, options }]),
      puts: [item],
    };
  }

  async function action(turn: Turn): Promise<TurnResult> {
    const id = turn.input.optionId ?? '';
    const k = await current(turn);
    if (id === KB_IDS.more) return readMore(k, turn);
    if (id === KB_IDS.other) {
      const t = kbTexts(turn.contact.lang);
      const options = [
        { id: KB_IDS.officer, label: t.officer },
        { id: KB_IDS.menu, label: t.menu },
      ];
      return reply(turn, [{ text: t.rephrase, options }], { data: withoutMore(turn.state.data) });
    }
    if (id.startsWith(KB_IDS.topic)) return showTopic(k, turn, id.slice(KB_IDS.topic.length));
    const vote = /^kb:fb:(up|down):([a-z0-9-]+)$/.exec(id);
    if (vote && k.retriever.entry(vote[2]!, turn.contact.lang))
      return recordFeedback(turn, vote[1] as Vote, vote[2]!);
    // An unknown or stale kb: option (an old button): treat its label-less press as a fresh start.
    const t = kbTexts(turn.contact.lang);
    return reply(turn, [{ text: t.topicGone, options: [{ id: KB_IDS.menu, label: t.menu }] }]);
  }

  return { answer, actions: { 'kb:': action } };
}

function keepSendable(options: ReplyOption[]): ReplyOption[] {
  return options.filter((o) => Buffer.byteLength(o.id) <= MAX_OPTION_BYTES);
}

function withoutMore(data: Record<string, unknown>): Record<string, unknown> {
  const { kbMore: _drop, kbFocus: _focus, ...rest } = data;
  return rest;
}
