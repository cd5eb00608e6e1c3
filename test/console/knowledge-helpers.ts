import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { setEditor } from '../../functions/console/officers/repository.js';
import type { Config } from '../../functions/core/config.js';
import { gapItem, newGap } from '../../functions/features/knowledge/gaps.js';
import { importKnowledge } from '../../functions/features/knowledge-editing/import-export.js';
import { createKnowledgeEditing } from '../../functions/features/knowledge-editing/service.js';
import type { Store } from '../../functions/store/client.js';
import { type ConsoleClient, ORIGIN, type Staff } from './helpers.js';

/** `knowledge/` imported and published in the test table, as the first start does. */
export async function importBase(store: Store, config: Config) {
  const service = createKnowledgeEditing({ store, config });
  await importKnowledge(service, store, { dir: 'knowledge', promptsDir: 'prompts', nowMs: Date.now() });
  return service;
}

/** The officer and the officer of another desk get the editor right (the supervisor has none). */
export async function grantEditors(store: Store, staff: Staff) {
  await setEditor(store, staff.officer.id, true);
  await setEditor(store, staff.otherOfficer.id, true);
}

/** An unanswered question in the gap report, as the knowledge capability records it. */
export async function addGap(store: Store, question: string, atMs = Date.now(), lang: 'fr' | 'en' = 'fr') {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: gapItem(
        newGap(question, { lang, channel: 'whatsapp', reason: 'no-match', nearest: [], atMs }),
        randomUUID(),
      ),
    }),
  );
}

/** The edit form of one language, as the entry page fills it (the hidden fields and the checked sources). */
export function formOf(html: string, lang: 'fr' | 'en'): Record<string, string | string[]> {
  const start = html.indexOf(`name="lang" value="${lang}"`);
  const form = html.slice(html.lastIndexOf('<form', start), html.indexOf('</form>', start));
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '';
  const textarea = (name: string) =>
    decode(new RegExp(`name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(form)?.[1] ?? '');
  const sources = [...form.matchAll(/name="sources" value="([^"]*)" checked/g)].map((m) => decode(m[1]!));
  const desk = /name="ownerDesk">[\s\S]*?<option value="([^"]+)" selected/.exec(form)?.[1] ?? '';
  return {
    lang,
    baseVersion: value('baseVersion'),
    title: decode(/name="title" value="([^"]*)"/.exec(form)?.[1] ?? ''),
    summary: textarea('summary'),
    body: textarea('body'),
    questions: textarea('questions'),
    sources,
    ownerDesk: desk,
    validUntil: /name="validUntil" value="([^"]*)"/.exec(form)?.[1] ?? '',
  };
}

function decode(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A form post with repeated fields (the sources' checkboxes), with the client's cookies and CSRF token. */
export async function postForm(client: ConsoleClient, path: string, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  body.set('_csrf', client.csrf);
  return client.app.request(path, {
    method: 'POST',
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
    },
    body: body.toString(),
  });
}

const VOID = new Set(['input', 'br', 'meta', 'link', 'img', 'hr']);
/**
 * The page without the parts marked `lang="en"` (an entry's English text, an English question): the
 * French scan reads what the console itself says, not the English content officers write.
 */
export function withoutEnglish(html: string): string {
  let out = '';
  let at = 0;
  const open = /<([a-z0-9]+)\b[^>]*\slang="en"[^>]*>/g;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    if (m.index < at) continue;
    out += html.slice(at, m.index);
    const tag = m[1]!;
    if (VOID.has(tag)) {
      at = m.index + m[0].length;
      continue;
    }
    const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
    re.lastIndex = m.index + m[0].length;
    let depth = 1;
    let end = html.length;
    for (let t = re.exec(html); t; t = re.exec(html)) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) {
        end = t.index + t[0].length;
        break;
      }
    }
    at = end;
    open.lastIndex = end;
  }
  return out + html.slice(at);
}
