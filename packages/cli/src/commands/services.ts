import { Command } from 'commander';
import { createLogger, loadConfig, type VisionEngine } from '@docmill/core';

const QUEUES = ['ingest', 'page', 'vision', 'assemble', 'webhook', 'answer'] as const;

/** `docmill worker` and `docmill serve`: the service mode's processes. */
export function registerServices(program: Command): void {
  program
    .command('worker')
    .summary('run queue workers (BullMQ on Redis)')
    .description('Run workers for the job system. Each queue family can run in its own process and scale on its own.\nRedis: DOCMILL_REDIS_URL. Results: DOCMILL_STORE (a directory or s3://bucket/prefix).')
    .option('--queues <list>', `comma-separated queue families (${QUEUES.join(', ')})`, QUEUES.join(','))
    .option('--concurrency <n>', 'jobs at once per queue (default: cores for CPU queues, DOCMILL_VISION_CONCURRENCY for model calls)')
    .action(async (opts: { queues: string; concurrency?: string }) => {
      const log = createLogger('worker', 'info');
      const queues = opts.queues.split(',').map((q) => q.trim()).filter(Boolean);
      const { startWorkers, workerSettingsFromEnv } = await import('@docmill/jobs');
      const config = loadConfig();
      const { storeFromConfig } = await import('@docmill/store');
      const { engineFromConfig } = await import('@docmill/vision');
      // Note: one engine per name for the whole process, so its per-server concurrency is global.
      const engines = new Map<string, VisionEngine>();
      const vision = (name: 'openai' | 'mistral'): VisionEngine => {
        let engine = engines.get(name);
        if (!engine) engines.set(name, (engine = engineFromConfig(config, name)));
        return engine;
      };
      const workers = await startWorkers({
        queues: queues as never,
        redisUrl: config.DOCMILL_REDIS_URL,
        prefix: config.DOCMILL_QUEUE_PREFIX,
        store: storeFromConfig(config),
        config,
        settings: workerSettingsFromEnv(),
        vision,
        ...(opts.concurrency ? { concurrency: Number(opts.concurrency) } : {}),
      });
      log.info({ queues }, 'workers started');
      await waitForSignal();
      log.info('shutting down');
      await workers.close();
      await Promise.all([...engines.values()].map((e) => e.close?.()));
    });

  program
    .command('serve')
    .summary('run the REST job API (Fastify)')
    .description('Serve the REST job API on DOCMILL_HOST:DOCMILL_PORT (default 0.0.0.0:8080). API keys: DOCMILL_API_KEYS or DOCMILL_API_KEYS_FILE.\nRun workers beside it (docmill worker) to process jobs.')
    .action(async () => {
      const { startServer } = await import('@docmill/api');
      const server = await startServer();
      await waitForSignal();
      await server.close();
    });
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
