import { type Context, Hono } from 'hono';
import { requireRole } from '../../console/auth.js';
import type { ConsoleDeps, ConsoleEnv, ConsolePage } from '../../console/env.js';
import { Csrf, Notice, Page } from '../../console/layout.js';
import { renderTemplatePreview } from '../../core/channel.js';
import { ERROR_STATUS } from '../../core/http-errors.js';
import type { Lang } from '../../core/types.js';
import { countryLabel, countryOptions, dateFormat } from '../leads/console/labels.js';
import { countSubscribersBySource, NO_SOURCE } from '../subscriptions/repository.js';
import { TOPICS, topicName } from '../subscriptions/topics.js';
import { broadcastConsoleTexts } from './console-texts.js';
import { type Broadcast, type BroadcastInput, BroadcastInputError, broadcastInputSchema } from './model.js';
import type { BroadcastService } from './service.js';

type Form = Record<string, string>;
const FIELDS = [
  'topic',
  'fr',
  'en',
  'country',
  'contentSid',
  'variables',
  'templatePreview',
  'sendAt',
] as const;

async function readForm(c: Context<ConsoleEnv>): Promise<Form> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    FIELDS.map((k) => [k, typeof body[k] === 'string' ? (body[k] as string).trim() : '']),
  );
}

/** The form as the service's input; `sendAt` from a datetime-local field is read as UTC. */
export function formInput(form: Form): BroadcastInput {
  const variables = Object.fromEntries(
    (form.variables ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf('=');
        return at > 0 ? [line.slice(0, at).trim(), line.slice(at + 1).trim()] : [line, ''];
      }),
  );
  const sendAt = form.sendAt ?? '';
  return {
    topic: form.topic ?? '',
    texts: { fr: form.fr || undefined, en: form.en || undefined },
    country: form.country || undefined,
    whatsappTemplate: form.contentSid
      ? { contentSid: form.contentSid, variables, preview: form.templatePreview || undefined }
      : undefined,
    sendAt: sendAt ? (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(sendAt) ? `${sendAt}:00Z` : sendAt) : undefined,
  };
}

/**
 * Which fields were refused, named as the form names them (the schema's English messages are for
 * the API and the logs). `paths` are the issues' paths, `texts.fr` or `whatsappTemplate.contentSid`.
 */
export function invalidFields(paths: string[], lang: Lang): string {
  const t = broadcastConsoleTexts(lang);
  const label = (path: string) => {
    if (path.startsWith('texts'))
      return lang === 'fr' ? 'un texte en français ou en anglais' : 'a French or English text';
    if (path.startsWith('whatsappTemplate.variables')) return t.variables;
    if (path.startsWith('whatsappTemplate.preview')) return t.templatePreview;
    if (path.startsWith('whatsappTemplate')) return t.template;
    if (path.startsWith('country')) return t.country;
    if (path.startsWith('sendAt')) return t.sendAt;
    return t.topic;
  };
  return [...new Set(paths.map(label))].join(' ; ');
}

const sourceLabel = (source: string, lang: Lang) =>
  source === NO_SOURCE
    ? lang === 'fr'
      ? 'Sans lien (arrivés directement)'
      : 'No link (came directly)'
    : source;

function Hidden(props: { form: Form }) {
  return (
    <>
      {FIELDS.map((k) => (
        <input type="hidden" name={k} value={props.form[k] ?? ''} />
      ))}
    </>
  );
}

function ComposeForm(props: { lang: Lang; form: Form; csrf: string | undefined }) {
  const t = broadcastConsoleTexts(props.lang);
  const f = props.form;
  return (
    <form method="post" action="/console/broadcasts/preview">
      <Csrf token={props.csrf} />
      <label for="topic">{t.topic}</label>
      <select id="topic" name="topic" required>
        {TOPICS.map((topic) => (
          <option value={topic.id} selected={f.topic === topic.id}>
            {topicName(topic, props.lang)}
          </option>
        ))}
      </select>
      <p class="meta">{t.textHelp}</p>
      <label for="fr">{t.textFr}</label>
      <textarea id="fr" name="fr" rows={4} cols={60} maxlength={1500} lang="fr">
        {f.fr}
      </textarea>
      <label for="en">{t.textEn}</label>
      <textarea id="en" name="en" rows={4} cols={60} maxlength={1500} lang="en">
        {f.en}
      </textarea>
      <label for="country">{t.country}</label>
      <select id="country" name="country">
        <option value="">{props.lang === 'fr' ? 'Tous les pays' : 'All countries'}</option>
        {countryOptions(props.lang).map((o) => (
          <option value={o.id} selected={o.id === f.country}>
            {o.label}
          </option>
        ))}
      </select>
      <p class="meta">{t.countryHelp}</p>
      <label for="contentSid">{t.template}</label>
      <input id="contentSid" name="contentSid" value={f.contentSid} size={40} />
      <p class="meta">{t.templateHelp}</p>
      <label for="variables">{t.variables}</label>
      <textarea id="variables" name="variables" rows={2} cols={40}>
        {f.variables}
      </textarea>
      <label for="templatePreview">{t.templatePreview}</label>
      <textarea id="templatePreview" name="templatePreview" rows={2} cols={60}>
        {f.templatePreview}
      </textarea>
      <label for="sendAt">{t.sendAt}</label>
      <input id="sendAt" name="sendAt" type="datetime-local" value={f.sendAt} />
      <p>
        <button type="submit">{t.preview}</button>
      </p>
    </form>
  );
}

