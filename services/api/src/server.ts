import type { FastifyInstance } from 'fastify';
import { createLogger, loadConfig } from '@docmill/core';
import { JobService } from '@docmill/jobs';
import { storeFromConfig } from '@docmill/store';
import { buildApp } from './app.js';
import { loadApiKeys } from './auth.js';

export interface StartServerOptions {
  /** Environment to configure from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Log requests (default true). */
  logger?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  /** The address it listens on, e.g. http://0.0.0.0:8080. */
  url: string;
  /** Stops accepting requests, ends open event streams, closes the job service. */
  close(): Promise<void>;
}

/**
 * Starts the API as `docmill serve` does: configuration from the environment
 * (loadConfig), API keys (DOCMILL_API_KEYS / DOCMILL_API_KEYS_FILE), the store
 * (DOCMILL_STORE), a JobService on DOCMILL_REDIS_URL, listening on
 * DOCMILL_HOST:DOCMILL_PORT.
 * @param opts environment and logging
 * Does not start workers (`docmill worker`) and does not install signal
 * handlers: the caller decides how the process ends.
 */
export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const config = loadConfig(opts.env ?? process.env);
  const apiKeys = loadApiKeys(config);
  const jobs = JobService.fromConfig(config, storeFromConfig(config), createLogger('jobs', 'info'));
  const app = buildApp({ jobs, config, apiKeys, logger: opts.logger ?? true });
  const stopExpiring = config.DOCMILL_JOB_TTL_HOURS ? sweepEvery(jobs, config.DOCMILL_JOB_TTL_HOURS * 3_600_000, app.log) : async () => undefined;
  // Leftovers of faults (job folders without a record, temporary files) go every hour, after an hour.
  const stopReconciling = every(RECONCILE_EVERY_MS, app.log, 'store reconcile', async () => {
    const gone = await jobs.reconcileStore(RECONCILE_GRACE_MS);
    if (gone.folders || gone.temporary) app.log.info(gone, 'orphaned store objects removed');
  });
  const stopSweeping = async () => {
    await stopExpiring();
    await stopReconciling();
  };
  try {
    const url = await app.listen({ host: config.DOCMILL_HOST, port: config.DOCMILL_PORT });
    return {
      app,
      url,
      close: async () => {
        await stopSweeping();
        await app.close();
        await jobs.close();
      },
    };
  } catch (e) {
    await stopSweeping();
    await app.close().catch(() => undefined);
    await jobs.close();
    throw e;
  }
}

const RECONCILE_EVERY_MS = 3_600_000;
const RECONCILE_GRACE_MS = 3_600_000;

/**
 * Runs `round` every `ms` (the first one after `ms`; rounds never overlap), logging failures.
 * Returns the function that stops it and waits for a round under way.
 */
function every(ms: number, log: { warn(o: object, m: string): void }, what: string, round: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= round().catch((e: unknown) => log.warn({ err: e }, `${what} failed`)).finally(() => { running = undefined; });
  }, ms);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * Deletes expired jobs now and then every tenth of the TTL (at most every 10
 * minutes, at least every 5 seconds); errors are logged
 * and the next round tries again. Returns the function that stops it (and waits for a round under way).
 * @param jobs the job service
 * @param ttlMs how long a finished job is kept
 * @param log where rounds that deleted something, and failures, are logged
 */
function sweepEvery(jobs: JobService, ttlMs: number, log: { info(o: object, m: string): void; warn(o: object, m: string): void }): () => Promise<void> {
  let running: Promise<void> | undefined;
  const round = () => {
    running ??= once().finally(() => { running = undefined; });
    return running;
  };
  const once = async () => {
    try {
      const deleted = await jobs.sweepExpired(ttlMs);
      if (deleted) log.info({ deleted, ttlHours: ttlMs / 3_600_000 }, 'expired jobs deleted');
    } catch (e) {
      log.warn({ err: e }, 'sweeping expired jobs failed');
    }
  };
  void round();
  const timer = setInterval(() => void round(), Math.min(600_000, Math.max(5_000, ttlMs / 10)));
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
