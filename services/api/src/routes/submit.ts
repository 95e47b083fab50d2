import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocmillError } from '@docmill/core';
import { sniffType } from '@docmill/pdf';
import type { StagedInput, SubmitRequest } from '@docmill/jobs';
import { principalOf, type ApiContext, type RouteModule } from '../context.js';
import { toJobOptions } from '../options.js';
import { bearerSecurity, errorResponses, SubmitJsonBody, SubmitMultipartBody } from '../schemas.js';
import { checkCallbackUrl } from '../url/callback.js';
import { downloadUrl } from '../url/download.js';

/** A submitted document: bytes in memory (base64 bodies), or already streamed into the store. */
type Upload = ({ bytes: Buffer; staged?: undefined } | { staged: StagedInput; bytes?: undefined }) & { filename?: string };

/** The uploaded file of a multipart request, streamed into the store in preValidation; `taken` once submit() owns it. */
const uploads = new WeakMap<FastifyRequest, { upload: Upload; taken?: boolean }>();

/**
 * `POST /v1/jobs`: submits a document (multipart `file`, JSON `url` or
 * `document_base64`) with options and an optional `callback_url`. Answers 202
 * with the job and a Location header; with an `Idempotency-Key` the tenant's
 * earlier job for that key is answered again, with 200.
 * The input's type is sniffed from its bytes before anything is queued (415);
 * its size is capped at DOCMILL_MAX_BYTES (413) for uploads, base64 and downloads.
 * Does not open the PDF here: page count and encryption are ingest's checks.
 */
