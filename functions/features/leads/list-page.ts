import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { fromTableItem } from '../../store/keys.js';
import { queryAll, queryPages } from '../../store/pages.js';
import { leadKeys } from './keys.js';
import type { Lead } from './model.js';
import type { LeadFilter } from './repository.js';

/**
 * One page of a lead list, newest first, read by key: each desk × status queue of GSI1 gives at
 * most `limit + 1` rows from the cursor on (the exact filters run in DynamoDB), the queues are
 * merged, and the page keeps `limit`. The cost follows the page size, not the number of leads.
 *
 * A cursor is the GSI1 sort key (`<createdAt>#<ref>`) of a row, sent opaque (base64url).
 */
export interface LeadPageRequest {
  limit: number;
  /** Rows older than this cursor (the next page). */
  before?: string | undefined;
  /** Rows newer than this cursor (the previous page). */
  after?: string | undefined;
}

export interface LeadPage {
  leads: Lead[];
  /** The cursor of the next (older) page, if there is one. */
  older?: string | undefined;
  /** The cursor of the previous (newer) page, if this is not the first. */
  newer?: string | undefined;
}

/** The filters DynamoDB can apply itself (exact matches); a name search is not one of them. */
const EXACT = ['programme', 'sector', 'country', 'assignee'] as const;

export const encodeCursor = (sortKey: string) => Buffer.from(sortKey, 'utf8').toString('base64url');

/** The sort key inside a cursor, or undefined when it is not one of ours (a bad link reads page one). */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor || cursor.length > 200) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#TG-\d{4}-\d{5,}$/.test(key) ? key : undefined;
}

const sortKeyOf = (lead: Pick<Lead, 'createdAt' | 'reference'>) =>
  leadKeys.sortByDate(lead.createdAt, lead.reference);

/** Whether a filter can be served by key (no name search: that one folds accents in memory). */
export const pageableFilter = (filter: LeadFilter) => !filter.search?.trim();

function filterExpression(filter: LeadFilter) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  for (const field of EXACT) {
    const value = filter[field];
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    parts.push(`#${field} = :${field}`);
  }
  return { expression: parts.length ? parts.join(' AND ') : undefined, names, values };
}

/** The date range of a filter as GSI1 sort-key bounds (a bare `to` date covers its whole day). */
function bounds(filter: LeadFilter) {
  const from = filter.from ?? '0000';
  const to = filter.to ? (filter.to.length === 10 ? `${filter.to}T23:59:59.999Z~` : `${filter.to}~`) : '9999';
  return { from, to };
}

/**
 * A queue of leads sorted by date: a desk's leads of one status (GSI1) when the filter names a
 * status, else all of a desk's leads (GSI3), so the usual view reads one queue per desk.
 */
interface LeadQueue {
  index: 'GSI1' | 'GSI3';
  pk: string;
}

function queues(filter: LeadFilter, desks: string[]): LeadQueue[] {
  const of = filter.desk ? [filter.desk] : desks;
  const status = filter.status;
  if (!status) return of.map((desk) => ({ index: 'GSI3', pk: leadKeys.byDesk(desk) }));
  return of.map((desk) => ({ index: 'GSI1', pk: leadKeys.byDeskStatus(desk, status) }));
}

/** The key condition of one queue within a date range. */
function inRange(queue: LeadQueue, range: { from: string; to: string }) {
  return {
    IndexName: queue.index,
    KeyConditionExpression: `${queue.index}PK = :pk AND ${queue.index}SK BETWEEN :from AND :to`,
    values: { ':pk': queue.pk, ':from': range.from, ':to': range.to },
  };
}

/** The query of one queue within a date range, the filter's exact fields applied. */
function queueQuery(
  queue: LeadQueue,
  range: { from: string; to: string },
  newestFirst: boolean,
  filter: LeadFilter,
) {
  const f = filterExpression(filter);
  const { values, ...key } = inRange(queue, range);
  return {
    ...key,
    ...(f.expression ? { FilterExpression: f.expression, ExpressionAttributeNames: f.names } : {}),
    ExpressionAttributeValues: { ...values, ...f.values },
    ScanIndexForward: !newestFirst,
  };
}

/**
 * The first rows of one queue (a single read of at most `limit` rows) and its frontier: the sort
 * key of the last row DynamoDB looked at, every unread row lying beyond it; none when the queue
 * (within the range) is read to its end.
 */
async function readQueueHead(
  store: Store,
  queue: LeadQueue,
  range: { from: string; to: string },
  newestFirst: boolean,
  limit: number,
  filter: LeadFilter,
): Promise<{ rows: Record<string, unknown>[]; frontier: string | undefined }> {
  for await (const page of queryPages(store, 'listLeadsPage', {
    ...queueQuery(queue, range, newestFirst, filter),
    Limit: limit,
  })) {
    const last = page.LastEvaluatedKey?.[`${queue.index}SK`];
    return { rows: page.Items ?? [], frontier: typeof last === 'string' ? last : undefined };
  }
  return { rows: [], frontier: undefined };
}

