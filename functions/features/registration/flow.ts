import type { Lang, Reply, ReplyOption } from '../../core/types.js';
import { menuReply, reply, type Turn, type TurnResult, toMenu } from '../../engine/engine.js';
import { isBack, isCancel, isNo, isYes } from '../../engine/words.js';
import { isProgramme, isSector, PROGRAMMES, type Programme, SECTORS, type Sector } from '../leads/catalog.js';
import type { AmountRange, ContactPreference } from '../leads/repository.js';
import { countryByCode, countryName, findCountry } from './countries.js';
import {
  AMOUNT_PRESETS,
  citySchema,
  emailSchema,
  formatAmount,
  fullNameSchema,
  matchProgramme,
  matchSector,
  parseAmountRange,
  phoneSchema,
  professionSchema,
} from './parse.js';
import { registrationTexts } from './texts.js';

export const REGISTRATION_FLOW = 'registration';

export type StepId =
  | 'programme'
  | 'sector'
  | 'country'
  | 'city'
  | 'fullName'
  | 'profession'
  | 'amount'
  | 'contact'
  | 'email'
  | 'phone'
  | 'consent'
  | 'confirm';

/** The answers so far, kept in the conversation state (DynamoDB, expiring with it). */
export interface Answers {
  programme?: Programme;
  sector?: Sector;
  country?: string;
  city?: string;
  fullName?: string;
  profession?: string;
  amountRange?: AmountRange;
  contactPreference?: ContactPreference;
  email?: string;
  phone?: string;
  consentAt?: string;
  /** Steps answered, in order, so "back" returns to the previous one. */
  history: StepId[];
}

/** Countries most of the diaspora lives in, offered as buttons; any other is typed. */
const COMMON_COUNTRIES = ['FR', 'DE', 'US', 'CA', 'BE', 'GH'];

/** The steps this person goes through, given what they answered (amount only for investment...). */
export function stepsFor(a: Answers): StepId[] {
  const steps: StepId[] = ['programme', 'sector', 'country', 'city', 'fullName', 'profession'];
  if (a.programme === 'investment') steps.push('amount');
  steps.push('contact');
  if (a.contactPreference === 'email') steps.push('email');
  if (a.contactPreference === 'phone') steps.push('phone');
  steps.push('consent', 'confirm');
  return steps;
}

function nextStep(current: StepId, a: Answers): StepId {
  const steps = stepsFor(a);
  return steps[steps.indexOf(current) + 1] ?? 'confirm';
}

const nav = (lang: Lang, first: boolean): ReplyOption[] => {
  const t = registrationTexts(lang);
  return [...(first ? [] : [{ id: 'reg:back', label: t.back }]), { id: 'reg:cancel', label: t.cancel }];
};

/** The question of a step, with its choices as options (buttons on Telegram, numbers on WhatsApp). */
export function question(step: StepId, lang: Lang, a: Answers): Reply {
  const t = registrationTexts(lang);
  const steps = stepsFor(a);
  const prefix = `${t.step(steps.indexOf(step) + 1, steps.length)} `;
  const first = step === 'programme';
  const ask = (text: string, options: ReplyOption[] = []): Reply => ({
    text: prefix + text,
    options: [...options, ...nav(lang, first)],
  });
  switch (step) {
    case 'programme':
      return ask(
        t.programme,
        Object.entries(PROGRAMMES).map(([id, label]) => ({ id: `prog:${id}`, label: label[lang] })),
      );
    case 'sector':
      return ask(
        t.sector,
        Object.entries(SECTORS).map(([id, label]) => ({ id: `sector:${id}`, label: label[lang] })),
      );
    case 'country':
      return ask(
        t.country,
        COMMON_COUNTRIES.map((code) => ({ id: `country:${code}`, label: countryName(code, lang) })),
      );
    case 'amount':
      return ask(
        t.amount,
        AMOUNT_PRESETS.map((p, i) => ({ id: p.id, label: t.amountOptions[i] ?? p.id })),
      );
    case 'contact':
      return ask(
        t.contact,
        (['chat', 'email', 'phone'] as const).map((c) => ({
          id: `contact:${c}`,
          label: t.contactOptions[c],
        })),
      );
    case 'consent':
      return ask(t.consent, [
        { id: 'consent:yes', label: t.yes },
        { id: 'consent:no', label: t.no },
      ]);
    case 'confirm':
      return {
        text: `${t.summaryTitle}\n${summary(a, lang)}\n\n${t.confirm}`,
        options: [{ id: 'confirm:yes', label: t.confirmYes }, ...nav(lang, false)],
      };
    default:
      return ask(t[step]);
  }
}

