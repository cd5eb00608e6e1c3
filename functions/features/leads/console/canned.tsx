import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { requireRole } from '../../../console/auth.js';
import type { ConsoleDeps, ConsoleEnv, ConsolePage } from '../../../console/env.js';
import { Csrf, Notice, Page } from '../../../console/layout.js';
import { listOfficers } from '../../../console/officers/repository.js';
import type { Lang } from '../../../core/types.js';
import type { Lead } from '../repository.js';
import {
  type CannedReply,
  CannedReplyMissingError,
  cannedText,
  deleteCannedReply,
  getCannedReply,
  listCannedAudit,
  listCannedReplies,
  saveCannedReply,
} from './canned-store.js';
import { dateFormat, deskLabel } from './labels.js';
import { nameMap } from './leads-list.js';
import { DESK_IDS, DESKS, loadLead } from './leads-service.js';

const TEXTS = {
  fr: {
    title: 'Réponses types',
    intro:
      'Les réponses types d’un bureau, en français et en anglais. L’agent en insère une dans la zone de réponse et peut la modifier avant l’envoi ; la langue du citoyen choisit la version. « {référence} » est remplacé par la référence du dossier.',
    desk: 'Bureau',
    show: 'Afficher',
    none: 'Aucune réponse type pour ce bureau.',
    name: 'Intitulé',
    fr: 'Texte en français',
    en: 'Texte en anglais',
    save: 'Enregistrer',
    remove: 'Supprimer',
    add: 'Nouvelle réponse type',
    history: 'Historique des modifications (lecture seule)',
    noHistory: 'Aucune modification.',
    saved: 'Réponse type enregistrée.',
    deleted: 'Réponse type supprimée.',
    missing: 'Cette réponse type n’existe plus (supprimée entre-temps).',
    invalid:
      'Le formulaire est incomplet : un intitulé (80 caractères au plus) et les deux textes (1 500 caractères au plus) sont demandés.',
    actions: { saved: 'Enregistrée', deleted: 'Supprimée' } as Record<string, string>,
    when: 'Date',
    who: 'Par',
    what: 'Action',
    pick: 'Réponse type',
    insert: 'Insérer dans la réponse',
    insertHint: 'Le texte inséré reste modifiable avant l’envoi.',
    compose: 'Réponse à partir d’une réponse type',
    reply: 'Réponse',
    send: 'Envoyer',
    back: 'Retour au dossier',
    version: (lang: Lang) => `Version ${lang === 'fr' ? 'française' : 'anglaise'} (langue du citoyen)`,
  },
  en: {
    title: 'Canned replies',
    intro:
      'A desk’s ready-made replies, in French and English. Officers insert one in the reply box and may edit it before sending; the citizen’s language picks the version. “{référence}” becomes the lead’s reference.',
    desk: 'Desk',
    show: 'Show',
    none: 'No canned reply for this desk.',
    name: 'Title',
    fr: 'French text',
    en: 'English text',
    save: 'Save',
    remove: 'Delete',
    add: 'New canned reply',
    history: 'History of changes (read only)',
    noHistory: 'No change yet.',
    saved: 'Canned reply saved.',
    deleted: 'Canned reply deleted.',
    missing: 'This canned reply no longer exists (deleted meanwhile).',
    invalid:
      'The form is incomplete: a title (at most 80 characters) and both texts (at most 1,500 characters).',
    actions: { saved: 'Saved', deleted: 'Deleted' } as Record<string, string>,
    when: 'Date',
    who: 'By',
    what: 'Action',
    pick: 'Canned reply',
    insert: 'Insert in the reply',
    insertHint: 'The inserted text can still be edited before sending.',
    compose: 'Reply from a canned reply',
    reply: 'Reply',
    send: 'Send',
    back: 'Back to the lead',
    version: (lang: Lang) => `${lang === 'fr' ? 'French' : 'English'} version (the citizen’s language)`,
  },
};
export const cannedTexts = (lang: Lang) => TEXTS[lang];

const FLASHES = ['saved', 'deleted', 'missing'] as const;
type Flash = (typeof FLASHES)[number];

const text = z.string().trim().min(1).max(1500);
const saveSchema = z.object({
  desk: z.string().refine((d) => DESK_IDS.includes(d)),
  id: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid().optional()),
  title: z.string().trim().min(1).max(80),
  fr: text,
  en: text,
});
const deleteSchema = z.object({
  desk: z.string().refine((d) => DESK_IDS.includes(d)),
  id: z.string().uuid(),
});
const pickSchema = z.object({ lead: z.string().min(1).max(40), id: z.string().uuid() });

async function form<T extends z.ZodType>(c: Context<ConsoleEnv>, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await c.req.parseBody());
  if (!parsed.success) throw new HTTPException(400, { message: TEXTS[c.get('lang')].invalid });
  return parsed.data;
}

