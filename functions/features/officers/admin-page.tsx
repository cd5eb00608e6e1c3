import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../../console/auth.js';
import type { ConsoleDeps, ConsoleEnv, ConsolePage } from '../../console/env.js';
import { consoleTexts } from '../../console/i18n.js';
import { Csrf, Notice, Page } from '../../console/layout.js';
import {
  appendOfficerAudit,
  listOfficerAudit,
  OFFICER_AUDIT_ACTION,
  type OfficerAuditAction,
} from '../../console/officers/audit.js';
import {
  createOfficer,
  EmailTakenError,
  listOfficers,
  newOfficerSchema,
  revokeApiToken,
  setActive,
  setDesk,
  setEditor,
  setPassword,
} from '../../console/officers/repository.js';
import { InvalidInputError } from '../../core/errors.js';
import { ERROR_STATUS } from '../../core/http-errors.js';
import type { Lang } from '../../core/types.js';
import { actorLabel, auditDetailLabel } from '../leads/console/audit-labels.js';
import { dateFormat, deskLabel } from '../leads/console/labels.js';
import { DESK_IDS } from '../leads/console/leads-service.js';

const deskSchema = z.object({ desk: z.enum(DESK_IDS as [string, ...string[]]) });
const createSchema = newOfficerSchema.extend({
  desk: z.enum(DESK_IDS as [string, ...string[]]),
  telegramUserId: z.preprocess((v) => (v === '' ? undefined : v), newOfficerSchema.shape.telegramUserId),
});