/** The answers as lines "Label : value", for the person's confirmation and the desk's notice. */
export function summary(a: Partial<Answers>, lang: Lang): string {
  const t = registrationTexts(lang);
  const contact =
    a.contactPreference === 'email'
      ? `${t.contactOptions.email} (${a.email})`
      : a.contactPreference === 'phone'
        ? `${t.contactOptions.phone} (${a.phone})`
        : a.contactPreference
          ? t.contactOptions.chat
          : undefined;
  const lines: [string, string | undefined][] = [
    [t.labels.programme, a.programme && PROGRAMMES[a.programme][lang]],
    [t.labels.sector, a.sector && SECTORS[a.sector][lang]],
    [t.labels.country, a.country && countryName(a.country, lang)],
    [t.labels.city, a.city],
    [t.labels.fullName, a.fullName],
    [t.labels.profession, a.profession],
    [t.labels.amount, a.amountRange && formatAmount(a.amountRange, lang)],
    [t.labels.contact, contact],
  ];
  const colon = lang === 'fr' ? ' : ' : ': ';
  return lines
    .filter(([, v]) => v)
    .map(([k, v]) => `• ${k}${colon}${v}`)
    .join('\n');
}

type Accepted = { ok: Partial<Answers> } | { error: string };

/** Validates one answer; the error is the re-prompt, in the person's language. */
export function accept(step: StepId, input: Turn['input'], lang: Lang): Accepted {
  const t = registrationTexts(lang).errors;
  const id = input.optionId;
  const text = input.text;
  const value = (prefix: string) => (id?.startsWith(prefix) ? id.slice(prefix.length) : undefined);
  switch (step) {
    case 'programme': {
      const p = value('prog:') ?? matchProgramme(text);
      return isProgramme(p) ? { ok: { programme: p } } : { error: t.programme };
    }
    case 'sector': {
      const s = value('sector:') ?? matchSector(text);
      return isSector(s) ? { ok: { sector: s } } : { error: t.sector };
    }
    case 'country': {
      const code = value('country:');
      const country = code ? countryByCode(code) : findCountry(text);
      return country ? { ok: { country: country.code } } : { error: t.country };
    }
    case 'city': {
      const parsed = citySchema.safeParse(text);
      return parsed.success ? { ok: { city: parsed.data } } : { error: t.city };
    }
    case 'fullName': {
      const parsed = fullNameSchema.safeParse(text);
      return parsed.success ? { ok: { fullName: parsed.data.replace(/\s+/g, ' ') } } : { error: t.fullName };
    }
    case 'profession': {
      const parsed = professionSchema.safeParse(text);
      return parsed.success ? { ok: { profession: parsed.data } } : { error: t.profession };
    }
    case 'amount': {
      const preset = AMOUNT_PRESETS.find((p) => p.id === id)?.range;
      const range = preset ?? (id ? undefined : parseAmountRange(text));
      return range ? { ok: { amountRange: range } } : { error: t.amount };
    }
    case 'contact': {
      const c = value('contact:') ?? contactFromText(text);
      return c === 'chat' || c === 'email' || c === 'phone'
        ? {
            ok: {
              contactPreference: c,
              ...(c !== 'email' ? { email: undefined } : {}),
              ...(c !== 'phone' ? { phone: undefined } : {}),
            },
          }
        : { error: t.contact };
    }
    case 'email': {
      const parsed = emailSchema.safeParse(text);
      return parsed.success ? { ok: { email: parsed.data } } : { error: t.email };
    }
    case 'phone': {
      const parsed = phoneSchema.safeParse(text);
      return parsed.success ? { ok: { phone: parsed.data } } : { error: t.phone };
    }
    case 'consent':
      if (id === 'consent:yes' || (!id && isYes(text))) return { ok: { consentAt: 'now' } };
      if (id === 'consent:no' || (!id && isNo(text))) return { ok: { consentAt: undefined } };
      return { error: t.consent };
    case 'confirm':
      return id === 'confirm:yes' || (!id && isYes(text)) ? { ok: {} } : { error: t.confirm };
  }
}

