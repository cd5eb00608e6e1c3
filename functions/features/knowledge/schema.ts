import { z } from 'zod';

export const LANGS = ['fr', 'en'] as const;
export const DESKS = ['investment-promotion', 'digital-economy', 'togolese-abroad'] as const;

/** gray-matter parses unquoted YAML dates as Date objects; curators may also quote them. */
const isoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.iso.date(),
);

/** The front matter of one knowledge entry (`knowledge/<id>.<lang>.md`). */
export const frontMatterSchema = z.strictObject({
  // At most 48 characters so every button id built from it ("kb:fb:down:<id>") fits Telegram's 64 bytes.
  id: z
    .string()
    .max(48)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be a lowercase slug (a-z, 0-9, dashes)'),
  lang: z.enum(LANGS),
  title: z.string().trim().min(3).max(120),
  summary: z.string().trim().min(10).max(400),
  keywords: z.array(z.string().trim().min(1)).min(1),
  /**
   * How people ask for this topic, in their words (QnABot's "alternative questions"): searched
   * like the keywords. Written by curators from the knowledge-gap report, never copied from a test set.
   */
  questions: z.array(z.string().trim().min(3).max(200)).optional(),
  sources: z.array(z.string().trim().min(1)).min(1),
  desk: z.enum(DESKS),
  reviewed: isoDate,
  valid_until: isoDate.optional(),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** A knowledge entry as shipped in the generated index: its front matter and its body. */
export interface Entry extends FrontMatter {
  body: string;
  /** Where it came from, for the checker's messages. */
  file: string;
}

/** `knowledge/_sources.yaml`: the seed documents and the official bodies an entry may cite. */
export const sourcesFileSchema = z.object({
  seeds: z.array(z.object({ file: z.string().min(1), title: z.string().min(1) })).default([]),
  bodies: z.array(z.string().min(1)).default([]),
});
export type SourcesFile = z.infer<typeof sourcesFileSchema>;

/** Longest body the checker accepts: an answer must stay readable on a phone. */
export const MAX_BODY_CHARS = 1500;
