import type { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { DocmillError, Semaphore, isDocmillError, optionsHash as resultFingerprint, toDocmillError, createLogger, sha256 as hashBytes, stableHash, type Config, type DocumentResult, type Logger, type PageResult } from '@docmill/core';
import { jobKeys, type Store } from '@docmill/store';
import { FAIL_FAST, JobContext, connectRedis, redisOptions, searchIndexOf } from './context.js';
import { QueueEvents } from 'bullmq';
import type { Answer, SearchIndex } from '@docmill/ask';
import type { AnswerOutcome } from './processors/answer.js';
import { newJobId, isJobId, jobIdTime } from './ids.js';
import { finishJob } from './lifecycle.js';
import { OutboxTail, type OutboxEvent } from './outbox.js';
import { JobOptionsSchema, publicOptions, type JobOptions } from './options.js';
import { isFinal, type CreateOutcome, type StoredJob } from './records.js';
import { copyResult } from './results.js';
import { SecretBox } from './secrets.js';
import { readJobInput } from './processors/common.js';
import type { JobEvent, JobMetrics, JobRecord, ListOptions, StagedInput, SubmitRequest } from './types.js';
import { QUEUE_FAMILIES, checkPayload, jobOptionsFor, type QueueFamily } from './catalogue.js';

export interface JobServiceOptions {
  /** redis://host:port/db (DOCMILL_REDIS_URL). */
  redisUrl: string;
  store: Store;
  /** Prefix of every Redis key and queue (DOCMILL_QUEUE_PREFIX; tests use their own). */
  prefix?: string;
  logger?: Logger;
  /** DOCMILL_SECRET_KEY: seals PDF passwords while they wait in Redis (the workers need the same key). */
  secretKey?: string;
}

const IDEMPOTENCY_TTL_S = 24 * 3600;
/** What a client is told to wait when the store cannot take an upload (Retry-After). */
const STORE_RETRY_AFTER_S = 5;
/** How many first bytes of a staged input are kept for sniffing its type. */
const STAGED_HEAD_BYTES = 64;

/**
 * The API's only entry point to the job system: submit, read, list, cancel and
 * delete jobs, read their results, follow their events.
 *
 * Every read takes the tenant: another tenant's job answers
 * DOCMILL_ERR_JOB_NOT_FOUND, exactly like a job that does not exist.
 * Does not run any stage itself: workers (startWorkers) do.
 */
/** Resolution of page images drawn on demand for review (a Letter page is 935 × 1210 px). */
const PAGE_IMAGE_DPI = 110;

export class JobService {
  readonly ctx: JobContext;
  /** Follows the outbox for event streams (one blocking read per process). */
  readonly #tail: OutboxTail;
  #closed = false;
  #answerEvents: QueueEvents | undefined;
  /** Page images drawn on demand, a few at a time (pdf.js and sharp in the API's process). */
  readonly #renders = new Semaphore(2);

  constructor(opts: JobServiceOptions) {
    const logger = opts.logger ?? createLogger('jobs');
    // Note: the API's connections fail fast while Redis is away (FAIL_FAST): a request
    // answers 503 within about two seconds instead of hanging.
    this.ctx = new JobContext(connectRedis(opts.redisUrl, FAIL_FAST), opts.redisUrl, opts.prefix ?? 'docmill', opts.store, logger, new SecretBox(opts.secretKey), FAIL_FAST);
    this.ctx.redis.on('error', (e) => logger.debug({ err: e }, 'redis error'));
    const tailRedis = connectRedis(opts.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    tailRedis.on('error', (e) => logger.debug({ err: e }, 'redis outbox tail error'));
    this.#tail = new OutboxTail(tailRedis, this.ctx.records.keys, logger);
  }

  /**
   * A service from the environment's configuration.
   * @param config loaded config (DOCMILL_REDIS_URL, DOCMILL_QUEUE_PREFIX)
   * @param store where results live (storeFromConfig(config))
   */
  static fromConfig(config: Pick<Config, 'DOCMILL_REDIS_URL' | 'DOCMILL_QUEUE_PREFIX' | 'DOCMILL_SECRET_KEY'>, store: Store, logger?: Logger): JobService {
    if (!config.DOCMILL_SECRET_KEY) (logger ?? createLogger('jobs')).warn('DOCMILL_SECRET_KEY is not set: PDF passwords wait in Redis (and its AOF) in clear until their job ends');
    return new JobService({
      redisUrl: config.DOCMILL_REDIS_URL, prefix: config.DOCMILL_QUEUE_PREFIX, store,
      ...(config.DOCMILL_SECRET_KEY ? { secretKey: config.DOCMILL_SECRET_KEY } : {}), ...(logger ? { logger } : {}),
    });
  }

  /**
   * The deployment's search index (what the workers' search relay writes), for the API's search.
   * @param searchRedisUrl DOCMILL_SEARCH_REDIS_URL (default this service's Redis)
   * The caller closes it. Hits' snippets are cut from the jobs' chunks in the store.
   */
  searchIndex(searchRedisUrl?: string): SearchIndex {
    return searchIndexOf(this.ctx, searchRedisUrl);
  }

  /**
   * Creates a job for the bytes and enqueues its ingest step.
   * @param req tenant, bytes, options (validated here), optional callback and idempotency key
   * @returns the new job; with an idempotency key seen before, the earlier job; when the same tenant
   *   already converted the same bytes with the same options, a new job marked `reused` that is already succeeded
   * Does not sniff or open the bytes: bad input fails the job in the ingest worker, with its coded error.
   */
  async submit(req: SubmitRequest): Promise<JobRecord> {
    if ((req.bytes === undefined) === (req.staged === undefined)) throw new DocmillError('USAGE_BAD_ARGUMENT', 'A job needs its bytes or a staged input, not both.');
    const outcome = { maybeWritten: false };
    if (!req.staged) return this.#submit(req, outcome);
    let keep = false;
    try {
      const job = await this.#submit(req, outcome);
      keep = job.id === req.staged.id && !job.reused;
      return job;
    } finally {
      // Note: a record that may have been written keeps its upload (see #submit).
      if (!keep && !outcome.maybeWritten) await this.discard(req.staged);
    }
  }

  /**
   * Streams an input into the store (where its job will read it) as it arrives: hashed,
   * counted and refused as soon as it passes `maxBytes`, never held whole in memory
   * (with a store that can stream; others get it collected, see Store.putStream).
   * Pass the result to submit() as `staged`; discard() it when the request fails before.
   * @param source the bytes (an upload part, a download's body)
   * @param maxBytes DOCMILL_MAX_BYTES: INPUT_TOO_LARGE past it, with nothing left in the store
   * Throws STORE_UNAVAILABLE (503) when the store refuses the write.
   */
  async stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedInput> {
    const id = newJobId();
    const hash = createHash('sha256');
    let size = 0;
    const head: Buffer[] = [];
    let headBytes = 0;
    async function* metered(): AsyncIterable<Uint8Array> {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new DocmillError('INPUT_TOO_LARGE', `More than ${maxBytes} bytes.`);
        hash.update(chunk);
        if (headBytes < STAGED_HEAD_BYTES) {
          const part = Buffer.from(chunk.subarray(0, STAGED_HEAD_BYTES - headBytes));
          head.push(part);
          headBytes += part.byteLength;
        }
        yield chunk;
      }
    }
    const key = jobKeys(id).input;
    try {
      const store = this.ctx.store;
      if (store.putStream) await store.putStream(key, metered(), 'application/octet-stream');
      else {
        const parts: Uint8Array[] = [];
        for await (const c of metered()) parts.push(c);
        await store.put(key, Buffer.concat(parts), 'application/octet-stream');
      }
    } catch (e) {
      if (isDocmillError(e, 'STORE_FAILED')) {
        throw new DocmillError('STORE_UNAVAILABLE', 'The upload could not be stored.', { cause: e, details: { retryAfterSeconds: STORE_RETRY_AFTER_S } });
      }
      throw e;
    }
    return { id, sha256: hash.digest('hex'), size, head: Buffer.concat(head) };
  }

  /** Removes a staged input that no job took (the request failed after stage()). */
  async discard(staged: StagedInput): Promise<void> {
    await this.ctx.store.delete(jobKeys(staged.id).input).catch(() => 0);
  }

  /**
   * @param outcome set `maybeWritten` when the record's creation failed in a way that does not
   *   say whether Redis applied it (a connection lost after the command was sent)
   */
  async #submit(req: SubmitRequest, outcome: { maybeWritten: boolean }): Promise<JobRecord> {
    const parsed = JobOptionsSchema.safeParse(req.options ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new DocmillError('USAGE_BAD_ARGUMENT', `Option "${first?.path.join('.') ?? ''}": ${first?.message ?? 'invalid'}.`);
    }
    if (!req.tenant) throw new DocmillError('USAGE_BAD_ARGUMENT', 'A job needs a tenant.');
    if (req.callback) checkCallbackUrl(req.callback.url);
    const options = parsed.data;
    const now = Date.now();
    const id = req.staged?.id ?? newJobId(now);
    const r = this.ctx.records;

    const bytes = req.bytes ? Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength) : undefined;
    const sha256 = req.staged?.sha256 ?? hashBytes(bytes!);
    const optionsHash = resultFingerprint(options);
    // The password stays out of the payloads: BullMQ keeps them after the job, in Redis.
    const { password, ...payloadOptions } = options;
    const idempotency = req.idempotencyKey
      ? { key: req.idempotencyKey, ttlS: IDEMPOTENCY_TTL_S, fingerprint: requestFingerprint(sha256, options) }
      : undefined;
    if (idempotency) {
      // Fast path: a repeat answers without storing the bytes again (create() decides for good).
      const earlier = await this.#idempotent(req.tenant, idempotency);
      if (earlier) return earlier;
    }

    const base: StoredJob = {
      record: {
        id, tenant: req.tenant, status: 'queued', createdAt: new Date(now).toISOString(),
        progress: { pagesDone: 0, pagesTotal: 0 }, sha256,
        ...(req.filename ? { filename: req.filename } : {}),
        options: publicOptions(options), engine: options.engine ?? 'local', timings: {},
      },
      ...(req.callback ? { callback: req.callback } : {}),
      optionsHash, submittedAtMs: now, payloadOptions,
      ...(password !== undefined ? { protected: true } : {}),
      ...(req.limits && Object.keys(req.limits).length > 0 ? { limits: req.limits } : {}),
    };

    const reused = await this.#tryReuse(base, idempotency);
    if (reused) return reused;

    // Note: each job keeps its own copy of the bytes, deleted with it; shared copies would
    // need reference counting across Redis and the store, with a race at every deletion.
    try {
      if (bytes) await this.ctx.store.put(jobKeys(id).input, bytes, 'application/octet-stream');
    } catch (e) {
      throw new DocmillError('STORE_UNAVAILABLE', 'The upload could not be stored.', { cause: e, details: { retryAfterSeconds: STORE_RETRY_AFTER_S } });
    }
    let made: CreateOutcome;
    try {
      made = await r.create(base, { ...(idempotency ? { idempotency } : {}), ...(password !== undefined ? { password } : {}) });
    } catch (e) {
      // Note: Redis failed, but the record may have been written all the same (the script ran,
      // its answer was lost with the connection; a client retrying with its Idempotency-Key
      // then gets that job). Its upload stays: the store reconciler removes it later when no
      // record names it. Found by bench/jobs-chaos.ts: a job whose upload was deleted here
      // failed INPUT_NOT_FOUND after Redis came back.
      outcome.maybeWritten = true;
      throw e;
    }
    if (!made.created) {
      await this.ctx.store.delete(jobKeys(id).prefix).catch(() => 0);
      return this.#answerIdempotent(req.tenant, made, idempotency!);
    }
    // Note: the record and the outbox event that queues the ingest step were written in
    // one step; queuing it here is the fast path. If this process dies (or Redis fails)
    // before it, the ingest relay of the workers queues it from the outbox.
    await this.ctx.enqueue('ingest', { jobId: id, tenant: req.tenant, sha256, options: payloadOptions, submittedAt: now }, { jobId: id });
    return base.record;
  }

  /** The earlier job of an idempotency key, if the key names one that exists (checked against the request). */
  async #idempotent(tenant: string, idem: { key: string; fingerprint: string }): Promise<JobRecord | undefined> {
    const held = await this.ctx.redis.get(this.ctx.records.keys.idempotency(tenant, idem.key));
    if (!held) return undefined;
    const [earlierId = '', fingerprint] = held.split('|');
    const earlier = await this.ctx.records.getFor(tenant, earlierId);
    if (!earlier) return undefined;
    return this.#answerIdempotent(tenant, { created: false, earlierId, ...(fingerprint ? { fingerprint } : {}) }, idem);
  }

  async #answerIdempotent(tenant: string, held: Extract<CreateOutcome, { created: false }>, idem: { key: string; fingerprint: string }): Promise<JobRecord> {
    if (held.fingerprint !== undefined && held.fingerprint !== idem.fingerprint) {
      throw new DocmillError('IDEMPOTENCY_MISMATCH', `Idempotency-Key "${idem.key}" was used for job ${held.earlierId} with another document or other options.`);
    }
    const earlier = await this.ctx.records.getFor(tenant, held.earlierId);
    if (!earlier) throw new DocmillError('JOB_NOT_FOUND', `Job ${held.earlierId} of Idempotency-Key "${idem.key}" is gone; retry.`);
    return earlier.record;
  }

  /** The job, or DOCMILL_ERR_JOB_NOT_FOUND (also for another tenant's job). */
  async get(tenant: string, id: string): Promise<JobRecord> {
    return (await this.#load(tenant, id)).record;
  }

  /** The tenant's jobs, newest first; pass `nextCursor` back as `cursor` for the next page. */
  async list(tenant: string, opts: ListOptions = {}): Promise<{ jobs: JobRecord[]; nextCursor?: string }> {
    if (opts.cursor !== undefined && !isJobId(opts.cursor)) throw new DocmillError('USAGE_BAD_ARGUMENT', 'Bad cursor.');
    return this.ctx.records.list(tenant, opts);
  }

  /**
   * Cancels a queued or running job: the record turns `canceled` at once, workers
   * abort its pages in flight and skip the rest. A finished job is returned unchanged.
   */
  async cancel(tenant: string, id: string): Promise<JobRecord> {
    const job = await this.#load(tenant, id);
    if (isFinal(job.record.status)) return job.record;
    const done = await finishJob(this.ctx, id, 'canceled', { error: new DocmillError('JOB_CANCELED').toJSON() });
    await this.ctx.redis.publish(this.ctx.records.keys.cancels, id);
    // Note: an ingest job still waiting is removed; anything already running sees the flag.
    await this.ctx.queue('ingest').remove(id).catch(() => 0);
    return done ?? (await this.#load(tenant, id)).record;
  }

  /**
   * Cancels the job if it runs, then deletes its record (with everything Redis keeps for it,
   * in one step), its results and upload in the store, and its steps' queue payloads.
   * Afterwards get() answers not found; the search index drops it from the outbox's `deleted` event.
   */
  async delete(tenant: string, id: string): Promise<void> {
    const job = await this.#load(tenant, id);
    if (!isFinal(job.record.status)) await this.cancel(tenant, id);
    await this.ctx.records.delete((await this.ctx.records.get(id)) ?? job);
    await this.ctx.store.delete(jobKeys(id).prefix);
    await this.#removePayloads(id, job.record.tenant, job.record.engine === 'local' ? 'page' : 'vision');
  }

  /**
   * Removes the BullMQ jobs of a document's steps (their payloads stay in Redis for up to
   * 7 days otherwise): ingest, the assemble parent with its page children, the webhook.
   * Note: a step still running cannot be removed (BullMQ holds its lock); it finds the
   * record gone, skips, and BullMQ's retention removes it later.
   */
  async #removePayloads(id: string, tenant: string, pageFamily: 'page' | 'vision'): Promise<void> {
    const parent = await this.ctx.queue('assemble').getJob(`${id}-assemble`).catch(() => undefined);
    const selected = (parent?.data as { info?: { selected?: number[] } } | undefined)?.info?.selected ?? [];
    await parent?.remove({ removeChildren: true }).catch(() => undefined);
    for (const [family, jobId] of [['ingest', id], ['webhook', `${id}-webhook`]] as Array<[QueueFamily, string]>) {
      await this.ctx.queue(family).remove(jobId).catch(() => 0);
    }
    // Page jobs the parent's removal left (one was running, or the parent was gone first).
    const q = this.ctx.queue(pageFamily);
    for (const index of selected) {
      const child = await q.getJob(`${id}-p${index}`).catch(() => undefined);
      await child?.remove().catch(() => undefined);
    }
    // Pages removed before they started no longer wait in their tenant's line.
    await this.ctx.records.releasePage(tenant, ...selected.map((index) => `${id}-p${index}`));
  }

  /**
   * Deletes jobs that finished (succeeded, failed, canceled) longer ago than
   * `ttlMs`, as delete() does: record, results, input. Returns how many went.
   * @param ttlMs how long a finished job is kept
   * @param batch ids read from the index at a time (every due job is swept, batch after batch)
   * Note: jobs finished before this index existed are not in it and are kept.
   * Safe to run from several processes at once: a job already gone is skipped.
   */
  async sweepExpired(ttlMs: number, batch = 100): Promise<number> {
    const cutoff = Date.now() - ttlMs;
    let deleted = 0;
    for (;;) {
      const due = await this.ctx.redis.zrangebyscore(this.ctx.records.keys.finished, '-inf', cutoff, 'LIMIT', 0, batch);
      for (const id of due) {
        const job = await this.ctx.records.get(id);
        if (job) {
          try {
            await this.delete(job.record.tenant, id);
            deleted++;
          } catch (e) {
            if (!isDocmillError(e) || e.code !== 'DOCMILL_ERR_JOB_NOT_FOUND') throw e;
          }
        }
        // Every id read leaves the index (delete() removed it already), so the next batch reads the next ones.
        await this.ctx.redis.zrem(this.ctx.records.keys.finished, id);
      }
      if (due.length < batch) return deleted;
    }
  }

  /**
   * Removes what faults leave in the store: job folders (`jobs/<id>/`) whose job has no
   * record (a submit or delete cut short, a staged upload no request took), and temporary
   * files of writes cut short, both older than `graceMs`. Returns what went.
   * @param graceMs how old a leftover must be (a job id tells when it was made): long enough
   *   for a submit to write its record after staging its input (minutes; default 1 h)
   * Safe to run from several processes at once. Lists the whole jobs/ tree: run it now and then.
   */
  async reconcileStore(graceMs = 3_600_000): Promise<{ folders: number; temporary: number }> {
    const cutoff = Date.now() - graceMs;
    const ids = new Set<string>();
    for (const key of await this.ctx.store.list('jobs/')) {
      const id = key.split('/')[1];
      if (id && isJobId(id) && jobIdTime(id) < cutoff) ids.add(id);
    }
    let folders = 0;
    for (const id of ids) {
      if (await this.ctx.records.get(id)) continue;
      await this.ctx.store.delete(jobKeys(id).prefix);
      folders++;
    }
    const temporary = this.ctx.store.sweepTemporary ? await this.ctx.store.sweepTemporary(graceMs) : 0;
    return { folders, temporary };
  }

  /** The finished document (document.json); DOCMILL_ERR_JOB_NOT_FINISHED / JOB_FAILED / JOB_CANCELED otherwise. */
  async result(tenant: string, id: string): Promise<DocumentResult> {
    await this.#finished(tenant, id);
    const raw = await this.ctx.store.get(jobKeys(id).json);
    if (!raw) throw new DocmillError('STORE_FAILED', `The result of job ${id} is missing from the store.`);
    return JSON.parse(raw.toString('utf8')) as DocumentResult;
  }

  /** The finished document's Markdown. */
  async markdown(tenant: string, id: string): Promise<string> {
    await this.#finished(tenant, id);
    const raw = await this.ctx.store.get(jobKeys(id).markdown);
    if (!raw) throw new DocmillError('STORE_FAILED', `The Markdown of job ${id} is missing from the store.`);
    return raw.toString('utf8');
  }

  /**
   * One page of the finished document.
   * @param n 1-based page number in the document (not the position among selected pages)
   */
  async page(tenant: string, id: string, n: number): Promise<PageResult> {
    const doc = await this.result(tenant, id);
    const page = doc.pages.find((p) => p.index === n - 1);
    if (!page) throw new DocmillError('JOB_NOT_FOUND', `Job ${id} has no page ${n}.`);
    return page;
  }

  /**
   * The PNG of page n (1-based): the one kept with keepImages, else rendered now
   * from the job's stored input (PAGE_IMAGE_DPI, turned by the page's `rotation`) and kept for the next request,
   * so every finished job has page images for review.
   * JOB_NOT_FOUND for a page the document does not have, or when the input can
   * no longer be opened (an encrypted PDF whose password was dropped when the job ended).
   * Does not render for unfinished jobs (JOB_NOT_FINISHED).
   */
  async pageImage(tenant: string, id: string, n: number): Promise<Buffer> {
    const job = await this.#finished(tenant, id);
    if (!Number.isInteger(n) || n < 1) throw new DocmillError('JOB_NOT_FOUND', `Job ${id} has no page ${n}.`);
    const key = jobKeys(id).pageImage(n - 1);
    const kept = await this.ctx.store.get(key);
    if (kept) return kept;
    const doc = await this.result(tenant, id);
    const page = doc.pages.find((p) => p.index === n - 1);
    if (!page) throw new DocmillError('JOB_NOT_FOUND', `Job ${id} has no page ${n}.`);
    const input = await readJobInput(this.ctx.store, id, job.record.sha256);
    if (!input) throw new DocmillError('JOB_NOT_FOUND', `The input of job ${id} is no longer stored, so page ${n} cannot be drawn.`);
    const png = await this.#renders.run(async () => {
      const { renderPage } = await import('@docmill/pipeline');
      try {
        // Note: turned as the page was read (`rotation`), so that the page's boxes fit the image.
        return (await renderPage(new Uint8Array(input), n - 1, { dpi: PAGE_IMAGE_DPI, format: 'png', ...(page.rotation ? { rotation: page.rotation } : {}) })).data;
      } catch (e) {
        if (isDocmillError(e, 'PDF_ENCRYPTED') || isDocmillError(e, 'PDF_BAD_PASSWORD')) {
          throw new DocmillError('JOB_NOT_FOUND', `Page ${n} of job ${id} cannot be drawn: the PDF is encrypted and its password is not kept after the job (submit with keep_images to keep page images).`);
        }
        throw e;
      }
    });
    await this.ctx.store.put(key, png, 'image/png').catch((e) => this.ctx.logger.warn({ err: e, id }, 'could not keep a rendered page image'));
    return png;
  }

  /** The kept PNG of page n as a stream (where the store can stream). */
  async pageImageStream(tenant: string, id: string, n: number): Promise<Readable> {
    await this.#finished(tenant, id);
    const key = jobKeys(id).pageImage(n - 1);
    const s = this.ctx.store.getStream ? await this.ctx.store.getStream(key) : undefined;
    if (s) return s;
    const { Readable: R } = await import('node:stream');
    return R.from([await this.pageImage(tenant, id, n)]);
  }

  /**
   * The job's events: first its current state (so late subscribers never hang),
   * then progress and status changes, ending after the final status.
   * @param signal ends the iteration early (client went away)
   */
  async *events(tenant: string, id: string, signal?: AbortSignal): AsyncIterable<JobEvent> {
    await this.#load(tenant, id);
    const pending: Array<OutboxEvent | 'resync'> = [];
    let wake: (() => void) | undefined;
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort);
    const stop = await this.#tail.follow(id, (ev) => {
      pending.push(ev);
      wake?.();
    });
    try {
      // Followed first, read second: nothing written in between is missed.
      const now = await this.ctx.records.getFor(tenant, id);
      if (!now) throw new DocmillError('JOB_NOT_FOUND', `No job ${id}.`);
      yield { type: 'status', job: now.record };
      if (isFinal(now.record.status)) return;
      let lastStatus = now.record.status;
      let lastProgress = now.record.progress.pagesDone;
      while (!signal?.aborted && !this.#closed) {
        const ev = pending.shift();
        if (!ev) {
          await new Promise<void>((resolve) => { wake = resolve; });
          wake = undefined;
          continue;
        }
        if (ev !== 'resync' && ev.type === 'progress') {
          if (ev.pagesDone <= lastProgress) continue; // out of order from parallel workers, or seen
          lastProgress = ev.pagesDone;
          yield { type: 'progress', progress: { pagesDone: ev.pagesDone, pagesTotal: ev.pagesTotal } };
          continue;
        }
        if (this.#closed) return;
        if (ev !== 'resync' && ev.type === 'deleted') return;
        // A status change (or a resync after a Redis outage): the record says where the job is.
        const again = await this.ctx.records.getFor(tenant, id).catch(() => undefined);
        if (!again) {
          if (ev === 'resync') continue;
          return;
        }
        if (again.record.progress.pagesDone > lastProgress && !isFinal(again.record.status)) {
          lastProgress = again.record.progress.pagesDone;
          yield { type: 'progress', progress: again.record.progress };
        }
        if (again.record.status !== lastStatus || isFinal(again.record.status)) {
          lastStatus = again.record.status;
          yield { type: 'status', job: again.record };
          if (isFinal(again.record.status)) return;
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stop();
    }
  }

  /** How many event streams (events()) this service is feeding now. */
  get eventFollowers(): number {
    return this.#tail.followers;
  }

  /** True when Redis answers within a second. */
  async ping(): Promise<boolean> {
    try {
      const res = await Promise.race([
        this.ctx.redis.ping(),
        new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 1000).unref()),
      ]);
      return res === 'PONG';
    } catch {
      return false;
    }
  }

  /** Jobs by status, queue depths per family, recent page latencies. */
  async metrics(): Promise<JobMetrics> {
    const k = this.ctx.records.keys;
    const [jobs, latency, done] = await Promise.all([
      this.ctx.records.statusCounts(),
      this.ctx.redis.lrange(k.latency, 0, 999),
      this.ctx.redis.get(k.pagesDone),
    ]);
    const queues: JobMetrics['queues'] = {};
    for (const f of QUEUE_FAMILIES) {
      const c = await this.ctx.queue(f).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children');
      queues[f] = {
        waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0,
        completed: c.completed ?? 0, prioritized: c.prioritized ?? 0, 'waiting-children': c['waiting-children'] ?? 0,
      };
    }
    return { jobs, queues, pageLatencyMs: latency.map(Number), pagesDone: Number(done ?? 0) };
  }

  /**
   * A question over a finished job's document, answered by an `answer` worker:
   * enqueued on the answer queue, then waited for up to `timeoutMs`.
   * @param tenant the caller's tenant (another tenant's job answers JOB_NOT_FOUND)
   * @param req the question (already checked for length by the caller) and the engine (default: the configured model, else local)
   * @param opts.timeoutMs how long to wait (ENGINE_TIMEOUT past it; the answer job itself goes on and is dropped)
   * Throws the coded error of a failed answer (ASK_*, ENGINE_*), JOB_NOT_FINISHED / JOB_FAILED for jobs without a result.
   */
  async ask(tenant: string, id: string, req: { question: string; engine?: 'local' | 'openai' | 'mistral' }, opts: { timeoutMs: number }): Promise<Answer> {
    await this.#finished(tenant, id);
    const data = checkPayload('answer', { jobId: id, tenant, question: req.question, ...(req.engine ? { engine: req.engine } : {}) });
    this.#answerEvents ??= new QueueEvents('answer', { connection: redisOptions(this.ctx.redisUrl, { maxRetriesPerRequest: null }), prefix: this.ctx.prefix });
    await this.#answerEvents.waitUntilReady();
    const job = await this.ctx.queue('answer').add('answer', data, jobOptionsFor('answer'));
    let outcome: AnswerOutcome;
    try {
      outcome = (await job.waitUntilFinished(this.#answerEvents, opts.timeoutMs)) as AnswerOutcome;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/timed out/i.test(message)) throw new DocmillError('ENGINE_TIMEOUT', `No answer within ${opts.timeoutMs} ms.`, { cause: e });
      throw toDocmillError(e);
    }
    if (!outcome.ok) throw toDocmillError(outcome.error);
    return outcome.answer;
  }

  async close(): Promise<void> {
    await this.#answerEvents?.close().catch(() => undefined);
    this.#closed = true;
    this.#tail.close();
    await this.ctx.close();
  }

  async #load(tenant: string, id: string): Promise<StoredJob> {
    const job = isJobId(id) ? await this.ctx.records.getFor(tenant, id) : undefined;
    if (!job) throw new DocmillError('JOB_NOT_FOUND', `No job ${id}.`);
    return job;
  }

  async #finished(tenant: string, id: string): Promise<StoredJob> {
    const job = await this.#load(tenant, id);
    switch (job.record.status) {
      case 'succeeded': return job;
      case 'failed': throw new DocmillError('JOB_FAILED', job.record.error ? `${job.record.error.code}: ${job.record.error.message}` : undefined);
      case 'canceled': throw new DocmillError('JOB_CANCELED');
      case 'queued':
      case 'running': throw new DocmillError('JOB_NOT_FINISHED');
      default: {
        const never: never = job.record.status;
        throw new DocmillError('INTERNAL', `Unknown status ${String(never)}.`);
      }
    }
  }

  /**
   * Content addressing: copies a finished result of the same bytes + options (same tenant)
   * into a new job created succeeded (one Lua step, so its webhook and indexing follow from the outbox).
   * Never from a password-protected job (see StoredJob.protected).
   */
  async #tryReuse(base: StoredJob, idempotency?: { key: string; ttlS: number; fingerprint: string }): Promise<JobRecord | undefined> {
    const r = base.record;
    const fromId = await this.ctx.redis.get(this.ctx.records.keys.reuse(r.tenant, r.sha256, base.optionsHash));
    if (!fromId) return undefined;
    const from = await this.ctx.records.getFor(r.tenant, fromId);
    if (!from || from.record.status !== 'succeeded' || !(await this.ctx.store.exists(jobKeys(fromId).manifest))) return undefined;
    // Note: checked here too, for reuse pointers written before protected jobs stopped writing them.
    if (from.protected) return undefined;
    const finishedAt = new Date().toISOString();
    const job: StoredJob = {
      ...base,
      record: {
        ...r, status: 'succeeded', startedAt: finishedAt, finishedAt, progress: { ...from.record.progress },
        reused: { from: fromId }, timings: { totalMs: Date.now() - base.submittedAtMs },
        ...(from.record.usage ? { usage: from.record.usage } : {}),
        ...(from.record.failedPages ? { failedPages: from.record.failedPages } : {}),
        ...(from.record.reviewPages ? { reviewPages: from.record.reviewPages } : {}),
      },
    };
    await copyResult(this.ctx.store, fromId, job.record);
    const made = await this.ctx.records.create(job, idempotency ? { idempotency } : {});
    if (!made.created) {
      await this.ctx.store.delete(jobKeys(job.record.id).prefix).catch(() => 0);
      return this.#answerIdempotent(r.tenant, made, idempotency!);
    }
    return job.record;
  }
}

/**
 * What an idempotency key promises to repeat: the same bytes with the same options. A hash
 * (of the password too, so another password is another request), never the values.
 * Note: the filename and callback are left out: a client that derives its key from the
 * file's content and options (as `docmill submit` does) may send one file under two names.
 */
function requestFingerprint(sha256: string, options: JobOptions): string {
  return stableHash({ sha256, options });
}

function checkCallbackUrl(url: string): void {
  let u: URL;
  try { u = new URL(url); } catch { throw new DocmillError('USAGE_BAD_ARGUMENT', `Bad callback URL "${url}".`); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new DocmillError('USAGE_BAD_ARGUMENT', 'The callback URL must be http or https.');
}
