import type { Redis } from 'ioredis';
import type { PlainError } from '@docmill/core';
import { redisKeys, type RedisKeys } from './redis-keys.js';
import { SecretBox } from './secrets.js';
import { FINAL_STATUSES, type JobEvent, type JobRecord, type JobStatus, type ListOptions } from './types.js';

/** Sets status (and fields) only when the current status is one of the allowed ones; keeps counts per status. */
const TRANSITION = `
local cur = redis.call('HGET', KEYS[1], 'status')
if not cur then return -1 end
local ok = false
for s in string.gmatch(ARGV[2], '[^,]+') do if s == cur then ok = true end end
if not ok then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if cur ~= ARGV[1] then
  redis.call('HINCRBY', KEYS[2], cur, -1)
  redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
end
return 1`;

/** Sets fields of an existing record only (never resurrects a deleted job). */
const UPDATE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1`;

/**
 * Stores one page draft (overwriting an earlier attempt of the same page) and
 * returns how many distinct pages are done, or -1 when the job is gone.
 */
const SAVE_PAGE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
local n = redis.call('HLEN', KEYS[2])
redis.call('HSET', KEYS[1], 'pagesDone', n)
redis.call('INCR', KEYS[3])
redis.call('LPUSH', KEYS[4], ARGV[3])
redis.call('LTRIM', KEYS[4], 0, 999)
return n`;

/** What a record holds besides the public JobRecord. */
export interface StoredJob {
  record: JobRecord;
  callback?: { url: string; secret: string };
  optionsHash: string;
  /** Epoch ms of submission. */
  submittedAtMs: number;
  /**
   * The job was submitted with a PDF password. Its result is never offered for
   * reuse: a later request for the same bytes has not proved it knows the password.
   */
  protected?: boolean;
}

const JSON_FIELDS = ['options', 'error', 'degraded', 'reused', 'timings', 'usage', 'failedPages', 'callback'] as const;

/** Longest a PDF password is kept (a job that never ends must not keep it forever). */
const PASSWORD_TTL_S = 14 * 24 * 3600;

/**
 * Job records in Redis: a hash per job, a sorted set per tenant (ids sort by
 * time, so the set is ordered lexicographically and pages by id cursors), and
 * a pub/sub channel per job for events. Survives worker restarts; with AOF,
 * Redis restarts. Does not talk to BullMQ.
 */
export class JobRecords {
  readonly keys: RedisKeys;

  /**
   * @param redis a connection for commands (not one in subscriber mode)
   * @param prefix the deployment prefix (DOCMILL_QUEUE_PREFIX)
   * @param secrets seals PDF passwords at rest (DOCMILL_SECRET_KEY)
   */
  constructor(readonly redis: Redis, prefix: string, readonly secrets: SecretBox = new SecretBox(undefined)) {
    this.keys = redisKeys(prefix);
  }

  async create(job: StoredJob): Promise<void> {
    const r = job.record;
    await this.redis.multi()
      .hset(this.keys.job(r.id), encode({ ...r, callback: job.callback, optionsHash: job.optionsHash, submittedAtMs: job.submittedAtMs, ...(job.protected ? { protected: '1' } : {}) }))
      .zadd(this.keys.tenantJobs(r.tenant), 0, r.id)
      .hincrby(this.keys.statusCounts, r.status, 1)
      .exec();
  }

  async get(id: string): Promise<StoredJob | undefined> {
    const h = await this.redis.hgetall(this.keys.job(id));
    if (!h.id) return undefined;
    return decode(h);
  }

  /** The public record of a tenant's job, or undefined (also for another tenant's job). */
  async getFor(tenant: string, id: string): Promise<StoredJob | undefined> {
    const job = await this.get(id);
    return job && job.record.tenant === tenant ? job : undefined;
  }

  /**
   * Moves a job to a status when its current status is one of `from`.
   * @returns true when applied, false when the job is gone or in another status
   */
  async transition(id: string, to: JobStatus, from: readonly JobStatus[], fields: Partial<Record<string, unknown>> = {}): Promise<boolean> {
    const args = Object.entries(encode(fields)).flat();
    const res = await this.redis.eval(TRANSITION, 2, this.keys.job(id), this.keys.statusCounts, to, from.join(','), ...args);
    return res === 1;
  }

  /** Sets fields of an existing job (no-op when it was deleted). */
  async update(id: string, fields: Partial<Record<string, unknown>>): Promise<boolean> {
    const args = Object.entries(encode(fields)).flat();
    if (args.length === 0) return true;
    return (await this.redis.eval(UPDATE, 1, this.keys.job(id), ...args)) === 1;
  }

  /**
   * Saves one page's draft under its index (re-running a page overwrites it) and counts pages done.
   * @returns pages done, or -1 when the job no longer exists
   */
  async savePage(id: string, index: number, draftJson: string, latencyMs: number): Promise<number> {
    const n = await this.redis.eval(SAVE_PAGE, 4, this.keys.job(id), this.keys.drafts(id), this.keys.pagesDone, this.keys.latency,
      String(index), draftJson, String(Math.round(latencyMs)));
    return Number(n);
  }

  /** Every stored draft of a job, by page index. */
  async drafts(id: string): Promise<Map<number, string>> {
    const h = await this.redis.hgetall(this.keys.drafts(id));
    return new Map(Object.entries(h).map(([k, v]) => [Number(k), v]));
  }

