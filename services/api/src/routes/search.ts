import { chunkDocument, SearchIndex } from '@docmill/ask';
import { createLogger, isDocmillError } from '@docmill/core';
import type { JobService } from '@docmill/jobs';
import { principalOf, type RouteModule } from '../context.js';
import { bearerSecurity, errorResponses } from '../schemas.js';

interface SearchQuery {
  q: string;
  limit?: number;
}

const log = createLogger('api:search');

/** How often one API process reconciles a tenant's index with its job list (ms). */
const RECONCILE_EVERY_MS = 1000;

/**
 * Keeps a tenant's search index in step with its succeeded jobs: indexes
 * those not in it yet, removes those gone.
 * Note: the job system has no completion or deletion hook for other packages
 * yet, so the index is reconciled lazily, before a search, at most once a
 * second per tenant and process, under a short Redis lock so that several API
 * processes do not index the same job twice. A deleted job's hits are also
 * dropped at search time (its record is checked), so a delete shows at once.
 */
class Reconciler {
  readonly #last = new Map<string, number>();
  constructor(
    private readonly jobs: JobService,
    private readonly index: SearchIndex,
    private readonly lockPrefix: string,
  ) {}

  async run(tenant: string): Promise<void> {
    const now = Date.now();
    if (now - (this.#last.get(tenant) ?? 0) < RECONCILE_EVERY_MS) return;
    this.#last.set(tenant, now);
    const redis = this.jobs.ctx.redis;
    const lock = `${this.lockPrefix}:{${encodeURIComponent(tenant)}}:lock`;
    if ((await redis.set(lock, String(process.pid), 'PX', 60_000, 'NX')) !== 'OK') return;
    try {
      const live = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await this.jobs.list(tenant, { status: 'succeeded', limit: 100, ...(cursor ? { cursor } : {}) });
        for (const j of page.jobs) live.add(j.id);
        cursor = page.nextCursor;
      } while (cursor);
      const indexed = new Set(await this.index.indexedJobs(tenant));
      for (const id of live) {
        if (indexed.has(id)) continue;
        try {
          await this.index.add(tenant, id, chunkDocument(await this.jobs.result(tenant, id)));
        } catch (e) {
          log.warn({ tenant, job: id, err: e instanceof Error ? e.message : String(e) }, 'job not indexed');
        }
      }
      for (const id of indexed) if (!live.has(id)) await this.index.remove(tenant, id);
    } finally {
      await redis.del(lock);
    }
  }
}

/**
 * `GET /v1/search?q=&limit=`: BM25 over the chunks of the tenant's succeeded
 * jobs, from the shared index in Redis (see SearchIndex in @docmill/ask).
 */
export const searchRoutes: RouteModule = (app, { jobs, config }) => {
  const prefix = `${config.DOCMILL_QUEUE_PREFIX}:search`;
  const index = new SearchIndex({ redis: jobs.ctx.redis, prefix });
  const reconciler = new Reconciler(jobs, index, prefix);
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
      await reconciler.run(tenant);
      const limit = req.query.limit ?? 10;
      const hits = await index.search(tenant, req.query.q, limit);
      // Drop hits of jobs deleted since the last reconcile (and unindex them).
      const gone = new Set<string>();
      for (const jobId of new Set(hits.map((h) => h.jobId))) {
        const alive = await jobs.get(tenant, jobId).then((j) => j.status === 'succeeded', (e) => (isDocmillError(e, 'JOB_NOT_FOUND') ? false : true));
        if (!alive) {
          gone.add(jobId);
          await index.remove(tenant, jobId);
        }
      }
      return { hits: hits.filter((h) => !gone.has(h.jobId)) };
    },
  );
};
