import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate, requireRole } from '../../console/auth.js';
import { originCheck } from '../../console/csrf.js';
import type { ConsoleDeps, ConsoleEnv } from '../../console/env.js';
import { InvalidInputError } from '../../core/errors.js';
import { listAudit } from './audit.js';
import { parseFilter } from './console/leads-list.js';
import { findLeads, loadLead, moveLead, statusChangeSchema } from './console/leads-service.js';
import { inboxStates } from './inbox.js';
import { listNotes } from './repository.js';

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

  app.get('/leads', async (c) => {
    const leads = await findLeads(deps, c.get('officer'), parseFilter(c.req.query()));
    // Each lead says whether the citizen wrote last, and when they last wrote (null: never, or erased).
    const states = await inboxStates(deps.store, leads, { withCitizenTimes: true });
    return c.json({
      count: leads.length,
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
