import { CHANNEL_ADAPTERS } from '../channels/index.js';
import { type ChannelDirectory, channelDirectory } from '../core/channel.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { Senders } from '../core/types.js';
import { createEngine } from '../engine/engine.js';
import { llmBudgetFromConfig, tryConsumeLlmBudget } from '../features/abuse/llm-budget.js';
import { rateLimitInterceptor, rateLimitReads } from '../features/abuse/rate-limit.js';
import { knowledgeCapability } from '../features/knowledge/capability.js';
import type { KnowledgeSource } from '../features/knowledge/source.js';
import { createLiveKnowledge } from '../features/knowledge-editing/live.js';
import { loadRoutingTable } from '../features/leads/routing/routing.js';
import { telegramLinkInterceptor } from '../features/officers/telegram-link.js';
import { officialCapability } from '../features/official/capability.js';
import { checkCodeChecker } from '../features/official/check-codes.js';
import { registrationCapability } from '../features/registration/capability.js';
import { satisfactionCapability } from '../features/satisfaction/capability.js';
import { subscriptionCapability } from '../features/subscriptions/chat.js';
import type { Store } from '../store/client.js';
import { officerDirectory } from './officer-directory.js';

export interface CapabilityDeps {
  config: Config;
  store: Store;
  logger: Logger;
  /** For capabilities that message someone outside the turn (an officer's reply, a broadcast). */
  senders?: Senders;
  /** The channels' profiles; the product's adapters (channels/index.ts) by default. */
  channels?: ChannelDirectory;
  now?: () => number;
  /** The published knowledge base; by default the bundled one, replaced by newer published ones. */
  knowledge?: KnowledgeSource;
}

/** Assembles the engine with every capability the product has; the one place they are listed. */
export function buildEngine(deps: CapabilityDeps) {
  const channels = deps.channels ?? channelDirectory(CHANNEL_ADAPTERS);
  const knowledge = knowledgeCapability({
    config: deps.config,
    logger: deps.logger,
    channels,
    // Published from the console: every running function picks a new base up within KB_REFRESH_SECONDS.
    source:
      deps.knowledge ??
      createLiveKnowledge({
        store: deps.store,
        logger: deps.logger,
        refreshSeconds: deps.config.KB_REFRESH_SECONDS,
        graceDays: deps.config.KB_EXPIRY_GRACE_DAYS,
        now: deps.now,
      }),
    // Each model call spends the person's and everyone's daily budget; spent means extractive.
    allowModel: (turn) =>
      tryConsumeLlmBudget(
        deps.store,
        `${turn.message.channel}:${turn.message.userId}`,
        turn.nowMs,
        llmBudgetFromConfig(deps.config),
      ),
  });
  const subscriptions = subscriptionCapability({ store: deps.store, channels });
  const registration = registrationCapability({
    ...deps,
    channels,
    directory: officerDirectory(deps.store),
  });
  const satisfaction = satisfactionCapability({ store: deps.store });
  const desks = loadRoutingTable().desks;
  const official = officialCapability({
    store: deps.store,
    publicUrl: deps.config.PUBLIC_URL,
    checkCodes: checkCodeChecker({
      store: deps.store,
      config: deps.config,
      deskName: (id, lang) => desks.find((d) => d.id === id)?.names[lang] ?? id,
    }),
  });
  return createEngine({
    // Rate limiting first: a flood stops here, before any other work (or any model call).
    // Then STOP and `/start <payload>` deep links (before the engine's own `/start` greeting).
    before: [
      rateLimitInterceptor({ store: deps.store, limitPerMinute: deps.config.RATE_LIMIT_PER_MINUTE }),
      // An officer's `/lier CODE` in a private chat links their Telegram account to the console.
      telegramLinkInterceptor(deps.store),
      // Desk claims, an officer's hold on the chat (silence), handoff and status requests.
      ...registration.before,
      // "Est-ce officiel ?", a forwarded message, a check code: answered even mid-conversation.
      ...official.before,
      ...subscriptions.before,
    ],
    // Free text nothing else claimed is a question for the knowledge base; `kb:` are its buttons.
    answer: knowledge.answer,
    actions: {
      ...knowledge.actions,
      ...subscriptions.actions,
      ...registration.actions,
      ...satisfaction.actions,
    },
    flows: { ...registration.flows, ...official.flows, ...satisfaction.flows },
    keywords: [...subscriptions.keywords, ...registration.keywords],
    // Read by the worker in one request with the contact and the state: the minute's rate counter
    // (then counted in the turn's commit) and an officer's hold.
    reads: [rateLimitReads(deps.config.RATE_LIMIT_PER_MINUTE), ...registration.reads],
  });
}
