import { DelayedError, WaitingError, type Job } from 'bullmq';
import { DocmillError, isDocmillError, toDocmillError, type PageDraft } from '@docmill/core';
import { failedDraft, transcribePage } from '@docmill/pipeline';
import { jobKeys } from '@docmill/store';
import { parsePayload, type Payload } from '../catalogue.js';
import { testFaultsEnabled } from '../options.js';
import { convertOptions, isLastAttempt, sleep, withPassword } from './common.js';
import type { WorkerDeps } from './deps.js';

/** Resolution of kept page images (the same as the CLI's). */
const IMAGE_DPI = 150;
/** A tenant's slot outlives its page's time limit by this much (then a killed worker's slot is free again). */
const LEASE_MARGIN_MS = 30_000;
/** How long a page whose tenant has every slot taken waits before it asks again (plus up to as much jitter). */
const SLOT_WAIT_MS = 500;

type PageOutcome = { index: number; error?: string } | { skipped: string };

/**
 * One page of a job: transcribed on a pool thread (local engine) or by a vision
 * engine with local fallback; the draft is stored under its page index (a
 * re-run overwrites it, never duplicates it) and progress is published.
 * @param job a `page` or `vision` job (payload validated here)
 * @param token the job's lock (moves it back to the queue when the worker closes mid-outage)
 * @param signal aborted when the job is canceled (the page is then skipped), or with WORKER_CLOSING
 *   when the worker closes while the page waits for a model server (it goes back to the queue)
 * A failure is thrown for the retry policy only while it is retryable and
 * attempts remain; after that the page is stored flagged 'error', so the
 * document goes on (the documented rule). Does not assemble anything.
 */
export async function processPage(deps: WorkerDeps, job: Job, token?: string, signal?: AbortSignal): Promise<PageOutcome> {
  const { ctx } = deps;
  const family = job.queueName === 'vision' ? 'vision' : 'page';
  const p = parsePayload(family, job.data);
  const stored = await ctx.records.get(p.jobId);
  const slot = String(job.id);
  if (!stored || stored.record.status !== 'running') {
    if (stored) await ctx.records.releasePage(stored.record.tenant, slot);
    return { skipped: stored ? stored.record.status : 'deleted' };
  }
  // Note: pages in flight per key. A page whose tenant has every slot taken goes back to
  // BullMQ's delayed set (not an attempt) and keeps its priority; its slot is a lease, so
  // a worker killed mid-page frees it by itself.
  const tenant = stored.record.tenant;
  const limit = stored.limits?.pagesInFlight ?? deps.config.DOCMILL_PAGES_IN_FLIGHT;
  const lease = (p.options.pageTimeoutMs ?? deps.pageTimeoutMs) + LEASE_MARGIN_MS;
  if (!(await ctx.records.acquirePage(tenant, slot, lease, limit))) {
    await job.moveToDelayed(Date.now() + SLOT_WAIT_MS + Math.floor(Math.random() * SLOT_WAIT_MS), token);
    throw new DelayedError();
  }
  try {
    return await runPage(deps, p, job, token, signal);
  } finally {
    await ctx.records.releasePage(tenant, slot).catch(() => undefined);
  }
}

async function runPage(deps: WorkerDeps, p: Payload<'page'>, job: Job, token: string | undefined, signal?: AbortSignal): Promise<PageOutcome> {
  const { ctx } = deps;

  const started = performance.now();
  let draft: PageDraft;
  let image: Uint8Array | undefined;
  try {
    if (testFaultsEnabled()) await injectFaults(p, signal);
    ({ draft, image } = await abortable(transcribe(deps, p, signal), signal));
  } catch (e) {
    if (signal?.aborted && isDocmillError(signal.reason, 'WORKER_CLOSING') && token) {
      // The worker closes while the page waits for a model server: back to the queue, in its place
      // (BullMQ keeps its priority), no attempt spent; another worker takes it.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    if (signal?.aborted) return { skipped: 'canceled' };
    const err = toDocmillError(e);
    if (err.retryable && !isLastAttempt(job)) throw err;
    draft = failedDraft(p.index, { width: 0, height: 0 }, err, err.code === 'DOCMILL_ERR_PAGE_TIMEOUT' ? ['timeout'] : []);
  }
  // Note: the image goes before the draft (the draft's outbox event says the page is done, so
  // assemble and readers may look for it at once); when the job turned out gone or no longer
  // running, the image is taken back, so a deleted job gets no stray image.
  const imageKey = jobKeys(p.jobId).pageImage(p.index);
  if (image) await ctx.store.put(imageKey, Buffer.from(image), 'image/png');
  const done = await ctx.records.savePage(p.jobId, p.index, JSON.stringify(draft), performance.now() - started);
  if (done < 0) {
    if (image) await ctx.store.delete(imageKey);
    return { skipped: 'no longer running' };
  }
  return { index: p.index, ...(draft.error ? { error: draft.error.code } : {}) };
}

async function transcribe(deps: WorkerDeps, p: Payload<'page'>, signal?: AbortSignal): Promise<{ draft: PageDraft; image?: Uint8Array }> {
  const input = await deps.inputs.get(p.sha256, p.jobId);
  if (!input) throw new DocmillError('INPUT_NOT_FOUND', `The input of job ${p.jobId} is missing from the store.`);
  if (!deps.pool) throw new DocmillError('INTERNAL', 'This worker has no page pool.');
  const engineName = p.options.engine ?? 'local';
  // Note: the same page path as the in-process runner (transcribePage), so both give the same pages;
  // retryable failures go to the retry policy instead of flagging the page. A worker without the
  // page's vision engine gets ENGINE_NOT_CONFIGURED from it.
  const { draft, image } = await transcribePage({
    pool: deps.pool,
    doc: { id: p.sha256, bytes: input.shared },
    bytes: () => input.bytes,
    opts: convertOptions(await withPassword(deps.ctx, p.jobId, p.options)),
    timeoutMs: p.options.pageTimeoutMs ?? deps.pageTimeoutMs,
    imageDpi: IMAGE_DPI,
    ...(engineName !== 'local' && deps.vision ? { vision: deps.vision(engineName) } : {}),
    ...(signal ? { signal } : {}),
    throwRetryable: true,
  }, p.index);
  return { draft, ...(image ? { image: new Uint8Array(image) } : {}) };
}

/** Test-only faults (DOCMILL_TEST=1): a delay before each page, and pages that always throw a retryable error. */
async function injectFaults(p: Payload<'page'>, signal?: AbortSignal): Promise<void> {
  if (p.options._pageDelayMs) await sleep(p.options._pageDelayMs, signal);
  if (p.options._faultPages?.includes(p.index)) {
    throw new DocmillError('PAGE_FAILED', `Injected fault on page ${p.index + 1} (test option _faultPages).`);
  }
}

/** Rejects as soon as the signal aborts (the pool task itself runs to its end on its thread). */
function abortable<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