/** The text as the citizen will read it: their language's version, the reference filled in. */
export function cannedFor(reply: CannedReply, lead: Pick<Lead, 'lang' | 'reference'>): string {
  return cannedText(reply, lead.lang)
    .replaceAll('{référence}', lead.reference)
    .replaceAll('{reference}', lead.reference);
}

/** The reply box, as the lead page has it (same id, name and limits), holding `value`. */
function ReplyBox(props: { label: string; value: string }) {
  return (
    <textarea
      id="reply-text"
      name="text"
      rows={4}
      cols={60}
      maxlength={1500}
      required
      aria-label={props.label}
    >
      {props.value}
    </textarea>
  );
}

/**
 * The picker under the lead page's reply box: with htmx, "Insérer" swaps the chosen reply into the
 * box (still editable); without script, the same form opens a page with the reply box filled in.
 * Renders nothing when the lead's desk has no canned reply.
 */
export async function CannedPicker(props: { deps: ConsoleDeps; lead: Lead; lang: Lang }) {
  const replies = await listCannedReplies(props.deps.store, props.lead.desk);
  if (replies.length === 0) return null;
  const t = TEXTS[props.lang];
  return (
    <form
      method="get"
      action="/console/canned/compose"
      hx-get="/console/canned/insert"
      hx-target="#reply-text"
      hx-swap="outerHTML"
      class="row"
    >
      <input type="hidden" name="lead" value={props.lead.reference} />
      <p>
        <label for="canned-reply">{t.pick}</label>
        <select id="canned-reply" name="id" required>
          {replies.map((r) => (
            <option value={r.id}>{r.title}</option>
          ))}
        </select>
      </p>
      <button type="submit" class="secondary" title={t.insertHint}>
        {t.insert}
      </button>
    </form>
  );
}

