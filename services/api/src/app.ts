import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import { Redis } from 'ioredis';
import { createLogger, DOCMILL_VERSION, DocmillError, type Config } from '@docmill/core';
import type { JobService } from '@docmill/jobs';
import { bearerToken, type ApiKeys } from './auth.js';
import type { ApiContext } from './context.js';
import { installErrorHandling } from './errors.js';
import { ApiMetrics } from './metrics.js';
import { RateLimiter } from './rate-limit.js';
import { publicRoutes, v1Routes } from './routes/index.js';
import { ErrorSchema, JobSchema, PageSchema } from './schemas.js';
import { registerUi, uploadOptions } from '@docmill/ui';

export interface BuildAppOptions {
  jobs: JobService;
  config: Config;
  apiKeys: ApiKeys;
  /** Log requests (pino JSON on stderr). Default false. */
  logger?: boolean;
  /**
   * Redis for the shared rate-limit counters. Default: a connection to
   * DOCMILL_REDIS_URL opened here and closed with the app.
   */
  redis?: Redis;
  /** Interval of SSE heartbeat comments (default 15 s). */
  heartbeatMs?: number;
  /** Serve the review app at /ui/ (default true). */
  ui?: boolean;
}

/**
 * Builds the REST job API: routes, schemas, auth, rate limits, error handling,
 * OpenAPI document and metrics. Listening happens elsewhere (startServer), so
 * tests drive it with app.inject() or listen on a port of their own.
 * @param opts the job service, configuration and API keys (see BuildAppOptions)
 * Does not close the job service: its owner does (startServer's close()).
 */
export function buildApp(opts: BuildAppOptions): FastifyInstance {
  const { config, jobs, apiKeys } = opts;
  const log = createLogger('api', 'info');
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: log as unknown as FastifyBaseLogger } : { logger: false }),
    // Note: unknown fields are refused (400), not silently dropped: a typo in an option must not pass unnoticed.
    ajv: { customOptions: { removeAdditional: false } },
    return503OnClosing: true,
  });

  // Note: the limiter fails open, and fast: a request waits at most a second for a Redis that
  // is away (the job routes then answer 503 REDIS_UNAVAILABLE themselves).
  const redis = opts.redis ?? new Redis(config.DOCMILL_REDIS_URL, { maxRetriesPerRequest: 0, connectTimeout: 1000, commandTimeout: 1000 });
  if (!opts.redis) {
    redis.on('error', (e) => log.debug({ err: e }, 'rate-limit redis error'));
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
  }
  const limiter = new RateLimiter(redis, config.DOCMILL_QUEUE_PREFIX, 60_000, log);
  const closing = new AbortController();
  app.addHook('preClose', async () => closing.abort());

  const ctx: ApiContext = {
    jobs,
    config,
    download: { allowPrivate: config.DOCMILL_ALLOW_PRIVATE_URLS, timeoutMs: config.DOCMILL_URL_TIMEOUT_MS, maxRedirects: 5 },
    heartbeatMs: opts.heartbeatMs ?? 15_000,
    metrics: new ApiMetrics(),
    closing: closing.signal,
  };

  app.addSchema(ErrorSchema);
  app.addSchema(JobSchema);
  app.addSchema(PageSchema);
  installErrorHandling(app);
  app.addHook('onRoute', (route) => {
    // Note: the review app's static files are files, not API responses: they have no schema to declare.
    if (route.url.startsWith('/ui/') && route.method !== 'POST') return;
    if (!route.schema?.response) throw new DocmillError('INTERNAL', `Route ${String(route.method)} ${route.url} has no response schema.`);
  });
  app.addHook('onResponse', async (req, reply) => {
    ctx.metrics.request(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode);
  });

  void app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'docmill', version: DOCMILL_VERSION, description: 'Documents to Markdown with page-level provenance: the job API.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' } } },
    },
    // Shared schemas appear as components named after their $id ("docmill.job" → "Job").
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => {
        const id = typeof json.$id === 'string' ? json.$id.replace(/^docmill\./, '') : '';
        return id ? id.charAt(0).toUpperCase() + id.slice(1) : `def-${i}`;
      },
    },
  });
  void app.register(multipart, {
    // Note: one byte over the limit, so the submit route's own count (JobService.stage) sees the
    // overflow as it arrives and refuses at once; busboy's truncation would only end the file at
    // the end of the part, after the client sent all of it.
    limits: { fileSize: config.DOCMILL_MAX_BYTES + 1, files: 1, fields: 32, fieldSize: 64 * 1024, parts: 40 },
  });

  void app.register(async (scope) => {
    for (const routes of publicRoutes) await routes(scope, ctx);
  });
  if (opts.ui !== false) {
    void app.register(async (scope) => {
      await registerUi(scope, { mode: 'api', title: 'docmill', features: { upload: true, cancel: true, search: true, ask: true }, options: uploadOptions() });
    });
  }
  void app.register(async (scope) => {
    scope.decorateRequest('principal', undefined);
    scope.addHook('onRequest', async (req, reply) => {
      const presented = bearerToken(req.headers.authorization);
      // Failed keys are counted per client address: past the budget the address gets 429
      // for every key, the right one included, so keys cannot be guessed at speed.
      const address = `authfail:${req.ip}`;
      const barred = await limiter.exhausted(address, config.DOCMILL_AUTH_FAILURES_PER_MINUTE);
      if (barred) {
        throw new DocmillError('RATE_LIMITED', `Too many invalid API keys from ${req.ip}.`, { details: { retryAfterSeconds: barred.resetSeconds } });
      }
      const principal = apiKeys.lookup(presented);
      if (!principal) {
        await limiter.hit(address, config.DOCMILL_AUTH_FAILURES_PER_MINUTE);
        throw new DocmillError('AUTH_INVALID');
      }
      req.principal = principal;
      const d = await limiter.hit(principal.keyId, principal.ratePerMinute ?? config.DOCMILL_RATE_PER_MINUTE);
      void reply.header('ratelimit-limit', d.limit).header('ratelimit-remaining', d.remaining).header('ratelimit-reset', d.resetSeconds);
      if (!d.allowed) {
        throw new DocmillError('RATE_LIMITED', `This key may make ${d.limit} requests per minute.`, { details: { retryAfterSeconds: d.resetSeconds } });
      }
    });
    for (const routes of v1Routes) await routes(scope, ctx);
  });
  return app;
}
