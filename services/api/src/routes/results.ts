import { createHash } from 'node:crypto';
import { principalOf, type RouteModule } from '../context.js';
import { bearerSecurity, DocumentSchema, errorResponses, JobIdParams, PageParams } from '../schemas.js';

interface IdParams {
  id: string;
}
interface PageParamsT {
  id: string;
  n: number;
}

/**
 * The results of a finished job: the whole document as JSON or Markdown, one
 * page as JSON, one rendered page as PNG. A job still running answers 409
 * JOB_NOT_FINISHED (the job service decides); a page past the end answers 404.
 */
export const resultRoutes: RouteModule = (app, { jobs }) => {
  app.get<{ Params: IdParams }>(
    '/v1/jobs/:id/result',
    {
      schema: {
        summary: 'The converted document as JSON (per-page results and Markdown)',
        tags: ['results'],
        security: bearerSecurity,
        params: JobIdParams,
        response: { 200: DocumentSchema, ...errorResponses },
      },
    },
    async (req) => jobs.result(principalOf(req).tenant, req.params.id),
  );

  app.get<{ Params: IdParams }>(
    '/v1/jobs/:id/result.md',
    {
      schema: {
        summary: 'The converted document as Markdown',
        tags: ['results'],
        security: bearerSecurity,
        params: JobIdParams,
        produces: ['text/markdown'],
        response: {
          200: { description: 'Markdown with <!-- page N --> anchors.', content: { 'text/markdown': { schema: { type: 'string' } } } },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const md = await jobs.markdown(principalOf(req).tenant, req.params.id);
      return reply.type('text/markdown; charset=utf-8').send(md);
    },
  );

  app.get<{ Params: PageParamsT }>(
    '/v1/jobs/:id/pages/:n',
    {
      schema: {
        summary: 'One page of the result (1-based)',
        tags: ['results'],
        security: bearerSecurity,
        params: PageParams,
        response: { 200: { $ref: 'docmill.page#' }, ...errorResponses },
      },
    },
    async (req) => jobs.page(principalOf(req).tenant, req.params.id, req.params.n),
  );

  app.get<{ Params: PageParamsT }>(
    '/v1/jobs/:id/pages/:n/image',
    {
      schema: {
        summary: 'One page as PNG: kept with keep_images, else drawn from the stored input on first request',
        tags: ['results'],
        security: bearerSecurity,
        params: PageParams,
        produces: ['image/png'],
        response: {
          200: { description: 'The page image.', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } },
          304: { description: 'Not modified (If-None-Match matched the ETag).', type: 'null' },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const png = await jobs.pageImage(principalOf(req).tenant, req.params.id, req.params.n);
      // Note: a finished job's page never changes; the tag names the bytes, and `private` keeps shared caches out.
      const etag = `"${createHash('sha256').update(png).digest('base64url').slice(0, 22)}"`;
      void reply.header('cache-control', 'private, max-age=86400').header('etag', etag);
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type('image/png').send(png);
    },
  );
};
