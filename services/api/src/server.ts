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
  try {
    const url = await app.listen({ host: config.DOCMILL_HOST, port: config.DOCMILL_PORT });
    return {
      app,
      url,
      close: async () => {
        await app.close();
        await jobs.close();
      },
    };
  } catch (e) {
    await app.close().catch(() => undefined);
    await jobs.close();
    throw e;
  }
}
