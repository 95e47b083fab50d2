import type { SearchIndex } from '@docmill/ask';
import { readChunks, type JobContext } from './context.js';
import type { OutboxEvent } from './outbox.js';
import { isFinal } from './records.js';

/**
 * The effects of lifecycle events, each applied by its own outbox consumer group
 * (see OutboxConsumer): at least once, so each is idempotent.
 */

/**
 * Queues the ingest step of a job that is still queued. The API queues it right
 * after creating the job; this relay is what queues it when the API died (or
 * Redis failed) between the two. BullMQ's jobId (the job id) makes a second add a no-op.
 */
export function ingestRelay(ctx: JobContext): (ev: OutboxEvent) => Promise<void> {
  return async (ev) => {
    if (ev.type !== 'status' || ev.status !== 'queued') return;
    const job = await ctx.records.get(ev.job);
    if (!job || job.record.status !== 'queued') return;
    await ctx.enqueue('ingest', {
      jobId: job.record.id, tenant: job.record.tenant, sha256: job.record.sha256,
      options: job.payloadOptions ?? job.record.options, submittedAt: job.submittedAtMs,
    }, { jobId: job.record.id });
  };
}

/**
 * Queues the webhook delivery of a finished job that has a callback, once per job:
 * its BullMQ id (`<job>-webhook`) is the delivery id every retry carries.
 */
export function webhookRelay(ctx: JobContext): (ev: OutboxEvent) => Promise<void> {
  return async (ev) => {
    if (ev.type !== 'status' || !isFinal(ev.status)) return;
    const job = await ctx.records.get(ev.job);
    if (!job?.callback || !isFinal(job.record.status)) return;
    const status = job.record.status as 'succeeded' | 'failed' | 'canceled';
    await ctx.enqueue('webhook', {
      jobId: job.record.id, tenant: job.record.tenant, url: job.callback.url, event: `job.${status}`, body: JSON.stringify(job.record),
    }, { jobId: `${job.record.id}-webhook` });
  };
}

/**
 * Keeps the search index in step with the jobs: a succeeded job's chunks
 * (chunks.jsonl, written by assemble) are indexed, a deleted job's removed.
 * The only writer of the index.
 */
export function searchRelay(ctx: JobContext, index: SearchIndex): (ev: OutboxEvent) => Promise<void> {
  return async (ev) => {
    if (ev.type === 'deleted') return index.remove(ev.tenant, ev.job);
    if (ev.type !== 'status' || ev.status !== 'succeeded') return;
    const job = await ctx.records.get(ev.job);
    if (!job || job.record.status !== 'succeeded') return;
    await index.add(ev.tenant, ev.job, (await readChunks(ctx.store, ev.job)) ?? []);
    // Note: a job deleted while it was being indexed leaves no postings behind.
    if (!(await ctx.records.get(ev.job))) await index.remove(ev.tenant, ev.job);
  };
}
