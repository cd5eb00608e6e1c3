import type { Lang } from '../../../core/types.js';

/** Rows on one page of the lead list (the CSV export carries the whole filtered list). */
export const PAGE_SIZE = 50;

const TEXTS = {
  fr: {
    pages: 'Pages de la liste',
    previous: '← Page précédente',
    next: 'Page suivante →',
    shown: (n: number, total: number) => `${n} dossier${n > 1 ? 's' : ''} sur cette page, ${total} au total`,
    pageOf: (page: number, pages: number) => `page ${page} sur ${pages}`,
  },
  en: {
    pages: 'List pages',
    previous: '← Previous page',
    next: 'Next page →',
    shown: (n: number, total: number) => `${n} lead${n > 1 ? 's' : ''} on this page, ${total} in total`,
    pageOf: (page: number, pages: number) => `page ${page} of ${pages}`,
  },
} satisfies Record<Lang, unknown>;

export const pagerTexts = (lang: Lang) => TEXTS[lang];

/** The query parameters that choose a page; every other one (the filters) is kept by the links. */
const PAGING = ['before', 'after', 'page'];

/** A link to another page of the same list: the current filters, this page's parameter. */
export function pageHref(path: string, query: Record<string, string>, page: Record<string, string>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (!PAGING.includes(k) && v !== '') params.set(k, v);
  for (const [k, v] of Object.entries(page)) params.set(k, v);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** "Page précédente / suivante" links (a link only where there is such a page). */
export function Pager(props: {
  lang: Lang;
  previous?: string | undefined;
  next?: string | undefined;
  label?: string | undefined;
}) {
  if (!props.previous && !props.next) return null;
  const t = pagerTexts(props.lang);
  return (
    <nav class="pager" aria-label={t.pages}>
      {props.previous ? (
        <a href={props.previous} rel="prev">
          {t.previous}
        </a>
      ) : null}
      {props.label ? <span>{props.label}</span> : null}
      {props.next ? (
        <a href={props.next} rel="next">
          {t.next}
        </a>
      ) : null}
    </nav>
  );
}
