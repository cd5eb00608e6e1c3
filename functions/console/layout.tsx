import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Lang } from '../core/types.js';
import { htmxPath } from './assets.js';
import { CSRF_FIELD } from './csrf.js';
import type { ConsoleShell } from './env.js';
import { consoleTexts } from './i18n.js';
import type { Officer } from './officers/repository.js';

/** Small, readable on a laptop and a phone; no framework, no external resource (CSP-friendly). */
const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#f6f7f9}
a{color:#0b5394}header{background:#006a4e;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
header a,header button{color:#fff}header nav{display:flex;gap:1rem;flex-wrap:wrap}header .me{margin-left:auto;display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
main{max-width:1100px;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.75rem 1rem;margin-bottom:1rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
.wrap{overflow-x:auto}form.inline{display:inline}label{display:block;font-weight:600;font-size:.9rem}
input,select,textarea,button{font:inherit;padding:.35rem .5rem;border:1px solid #8a94a0;border-radius:4px;max-width:100%}
button{background:#0b5394;color:#fff;border-color:#0b5394;cursor:pointer}button.secondary{background:#fff;color:#0b5394}
header button{background:transparent;border-color:#fff}
.badge:not(:empty){display:inline-block;margin-left:.3rem;min-width:1.4em;padding:0 .35em;border-radius:1em;background:#b00020;color:#fff;font-size:.8rem;font-weight:700;text-align:center}
.waiting{color:#8a1c00;font-weight:600;white-space:nowrap}tr.awaiting td{background:#fff4ce}
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.5rem;align-items:end}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.msg{padding:.4rem .6rem;border-radius:6px;margin:.3rem 0;max-width:42rem}
.in{background:#eef2f7}.out{background:#e6f4ea;margin-left:auto}.meta{color:#555;font-size:.8rem}
.notice{padding:.6rem .8rem;border-radius:6px;background:#fff4ce;border:1px solid #e0c060}.ok{background:#e6f4ea;border-color:#7bb98b}
.error{background:#fde7e9;border-color:#d9534f}dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.25rem 1rem}dd,td{overflow-wrap:break-word}textarea{width:100%}dt{font-weight:600}dd{margin:0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,240px),1fr));gap:1rem}
.officer{background:#fff;border:1px solid #0b5394;border-left:4px solid #0b5394}.earlier{margin:.3rem 0 .6rem}.earlier>summary,details.action>summary{cursor:pointer;color:#0b5394;font-weight:600}
.sla{display:inline-block;padding:0 .4em;border-radius:4px;font-size:.85rem;font-weight:600}.sla-ok{background:#e6f4ea;color:#1e5631}.sla-soon{background:#fff4ce;color:#6b4e00}.sla-late{background:#fde7e9;color:#8a1c1c}
.viewers{color:#8a1c00;font-weight:600}.presence p{margin:.25rem 0}
.pager{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;margin-top:.75rem}
details.fold>summary{cursor:pointer;color:#0b5394;font-weight:600}details.fold[open]>summary{margin-bottom:.5rem}
@media (min-width:641px){@supports selector(::details-content){details.fold>summary{display:none}details.fold::details-content{content-visibility:visible;display:block;height:auto}}}
@media (max-width:640px){
header{flex-wrap:nowrap;gap:.5rem;padding:.4rem .5rem;white-space:nowrap}header>strong,header .who{display:none}
header nav{flex:1 1 auto;min-width:0;flex-wrap:nowrap;overflow-x:auto;gap:.8rem;scrollbar-width:thin}
header .me{margin-left:0;flex:0 0 auto;flex-wrap:nowrap;gap:.5rem}header form{display:flex;margin:0}header button{padding:.1rem .4rem}
main{padding:.5rem}section{padding:.5rem .6rem}h1{font-size:1.25rem}
table{table-layout:fixed}.wrap>table{table-layout:auto}dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.3rem}
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards tr{border:1px solid #dde1e6;border-radius:6px;margin:0 0 .6rem;padding:.3rem .6rem;background:#fff}
table.cards td{border:0;padding:.15rem 0}table.cards td[data-label]::before{content:attr(data-label);display:block;font-size:.8rem;color:#555}
}
:focus-visible{outline:3px solid #f1c232;outline-offset:2px}.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem}
`;

export function Page(props: {
  lang: Lang;
  title: string;
  officer?: Officer | undefined;
  csrfToken?: string | undefined;
  path?: string;
  /** The navigation and desk names the composition root registered; absent before login. */
  shell?: ConsoleShell | undefined;
  children?: Child;
}) {
  const t = consoleTexts(props.lang);
  const back = encodeURIComponent(props.path ?? '/console');
  const officer = props.officer;
  const htmx = htmxPath();
  return (
    <>
      {/* Standards mode: without it browsers lay the pages out in quirks mode (forms get margins...). */}
      {raw('<!doctype html>')}
      <html lang={props.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · ${t.appName}`}</title>
          {/* Raw: JSX would escape the child combinator (`>`) and void the rules that use it. */}
          <style dangerouslySetInnerHTML={{ __html: CSS }} />
          {/* htmx reads its settings here: no inline style or script of its own, no eval. */}
          <meta
            name="htmx-config"
            content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"historyCacheSize":0}'
          />
          {htmx ? <script src={htmx} defer /> : null}
        </head>
        <body>
          <a class="skip" href="#main">
            {t.skip}
          </a>
          <header>
            <strong>{t.appName}</strong>
            {officer ? (
              <nav aria-label="Menu">
                {(props.shell?.nav ?? [])
                  .filter((entry) => entry.roles.includes(officer.role) && (entry.visible?.(officer) ?? true))
                  .map((entry) => (
                    <a href={entry.href}>
                      {entry.label[props.lang]}
                      {entry.badge ? (
                        <span
                          class="badge"
                          hx-get={entry.badge}
                          hx-trigger="load, every 15s"
                          hx-swap="innerHTML"
                          aria-live="polite"
                        />
                      ) : null}
                    </a>
                  ))}
              </nav>
            ) : null}
            <div class="me">
              <a
                href={`/console/lang?to=${props.lang === 'fr' ? 'en' : 'fr'}&back=${back}`}
                lang={props.lang === 'fr' ? 'en' : 'fr'}
              >
                {t.otherLang}
              </a>
              {props.officer ? (
                <>
                  <span class="who">
                    {props.officer.name} ({t.roles[props.officer.role]},{' '}
                    {props.shell?.deskName(props.officer.desk, props.lang) ?? props.officer.desk})
                  </span>
                  <form class="inline" method="post" action="/console/logout">
                    <Csrf token={props.csrfToken} />
                    <button type="submit">{t.logout}</button>
                  </form>
                </>
              ) : null}
            </div>
          </header>
          <main id="main">
            <h1>{props.title}</h1>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}

export function Csrf(props: { token: string | undefined }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token ?? ''} />;
}

export function Notice(props: { kind?: 'ok' | 'error' | 'warn'; children?: Child }) {
  const cls = props.kind === 'ok' ? 'notice ok' : props.kind === 'error' ? 'notice error' : 'notice';
  return (
    <p class={cls} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </p>
  );
}
