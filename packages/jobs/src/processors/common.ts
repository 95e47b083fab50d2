import type { Job } from 'bullmq';
import type { Config } from '@docmill/core';
import type { ConvertOptions } from '@docmill/pipeline';
import { inputKey, jobKeys, type Store } from '@docmill/store';
import type { JobContext } from '../context.js';
import type { JobOptions } from '../options.js';

/** True when this attempt is the job's last (the retry policy will not run it again). */
export function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** The pipeline's options for a job's options: test-only fields dropped, limits from the config. */
export function convertOptions(opts: JobOptions): ConvertOptions {
  const { _faultPages: _f, _pageDelayMs: _d, ...rest } = opts;
  return rest;
}

/**
 * Byte and page limits for ingest, from the worker's configuration.
 * @param c the worker's configuration (DOCMILL_MAX_BYTES, DOCMILL_MAX_PAGES)
 * @param maxPages the submitting key's page limit, instead of DOCMILL_MAX_PAGES
 */
export function ingestLimits(c: Pick<Config, 'DOCMILL_MAX_BYTES' | 'DOCMILL_MAX_PAGES'>, maxPages?: number): Pick<ConvertOptions, 'maxBytes' | 'maxPages'> {
  return { maxBytes: c.DOCMILL_MAX_BYTES, maxPages: maxPages ?? c.DOCMILL_MAX_PAGES };
}

/** Waits, or rejects when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(signal!.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The job's options with its PDF password, which payloads never carry (see JobRecords.setPassword). */
export async function withPassword(ctx: JobContext, jobId: string, options: JobOptions): Promise<JobOptions> {
  const password = await ctx.records.password(jobId);
  return password === undefined ? options : { ...options, password };
}

/**
 * A job's uploaded bytes: its own copy (jobs/<id>/input), else where versions
 * before it kept uploads, shared by content (inputs/<sha256>), for jobs queued then.
 */
export async function readJobInput(store: Store, jobId: string, sha256: string): Promise<Buffer | undefined> {
  return (await store.get(jobKeys(jobId).input)) ?? (await store.get(inputKey(sha256)));
}
