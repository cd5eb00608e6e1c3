import type { Contact, ConversationState } from '../../core/contact.js';
import type { InboundMessage } from '../../core/types.js';
import type { TurnResult } from '../../engine/engine.js';
import type { VoiceListener } from './listen.js';
import { voiceTexts } from './texts.js';

/** What the worker hands the engine for one message. */
export interface VoiceTurn {
  message: InboundMessage;
  contact: Contact;
  state: ConversationState;
  nowMs: number;
}

/** The message as it was answered (a voice note becomes its transcript) and the engine's result. */
export interface VoiceAnswer {
  message: InboundMessage;
  result: TurnResult;
}

/** Longest part of the transcript quoted back, so the echo never crowds out the answer. */
const ECHO_MAX = 500;

/**
 * The worker's voice step: a voice note is transcribed, echoed ("🎤 J'ai compris : « … »") and then
 * handled exactly as if it had been typed; one that cannot be heard gets a polite "please type" and
 * leaves the conversation where it was. Any other message goes straight to the engine.
 */
export function voiceTurns(listen: VoiceListener) {
  return async function answer(
    turn: VoiceTurn,
    run: (turn: VoiceTurn) => Promise<TurnResult>,
  ): Promise<VoiceAnswer> {
    const { message } = turn;
    if (message.kind !== 'media' || message.media?.kind !== 'audio') {
      return { message, result: await run(turn) };
    }
    const lang = turn.contact.lang === 'en' ? 'en' : 'fr';
    const heard = await listen(message, lang);
    if (heard.kind === 'refused') {
      return {
        message,
        result: {
          replies: [{ text: heard.reply }],
          contact: { ...turn.contact, lastSeenAt: new Date(turn.nowMs).toISOString() },
          state: turn.state,
        },
      };
    }
    // The audio's reference is dropped with it: only the transcript goes on (and is stored).
    const { media: _audio, ...rest } = message;
    const typed: InboundMessage = { ...rest, kind: 'text', text: heard.text, transcribed: true };
    const result = await run({ ...turn, message: typed });
    const quoted = heard.text.length > ECHO_MAX ? `${heard.text.slice(0, ECHO_MAX - 1)}…` : heard.text;
    const echo = { text: voiceTexts(result.contact.lang === 'en' ? 'en' : 'fr').understood(quoted) };
    return { message: typed, result: { ...result, replies: [echo, ...result.replies] } };
  };
}

export type VoiceTurns = ReturnType<typeof voiceTurns>;
