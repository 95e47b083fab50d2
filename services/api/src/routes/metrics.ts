import { DocmillError } from '@docmill/core';
import { bearerToken } from '../auth.js';
import { secretMatcher } from '../secret.js';
import type { RouteModule } from '../context.js';
import { errorResponses } from '../schemas.js';

/**
 * `GET /metrics`: Prometheus text format — jobs by state, pages processed
 * (rate() for pages/s), page latency histogram, queue depths, HTTP requests.
 * Does not take an API key: it asks for DOCMILL_METRICS_TOKEN (`Authorization:
 * Bearer …`, Prometheus' `authorization` setting), compared in constant time;
 * without a token configured nobody can read it (401).
 */
export const metricsRoutes: RouteModule = (app, { jobs, metrics, config }) => {
  const isToken = config.DOCMILL_METRICS_TOKEN ? secretMatcher(config.DOCMILL_METRICS_TOKEN) : undefined;
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics',
        tags: ['ops'],
        produces: ['text/plain'],
        response: { 200: { description: 'Prometheus text format 0.0.4.', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errorResponses },
      },
    },
    async (req, reply) => {
      // Note: closed without a token (401: no token can match), rather than open to whoever
      // reaches the API port: the figures tell volumes and tenants' activity. Prometheus sends
      // the token (its `authorization` setting).
      if (!isToken) throw new DocmillError('AUTH_MISSING', '/metrics needs a token and none is configured: set DOCMILL_METRICS_TOKEN and scrape with Authorization: Bearer <token>.');
      {
        let token: string;
        try {
          token = bearerToken(req.headers.authorization);
        } catch {
          throw new DocmillError('AUTH_MISSING', 'Send the metrics token: Authorization: Bearer <DOCMILL_METRICS_TOKEN>.');
        }
        if (!isToken(token)) throw new DocmillError('AUTH_INVALID', 'The metrics token is not valid.');
      }
      let snapshot;
      try {
        snapshot = await jobs.metrics();
      } catch (e) {
        throw new DocmillError('REDIS_UNAVAILABLE', 'Job metrics could not be read.', { cause: e });
      }
      metrics.update(snapshot);
      return reply.type(metrics.registry.contentType).send(await metrics.text());
    },
  );
};
