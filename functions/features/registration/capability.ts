import type { ChannelDirectory } from '../../core/channel.js';
import type { Config } from '../../core/config.js';
import type { EngineCapabilities, Turn, TurnResult } from '../../engine/engine.js';
import type { Store } from '../../store/client.js';
import { emptyDirectory, type OfficerDirectory } from '../leads/officers.js';
import { loadRoutingTable, type RoutingTable } from '../leads/routing/routing.js';
import { privacyCapability } from '../privacy/index.js';
import { claimInterceptor, groupChatInterceptor } from './claim.js';
import { createCompletion } from './complete.js';
import { REGISTRATION_FLOW, registrationStep, resumeOnGreeting, startRegistration } from './flow.js';
import { createHandoff, HANDOFF_FLOW, OFFICER_REQUEST } from './handoff.js';
import { holdInterceptor, holdReads } from './hold.js';
import { STATUS_QUERY, statusQuery } from './status-query.js';

export interface RegistrationCapabilityDeps {
  config: Config;
  store: Store;
  /** Officers (for least-open assignment and Telegram claims); none known by default. */
  directory?: OfficerDirectory | undefined;
  /** Defaults to the bundled routing table with the configured desk chat ids. */
  routing?: RoutingTable | undefined;
  /** What each channel can do (group chats, display names). */
  channels: ChannelDirectory;
}

/** "Je veux investir", "I want to invest", "je veux partager mes compétences"... */
const WANT_INVEST =
  /^\s*(?:je (?:veux|voudrais|souhaite) investir|i (?:want|would like|d like) to invest)\b/i;
const WANT_SKILLS =
  /^\s*(?:je (?:veux|voudrais|souhaite) (?:partager|transmettre) mes comp[ée]tences|i (?:want|would like|d like) to share my skills)\b/i;
// "M'inscrire" alone: "m'inscrire aux actualités" belongs to subscriptions, matched before this.
const WANT_REGISTER =
  /^\s*(?:(?:je (?:veux|voudrais|souhaite) )?(?:enregistrer mon int[ée]r[eê]t|m['’ ]?inscrire\s*[.!]*\s*$)|(?:i (?:want|would like|d like) to )?register(?: my)? interest|s['’ ]?inscrire\s*[.!]*\s*$)/i;

/**
 * Interest registration, handoffs, lead status, claims from desk groups, the officer's hold on a
 * conversation, and the data rights ("mes données"): everything of issue 4 on the chat side.
 * Returns engine capabilities to merge in `buildEngine`; `before` must run early (a held chat
 * stays silent whatever the person types).
 */
export function registrationCapability(deps: RegistrationCapabilityDeps) {
  const routing = deps.routing ?? loadRoutingTable(undefined, deps.config.DESK_TELEGRAM_CHAT_IDS);
  const directory = deps.directory ?? emptyDirectory;
  const { store } = deps;
  const handoff = createHandoff({ store, routing, directory });
  const status = statusQuery(store);
  const privacy = privacyCapability({ store, channels: deps.channels });

  const officerRequest = (turn: Turn): Promise<TurnResult> | undefined => {
    if (turn.state.flow === HANDOFF_FLOW) return undefined;
    const { optionId, text } = turn.input;
    if (optionId === 'menu:officer' || (!optionId && OFFICER_REQUEST.test(text))) return handoff.start(turn);
    return undefined;
  };
  const statusRequest = (turn: Turn) =>
    !turn.input.optionId && STATUS_QUERY.test(turn.input.text) ? status(turn) : undefined;

  return {
    routing,
    before: [
      claimInterceptor({ store, directory }),
      groupChatInterceptor(deps.channels),
      holdInterceptor(store, deps.config.HOLD_TIMEOUT_HOURS * 3600 * 1000, {
        directory,
        publicUrl: deps.config.PUBLIC_URL,
      }),
      officerRequest,
      statusRequest,
      ...privacy.before,
      resumeOnGreeting,
    ],
    reads: [holdReads],
    actions: {
      'menu:invest': (turn: Turn) => startRegistration(turn, 'investment'),
      'menu:skills': (turn: Turn) => startRegistration(turn, 'skills_transfer'),
      'registration:start': (turn: Turn) => startRegistration(turn),
      ...privacy.actions,
    },
    flows: {
      [REGISTRATION_FLOW]: registrationStep({ complete: createCompletion({ store, routing, directory }) }),
      [HANDOFF_FLOW]: handoff.step,
      ...privacy.flows,
    },
    keywords: [
      { pattern: WANT_INVEST, action: 'menu:invest' },
      { pattern: WANT_SKILLS, action: 'menu:skills' },
      { pattern: WANT_REGISTER, action: 'registration:start' },
    ],
  } satisfies EngineCapabilities & { routing: RoutingTable };
}
