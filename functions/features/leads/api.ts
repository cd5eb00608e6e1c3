import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate, requireRole } from '../../console/auth.js';
import { originCheck } from '../../console/csrf.js';
import type { ConsoleDeps, ConsoleEnv } from '../../console/env.js';
import { InvalidInputError } from '../../core/errors.js';
import { listAudit } from './audit.js';
import { parseFilter } from './console/leads-list.js';
import {
  DESK_IDS,
  findLeads,
  loadLead,
  moveLead,
  scopeFilter,
  statusChangeSchema,
} from './console/leads-service.js';
import { inboxStates } from './inbox.js';
import { listLeadsPage, pageableFilter } from './list-page.js';
import type { Lead } from './model.js';
import { listNotes } from './repository.js';

/** Leads in one answer of `GET /api/leads` unless `limit` says otherwise, and at most. */
export const API_PAGE = 50;
export const API_PAGE_MAX = 500;

/**
 * The JSON API: the same data and the same rules as the pages. A bearer token (scripts) or the
 * session cookie; a cookie-authenticated POST must be JSON, which a cross-site form cannot send.
 */
export function apiRoutes(deps: ConsoleDeps) {
  const app = new Hono<ConsoleEnv>();
  app.use(secureHeaders());
  app.use(originCheck(deps));
  app.use(authenticate(deps, 'api'));
  app.use(requireRole('officer', 'supervisor'));

  /**
   * One page of leads, newest first: `limit` (1–500, 50 by default) and the `cursor` of the
   * previous answer's `next` (null on the last page). A list within the limit comes whole, as before.
   */
  app.get('/leads', async (c) => {
    const query = c.req.query();
    const { limit: rawLimit, cursor, ...rest } = query;
    const limit = rawLimit === undefined || rawLimit === '' ? API_PAGE : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > API_PAGE_MAX) {
      throw new InvalidInputError(`limit: a whole number from 1 to ${API_PAGE_MAX}`);
    }
    const officer = c.get('officer');
    const filter = parseFilter(rest);
    let leads: Lead[];
    let next: string | undefined;
    if (pageableFilter(filter)) {
      const page = await listLeadsPage(deps.store, scopeFilter(officer, filter), DESK_IDS, {
        limit,
        before: cursor,
      });
      leads = page.leads;
      next = page.older;
    } else {
      // A name search is read whole (it folds accents in memory); its pages are offsets.
      const all = await findLeads(deps, officer, filter);
      const offset = /^o\d{1,6}$/.test(cursor ?? '') ? Number(cursor!.slice(1)) : 0;
      leads = all.slice(offset, offset + limit);
      next = offset + limit < all.length ? `o${offset + limit}` : undefined;
    }
    // Each lead says whether the citizen wrote last, and when they last wrote (null: never, or erased).
    const states = await inboxStates(deps.store, leads, { withCitizenTimes: true });
    return c.json({
      count: leads.length,
      next: next ?? null,
      leads: leads.map((lead) => ({
        ...lead,
        awaitingReply: states.get(lead.reference)?.awaitingReply ?? false,
        lastCitizenMessageAt: states.get(lead.reference)?.lastCitizenMessageAt ?? null,
      })),
    });
  });

  app.get('/leads/:ref', async (c) => {
    const lead = await loadLead(deps, c.get('officer'), c.req.param('ref'));
    const [notes, audit] = await Promise.all([
      listNotes(deps.store, lead.reference),
      listAudit(deps.store, lead.reference),
    ]);
    return c.json({ lead, notes, audit });
  });

  app.post('/leads/:ref/status', async (c) => {
    const lead = await loadLead(deps, c.get('officer'), c.req.param('ref'));
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new HTTPException(415, { message: 'Send application/json' });
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch (cause) {
      throw new InvalidInputError('Malformed JSON', undefined, { cause });
    }
    const parsed = statusChangeSchema.safeParse(body);
    if (!parsed.success) {
      throw new InvalidInputError(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        undefined,
        { cause: parsed.error },
      );
    }
    return c.json({ lead: await moveLead(deps, c.get('officer'), lead, parsed.data) });
  });

  return app;
}
