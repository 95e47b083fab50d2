import { DocmillError } from '@docmill/core';
import { bearerToken } from '../auth.js';
import { secretMatcher } from '../secret.js';
import type { RouteModule } from '../context.js';
import { errorResponses } from '../schemas.js';

/**
 * `GET /metrics`: Prometheus text format — jobs by state, pages processed
 * (rate() for pages/s), page latency histogram, queue depths, HTTP requests.
 * Does not take an API key. With DOCMILL_METRICS_TOKEN set it asks for that
 * token (`Authorization: Bearer …`, Prometheus' `authorization` setting),
 * compared in constant time; without it, keep it on the internal network.
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
      if (isToken) {
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
