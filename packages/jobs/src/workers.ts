import { FlowProducer, UnrecoverableError, Worker, type Job, type MinimalJob } from 'bullmq';
import { DEFAULT_CONFIG, DocmillError, createLogger, loadConfig, toDocmillError, type Config, type Logger, type VisionEngine } from '@docmill/core';
import { finishJob } from './lifecycle.js';
import { PagePool, closeCachedSources } from '@docmill/pipeline';
import type { Store } from '@docmill/store';
import { cappedBackoff, type QueueFamily } from './catalogue.js';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { JobContext, connectRedis, redisOptions, searchIndexOf } from './context.js';
import { backfillSearch, ingestRelay, searchRelay, webhookRelay } from './effects.js';
import { OutboxConsumer, type OutboxEvent } from './outbox.js';
import { SecretBox } from './secrets.js';
import type { EngineName } from '@docmill/core';
import { processAssemble } from './processors/assemble.js';
import { readJobInput } from './processors/common.js';
import { InputCache, type WorkerDeps } from './processors/deps.js';
import { processIngest } from './processors/ingest.js';
import { processPage } from './processors/page.js';
import { processWebhook } from './processors/webhook.js';
import { processAnswer } from './processors/answer.js';
import { defaultConcurrency, workerSettingsFromEnv, type WorkerSettings } from './settings.js';

export interface StartWorkersOptions {
  queues: QueueFamily[];
  redisUrl: string;
  store: Store;
  /** DOCMILL_QUEUE_PREFIX (default "docmill"). */
  prefix?: string;
  /** One number for every family, or per family; defaults: page = cores, vision = DOCMILL_VISION_CONCURRENCY (64), others a few. */
  concurrency?: number | Partial<Record<QueueFamily, number>>;
  /** Threads for CPU page work (default: cores). */
  poolSize?: number;
  /** An existing pool of page threads to use (not closed by close()); one is made otherwise. */
  pool?: PagePool;
  /** Lock and stalled-job settings (the entry point reads them with `workerSettingsFromEnv`; each unset one has its default). */
  settings?: Partial<WorkerSettings>;
  /** Makes the vision engine for a job's engine (openai, mistral); without it vision pages fail ENGINE_NOT_CONFIGURED. */
  vision?: (engine: Exclude<EngineName, 'local'>) => VisionEngine;
  /** Configuration of the processors (model servers for answers, limits), loaded by the entry point; default `DEFAULT_CONFIG`, never the environment. */
  config?: Readonly<Config>;
  logger?: Logger;
  /** How long an outbox entry stays with a consumer that does not acknowledge it (default 30 s; tests shorten it). */
  outboxClaimIdleMs?: number;
}

export interface RunningWorkers {
  /** The BullMQ workers by family (for tests and metrics). */
  readonly workers: ReadonlyMap<QueueFamily, Worker>;
  /**
   * Stops taking jobs, waits for the jobs in hand, closes connections and threads. Vision pages in
   * hand while every vision server is down go back to the queue instead (WORKER_CLOSING).
   */
  close(): Promise<void>;
}

/**
 * Starts one BullMQ worker per queue family in this process: the processors
 * call the same stage functions as the CLI. `docmill worker --queues …` and
 * the files in workers/ use it.
 * @param opts families, Redis, store, concurrency
 * Does not install signal handlers (see `closeOnSignals`).
 */