async function render(
  c: Context<ConsoleEnv>,
  deps: ConsoleDeps,
  status: 200 | 201 | (typeof ERROR_STATUS)[keyof typeof ERROR_STATUS],
  message?: { kind: 'ok' | 'error'; text: string; token?: string },
) {
  const lang = c.get('lang');
  const t = consoleTexts(lang);
  const [officers, history] = await Promise.all([listOfficers(deps.store), listOfficerAudit(deps.store)]);
  const names = new Map(officers.map((o) => [o.id, o.name]));
  const csrf = c.get('session')?.csrfToken;
  const me = c.get('officer');
  const fmt = dateFormat(lang, deps.config.OFFICER_TIME_ZONE);
  return c.html(
    <Page
      shell={deps.shell}
      lang={lang}
      title={t.officers}
      officer={me}
      csrfToken={csrf}
      path="/console/officers"
    >
      {message ? (
        <Notice kind={message.kind}>
          {message.text}
          {message.token ? (
            <>
              <br />
              {t.apiToken}: <code id="api-token">{message.token}</code>
            </>
          ) : null}
        </Notice>
      ) : null}
      <section>
        <h2>{t.officers}</h2>
        <div class="wrap">
          <table class="cards">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.email}</th>
                <th scope="col">{t.role}</th>
                <th scope="col">{t.desk}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.editorRight}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {officers.map((o) => (
                <tr>
                  <td data-label={t.name}>{o.name}</td>
                  <td data-label={t.email}>{o.email}</td>
                  <td data-label={t.role}>{t.roles[o.role]}</td>
                  <td data-label={t.desk}>
                    <form method="post" action={`/console/officers/${o.id}/desk`} class="row">
                      <Csrf token={csrf} />
                      <select name="desk" aria-label={`${t.setDesk}: ${o.name}`}>
                        {DESK_IDS.map((d) => (
                          <option value={d} selected={d === o.desk}>
                            {deskLabel(d, lang)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" class="secondary">
                        {t.save}
                      </button>
                    </form>
                  </td>
                  <td data-label={t.status}>{o.active ? t.active : t.inactive}</td>
                  <td>
                    <form method="post" action={`/console/officers/${o.id}/editor`} class="row">
                      <Csrf token={csrf} />
                      <input type="hidden" name="editor" value={o.editor ? 'false' : 'true'} />
                      <span>{o.editor ? t.yes : t.no}</span>
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={`${o.editor ? t.revokeEditor : t.grantEditor}: ${o.name}`}
                      >
                        {o.editor ? t.revokeEditor : t.grantEditor}
                      </button>
                    </form>
                  </td>
                  <td>
                    <div class="row">
                      {o.id === me.id ? null : (
                        <form method="post" action={`/console/officers/${o.id}/active`}>
                          <Csrf token={csrf} />
                          <input type="hidden" name="active" value={o.active ? 'false' : 'true'} />
                          <button type="submit" class="secondary">
                            {o.active ? t.deactivate : t.activate}
                          </button>
                        </form>
                      )}
                      <form method="post" action={`/console/officers/${o.id}/password`} class="row">
                        <Csrf token={csrf} />
                        <input
                          name="password"
                          type="password"
                          autocomplete="new-password"
                          minlength={10}
                          required
                          aria-label={`${t.resetPassword}: ${o.name}`}
                          placeholder={t.resetPassword}
                        />
                        <button type="submit" class="secondary">
                          {t.save}
                        </button>
                      </form>
                      <form method="post" action={`/console/officers/${o.id}/token`}>
                        <Csrf token={csrf} />
                        <button type="submit" class="secondary">
                          {t.revokeToken}
                        </button>
                      </form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>{t.accountAudit}</h2>
        <div class="wrap">
          <table>
            <tbody>
              {history.map((e) => (
                <tr>
                  <td>{fmt(e.at)}</td>
                  <td>{actorLabel(e.actor, lang, names)}</td>
                  <td>{t.auditActions[e.action] ?? ''}</td>
                  <td>{actorLabel(e.officerId, lang, names)}</td>
                  <td>{auditDetailLabel({ action: e.action, detail: e.detail }, lang, names)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>{t.createOfficer}</h2>
        <form method="post" action="/console/officers" class="filters">
          <Csrf token={csrf} />
          <p>
            <label for="n-name">{t.name}</label>
            <input id="n-name" name="name" required maxlength={120} />
          </p>
          <p>
            <label for="n-email">{t.email}</label>
            <input id="n-email" name="email" type="email" required />
          </p>
          <p>
            <label for="n-role">{t.role}</label>
            <select id="n-role" name="role">
              {['officer', 'supervisor', 'admin'].map((r) => (
                <option value={r}>{t.roles[r]}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="n-desk">{t.desk}</label>
            <select id="n-desk" name="desk">
              {DESK_IDS.map((d) => (
                <option value={d}>{deskLabel(d, lang)}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="n-tg">{t.telegramUserId}</label>
            <input id="n-tg" name="telegramUserId" inputmode="numeric" pattern="\d{1,20}" />
          </p>
          <p>
            <label for="n-password">{t.password}</label>
            <input
              id="n-password"
              name="password"
              type="password"
              minlength={10}
              required
              autocomplete="new-password"
            />
          </p>
          <p>
            <button type="submit">{t.create}</button>
          </p>
        </form>
      </section>
    </Page>,
    status,
  );
}

/** The form field an invalid value came from, as the form labels it. */
function fieldLabel(field: string, lang: Lang): string {
  const t = consoleTexts(lang);
  const labels: Record<string, string> = {
    email: t.email,
    name: t.name,
    role: t.role,
    desk: t.desk,
    password: t.password,
    telegramUserId: t.telegramUserId,
  };
  return labels[field] ?? t.invalidInput;
}

/** Admins manage officer accounts and which desk each officer works (desks come from the routing table). */
export function officersAdminRoutes(deps: ConsoleDeps) {
  const app = new Hono<ConsoleEnv>();
  // Per route, not app.use(): a sub-app's catch-all middleware would reach its siblings once mounted.
  const allowed = requireRole('admin');
  const t = (c: Context<ConsoleEnv>) => consoleTexts(c.get('lang'));
  const invalid = (c: Context<ConsoleEnv>, error: z.ZodError) =>
    render(c, deps, ERROR_STATUS.invalid, {
      kind: 'error',
      text: `${t(c).invalidInput} : ${[...new Set(error.issues.map((i) => fieldLabel(String(i.path[0] ?? ''), c.get('lang'))))].join(', ')}`,
    });

  const audit = (
    c: Context<ConsoleEnv>,
    action: OfficerAuditAction,
    officerId: string,
    detail?: Record<string, string>,
  ) =>
    appendOfficerAudit(deps.store, {
      at: new Date((deps.now ?? Date.now)()).toISOString(),
      actor: c.get('officer').id,
      action,
      officerId,
      detail,
    });

  app.get('/officers', allowed, (c) => render(c, deps, 200));

  app.post('/officers', allowed, async (c) => {
    const parsed = createSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return invalid(c, parsed.error);
    try {
      const officer = await createOfficer(deps.store, parsed.data, (deps.now ?? Date.now)());
      // No API token here: only the officer can mint one, from their own page (/console/account).
      await audit(c, OFFICER_AUDIT_ACTION.created, officer.id, { role: officer.role, desk: officer.desk });
      return render(c, deps, 201, { kind: 'ok', text: `${t(c).saved} ${officer.email}` });
    } catch (error) {
      // The form again with the reason, rather than the error page: the admin fixes the address.
      if (error instanceof EmailTakenError && error.kind && error.officer)
        return render(c, deps, ERROR_STATUS[error.kind], {
          kind: 'error',
          text: error.officer[c.get('lang')],
        });
      throw error;
    }
  });

  app.post('/officers/:id/active', allowed, async (c) => {
    const id = c.req.param('id');
    if (id === c.get('officer').id)
      throw new InvalidInputError('an administrator cannot deactivate their own account', {
        fr: 'Un administrateur ne peut pas désactiver son propre compte.',
        en: 'An administrator cannot deactivate their own account.',
      });
    const active = (await c.req.parseBody()).active === 'true';
    await setActive(deps.store, id, active, (deps.now ?? Date.now)());
    await audit(c, active ? OFFICER_AUDIT_ACTION.activated : OFFICER_AUDIT_ACTION.deactivated, id);
    return render(c, deps, 200, { kind: 'ok', text: t(c).saved });
  });

  app.post('/officers/:id/password', allowed, async (c) => {
    const parsed = newOfficerSchema.pick({ password: true }).safeParse(await c.req.parseBody());
    if (!parsed.success) return invalid(c, parsed.error);
    await setPassword(deps.store, c.req.param('id'), parsed.data.password, (deps.now ?? Date.now)());
    await audit(c, OFFICER_AUDIT_ACTION.passwordReset, c.req.param('id'));
    return render(c, deps, 200, { kind: 'ok', text: t(c).saved });
  });

  app.post('/officers/:id/desk', allowed, async (c) => {
    const parsed = deskSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return invalid(c, parsed.error);
    await setDesk(deps.store, c.req.param('id'), parsed.data.desk, (deps.now ?? Date.now)());
    await audit(c, OFFICER_AUDIT_ACTION.deskChanged, c.req.param('id'), { desk: parsed.data.desk });
    return render(c, deps, 200, { kind: 'ok', text: t(c).saved });
  });

  // The knowledge base editor right: drafts and gaps, and publishing another editor's draft.
  app.post('/officers/:id/editor', allowed, async (c) => {
    const editor = (await c.req.parseBody()).editor === 'true';
    await setEditor(deps.store, c.req.param('id'), editor);
    await audit(
      c,
      editor ? OFFICER_AUDIT_ACTION.editorGranted : OFFICER_AUDIT_ACTION.editorRevoked,
      c.req.param('id'),
    );
    return render(c, deps, 200, { kind: 'ok', text: t(c).saved });
  });

  // An admin may revoke an officer's token, never see one: a token minted here would read every
  // lead the officer may read. The officer sees the revocation in their own account history.
  app.post('/officers/:id/token', allowed, async (c) => {
    await revokeApiToken(deps.store, c.req.param('id'));
    await audit(c, OFFICER_AUDIT_ACTION.tokenRevoked, c.req.param('id'));
    return render(c, deps, 200, { kind: 'ok', text: t(c).tokenRevoked });
  });

  return app;
}

export const officersAdminPage: ConsolePage = {
  routes: officersAdminRoutes,
  nav: {
    href: '/console/officers',
    label: { fr: consoleTexts('fr').officers, en: consoleTexts('en').officers },
    roles: ['admin'],
  },
};
