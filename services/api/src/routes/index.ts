import type { RouteModule } from '../context.js';
import { eventRoutes } from './events.js';
import { healthRoutes } from './health.js';
import { jobRoutes } from './jobs.js';
import { metricsRoutes } from './metrics.js';
import { openapiRoutes } from './openapi.js';
import { resultRoutes } from './results.js';
import { submitRoutes } from './submit.js';
import { chunkRoutes } from './chunks.js';
import { questionRoutes } from './questions.js';
import { searchRoutes } from './search.js';

/**
 * The routes behind the API key (request.principal set, rate limited). To add
 * a route group, write `routes/<group>.ts` exporting a RouteModule and add it
 * here: that is the whole registration.
 */
export const v1Routes: RouteModule[] = [
  submitRoutes,
  jobRoutes,
  resultRoutes,
  eventRoutes,
  questionRoutes, chunkRoutes, searchRoutes,
];

/** Routes without an API key: health, readiness, metrics, the OpenAPI document. */
export const publicRoutes: RouteModule[] = [healthRoutes, metricsRoutes, openapiRoutes];
