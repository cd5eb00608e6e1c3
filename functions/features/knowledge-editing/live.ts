import type { Logger } from '../../core/logger.js';
import type { Store } from '../../store/client.js';
import type { KnowledgeArtifact } from '../knowledge/artifact.js';
import { shippedArtifact } from '../knowledge/shipped.js';
import type { KnowledgeSource } from '../knowledge/source.js';
import { readArtifact, readPointer } from './artifact-store.js';
import { withGrace } from './expiry.js';

export interface LiveKnowledgeOptions {
  store: Store;
  logger?: Logger | undefined;
  /** Seconds between two reads of the pointer (`KB_REFRESH_SECONDS`); 0: every turn. */
  refreshSeconds: number;
  /** `KB_EXPIRY_GRACE_DAYS`: an entry is served this long past its valid-until date. */
  graceDays: number;
  /** The base bundled at build time (the shipped index by default). */
  initial?: KnowledgeArtifact | undefined;
  now?: (() => number) | undefined;
}

export interface LiveKnowledge extends KnowledgeSource {
  /** Reads the pointer now and swaps in a newer base if there is one; true when it swapped. */
  check(nowMs?: number): Promise<boolean>;
  /** The published base version being served (null: the bundled one, none read yet). */
  baseVersion(): number | null;
  contentHash(): string;
}

/**
 * The published knowledge base as a running function sees it. It starts from the index bundled at
 * build time (no read at cold start) and, when a turn comes and the last check is older than
 * `refreshSeconds`, reads the one small pointer item; when the pointer names another base, its
 * chunks are read and the served base replaced in one assignment (turns already running keep the
 * base they started with). Concurrent turns share one check. A failed read keeps the current base
 * and is tried again at the next interval: citizens are answered either way.
 */
export function createLiveKnowledge(options: LiveKnowledgeOptions): LiveKnowledge {
  const now = options.now ?? Date.now;
  const initial = options.initial ?? shippedArtifact;
  let served = withGrace(initial, options.graceDays);
  let hash = initial.contentHash;
  let base: number | null = null;
  // The bundled base counts as just checked: the first turn after a cold start reads nothing.
  let checkedAtMs = now();
  let running: Promise<boolean> | undefined;
  const intervalMs = options.refreshSeconds * 1000;

  async function load(): Promise<boolean> {
    const pointer = await readPointer(options.store);
    if (!pointer || pointer.baseVersion === base) return false;
    if (pointer.contentHash === hash) {
      base = pointer.baseVersion; // the same content (the import of what was bundled): nothing to load
      return false;
    }
    const started = performance.now();
    const artifact = await readArtifact(options.store, pointer);
    served = withGrace(artifact, options.graceDays);
    hash = artifact.contentHash;
    base = pointer.baseVersion;
    options.logger?.info('knowledge base swapped', {
      baseVersion: base,
      contentHash: hash,
      bytes: pointer.bytes,
      loadMs: Math.round(performance.now() - started),
    });
    return true;
  }

  function check(nowMs = now()): Promise<boolean> {
    checkedAtMs = nowMs;
    running ??= load()
      .catch((error) => {
        options.logger?.warn('knowledge base check failed, keeping the current one', { error });
        return false;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    async current(nowMs: number) {
      if (running) await running;
      else if (nowMs - checkedAtMs >= intervalMs) await check(nowMs);
      return served;
    },
    check,
    baseVersion: () => base,
    contentHash: () => hash,
  };
}