function CountsTable(props: { lang: Lang; b: Broadcast }) {
  const t = broadcastConsoleTexts(props.lang);
  const rows = ['total', 'sent', 'failed', 'blocked', 'skipped', 'unknown'] as const;
  return (
    <table>
      <tbody>
        {rows.map((k) => (
          <tr>
            <th scope="row">{t.counts[k]}</th>
            <td>{props.b[k] ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The broadcast pages under /console/broadcasts, for supervisors: compose, preview, confirm,
 * progress and report. Sign-in, role and CSRF checks are the console's own helpers.
 */
export function broadcastConsoleRoutes(deps: ConsoleDeps, service: BroadcastService) {
  const app = new Hono<ConsoleEnv>();
  // The console shell has already signed the officer in and checked the CSRF token.
  const guard = [requireRole('supervisor')] as const;
  const view = (
    c: Context<ConsoleEnv>,
    title: string,
    body: unknown,
    status: 200 | typeof ERROR_STATUS.invalid = 200,
  ) =>
    c.html(
      <Page
        lang={c.get('lang')}
        title={title}
        officer={c.get('officer')}
        csrfToken={c.get('session')?.csrfToken}
        path={c.req.path}
        shell={deps.shell}
      >
        {body as never}
      </Page>,
      status,
    );

  app.get('/', ...guard, async (c) => {
    const lang = c.get('lang');
    const t = broadcastConsoleTexts(lang);
    const [recent, sources] = await Promise.all([service.list(), countSubscribersBySource(deps.store)]);
    const fmt = dateFormat(lang, deps.config.OFFICER_TIME_ZONE);
    return view(
      c,
      t.title,
      <>
        <section>
          <h2>{t.compose}</h2>
          <ComposeForm lang={lang} form={{}} csrf={c.get('session')?.csrfToken} />
        </section>
        <section>
          <h2>{t.recent}</h2>
          {recent.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <div class="wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t.sendAt}</th>
                    <th>{t.topic}</th>
                    <th>{t.status}</th>
                    <th>{t.counts.sent}</th>
                    <th>{t.counts.total}</th>
                  </tr>
                </thead>
                <tbody>
                  {recent.map((b) => (
                    <tr>
                      <td>
                        <a href={`/console/broadcasts/${b.id}`}>{fmt(b.sendAt)}</a>
                      </td>
                      <td>{TOPICS.find((x) => x.id === b.topic)?.[lang] ?? b.topic}</td>
                      <td>{t.statuses[b.status] ?? b.status}</td>
                      <td>{b.sent ?? 0}</td>
                      <td>{b.total ?? 0}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section>
          <h2>{t.bySource}</h2>
          <table>
            <thead>
              <tr>
                <th>{t.source}</th>
                <th>{t.contacts}</th>
                <th>{t.subscribers}</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr>
                  <td>{sourceLabel(s.source, lang)}</td>
                  <td>{s.contacts}</td>
                  <td>{s.subscribers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </>,
    );
  });

  app.post('/preview', ...guard, async (c) => {
    const lang = c.get('lang');
    const t = broadcastConsoleTexts(lang);
    const form = await readForm(c);
    const parsed = broadcastInputSchema.safeParse(formInput(form));
    if (!parsed.success) {
      const paths = parsed.error.issues.map((i) => i.path.join('.'));
      return view(
        c,
        t.compose,
        <>
          <Notice kind="error">
            {t.invalid} {invalidFields(paths, lang)}
          </Notice>
          <ComposeForm lang={lang} form={form} csrf={c.get('session')?.csrfToken} />
        </>,
        ERROR_STATUS.invalid,
      );
    }
    const spec = parsed.data;
    const audience = await service.audience(spec.topic);
    const topic = TOPICS.find((x) => x.id === spec.topic)!;
    return view(
      c,
      `${t.preview} · ${topicName(topic, lang)}`,
      <>
        <section>
          <h2>{t.audience}</h2>
          <p>
            Telegram: {audience.telegram} · WhatsApp: {audience.whatsapp}
            {spec.country ? ` · ${t.country} : ${countryLabel(spec.country, lang)}` : ''}
          </p>
          <p>
            {spec.sendAt
              ? `${t.sendAt} : ${dateFormat(lang, deps.config.OFFICER_TIME_ZONE)(spec.sendAt)}`
              : ''}
          </p>
        </section>
        {(['fr', 'en'] as const).map((l) =>
          spec.texts[l] ? (
            <section lang={l}>
              <h2>{l === 'fr' ? t.textFr : t.textEn}</h2>
              <p class="msg out">{spec.texts[l]}</p>
            </section>
          ) : null,
        )}
        <section>
          <h2>WhatsApp ({t.outsideWindow})</h2>
          <p class="msg out">
            {spec.whatsappTemplate ? renderTemplatePreview(spec.whatsappTemplate) : t.templateHelp}
          </p>
        </section>
        <form method="post" action="/console/broadcasts">
          <Csrf token={c.get('session')?.csrfToken} />
          <Hidden form={form} />
          <button type="submit">{t.confirm}</button>
        </form>
        <form method="post" action="/console/broadcasts/edit">
          <Csrf token={c.get('session')?.csrfToken} />
          <Hidden form={form} />
          <button type="submit" class="secondary">
            {t.back}
          </button>
        </form>
      </>,
    );
  });

  app.post('/edit', ...guard, async (c) => {
    const lang = c.get('lang');
    const form = await readForm(c);
    return view(
      c,
      broadcastConsoleTexts(lang).compose,
      <ComposeForm lang={lang} form={form} csrf={c.get('session')?.csrfToken} />,
    );
  });

  app.post('/', ...guard, async (c) => {
    const lang = c.get('lang');
    const t = broadcastConsoleTexts(lang);
    const form = await readForm(c);
    try {
      const broadcast = await service.create(c.get('officer'), formInput(form));
      return c.redirect(`/console/broadcasts/${broadcast.id}`, 303);
    } catch (error) {
      if (!(error instanceof BroadcastInputError)) throw error;
      return view(
        c,
        t.compose,
        <>
          <Notice kind="error">
            {t.invalid}{' '}
            {invalidFields(
              error.issues.map((i) => i.split(':')[0] ?? ''),
              lang,
            )}
          </Notice>
          <ComposeForm lang={lang} form={form} csrf={c.get('session')?.csrfToken} />
        </>,
        ERROR_STATUS.invalid,
      );
    }
  });

  app.get('/:id', ...guard, async (c) => {
    const lang = c.get('lang');
    const t = broadcastConsoleTexts(lang);
    const report = await service.report(c.req.param('id'));
    const b = report.broadcast;
    const topic = TOPICS.find((x) => x.id === b.topic);
    return view(
      c,
      `${t.title} · ${topic ? topicName(topic, lang) : b.topic}`,
      <>
        <section>
          <dl>
            <dt>{t.status}</dt>
            <dd>{t.statuses[b.status] ?? b.status}</dd>
            <dt>{t.sendAt}</dt>
            <dd>{dateFormat(lang, deps.config.OFFICER_TIME_ZONE)(b.sendAt)}</dd>
            {b.country ? (
              <>
                <dt>{t.country}</dt>
                <dd>{countryLabel(b.country, lang)}</dd>
              </>
            ) : null}
          </dl>
          <p>
            <a href={c.req.path}>{t.refresh}</a>
          </p>
          {b.status === 'sending' ? (
            <form method="post" action={`/console/broadcasts/${b.id}/resume`}>
              <Csrf token={c.get('session')?.csrfToken} />
              <button type="submit" class="secondary">
                {t.resume}
              </button>
            </form>
          ) : null}
        </section>
        <section>
          <h2>{b.status === 'done' ? t.report : t.progress}</h2>
          <CountsTable lang={lang} b={b} />
        </section>
        <section>
          <h2>{t.byChannel}</h2>
          <table>
            <tbody>
              {deps.channels.all.map((ch) => (
                <tr>
                  <th scope="row">{ch.displayName}</th>
                  <td>
                    {Object.entries(report.byChannel[ch.id] ?? {})
                      .map(([s, n]) => `${t.counts[s] ?? s}: ${n}`)
                      .join(' · ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {report.reasons.length > 0 ? (
          <section>
            <h2>{t.reasons}</h2>
            <table>
              <tbody>
                {report.reasons.map((r) => (
                  <tr>
                    <td>{t.counts[r.status] ?? r.status}</td>
                    <td>{r.reason}</td>
                    <td>{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
      </>,
    );
  });

  app.post('/:id/resume', ...guard, async (c) => {
    const id = c.req.param('id');
    await service.resume(c.get('officer'), id);
    return c.redirect(`/console/broadcasts/${id}`, 303);
  });

  return app;
}

/** The supervisors' broadcast pages, mounted at /console/broadcasts. */
export const broadcastConsolePage = (service: BroadcastService): ConsolePage => ({
  routes: (deps) => broadcastConsoleRoutes(deps, service),
  nav: {
    href: '/console/broadcasts',
    label: { fr: broadcastConsoleTexts('fr').title, en: broadcastConsoleTexts('en').title },
    roles: ['supervisor'],
  },
});
