import type { Store } from '../../functions/store/client.js';
import { listOutbox } from '../../functions/store/outbox.js';
import {
  postTelegram,
  postWhatsApp,
  telegramChoice,
  telegramText,
  whatsappText,
} from '../helpers/requests.js';
import type { testRuntime } from '../helpers/runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;

/** What one address received since the last call, as the channel rendered it. */
function inbox(rt: Runtime, store: Store, address: string) {
  let seen = 0;
  return async () => {
    await rt.queue.idle();
    const all = (await listOutbox(store)).filter((m) => m.to === address);
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh;
  };
}

/** A person on WhatsApp: `say(text)` posts through the signed webhook and returns the replies' text. */
export function whatsappUser(rt: Runtime, from: string) {
  const received = inbox(rt, rt.store, from);
  return async (body: string) => {
    const res = await postWhatsApp(rt.app, whatsappText(from, body));
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    return (await received()).map((m) => m.text).join('\n---\n');
  };
}

/** A person on Telegram: text or button presses; returns replies' text and the buttons shown. */
export function telegramUser(rt: Runtime, userId: number, languageCode = 'fr') {
  const received = inbox(rt, rt.store, String(userId));
  const collect = async () => {
    const fresh = await received();
    return { text: fresh.map((m) => m.text).join('\n---\n'), buttons: fresh.flatMap((m) => m.buttons ?? []) };
  };
  return {
    say: async (text: string) => {
      const res = await postTelegram(rt.app, telegramText(userId, text, languageCode));
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      return collect();
    },
    press: async (data: string) => {
      const res = await postTelegram(rt.app, telegramChoice(userId, data));
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      return collect();
    },
  };
}

/** Messages a desk group (or any address) received. */
export const received = (rt: Runtime, address: string) => inbox(rt, rt.store, address);
