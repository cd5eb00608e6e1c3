import type { Lang } from '../../../core/types.js';
import type { LoggedMessage } from '../../../store/messages.js';

export interface ShownMessage {
  message: LoggedMessage;
  /** What the officer reads: the citizen's words, or the label of the option they tapped or typed. */
  text: string;
  /** The number typed on WhatsApp, when `text` is the option it stood for. */
  typed?: string | undefined;
}

const PLACEHOLDERS: Record<string, { fr: string; en: string }> = {
  '[choice]': { fr: '(option choisie)', en: '(option chosen)' },
  '[media]': { fr: '(pièce jointe)', en: '(attachment)' },
  '[unsupported]': { fr: '(message non pris en charge)', en: '(unsupported message)' },
};

/**
 * The conversation as the citizen saw it. A button tap is logged with its option id and a typed
 * "1" as the digit; both are read back against the options offered at that point (the options
 * of the bot's latest turn, which is what the engine maps a number against: a turn without
 * options clears them). An option no longer known falls back to a plain word, never a code.
 */
export function conversationText(messages: LoggedMessage[], lang: Lang): ShownMessage[] {
  let offered: { id: string; label: string }[] = [];
  let lastOutAt: string | undefined;
  const everOffered = new Map<string, string>();
  return messages.map((message) => {
    if (message.direction === 'out') {
      if (message.options?.length) {
        offered = message.options;
        for (const o of offered) everOffered.set(o.id, o.label);
      } else if (message.at !== lastOutAt) {
        offered = [];
      }
      lastOutAt = message.at;
      return { message, text: message.text };
    }
    if (message.choice) {
      const label = offered.find((o) => o.id === message.choice)?.label ?? everOffered.get(message.choice);
      if (label) return { message, text: label };
    }
    const number = /^\s*(\d{1,2})[.)]?\s*$/.exec(message.text);
    const option = number ? offered[Number(number[1]) - 1] : undefined;
    if (option) return { message, text: option.label, typed: number![1] };
    const placeholder = PLACEHOLDERS[message.text.trim()];
    if (placeholder) return { message, text: placeholder[lang] };
    return { message, text: message.text };
  });
}
