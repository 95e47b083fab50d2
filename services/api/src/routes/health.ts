import { DOCMILL_VERSION, DocmillError } from '@docmill/core';
import type { RouteModule } from '../context.js';
import { errorResponses } from '../schemas.js';

const Status = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string' }, version: { type: 'string' } },
} as const;

/**
 * `GET /healthz` (the process answers) and `GET /readyz` (Redis answers
 * jobs.ping(); 503 REDIS_UNAVAILABLE otherwise). Neither needs an API key.
 */
export const healthRoutes: RouteModule = (app, { jobs }) => {
  app.get('/healthz', { schema: { summary: 'Liveness', tags: ['ops'], response: { 200: Status } } }, async () => ({ status: 'ok', version: DOCMILL_VERSION }));
  app.get(
    '/readyz',
    { schema: { summary: 'Readiness: Redis reachable', tags: ['ops'], response: { 200: Status, ...errorResponses } } },
    async () => {
      if (!(await jobs.ping())) throw new DocmillError('REDIS_UNAVAILABLE');
      return { status: 'ready', version: DOCMILL_VERSION };
    },
  );
};
