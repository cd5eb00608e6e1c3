import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, ERROR_KIND, type ErrorKind, InvalidInputError } from '../core/errors.js';
import { domainError, ERROR_STATUS, errorHandler, RETRY_AFTER_SECONDS } from '../core/http-errors.js';
import type { Lang } from '../core/types.js';
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

/** The title and text of the error page for each kind of domain error, in the officer's language. */
export function errorPageTexts(kind: ErrorKind, lang: Lang): { title: string; text: string } {
  const t = consoleTexts(lang);
  const texts = {
    [ERROR_KIND.invalid]: { title: t.invalidInput, text: t.invalidText },
    [ERROR_KIND.forbidden]: { title: t.forbidden, text: t.forbiddenText },
    [ERROR_KIND.notFound]: { title: t.notFound, text: t.notFoundText },
    [ERROR_KIND.conflict]: { title: t.conflict, text: t.conflictText },
    [ERROR_KIND.unprocessable]: { title: t.checkFailed, text: t.checkFailedText },
    [ERROR_KIND.unavailable]: { title: t.unavailable, text: t.unavailableText },
  } satisfies Record<ErrorKind, { title: string; text: string }>;
  return texts[kind];
}

/**
 * The console's one error page: a domain error's kind gives the status and the title, its officer
 * text (else the kind's own sentence) the text, never its developer message. An HTTPException the
 * shell or a page threw with an officer's sentence keeps it; anything else is the API's JSON answer.
 */
export function errorPage(deps: Pick<ConsoleDeps, 'logger' | 'shell'>) {
  const fallback = errorHandler(deps.logger);
  return (error: Error, c: Context<ConsoleEnv>) => {
    const lang = langOf(c);
    const domain = domainError(error);
    let status: ContentfulStatusCode;
    let title: string;
    let text: string;
    if (domain) {
      const texts = errorPageTexts(domain.kind, lang);
      status = ERROR_STATUS[domain.kind];
      title = texts.title;
      text = (domain.error instanceof AppError && domain.error.officer?.[lang]) || texts.text;
      if (domain.kind === ERROR_KIND.unavailable) {
        deps.logger.warn('dependency unavailable', { path: c.req.path, error: domain.error });
        c.header('Retry-After', RETRY_AFTER_SECONDS);
      }
    } else if (error instanceof HTTPException && error.status !== 413 && error.status < 500) {
      const t = consoleTexts(lang);
      status = error.status;
      title = error.status === 403 ? t.forbidden : error.status === 404 ? t.notFound : t.invalidInput;
      text = error.status === 403 ? t.forbiddenText : error.status === 404 ? t.notFoundText : error.message;
    } else {
      return fallback(error, c);
    }
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
          <a href="/console">← {consoleTexts(lang).leads}</a>
        </p>
      </Page>,
      status,
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
        throw new InvalidInputError('Malformed form body.', undefined, { cause });
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
    const officer = c.get('officer');
    const first = deps.shell?.nav.find(
      (entry) => entry.roles.includes(officer.role) && (entry.visible?.(officer) ?? true),
    );
    return c.redirect(first?.href ?? '/console/leads', 302);
  });
  for (const { page, path } of pages) app.route(path ?? '/', page.routes(deps));
  app.onError(errorPage(deps));
  return app;
}
