import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { requireRole } from '../../../console/auth.js';
import type { ConsoleEnv, ConsolePage } from '../../../console/env.js';
import { type ConsoleTexts, consoleTexts } from '../../../console/i18n.js';
import { Csrf, Notice, Page } from '../../../console/layout.js';
import { getOfficer, listOfficers, type Officer } from '../../../console/officers/repository.js';
import { InvalidInputError, type OfficerText } from '../../../core/errors.js';
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
  reopenLead,
  TRANSITIONS,
  transferLead,
} from '../repository.js';
import { listViewers, markViewing } from '../viewers.js';
import { actorLabel, auditDetailLabel } from './audit-labels.js';
import { CannedPicker } from './canned.js';
import { conversationText } from './conversation-text.js';
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
import { DESK_IDS, deliverNotice, loadLead, moveLead, statusChangeSchema } from './leads-service.js';
import {
  ReplyNotPossibleError,
  type ReplyOptions,
  ReplySendError,
  replyOptions,
  replyToCitizen,
  WindowClosedError,
} from './reply.js';
import { SlaBadge } from './sla-badge.js';
import type { LeadsConsoleDeps } from './templates.js';
import { leadConsoleTexts } from './texts.js';

const FLASH = [
  'saved',
  'sent',
  'duplicate',
  'failed',
  'window',
  'unreachable',
  'conflict',
  'taken',
  'confirm',
  'close',
  'transferred',
  'reopened',
] as const;
const ERROR_FLASHES: readonly Flash[] = [
  'failed',
  'window',
  'unreachable',
  'conflict',
  'taken',
  'confirm',
  'close',
];
type Flash = (typeof FLASH)[number];

const idempotencyKey = z.string().uuid();
/** Replying to a lead another officer holds needs this box ticked. */
const confirmOther = z.literal('1').optional();
const replySchema = z.union([
  z.object({ idempotencyKey, confirmOther, text: z.string().trim().min(1).max(1500) }),
  z.object({ idempotencyKey, confirmOther, template: z.string().min(1).max(80) }),
]);
const transferSchema = z.object({
  desk: z.string().max(60),
  officerId: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid().optional()),
  reason: z.string().trim().min(3).max(300),
});
/** Who holds the lead for the purpose of replying: the officer in the chat, else the assignee. */
const holderOf = (lead: Lead) =>
  (lead.conversationOpen ? lead.conversationOfficer : undefined) ?? lead.assignee;
const noteSchema = z.object({ text: z.string().trim().min(1).max(2000) });
const reassignSchema = z.object({ officerId: z.string().uuid() });

/** One of the page's sentences in both languages, for an error raised before the page is chosen. */
const bothLangs = (key: 'formInvalid' | 'notDeskOfficer' | 'transferInvalid'): OfficerText => ({
  fr: leadConsoleTexts('fr')[key],
  en: leadConsoleTexts('en')[key],
});

