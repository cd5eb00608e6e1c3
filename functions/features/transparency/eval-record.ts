import { z } from 'zod';
import generated from './eval.generated.json' with { type: 'json' };

/**
 * The latest `npm run eval` figures of the knowledge answers, written by scripts/eval.ts into
 * eval.generated.json and shipped with the function. Nothing here is typed by hand: a file that
 * does not hold a complete record means "figures not available".
 */
export const evalRecordSchema = z.object({
  evaluatedAt: z.iso.datetime(),
  /** The question set's file name (not its path). */
  questionSet: z.string(),
  figures: z.object({
    questions: z.number().int().nonnegative(),
    answerable: z.number().int().nonnegative(),
    toDecline: z.number().int().nonnegative(),
    hitAt1: z.number().min(0).max(1),
    hitAt3: z.number().min(0).max(1),
    /** Answerable questions answered right, or asked back with the right topic among the choices. */
    helped: z.number().min(0).max(1),
    /** Questions to decline that were declined. */
    declined: z.number().min(0).max(1),
    /** Share of all questions answered with a wrong topic. */
    answeredWrong: z.number().min(0).max(1),
    p50Ms: z.number().nonnegative(),
    p95Ms: z.number().nonnegative(),
  }),
});
export type EvalRecord = z.infer<typeof evalRecordSchema>;

export const EVAL_RECORD_PATH = 'functions/features/transparency/eval.generated.json';

export function parseEvalRecord(raw: unknown): EvalRecord | undefined {
  const parsed = evalRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export const shippedEvalRecord: EvalRecord | undefined = parseEvalRecord(generated);
