import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { errorHandler } from '../http/errors.js';
import { listKnowledgeGaps } from '../knowledge/gaps.js';
import { apiRoutes } from './api.js';
import { authenticate } from './auth.js';
import { originCheck, requireCsrfToken } from './csrf.js';
import { dashboardRoutes } from './dashboard.js';
import type { ConsoleDeps, ConsoleEnv } from './env.js';
import { consoleTexts, langOf } from './i18n.js';
import { Page } from './layout.js';
import { leadPageRoutes } from './lead-page.js';
import { leadListRoutes } from './leads-list.js';
import { loginRoutes } from './login.js';
import { officersAdminRoutes } from './officers-admin.js';
import { DEFAULT_TEMPLATES } from './templates.js';

/** No script at all, styles inline, forms only to this origin, never framed. */
const CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

function errorPage(deps: ConsoleDeps) {
  const fallback = errorHandler(deps.logger);
  return (error: Error, c: Context<ConsoleEnv>) => {
    if (!(error instanceof HTTPException) || error.status === 413 || error.status >= 500)
      return fallback(error, c);
    const lang = langOf(c);
    const t = consoleTexts(lang);
    const title = error.status === 403 ? t.forbidden : error.status === 404 ? t.notFound : t.invalidInput;
    const text =
      error.status === 403 ? t.forbiddenText : error.status === 404 ? t.notFoundText : error.message;
    return c.html(
      <Page lang={lang} title={title} officer={c.get('officer')} csrfToken={c.get('session')?.csrfToken}>
        <p>{text}</p>
        <p>
          <a href="/console">← {t.leads}</a>
        </p>
      </Page>,
      error.status,
    );
  };
}

/** The officers' console under /console (server-rendered pages). */
export function consoleRoutes(deps: ConsoleDeps) {
  const app = new Hono<ConsoleEnv>();
  app.use(secureHeaders({ contentSecurityPolicy: CSP, referrerPolicy: 'same-origin' }));
  app.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use(originCheck(deps));
  // A body that cannot be read as a form (broken multipart...) is the sender's mistake: a 400,
  // never a 500. hono keeps the parsed body, so the handlers below read it again for free.
  app.use(async (c, next) => {
    if (c.req.method === 'POST') {
      await c.req.parseBody().catch((cause) => {
        throw new HTTPException(400, { message: 'Malformed form body.', cause });
      });
    }
    return next();
  });
  app.route('/', loginRoutes(deps));
  // Everything below needs a signed-in officer and, for a POST, the session's CSRF token.
  app.use(authenticate(deps, 'page'));
  app.use(requireCsrfToken());
  app.get('/', (c) =>
    c.redirect(c.get('officer').role === 'admin' ? '/console/officers' : '/console/leads', 302),
  );
  app.route('/', leadListRoutes(deps));
  app.route('/', leadPageRoutes(deps));
  app.route('/', dashboardRoutes(deps));
  app.route('/', officersAdminRoutes(deps));
  app.onError(errorPage(deps));
  return app;
}

/** What the runtime hands to `createApp({ mount })`: the console and the JSON API. */
export function mountConsole(deps: ConsoleDeps) {
  const now = deps.now ?? Date.now;
  const full: ConsoleDeps = {
    ...deps,
    templates: deps.templates ?? DEFAULT_TEMPLATES,
    knowledgeGaps:
      deps.knowledgeGaps ??
      (async () =>
        (await listKnowledgeGaps(deps.store, { nowMs: now(), limit: 20 })).map((g) => ({
          question: g.example,
          count: g.count,
        }))),
  };
  return (app: Hono) => {
    app.route('/console', consoleRoutes(full));
    app.route('/api', apiRoutes(full));
  };
}
