import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { requireRole } from '../../console/auth.js';
import type { ConsoleDeps, ConsoleEnv, ConsolePage } from '../../console/env.js';
import { Csrf, Notice, Page } from '../../console/layout.js';
import { NotFoundError } from '../../core/errors.js';
import { ERROR_STATUS } from '../../core/http-errors.js';
import type { Lang } from '../../core/types.js';
import {
  getOfficialAdvice,
  listOfficialAudit,
  listOfficialEntries,
  OFFICIAL_KIND_LIST,
  type OfficialAuditAction,
  type OfficialKind,
  type OfficialStatus,
  OfficialValueError,
  officialAdviceInput,
  officialEntryInput,
  saveOfficialAdvice,
  saveOfficialEntry,
  setOfficialStatus,
} from './registry.js';
import { formatLome } from './texts.js';

const fr = {
  title: 'Canaux officiels',
  intro:
    'Les numéros, comptes et domaines que l’assistant reconnaît comme officiels quand un citoyen demande « est-ce officiel ? ». Les canaux retirés restent reconnus comme « anciens ». La page publique /officiel liste les canaux en service.',
  empty: 'Aucun canal officiel n’est encore enregistré.',
  kind: 'Type',
  value: 'Valeur',
  owner: 'Titulaire',
  source: 'Source',
  status: 'Statut',
  changed: 'Dernière modification',
  add: 'Ajouter ou modifier un canal',
  valueHint:
    'Numéro au format international (+228…), compte Telegram (@nom ou t.me/nom), domaine (exemple.tg)',
  ownerHint: 'Ministère, ambassade ou agence',
  sourceHint: 'D’où vient l’information (texte officiel, page du site, courrier)',
  save: 'Enregistrer',
  retire: 'Retirer',
  reactivate: 'Remettre en service',
  advice: 'Conseil donné après une vérification',
  adviceHint:
    'Affiché sous chaque réponse « est-ce officiel ? ». Laissé vide, l’assistant invite à contacter le ministère par les canaux listés sur /officiel.',
  adviceFr: 'Conseil en français',
  adviceEn: 'Conseil en anglais',
  history: 'Historique des modifications',
  saved: 'Modification enregistrée.',
  invalid: 'Saisie invalide',
  badValue: 'Cette valeur ne correspond pas au type choisi.',
  unknownEntry: 'Cette chaîne n’est pas dans le registre des canaux officiels.',
  kinds: {
    whatsapp: 'Numéro WhatsApp',
    phone: 'Numéro de téléphone',
    telegram: 'Bot ou chaîne Telegram',
    domain: 'Site web (domaine)',
    email_domain: 'Domaine e-mail',
  } satisfies Record<OfficialKind, string>,
  statuses: { active: 'En service', retired: 'Retiré' } satisfies Record<OfficialStatus, string>,
  actions: {
    official_added: 'Canal ajouté',
    official_updated: 'Canal modifié',
    official_retired: 'Canal retiré',
    official_reactivated: 'Canal remis en service',
    official_advice_changed: 'Conseil modifié',
  } satisfies Record<OfficialAuditAction, string>,
  fields: {
    kind: 'type',
    value: 'valeur',
    owner: 'titulaire',
    source: 'source',
    status: 'statut',
    fr: 'français',
    en: 'anglais',
  } as Record<string, string>,
};

const en: typeof fr = {
  title: 'Official channels',
  intro:
    'The numbers, accounts and domains the assistant recognises as official when a citizen asks "is this real?". Retired channels are still recognised as "former". The public page /officiel lists the channels in service.',
  empty: 'No official channel is registered yet.',
  kind: 'Type',
  value: 'Value',
  owner: 'Owner',
  source: 'Source',
  status: 'Status',
  changed: 'Last change',
  add: 'Add or change a channel',
  valueHint: 'International number (+228…), Telegram account (@name or t.me/name), domain (example.tg)',
  ownerHint: 'Ministry, embassy or agency',
  sourceHint: 'Where the fact comes from (official text, web page, letter)',
  save: 'Save',
  retire: 'Retire',
  reactivate: 'Put back in service',
  advice: 'Advice given after a check',
  adviceHint:
    'Shown under every "is this real?" answer. Left empty, the assistant says to contact the ministry through the channels listed on /officiel.',
  adviceFr: 'Advice in French',
  adviceEn: 'Advice in English',
  history: 'Change history',
  saved: 'Change saved.',
  invalid: 'Invalid input',
  badValue: 'This value does not match the chosen type.',
  unknownEntry: 'This channel is not in the registry of official channels.',
  kinds: {
    whatsapp: 'WhatsApp number',
    phone: 'Phone number',
    telegram: 'Telegram bot or channel',
    domain: 'Website (domain)',
    email_domain: 'E-mail domain',
  },
  statuses: { active: 'In service', retired: 'Retired' },
  actions: {
    official_added: 'Channel added',
    official_updated: 'Channel changed',
    official_retired: 'Channel retired',
    official_reactivated: 'Channel back in service',
    official_advice_changed: 'Advice changed',
  },
  fields: {
    kind: 'type',
    value: 'value',
    owner: 'owner',
    source: 'source',
    status: 'status',
    fr: 'French',
    en: 'English',
  },
};