async function form<T extends z.ZodType>(c: Context<ConsoleEnv>, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await c.req.parseBody());
  if (!parsed.success) {
    throw new InvalidInputError('the form does not validate', bothLangs('formInvalid'), {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

const back = (c: Context<ConsoleEnv>, lead: Pick<Lead, 'reference'>, flash: Flash = 'saved') =>
  c.redirect(`/console/leads/${lead.reference}?done=${flash}`, 303);

/** The lead moved on under the officer (claimed by another, status changed): a notice, not an error page. */
function isConflict(error: unknown): boolean {
  return error instanceof LeadConflictError || error instanceof InvalidTransitionError;
}

/** Runs a workflow action, then back to the lead: with `flash`, or the conflict notice if it moved on. */
async function act(
  c: Context<ConsoleEnv>,
  lead: Pick<Lead, 'reference'>,
  action: () => Promise<unknown>,
  flash: Flash = 'saved',
) {
  try {
    await action();
  } catch (error) {
    if (isConflict(error)) return back(c, lead, 'conflict');
    throw error;
  }
  return back(c, lead, flash);
}

/** Contact details as links the officer's laptop or phone opens: call, e-mail, WhatsApp. */
function ContactLinks(props: {
  lang: Lang;
  lead: Lead;
  officer: Officer;
  whatsappNumber: string | undefined;
}) {
  const lt = leadConsoleTexts(props.lang);
  const { lead } = props;
  const digits = (n: string) => n.replace(/[^\d]/g, '');
  const rows: [string, Child][] = [];
  if (lead.phone) {
    rows.push([
      lt.phone,
      <>
        <a href={`tel:${lead.phone.replace(/[^\d+]/g, '')}`}>{lead.phone}</a> ·{' '}
        <a href={`https://wa.me/${digits(lead.phone)}`} rel="noopener noreferrer" target="_blank">
          {lt.writeOnWhatsApp}
        </a>
      </>,
    ]);
  }
  if (lead.email) rows.push([lt.email, <a href={`mailto:${lead.email}`}>{lead.email}</a>]);
  if (props.whatsappNumber && props.whatsappNumber !== lead.phone) {
    rows.push([
      lt.whatsappNumber,
      <>
        <a href={`tel:${props.whatsappNumber}`}>{props.whatsappNumber}</a> ·{' '}
        <a href={`https://wa.me/${digits(props.whatsappNumber)}`} rel="noopener noreferrer" target="_blank">
          {lt.writeOnWhatsApp}
        </a>
      </>,
    ]);
  }
  return (
    <>
      {rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </>
  );
}

function Details(props: {
  t: ConsoleTexts;
  lang: Lang;
  lead: Lead;
  names: Map<string, string>;
  fmt: DateFormat;
  officer: Officer;
  whatsappNumber: string | undefined;
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
      <ContactLinks lang={lang} lead={lead} officer={props.officer} whatsappNumber={props.whatsappNumber} />
    </dl>
  );
}

/** Who holds the lead, who else has it open now, and its SLA countdown; refreshed with the log. */
function Presence(props: {
  t: ConsoleTexts;
  lang: Lang;
  lead: Lead;
  officer: Officer;
  names: Map<string, string>;
  viewers: string[];
  nowMs: number;
  fmt: DateFormat;
  oob?: boolean;
}) {
  const { t, lead } = props;
  const lt = leadConsoleTexts(props.lang);
  const holder = holderOf(lead);
  const name = (id: string) => props.names.get(id) ?? id;
  return (
    <div id="lead-presence" class="presence" hx-swap-oob={props.oob ? 'true' : undefined}>
      <p>
        {lt.holder} :{' '}
        <strong>{holder ? (holder === props.officer.id ? lt.you : name(holder)) : t.unassigned}</strong>
        {' · '}
        {t.statuses[lead.status]}
        {lead.outcome ? ` (${t.outcomes[lead.outcome]})` : ''}{' '}
        <SlaBadge lead={lead} nowMs={props.nowMs} lang={props.lang} fmt={props.fmt} />
      </p>
      {props.viewers.length > 0 ? (
        <p class="viewers" role="status">
          👁 {lt.alsoOpenBy(props.viewers.map(name).join(', '))}
        </p>
      ) : null}
    </div>
  );
}

function Workflow(props: {
  t: ConsoleTexts;
  lang: Lang;
  lead: Lead;
  officer: Officer;
  csrf: string | undefined;
  desk: Officer[];
  officers: Officer[];
}) {
  const { t, lead } = props;
  const lt = leadConsoleTexts(props.lang);
  const action = (path: string) => `/console/leads/${lead.reference}/${path}`;
  const moves = TRANSITIONS[lead.status].filter((s) => s !== 'closed' && s !== 'assigned');
  const supervisor = props.officer.role === 'supervisor';
  const otherDesks = DESK_IDS.filter((d) => d !== lead.desk);
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
        <details class="action">
          <summary>{t.close}</summary>
          <form method="post" action={action('status')}>
            <Csrf token={props.csrf} />
            <input type="hidden" name="to" value="closed" />
            <p>
              <label for="outcome">{t.outcome}</label>
              <select id="outcome" name="outcome" required>
                <option value="">{lt.chooseOutcome}</option>
                {(lead.status === 'qualified'
                  ? ['won', 'not_eligible', 'no_response']
                  : ['not_eligible', 'no_response']
                ).map((o) => (
                  <option value={o}>{t.outcomes[o]}</option>
                ))}
              </select>
            </p>
            <p>
              <label>
                <input type="checkbox" name="confirm" value="1" required /> {lt.confirmClose}
              </label>
            </p>
            <button type="submit" class="secondary">
              {t.close}
            </button>
          </form>
        </details>
      ) : null}
      {supervisor && lead.status === 'closed' ? (
        <form method="post" action={action('reopen')}>
          <Csrf token={props.csrf} />
          <button type="submit" class="secondary">
            {lt.reopen}
          </button>
        </form>
      ) : null}
      {supervisor && lead.status !== 'closed' ? (
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
      {supervisor && lead.status !== 'closed' && otherDesks.length > 0 ? (
        <details class="action">
          <summary>{lt.transfer}</summary>
          <form method="post" action={action('transfer')}>
            <Csrf token={props.csrf} />
            <p>
              <label for="transfer-desk">{lt.transferDesk}</label>
              <select id="transfer-desk" name="desk" required>
                {otherDesks.map((d) => (
                  <option value={d}>{deskLabel(d, props.lang)}</option>
                ))}
              </select>
            </p>
            <p>
              <label for="transfer-officer">{lt.transferOfficer}</label>
              <select id="transfer-officer" name="officerId">
                <option value="">{lt.transferAnyone}</option>
                {props.officers
                  .filter((o) => o.active && o.role !== 'admin' && o.desk !== lead.desk)
                  .map((o) => (
                    <option value={o.id}>{`${o.name} — ${deskLabel(o.desk, props.lang)}`}</option>
                  ))}
              </select>
            </p>
            <p>
              <label for="transfer-reason">{lt.transferReason}</label>
              <input id="transfer-reason" name="reason" required minlength={3} maxlength={300} />
            </p>
            <button type="submit" class="secondary">
              {lt.transfer}
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}

const messageId = (m: LoggedMessage) => `${m.direction}|${m.at}|${m.text}`;

/** The lead's messages, each once: a handoff's transcript is a copy of the log's first messages. */
function leadMessages(lead: Lead, log: LoggedMessage[]): LoggedMessage[] {
  const seen = new Set((lead.transcript ?? []).map(messageId));
  return [...(lead.transcript ?? []), ...log.filter((m) => !seen.has(messageId(m)))];
}

function Messages(props: {
  t: ConsoleTexts;
  lang: Lang;
  shown: ReturnType<typeof conversationText>;
  names: Map<string, string>;
  fmt: DateFormat;
}) {
  const { t } = props;
  const lt = leadConsoleTexts(props.lang);
  return (
    <>
      {props.shown.map(({ message: m, text, typed }) => {
        const byOfficer = m.direction === 'out' && Boolean(m.by) && m.by !== 'bot';
        return (
          <div class={`msg ${m.direction === 'in' ? 'in' : 'out'}${byOfficer ? ' officer' : ''}`}>
            <div class="meta">
              {m.direction === 'in'
                ? t.citizen
                : byOfficer
                  ? `${props.names.get(m.by!) ?? t.bot} · ${lt.officerMessage}`
                  : t.bot}{' '}
              · {props.fmt(m.at)}
              {typed ? ` · ${lt.typed(typed)}` : ''}
            </div>
            <div style="white-space:pre-wrap">{text}</div>
          </div>
        );
      })}
    </>
  );
}

/**
 * The conversation: what was said before the lead was created (the registration dialogue, or a
 * handoff's talk with the assistant) folded, then the live part, which the page polls. The fold
 * stays outside the polled block so that it does not close under the officer's eyes.
 */
function Conversation(props: {
  t: ConsoleTexts;
  lang: Lang;
  lead: Lead;
  log: LoggedMessage[];
  names: Map<string, string>;
  fmt: DateFormat;
  part: 'all' | 'live';
}) {
  const { t, lead } = props;
  const lt = leadConsoleTexts(props.lang);
  const shown = conversationText(leadMessages(lead, props.log), props.lang);
  const before = shown.filter((s) => s.message.at <= lead.createdAt);
  const after = shown.filter((s) => s.message.at > lead.createdAt);
  const live = (
    <div
      id="conversation-log"
      hx-get={`/console/inbox/lead/${lead.reference}`}
      hx-trigger="every 5s"
      hx-swap="outerHTML"
    >
      {shown.length === 0 ? <p>{t.noMessages}</p> : null}
      <Messages t={t} lang={props.lang} shown={after} names={props.names} fmt={props.fmt} />
    </div>
  );
  if (props.part === 'live') return live;
  return (
    <>
      {before.length > 0 ? (
        <details class="earlier">
          <summary>
            {lead.kind === 'handoff'
              ? lt.dialogueHandoff(before.length)
              : lt.dialogueRegistration(before.length)}
          </summary>
          <Messages t={t} lang={props.lang} shown={before} names={props.names} fmt={props.fmt} />
        </details>
      ) : null}
      {live}
    </>
  );
}

function ReplyForm(props: {
  t: ConsoleTexts;
  lang: Lang;
  lead: Lead;
  options: ReplyOptions;
  csrf: string | undefined;
  officer: Officer;
  names: Map<string, string>;
}) {
  const { t, lead, options } = props;
  const lt = leadConsoleTexts(props.lang);
  const action = `/console/leads/${lead.reference}/reply`;
  const holder = holderOf(lead);
  const confirm =
    holder && holder !== props.officer.id ? (
      <p>
        <label class="confirm">
          <input type="checkbox" name="confirmOther" value="1" required />{' '}
          {lt.confirmOther(props.names.get(holder) ?? holder)}
        </label>
      </p>
    ) : null;
  if (options.freeText) {
    return (
      <form method="post" action={action}>
        <Csrf token={props.csrf} />
        <input type="hidden" name="idempotencyKey" value={randomUUID()} />
        <p>
          <label for="reply-text">{t.reply}</label>
          <textarea id="reply-text" name="text" rows={4} cols={60} maxlength={1500} required />
        </p>
        {confirm}
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
          {confirm}
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

/** One lead: who holds it, reply and actions first, then the conversation, details, notes and audit. */
export function leadPageRoutes(deps: LeadsConsoleDeps) {
  const app = new Hono<ConsoleEnv>();
  const now = () => (deps.now ?? Date.now)();
  // Per route, not app.use(): a sub-app's catch-all middleware would reach its siblings once mounted.
  const allowed = requireRole('officer', 'supervisor');

  /** Marks the officer as viewing the lead and returns who else is. */
  const presence = async (lead: Lead, officer: Officer) => {
    const nowMs = now();
    await markViewing(deps.store, lead.reference, officer.id, nowMs);
    return listViewers(deps.store, lead.reference, nowMs, officer.id);
  };

  /** The holder's own WhatsApp number (when the channel's address is one): only for the one who holds it. */
  const whatsappNumberFor = (lead: Lead, officer: Officer) =>
    lead.address && holderOf(lead) === officer.id
      ? deps.channels.get(lead.channel).phoneNumber?.(lead.address)
      : undefined;

  app.get('/leads/:ref', allowed, async (c) => {
    const officer = c.get('officer');
    const lang = c.get('lang');
    const t = consoleTexts(lang);
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    const [log, notes, audit, officers, viewers] = await Promise.all([
      lead.userId ? listMessages(deps.store, lead.channel, lead.userId) : Promise.resolve([]),
      listNotes(deps.store, lead.reference),
      listAudit(deps.store, lead.reference),
      listOfficers(deps.store),
      presence(lead, officer),
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
      confirm: lt.confirmNeeded,
      close: lt.closeUnconfirmed,
      transferred: lt.transferred,
      reopened: lt.reopened,
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
        <section aria-labelledby="h-actions" class="lead-actions">
          <h2 id="h-actions">{lt.actions}</h2>
          <Presence
            t={t}
            lang={lang}
            lead={lead}
            officer={officer}
            names={names}
            viewers={viewers}
            nowMs={now()}
            fmt={fmt}
          />
          {lead.status !== 'closed' ? (
            <ReplyForm
              t={t}
              lang={lang}
              lead={lead}
              options={options}
              csrf={csrf}
              officer={officer}
              names={names}
            />
          ) : null}
          {lead.status !== 'closed' && options.freeText ? (
            <CannedPicker deps={deps} lead={lead} lang={lang} />
          ) : null}
          <Workflow
            t={t}
            lang={lang}
            lead={lead}
            officer={officer}
            csrf={csrf}
            desk={deskOfficers}
            officers={officers}
          />
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
        <section aria-labelledby="h-conversation">
          <h2 id="h-conversation">{t.conversation}</h2>
          <Conversation t={t} lang={lang} lead={lead} log={log} names={names} fmt={fmt} part="all" />
        </section>
        <div class="grid">
          <section aria-labelledby="h-details">
            <h2 id="h-details">{t.details}</h2>
            <Details
              t={t}
              lang={lang}
              lead={lead}
              names={names}
              fmt={fmt}
              officer={officer}
              whatsappNumber={whatsappNumberFor(lead, officer)}
            />
            <SatisfactionLine store={deps.store} reference={lead.reference} lang={lang} />
          </section>
          <section aria-labelledby="h-notes">
            <h2 id="h-notes">{t.notes}</h2>
            <Notes t={t} lang={lang} notes={notes} names={names} lead={lead} csrf={csrf} fmt={fmt} />
          </section>
        </div>
        <section aria-labelledby="h-audit">
          <h2 id="h-audit">{t.audit}</h2>
          <Audit t={t} lang={lang} entries={audit} names={names} fmt={fmt} />
        </section>
      </Page>,
    );
  });

  /**
   * The live part of the conversation, which the lead page polls while it is open; it renews the
   * officer's "viewing" mark and brings the presence line along (an out-of-band swap).
   */
  app.get('/inbox/lead/:ref', allowed, async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    const [log, officers, viewers] = await Promise.all([
      lead.userId ? listMessages(deps.store, lead.channel, lead.userId) : Promise.resolve([]),
      listOfficers(deps.store),
      presence(lead, officer),
    ]);
    const lang = c.get('lang');
    const t = consoleTexts(lang);
    const names = nameMap(officers);
    const fmt = dateFormat(lang, deps.config.OFFICER_TIME_ZONE);
    return c.html(
      <>
        <Conversation t={t} lang={lang} lead={lead} log={log} names={names} fmt={fmt} part="live" />
        <Presence
          t={t}
          lang={lang}
          lead={lead}
          officer={officer}
          names={names}
          viewers={viewers}
          nowMs={now()}
          fmt={fmt}
          oob
        />
      </>,
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
    const body = await c.req.parseBody();
    const parsed = statusChangeSchema.safeParse(body);
    if (!parsed.success)
      throw new InvalidInputError('the status change does not validate', bothLangs('formInvalid'));
    const change = parsed.data;
    // Closing is said twice: an outcome chosen (no default) and the confirmation ticked.
    if (change.to === 'closed' && (!change.outcome || body.confirm !== '1')) return back(c, lead, 'close');
    return act(c, lead, () => moveLead(deps, c.get('officer'), lead, change));
  });

  app.post('/leads/:ref/reopen', allowed, requireRole('supervisor'), async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    return act(c, lead, () => reopenLead(deps.store, lead.reference, officer.id, now()), 'reopened');
  });

  app.post('/leads/:ref/reassign', allowed, requireRole('supervisor'), async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    const { officerId } = await form(c, reassignSchema);
    const target = await getOfficer(deps.store, officerId);
    if (!target?.active || target.role === 'admin' || target.desk !== lead.desk) {
      throw new InvalidInputError(
        'the new assignee is not an active officer of the desk',
        bothLangs('notDeskOfficer'),
      );
    }
    return act(c, lead, () => reassign(deps.store, lead.reference, target.id, officer.id, now()));
  });

  /** A supervisor moves the lead to another desk, optionally to one of its officers, with a reason. */
  app.post('/leads/:ref/transfer', allowed, requireRole('supervisor'), async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    const parsed = transferSchema.safeParse(await c.req.parseBody());
    if (!parsed.success || !DESK_IDS.includes(parsed.data.desk) || parsed.data.desk === lead.desk) {
      throw new InvalidInputError('the transfer does not validate', bothLangs('transferInvalid'));
    }
    const { desk, officerId, reason } = parsed.data;
    if (officerId) {
      const target = await getOfficer(deps.store, officerId);
      if (!target?.active || target.role === 'admin' || target.desk !== desk) {
        throw new InvalidInputError('the transfer does not validate', bothLangs('transferInvalid'));
      }
    }
    return act(
      c,
      lead,
      () => transferLead(deps.store, lead.reference, { desk, officerId, reason, actor: officer.id }, now()),
      'transferred',
    );
  });

  app.post('/leads/:ref/notes', allowed, async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    const { text } = await form(c, noteSchema);
    await addNote(deps.store, lead.reference, text, officer.id, now());
    return back(c, lead);
  });

  app.post('/leads/:ref/conversation', allowed, async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    return act(c, lead, () => openConversation(deps.store, lead.reference, officer.id, now()));
  });

  app.post('/leads/:ref/hand-back', allowed, async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    return act(c, lead, async () => {
      const result = await handBack(deps.store, lead.reference, officer.id, now());
      if (result.notice) await deliverNotice(deps, result.notice, lead, 'bot');
      await askSatisfaction(deps, lead);
    });
  });

  app.post('/leads/:ref/reply', allowed, async (c) => {
    const officer = c.get('officer');
    const lead = await loadLead(deps, officer, c.req.param('ref'));
    const input = await form(c, replySchema);
    // Two officers never answer the same citizen unknowingly: another's lead needs the box ticked.
    const holder = holderOf(lead);
    if (holder && holder !== officer.id && input.confirmOther !== '1') return back(c, lead, 'confirm');
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