export function cannedRoutes(deps: ConsoleDeps) {
  const app = new Hono<ConsoleEnv>();
  const now = () => (deps.now ?? Date.now)();
  const supervisors = requireRole('supervisor');
  const workers = requireRole('officer', 'supervisor');

  app.get('/canned', supervisors, async (c) => {
    const lang = c.get('lang');
    const t = TEXTS[lang];
    const asked = c.req.query('desk');
    const desk = asked && DESK_IDS.includes(asked) ? asked : (DESK_IDS[0] ?? '');
    const [replies, audit, officers] = await Promise.all([
      listCannedReplies(deps.store, desk),
      listCannedAudit(deps.store, desk),
      listOfficers(deps.store),
    ]);
    const names = nameMap(officers);
    const fmt = dateFormat(lang, deps.config.OFFICER_TIME_ZONE);
    const csrf = c.get('session')?.csrfToken;
    const flash = FLASHES.find((f) => f === c.req.query('done'));
    const Fields = (p: { r?: CannedReply; k: string }) => (
      <>
        <input type="hidden" name="desk" value={desk} />
        <input type="hidden" name="id" value={p.r?.id ?? ''} />
        <p>
          <label for={`title-${p.k}`}>{t.name}</label>
          <input id={`title-${p.k}`} name="title" maxlength={80} required value={p.r?.title ?? ''} />
        </p>
        <p>
          <label for={`fr-${p.k}`}>{t.fr}</label>
          <textarea id={`fr-${p.k}`} name="fr" rows={3} maxlength={1500} required>
            {p.r?.texts.fr ?? ''}
          </textarea>
        </p>
        <p>
          <label for={`en-${p.k}`} lang="fr">
            {t.en}
          </label>
          <textarea id={`en-${p.k}`} name="en" rows={3} maxlength={1500} required lang="en">
            {p.r?.texts.en ?? ''}
          </textarea>
        </p>
      </>
    );
    return c.html(
      <Page
        shell={deps.shell}
        lang={lang}
        title={t.title}
        officer={c.get('officer')}
        csrfToken={csrf}
        path={`/console/canned?desk=${desk}`}
      >
        {flash ? <Notice kind={flash === 'missing' ? 'error' : 'ok'}>{t[flash]}</Notice> : null}
        <p>{t.intro}</p>
        <form method="get" action="/console/canned" class="row">
          <p>
            <label for="canned-desk">{t.desk}</label>
            <select id="canned-desk" name="desk">
              {DESKS.map((d) => (
                <option value={d.id} selected={d.id === desk}>
                  {d.names[lang]}
                </option>
              ))}
            </select>
          </p>
          <button type="submit" class="secondary">
            {t.show}
          </button>
        </form>
        <h2>{deskLabel(desk, lang)}</h2>
        {replies.length === 0 ? <p>{t.none}</p> : null}
        {replies.map((r) => (
          <section aria-label={r.title}>
            <form method="post" action="/console/canned">
              <Csrf token={csrf} />
              <Fields r={r} k={r.id} />
              <button type="submit">{t.save}</button>
            </form>
            <form method="post" action="/console/canned/delete">
              <Csrf token={csrf} />
              <input type="hidden" name="desk" value={desk} />
              <input type="hidden" name="id" value={r.id} />
              <button type="submit" class="secondary">
                {t.remove}
              </button>
            </form>
          </section>
        ))}
        <section aria-labelledby="h-canned-new">
          <h2 id="h-canned-new">{t.add}</h2>
          <form method="post" action="/console/canned">
            <Csrf token={csrf} />
            <Fields k="new" />
            <button type="submit">{t.save}</button>
          </form>
        </section>
        <section aria-labelledby="h-canned-history">
          <h2 id="h-canned-history">{t.history}</h2>
          {audit.length === 0 ? (
            <p>{t.noHistory}</p>
          ) : (
            <div class="wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.when}</th>
                    <th scope="col">{t.who}</th>
                    <th scope="col">{t.what}</th>
                    <th scope="col">{t.name}</th>
                  </tr>
                </thead>
                <tbody>
                  {audit.map((e) => (
                    <tr>
                      <td>{fmt(e.at)}</td>
                      <td>{names.get(e.actor) ?? ''}</td>
                      <td>{t.actions[e.action] ?? ''}</td>
                      <td>{e.title}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </Page>,
    );
  });

  const done = (c: Context<ConsoleEnv>, desk: string, flash: Flash) =>
    c.redirect(`/console/canned?desk=${encodeURIComponent(desk)}&done=${flash}`, 303);

  app.post('/canned', supervisors, async (c) => {
    const input = await form(c, saveSchema);
    try {
      await saveCannedReply(
        deps.store,
        { desk: input.desk, id: input.id, title: input.title, texts: { fr: input.fr, en: input.en } },
        c.get('officer').id,
        now(),
      );
    } catch (error) {
      if (error instanceof CannedReplyMissingError) return done(c, input.desk, 'missing');
      throw error;
    }
    return done(c, input.desk, 'saved');
  });

  app.post('/canned/delete', supervisors, async (c) => {
    const input = await form(c, deleteSchema);
    try {
      await deleteCannedReply(deps.store, input.desk, input.id, c.get('officer').id, now());
    } catch (error) {
      if (error instanceof CannedReplyMissingError) return done(c, input.desk, 'missing');
      throw error;
    }
    return done(c, input.desk, 'deleted');
  });

  /** The chosen reply for a lead the officer may work, in the citizen's language. */
  const pick = async (c: Context<ConsoleEnv>) => {
    const parsed = pickSchema.safeParse(c.req.query());
    if (!parsed.success) throw new HTTPException(400, { message: TEXTS[c.get('lang')].missing });
    const lead = await loadLead(deps, c.get('officer'), parsed.data.lead);
    const reply = await getCannedReply(deps.store, lead.desk, parsed.data.id);
    if (!reply) throw new HTTPException(404, { message: TEXTS[c.get('lang')].missing });
    return { lead, text: cannedFor(reply, lead) };
  };

  // htmx: the reply box, filled, replacing the lead page's own.
  app.get('/canned/insert', workers, async (c) => {
    const { text } = await pick(c);
    return c.html(<ReplyBox label={TEXTS[c.get('lang')].reply} value={text} />);
  });

  // Without script: a page with the reply form filled, posting where the lead page's form posts.
  app.get('/canned/compose', workers, async (c) => {
    const lang = c.get('lang');
    const t = TEXTS[lang];
    const { lead, text } = await pick(c);
    const csrf = c.get('session')?.csrfToken;
    return c.html(
      <Page
        shell={deps.shell}
        lang={lang}
        title={`${t.compose} · ${lead.reference}`}
        officer={c.get('officer')}
        csrfToken={csrf}
        path={`/console/leads/${lead.reference}`}
      >
        <form method="post" action={`/console/leads/${lead.reference}/reply`}>
          <Csrf token={csrf} />
          <input type="hidden" name="idempotencyKey" value={randomUUID()} />
          <p>
            <label for="reply-text">{t.version(lead.lang)}</label>
            <textarea id="reply-text" name="text" rows={6} cols={60} maxlength={1500} required>
              {text}
            </textarea>
          </p>
          <button type="submit">{t.send}</button>
        </form>
        <p>
          <a href={`/console/leads/${lead.reference}`}>← {t.back}</a>
        </p>
      </Page>,
    );
  });

  return app;
}

export const cannedPage: ConsolePage = {
  routes: cannedRoutes,
  nav: {
    href: '/console/canned',
    label: { fr: TEXTS.fr.title, en: TEXTS.en.title },
    roles: ['supervisor'],
  },
};
