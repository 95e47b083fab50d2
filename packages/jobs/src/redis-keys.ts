/**
 * Redis key names of the job records, all under one prefix (DOCMILL_QUEUE_PREFIX,
 * shared with the BullMQ queues so that one prefix isolates one deployment or test).
 */
export function redisKeys(prefix: string) {
  const p = `${prefix}:dm`;
  return {
    job: (id: string) => `${p}:job:${id}`,
    tenantJobs: (tenant: string) => `${p}:tenant:${encodeURIComponent(tenant)}:jobs`,
    drafts: (id: string) => `${p}:drafts:${id}`,
    /** A job's PDF password while the job runs (never in queue payloads, which outlive it). */
    password: (id: string) => `${p}:password:${id}`,
    idempotency: (tenant: string, key: string) => `${p}:idem:${encodeURIComponent(tenant)}:${encodeURIComponent(key)}`,
    reuse: (tenant: string, sha256: string, optionsHash: string) => `${p}:reuse:${encodeURIComponent(tenant)}:${sha256}:${optionsHash}`,
    statusCounts: `${p}:status-counts`,
    /** Sorted set of finished job ids, scored by when they finished (ms): what sweepExpired reads. */
    finished: `${p}:finished`,
    latency: `${p}:page-latency`,
    pagesDone: `${p}:pages-done`,
    events: (id: string) => `${p}:events:${id}`,
    /** Channel on which cancel requests are broadcast to every worker. */
    cancels: `${p}:cancels`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
