import { type Context, Hono } from 'hono';
import type { ConsoleDeps, ConsoleEnv, ConsolePage } from '../../console/env.js';
import { consoleTexts } from '../../console/i18n.js';
import { Csrf, Notice, Page } from '../../console/layout.js';
import { appendOfficerAudit, listOfficerAudit, OFFICER_AUDIT_ACTION } from '../../console/officers/audit.js';
import { issueApiToken, listOfficers } from '../../console/officers/repository.js';
import { actorLabel } from '../leads/console/audit-labels.js';
import { dateFormat, deskLabel } from '../leads/console/labels.js';
import { type TelegramFlash, TelegramSection, telegramRoutes } from './telegram-section.js';

/** How far back the account history reads the shared audit partition (officers are few). */
const HISTORY_SCAN = 500;

async function render(c: Context<ConsoleEnv>, deps: ConsoleDeps, token?: string, telegram?: TelegramFlash) {
  const lang = c.get('lang');
  const t = consoleTexts(lang);
  const csrf = c.get('session')?.csrfToken;
  const [officers, audit] = await Promise.all([
    listOfficers(deps.store),
    listOfficerAudit(deps.store, HISTORY_SCAN),
  ]);
  // Read again: the session's copy predates a link or an unlink made a moment ago.
  const me = officers.find((o) => o.id === c.get('officer').id) ?? c.get('officer');
  const names = new Map(officers.map((o) => [o.id, o.name]));
  const mine = audit.filter((e) => e.officerId === me.id);
  const fmt = dateFormat(lang, deps.config.OFFICER_TIME_ZONE);
  return c.html(
    <Page
      shell={deps.shell}
      lang={lang}
      title={t.myAccount}
      officer={me}
      csrfToken={csrf}
      path="/console/account"
    >
      {token ? (
        <Notice kind="ok">
          {t.apiToken}: <code id="api-token">{token}</code>
        </Notice>
      ) : null}
      <section>
        <h2>{t.myAccount}</h2>
        <p>
          {me.name} · {me.email} · {t.roles[me.role]} · {deskLabel(me.desk, lang)}
        </p>
        <form method="post" action="/console/account/token">
          <Csrf token={csrf} />
          <p>{t.tokenHelp}</p>
          <button type="submit" class="secondary">
            {t.newToken}
          </button>
        </form>
      </section>
      <TelegramSection deps={deps} lang={lang} officer={me} csrf={csrf} flash={telegram} />
      <section>
        <h2>{t.myHistory}</h2>
        <div class="wrap">
          <table>
            <tbody>
              {mine.map((e) => (
                <tr>
                  <td>{fmt(e.at)}</td>
                  <td>{actorLabel(e.actor, lang, names)}</td>
                  <td>{t.auditActions[e.action] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Page>,
  );
}

/**
 * Every officer's own page: who they are, a new API token shown to them alone (an admin can only
 * revoke one), and what happened to their account — resets, revocations, slowed sign-ins.
 */
export function accountRoutes(deps: ConsoleDeps) {
  const app = new Hono<ConsoleEnv>();
  app.get('/account', (c) => render(c, deps));
  telegramRoutes(app, deps, (c, flash) => render(c, deps, undefined, flash));
  app.post('/account/token', async (c) => {
    const me = c.get('officer');
    // A session only: an API token cannot mint its own successor.
    if (!c.get('session')) return c.text('Forbidden', 403);
    const token = await issueApiToken(deps.store, me.id);
    await appendOfficerAudit(deps.store, {
      at: new Date((deps.now ?? Date.now)()).toISOString(),
      actor: me.id,
      action: OFFICER_AUDIT_ACTION.tokenIssued,
      officerId: me.id,
    });
    return render(c, deps, token);
  });
  return app;
}

export const accountPage: ConsolePage = {
  routes: accountRoutes,
  nav: {
    href: '/console/account',
    label: { fr: consoleTexts('fr').myAccount, en: consoleTexts('en').myAccount },
    roles: ['officer', 'supervisor', 'admin'],
  },
};
