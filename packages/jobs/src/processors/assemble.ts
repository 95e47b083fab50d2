import type { Job } from 'bullmq';
import { DocmillError, reviewPages, toDocmillError, type PageDraft } from '@docmill/core';
import { assembleDocument, failedDraft } from '@docmill/pipeline';
import { chunkDocument } from '@docmill/ask';
import { jobKeys } from '@docmill/store';
import { parsePayload, unrecoverable } from '../catalogue.js';
import { finishJob } from '../lifecycle.js';
import { writeResult } from '../results.js';
import type { JobRecord, JobUsage } from '../types.js';
import { convertOptions } from './common.js';
import type { WorkerDeps } from './deps.js';

/**
 * The fan-in of a job: every page's stored draft (a page that never finished
 * is kept as a flagged error) → assembleDocument → document.json and
 * document.md, then the manifest, then the record turns succeeded.
 * The job fails only when every page failed (the documented rule).
 * Does not retry pages: they already had their attempts.
 */
export async function processAssemble(deps: WorkerDeps, job: Job): Promise<{ status: string }> {
  try {
    return await assemble(deps, job);
  } catch (e) {
    // Note: a store that fails (STORE_FAILED, retryable) is waited out by the capped backoff
    // for DOCMILL_ASSEMBLE_RETRY_MS; anything else would fail the same way again.
    const err = toDocmillError(e);
    if (!err.retryable) throw unrecoverable(err);
    throw err;
  }
}

async function assemble(deps: WorkerDeps, job: Job): Promise<{ status: string }> {
  const { ctx } = deps;
  const p = parsePayload('assemble', job.data);
  const stored = await ctx.records.get(p.jobId);
  if (!stored || stored.record.status !== 'running') return { status: stored ? stored.record.status : 'deleted' };
  const started = Date.now();

  const saved = await ctx.records.drafts(p.jobId);
  const drafts: PageDraft[] = p.info.selected.map((index) => {
    const raw = saved.get(index);
    if (raw) return JSON.parse(raw) as PageDraft;
    return failedDraft(index, { width: 0, height: 0 }, new DocmillError('PAGE_FAILED', `Page ${index + 1} never finished (its job failed for good).`, { retryable: false }));
  });
  const failedPages = drafts.filter((d) => d.error).map((d) => d.index);

  if (failedPages.length === drafts.length) {
    const first = drafts[0]?.error;
    const err = new DocmillError('PAGE_FAILED', `Every page failed${first ? `; page ${drafts[0]!.index + 1}: ${first.code}: ${first.message}` : ''}.`);
    await finishJob(ctx, p.jobId, 'failed', { error: err.toJSON(), failedPages });
    return { status: 'failed' };
  }

  const seconds = (started - stored.submittedAtMs) / 1000;
  const doc = assembleDocument(p.info, drafts, { ...convertOptions(p.options), seconds, degradedShare: deps.config.DOCMILL_DEGRADED_SHARE });
  const review = reviewPages(doc.pages);
  const { seconds: _s, ...counts } = doc.usage;
  const usage: JobUsage = counts;
  const finishedAt = new Date();
  const timings: JobRecord['timings'] = {
    ...stored.record.timings,
    pagesMs: started - p.fannedOutAt,
    assembleMs: finishedAt.getTime() - started,
    totalMs: finishedAt.getTime() - stored.submittedAtMs,
  };
  const final: JobRecord = {
    ...stored.record, status: 'succeeded', finishedAt: finishedAt.toISOString(), usage, timings,
    progress: { pagesDone: drafts.length, pagesTotal: drafts.length },
    ...(doc.degraded ? { degraded: doc.degraded } : {}),
    ...(failedPages.length ? { failedPages } : {}),
    ...(review.length ? { reviewPages: review } : {}),
  };
  await writeResult(ctx.store, final, doc);
  // Chunks for RAG (chunks.jsonl), before the job says it succeeded: the search relay indexes them from the outbox.
  const chunks = chunkDocument(doc);
  await ctx.store.put(jobKeys(p.jobId).chunks, chunks.map((c) => JSON.stringify(c)).join('\n') + '\n', 'application/x-ndjson');
  await finishJob(ctx, p.jobId, 'succeeded', {
    usage, timings, progress: final.progress,
    ...(doc.degraded ? { degraded: doc.degraded } : {}),
    ...(failedPages.length ? { failedPages } : {}),
    ...(review.length ? { reviewPages: review } : {}),
  });
  return { status: 'succeeded' };
}
