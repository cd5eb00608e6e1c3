import { z } from 'zod';
import type { Lang } from '../../core/types.js';
import file from './topics.json' with { type: 'json' };

export const topicSchema = z.object({
  // Short enough that `sub:toggle:<id>` stays far below Telegram's 64-byte callback data limit.
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
  fr: z.string().min(1),
  en: z.string().min(1),
});
export type Topic = z.infer<typeof topicSchema>;

export const topicsFileSchema = z.object({
  topics: z
    .array(topicSchema)
    .min(1)
    .refine((list) => new Set(list.map((t) => t.id)).size === list.length, 'topic ids must be unique'),
});

/** Parses a topics file; throws a ZodError naming the bad entry. */
export function parseTopics(json: unknown): Topic[] {
  return topicsFileSchema.parse(json).topics;
}

export const TOPICS: Topic[] = parseTopics(file);

export const findTopic = (id: string, topics: Topic[] = TOPICS): Topic | undefined =>
  topics.find((t) => t.id === id);

export const topicName = (topic: Topic, lang: Lang): string => topic[lang];