export const submitRoutes: RouteModule = (app, ctx) => {
  const maxBytes = ctx.config.DOCMILL_MAX_BYTES;
  app.post(
    '/v1/jobs',
    {
      // Note: base64 inflates by 4/3; the decoded size is checked against the limit again.
      // JSON bodies are read into one string, so they stop at 400 MiB whatever the
      // byte limit (V8 strings end near 512 MiB): larger files go as multipart.
      bodyLimit: Math.min(Math.ceil(maxBytes / 3) * 4 + 64 * 1024, 400 * 1024 * 1024),
      preValidation: (req) => readMultipart(req, ctx),
      // A staged upload that no job took (validation or sniffing refused the request) is removed.
      onResponse: async (req) => {
        const u = uploads.get(req);
        if (u?.upload.staged && !u.taken) await ctx.jobs.discard(u.upload.staged);
      },
      schema: {
        summary: 'Submit a document for conversion',
        tags: ['jobs'],
        security: bearerSecurity,
        consumes: ['multipart/form-data', 'application/json'],
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' } },
        },
        body: {
          content: {
            'multipart/form-data': { schema: SubmitMultipartBody },
            'application/json': { schema: SubmitJsonBody },
          },
        },
        response: {
          200: { description: 'The job made earlier with the same Idempotency-Key.', $ref: 'docmill.job#' },
          202: { description: 'The job, queued (or finished at once when an identical result was reused).', $ref: 'docmill.job#' },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => submit(req, reply, ctx),
  );
};

/**
 * Reads a multipart body: the file streamed into the store as it arrives (the size limit
 * fires as bytes come, memory stays a chunk per upload), the other fields into req.body
 * (for validation).
 */
async function readMultipart(req: FastifyRequest, ctx: ApiContext): Promise<void> {
  if (!req.isMultipart()) return;
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || uploads.has(req)) {
        part.file.resume();
        throw new DocmillError('USAGE_BAD_ARGUMENT', `Send one file, in the field "file" (got "${part.fieldname}").`);
      }
      const staged = await ctx.jobs.stage(part.file, ctx.config.DOCMILL_MAX_BYTES);
      const name = sanitizeFilename(part.filename);
      uploads.set(req, { upload: name ? { staged, filename: name } : { staged } });
      if (part.file.truncated) throw new DocmillError('INPUT_TOO_LARGE', `The uploaded file is over ${ctx.config.DOCMILL_MAX_BYTES} bytes.`);
      fields.file = name || 'upload';
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  req.body = fields;
}

async function submit(req: FastifyRequest, reply: FastifyReply, ctx: ApiContext) {
  const started = Date.now();
  const principal = principalOf(req);
  if (!req.isMultipart() && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new DocmillError('INPUT_UNSUPPORTED_TYPE', 'Send multipart/form-data (field "file") or application/json ({url} or {document_base64}).');
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  const input = await inputOf(req, body, ctx);
  const size = input.staged ? input.staged.size : input.bytes.length;
  if (size === 0) throw new DocmillError('INPUT_EMPTY');
  if (size > ctx.config.DOCMILL_MAX_BYTES) {
    throw new DocmillError('INPUT_TOO_LARGE', `${size} bytes, the limit is ${ctx.config.DOCMILL_MAX_BYTES}.`);
  }
  if (!sniffType(input.staged ? input.staged.head : input.bytes)) throw new DocmillError('INPUT_UNSUPPORTED_TYPE', 'The content is not a PDF or a supported image.');

  const options = toJobOptions(body, body.options);
  // Note: the server's default OCR languages are fixed into the job (and so into its fingerprint).
  if (options.lang === undefined && ctx.config.DOCMILL_LANG) options.lang = ctx.config.DOCMILL_LANG;
  const request: SubmitRequest = { tenant: principal.tenant, options, ...(input.staged ? { staged: input.staged } : { bytes: input.bytes }) };
  // The key's quotas ride with the job to its workers (pages per document, pages in flight).
  const limits = {
    ...(principal.maxPages !== undefined ? { maxPages: principal.maxPages } : {}),
    ...(principal.pagesInFlight !== undefined ? { pagesInFlight: principal.pagesInFlight } : {}),
  };
  if (Object.keys(limits).length > 0) request.limits = limits;
  const filename = sanitizeFilename(typeof body.filename === 'string' ? body.filename : undefined) ?? sanitizeFilename(input.filename);
  if (filename) request.filename = filename;
  if (typeof body.callback_url === 'string' && body.callback_url) {
    if (!principal.webhookSecret) {
      throw new DocmillError('USAGE_BAD_ARGUMENT', 'callback_url needs a webhook secret for this API key ("key:tenant:secret" in DOCMILL_API_KEYS).');
    }
    await checkCallbackUrl(body.callback_url, ctx.download.allowPrivate);
    request.callback = { url: body.callback_url, secret: principal.webhookSecret };
  }
  const idem = req.headers['idempotency-key'];
  if (typeof idem === 'string' && idem) request.idempotencyKey = idem;

  const held = uploads.get(req);
  if (held) held.taken = true;
  const job = await ctx.jobs.submit(request);
  // Note: the job service answers a known Idempotency-Key with the earlier job;
  // a job created before this request began is that earlier one.
  const existing = request.idempotencyKey !== undefined && Date.parse(job.createdAt) < started;
  void reply.header('location', `/v1/jobs/${encodeURIComponent(job.id)}`);
  return reply.status(existing ? 200 : 202).send(job);
}

/** Characters never kept in a filename: C0/C1 controls, bidirectional overrides and isolates, zero-width marks. */
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A client's filename made safe to store and show: Unicode NFC, the last path segment only
 * (a browser or curl may send "C:\\Users\\…\\a.pdf" or "../../a.pdf"), no control or bidi-override
 * characters (a name that renders as "exe.pdf" must not hide "fdp.exe"), blanks collapsed,
 * at most 255 characters (whole code points). Undefined when nothing is left.
 * @param raw the name as sent (multipart part, "filename" field or URL)
 */
export function sanitizeFilename(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const last = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = last.replace(/\s+/g, ' ').replace(UNSAFE_IN_NAME, '').trim();
  if (!clean || clean === '.' || clean === '..') return undefined;
  return [...clean].slice(0, 255).join('');
}

async function inputOf(req: FastifyRequest, body: Record<string, unknown>, ctx: ApiContext): Promise<Upload> {
  const upload = uploads.get(req)?.upload;
  const url = typeof body.url === 'string' ? body.url : undefined;
  const b64 = typeof body.document_base64 === 'string' ? body.document_base64 : undefined;
  const given = [upload, url, b64].filter((x) => x !== undefined).length;
  if (given !== 1) {
    throw new DocmillError('USAGE_BAD_ARGUMENT', 'Send exactly one document: a multipart "file", a JSON "url", or a JSON "document_base64".');
  }
  if (upload) return upload;
  if (b64 !== undefined) {
    if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(b64)) throw new DocmillError('USAGE_BAD_ARGUMENT', 'document_base64 is not base64.');
    return { bytes: Buffer.from(b64, 'base64') };
  }
  // Note: the body streams into the store as it arrives, refused as soon as it passes the limit.
  let staged: StagedInput | undefined;
  const got = await downloadUrl(url!, {
    maxBytes: ctx.config.DOCMILL_MAX_BYTES,
    allowPrivate: ctx.download.allowPrivate,
    maxRedirects: ctx.download.maxRedirects,
    timeoutMs: ctx.download.timeoutMs,
    sink: async (body) => { staged = await ctx.jobs.stage(body, ctx.config.DOCMILL_MAX_BYTES); },
  });
  uploads.set(req, { upload: { staged: staged!, ...(got.filename ? { filename: got.filename } : {}) } });
  return uploads.get(req)!.upload;
}
