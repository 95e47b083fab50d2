/**
 * JSON schemas of the API's requests and responses. Fastify validates requests
 * with them, serializes responses through them (so a field not listed here, such
 * as a callback secret or a PDF password, never reaches a client), and
 * @fastify/swagger turns them into /openapi.json.
 */

import { optionProperties, recordOptionProperties } from './options.js';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const;

export const ErrorSchema = {
  $id: 'docmill.error',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'DOCMILL_ERR_<AREA>_<WHAT>' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

/** The error responses every route may give (ref to the shared schema). */
export const errorResponses = {
  '4xx': { $ref: 'docmill.error#' },
  '5xx': { $ref: 'docmill.error#' },
} as const;

const plainError = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: true } },
} as const;

export const JobSchema = {
  $id: 'docmill.job',
  type: 'object',
  description: 'A conversion job. Never carries the callback secret or the PDF password.',
  required: ['id', 'tenant', 'status', 'createdAt', 'progress', 'sha256', 'options', 'engine', 'timings'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    tenant: { type: 'string' },
    status: { type: 'string', enum: JOB_STATUSES },
    createdAt: { type: 'string', format: 'date-time' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    progress: {
      type: 'object',
      required: ['pagesDone', 'pagesTotal'],
      properties: { pagesDone: { type: 'integer' }, pagesTotal: { type: 'integer' } },
    },
    sha256: { type: 'string' },
    filename: { type: 'string', maxLength: 255, description: 'The document\'s name, sanitised.' },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: recordOptionProperties,
    },
    engine: { type: 'string' },
    error: plainError,
    degraded: { type: 'object', required: ['reason', 'share'], properties: { reason: { type: 'string' }, share: { type: 'number' } } },
    reused: { type: 'object', required: ['from'], properties: { from: { type: 'string', description: 'The job whose result was reused.' } } },
    timings: {
      type: 'object',
      description: 'Milliseconds per stage.',
      properties: {
        queuedMs: { type: 'number' },
        ingestMs: { type: 'number' },
        pagesMs: { type: 'number' },
        assembleMs: { type: 'number' },
        totalMs: { type: 'number' },
      },
    },
    usage: {
      type: 'object',
      properties: Object.fromEntries(
        ['pages', 'pagesText', 'pagesOcr', 'pagesVision', 'pagesFailed', 'pagesFallback', 'promptTokens', 'imageTokens', 'completionTokens', 'ocrPagesProcessed', 'ocrDocSizeBytes'].map((k) => [k, { type: 'integer' }]),
      ),
    },
    failedPages: { type: 'array', description: '0-based pages flagged "error" in the result.', items: { type: 'integer' } },
    reviewPages: { type: 'array', description: '0-based pages a person should look at: failed, made by a fallback engine, low confidence, or flagged with trouble.', items: { type: 'integer' } },
  },
} as const;

export const JobListSchema = {
  type: 'object',
  required: ['jobs'],
  properties: {
    jobs: { type: 'array', items: { $ref: 'docmill.job#' } },
    nextCursor: { type: 'string', description: 'Pass as ?cursor= for the next page; absent on the last page.' },
  },
} as const;

const bbox = { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 } as const;

export const PageSchema = {
  $id: 'docmill.page',
  type: 'object',
  description: 'One page of a result (shape follows Mistral OCR: index, markdown, images, dimensions).',
  required: ['index', 'markdown', 'dimensions'],
  additionalProperties: true,
  properties: {
    index: { type: 'integer', description: '0-based page index in the document.' },
    label: { type: 'string', description: 'Printed page label (/PageLabels), when present.' },
    markdown: { type: 'string' },
    dimensions: {
      type: 'object',
      properties: { width: { type: 'number' }, height: { type: 'number' }, dpi: { type: 'number' } },
    },
    blocks: { type: 'array', items: { type: 'object', additionalProperties: true } },
    images: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, bbox, path: { type: 'string' } } },
    },
    removed: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, text: { type: 'string' } } } },
    path: { type: 'string', enum: ['text', 'ocr', 'vision', 'none'] },
    engine: { type: 'string' },
    flags: { type: 'array', items: { type: 'string' } },
    confidence: { type: 'number' },
    fallback: { type: 'object', properties: { from: { type: 'string' }, reason: { type: 'string' } } },
    rotation: { type: 'integer' },
    usage: { type: 'object', additionalProperties: true },
    error: plainError,
    promptVersion: { type: 'string' },
  },
} as const;

