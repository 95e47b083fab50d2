import type { Redis } from 'ioredis';
import type { PlainError } from '@docmill/core';
import { redisKeys, type RedisKeys } from './redis-keys.js';
import { withJobCommands, type JobCommands } from './scripts.js';
import type { JobOptions } from './options.js';
import { SecretBox } from './secrets.js';
import { FINAL_STATUSES, type JobRecord, type JobStatus, type ListOptions } from './types.js';

/** Entries the outbox keeps (approximately): enough for consumers that were away for a while. */
export const OUTBOX_MAXLEN = 100_000;

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
  /** The options the ingest step is queued with (no password; test-only fields kept). */
  payloadOptions?: Omit<JobOptions, 'password'>;
  /** Quotas of the API key that submitted the job (unset: the server's defaults). */
  limits?: JobLimits;
}

/** Per-key quotas a job carries from its submission to its workers. */
export interface JobLimits {
  /** Pages per document (DOCMILL_MAX_PAGES for this key). */
  maxPages?: number;
  /** Pages of the tenant running at once (DOCMILL_PAGES_IN_FLIGHT for this key; 0 = no limit). */
  pagesInFlight?: number;
}

/** How long a tenant's waiting-page entry counts at most (BullMQ keeps failed payloads 7 days). */
const WAITING_HORIZON_MS = 7 * 24 * 3600 * 1000;

/** How create() went: written, or an idempotency key already names an existing job. */
export type CreateOutcome = { created: true } | { created: false; earlierId: string; fingerprint?: string };

const JSON_FIELDS = ['options', 'error', 'degraded', 'reused', 'timings', 'usage', 'failedPages', 'reviewPages', 'callback', 'payloadOptions', 'limits'] as const;

/**
 * Longest a PDF password is kept (create() keeps it apart from the payloads, which BullMQ
 * keeps for hours to days; the final transition drops it).
 * Note: a job that never ends must not keep it forever either.
 */
const PASSWORD_TTL_S = 14 * 24 * 3600;

/**
 * Job records in Redis: a hash per job, a sorted set per tenant (ids sort by
 * time, so the set is ordered lexicographically and pages by id cursors), and
 * the outbox stream of lifecycle events. Every change of a job is one Lua step
 * (src/lua/*.lua) that writes the record, its indexes and the outbox event
 * together. Survives worker restarts; with AOF, Redis restarts. Does not talk to BullMQ.
 */
export class JobRecords {
  readonly keys: RedisKeys;
  readonly #cmd: Redis & JobCommands;

  /**
   * @param redis a connection for commands (not one in subscriber mode)
   * @param prefix the deployment prefix (DOCMILL_QUEUE_PREFIX)
   * @param secrets seals PDF passwords at rest (DOCMILL_SECRET_KEY)
   */
  constructor(readonly redis: Redis, prefix: string, readonly secrets: SecretBox = new SecretBox(undefined)) {
    this.keys = redisKeys(prefix);
    this.#cmd = withJobCommands(redis);
  }

