import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { requireRole } from '../../../console/auth.js';
import type { ConsoleEnv, ConsolePage } from '../../../console/env.js';
import { type ConsoleTexts, consoleTexts } from '../../../console/i18n.js';
import { Csrf, Notice, Page } from '../../../console/layout.js';
import { getOfficer, listOfficers, type Officer } from '../../../console/officers/repository.js';
import type { Lang } from '../../../core/types.js';
import { type LoggedMessage, listMessages } from '../../../store/messages.js';
import { askSatisfaction } from '../../satisfaction/ask.js';
import { SatisfactionLine } from '../../satisfaction/console.js';
import { type AuditEntry, listAudit } from '../audit.js';
import {
  addNote,
  handBack,
  InvalidTransitionError,
  type Lead,
  LeadConflictError,
  listNotes,
  type Note,
  openConversation,
  reassign,
  TRANSITIONS,
} from '../repository.js';
import { actorLabel, auditDetailLabel } from './audit-labels.js';
import { CannedPicker } from './canned.js';
import {
  channelLabel,
  consentLabel,
  contactPreferenceLabel,
  countryLabel,
  type DateFormat,
  dateFormat,
  deskLabel,
  formatAmount,
  leadSubject,
  sectorLabel,
} from './labels.js';
import { nameMap } from './leads-list.js';
import { deliverNotice, leadHttpError, loadLead, moveLead, statusChangeSchema } from './leads-service.js';
import {
  ReplyNotPossibleError,
  type ReplyOptions,
  ReplySendError,
  replyOptions,
  replyToCitizen,
  WindowClosedError,
} from './reply.js';
import type { LeadsConsoleDeps } from './templates.js';
import { leadConsoleTexts } from './texts.js';

const FLASH = ['saved', 'sent', 'duplicate', 'failed', 'window', 'unreachable', 'conflict', 'taken'] as const;
const ERROR_FLASHES: readonly Flash[] = ['failed', 'window', 'unreachable', 'conflict', 'taken'];
type Flash = (typeof FLASH)[number];

const idempotencyKey = z.string().uuid();
const replySchema = z.union([
  z.object({ idempotencyKey, text: z.string().trim().min(1).max(1500) }),
  z.object({ idempotencyKey, template: z.string().min(1).max(80) }),
]);
const noteSchema = z.object({ text: z.string().trim().min(1).max(2000) });
const reassignSchema = z.object({ officerId: z.string().uuid() });

async function form<T extends z.ZodType>(c: Context<ConsoleEnv>, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await c.req.parseBody());
  if (!parsed.success) throw new HTTPException(400, { message: leadConsoleTexts(c.get('lang')).formInvalid });
  return parsed.data;
}

const back = (c: Context<ConsoleEnv>, lead: Pick<Lead, 'reference'>, flash: Flash = 'saved') =>
  c.redirect(`/console/leads/${lead.reference}?done=${flash}`, 303);

/** The lead moved on under the officer (claimed by another, status changed): a notice, not an error page. */
function isConflict(error: unknown): boolean {
  return (
    error instanceof LeadConflictError ||
    error instanceof InvalidTransitionError ||
    (error instanceof HTTPException && error.status === 409)
  );
}

function Details(props: {
  t: ConsoleTexts;
  lang: Lang;
  lead: Lead;
  names: Map<string, string>;
  fmt: DateFormat;
}) {
  const { t, lang, lead, fmt } = props;
  const rows: [string, string | undefined][] = [
    [t.status, `${t.statuses[lead.status]}${lead.outcome ? ` (${t.outcomes[lead.outcome]})` : ''}`],
    [t.name, lead.fullName],
    [t.programme, leadSubject(lead, lang)],
    [t.sector, sectorLabel(lead.sector, lang)],
    [t.country, countryLabel(lead.country, lang)],
    [t.city, lead.city],
    [t.profession, lead.profession],
    [t.amount, formatAmount(lead.amountRange)],
    [t.contactPref, contactPreferenceLabel(lead.contactPreference, lang)],
    [t.channel, channelLabel(lead.channel)],
    [t.desk, deskLabel(lead.desk, lang)],
    [t.assignee, lead.assignee ? (props.names.get(lead.assignee) ?? lead.assignee) : t.unassigned],
    [t.created, fmt(lead.createdAt)],
    [t.escalated, fmt(lead.escalatedAt)],
    [t.question, lead.question],
    [t.consent, lead.consent ? consentLabel(lead.consent, lang, fmt) : undefined],
  ];
  return (
    <dl>
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
    </dl>
  );
}

