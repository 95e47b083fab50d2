/**
 * Redis key names of the job records, all under one prefix (DOCMILL_QUEUE_PREFIX,
 * shared with the BullMQ queues so that one prefix isolates one deployment or test).
 */
export function redisKeys(prefix: string) {
  const p = `${prefix}:dm`;
  return {
    /** Prefix of every job hash (the Lua scripts build a job's key from it). */
    jobPrefix: `${p}:job:`,
    job: (id: string) => `${p}:job:${id}`,
    tenantJobs: (tenant: string) => `${p}:tenant:${encodeURIComponent(tenant)}:jobs`,
    drafts: (id: string) => `${p}:drafts:${id}`,
    /** A job's PDF password while the job runs (sealed; never in queue payloads, which outlive it). */
    password: (id: string) => `${p}:password:${id}`,
    idempotency: (tenant: string, key: string) => `${p}:idem:${encodeURIComponent(tenant)}:${encodeURIComponent(key)}`,
    reuse: (tenant: string, sha256: string, optionsHash: string) => `${p}:reuse:${encodeURIComponent(tenant)}:${sha256}:${optionsHash}`,
    /** A tenant's page jobs queued and not started yet (fair scheduling, see lua/rankPages-1.lua). */
    tenantWaiting: (tenant: string) => `${p}:tenant:${encodeURIComponent(tenant)}:pages-waiting`,
    /** A tenant's pages running now, as leases (pages in flight per key, see lua/acquirePage-2.lua). */
    tenantInFlight: (tenant: string) => `${p}:tenant:${encodeURIComponent(tenant)}:pages-in-flight`,
    statusCounts: `${p}:status-counts`,
    /** Sorted set of finished job ids, scored by when they finished (ms): what sweepExpired reads. */
    finished: `${p}:finished`,
    latency: `${p}:page-latency`,
    pagesDone: `${p}:pages-done`,
    /**
     * The outbox: a stream of every lifecycle event (status changes, progress,
     * deletions), written by the same Lua step as the change itself. The ingest
     * relay, webhooks, the search index and event streams read it, each with its own cursor.
     */
    outbox: `${p}:outbox`,
    /** Channel on which cancel requests are broadcast to every worker. */
    cancels: `${p}:cancels`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