/**
 * The matching rows of every queue that can make the page, reading little: each queue's first
 * few rows, then, only for the queues whose unread rows could still beat the page's last row so
 * far (their frontier lies before it), up to `need` rows. A queue holds at most `need` rows of
 * the page, so that second read is enough; most queues (closed leads of a quiet desk) stop at
 * the first.
 */
async function readQueues(
  store: Store,
  pks: LeadQueue[],
  range: { from: string; to: string },
  newestFirst: boolean,
  need: number,
  filter: LeadFilter,
): Promise<Record<string, unknown>[]> {
  const headSize = Math.ceil(need / Math.max(1, pks.length)) + 4;
  const heads = await Promise.all(
    pks.map((pk) => readQueueHead(store, pk, range, newestFirst, headSize, filter)),
  );
  const keys = heads
    .flatMap((h) => h.rows)
    .map((item) => sortKeyOf(item as unknown as Lead))
    .sort((a, b) => (newestFirst ? b.localeCompare(a) : a.localeCompare(b)));
  const threshold = keys.length >= need ? keys[need - 1] : undefined;
  const couldBeat = (frontier: string) =>
    threshold === undefined || (newestFirst ? frontier > threshold : frontier < threshold);
  const rows = await Promise.all(
    heads.map((head, i) =>
      head.frontier !== undefined && couldBeat(head.frontier)
        ? readQueue(store, pks[i]!, range, newestFirst, need, filter)
        : head.rows,
    ),
  );
  return rows.flat();
}

/** Up to `need` matching rows of one queue, from one end of the range, reading no further. */
async function readQueue(
  store: Store,
  pk: LeadQueue,
  range: { from: string; to: string },
  newestFirst: boolean,
  need: number,
  filter: LeadFilter,
): Promise<Record<string, unknown>[]> {
  const f = filterExpression(filter);
  const rows: Record<string, unknown>[] = [];
  for await (const page of queryPages(store, 'listLeadsPage', {
    ...queueQuery(pk, range, newestFirst, filter),
    // With a filter, a read page holds fewer matches than rows: read a few pages' worth at once.
    Limit: f.expression ? Math.min(need * 4, 500) : need,
  })) {
    rows.push(...(page.Items ?? []));
    if (rows.length >= need) break;
  }
  return rows;
}

/** One page of the leads matching `filter` (no name search) in `desks`, newest first. */
export async function listLeadsPage(
  store: Store,
  filter: LeadFilter,
  desks: string[],
  request: LeadPageRequest,
): Promise<LeadPage> {
  const { limit } = request;
  const before = decodeCursor(request.before);
  const after = before ? undefined : decodeCursor(request.after);
  const range = bounds(filter);
  // The cursor row itself may come back (inclusive bounds): ask one more, and drop it below.
  if (before && before < range.to) range.to = before;
  if (after && after > range.from) range.from = after;
  const newestFirst = !after;
  const need = limit + 2;
  const rows = (await readQueues(store, queues(filter, desks), range, newestFirst, need, filter))
    .map((item) => fromTableItem<Lead>(item))
    .filter((lead) => {
      const key = sortKeyOf(lead);
      return (!before || key < before) && (!after || key > after);
    });
  const byKey = (a: Lead, b: Lead) => sortKeyOf(b).localeCompare(sortKeyOf(a));
  if (after) {
    // The previous page: the `limit` rows just above the cursor. Fewer than that: it is page one.
    const newer = rows.sort(byKey).slice(-limit);
    if (newer.length < limit) return listLeadsPage(store, filter, desks, { limit });
    const more = rows.length > limit;
    return {
      leads: newer,
      older: encodeCursor(sortKeyOf(newer[newer.length - 1]!)),
      newer: more ? encodeCursor(sortKeyOf(newer[0]!)) : undefined,
    };
  }
  const sorted = rows.sort(byKey);
  const leads = sorted.slice(0, limit);
  const last = leads[leads.length - 1];
  return {
    leads,
    older: sorted.length > limit && last ? encodeCursor(sortKeyOf(last)) : undefined,
    newer: before && leads[0] ? encodeCursor(sortKeyOf(leads[0])) : undefined,
  };
}

/**
 * How many leads match `filter` (no name search): a COUNT query per queue, so DynamoDB sends no rows.
 */
