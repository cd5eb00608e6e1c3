/** Reading console pages as an officer does, and finding the raw strings issue 13 lists. */

/**
 * What an officer reads on a page: the text of the body, plus the attributes a browser shows or
 * reads aloud (placeholder, title, aria-label). Styles and scripts are not read.
 */
export function visibleText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:placeholder|title|aria-label|alt)="([^"]*)"/g)].map((m) => m[1]);
  const body = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [body, ...attributes]
    .join(' ')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The raw strings officers saw on French pages (issue 13), and their families. */
export const RAW: [string, RegExp][] = [
  ['ISO timestamp', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/],
  ['"handoff" as a programme', /(?<!\p{L})handoff(?!\p{L})/iu],
  ['contact preference code', /(?<![\p{L}-])(?:chat|phone|email)(?!\p{L})/u],
  ['channel code', /(?<![\p{L}:/.])(?:whatsapp|telegram)(?!\p{L})/u],
  ['audit key: value', /\b(?:from|to|desk|kind|channel|outcome|role): /],
  ['snake_case code', /\b[a-z]+_[a-z0-9_]+\b/],
  ['consent text id', /(?:lead|handoff)-consent-\d{4}/],
  ['"(none)"', /\(none\)/],
  ['English error', /\b(?:cannot|required|Invalid|invalid|not found|Malformed|must be)\b/],
  ['internal value', /\b(?:undefined|null|NaN)\b|\[object /],
  ['button code', /\[choice\]/],
];

export function rawStrings(text: string): string[] {
  return RAW.flatMap(([name, pattern]) => {
    const m = pattern.exec(text);
    return m ? [`${name}: «${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40)}»`] : [];
  });
}
