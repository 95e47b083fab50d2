import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DocmillError } from '@docmill/core';
import type { QueueFamily } from './catalogue.js';

/**
 * Worker settings from the environment (read by startWorkers):
 * DOCMILL_LOCK_MS (how long a worker holds a job without renewing, default 30000),
 * DOCMILL_STALLED_MS (how often stalled jobs are looked for, default 30000),
 * DOCMILL_MAX_STALLED (how often a document step may stall before it fails, default 3),
 * DOCMILL_PAGE_MAX_STALLED (the same for a page, default 10).
 * A killed worker's job is picked up again within about lock + stalled interval.
 * Note: a page runs on a pool thread with a heap limit, so a page that crashes its thread
 * fails as an attempt; a page stalls only when its whole process died (killed, redeployed).
 * Its stall allowance is higher than that of ingest and assemble, which run on the main
 * thread, where an input that brings the process down must not do it over and over.
 */
const Schema = z.object({
  DOCMILL_LOCK_MS: z.coerce.number().int().min(500).default(30000),
  DOCMILL_STALLED_MS: z.coerce.number().int().min(200).default(30000),
  DOCMILL_MAX_STALLED: z.coerce.number().int().min(1).default(3),
  DOCMILL_PAGE_MAX_STALLED: z.coerce.number().int().min(1).default(10),
});

export interface WorkerSettings {
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  /** Stalls allowed to a page job (page and vision families). */
  pageMaxStalledCount: number;
}

export function workerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const parsed = Schema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new DocmillError('USAGE_BAD_ARGUMENT', `Environment variable ${String(first.path[0])}: ${first.message}.`);
  }
  const e = parsed.data;
  return { lockDurationMs: e.DOCMILL_LOCK_MS, stalledIntervalMs: e.DOCMILL_STALLED_MS, maxStalledCount: e.DOCMILL_MAX_STALLED, pageMaxStalledCount: e.DOCMILL_PAGE_MAX_STALLED };
}

/**
 * Default concurrency per family: CPU page work as many as cores (each page on
 * a pool thread), vision pages many (they wait on HTTP), the rest a few.
 */
export function defaultConcurrency(family: QueueFamily, visionConcurrency: number): number {
  switch (family) {
    case 'page': return availableParallelism();
    case 'vision': return visionConcurrency;
    case 'webhook': return 16;
    case 'ingest': return 2;
    case 'assemble': return 2;
    case 'answer': return 4;
    default: {
      const never: never = family;
      throw new DocmillError('INTERNAL', `Unknown family ${String(never)}.`);
    }
  }
}