  /**
   * Writes a new job in one step: record, listing, count, sealed password and the outbox event
   * (a queued job's event is what the ingest relay queues its ingest step from).
   * @param job the job (status queued, or succeeded for a reused result)
   * @param opts.idempotency claims the tenant's key for this job, unless it names a job that still exists
   * @param opts.password the PDF password, sealed here
   */
  async create(job: StoredJob, opts: { idempotency?: { key: string; ttlS: number; fingerprint: string }; password?: string } = {}): Promise<CreateOutcome> {
    const r = job.record;
    const { status: _s, ...rest } = r;
    const fields = encode({
      ...rest, callback: job.callback, optionsHash: job.optionsHash, submittedAtMs: job.submittedAtMs,
      ...(job.protected ? { protected: '1' } : {}), ...(job.payloadOptions ? { payloadOptions: job.payloadOptions } : {}),
      ...(job.limits ? { limits: job.limits } : {}),
    });
    const idem = opts.idempotency;
    const k = this.keys;
    const [created, held] = await this.#cmd.createJob(
      k.job(r.id), k.tenantJobs(r.tenant), k.statusCounts, idem ? k.idempotency(r.tenant, idem.key) : k.job(r.id), k.password(r.id), k.finished, k.outbox,
      r.id, Date.now(), idem ? idem.ttlS : '', idem ? `${r.id}|${idem.fingerprint}` : '', k.jobPrefix,
      opts.password !== undefined ? this.secrets.seal(opts.password, r.id) : '', PASSWORD_TTL_S, OUTBOX_MAXLEN, r.status, r.tenant,
      ...Object.entries(fields).flat(),
    );
    if (created === 1) return { created: true };
    const [earlierId = '', fingerprint] = held.split('|');
    return { created: false, earlierId, ...(fingerprint ? { fingerprint } : {}) };
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
   * Moves a job to a status when its current status is one of `from`, in one step with
   * its indexes and outbox event (see lua/transitionJob-7.lua).
   * @param reuseKey the job's reuse pointer, written when it succeeds (not degraded, not protected)
   * @returns true when applied, false when the job is gone or in another status
   */
  async transition(id: string, to: JobStatus, from: readonly JobStatus[], fields: Partial<Record<string, unknown>> = {}, reuseKey?: string): Promise<boolean> {
    const k = this.keys;
    const res = await this.#cmd.transitionJob(
      k.job(id), k.statusCounts, k.finished, k.password(id), reuseKey ?? k.job(id), k.outbox, k.drafts(id),
      to, from.join(','), Date.now(), OUTBOX_MAXLEN, id, reuseKey ? '1' : '', ...Object.entries(encode(fields)).flat(),
    );
    return res === 1;
  }

  /**
   * Sets fields of an existing job (no-op when it was deleted).
   * @param progress also publish the job's progress in the outbox
   */
  async update(id: string, fields: Partial<Record<string, unknown>>, progress = false): Promise<boolean> {
    const args = Object.entries(encode(fields)).flat();
    if (args.length === 0 && !progress) return true;
    return (await this.#cmd.updateJob(this.keys.job(id), this.keys.outbox, OUTBOX_MAXLEN, progress ? '1' : '', id, ...args)) === 1;
  }

  /**
   * Saves one page's draft under its index (re-running a page overwrites it) and counts pages done.
   * @returns pages done, or -1 when the job no longer exists or no longer runs (canceled, failed)
   */
  async savePage(id: string, index: number, draftJson: string, latencyMs: number): Promise<number> {
    const k = this.keys;
    return Number(await this.#cmd.savePage(k.job(id), k.drafts(id), k.pagesDone, k.latency, k.outbox, index, draftJson, Math.round(latencyMs), OUTBOX_MAXLEN, id, PASSWORD_TTL_S));
  }

  /**
   * Puts a document's page jobs in line behind the tenant's pages still waiting (see lua/rankPages-1.lua).
   * @param tenant the owner
   * @param pageJobIds the document's page job ids, in the order they should run
   * @returns the priority of each page (BullMQ: lower first): the tenant's waiting pages + its place + 1
   */
  async rankPages(tenant: string, pageJobIds: readonly string[]): Promise<number[]> {
    const base = Number(await this.#cmd.rankPages(this.keys.tenantWaiting(tenant), Date.now(), WAITING_HORIZON_MS, Math.ceil(WAITING_HORIZON_MS / 1000), ...pageJobIds));
    return pageJobIds.map((_, j) => base + j + 1);
  }

  /**
   * Takes a slot of the tenant's pages in flight for a page job (a lease of `leaseMs`).
   * @param limit the tenant's slots (0 = no limit: the slot is still recorded)
   * @returns false when every slot is taken (the page should wait and try again)
   */
  async acquirePage(tenant: string, pageJobId: string, leaseMs: number, limit: number): Promise<boolean> {
    const k = this.keys;
    return Number(await this.#cmd.acquirePage(k.tenantInFlight(tenant), k.tenantWaiting(tenant), pageJobId, Date.now(), Math.max(1, Math.round(leaseMs)), limit)) === 1;
  }

  /** Gives back a page's slot and takes it out of the tenant's waiting pages (a page that ended or was skipped or removed). */
  async releasePage(tenant: string, ...pageJobIds: string[]): Promise<void> {
    if (pageJobIds.length === 0) return;
    await this.redis.multi().zrem(this.keys.tenantInFlight(tenant), ...pageJobIds).zrem(this.keys.tenantWaiting(tenant), ...pageJobIds).exec();
  }

  /** Every stored draft of a job, by page index. */
  async drafts(id: string): Promise<Map<number, string>> {
    const h = await this.redis.hgetall(this.keys.drafts(id));
    return new Map(Object.entries(h).map(([k, v]) => [Number(k), v]));
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

  /** The job's PDF password, if it has one and has not ended (opened with DOCMILL_SECRET_KEY when sealed). */
  async password(id: string): Promise<string | undefined> {
    const stored = await this.redis.get(this.keys.password(id));
    return stored === null ? undefined : this.secrets.open(stored, id);
  }

  /**
   * Removes the record and everything Redis keeps for it (drafts, password, listing entry,
   * count, finished entry, its reuse pointer) in one step, with a `deleted` outbox event.
   * Leaves results in the store and queue payloads alone.
   * @returns false when there was no such job
   */
  async delete(job: StoredJob): Promise<boolean> {
    const r = job.record;
    const k = this.keys;
    return (await this.#cmd.deleteJob(
      k.job(r.id), k.drafts(r.id), k.password(r.id), k.tenantJobs(r.tenant), k.statusCounts, k.finished,
      k.reuse(r.tenant, r.sha256, job.optionsHash), k.outbox, r.id, OUTBOX_MAXLEN,
    )) === 1;
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
    ...(h.reviewPages ? { reviewPages: json<number[]>('reviewPages')! } : {}),
  };
  const callback = json<{ url: string; secret: string }>('callback');
  const payloadOptions = json<StoredJob['payloadOptions']>('payloadOptions');
  const limits = json<JobLimits>('limits');
  return {
    record, ...(callback ? { callback } : {}), optionsHash: h.optionsHash ?? '', submittedAtMs: Number(h.submittedAtMs ?? 0),
    ...(h.protected === '1' ? { protected: true } : {}), ...(payloadOptions ? { payloadOptions } : {}),
    ...(limits ? { limits } : {}),
  };
}