  async dropDrafts(id: string): Promise<void> {
    await this.redis.del(this.keys.drafts(id));
  }

  /** A tenant's jobs, newest first, `limit` at a time; `cursor` is the last id of the previous page. */
  async list(tenant: string, opts: ListOptions = {}): Promise<{ jobs: JobRecord[]; nextCursor?: string }> {
    const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 20), 1), 100);
    const key = this.keys.tenantJobs(tenant);
    const jobs: JobRecord[] = [];
    let from = opts.cursor ? `(${opts.cursor}` : '+';
    let more = true;
    while (jobs.length <= limit && more) {
      const ids = await this.redis.zrevrangebylex(key, from, '-', 'LIMIT', 0, Math.max(limit * 2, 50));
      more = ids.length > 0;
      // One round trip per batch, not per job.
      const pipe = this.redis.pipeline();
      for (const id of ids) pipe.hgetall(this.keys.job(id));
      const rows = (await pipe.exec()) ?? [];
      for (const [i, id] of ids.entries()) {
        from = `(${id}`;
        const h = rows[i]?.[1] as Record<string, string> | undefined;
        const job = h?.id ? decode(h) : undefined;
        if (!job) continue;
        if (opts.status && job.record.status !== opts.status) continue;
        jobs.push(job.record);
        if (jobs.length > limit) break;
      }
    }
    if (jobs.length > limit) {
      jobs.length = limit;
      return { jobs, nextCursor: jobs[limit - 1]!.id };
    }
    return { jobs };
  }

  /**
   * Keeps a job's PDF password apart from its payloads (BullMQ keeps finished
   * and failed jobs' data for hours to days) until the job ends, 14 days at most.
   */
  async setPassword(id: string, password: string): Promise<void> {
    await this.redis.set(this.keys.password(id), this.secrets.seal(password, id), 'EX', PASSWORD_TTL_S);
  }

  /** The job's PDF password, if it has one and has not ended (opened with DOCMILL_SECRET_KEY when sealed). */
  async password(id: string): Promise<string | undefined> {
    const stored = await this.redis.get(this.keys.password(id));
    return stored === null ? undefined : this.secrets.open(stored, id);
  }

  /** Removes the record, its drafts, its password and its listing entry; leaves results in the store alone. */
  async delete(job: StoredJob): Promise<void> {
    const r = job.record;
    await this.redis.multi()
      .del(this.keys.job(r.id))
      .del(this.keys.drafts(r.id))
      .del(this.keys.password(r.id))
      .zrem(this.keys.tenantJobs(r.tenant), r.id)
      .hincrby(this.keys.statusCounts, r.status, -1)
      .exec();
  }

  async publish(id: string, event: JobEvent): Promise<void> {
    await this.redis.publish(this.keys.events(id), JSON.stringify(event));
  }

  async statusCounts(): Promise<Record<JobStatus, number>> {
    const h = await this.redis.hgetall(this.keys.statusCounts);
    const out = { queued: 0, running: 0, succeeded: 0, failed: 0, canceled: 0 } as Record<JobStatus, number>;
    for (const s of Object.keys(out) as JobStatus[]) out[s] = Math.max(0, Number(h[s] ?? 0));
    return out;
  }
}

export function isFinal(status: JobStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

function encode(obj: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (k === 'progress') {
      const p = v as JobRecord['progress'];
      out.pagesDone = String(p.pagesDone);
      out.pagesTotal = String(p.pagesTotal);
    } else if ((JSON_FIELDS as readonly string[]).includes(k)) out[k] = JSON.stringify(v);
    else out[k] = String(v);
  }
  return out;
}

function decode(h: Record<string, string>): StoredJob {
  const json = <T>(k: string): T | undefined => (h[k] ? (JSON.parse(h[k]!) as T) : undefined);
  const record: JobRecord = {
    id: h.id!,
    tenant: h.tenant!,
    status: h.status as JobStatus,
    createdAt: h.createdAt!,
    ...(h.startedAt ? { startedAt: h.startedAt } : {}),
    ...(h.finishedAt ? { finishedAt: h.finishedAt } : {}),
    progress: { pagesDone: Number(h.pagesDone ?? 0), pagesTotal: Number(h.pagesTotal ?? 0) },
    sha256: h.sha256!,
    ...(h.filename ? { filename: h.filename } : {}),
    options: json<JobRecord['options']>('options') ?? {},
    engine: (h.engine ?? 'local') as JobRecord['engine'],
    ...(h.error ? { error: json<PlainError>('error')! } : {}),
    ...(h.degraded ? { degraded: json<NonNullable<JobRecord['degraded']>>('degraded')! } : {}),
    ...(h.reused ? { reused: json<NonNullable<JobRecord['reused']>>('reused')! } : {}),
    timings: json<JobRecord['timings']>('timings') ?? {},
    ...(h.usage ? { usage: json<NonNullable<JobRecord['usage']>>('usage')! } : {}),
    ...(h.failedPages ? { failedPages: json<number[]>('failedPages')! } : {}),
  };
  const callback = json<{ url: string; secret: string }>('callback');
  return { record, ...(callback ? { callback } : {}), optionsHash: h.optionsHash ?? '', submittedAtMs: Number(h.submittedAtMs ?? 0), ...(h.protected === '1' ? { protected: true } : {}) };
}