function contactFromText(text: string): ContactPreference | undefined {
  const f = text.toLowerCase();
  if (/(e-?mail|courriel|mail)/.test(f)) return 'email';
  if (/(t[ée]l[ée]phone|phone|appel|call|num[ée]ro)/.test(f)) return 'phone';
  if (/(ici|chat|conversation|whatsapp|telegram|here)/.test(f)) return 'chat';
  return undefined;
}

export interface RegistrationDeps {
  /** Creates the lead when the person confirms; returns the turn's result. */
  complete: (turn: Turn, answers: Answers) => Promise<TurnResult>;
}

const answersOf = (turn: Turn): Answers => ({ history: [], ...(turn.state.data as Partial<Answers>) });

const GREETING = /^(bonjour|bonsoir|salut|hello|hi|hey|coucou|re)[\s!.,]*$/i;

/**
 * A greeting from someone mid-registration ("bonjour" days later) resumes at the same question.
 * An interceptor, because the engine would otherwise answer greetings with the menu first.
 */
export function resumeOnGreeting(turn: Turn): TurnResult | undefined {
  if (turn.state.flow !== REGISTRATION_FLOW || turn.input.optionId || !GREETING.test(turn.input.text))
    return undefined;
  const lang = turn.contact.lang;
  const ask = question((turn.state.step ?? 'programme') as StepId, lang, answersOf(turn));
  return reply(turn, [{ ...ask, text: `${registrationTexts(lang).resume}\n\n${ask.text}` }]);
}

/** Starts the flow; `programme` skips the first question when the person already said it. */
export function startRegistration(turn: Turn, programme?: Programme): TurnResult {
  const t = registrationTexts(turn.contact.lang);
  const answers: Answers = programme ? { programme, history: ['programme'] } : { history: [] };
  const step: StepId = programme ? 'sector' : 'programme';
  const ask = question(step, turn.contact.lang, answers);
  return reply(turn, [{ ...ask, text: `${t.intro}\n\n${ask.text}` }], {
    flow: REGISTRATION_FLOW,
    step,
    data: { ...answers },
  });
}

/** One step of the registration: back, cancel, re-prompt on a wrong answer, or the next question. */
export function registrationStep(deps: RegistrationDeps) {
  return async (turn: Turn): Promise<TurnResult> => {
    const lang = turn.contact.lang;
    const t = registrationTexts(lang);
    const answers = answersOf(turn);
    const step = (turn.state.step ?? 'programme') as StepId;
    const { optionId, text } = turn.input;

    if (optionId === 'reg:cancel' || (!optionId && isCancel(text))) return toMenu(turn, t.cancelled);
    if (optionId === 'reg:back' || (!optionId && isBack(text))) {
      const previous = answers.history.pop() ?? 'programme';
      return reply(turn, [question(previous, lang, answers)], {
        step: previous,
        data: { ...answers },
      });
    }
    // A button from an older message (the menu...) is not an answer to this question.
    if (optionId && !/^(prog|sector|country|amt|contact|consent|confirm):/.test(optionId)) {
      const ask = question(step, lang, answers);
      return reply(turn, [{ text: t.errors.otherAction }, ask]);
    }

    const result = accept(step, turn.input, lang);
    if ('error' in result) {
      const ask = question(step, lang, answers);
      return reply(turn, [{ ...ask, text: `${result.error}\n\n${ask.text}` }]);
    }
    if (step === 'consent' && result.ok.consentAt === undefined) {
      return reply(turn, [menuReply(lang, t.consentRefused)], { flow: 'idle', step: undefined, data: {} });
    }
    const updated: Answers = {
      ...answers,
      ...result.ok,
      ...(step === 'consent' ? { consentAt: new Date(turn.nowMs).toISOString() } : {}),
      history: [...answers.history, step],
    };
    if (step === 'confirm') return deps.complete(turn, updated);
    const next = nextStep(step, updated);
    return reply(turn, [question(next, lang, updated)], { step: next, data: { ...updated } });
  };
}
