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
    if (ev.type === 'status' && ev.status === 'succeeded') await indexJob(ctx, index, ev.tenant, ev.job);
  };
}

/**
 * Moves an index of the previous layout (v2) to this one: each job it held that
 * is still a succeeded job of its tenant is indexed again from its chunks.jsonl,
 * then the tenant's v2 keys are deleted. Run by the search relay's processes
 * when they start; a second process doing the same meanwhile changes nothing
 * (a job indexed already is left as it is).
 * @returns the jobs indexed again
 */
export async function backfillSearch(ctx: JobContext, index: SearchIndex): Promise<number> {
  let moved = 0;
  for (const { tenant, jobIds } of await index.previousLayout()) {
    for (const id of jobIds) if (await indexJob(ctx, index, tenant, id)) moved++;
    await index.dropPrevious(tenant);
  }
  return moved;
}

/** Indexes a succeeded job's chunks; false when the job is gone, of another tenant or not succeeded. */
async function indexJob(ctx: JobContext, index: SearchIndex, tenant: string, id: string): Promise<boolean> {
  const job = await ctx.records.get(id);
  if (!job || job.record.status !== 'succeeded' || job.record.tenant !== tenant) return false;
  await index.add(tenant, id, (await readChunks(ctx.store, id)) ?? []);
  // Note: a job deleted while it was being indexed leaves no postings behind.
  if (!(await ctx.records.get(id))) await index.remove(tenant, id);
  return true;
}
