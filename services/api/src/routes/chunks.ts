import { chunkDocument } from '@docmill/ask';
import { principalOf, type RouteModule } from '../context.js';
import { bearerSecurity, errorResponses, JobIdParams } from '../schemas.js';

interface IdParams {
  id: string;
}
interface ChunkQuery {
  max_chars?: number;
}

/**
 * `GET /v1/jobs/:id/chunks`: the finished document cut into heading-aware
 * chunks of bounded size, one JSON object a line ({id, pages, headingPath,
 * article?, text}), for a RAG system's embedder.
 * Note: made from the stored result on each request (a few milliseconds per
 * hundred pages), so a changed chunk size needs no reconversion.
 */
export const chunkRoutes: RouteModule = (app, { jobs }) => {
  app.get<{ Params: IdParams; Querystring: ChunkQuery }>(
    '/v1/jobs/:id/chunks',
    {
      schema: {
        summary: 'Heading-aware chunks of the document (JSON lines) for RAG',
        tags: ['results'],
        security: bearerSecurity,
        params: JobIdParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { max_chars: { type: 'integer', minimum: 100, maximum: 100000, description: 'Chunk size bound in characters (default 1500).' } },
        },
        produces: ['application/x-ndjson'],
        response: {
          200: {
            description: 'One chunk per line: {"id":"c0001","pages":[1,2],"headingPath":["1. Introduction"],"text":"…"}; "article" (index in the result\'s articles) when the document has articles.',
            content: { 'application/x-ndjson': { schema: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const doc = await jobs.result(principalOf(req).tenant, req.params.id);
      const chunks = chunkDocument(doc, req.query.max_chars ? { maxChars: req.query.max_chars } : {});
      return reply.type('application/x-ndjson; charset=utf-8').send(chunks.map((c) => `${JSON.stringify(c)}\n`).join(''));
    },
  );
};
