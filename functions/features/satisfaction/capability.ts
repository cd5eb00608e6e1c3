import type { Lang, Reply, ReplyOption } from '../../core/types.js';
import { reply, type Turn, type TurnResult, toMenu } from '../../engine/engine.js';
import { isBack, isCancel } from '../../engine/words.js';
import type { Store } from '../../store/client.js';
import { addComment, getAsk, SCORES, type Score, saveRating } from './repository.js';
import { satisfactionTexts } from './texts.js';

export const SATISFACTION_FLOW = 'satisfaction';
const PREFIX = 'sat:';
const SKIP = 'sat:skip';
const MAX_COMMENT = 1000;

/** `sat:<ref>:<score>`: the buttons' payload (Telegram) and the ids a typed number maps to (WhatsApp). */
export const scoreOptionId = (reference: string, score: Score) => `${PREFIX}${reference}:${score}`;

export function scoreOptions(reference: string): ReplyOption[] {
  // Stars read the same on a button and in WhatsApp's numbered list ("3. ★★★").
  return SCORES.map((n) => ({ id: scoreOptionId(reference, n), label: '★'.repeat(n) }));
}

/** The question, in the person's language, with its five options. */
export function satisfactionQuestion(reference: string, lang: Lang): Reply {
  return { text: satisfactionTexts(lang).question(reference), options: scoreOptions(reference) };
}

const SCORE_ID = /^sat:([A-Z]{2}-\d{4}-\d{5}):([1-5])$/;

/**
 * The citizen's answer: a score (button or typed number), then an optional comment. A score counts
 * only for the lead this person was asked about within 30 days, and only once.
 */
export function satisfactionCapability(deps: { store: Store }) {
  const score = async (turn: Turn): Promise<TurnResult> => {
    const t = satisfactionTexts(turn.contact.lang);
    const id = turn.input.optionId ?? '';
    if (id === SKIP) return toMenu(turn, t.thanks);
    const match = SCORE_ID.exec(id);
    const ask = match ? await getAsk(deps.store, turn.message, turn.nowMs) : undefined;
    if (!match || !ask || ask.reference !== match[1]) return toMenu(turn, t.expired);
    const saved = await saveRating(deps.store, {
      reference: ask.reference,
      desk: ask.desk,
      score: Number(match[2]) as Score,
      at: new Date(turn.nowMs).toISOString(),
    });
    if (!saved) return toMenu(turn, t.alreadyRated);
    return reply(turn, [{ text: t.askComment, options: [{ id: SKIP, label: t.skip }] }], {
      flow: SATISFACTION_FLOW,
      step: 'comment',
      data: { reference: ask.reference },
    });
  };

  const comment = async (turn: Turn): Promise<TurnResult> => {
    const t = satisfactionTexts(turn.contact.lang);
    const text = turn.input.text.trim();
    const reference = turn.state.data.reference;
    if (turn.input.optionId || !text || isCancel(text) || isBack(text) || typeof reference !== 'string')
      return toMenu(turn, t.thanks);
    await addComment(deps.store, reference, text.slice(0, MAX_COMMENT));
    return toMenu(turn, t.thanks);
  };

  return { actions: { [PREFIX]: score }, flows: { [SATISFACTION_FLOW]: comment } };
}
