import type { FastifyError, FastifyInstance } from 'fastify';
import { DocmillError, toDocmillError } from '@docmill/core';

/** What a client is told to wait while Redis is away (Retry-After): the API's connections fail within about 2 s. */
const REDIS_RETRY_AFTER_S = 2;

/** Messages and codes of ioredis (and the socket under it) when Redis is down, restarting or hung. */
const REDIS_DOWN = /^(Connection is closed|Command timed out|Stream isn't writeable|Reached the max retries per request limit|connect ETIMEDOUT|LOADING |MASTERDOWN |TRYAGAIN )/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * True when an error (or one of its causes) says Redis could not be reached or did not answer:
 * ioredis' MaxRetriesPerRequestError, a closed connection, a command timeout, a refused socket,
 * a server still loading its AOF. Coded errors other than INTERNAL are never reclassified.
 */
export function isRedisUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DocmillError) {
      if (e.code === 'DOCMILL_ERR_REDIS_UNAVAILABLE') return true;
      if (e.code !== 'DOCMILL_ERR_INTERNAL') return false;
      continue;
    }
    const x = e as { name?: string; message?: string; code?: string };
    if (x.name === 'MaxRetriesPerRequestError') return true;
    if (typeof x.message === 'string' && REDIS_DOWN.test(x.message)) return true;
    if (typeof x.code === 'string' && SOCKET_CODES.has(x.code) && /redis|6379|connect/i.test(`${x.message ?? ''}`)) return true;
  }
  return false;
}

/**
 * Maps anything a route or hook throws to a coded error: DocmillErrors as they
 * are; Fastify's own errors (validation, body too large, bad content type,
 * multipart limits) to their catalogue entries; everything else to INTERNAL,
 * whose detail is logged but not sent (it may name internals).
 * @param err what was thrown
 */
export function toApiError(err: unknown): DocmillError {
  if (isRedisUnavailable(err)) {
    return new DocmillError('REDIS_UNAVAILABLE', undefined, { cause: err, details: { retryAfterSeconds: REDIS_RETRY_AFTER_S } });
  }
  if (err instanceof DocmillError) return err;
  const f = err as Partial<FastifyError> & { validation?: unknown };
  if (f && typeof f === 'object') {
    if (f.validation) return new DocmillError('USAGE_BAD_ARGUMENT', `Request ${f.message ?? 'invalid'}.`);
    switch (f.code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        return new DocmillError('INPUT_TOO_LARGE', 'The uploaded file is over the limit.');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return new DocmillError('INPUT_TOO_LARGE', 'The request body is over the limit (base64 needs 4/3 of the file size; send large files as multipart/form-data).');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return new DocmillError('INPUT_UNSUPPORTED_TYPE', 'Send multipart/form-data (field "file") or application/json.');
      default:
        break;
    }
    if (typeof f.statusCode === 'number' && f.statusCode >= 400 && f.statusCode < 500) {
      return new DocmillError('USAGE_BAD_ARGUMENT', f.message ? `${f.message}.` : undefined);
    }
    if (typeof f.code === 'string' && f.code.startsWith('DOCMILL_ERR_')) return toDocmillError(err);
  }
  return new DocmillError('INTERNAL', undefined, { cause: err });
}

/**
 * Installs the one error handler and the not-found handler: every failure
 * answers `{ error: { code, message, details? } }` with the catalogue's status;
 * RATE_LIMITED also sets Retry-After from its details.
 * @param app the root instance (handlers are inherited by every plugin)
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const e = toApiError(err);
    if (e.status >= 500) req.log.error({ err, code: e.code }, 'request failed');
    else req.log.info({ code: e.code }, e.message);
    const retryAfter = e.details?.retryAfterSeconds ?? (e.code === 'DOCMILL_ERR_REDIS_UNAVAILABLE' ? REDIS_RETRY_AFTER_S : undefined);
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    // Note: an upload refused part-way is not read to its end: the connection closes after the answer.
    if (e.code === 'DOCMILL_ERR_INPUT_TOO_LARGE') reply.header('connection', 'close');
    void reply.status(e.status).send({ error: e.toJSON() });
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new DocmillError('ROUTE_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`);
    void reply.status(e.status).send({ error: e.toJSON() });
  });
}
