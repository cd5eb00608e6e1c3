import type { Context, MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import type { Child } from 'hono/jsx';
import { secureHeaders } from 'hono/secure-headers';
import type { Lang } from '../../core/types.js';

/** Public pages: French by default, `?lang=en` for English; the language is in the URL so caches keep both. */
export const publicLang = (c: Context): Lang => (c.req.query('lang') === 'en' ? 'en' : 'fr');

/** No cookie, no script, no personal data: any cache may keep these pages for a few minutes. */
export const publicPageHeaders: MiddlewareHandler[] = [
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
  }),
  etag(),
  async (c, next) => {
    await next();
    c.header('Cache-Control', 'public, max-age=300');
  },
];

const CSS = `body{margin:0;font:17px/1.55 system-ui,sans-serif;color:#1b1b1b;background:#f6f7f9}
header{background:#006a4e;color:#fff;padding:.6rem 1rem}header a{color:#fff}main{max-width:760px;margin:0 auto;padding:1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem}section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid #e5e7eb;vertical-align:top}td{overflow-wrap:anywhere}`;

export function PublicPage(props: { lang: Lang; title: string; path: string; children?: Child }) {
  const other = props.lang === 'fr' ? 'en' : 'fr';
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <header>
          <a href={`/officiel${props.lang === 'en' ? '?lang=en' : ''}`}>
            {props.lang === 'fr' ? 'Canaux officiels' : 'Official channels'}
          </a>
          {' · '}
          <a href={`/a-propos${props.lang === 'en' ? '?lang=en' : ''}`}>
            {props.lang === 'fr' ? 'À propos' : 'About'}
          </a>
          {' · '}
          <a href={other === 'en' ? `${props.path}?lang=en` : props.path} hreflang={other} lang={other}>
            {other === 'en' ? 'English' : 'Français'}
          </a>
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}
