import type { ChannelDirectory } from '../../core/channel.js';
import type { Lang, Reply, ReplyOption } from '../../core/types.js';
import type { EngineCapabilities, Handler, Turn, TurnResult } from '../../engine/engine.js';
import { reply, toMenu } from '../../engine/engine.js';
import { textsFor } from '../../engine/texts.js';
import type { Store } from '../../store/client.js';
import { deepLinkSource } from './deep-link.js';
import { emptyProfile, getSubscriptions, type SubscriptionProfile, subscriptionPuts } from './repository.js';
import { subscriptionTexts } from './texts.js';
import { findTopic, TOPICS, type Topic, topicName } from './topics.js';

export const SUB_IDS = {
  manage: 'sub:manage',
  leave: 'sub:leave',
  list: 'sub:list',
  stopAll: 'sub:stop',
  togglePrefix: 'sub:toggle:',
} as const;

// Without a slash: "STOP" ends everything at once (WhatsApp users expect it). `/unsubscribe` opens the keyboard.
export const STOP = /^(stop|arr[eê]t|arr[eê]ter|unsubscribe)[\s!.]*$/i;

export interface SubscriptionDeps {
  store: Store;
  /** What each channel can do (deep links). */
  channels: ChannelDirectory;
  topics?: Topic[];
}

