import type { Hono } from 'hono';
import type { Config } from './config.js';
import type { MediaFile, MediaLimits } from './media.js';
import type { InboundQueue } from './queue.js';
import type { Channel, ChannelSender, InboundMedia, Reply } from './types.js';

/** What one platform call came to, as the broadcast delivery loop needs it. */
export type SendResult =
  | { kind: 'sent' }
  | { kind: 'retry'; afterMs: number; throttled: boolean; reason: string }
  | { kind: 'blocked'; reason: string }
  | { kind: 'failed'; reason: string };

/** A pre-approved message (WhatsApp content template), for channels that need one outside a window. */
export interface TemplateMessage {
  contentSid: string;
  variables: Record<string, string>;
  preview?: string | undefined;
}

/** Fills {{1}}-style placeholders, for the local outbox and the console preview. */
export const renderTemplatePreview = (t: TemplateMessage): string =>
  (t.preview ?? `[template ${t.contentSid}]`).replace(
    /\{\{(\w+)\}\}/g,
    (_, k: string) => t.variables[k] ?? '',
  );

/** A reply as the channel would show it, for the local outbox (no platform call, no store). */
export interface ReplyPreview {
  text: string;
  /** Button labels, on channels that have buttons. */
  buttons?: string[] | undefined;
}

/** The platform calls of a broadcast on one channel; each classifies its own errors. */
export interface BroadcastSender {
  text(address: string, text: string): Promise<SendResult>;
  /** Only on channels with templates (`capabilities.templates`). */
  template?(address: string, template: TemplateMessage): Promise<SendResult>;
}

/**
 * What features may ask about a channel: pure data and pure functions, no client, no I/O. Features
 * ask this instead of comparing channel names.
 */
export interface ChannelProfile {
  id: Channel;
  /** The platform's name as people know it ("WhatsApp"). */
  displayName: string;
  limits: {
    /** Longest text the platform accepts in one message. */
    maxText: number;
    /** Longest answer text that still leaves room for the options rendered under it. */
    answerRoom: number;
    /**
     * What reads on one phone screen before "read more", where the platform shows a long text as
     * one block (WhatsApp); absent where `answerRoom` is the only bound.
     */
    screenful?: number;
  };
  capabilities: {
    /** Options are buttons (else a numbered list, answered by typing the number). */
    buttons: boolean;
    /** Pre-approved templates can be sent (`BroadcastSender.template`). */
    templates: boolean;
    /**
     * Free text reaches the person only this long after their last message (WhatsApp: 24 h);
     * outside it, only templates. Absent: always.
     */
    freeTextWindow?: { ms: number /** The platform's error when the rule is broken. */; error: string };
    /** `/start <payload>` deep links open the chat (Telegram's t.me links). */
    deepLinks: boolean;
    /** Group chats exist and the bot can be added to them (desks' rooms). */
    groups: boolean;
  };
  /** A group chat (a desk's room), not a person's chat. */
  isGroupAddress(address: string): boolean;
  /** The person's phone number (`+E164`) when the platform's address is one (WhatsApp); else none. */
  phoneNumber?(address: string): string | undefined;
  /** The reply rendered as the channel shows it (text cut to its limit, options as buttons or a list). */
  preview(reply: Reply): ReplyPreview;
}

/** The broadcast side of a channel: its pace and its platform calls. */
export interface ChannelBroadcast {
  /** Messages per second the platform allows this sender (from config). */
  ratePerSecond(config: Config): number;
  /** Minimum spacing between two messages to one chat, if the platform has such a limit. */
  perChatSpacingMs?: number;
  /** Real client when configured, undefined otherwise (the runtime then uses the outbox). */
  createSender(config: Config): BroadcastSender | undefined;
}

/**
 * One channel behind one interface: its profile (what features ask), its sender and its
 * broadcast transport. The webhook side is its `ChannelIntake` (see there why it is apart).
 */
export interface ChannelAdapter extends ChannelProfile {
  /** The real client when its credentials are configured; undefined otherwise (local outbox). */
  createSender(config: Config): ChannelSender | undefined;
  broadcast: ChannelBroadcast;
  /**
   * Downloads a voice note the channel's normaliser described (`InboundMessage.media`), with the
   * channel's credentials and host rules, within `limits`; throws `MediaFetchError`. Absent: the
   * channel carries no audio and voice notes get the polite "please type".
   */
  fetchMedia?(config: Config, media: InboundMedia, limits: MediaLimits): Promise<MediaFile>;
}

export interface WebhookDeps {
  config: Config;
  queue: InboundQueue;
  now?: (() => number) | undefined;
}

/**
 * The webhook of a channel: verify, normalise to `InboundMessage`, queue. Kept apart from the
 * adapter because the API function bundles only this side (no send clients: its bundle budget),
 * and the worker only the other (no Hono, no webhook schemas).
 */
export interface ChannelIntake {
  id: Channel;
  /** Where the platform posts, e.g. `/webhooks/telegram`. */
  path: string;
  webhook(deps: WebhookDeps): Hono;
  /**
   * Takes messages in without a public URL (Telegram's long polling), for local mode with real
   * credentials; undefined when the channel has no such mode or is not configured.
   */
  poll?(
    deps: WebhookDeps,
    onStart?: (line: string) => void,
  ): { running: Promise<void>; stop(): Promise<void> } | undefined;
}

/** The channels a runtime has, by id; what features receive to ask about a channel. */
export interface ChannelDirectory {
  get(id: Channel): ChannelProfile;
  readonly all: readonly ChannelProfile[];
}

export class UnknownChannelError extends Error {
  constructor(readonly channel: string) {
    super(`No channel adapter for '${channel}'`);
    this.name = 'UnknownChannelError';
  }
}

/** A directory over the adapters; an unknown id throws (every stored channel has its adapter). */
export function channelDirectory(profiles: readonly ChannelProfile[]): ChannelDirectory {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  return {
    all: profiles,
    get(id) {
      const profile = byId.get(id);
      if (!profile) throw new UnknownChannelError(id);
      return profile;
    },
  };
}

/** The sender of a channel, or a clear error naming it. */
export function senderFor(
  senders: Readonly<Record<Channel, ChannelSender>>,
  channel: Channel,
): ChannelSender {
  const sender = senders[channel];
  if (!sender) throw new UnknownChannelError(channel);
  return sender;
}
