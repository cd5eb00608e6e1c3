/** Longest text each channel accepts in one message (Twilio WhatsApp body, Telegram sendMessage). */
export const CHANNEL_LIMITS = { whatsapp: 1600, telegram: 4096 } as const;

/**
 * Cuts `text` to at most `limit` characters at a sentence (or failing that, a word) boundary,
 * so a long answer never ends mid-word. Returns the part that fits and the rest.
 */
export function cutAtSentence(text: string, limit: number): { head: string; rest: string } {
  if (text.length <= limit) return { head: text, rest: '' };
  const window = text.slice(0, limit);
  const sentenceEnd = Math.max(
    window.lastIndexOf('. '),
    window.lastIndexOf('.\n'),
    window.lastIndexOf('! '),
    window.lastIndexOf('? '),
    window.lastIndexOf('\n\n'),
  );
  let cut = sentenceEnd >= limit * 0.4 ? sentenceEnd + 1 : window.lastIndexOf(' ');
  if (cut <= 0) cut = limit;
  return { head: text.slice(0, cut).trimEnd(), rest: text.slice(cut).trimStart() };
}
