import type { JobContext } from './context.js';
import type { JobRecord, JobStatus } from './types.js';

/**
 * Moves a job to a final status, once, in one Lua step (lua/transitionJob-7.lua)
 * with its effects in Redis: finished index, password and drafts dropped, reuse
 * pointer for a success, and the outbox event from which webhooks, the search
 * index and event streams follow. A failure of this call leaves nothing half done.
 * @param ctx shared context
 * @param id job id
 * @param to the final status
 * @param fields record fields to set with it (finishedAt and totalMs are added)
 * @returns the final record, or undefined when the job was already final or is gone
 * Does not write to the store (the caller writes results first).
 */
export async function finishJob(ctx: JobContext, id: string, to: Extract<JobStatus, 'succeeded' | 'failed' | 'canceled'>, fields: Partial<JobRecord> = {}): Promise<JobRecord | undefined> {
  const before = await ctx.records.get(id);
  if (!before) return undefined;
  const finishedAt = new Date();
  const totalMs = before.submittedAtMs ? finishedAt.getTime() - before.submittedAtMs : undefined;
  const timings = { ...before.record.timings, ...(fields.timings ?? {}), ...(totalMs !== undefined ? { totalMs } : {}) };
  const r = before.record;
  const applied = await ctx.records.transition(id, to, ['queued', 'running'], { ...fields, timings, finishedAt: finishedAt.toISOString() },
    ctx.records.keys.reuse(r.tenant, r.sha256, before.optionsHash));
  if (!applied) return undefined;
  return (await ctx.records.get(id))?.record;
}
