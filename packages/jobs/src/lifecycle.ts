import type { JobContext } from './context.js';
import type { StoredJob } from './records.js';
import type { JobRecord, JobStatus } from './types.js';

/**
 * Moves a job to a final status, once: publishes the status event, remembers a
 * success for content addressing, and enqueues the webhook delivery.
 * @param ctx shared context
 * @param id job id
 * @param to the final status
 * @param fields record fields to set with it (finishedAt is added)
 * @returns the final record, or undefined when the job was already final or is gone
 * Does not write to the store (the caller writes results first).
 */
export async function finishJob(ctx: JobContext, id: string, to: Extract<JobStatus, 'succeeded' | 'failed' | 'canceled'>, fields: Partial<JobRecord> = {}): Promise<JobRecord | undefined> {
  const before = await ctx.records.get(id);
  if (!before) return undefined;
  const finishedAt = new Date();
  const totalMs = before.submittedAtMs ? finishedAt.getTime() - before.submittedAtMs : undefined;
  const timings = { ...before.record.timings, ...(fields.timings ?? {}), ...(totalMs !== undefined ? { totalMs } : {}) };
  const applied = await ctx.records.transition(id, to, ['queued', 'running'], { ...fields, timings, finishedAt: finishedAt.toISOString() });
  if (!applied) return undefined;
  const after = await ctx.records.get(id);
  if (!after) return undefined;
  await announce(ctx, after);
  return after.record;
}

/** Publishes the status event, records the reuse pointer for successes, enqueues the webhook; files the job under finished jobs (sweepExpired). */
export async function announce(ctx: JobContext, job: StoredJob): Promise<void> {
  const r = job.record;
  await ctx.redis.zadd(ctx.records.keys.finished, r.finishedAt ? Date.parse(r.finishedAt) : Date.now(), r.id);
  await ctx.redis.del(ctx.records.keys.password(r.id));
  await ctx.records.publish(r.id, { type: 'status', job: r });
  // Note: a job submitted with a password never becomes a reuse source (see StoredJob.protected).
  if (r.status === 'succeeded' && !r.degraded && !job.protected) {
    await ctx.redis.set(ctx.records.keys.reuse(r.tenant, r.sha256, job.optionsHash), r.id);
  }
  if (job.callback && (r.status === 'succeeded' || r.status === 'failed' || r.status === 'canceled')) {
    await ctx.enqueue('webhook', { jobId: r.id, tenant: r.tenant, url: job.callback.url, event: `job.${r.status}`, body: JSON.stringify(r) });
  }
}