export const DocumentSchema = {
  type: 'object',
  description: 'The converted document: per-page results and the whole Markdown.',
  required: ['source', 'pages', 'markdown', 'usage', 'producer'],
  properties: {
    source: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        sha256: { type: 'string' },
        pages: { type: 'integer' },
        mime: { type: 'string' },
        bytes: { type: 'integer' },
      },
    },
    pages: { type: 'array', items: { $ref: 'docmill.page#' } },
    markdown: { type: 'string' },
    articles: {
      type: 'array',
      description: 'Headlines with the blocks that follow them in reading order until the next headline (present when the document has headlines).',
      items: {
        type: 'object',
        required: ['title', 'pages', 'blocks'],
        properties: {
          title: { type: 'string' },
          pages: { type: 'array', items: { type: 'integer' }, description: '0-based page indexes.' },
          blocks: {
            type: 'array',
            items: { type: 'object', required: ['page', 'block'], properties: { page: { type: 'integer' }, block: { type: 'integer' } } },
            description: 'Page index and index in that page\'s blocks, in reading order.',
          },
          continued: { type: 'boolean', description: 'The article began before the first page of this result.' },
        },
      },
    },
    usage: { type: 'object', additionalProperties: true },
    degraded: { type: 'object', properties: { reason: { type: 'string' }, share: { type: 'number' } } },
    producer: {
      type: 'object',
      properties: { name: { type: 'string' }, version: { type: 'string' }, optionsHash: { type: 'string' } },
    },
  },
} as const;

export const JobIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 128 } },
} as const;

export const PageParams = {
  type: 'object',
  required: ['id', 'n'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 128 }, n: { type: 'integer', minimum: 1, description: '1-based page number' } },
} as const;

/** The document's name, shown back in the job; sanitised (see sanitizeFilename). */
export const FilenameProperty = {
  type: 'string',
  maxLength: 255,
  description: 'A name for the document, shown back in the job: its last path segment is kept, control and bidirectional-override characters are removed, and it is cut to 255 characters.',
} as const;

const callbackUrl = {
  type: 'string',
  maxLength: 2048,
  description: 'POSTed the final job when it ends, signed with the key\'s webhook secret: X-Docmill-Signature: sha256=<hex HMAC-SHA256 of "<X-Docmill-Timestamp>.<raw body>">; X-Docmill-Delivery is the same on every attempt.',
} as const;

export const SubmitJsonBody = {
  type: 'object',
  additionalProperties: false,
  description: 'Exactly one of url or document_base64.',
  properties: {
    url: { type: 'string', maxLength: 8192, description: 'http(s) URL of the document; private addresses are refused.' },
    document_base64: { type: 'string', description: 'The document, base64-encoded.' },
    filename: FilenameProperty,
    ...optionProperties,
    options: { type: 'object', additionalProperties: false, properties: optionProperties },
    callback_url: callbackUrl,
  },
} as const;

export const SubmitMultipartBody = {
  type: 'object',
  required: ['file'],
  // Note: unknown fields are refused (400) as in JSON bodies: "-F page=1" (for pages) must not convert everything.
  additionalProperties: false,
  properties: {
    file: { type: 'string', format: 'binary', description: 'The document (PDF, PNG, JPEG, TIFF or WebP). Its part\'s filename is used when no "filename" field is sent.' },
    filename: FilenameProperty,
    ...optionProperties,
    options: { type: 'string', description: 'Options as one JSON object (alternative to separate fields).' },
    callback_url: callbackUrl,
  },
} as const;

export const bearerSecurity = [{ apiKey: [] }];
