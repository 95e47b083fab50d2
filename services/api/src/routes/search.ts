import { isDocmillError } from '@docmill/core';
import { principalOf, type RouteModule } from '../context.js';
import { bearerSecurity, errorResponses } from '../schemas.js';

interface SearchQuery {
  q: string;
  limit?: number;
}

/**
 * `GET /v1/search?q=&limit=`: BM25 over the chunks of the tenant's succeeded
 * jobs, from the shared index in Redis (see SearchIndex in @docmill/ask).
 * Note: the index has one writer, the job system's search relay (an outbox
 * consumer in the assemble workers): a job is found a moment after it succeeds,
 * and gone a moment after it is deleted. A search reads no job list.
 */
export const searchRoutes: RouteModule = (app, { jobs, config }) => {
  // Note: the index may live in a Redis of its own (DOCMILL_SEARCH_REDIS_URL), away from the queues'.
  const index = jobs.searchIndex(config.DOCMILL_SEARCH_REDIS_URL);
  app.addHook('onClose', async () => index.close());
  app.get<{ Querystring: SearchQuery }>(
    '/v1/search',
    {
      schema: {
        summary: "Search the tenant's documents: ranked chunks with job, page, snippet and highlight offsets",
        tags: ['search'],
        security: bearerSecurity,
        querystring: {
          type: 'object',
          required: ['q'],
          additionalProperties: false,
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 1000 },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['hits'],
            properties: {
              hits: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['jobId', 'page', 'chunkId', 'snippet', 'highlights', 'score'],
                  properties: {
                    jobId: { type: 'string' },
                    page: { type: 'integer', description: "1-based (the chunk's first page)." },
                    chunkId: { type: 'string' },
                    snippet: { type: 'string' },
                    highlights: { type: 'array', description: '[start, end) offsets in snippet.', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 } },
                    score: { type: 'number' },
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { tenant } = principalOf(req);
      const limit = req.query.limit ?? 10;
      const hits = await index.search(tenant, req.query.q, limit);
      // Hits of a job deleted a moment ago (the relay has not removed it yet) are left out.
      const gone = new Set<string>();
      for (const jobId of new Set(hits.map((h) => h.jobId))) {
        const alive = await jobs.get(tenant, jobId).then((j) => j.status === 'succeeded', (e) => (isDocmillError(e, 'JOB_NOT_FOUND') ? false : true));
        if (!alive) gone.add(jobId);
      }
      return { hits: hits.filter((h) => !gone.has(h.jobId)) };
    },
  );
};
