import type { Job } from 'bullmq';
import { DocmillError, toDocmillError } from '@docmill/core';
import { ingest, type IngestInfo } from '@docmill/pipeline';
import { assembleAttempts, checkPayload, jobOptionsFor, pagePriority, parsePayload, unrecoverable } from '../catalogue.js';
import { finishJob } from '../lifecycle.js';
import { isFinal } from '../records.js';
import { convertOptions, ingestLimits, isLastAttempt, readJobInput, withPassword } from './common.js';
import type { WorkerDeps } from './deps.js';

/**
 * The ingest step of a job: validates and opens the input (sniff, hash, page
 * count, limits), then fans out one page job per selected page under an
 * assemble parent (a BullMQ flow).
 * @param job the ingest job (payload validated here)
 * Bad input (coded, not retryable) fails the job at once with UnrecoverableError;
 * transient errors are thrown for the retry policy. Does not transcribe pages.
 */
export async function processIngest(deps: WorkerDeps, job: Job, _token?: string, signal?: AbortSignal): Promise<{ pages: number } | { skipped: string }> {
  const { ctx } = deps;
  const p = parsePayload('ingest', job.data);
  const stored = await ctx.records.get(p.jobId);
  if (!stored || isFinal(stored.record.status)) return { skipped: stored ? stored.record.status : 'deleted' };

  const startedAt = Date.now();
  if (stored.record.status === 'queued') {
    await ctx.records.transition(p.jobId, 'running', ['queued'], {
      startedAt: new Date(startedAt).toISOString(), timings: { queuedMs: startedAt - p.submittedAt },
    });
  }

  let info: IngestInfo;
  try {
    const bytes = await readJobInput(ctx.store, p.jobId, p.sha256);
    if (!bytes) throw new DocmillError('INPUT_NOT_FOUND', `The uploaded bytes of job ${p.jobId} are missing from the store.`);
    info = await ingest(new Uint8Array(bytes), { ...convertOptions(await withPassword(ctx, p.jobId, p.options)), ...ingestLimits(deps.config, stored.limits?.maxPages) });
    if (info.selected.length === 0) throw new DocmillError('USAGE_BAD_PAGES', `No page of the ${info.pageCount} matches "${p.options.pages ?? ''}".`);
  } catch (e) {
    const err = toDocmillError(e);
    if (!err.retryable || isLastAttempt(job)) {
      await finishJob(ctx, p.jobId, 'failed', { error: err.toJSON() });
      if (!err.retryable) throw unrecoverable(err);
    }
    throw err;
  }
  signal?.throwIfAborted();

  const total = info.selected.length;
  const fannedOutAt = Date.now();
  await ctx.records.update(p.jobId, {
    progress: { pagesDone: 0, pagesTotal: total },
    timings: { ...(stored.record.timings ?? {}), queuedMs: startedAt - p.submittedAt, ingestMs: fannedOutAt - startedAt },
  }, true);

  // Note: a retried ingest must not fan out twice; the assemble parent's id says it already did.
  const parentId = `${p.jobId}-assemble`;
  if (await ctx.queue('assemble').getJob(parentId)) return { pages: total };
  const family = (p.options.engine ?? 'local') === 'local' ? 'page' as const : 'vision' as const;
  // Note: fair scheduling across tenants (see the README): page j of this document gets the
  // priority (tenant's pages waiting) + j + 1, so each tenant's k-th waiting page competes with
  // every other tenant's k-th, and pages of different tenants interleave, round robin.
  const pageIds = info.selected.map((index) => `${p.jobId}-p${index}`);
  const priorities = await ctx.records.rankPages(stored.record.tenant, pageIds);
  await deps.flow!.add({
    name: 'assemble', queueName: 'assemble', prefix: ctx.prefix,
    data: checkPayload('assemble', { jobId: p.jobId, sha256: p.sha256, options: p.options, info, fannedOutAt }),
    opts: jobOptionsFor('assemble', { jobId: parentId, attempts: assembleAttempts(deps.config.DOCMILL_ASSEMBLE_RETRY_MS) }),
    children: info.selected.map((index, j) => ({
      name: family, queueName: family, prefix: ctx.prefix,
      data: checkPayload(family, { jobId: p.jobId, sha256: p.sha256, options: p.options, index, total }),
      // Note: a page job that fails for good (stalled too often) must not block the
      // document: its parent goes on and assemble keeps that page as a flagged error.
      opts: jobOptionsFor(family, { jobId: pageIds[j]!, ignoreDependencyOnFailure: true, priority: pagePriority(priorities[j]!) }),
    })),
  });
  return { pages: total };
}
