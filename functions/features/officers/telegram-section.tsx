import type { Context, Hono } from 'hono';
import type { ConsoleDeps, ConsoleEnv } from '../../console/env.js';
import { Csrf } from '../../console/layout.js';
import type { Officer } from '../../console/officers/repository.js';
import type { Lang } from '../../core/types.js';
import { dateFormat } from '../leads/console/labels.js';
import { issueLinkCode, LINK_CODE_TTL_MS, unlinkTelegram } from './telegram-link.js';

const minutes = LINK_CODE_TTL_MS / 60_000;

const fr = {
  title: 'Compte Telegram',
  linkedSince: (at: string) => `Votre compte Telegram est lié à la console depuis le ${at}.`,
  alertsOn:
    'Vous êtes prévenu sur Telegram quand un citoyen vous écrit dans une conversation que vous tenez.',
  notLinked:
    'Votre compte Telegram n’est pas lié : liez-le pour être prévenu quand un citoyen vous écrit dans une conversation que vous tenez.',
  link: 'Lier mon compte Telegram',
  unlink: 'Délier mon compte Telegram',
  unlinked: 'Votre compte Telegram n’est plus lié : vous ne recevrez plus d’alerte.',
  codeIntro: 'Votre code à usage unique :',
  codeHow:
    'Dans une conversation privée avec le bot de l’assistant sur Telegram (celui des groupes des bureaux), envoyez : /lier suivi de ce code.',
  codeExpires: (at: string) =>
    `Le code expire à ${at} (dans ${minutes} minutes) et ne sert qu’une fois. Un nouveau code remplace le précédent.`,
};

const en: typeof fr = {
  title: 'Telegram account',
  linkedSince: (at: string) => `Your Telegram account has been linked to the console since ${at}.`,
  alertsOn: 'You are told on Telegram when a citizen writes in a conversation you hold.',
  notLinked:
    'Your Telegram account is not linked: link it to be told when a citizen writes in a conversation you hold.',
  link: 'Link my Telegram account',
  unlink: 'Unlink my Telegram account',
  unlinked: 'Your Telegram account is no longer linked: you will get no more alerts.',
  codeIntro: 'Your one-time code:',
  codeHow:
    'In a private chat with the assistant’s bot on Telegram (the one in the desks’ groups), send: /lier followed by this code.',
  codeExpires: (at: string) =>
    `The code expires at ${at} (in ${minutes} minutes) and works once. A new code replaces the previous one.`,
};

const TEXTS: Record<Lang, typeof fr> = { fr, en };

export const telegramTexts = (lang: Lang) => TEXTS[lang];

/** What the last action on the section left to say: a fresh code, or "unlinked". */
export type TelegramFlash = { code: string; expiresAtMs: number } | { unlinked: true } | undefined;

/** The account page's Telegram block: linked since when (and unlink), or a button for a code. */
export function TelegramSection(props: {
  deps: ConsoleDeps;
  lang: Lang;
  officer: Officer;
  csrf: string | undefined;
  flash?: TelegramFlash;
}) {
  const t = TEXTS[props.lang];
  const fmt = dateFormat(props.lang, props.deps.config.OFFICER_TIME_ZONE);
  const { officer, flash } = props;
  const linked = Boolean(officer.telegramLinkedAt && officer.telegramUserId);
  return (
    <section aria-labelledby="h-telegram" id="telegram">
      <h2 id="h-telegram">{t.title}</h2>
      {flash && 'unlinked' in flash ? (
        <p class="notice ok" role="status">
          {t.unlinked}
        </p>
      ) : null}
      {linked ? (
        <>
          <p>{t.linkedSince(fmt(officer.telegramLinkedAt))}</p>
          <p>{t.alertsOn}</p>
          <form method="post" action="/console/account/telegram/unlink">
            <Csrf token={props.csrf} />
            <button type="submit" class="secondary">
              {t.unlink}
            </button>
          </form>
        </>
      ) : (
        <>
          <p>{t.notLinked}</p>
          {flash && 'code' in flash ? (
            <div class="notice ok" role="status">
              <p>
                {t.codeIntro} <strong id="telegram-code">{flash.code}</strong>
              </p>
              <p>{t.codeHow}</p>
              <p>{t.codeExpires(fmt(new Date(flash.expiresAtMs).toISOString()))}</p>
            </div>
          ) : null}
          <form method="post" action="/console/account/telegram/code">
            <Csrf token={props.csrf} />
            <button type="submit">{t.link}</button>
          </form>
        </>
      )}
    </section>
  );
}

/**
 * The section's two actions, on the account page's routes. A session only (an API token cannot
 * link a chat); `render` draws the account page again with what happened.
 */
export function telegramRoutes(
  app: Hono<ConsoleEnv>,
  deps: ConsoleDeps,
  render: (c: Context<ConsoleEnv>, flash: TelegramFlash) => Promise<Response>,
) {
  app.post('/account/telegram/code', async (c) => {
    if (!c.get('session')) return c.text('Forbidden', 403);
    const issued = await issueLinkCode(deps.store, c.get('officer').id, (deps.now ?? Date.now)());
    return render(c, issued);
  });
  app.post('/account/telegram/unlink', async (c) => {
    if (!c.get('session')) return c.text('Forbidden', 403);
    await unlinkTelegram(deps.store, c.get('officer').id);
    return render(c, { unlinked: true });
  });
}
