/** Channel-neutral shapes: the engine reads `InboundMessage` and writes `Reply`; adapters translate. */
/** The built-in channels, for schemas of persisted and queued data. */
export const CHANNELS = ['whatsapp', 'telegram'] as const;
/**
 * A channel's id (`ChannelAdapter.id`): a string, so an adapter added to the list needs no change
 * here; `'whatsapp' | 'telegram'` are the built-in ones.
 */
export type Channel = string;
export type Lang = 'fr' | 'en';

/**
 * A voice note or audio message the person sent; the worker fetches it through its channel's
 * adapter (`ChannelAdapter.fetchMedia`) to transcribe it. Only audio is carried: other media keep
 * `kind: 'media'` and get the "text only" answer.
 */
export interface InboundMedia {
  kind: 'audio';
  /** Where the platform serves it (Twilio `MediaUrl0`). */
  url?: string | undefined;
  /** The platform's file id (Telegram `file_id`), for its file endpoint. */
  fileId?: string | undefined;
  contentType?: string | undefined;
  /** What the platform says up front (Telegram), checked before any download. */
  durationSec?: number | undefined;
  sizeBytes?: number | undefined;
}

export interface InboundMessage {
  channel: Channel;
  /** The channel's own id for the person: Telegram user id, WhatsApp `From` address. */
  userId: string;
  /** Where replies go: Telegram chat id, WhatsApp `whatsapp:+E164` address. */
  address: string;
  /** Platform id of this delivery (Twilio MessageSid, Telegram update_id), the dedupe key. */
  externalId: string;
  kind: 'text' | 'choice' | 'media' | 'unsupported';
  text?: string | undefined;
  /** Button payload (Telegram callback data). */
  choice?: string | undefined;
  callbackQueryId?: string | undefined;
  displayName?: string | undefined;
  /** The platform's hint of the user's language (Telegram `language_code`). */
  langHint?: string | undefined;
  receivedAtMs: number;
  /** The person forwarded this message (Telegram `forward_origin`, Twilio `Forwarded`). */
  forwarded?: boolean | undefined;
  /** A voice note to transcribe (`kind` is `media` until the worker has its text). */
  media?: InboundMedia | undefined;
  /** `text` is the transcript of a voice note, not typed. */
  transcribed?: boolean | undefined;
}

export interface ReplyOption {
  /** Stable id the engine understands when chosen (button payload, or the number typed on WhatsApp). */
  id: string;
  label: string;
}

export interface Reply {
  text: string;
  options?: ReplyOption[] | undefined;
  /**
   * Send to someone else than the person who wrote (a desk's Telegram group, for instance).
   * Such replies are delivered exactly once with the others but kept out of the person's log.
   */
  to?: { channel: Channel; address: string } | undefined;
}

/** Where and how a reply is delivered; implemented by Twilio, grammY and the local outbox. */
export interface ChannelSender {
  send(address: string, reply: Reply): Promise<void>;
  /** Stops the spinner on a Telegram button; a no-op elsewhere. */
  acknowledgeChoice?(callbackQueryId: string): Promise<void>;
}

/** Each channel's sender, by channel id (the built-in ones always there). */
export type Senders = Readonly<Record<(typeof CHANNELS)[number], ChannelSender>> &
  Record<Channel, ChannelSender>;

export function groupIdOf(message: Pick<InboundMessage, 'channel' | 'userId'>): string {
  return `${message.channel}:${message.userId}`;
}