/** Topic subscriptions in the conversation: menu entry, commands, keywords, STOP and deep links. */
export function subscriptionCapability(
  deps: SubscriptionDeps,
): Required<Pick<EngineCapabilities, 'before' | 'actions' | 'keywords'>> {
  const topics = deps.topics ?? TOPICS;
  const load = async (turn: Turn) =>
    (await getSubscriptions(deps.store, turn.contact.channel, turn.contact.userId)) ??
    emptyProfile(turn.contact, new Date(turn.nowMs).toISOString());

  const keyboard = (lang: Lang, profile: SubscriptionProfile, lead: string): Reply => {
    const t = subscriptionTexts(lang);
    const options: ReplyOption[] = topics.map((topic) => ({
      id: `${SUB_IDS.togglePrefix}${topic.id}`,
      label: `${profile.topics.includes(topic.id) ? '✅' : '⬜'} ${topicName(topic, lang)}`,
    }));
    if (profile.topics.length > 0) options.push({ id: SUB_IDS.stopAll, label: t.stopAll });
    options.push({ id: 'menu', label: t.menu });
    return { text: lead, options };
  };

  /** Writes the new subscription state with the turn, and the consent time on the contact. */
  const commit = (
    turn: Turn,
    previous: SubscriptionProfile,
    next: SubscriptionProfile,
    result: TurnResult,
  ) => {
    const contact = { ...turn.contact, consent: { ...turn.contact.consent } };
    contact.consent.updatesAt = next.topics.length > 0 ? next.consentAt : undefined;
    return { ...result, contact, puts: [...(result.puts ?? []), ...subscriptionPuts(previous, next)] };
  };

  const manage: Handler = async (turn) => {
    const profile = await load(turn);
    const t = subscriptionTexts(turn.contact.lang);
    return reply(turn, [keyboard(turn.contact.lang, profile, t.choose)], idle);
  };

  const leave: Handler = async (turn) => {
    const profile = await load(turn);
    const t = subscriptionTexts(turn.contact.lang);
    if (profile.topics.length === 0) return reply(turn, [keyboard(turn.contact.lang, profile, t.none)], idle);
    return reply(turn, [keyboard(turn.contact.lang, profile, t.chooseToLeave)], idle);
  };

  const list: Handler = async (turn) => {
    const profile = await load(turn);
    const lang = turn.contact.lang;
    const t = subscriptionTexts(lang);
    const names = profile.topics.flatMap((id) => {
      const topic = findTopic(id, topics);
      return topic ? [`• ${topicName(topic, lang)}`] : [];
    });
    const text = names.length > 0 ? `${t.current}\n${names.join('\n')}` : t.none;
    return reply(
      turn,
      [
        {
          text,
          options: [
            { id: SUB_IDS.manage, label: t.manage },
            { id: 'menu', label: t.menu },
          ],
        },
      ],
      idle,
    );
  };

  const toggle = async (turn: Turn, topicId: string): Promise<TurnResult> => {
    const lang = turn.contact.lang;
    const t = subscriptionTexts(lang);
    const previous = await load(turn);
    const topic = findTopic(topicId, topics);
    if (!topic) return reply(turn, [keyboard(lang, previous, t.unknownTopic)], idle);
    const at = new Date(turn.nowMs).toISOString();
    const adding = !previous.topics.includes(topic.id);
    const next: SubscriptionProfile = {
      ...previous,
      address: turn.contact.address,
      lang,
      // Kept in the configured order, whatever order they were ticked in.
      topics: topics
        .map((x) => x.id)
        .filter((id) => (id === topic.id ? adding : previous.topics.includes(id))),
      consentAt: adding ? at : previous.consentAt,
      updatedAt: at,
    };
    const lead = adding
      ? [t.subscribed(topicName(topic, lang)), previous.topics.length === 0 ? t.firstConsent : '']
          .filter(Boolean)
          .join('\n')
      : t.unsubscribed(topicName(topic, lang));
    return commit(turn, previous, next, reply(turn, [keyboard(lang, next, lead)], idle));
  };

  const stopAll: Handler = async (turn) => {
    const previous = await load(turn);
    const t = subscriptionTexts(turn.contact.lang);
    if (previous.topics.length === 0) {
      return reply(turn, [{ text: t.stoppedNone, options: [{ id: 'menu', label: t.menu }] }], idle);
    }
    const at = new Date(turn.nowMs).toISOString();
    const next: SubscriptionProfile = {
      ...previous,
      topics: [],
      endedAt: at,
      endedReason: 'stop',
      updatedAt: at,
    };
    return commit(
      turn,
      previous,
      next,
      reply(turn, [{ text: t.stopped, options: [{ id: 'menu', label: t.menu }] }], idle),
    );
  };

  const stopInterceptor = (turn: Turn) =>
    !turn.input.optionId && STOP.test(turn.input.text) ? stopAll(turn) : undefined;

  /**
   * `/start <payload>` from a deep link: records where the person came from (first source wins),
   * then greets as `/start` always does. Must run before the engine's own greeting.
   */
  const deepLinkInterceptor = async (turn: Turn): Promise<TurnResult | undefined> => {
    if (turn.input.optionId || !deps.channels.get(turn.contact.channel).capabilities.deepLinks)
      return undefined;
    const source = deepLinkSource(turn.input.text);
    if (!source) return undefined;
    const previous = await load(turn);
    const greeting = toMenu(turn, textsFor(turn.contact.lang).welcome);
    if (previous.source) return greeting;
    const at = new Date(turn.nowMs).toISOString();
    const next: SubscriptionProfile = { ...previous, source, sourceAt: at, updatedAt: at };
    return { ...greeting, puts: subscriptionPuts(previous, next) };
  };

  return {
    before: [stopInterceptor, deepLinkInterceptor],
    actions: {
      'menu:updates': manage,
      [SUB_IDS.manage]: manage,
      [SUB_IDS.leave]: leave,
      [SUB_IDS.list]: list,
      [SUB_IDS.stopAll]: stopAll,
      'sub:': (turn) => {
        const id = turn.input.optionId ?? '';
        if (id.startsWith(SUB_IDS.togglePrefix)) return toggle(turn, id.slice(SUB_IDS.togglePrefix.length));
        return manage(turn);
      },
    },
    keywords: [
      { pattern: /^\/(abonner|subscribe)(@\w+)?$/i, action: SUB_IDS.manage },
      { pattern: /^\/(d[ée]sabonner|unsubscribe)(@\w+)?$/i, action: SUB_IDS.leave },
      {
        pattern: /^(mes abonnements|my subscriptions|\/abonnements|\/subscriptions)[\s!?.]*$/i,
        action: SUB_IDS.list,
      },
      {
        pattern:
          /^(abonner|m[’']abonner|s[’']abonner|je veux m[’']abonner|abonnement|abonnements|actualit[ée]s|subscribe|news|updates)[\s!.]*$/i,
        action: SUB_IDS.manage,
      },
      { pattern: /^(d[ée]sabonner|me d[ée]sabonner|se d[ée]sabonner)[\s!.]*$/i, action: SUB_IDS.leave },
    ],
  };
}

const idle = { flow: 'idle', step: undefined, data: {} } as const;
