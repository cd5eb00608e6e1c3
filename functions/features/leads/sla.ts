import { senderFor } from '../../core/channel.js';
import type { Logger } from '../../core/logger.js';
import type { Reply, Senders } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { fromTableItem } from '../../store/keys.js';
import { queryAll } from '../../store/pages.js';
import { leadKeys } from './keys.js';
import type { OfficerDirectory } from './officers.js';
import { DESK_CHANNEL } from './officers.js';
import { getLead, type Lead, type LeadStatus, markEscalated } from './repository.js';
import type { Desk, RoutingTable } from './routing/routing.js';

export type EscalationKind = 'claim' | 'contact';

export interface EscalationDeps {
  store: Store;
  routing: RoutingTable;
  nowMs: number;
  /** To reach supervisors on Telegram; without it only the desk group is told. */
  directory?: OfficerDirectory | undefined;
  /** Without senders, escalations are only recorded (visible on the lead, in the audit, in the console). */
  senders?: Senders | undefined;
  logger?: Logger | undefined;
}

export interface Escalation {
  reference: string;
  desk: string;
  kind: EscalationKind;
}

const MINUTE_MS = 60_000;

/** Leads of a desk in one status created before `beforeIso` and not yet escalated for `kind`. */
async function overdue(
  store: Store,
  desk: string,
  status: LeadStatus,
  beforeIso: string,
  kind: EscalationKind,
) {
  const items = await queryAll(store, 'sla:overdue', {
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :before',
    FilterExpression: 'attribute_not_exists(#flag)',
    ExpressionAttributeNames: { '#flag': kind === 'claim' ? 'escalatedClaimAt' : 'escalatedContactAt' },
    ExpressionAttributeValues: { ':pk': leadKeys.byDeskStatus(desk, status), ':before': beforeIso },
  });
  return items.map((i) => fromTableItem<Lead>(i));
}

function escalationText(lead: Lead, desk: Desk, kind: EscalationKind): string {
  const minutes = kind === 'claim' ? desk.sla.claimMinutes : desk.sla.contactMinutes;
  const what = kind === 'claim' ? 'n’a pas été prise en charge' : 'n’a pas donné lieu à un premier contact';
  return `⚠️ Escalade (délai dépassé) : la demande ${lead.reference} du bureau « ${desk.names.fr} » ${what} dans le délai de ${minutes} minutes.${lead.assignee ? ` Agent : ${lead.assignee}.` : ''}`;
}

/**
 * Escalates every lead past its desk's SLA, once per kind: not claimed within `claimMinutes`
 * (status `new`), or not contacted within `contactMinutes` (still `new` or `assigned`), both
 * counted from the lead's creation. Reads GSI1 by desk and status, bounded by date: no scan.
 * The conditional write comes first, so concurrent or repeated runs escalate a lead once; the
 * notices to the desk group and the supervisors follow (best effort: the escalation stays
 * visible on the lead and in its audit even if a notice fails).
 */
export async function runEscalation(deps: EscalationDeps): Promise<Escalation[]> {
  const done: Escalation[] = [];
  for (const desk of deps.routing.desks) {
    const claimBefore = new Date(deps.nowMs - desk.sla.claimMinutes * MINUTE_MS).toISOString();
    const contactBefore = new Date(deps.nowMs - desk.sla.contactMinutes * MINUTE_MS).toISOString();
    const candidates: [Lead, EscalationKind][] = [
      ...(await overdue(deps.store, desk.id, 'new', claimBefore, 'claim')).map(
        (l) => [l, 'claim'] as [Lead, EscalationKind],
      ),
      ...(await overdue(deps.store, desk.id, 'new', contactBefore, 'contact')).map(
        (l) => [l, 'contact'] as [Lead, EscalationKind],
      ),
      ...(await overdue(deps.store, desk.id, 'assigned', contactBefore, 'contact')).map(
        (l) => [l, 'contact'] as [Lead, EscalationKind],
      ),
    ];
    for (const [listed, kind] of candidates) {
      // Re-read: the claim escalation of this same run may have changed the lead's version.
      const lead = (await getLead(deps.store, listed.reference)) ?? listed;
      if (!(await markEscalated(deps.store, lead, kind, deps.nowMs))) continue;
      done.push({ reference: lead.reference, desk: desk.id, kind });
      await notify(deps, lead, desk, kind).catch((error) =>
        deps.logger?.warn('escalation notice not sent', { reference: lead.reference, error }),
      );
    }
  }
  return done;
}

async function notify(deps: EscalationDeps, lead: Lead, desk: Desk, kind: EscalationKind): Promise<void> {
  if (!deps.senders) return;
  const reply: Reply = { text: escalationText(lead, desk, kind) };
  const addresses = new Set<string>();
  if (desk.telegramChatId) addresses.add(desk.telegramChatId);
  if (deps.directory) {
    const supervisors = [
      ...(await deps.directory.listDeskOfficers(desk.id)).filter((o) => o.role === 'supervisor' && o.active),
      ...(
        await Promise.all(
          desk.supervisors.map((id) => deps.directory?.getOfficer?.(id) ?? Promise.resolve(undefined)),
        )
      ).filter((o) => o?.active),
    ];
    for (const s of supervisors) if (s?.telegramUserId) addresses.add(s.telegramUserId);
  }
  const deskSender = senderFor(deps.senders, DESK_CHANNEL);
  for (const address of addresses) await deskSender.send(address, reply);
}

/**
 * Local mode: runs `runEscalation` every `intervalMs` in-process (in AWS a schedule calls it).
 * Returns a function that stops the timer. Runs never overlap.
 */
export function startEscalationTimer(
  deps: Omit<EscalationDeps, 'nowMs'> & { intervalMs?: number; now?: () => number },
): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const escalated = await runEscalation({ ...deps, nowMs: (deps.now ?? Date.now)() });
      if (escalated.length) deps.logger?.info('leads escalated', { count: escalated.length });
    } catch (error) {
      deps.logger?.warn('escalation run failed, will retry', { error });
    } finally {
      running = false;
    }
  }, deps.intervalMs ?? 60_000);
  timer.unref?.();
  return () => clearInterval(timer);
}
