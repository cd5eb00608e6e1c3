import { CHANNEL_LIMITS, cutAtSentence } from '../../core/text-cut.js';
import type { Reply } from '../../core/types.js';

/**
 * WhatsApp has no buttons without approved templates, so options become a numbered list; the
 * engine maps the number typed back to the option (`ConversationState.options`).
 */
export function renderWhatsApp(reply: Reply): string {
  const options = reply.options ?? [];
  const list = options.map((o, i) => `${i + 1}. ${o.label}`).join('\n');
  const room = CHANNEL_LIMITS.whatsapp - (list ? list.length + 2 : 0);
  const { head } = cutAtSentence(reply.text, Math.max(200, room));
  return list ? `${head}\n\n${list}` : head;
}
