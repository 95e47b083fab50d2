import { setTimeout as sleep } from 'node:timers/promises';
import { DocmillError, ERRORS as ERROR_NAMES, type DocumentResult, type PlainError } from '@docmill/core';
import { postFile } from './upload.js';

/** A job as the API answers it (the fields docmill submit reads). */
export interface ApiJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';
  sha256: string;
  createdAt: string;
  progress: { pagesDone: number; pagesTotal: number };
  error?: PlainError;
}

/** Retry policy of the client, as data: attempts per request and the backoff between them. */
export interface RetryPolicy {
  /** Attempts per request for network errors and 5xx answers (429s are waited out apart: see rateLimitedAttempts). */
  attempts: number;
  /** First backoff, doubled each attempt, capped at maxDelayMs, ± jitter (a share of the delay). */
  baseDelayMs: number;
  maxDelayMs: number;
  jitter: number;
  /** How many 429 answers one request waits out (each for its Retry-After). */
  rateLimitedAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 20_000, jitter: 0.2, rateLimitedAttempts: 50 };

/** The outcome of one HTTP attempt, before the policy decides. */
type Attempt =
  | { kind: 'ok'; res: Response }
  | { kind: 'retry'; error: DocmillError; afterMs?: number }
  | { kind: 'rate-limited'; error: DocmillError; afterMs: number }
  | { kind: 'fail'; error: DocmillError };

/** A file to send as multipart with its option fields. */
interface Upload {
  path: string;
  fields: Record<string, string>;
}

export interface SubmitFileRequest {
  path: string;
  /** Sent as the Idempotency-Key header. */
  idempotencyKey: string;
  /** Option fields of the multipart form (API spelling: ocr, engine, pages, password). */
  fields: Record<string, string>;
}

/**
 * A client of docmill's job API for `docmill submit`: one retry policy for every
 * request (network errors and 5xx with backoff, 429 after Retry-After, shared by
 * all requests in flight), the server's coded errors turned back into
 * DocmillErrors (unknown codes keep their code in `details.serverCode`).
 * Does not follow redirects to other hosts and never logs the key.
 */
export class ApiClient {
  readonly base: URL;
  readonly #key: string;
  readonly #retry: RetryPolicy;
  readonly #signal: AbortSignal | undefined;
  /** Set by a 429: every request waits until then (one Retry-After for the whole run, not one per request). */
  #pausedUntil = 0;

