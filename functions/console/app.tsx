import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { errorHandler } from '../core/http-errors.js';
import { assetRoutes } from './assets.js';
import { authenticate } from './auth.js';
import { originCheck, requireCsrfToken } from './csrf.js';
import type { ConsoleDeps, ConsoleEnv, ConsolePage } from './env.js';
import { consoleTexts, langOf } from './i18n.js';
import { Page } from './layout.js';
import { loginRoutes } from './login.js';

/**
 * Scripts only from this origin (htmx, served under /console/assets; no inline script), styles
 * inline, requests and forms only to this origin, never framed.
 */
const CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
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
      <Page
        lang={lang}
        title={title}
        officer={c.get('officer')}
        csrfToken={c.get('session')?.csrfToken}
        shell={deps.shell}
      >
        <p>{text}</p>
        <p>
          <a href="/console">← {t.leads}</a>
        </p>
      </Page>,
      error.status,
    );
  };
}

/**
 * The officers' console under /console: the shell (secure headers, login, sessions, CSRF, error
 * pages) around the pages the features bring. The shell knows no feature: `pages` comes from the
 * composition root (`app/console-routes.ts`).
 */
export function consoleRoutes<D extends ConsoleDeps>(
  deps: D,
  pages: { page: ConsolePage<D>; path?: string }[],
) {
  const app = new Hono<ConsoleEnv>();
  app.use(secureHeaders({ contentSecurityPolicy: CSP, referrerPolicy: 'same-origin' }));
  app.use(async (c, next) => {
    await next();
    // Pages hold personal data: never cached. Versioned assets say otherwise themselves.
    if (!c.req.path.startsWith('/console/assets/')) c.header('Cache-Control', 'no-store');
  });
  app.route('/', assetRoutes());
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
  app.get('/', (c) => {
    // The first page of the navigation this officer may open.
    const role = c.get('officer').role;
    const first = deps.shell?.nav.find((entry) => entry.roles.includes(role));
    return c.redirect(first?.href ?? '/console/leads', 302);
  });
  for (const { page, path } of pages) app.route(path ?? '/', page.routes(deps));
  app.onError(errorPage(deps));
  return app;
}