export async function countLeads(store: Store, filter: LeadFilter, desks: string[]): Promise<number> {
  const range = bounds(filter);
  const f = filterExpression(filter);
  const counts = await Promise.all(
    queues(filter, desks).map(async (queue) => {
      const { values, ...key } = inRange(queue, range);
      let total = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const out = await storeCall('countLeads', () =>
          store.doc.send(
            new QueryCommand({
              TableName: store.tableName,
              ...key,
              ...(f.expression ? { FilterExpression: f.expression, ExpressionAttributeNames: f.names } : {}),
              ExpressionAttributeValues: { ...values, ...f.values },
              Select: 'COUNT',
              ExclusiveStartKey: start,
            }),
          ),
        );
        total += out.Count ?? 0;
        start = out.LastEvaluatedKey;
      } while (start);
      return total;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

type HeldLead = Pick<Lead, 'reference' | 'channel' | 'userId' | 'conversationOpen' | 'status'>;

const HELD_FIELDS = [
  'reference',
  'channel',
  'userId',
  'conversationOpen',
  'status',
  'desk',
  'createdAt',
  ...EXACT,
] as const;

/** Leads by reference (BatchGet, 100 keys a call, unprocessed keys asked again), with `fields` only. */
async function leadsByReference(store: Store, references: string[], fields: readonly string[]) {
  const out: Record<string, unknown>[] = [];
  const names = Object.fromEntries(fields.map((f) => [`#${f}`, f]));
  const chunks: string[][] = [];
  for (let i = 0; i < references.length; i += 100) chunks.push(references.slice(i, i + 100));
  await Promise.all(
    chunks.map(async (chunk) => {
      let request: Record<string, unknown>[] = chunk.map((ref) => leadKeys.lead(ref));
      for (let attempt = 0; request.length > 0 && attempt < 5; attempt++) {
        const res = await storeCall('inbox:heldLeads', () =>
          store.doc.send(
            new BatchGetCommand({
              RequestItems: {
                [store.tableName]: {
                  Keys: request,
                  ProjectionExpression: Object.keys(names).join(', '),
                  ExpressionAttributeNames: names,
                },
              },
            }),
          ),
        );
        out.push(...(res.Responses?.[store.tableName] ?? []));
        request =
          (res.UnprocessedKeys?.[store.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
    }),
  );
  return out;
}

/**
 * The open leads matching `filter` in `desks` whose conversation an officer holds: the only ones
 * that can wait for a reply (inbox.ts). The holds have an index partition of their own, so this
 * reads the few held conversations by key, then their leads, whatever the number of leads.
 */
export async function heldLeadsMatching(
  store: Store,
  filter: LeadFilter,
  desks: string[],
): Promise<HeldLead[]> {
  const holds = await queryAll(store, 'inbox:holds', {
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': leadKeys.holds },
    ProjectionExpression: '#ref',
    ExpressionAttributeNames: { '#ref': 'reference' },
  });
  const references = [...new Set(holds.map((h) => h.reference as string))];
  if (references.length === 0) return [];
  const { from, to } = bounds(filter);
  const inDesks = new Set(filter.desk ? [filter.desk] : desks);
  const leads = (await leadsByReference(store, references, HELD_FIELDS)) as unknown as (Lead &
    Record<string, unknown>)[];
  return leads.filter(
    (lead) =>
      lead.conversationOpen &&
      lead.status !== 'closed' &&
      inDesks.has(lead.desk) &&
      (!filter.status || lead.status === filter.status) &&
      EXACT.every((f) => filter[f] === undefined || lead[f] === filter[f]) &&
      sortKeyOf(lead) >= from &&
      sortKeyOf(lead) <= to,
  );
}

/** How long a list's total may be reused (the page's rows themselves are always read fresh). */
export const TOTAL_TTL_MS = 30_000;
const TOTALS_KEPT = 200;
const totals = new Map<string, { count: number; atMs: number }>();

/**
 * The total of a list that spans several pages, counted at most every `TOTAL_TTL_MS` per filter
 * and process: the list is polled every few seconds, and a count reads every matching row.
 */
export async function cachedCount(
  store: Store,
  filter: LeadFilter,
  desks: string[],
  nowMs: number,
): Promise<number> {
  const key = JSON.stringify([store.tableName, filter, filter.desk ? [] : desks]);
  const hit = totals.get(key);
  if (hit && nowMs - hit.atMs >= 0 && nowMs - hit.atMs < TOTAL_TTL_MS) return hit.count;
  const count = await countLeads(store, filter, desks);
  totals.delete(key);
  totals.set(key, { count, atMs: nowMs });
  if (totals.size > TOTALS_KEPT) totals.delete(totals.keys().next().value!);
  return count;
}

/**
 * Every lead matching `filter` (no name search) in `desks`, newest first, with only `fields`:
 * for aggregates that read the whole list but a few fields of each lead (the dashboard).
 */
export async function listLeadFields(
  store: Store,
  filter: LeadFilter,
  desks: string[],
  fields: readonly string[],
): Promise<Lead[]> {
  const range = bounds(filter);
  const f = filterExpression(filter);
  const wanted = [...new Set([...fields, 'reference', 'createdAt'])];
  const projection = Object.fromEntries(wanted.map((name, i) => [`#p${i}`, name]));
  const rows = await Promise.all(
    queues(filter, desks).map((queue) => {
      const { values, ...key } = inRange(queue, range);
      return queryAll(store, 'listLeadFields', {
        ...key,
        ...(f.expression ? { FilterExpression: f.expression } : {}),
        ProjectionExpression: Object.keys(projection).join(', '),
        ExpressionAttributeNames: { ...projection, ...f.names },
        ExpressionAttributeValues: { ...values, ...f.values },
      });
    }),
  );
  return (rows.flat() as unknown as Lead[]).sort((a, b) => sortKeyOf(b).localeCompare(sortKeyOf(a)));
}