  /**
   * @param server the API's base URL ("http://docmill:8080")
   * @param key the API key (Authorization: Bearer)
   * @param opts.retry the retry policy; opts.signal aborts every request and wait
   */
  constructor(server: string, key: string, opts: { retry?: RetryPolicy; signal?: AbortSignal } = {}) {
    let base: URL;
    try {
      base = new URL(server.endsWith('/') ? server : `${server}/`);
    } catch {
      throw new DocmillError('USAGE_BAD_ARGUMENT', `--server "${server}" is not a URL (e.g. http://localhost:8080).`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new DocmillError('USAGE_BAD_ARGUMENT', `--server must be http:// or https:// (got ${base.protocol}).`);
    this.base = base;
    this.#key = key;
    this.#retry = opts.retry ?? DEFAULT_RETRY;
    this.#signal = opts.signal;
  }

  /**
   * Checks that the server answers and accepts the key, with one attempt each:
   * a server that is not there at the start is a wrong --server, not an outage.
   * @returns the server's docmill version
   * Throws API_UNREACHABLE, API_BAD_RESPONSE, AUTH_INVALID / AUTH_MISSING.
   */
  async probe(): Promise<{ version?: string }> {
    const health = await this.#once('healthz', { auth: false });
    const body = (await health.json().catch(() => undefined)) as { status?: string; version?: string } | undefined;
    if (!body || typeof body.status !== 'string') throw new DocmillError('API_BAD_RESPONSE', `${new URL('healthz', this.base).href} is not a docmill server.`);
    await (await this.#once('v1/jobs?limit=1', { auth: true })).arrayBuffer();
    return body.version ? { version: body.version } : {};
  }

  /**
   * Uploads one file as multipart (streamed from disk, never read whole into memory).
   * @returns the job, and whether this request created it (202) or the key named an earlier one (200)
   */
  async submit(req: SubmitFileRequest): Promise<{ job: ApiJob; created: boolean }> {
    const res = await this.#request('v1/jobs', {
      method: 'POST',
      headers: { 'idempotency-key': req.idempotencyKey },
      upload: { path: req.path, fields: req.fields },
    });
    return { job: (await res.json()) as ApiJob, created: res.status === 202 };
  }

  /** The job; JOB_NOT_FOUND when it was deleted (or expired). */
  async job(id: string): Promise<ApiJob> {
    return this.#getJson<ApiJob>(`v1/jobs/${encodeURIComponent(id)}`);
  }

  /** The finished job's document (the shape of X.json, without source.path). */
  async result(id: string): Promise<DocumentResult> {
    return this.#getJson<DocumentResult>(`v1/jobs/${encodeURIComponent(id)}/result`);
  }

  /** A GET whose JSON body is read under the retry policy too: a body cut off mid-transfer is fetched again. */
  async #getJson<T>(path: string): Promise<T> {
    for (let n = 1; ; n++) {
      const res = await this.#request(path);
      try {
        return (await res.json()) as T;
      } catch (e) {
        if (this.#signal?.aborted) throw e;
        if (n >= this.#retry.attempts) throw new DocmillError('API_FAILED', `${path}: the answer broke off or is not JSON (${(e as Error).message}).`, { cause: e });
        await sleep(backoff(this.#retry, n), undefined, this.#signal ? { signal: this.#signal } : {});
      }
    }
  }

  /**
   * Opens the job's event stream (`GET /v1/jobs/:id/events`) with one attempt.
   * @returns the response (its body is the text/event-stream), or undefined when the server has no event route (ROUTE_NOT_FOUND)
   */
  async events(id: string, signal: AbortSignal): Promise<Response | undefined> {
    try {
      return await this.#once(`v1/jobs/${encodeURIComponent(id)}/events`, { auth: true, accept: 'text/event-stream', signal });
    } catch (e) {
      if (e instanceof DocmillError && e.code === 'DOCMILL_ERR_ROUTE_NOT_FOUND') return undefined;
      throw e;
    }
  }

  /** One attempt, no retries: the response when 2xx, else its coded error. */
  async #once(path: string, opts: { auth: boolean; accept?: string; signal?: AbortSignal }): Promise<Response> {
    const outcome = await this.#attempt(path, {
      headers: { ...(opts.accept ? { accept: opts.accept } : {}), ...(opts.auth ? {} : { authorization: '' }) },
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (outcome.kind === 'ok') return outcome.res;
    throw outcome.error;
  }

  /** A request under the retry policy. */
  async #request(path: string, init: { method?: string; headers?: Record<string, string>; upload?: Upload } = {}): Promise<Response> {
    let failures = 0;
    let limited = 0;
    for (;;) {
      const wait = this.#pausedUntil - Date.now();
      if (wait > 0) await sleep(wait, undefined, this.#signal ? { signal: this.#signal } : {});
      const outcome = await this.#attempt(path, { ...(init.method ? { method: init.method } : {}), headers: init.headers ?? {}, ...(init.upload ? { upload: init.upload } : {}) });
      switch (outcome.kind) {
        case 'ok':
          return outcome.res;
        case 'fail':
          throw outcome.error;
        case 'rate-limited':
          if (++limited > this.#retry.rateLimitedAttempts) throw outcome.error;
          this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + outcome.afterMs);
          break;
        case 'retry': {
          if (++failures >= this.#retry.attempts) throw outcome.error;
          const delay = outcome.afterMs ?? backoff(this.#retry, failures);
          await sleep(delay, undefined, this.#signal ? { signal: this.#signal } : {});
          break;
        }
        default: {
          const never: never = outcome;
          throw new DocmillError('INTERNAL', `Unknown outcome ${String(never)}.`);
        }
      }
    }
  }

  /** One HTTP exchange, classified. */
  async #attempt(path: string, init: { method?: string; headers: Record<string, string>; upload?: Upload; signal?: AbortSignal }): Promise<Attempt> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { authorization: `Bearer ${this.#key}`, ...init.headers };
    if (headers.authorization === '') delete headers.authorization;
    const signal = init.signal ?? this.#signal;
    let res: Response;
    try {
      res = init.upload
        ? await postFile(url, headers, init.upload.fields, init.upload.path, signal)
        : await fetch(url, { method: init.method ?? 'GET', headers, redirect: 'error', ...(signal ? { signal } : {}) });
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      if (e instanceof DocmillError) return { kind: 'fail', error: e };
      // fetch wraps the socket's error in `cause`; node:http (uploads) throws it as is.
      const cause = ((e as { cause?: unknown }).cause ?? e) as { code?: string; message?: string };
      // A file that vanished or cannot be read while it is sent is the input's problem, not the server's.
      if (cause.code === 'ENOENT' || cause.code === 'EACCES' || cause.code === 'EISDIR') return { kind: 'fail', error: new DocmillError('INPUT_NOT_FOUND', `${cause.message ?? cause.code}.`) };
      return { kind: 'retry', error: new DocmillError('API_UNREACHABLE', `${url.origin}: ${cause.code ?? cause.message ?? String(e)}.`, { cause: e }) };
    }
    if (res.ok) return { kind: 'ok', res };
    const error = await errorOf(res);
    if (res.status === 429) return { kind: 'rate-limited', error, afterMs: retryAfterMs(res.headers.get('retry-after')) ?? 1000 };
    if (res.status >= 500) {
      const after = retryAfterMs(res.headers.get('retry-after'));
      return { kind: 'retry', error, ...(after !== undefined ? { afterMs: after } : {}) };
    }
    return { kind: 'fail', error };
  }
}

/** The exponential backoff before attempt n+1 (n ≥ 1), capped, with jitter. */
export function backoff(policy: RetryPolicy, n: number): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  return Math.round(raw * (1 - policy.jitter + Math.random() * 2 * policy.jitter));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The server's `{error: {code, message}}` as a DocmillError; a 5xx without one is API_FAILED. */
async function errorOf(res: Response): Promise<DocmillError> {
  const text = await res.text().catch(() => '');
  let plain: PlainError | undefined;
  try {
    plain = (JSON.parse(text) as { error?: PlainError }).error;
  } catch {
    plain = undefined;
  }
  if (plain && typeof plain.code === 'string' && plain.code.startsWith('DOCMILL_ERR_')) {
    const name = plain.code.slice('DOCMILL_ERR_'.length);
    const known = name in ERROR_NAMES ? (name as keyof typeof ERROR_NAMES) : undefined;
    const err = new DocmillError(known ?? (res.status >= 500 ? 'API_FAILED' : 'USAGE_BAD_ARGUMENT'), undefined, { details: { status: res.status, ...(known ? {} : { serverCode: plain.code }) } });
    // Note: the server's message is kept as it is: it already says how to fix the problem.
    (err as { message: string }).message = plain.message;
    return err;
  }
  if (res.status >= 500) return new DocmillError('API_FAILED', `HTTP ${res.status} from ${new URL(res.url).origin}.`, { details: { status: res.status } });
  return new DocmillError('API_BAD_RESPONSE', `HTTP ${res.status} from ${res.url}, without a docmill error.`, { details: { status: res.status } });
}
