import type { Channel, Lang, Reply } from '../../core/types.js';
import type { LoggedMessage } from '../../store/messages.js';
import type { Programme, Sector } from './catalog.js';
import type { LeadKind, LeadOutcome, LeadStatus } from './workflow.js';

/** The consent a person gave, kept as a receipt: which text, which purposes, when, where. */
export interface ConsentReceipt {
  /** Versioned id of the exact text shown, e.g. `lead-contact-fr-2026-11`. */
  textId: string;
  purposes: string[];
  at: string;
  channel: Channel;
  /** The reference of the lead it was given for. */
  reference?: string | undefined;
}

export type ContactPreference = 'chat' | 'email' | 'phone';

/** An indicative investment amount, in euros (`max` absent: "more than `min`"). */
export interface AmountRange {
  min: number;
  max?: number | undefined;
  currency: 'EUR' | 'XOF' | 'USD';
}

export interface Lead {
  /** `TG-<year>-<5 digits>`, allocated from an atomic counter. */
  reference: string;
  kind: LeadKind;
  programme?: Programme | undefined;
  sector?: Sector | undefined;
  /** ISO 3166-1 alpha-2 code of the country of residence. */
  country?: string | undefined;
  city?: string | undefined;
  fullName?: string | undefined;
  profession?: string | undefined;
  amountRange?: AmountRange | undefined;
  contactPreference: ContactPreference;
  email?: string | undefined;
  phone?: string | undefined;
  channel: Channel;
  /** Absent once the person's data is erased. */
  userId?: string | undefined;
  address?: string | undefined;
  lang: Lang;
  desk: string;
  status: LeadStatus;
  outcome?: LeadOutcome | undefined;
  assignee?: string | undefined;
  createdAt: string;
  updatedAt: string;
  assignedAt?: string | undefined;
  firstContactAt?: string | undefined;
  closedAt?: string | undefined;
  /** First escalation time (any kind); the two fields below say which SLA was missed, each at most once. */
  escalatedAt?: string | undefined;
  escalatedClaimAt?: string | undefined;
  escalatedContactAt?: string | undefined;
  /** True while an officer holds the chat: the bot stays silent for this person. */
  conversationOpen: boolean;
  conversationOfficer?: string | undefined;
  consent?: ConsentReceipt | undefined;
  /** For handoffs: the question asked and the conversation so far, as the person left it. */
  question?: string | undefined;
  transcript?: LoggedMessage[] | undefined;
  /** Set when the person erased their data: only non-personal fields remain. */
  erasedAt?: string | undefined;
}

/** What a caller supplies to create a lead; the repository adds reference, status and dates. */
export type NewLead = Omit<
  Lead,
  | 'reference'
  | 'status'
  | 'createdAt'
  | 'updatedAt'
  | 'conversationOpen'
  | 'assignee'
  | 'assignedAt'
  | 'firstContactAt'
  | 'closedAt'
  | 'escalatedAt'
  | 'escalatedClaimAt'
  | 'escalatedContactAt'
  | 'outcome'
  | 'erasedAt'
> & { assignee?: string | undefined };

/** Where to send a message to the citizen (hand back, closing...), produced by this module. */
export interface CitizenNotice {
  channel: Channel;
  userId: string;
  address: string;
  reply: Reply;
}
