import type { Lang } from '../../core/types.js';
import { reply, type Turn, type TurnResult, toMenu } from '../../engine/engine.js';
import { fold, isBack, isCancel } from '../../engine/words.js';
import type { Store } from '../../store/client.js';
import { assess, extractCheckCodes, extractIdentifiers, type Finding } from './extract.js';
import { getOfficialAdvice, listOfficialEntries } from './registry.js';
import { officialTexts } from './texts.js';

export const OFFICIAL_FLOW = 'official';

/**
 * "Is this real?" in the words people use, on folded text (lower case, no accents, punctuation as
 * spaces). A question about the official website of a procedure ("quel est le site officiel du
 * passeport") is not one: the phrase must ask whether something *is* official, real or a scam.
 */
const CHECK_QUESTION = new RegExp(
  [
    String.raw`\best ce (?:que )?(?:c est |ce |cela |ca )?(?:bien |vraiment )?(?:un |une |le |la |les |ce |cet |cette |ces )?(?:\S+ ){0,6}(?:officiel|officielle|officiels|officielles|vrai|vraie|authentique|legitime|une arnaque|arnaque|fiable)\b`,
    String.raw`\b(?:est il|est elle|sont ils|sont elles|c est|cest|ceci est|serait ce) (?:bien |vraiment )?(?:un |une )?(?:officiel|officielle|officiels|officielles|vrai|vraie|authentique|legitime|arnaque|fiable|fraude)\b`,
    String.raw`\bofficiel(?:le)?s? \?`,
    // "is t.me/… real?": the question ends on the word, so "what is the real cost" is not one.
    String.raw`\bis (?:\S+ ){1,5}(?:really )?(?:real|official|legit|legitimate|genuine|authentic|a scam|fake)(?: \?)?$`,
    String.raw`\b(?:is|are) (?:this|it|that|these|those|they) (?:really |an? )?(?:real|official|legit|legitimate|genuine|authentic|a scam|scam|fake|from the ministry)\b`,
    String.raw`\b(?:verifier|verifie|verifiez|verify|check) (?:ce|cet|cette|ces|this|these|that|le|la|les|si|if|whether|un|une|a|an) `,
    '^(?:arnaque|scam|fraude|fraud|est ce officiel|officiel|official|verifier|verify)$',
  ].join('|'),
);

export function isCheckQuestion(text: string): boolean {
  // `fold` turns "?" into a space; keep one question mark so "officiel ?" still reads as a question.
  const folded = fold(text.replace(/\?/g, ' QMARK ')).replace(/ qmark/g, ' ?');
  return CHECK_QUESTION.test(folded) || CHECK_QUESTION.test(fold(text));
}

/** What checks a message's codes (features/official/check-codes.ts); absent, codes are not checked. */
export type CodeChecker = (turn: Turn, codes: string[]) => Promise<string[]>;

export interface OfficialDeps {
  store: Store;
  /** Where `/officiel` is published (the configured public URL). */
  publicUrl: string;
  checkCodes?: CodeChecker | undefined;
}

function findingLine(lang: Lang, finding: Finding): string {
  const t = officialTexts(lang);
  return finding.verdict === 'official'
    ? t.official(finding)
    : finding.verdict === 'former'
      ? t.former(finding)
      : t.unknown(finding);
}

/**
 * "Est-ce officiel ?": checks every number, Telegram handle, domain and e-mail address of a
 * question or a forwarded message against the registry, and the check codes of officers' messages.
 * A `before` interceptor, so it answers in the middle of a guided conversation without ending it.
 */
export function officialCapability(deps: OfficialDeps) {
  const officielUrl = `${deps.publicUrl.replace(/\/$/, '')}/officiel`;

  const answer = async (turn: Turn, text: string, endFlow: boolean): Promise<TurnResult | undefined> => {
    const lang = turn.contact.lang;
    const t = officialTexts(lang);
    const codes = deps.checkCodes ? extractCheckCodes(text) : [];
    const identifiers = extractIdentifiers(text);
    const idle = endFlow ? { flow: 'idle', step: undefined, data: {} } : undefined;
    if (codes.length === 0 && identifiers.length === 0) return undefined;
    const lines: string[] = [];
    if (codes.length > 0 && deps.checkCodes) lines.push(...(await deps.checkCodes(turn, codes)));
    if (identifiers.length > 0) {
      const [entries, advice] = await Promise.all([
        listOfficialEntries(deps.store),
        getOfficialAdvice(deps.store),
      ]);
      const findings = assess(identifiers, entries);
      lines.push(t.intro, ...findings.map((f) => findingLine(lang, f)));
      const set = advice?.[lang]?.trim();
      lines.push('', set ? set : t.defaultAdvice(officielUrl));
    }
    return reply(turn, [{ text: lines.join('\n') }], idle);
  };

  const before = async (turn: Turn): Promise<TurnResult | undefined> => {
    const { message, input } = turn;
    if (message.kind !== 'text' || input.optionId) return undefined;
    const text = input.text;
    if (!text) return undefined;
    const asked = isCheckQuestion(text);
    const codes = deps.checkCodes ? extractCheckCodes(text) : [];
    const forwarded = message.forwarded === true;
    if (!asked && !forwarded && codes.length === 0) return undefined;
    const result = await answer(turn, text, false);
    if (result) return result;
    if (!asked) return undefined;
    // "Est-ce officiel ?" alone: ask what to check; the next message is the thing to check. In
    // the middle of a guided conversation its answers are kept: only a forward or a question checks.
    const ask = [{ text: officialTexts(turn.contact.lang).askWhat }];
    if (turn.state.flow !== 'idle') return reply(turn, ask);
    return reply(turn, ask, { flow: OFFICIAL_FLOW, step: 'awaiting', data: {} });
  };

  /** The message after "est-ce officiel ?": whatever it holds is checked, then back to where they were. */
  const awaiting = async (turn: Turn): Promise<TurnResult> => {
    const text = turn.input.text;
    if (turn.input.optionId || isCancel(text) || isBack(text)) return toMenu(turn);
    const result = await answer(turn, text, true);
    if (result) return result;
    return toMenu(turn, officialTexts(turn.contact.lang).nothingFound);
  };

  return { before: [before], flows: { [OFFICIAL_FLOW]: awaiting } };
}
