import { principalOf, type RouteModule } from '../context.js';
import { bearerSecurity, errorResponses, JOB_STATUSES, JobIdParams, JobListSchema } from '../schemas.js';

interface IdParams {
  id: string;
}

/**
 * `GET /v1/jobs/:id`, `GET /v1/jobs` (status filter, cursor paging) and
 * `DELETE /v1/jobs/:id` (cancel if running, then delete the results).
 * Another tenant's job answers 404 JOB_NOT_FOUND, exactly as a missing one.
 */
export const jobRoutes: RouteModule = (app, { jobs }) => {
  app.get<{ Params: IdParams }>(
    '/v1/jobs/:id',
    {
      schema: {
        summary: 'A job: status, progress, timings, error',
        tags: ['jobs'],
        security: bearerSecurity,
        params: JobIdParams,
        response: { 200: { $ref: 'docmill.job#' }, ...errorResponses },
      },
    },
    async (req) => jobs.get(principalOf(req).tenant, req.params.id),
  );

  app.get<{ Querystring: { status?: (typeof JOB_STATUSES)[number]; cursor?: string; limit?: number } }>(
    '/v1/jobs',
    {
      schema: {
        summary: "The tenant's jobs, newest first",
        tags: ['jobs'],
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: JOB_STATUSES },
            cursor: { type: 'string', maxLength: 512 },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
        },
        response: { 200: JobListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { status, cursor, limit } = req.query;
      return jobs.list(principalOf(req).tenant, {
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
        ...(limit ? { limit } : {}),
      });
    },
  );

  app.delete<{ Params: IdParams }>(
    '/v1/jobs/:id',
    {
      schema: {
        summary: 'Cancel a job if it runs, then delete it and its results',
        tags: ['jobs'],
        security: bearerSecurity,
        params: JobIdParams,
        response: { 204: { description: 'Deleted.', type: 'null' }, ...errorResponses },
      },
    },
    async (req, reply) => {
      await jobs.delete(principalOf(req).tenant, req.params.id);
      return reply.status(204).send();
    },
  );
};
