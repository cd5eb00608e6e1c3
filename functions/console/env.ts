import type { ChannelDirectory } from '../core/channel.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { Lang, Senders } from '../core/types.js';
import type { Store } from '../store/client.js';
import type { Officer, Role } from './officers/repository.js';
import type { Session } from './sessions.js';

/** What the console and the API need; the runtime passes them in (tests pass fakes' senders). */
export interface ConsoleDeps {
  config: Config;
  store: Store;
  senders: Senders;
  /** What each channel can do and is called (a citizen's channel, the broadcast columns). */
  channels: ChannelDirectory;
  logger: Logger;
  now?: (() => number) | undefined;
  /** What the layout shows around every page; the composition root builds it from the page list. */
  shell?: ConsoleShell | undefined;
}

export interface ConsoleEnv {
  Variables: {
    officer: Officer;
    /** Absent when the caller used an API token. */
    session: Session | undefined;
    lang: Lang;
  };
}

/** A link in the console's navigation, shown to the roles that may open it. */
export interface NavEntry {
  href: string;
  label: Record<Lang, string>;
  roles: readonly Role[];
  /** A narrower rule than the role, when a right decides (e.g. the knowledge base editor flag). */
  visible?: ((officer: Officer) => boolean) | undefined;
  /** A fragment URL answering a small count (e.g. leads waiting): shown beside the link, refreshed. */
  badge?: string | undefined;
}

export interface ConsoleShell {
  nav: NavEntry[];
  /** A desk's name in the officer's language (desks belong to lead routing, not to the shell). */
  deskName(id: string, lang: Lang): string;
}

/**
 * A feature's console pages: its routes under /console, and its entry in the navigation. Features
 * export one; the composition root lists them (`app/console-routes.ts`), the shell never imports them.
 */
export interface ConsolePage<D extends ConsoleDeps = ConsoleDeps> {
  routes(deps: D): import('hono').Hono<ConsoleEnv>;
  nav?: NavEntry;
}