export const officialConsoleTexts = (lang: Lang) => (lang === 'en' ? en : fr);

type Message = { kind: 'ok' | 'error'; text: string };

async function render(
  c: Context<ConsoleEnv>,
  deps: ConsoleDeps,
  status: 200 | typeof ERROR_STATUS.invalid,
  message?: Message,
) {
  const lang = c.get('lang');
  const t = officialConsoleTexts(lang);
  const [entries, advice, history] = await Promise.all([
    listOfficialEntries(deps.store),
    getOfficialAdvice(deps.store),
    listOfficialAudit(deps.store),
  ]);
  const csrf = c.get('session')?.csrfToken;
  const kindLabel = (subject: string) => {
    const [kind, ...rest] = subject.split(':');
    const label = t.kinds[kind as OfficialKind];
    return label ? `${label} ${rest.join(':')}` : subject === 'advice' ? t.advice : subject;
  };
  const detailText = (detail: Record<string, string>) =>
    Object.entries(detail)
      .map(([k, v]) => `${t.fields[k] ?? k} : ${k === 'status' ? (t.statuses[v as OfficialStatus] ?? v) : v}`)
      .join(' · ');
  return c.html(
    <Page
      shell={deps.shell}
      lang={lang}
      title={t.title}
      officer={c.get('officer')}
      csrfToken={csrf}
      path="/console/official"
    >
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <section>
        <h2>{t.title}</h2>
        <p>{t.intro}</p>
        {entries.length === 0 ? (
          <p id="official-empty">{t.empty}</p>
        ) : (
          <div class="wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.value}</th>
                  <th scope="col">{t.owner}</th>
                  <th scope="col">{t.source}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.changed}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr>
                    <td>{t.kinds[e.kind]}</td>
                    <td>{e.value}</td>
                    <td>{e.owner}</td>
                    <td>{e.source}</td>
                    <td>{t.statuses[e.status]}</td>
                    <td>{formatLome(Date.parse(e.updatedAt), lang)}</td>
                    <td>
                      <form method="post" action="/console/official/status">
                        <Csrf token={csrf} />
                        <input type="hidden" name="kind" value={e.kind} />
                        <input type="hidden" name="value" value={e.value} />
                        <input
                          type="hidden"
                          name="status"
                          value={e.status === 'active' ? 'retired' : 'active'}
                        />
                        <button type="submit" class="secondary">
                          {e.status === 'active' ? t.retire : t.reactivate}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section>
        <h2>{t.add}</h2>
        <form method="post" action="/console/official" class="filters">
          <Csrf token={csrf} />
          <p>
            <label for="o-kind">{t.kind}</label>
            <select id="o-kind" name="kind">
              {OFFICIAL_KIND_LIST.map((k) => (
                <option value={k}>{t.kinds[k]}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="o-value">{t.value}</label>
            <input
              id="o-value"
              name="value"
              required
              maxlength={200}
              title={t.valueHint}
              placeholder={t.valueHint}
            />
          </p>
          <p>
            <label for="o-owner">{t.owner}</label>
            <input id="o-owner" name="owner" required maxlength={160} placeholder={t.ownerHint} />
          </p>
          <p>
            <label for="o-source">{t.source}</label>
            <input id="o-source" name="source" required maxlength={300} placeholder={t.sourceHint} />
          </p>
          <p>
            <label for="o-status">{t.status}</label>
            <select id="o-status" name="status">
              <option value="active">{t.statuses.active}</option>
              <option value="retired">{t.statuses.retired}</option>
            </select>
          </p>
          <p>
            <button type="submit">{t.save}</button>
          </p>
        </form>
      </section>
      <section>
        <h2>{t.advice}</h2>
        <p>{t.adviceHint}</p>
        <form method="post" action="/console/official/advice">
          <Csrf token={csrf} />
          <p>
            <label for="a-fr">{t.adviceFr}</label>
            <textarea id="a-fr" name="fr" rows={3} maxlength={1000}>
              {advice?.fr ?? ''}
            </textarea>
          </p>
          <p>
            <label for="a-en">{t.adviceEn}</label>
            <textarea id="a-en" name="en" rows={3} maxlength={1000}>
              {advice?.en ?? ''}
            </textarea>
          </p>
          <p>
            <button type="submit">{t.save}</button>
          </p>
        </form>
      </section>
      <section>
        <h2>{t.history}</h2>
        <div class="wrap">
          <table>
            <tbody>
              {history.map((h) => (
                <tr>
                  <td>{formatLome(Date.parse(h.at), lang)}</td>
                  <td>{h.actorName ?? h.actor}</td>
                  <td>{t.actions[h.action] ?? h.action}</td>
                  <td>{kindLabel(h.subject)}</td>
                  <td>{detailText(h.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Page>,
    status,
  );
}

/** Admins keep the registry of official channels; every change is written with its audit entry. */
export function officialConsoleRoutes(deps: ConsoleDeps) {
  const app = new Hono<ConsoleEnv>();
  // Per route, not app.use(): a sub-app's catch-all middleware would reach its siblings once mounted.
  const allowed = requireRole('admin');
  const now = () => (deps.now ?? Date.now)();
  const invalid = (c: Context<ConsoleEnv>, error: z.ZodError) => {
    const t = officialConsoleTexts(c.get('lang'));
    const fields = [...new Set(error.issues.map((i) => t.fields[String(i.path[0])] ?? String(i.path[0])))];
    return render(c, deps, ERROR_STATUS.invalid, {
      kind: 'error',
      text: `${t.invalid} : ${fields.join(', ')}`,
    });
  };
  const actor = (c: Context<ConsoleEnv>) => c.get('officer');

  app.get('/official', allowed, (c) => render(c, deps, 200));

  app.post('/official', allowed, async (c) => {
    const parsed = officialEntryInput.safeParse(await c.req.parseBody());
    if (!parsed.success) return invalid(c, parsed.error);
    try {
      await saveOfficialEntry(deps.store, parsed.data, actor(c).id, now(), actor(c).name);
    } catch (error) {
      if (error instanceof OfficialValueError)
        return render(c, deps, ERROR_STATUS.invalid, {
          kind: 'error',
          text: officialConsoleTexts(c.get('lang')).badValue,
        });
      throw error;
    }
    return render(c, deps, 200, { kind: 'ok', text: officialConsoleTexts(c.get('lang')).saved });
  });

  app.post('/official/status', allowed, async (c) => {
    const parsed = officialEntryInput
      .pick({ kind: true, value: true, status: true })
      .safeParse(await c.req.parseBody());
    if (!parsed.success) return invalid(c, parsed.error);
    const { kind, value, status } = parsed.data;
    const changed = await setOfficialStatus(
      deps.store,
      kind,
      value,
      status,
      actor(c).id,
      now(),
      actor(c).name,
    );
    if (!changed) {
      throw new NotFoundError(`no official ${kind} ${value}`, {
        fr: officialConsoleTexts('fr').unknownEntry,
        en: officialConsoleTexts('en').unknownEntry,
      });
    }
    return render(c, deps, 200, { kind: 'ok', text: officialConsoleTexts(c.get('lang')).saved });
  });

  app.post('/official/advice', allowed, async (c) => {
    const parsed = officialAdviceInput.safeParse(await c.req.parseBody());
    if (!parsed.success) return invalid(c, parsed.error);
    await saveOfficialAdvice(deps.store, parsed.data, actor(c).id, now(), actor(c).name);
    return render(c, deps, 200, { kind: 'ok', text: officialConsoleTexts(c.get('lang')).saved });
  });

  return app;
}

export const officialConsolePage: ConsolePage = {
  routes: officialConsoleRoutes,
  nav: { href: '/console/official', label: { fr: fr.title, en: en.title }, roles: ['admin'] },
};
