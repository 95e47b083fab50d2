import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DocmillError, type Config } from '@docmill/core';
import type { JobService } from '@docmill/jobs';
import type { Principal } from './auth.js';
import type { ApiMetrics } from './metrics.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every /v1 route. */
    principal?: Principal;
  }
}

/** What route modules get besides the Fastify instance. */
export interface ApiContext {
  jobs: JobService;
  config: Config;
  /** URL ingest policy. */
  download: { allowPrivate: boolean; timeoutMs: number; maxRedirects: number };
  /** Interval of SSE heartbeat comments. */
  heartbeatMs: number;
  /** This process's Prometheus registry. */
  metrics: ApiMetrics;
  /** Aborted when the server closes, so long-lived streams (SSE) end and let it. */
  closing: AbortSignal;
}

/**
 * A group of routes in its own file. `/v1` modules run behind the API-key hook
 * (request.principal is set); public modules (health, metrics, spec) do not.
 * Every route declares params/querystring/body and response schemas.
 */
export type RouteModule = (app: FastifyInstance, ctx: ApiContext) => void | Promise<void>;

/**
 * The caller of a /v1 route.
 * @param req the request
 * Throws AUTH_MISSING when used on a route that is not behind the auth hook.
 */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new DocmillError('AUTH_MISSING');
  return req.principal;
}
