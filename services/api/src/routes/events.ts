import type { FastifyReply, FastifyRequest } from 'fastify';
import { createLogger, toDocmillError } from '@docmill/core';
import type { JobEvent } from '@docmill/jobs';
import { principalOf, type ApiContext, type RouteModule } from '../context.js';
import { bearerSecurity, errorResponses, JobIdParams, JobSchema } from '../schemas.js';

const log = createLogger('api:events');

/**
 * `GET /v1/jobs/:id/events`: server-sent events. `event: status` carries the
 * job (first its current state, then every change), `event: progress` carries
 * `{pagesDone, pagesTotal}`; the stream ends after the final state. A comment
 * line is sent every heartbeat interval so proxies keep the connection open.
 * The subscription ends when the client leaves or the server closes.
 * Does not support Last-Event-ID resumption: a reconnecting client gets the
 * current state first, which is all it needs.
 */
export const eventRoutes: RouteModule = (app, ctx) => {
  app.get<{ Params: { id: string } }>(
    '/v1/jobs/:id/events',
    {
      exposeHeadRoute: false,
      schema: {
        summary: 'Follow a job: server-sent events until its final state',
        tags: ['jobs'],
        security: bearerSecurity,
        params: JobIdParams,
        produces: ['text/event-stream'],
        response: {
          200: {
            description: 'text/event-stream: "event: status" (data: the job) and "event: progress" (data: {pagesDone, pagesTotal}).',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => stream(req, reply, ctx),
  );
};

async function stream(req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, ctx: ApiContext): Promise<void> {
  const tenant = principalOf(req).tenant;
  const ac = new AbortController();
  const signal = AbortSignal.any([ac.signal, ctx.closing]);
  const events = ctx.jobs.events(tenant, req.params.id, signal)[Symbol.asyncIterator]();
  // Note: the first event is pulled before the response starts, so an unknown
  // (or another tenant's) job still answers a plain 404 through the error handler.
  const first = await events.next();

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // Note: the connection is not reused after a stream: a finished stream then
    // leaves no idle socket behind to hold up a server shutdown.
    connection: 'close',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  res.on('close', () => ac.abort());
  // The client may have left while the first event was read: 'close' has fired already then.
  if (res.destroyed || req.raw.destroyed) ac.abort();
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), ctx.heartbeatMs);
  heartbeat.unref();
  let seq = 0;
  const send = (ev: JobEvent) => {
    const data = ev.type === 'status' ? reply.serializeInput(ev.job as unknown as Record<string, unknown>, JobSchema) : JSON.stringify(ev.progress);
    res.write(`id: ${++seq}\nevent: ${ev.type}\ndata: ${data}\n\n`);
  };
  try {
    let cur = first;
    while (!cur.done && !signal.aborted) {
      send(cur.value);
      cur = await events.next();
    }
  } catch (e) {
    if (!signal.aborted) {
      const err = toDocmillError(e);
      log.warn({ err: e, job: req.params.id }, 'event stream failed');
      res.write(`event: error\ndata: ${JSON.stringify({ error: { code: err.code, message: err.message } })}\n\n`);
    }
  } finally {
    clearInterval(heartbeat);
    await events.return?.();
    res.end();
  }
}