function Workflow(props: {
  t: ConsoleTexts;
  lead: Lead;
  officer: Officer;
  csrf: string | undefined;
  desk: Officer[];
}) {
  const { t, lead } = props;
  const action = (path: string) => `/console/leads/${lead.reference}/${path}`;
  const moves = TRANSITIONS[lead.status].filter((s) => s !== 'closed' && s !== 'assigned');
  return (
    <div class="row">
      {lead.status === 'new' ? (
        <form method="post" action={action('claim')}>
          <Csrf token={props.csrf} />
          <button type="submit">{t.claim}</button>
        </form>
      ) : null}
      {moves.map((to) => (
        <form method="post" action={action('status')}>
          <Csrf token={props.csrf} />
          <input type="hidden" name="to" value={to} />
          <button type="submit">{`→ ${t.statuses[to]}`}</button>
        </form>
      ))}
      {TRANSITIONS[lead.status].includes('closed') ? (
        <form method="post" action={action('status')} class="row">
          <Csrf token={props.csrf} />
          <input type="hidden" name="to" value="closed" />
          <p>
            <label for="outcome">{t.outcome}</label>
            <select id="outcome" name="outcome" required>
              {(lead.status === 'qualified'
                ? ['won', 'not_eligible', 'no_response']
                : ['not_eligible', 'no_response']
              ).map((o) => (
                <option value={o}>{t.outcomes[o]}</option>
              ))}
            </select>
          </p>
          <button type="submit" class="secondary">
            {t.close}
          </button>
        </form>
      ) : null}
      {props.officer.role === 'supervisor' && lead.status !== 'closed' ? (
        <form method="post" action={action('reassign')} class="row">
          <Csrf token={props.csrf} />
          <p>
            <label for="reassign">{t.reassign}</label>
            <select id="reassign" name="officerId" required>
              {props.desk.map((o) => (
                <option value={o.id} selected={o.id === lead.assignee}>
                  {o.name}
                </option>
              ))}
            </select>
          </p>
          <button type="submit" class="secondary">
            {t.reassign}
          </button>
        </form>
      ) : null}
    </div>
  );
}

const messageId = (m: LoggedMessage) => `${m.direction}|${m.at}|${m.text}`;

function Conversation(props: {
  t: ConsoleTexts;
  lead: Lead;
  log: LoggedMessage[];
  names: Map<string, string>;
  fmt: DateFormat;
}) {
  const { t } = props;
  // A handoff's transcript is a copy of the log's first messages: each message is shown once.
  const seen = new Set((props.lead.transcript ?? []).map(messageId));
  const messages = [...(props.lead.transcript ?? []), ...props.log.filter((m) => !seen.has(messageId(m)))];
  return (
    <div
      id="conversation-log"
      hx-get={`/console/inbox/lead/${props.lead.reference}`}
      hx-trigger="every 5s"
      hx-swap="outerHTML"
    >
      {messages.length === 0 ? <p>{t.noMessages}</p> : null}
      {messages.map((m) => (
        <div class={`msg ${m.direction === 'in' ? 'in' : 'out'}`}>
          <div class="meta">
            {m.direction === 'in'
              ? t.citizen
              : m.by && m.by !== 'bot'
                ? (props.names.get(m.by) ?? t.bot)
                : t.bot}{' '}
            · {props.fmt(m.at)}
          </div>
          <div style="white-space:pre-wrap">{m.text}</div>
        </div>
      ))}
    </div>
  );
}

function ReplyForm(props: { t: ConsoleTexts; lead: Lead; options: ReplyOptions; csrf: string | undefined }) {
  const { t, lead, options } = props;
  const action = `/console/leads/${lead.reference}/reply`;
  if (options.freeText) {
    return (
      <form method="post" action={action}>
        <Csrf token={props.csrf} />
        <input type="hidden" name="idempotencyKey" value={randomUUID()} />
        <p>
          <label for="reply-text">{t.reply}</label>
          <textarea id="reply-text" name="text" rows={4} cols={60} maxlength={1500} required />
        </p>
        <button type="submit">{t.send}</button>
      </form>
    );
  }
  if (!lead.address) return <Notice kind="warn">{t.noTemplate}</Notice>;
  return (
    <>
      <Notice kind="warn">{t.windowClosed}</Notice>
      {options.templates.length === 0 ? (
        <Notice kind="warn">{t.noTemplate}</Notice>
      ) : (
        <form method="post" action={action}>
          <Csrf token={props.csrf} />
          <input type="hidden" name="idempotencyKey" value={randomUUID()} />
          <p>
            <label for="template">{t.template}</label>
            <select id="template" name="template" required>
              {options.templates.map((tpl) => (
                <option value={tpl.name}>{`${tpl.label} — ${tpl.preview}`}</option>
              ))}
            </select>
          </p>
          <button type="submit">{t.sendTemplate}</button>
        </form>
      )}
    </>
  );
}

