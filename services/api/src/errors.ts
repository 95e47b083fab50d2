import type { FastifyError, FastifyInstance } from 'fastify';
import { DocmillError, toDocmillError } from '@docmill/core';

/**
 * Maps anything a route or hook throws to a coded error: DocmillErrors as they
 * are; Fastify's own errors (validation, body too large, bad content type,
 * multipart limits) to their catalogue entries; everything else to INTERNAL,
 * whose detail is logged but not sent (it may name internals).
 * @param err what was thrown
 */
export function toApiError(err: unknown): DocmillError {
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
    const retryAfter = e.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    void reply.status(e.status).send({ error: e.toJSON() });
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new DocmillError('ROUTE_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`);
    void reply.status(e.status).send({ error: e.toJSON() });
  });
}