export async function startWorkers(opts: StartWorkersOptions): Promise<RunningWorkers> {
  const logger = opts.logger ?? createLogger('worker', 'info');
  const prefix = opts.prefix ?? 'docmill';
  // Note: one configuration (core's) for every knob, loaded by the entry point; the vision concurrency default lives there only.
  const config = opts.config ?? DEFAULT_CONFIG;
  const settings: WorkerSettings = { ...workerSettingsFromEnv({}), ...opts.settings };
  if (opts.queues.length === 0) throw new DocmillError('USAGE_BAD_ARGUMENT', 'Name at least one queue (ingest, page, vision, assemble, webhook, answer).');

  const ctx = new JobContext(connectRedis(opts.redisUrl, { maxRetriesPerRequest: null }), opts.redisUrl, prefix, opts.store, logger, new SecretBox(config.DOCMILL_SECRET_KEY));
  ctx.redis.on('error', (e) => logger.debug({ err: e }, 'redis error'));
  const needsPool = opts.queues.includes('page') || opts.queues.includes('vision');
  let closingWorkers = false;
  const deps: WorkerDeps = {
    ctx,
    inputs: new InputCache((sha, jobId) => readJobInput(opts.store, jobId, sha)),
    config,
    pageTimeoutMs: config.DOCMILL_PAGE_TIMEOUT_MS,
    ...(opts.queues.includes('ingest') ? { flow: new FlowProducer({ connection: redisOptions(opts.redisUrl, { maxRetriesPerRequest: null }), prefix }) } : {}),
    ...(needsPool ? { pool: opts.pool ?? new PagePool(opts.poolSize ? { size: opts.poolSize } : {}) } : {}),
    ...(opts.vision ? { vision: watchAvailability(opts.vision, (paused) => pauseVision(paused)) } : {}),
  };
  deps.flow?.on('error', (e) => logger.warn({ err: e }, 'flow producer error'));

  const processors: Record<QueueFamily, (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>> = {
    ingest: (job, token, signal) => processIngest(deps, job, token, signal),
    page: (job, token, signal) => processPage(deps, job, token, signal),
    vision: (job, token, signal) => processPage(deps, job, token, signal),
    assemble: (job) => processAssemble(deps, job),
    webhook: (job, token, signal) => processWebhook(deps, job, token, signal),
    answer: (job, token, signal) => processAnswer(deps, job, token, signal),
  };

  // Cancels are broadcast: each worker aborts the jobs it holds for that document.
  const active = new Map<string, Map<string, Worker>>();
  // The vision pages in hand, each with the controller that gives it back to the queue (see close()).
  const handBacks = new Map<string, AbortController>();
  const workers = new Map<QueueFamily, Worker>();
  for (const family of opts.queues) {
    // Note: CPU pages in flight match the pool's threads, so a job never holds its lock waiting for a thread.
    const fallback = family === 'page' && deps.pool ? deps.pool.size : defaultConcurrency(family, config.DOCMILL_VISION_CONCURRENCY);
    const concurrency = typeof opts.concurrency === 'number' ? opts.concurrency : opts.concurrency?.[family] ?? fallback;
    const processor = processors[family];
    const worker: Worker = new Worker(family, async (job: Job, token?: string, signal?: AbortSignal) => {
      const docId = typeof job.data?.jobId === 'string' ? (job.data.jobId as string) : '';
      let held = active.get(docId);
      if (!held) active.set(docId, (held = new Map()));
      held.set(String(job.id), worker);
      let jobSignal = signal;
      if (family === 'vision') {
        const handBack = new AbortController();
        handBacks.set(String(job.id), handBack);
        jobSignal = signal ? AbortSignal.any([signal, handBack.signal]) : handBack.signal;
      }
      try {
        return await processor(job, token, jobSignal);
      } finally {
        if (family === 'vision') handBacks.delete(String(job.id));
        held.delete(String(job.id));
        if (held.size === 0) active.delete(docId);
      }
    }, {
      connection: redisOptions(opts.redisUrl, { maxRetriesPerRequest: null }),
      prefix,
      concurrency,
      lockDuration: settings.lockDurationMs,
      stalledInterval: settings.stalledIntervalMs,
      maxStalledCount: family === 'page' || family === 'vision' ? settings.pageMaxStalledCount : settings.maxStalledCount,
      settings: { backoffStrategy: (attemptsMade: number, type?: string, _err?: Error, job?: MinimalJob) => {
        if (type !== 'capped') throw new DocmillError('INTERNAL', `Unknown backoff ${String(type)}.`);
        const b = job?.opts.backoff;
        return typeof b === 'object' ? cappedBackoff(attemptsMade, b.delay, b.jitter) : cappedBackoff(attemptsMade);
      } },
    });
    worker.on('error', (e) => logger.warn({ err: e, queue: family }, 'worker error'));
    worker.on('failed', (job, err) => {
      logger.info({ queue: family, job: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job attempt failed');
      // A document step that failed for good (attempts used up, or stalled too often
      // because its workers kept dying) fails the document, so it never stays running.
      if (!job || (family !== 'ingest' && family !== 'assemble')) return;
      const forGood = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(err.message);
      const docId = typeof job.data?.jobId === 'string' ? (job.data.jobId as string) : undefined;
      if (forGood && docId) {
        finishJob(ctx, docId, 'failed', { error: failureOf(err).toJSON() }).catch((e: unknown) => logger.warn({ err: e, job: docId }, 'could not mark the job failed'));
      }
    });
    workers.set(family, worker);
  }

  // Note: while every server of a vision engine in use is down, this process stops taking vision
  // pages (a local pause: the queue and its order stay in Redis; the pages in hand wait in the
  // engine's pool, holding their locks) and takes them again by itself when a server is back.
  function pauseVision(paused: boolean): void {
    const w = workers.get('vision');
    if (!w || closingWorkers) return;
    if (paused && !w.isPaused()) {
      logger.warn({ queue: 'vision' }, 'every vision server is down: the vision queue waits');
      w.pause(true).catch((e: unknown) => logger.warn({ err: e }, 'could not pause the vision worker'));
    } else if (!paused && w.isPaused()) {
      logger.info({ queue: 'vision' }, 'a vision server is back: the vision queue resumes');
      w.resume();
    }
  }
  // The outbox's effects, each a consumer group of its own, run beside the family that needs them.
  const relays: OutboxConsumer[] = [];
  const relay = (group: string, handle: (ev: OutboxEvent) => Promise<void>) => {
    const redis = connectRedis(opts.redisUrl, { maxRetriesPerRequest: null });
    redis.on('error', (e) => logger.debug({ err: e, group }, 'outbox redis error'));
    relays.push(new OutboxConsumer({ redis, keys: ctx.records.keys, group, consumer: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`, handle, logger, ...(opts.outboxClaimIdleMs ? { claimIdleMs: opts.outboxClaimIdleMs } : {}) }));
  };
  if (opts.queues.includes('ingest')) relay('ingest', ingestRelay(ctx));
  if (opts.queues.includes('webhook')) relay('webhooks', webhookRelay(ctx));
  const searchIndex = opts.queues.includes('assemble') ? searchIndexOf(ctx, config.DOCMILL_SEARCH_REDIS_URL) : undefined;
  if (searchIndex) relay('search', searchRelay(ctx, searchIndex));
  await Promise.all(relays.map((r) => r.start()));
  if (searchIndex) {
    // An index of the previous layout is moved in the background (searches miss its jobs meanwhile).
    backfillSearch(ctx, searchIndex).then(
      (moved) => { if (moved > 0) logger.info({ jobs: moved }, 'search index moved to layout v3'); },
      (e: unknown) => logger.warn({ err: e }, 'search index backfill failed (tried again at the next start)'),
    );
  }

  const sub = connectRedis(opts.redisUrl, { maxRetriesPerRequest: null });
  sub.on('error', (e) => logger.debug({ err: e }, 'redis subscriber error'));
  sub.on('message', (_channel: string, docId: string) => {
    for (const [jobId, worker] of active.get(docId) ?? []) worker.cancelJob(jobId, 'job canceled');
  });
  await sub.subscribe(ctx.records.keys.cancels);
  await Promise.all([...workers.values()].map((w) => w.waitUntilReady()));
  logger.info({ queues: opts.queues, prefix }, 'workers started');

  let closing: Promise<void> | undefined;
  return {
    workers,
    close: () => {
      closing ??= (async () => {
        closingWorkers = true;
        // Note: while the vision queue waits for its servers, its pages in hand wait too (policy
        // wait, up to DOCMILL_VISION_MAX_WAIT): a graceful close would wait as long. They go back
        // to the queue instead, in their place and without spending an attempt (processPage).
        if (workers.get('vision')?.isPaused()) {
          for (const handBack of handBacks.values()) handBack.abort(new DocmillError('WORKER_CLOSING'));
        }
        await Promise.allSettled([...workers.values()].map((w) => w.close()));
        await Promise.allSettled(relays.map((r) => r.close()));
        await searchIndex?.close();
        sub.disconnect();
        await deps.flow?.close();
        if (!opts.pool) await deps.pool?.close();
        await closeCachedSources();
        await ctx.close();
      })();
      return closing;
    },
  };
}

/**
 * Wraps a vision engine factory so that each engine it makes is watched: `onChange(true)`
 * while any engine with a circuit (`availability`) has every server down, `onChange(false)`
 * once none has.
 * @param make the factory given to startWorkers
 * @param onChange called with whether the vision queue should wait
 */
function watchAvailability(make: (engine: Exclude<EngineName, 'local'>) => VisionEngine, onChange: (paused: boolean) => void): (engine: Exclude<EngineName, 'local'>) => VisionEngine {
  const watched = new Set<VisionEngine>();
  const down = new Set<VisionEngine>();
  return (name) => {
    const engine = make(name);
    const availability = engine.availability;
    if (availability && !watched.has(engine)) {
      watched.add(engine);
      const apply = (available: boolean) => {
        if (available) down.delete(engine);
        else down.add(engine);
        onChange(down.size > 0);
      };
      availability.subscribe(apply);
      if (!availability.available) apply(false);
    }
    return engine;
  };
}

/** The coded error behind a failed attempt (unrecoverable errors carry the coded error's JSON as message). */
function failureOf(err: Error): DocmillError {
  if (err instanceof UnrecoverableError) {
    try {
      return toDocmillError(JSON.parse(err.message));
    } catch { /* a plain message */ }
  }
  return toDocmillError(err);
}

/**
 * Closes the workers gracefully on SIGTERM and SIGINT (jobs in hand finish first), then exits.
 * @param running what startWorkers returned
 */
export function closeOnSignals(running: RunningWorkers, logger: Logger = createLogger('worker', 'info')): void {
  const stop = (signal: string) => {
    logger.info({ signal }, 'closing workers');
    running.close().then(() => process.exit(0), (e: unknown) => {
      logger.error({ err: e }, 'close failed');
      process.exit(1);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/**
 * The body of a worker process (workers/*.ts): configuration from the environment
 * (DOCMILL_REDIS_URL, DOCMILL_STORE, DOCMILL_QUEUE_PREFIX…, and the lock and stall
 * settings), the store it names, the families given, graceful shutdown on SIGTERM/SIGINT.
 * @param queues the families this process serves
 * @param extra anything else for startWorkers (a vision engine factory, concurrency;
 *   `config` when the process loaded it already)
 */
export async function runWorkerProcess(queues: QueueFamily[], extra: Partial<Omit<StartWorkersOptions, 'queues'>> = {}): Promise<RunningWorkers> {
  const config = extra.config ?? loadConfig();
  const logger = extra.logger ?? createLogger(`worker:${queues.join(',')}`, 'info');
  const { storeFromConfig } = await import('@docmill/store');
  const running = await startWorkers({
    redisUrl: config.DOCMILL_REDIS_URL,
    prefix: config.DOCMILL_QUEUE_PREFIX,
    store: storeFromConfig(config),
    ...(config.DOCMILL_CONCURRENCY ? { poolSize: config.DOCMILL_CONCURRENCY } : {}),
    config,
    settings: workerSettingsFromEnv(),
    ...extra,
    queues,
    logger,
  });
  closeOnSignals(running, logger);
  return running;
}
