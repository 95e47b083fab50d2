import { DocmillError } from '@docmill/core';
import type { RouteModule } from '../context.js';
import { errorResponses } from '../schemas.js';

/**
 * `GET /metrics`: Prometheus text format — jobs by state, pages processed
 * (rate() for pages/s), page latency histogram, queue depths, HTTP requests.
 * Does not require an API key: keep it on the internal network.
 */
export const metricsRoutes: RouteModule = (app, { jobs, metrics }) => {
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
    async (_req, reply) => {
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
