import type { Lang, Senders } from '../channels/types.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { Officer } from '../officers/repository.js';
import type { Store } from '../store/client.js';
import type { Session } from './sessions.js';
import type { WhatsAppTemplate } from './templates.js';

/** What the console and the API need; the runtime passes them in (tests pass fakes' senders). */
export interface ConsoleDeps {
  config: Config;
  store: Store;
  senders: Senders;
  logger: Logger;
  now?: (() => number) | undefined;
  /** Approved WhatsApp templates; defaults to `whatsapp-templates.json`. */
  templates?: WhatsAppTemplate[] | undefined;
  /** Unanswered questions, grouped, most frequent first (from the knowledge base when present). */
  knowledgeGaps?: (() => Promise<{ question: string; count: number }[]>) | undefined;
}

export interface ConsoleEnv {
  Variables: {
    officer: Officer;
    /** Absent when the caller used an API token. */
    session: Session | undefined;
    lang: Lang;
  };
}
