import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import { authenticate } from '../../console/auth.js';
import { originCheck, sameToken } from '../../console/csrf.js';
import type { ConsoleDeps, ConsoleEnv } from '../../console/env.js';
import { InvalidInputError } from '../../core/errors.js';
import { rollbackInputSchema } from './model.js';
import type { KnowledgeEditingService } from './service.js';

/** The header a session-authenticated caller (the console's own pages) sends its CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Who may call: a bearer token (scripts, curl) or the session cookie. A session's change must carry
 * its CSRF token in `X-CSRF-Token` (a cross-site page cannot read it); a token needs none.
 */
function guard(deps: ConsoleDeps): MiddlewareHandler<ConsoleEnv>[] {
  return [
    secureHeaders(),
    originCheck(deps),
    authenticate(deps, 'api'),
    async (c, next) => {
      const session = c.get('session');
      if (session && c.req.method !== 'GET' && !sameToken(c.req.header(CSRF_HEADER), session.csrfToken)) {
        throw new HTTPException(403, { message: 'Invalid or missing CSRF token (X-CSRF-Token)' });
      }
      return next();
    },
  ];
}

async function jsonBody(c: Context<ConsoleEnv>, optional = false): Promise<unknown> {
  const text = await c.req.text();
  if (optional && text.trim() === '') return {};
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new HTTPException(415, { message: 'Send application/json' });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InvalidInputError(
      'Malformed JSON',
      { fr: 'JSON mal formé.', en: 'Malformed JSON.' },
      { cause },
    );
  }
}

function versionParam(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidInputError(`Invalid version "${value}"`, {
      fr: 'Numéro de version invalide.',
      en: 'Invalid version number.',
    });
  }
  return n;
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const list = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new InvalidInputError(list, { fr: `Saisie invalide : ${list}`, en: `Invalid input: ${list}` });
  }
  return parsed.data;
}

/** `/api/knowledge`: entries, drafts, diff, publish, rollback. */
export function knowledgeApiRoutes(deps: ConsoleDeps, service: KnowledgeEditingService) {
  const app = new Hono<ConsoleEnv>();
  app.use(...guard(deps));
  app.get('/', async (c) => c.json({ entries: await service.list() }));
  app.get('/:id', async (c) => c.json(await service.get(c.req.param('id'))));
  app.get('/:id/diff', async (c) =>
    c.json(
      await service.diff(c.req.param('id'), {
        from: versionParam(c.req.query('from')),
        to: versionParam(c.req.query('to')),
      }),
    ),
  );
  app.put('/:id', async (c) => {
    const version = await service.saveDraft(c.get('officer'), c.req.param('id'), await jsonBody(c));
    return c.json({ version }, 201);
  });
  app.post('/:id/publish', async (c) => {
    await jsonBody(c, true);
    return c.json(await service.publish(c.get('officer'), c.req.param('id')));
  });
  app.post('/:id/rollback', async (c) => {
    const { version } = parseOrThrow(rollbackInputSchema, await jsonBody(c));
    return c.json(await service.rollback(c.get('officer'), c.req.param('id'), version));
  });
  return app;
}

const gapAttachSchema = z.object({ normalized: z.string().min(1).max(2000), entryId: z.string().min(1) });
const gapIgnoreSchema = z.object({ normalized: z.string().min(1).max(2000) });

/** `/api/knowledge-gaps`: the dashboard's "Répondre" / "Ignorer", and the resolved figure. */
export function knowledgeGapApiRoutes(deps: ConsoleDeps, service: KnowledgeEditingService) {
  const app = new Hono<ConsoleEnv>();
  app.use(...guard(deps));
  app.get('/', async (c) => c.json({ gaps: await service.openGaps() }));
  app.get('/stats', async (c) => c.json(await service.gapStats()));
  app.post('/attach', async (c) => {
    const { normalized, entryId } = parseOrThrow(gapAttachSchema, await jsonBody(c));
    return c.json({ version: await service.attachGap(c.get('officer'), normalized, entryId) }, 201);
  });
  app.post('/draft', async (c) => {
    const body = await jsonBody(c);
    const { normalized, entryId } = parseOrThrow(gapAttachSchema, body);
    const { normalized: _n, entryId: _e, ...draft } = body as Record<string, unknown>;
    return c.json({ version: await service.draftFromGap(c.get('officer'), normalized, entryId, draft) }, 201);
  });
  app.post('/ignore', async (c) => {
    const { normalized } = parseOrThrow(gapIgnoreSchema, await jsonBody(c));
    return c.json({ gap: await service.ignoreGap(c.get('officer'), normalized) });
  });
  return app;
}

/** `/api/knowledge-expiry`: entries with a valid-until date and where they stand. */
export function knowledgeExpiryApiRoutes(deps: ConsoleDeps, service: KnowledgeEditingService) {
  const app = new Hono<ConsoleEnv>();
  app.use(...guard(deps));
  app.get('/', async (c) => c.json({ entries: await service.expiryList() }));
  return app;
}
