import type { KnowledgeArtifact as Artifact } from '../knowledge/artifact.js';

const DAY_MS = 24 * 3600 * 1000;

/** The last moment an entry valid until `date` is served, after `graceDays`: end of that day, UTC. */
export function servedUntilMs(validUntil: string, graceDays: number): number {
  return Date.parse(`${validUntil}T23:59:59Z`) + graceDays * DAY_MS;
}

export function servedUntilDate(validUntil: string, graceDays: number): string {
  return new Date(servedUntilMs(validUntil, graceDays)).toISOString().slice(0, 10);
}

export function expiryState(
  validUntil: string | null | undefined,
  nowMs: number,
  graceDays: number,
): 'valid' | 'grace' | 'withdrawn' {
  if (!validUntil) return 'valid';
  if (Date.parse(`${validUntil}T23:59:59Z`) >= nowMs) return 'valid';
  return servedUntilMs(validUntil, graceDays) >= nowMs ? 'grace' : 'withdrawn';
}

/**
 * The base as served: every `valid_until` moved on by the grace period, so the retriever (which
 * stops serving an entry the day after its `valid_until`) keeps serving it through the grace
 * period and then declines. The stored base keeps the curators' dates; only the copy in memory moves.
 */
export function withGrace(artifact: Artifact, graceDays: number): Artifact {
  if (graceDays <= 0) return artifact;
  const shift = (v: unknown) => (typeof v === 'string' ? servedUntilDate(v, graceDays) : v);
  const index = artifact.index as unknown as { storedFields: Record<string, Record<string, unknown>> };
  const storedFields = Object.fromEntries(
    Object.entries(index.storedFields).map(([k, f]) => [
      k,
      'valid_until' in f ? { ...f, valid_until: shift(f.valid_until) } : f,
    ]),
  );
  return {
    ...artifact,
    entries: artifact.entries.map((e) =>
      e.valid_until ? { ...e, valid_until: shift(e.valid_until) as string } : e,
    ),
    index: { ...artifact.index, storedFields } as Artifact['index'],
  };
}