function Audit(props: {
  t: ConsoleTexts;
  lang: Lang;
  entries: AuditEntry[];
  names: Map<string, string>;
  fmt: DateFormat;
}) {
  return (
    <div class="wrap">
      <table>
        <tbody>
          {props.entries.map((e) => (
            <tr>
              <td>{props.fmt(e.at)}</td>
              <td>{actorLabel(e.actor, props.lang, props.names)}</td>
              <td>{props.t.auditActions[e.action] ?? ''}</td>
              <td>{auditDetailLabel(e, props.lang, props.names)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Notes(props: {
  t: ConsoleTexts;
  lang: Lang;
  notes: Note[];
  names: Map<string, string>;
  lead: Lead;
  csrf: string | undefined;
  fmt: DateFormat;
}) {
  const { t } = props;
  return (
    <>
      {props.notes.length === 0 ? <p>{t.noNotes}</p> : null}
      <ul>
        {props.notes.map((n) => (
          <li>
            <span class="meta">
              {actorLabel(n.author, props.lang, props.names)} · {props.fmt(n.at)}
            </span>
            <div style="white-space:pre-wrap">{n.text}</div>
          </li>
        ))}
      </ul>
      <form method="post" action={`/console/leads/${props.lead.reference}/notes`}>
        <Csrf token={props.csrf} />
        <p>
          <label for="note">{t.notes}</label>
          <textarea id="note" name="text" rows={2} cols={60} maxlength={2000} required />
        </p>
        <button type="submit" class="secondary">
          {t.addNote}
        </button>
      </form>
    </>
  );
}

/** One lead: details, conversation, reply, notes, workflow and the read-only audit trail. */
export function leadPageRoutes(deps: LeadsConsoleDeps) {
  const app = new Hono<ConsoleEnv>();
  const now = () => (deps.now ?? Date.now)();
  // Per route, not app.use(): a sub-app's catch-all middleware would reach its siblings once mounted.
  const allowed = requireRole('officer', 'supervisor');

  app.get('/leads/:ref', allowed, async (c) => {
    const officer = c.get('officer');
    const lang = c.get('lang');
    const t = consoleTexts(lang);
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    const [log, notes, audit, officers] = await Promise.all([
      lead.userId ? listMessages(deps.store, lead.channel, lead.userId) : Promise.resolve([]),
      listNotes(deps.store, lead.reference),
      listAudit(deps.store, lead.reference),
      listOfficers(deps.store),
    ]);
    const options = await replyOptions(deps, lead, log);
    const names = nameMap(officers);
    const fmt = dateFormat(lang, deps.config.OFFICER_TIME_ZONE);
    const lt = leadConsoleTexts(lang);
    const csrf = c.get('session')?.csrfToken;
    const flash = FLASH.find((f) => f === c.req.query('done'));
    const flashText: Record<Flash, string> = {
      saved: t.saved,
      sent: t.replySent,
      duplicate: t.replyDuplicate,
      failed: t.replyFailed,
      window: t.windowClosed,
      unreachable: t.noTemplate,
      conflict: lt.conflict,
      taken: lt.alreadyTaken,
    };
    const deskOfficers = officers.filter((o) => o.active && o.role !== 'admin' && o.desk === lead.desk);
    return c.html(
      <Page
        shell={deps.shell}
        lang={lang}
        title={`${t.leads} · ${lead.reference}`}
        officer={officer}
        csrfToken={csrf}
        path={`/console/leads/${lead.reference}`}
      >
        {flash ? (
          <Notice kind={ERROR_FLASHES.includes(flash) ? 'error' : 'ok'}>{flashText[flash]}</Notice>
        ) : null}
        <div class="grid">
          <section aria-labelledby="h-details">
            <h2 id="h-details">{t.details}</h2>
            <Details t={t} lang={lang} lead={lead} names={names} fmt={fmt} />
            <SatisfactionLine store={deps.store} reference={lead.reference} lang={lang} />
          </section>
          <section aria-labelledby="h-workflow">
            <h2 id="h-workflow">{t.workflow}</h2>
            <Workflow t={t} lead={lead} officer={officer} csrf={csrf} desk={deskOfficers} />
            {lead.conversationOpen ? (
              <>
                <Notice>{t.conversationOpen}</Notice>
                <form method="post" action={`/console/leads/${lead.reference}/hand-back`}>
                  <Csrf token={csrf} />
                  <button type="submit" class="secondary">
                    {t.handBack}
                  </button>
                </form>
              </>
            ) : lead.status !== 'closed' && lead.userId ? (
              <form method="post" action={`/console/leads/${lead.reference}/conversation`}>
                <Csrf token={csrf} />
                <button type="submit" class="secondary">
                  {t.takeConversation}
                </button>
              </form>
            ) : null}
          </section>
        </div>
        <section aria-labelledby="h-conversation">
          <h2 id="h-conversation">{t.conversation}</h2>
          <Conversation t={t} lead={lead} log={log} names={names} fmt={fmt} />
          <ReplyForm t={t} lead={lead} options={options} csrf={csrf} />
          {options.freeText ? <CannedPicker deps={deps} lead={lead} lang={lang} /> : null}
        </section>
        <section aria-labelledby="h-notes">
          <h2 id="h-notes">{t.notes}</h2>
          <Notes t={t} lang={lang} notes={notes} names={names} lead={lead} csrf={csrf} fmt={fmt} />
        </section>
        <section aria-labelledby="h-audit">
          <h2 id="h-audit">{t.audit}</h2>
          <Audit t={t} lang={lang} entries={audit} names={names} fmt={fmt} />
        </section>
      </Page>,
    );
  });

  /** The conversation alone, which the lead page polls while it is open. */
  app.get('/inbox/lead/:ref', allowed, async (c) => {
    const lead = await loadLead(deps, c.get('officer'), c.req.param('ref'));
    const [log, officers] = await Promise.all([
      lead.userId ? listMessages(deps.store, lead.channel, lead.userId) : Promise.resolve([]),
      listOfficers(deps.store),
    ]);
    const lang = c.get('lang');
    return c.html(
      <Conversation
        t={consoleTexts(lang)}
        lead={lead}
        log={log}
        names={nameMap(officers)}
        fmt={dateFormat(lang, deps.config.OFFICER_TIME_ZONE)}
      />,
    );
  });

  app.post('/leads/:ref/claim', allowed, async (c) => {
    const lead = await loadLead(deps, c.get('officer'), c.req.param('ref'));
    if (lead.status !== 'new') return back(c, lead, 'taken');
    try {
      await moveLead(deps, c.get('officer'), lead, { to: 'assigned', outcome: undefined });
    } catch (error) {
      if (isConflict(error)) return back(c, lead, 'taken');
      throw error;
    }
    return back(c, lead);
  });

  app.post('/leads/:ref/status', allowed, async (c) => {
    const lead = await loadLead(deps, c.get('officer'), c.req.param('ref'));
    const change = await form(c, statusChangeSchema);
    try {
      await moveLead(deps, c.get('officer'), lead, change);
    } catch (error) {
      if (isConflict(error)) return back(c, lead, 'conflict');
      throw error;
    }
    return back(c, lead);
  });

  app.post('/leads/:ref/reassign', allowed, requireRole('supervisor'), async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    const { officerId } = await form(c, reassignSchema);
    const target = await getOfficer(deps.store, officerId);
    if (!target?.active || target.role === 'admin' || target.desk !== lead.desk) {
      throw new HTTPException(400, { message: leadConsoleTexts(c.get('lang')).notDeskOfficer });
    }
    try {
      await reassign(deps.store, lead.reference, target.id, officer.id, now()).catch(leadHttpError);
    } catch (error) {
      if (isConflict(error)) return back(c, lead, 'conflict');
      throw error;
    }
    return back(c, lead);
  });

  app.post('/leads/:ref/notes', allowed, async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    const { text } = await form(c, noteSchema);
    await addNote(deps.store, lead.reference, text, officer.id, now()).catch(leadHttpError);
    return back(c, lead);
  });

  app.post('/leads/:ref/conversation', allowed, async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    try {
      await openConversation(deps.store, lead.reference, officer.id, now()).catch(leadHttpError);
    } catch (error) {
      if (isConflict(error)) return back(c, lead, 'conflict');
      throw error;
    }
    return back(c, lead);
  });

  app.post('/leads/:ref/hand-back', allowed, async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    try {
      const result = await handBack(deps.store, lead.reference, officer.id, now()).catch(leadHttpError);
      if (result.notice) await deliverNotice(deps, result.notice, lead, 'bot');
      await askSatisfaction(deps, lead);
    } catch (error) {
      if (isConflict(error)) return back(c, lead, 'conflict');
      throw error;
    }
    return back(c, lead);
  });

  app.post('/leads/:ref/reply', allowed, async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    const input = await form(c, replySchema);
    try {
      const outcome = await replyToCitizen(
        deps,
        officer,
        lead,
        input.idempotencyKey,
        'text' in input ? { kind: 'text', text: input.text } : { kind: 'template', name: input.template },
      );
      return back(c, lead, outcome);
    } catch (error) {
      if (error instanceof WindowClosedError) return back(c, lead, 'window');
      if (error instanceof ReplyNotPossibleError) return back(c, lead, 'unreachable');
      if (error instanceof ReplySendError) return back(c, lead, 'failed');
      throw error;
    }
  });

  return app;
}

export const leadPage: ConsolePage<LeadsConsoleDeps> = { routes: leadPageRoutes };
