import { DocmillError } from '@docmill/core';

/** A part of a chat message's content (OpenAI chat-completions form, also accepted by vLLM and Mistral). */
export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ContentPart[];
}

/** The request fields docmill uses; anything else goes through `extra`. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  /** OpenAI's newer name for max_tokens (vLLM takes either; Mistral's API only max_tokens). */
  max_completion_tokens?: number;
  stop?: string[];
  response_format?: unknown;
  frequency_penalty?: number;
  top_p?: number;
  /** Extra body fields passed as they are (e.g. vLLM's `repetition_penalty`). */
  extra?: Record<string, unknown>;
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatResult {
  text: string;
  /** `stop`, `length`, `content_filter`, … as the server said; '' when it said nothing. */
  finishReason: string;
  /** vLLM's `stop_reason`: the stop string (or token id) that ended the answer, when one did. */
  stopReason?: string | number;
  usage: ChatUsage;
  latencyMs: number;
}

export interface OpenAICompatClientOptions {
  /** Server base URL, with or without a trailing `/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  /** Per-request time limit (DOCMILL_VISION_TIMEOUT_MS); default 180 s. */
  timeoutMs?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}

/**
 * A small client for OpenAI-compatible servers (vLLM, Mistral's API) over Node's
 * global fetch. Every failure becomes a coded error: ENGINE_HTTP (with `status`),
 * ENGINE_RATE_LIMITED (with `retryAfterSeconds` when the server sent Retry-After),
 * ENGINE_TIMEOUT, ENGINE_CONNECTION (refused, reset, DNS), ENGINE_BAD_RESPONSE
 * (a body that does not follow the protocol), ENGINE_CONTEXT_OVERFLOW.
 *
 * Does not retry: retries are the caller's policy. A caller's own abort (its
 * `signal`) is rethrown as the signal's reason, not turned into a coded error.
 */
export class OpenAICompatClient {
  /** The base URL without a trailing slash or `/v1`. */
  readonly baseUrl: string;
  readonly #apiKey: string | undefined;
  readonly #timeoutMs: number;
  readonly #headers: Record<string, string>;

  constructor(opts: OpenAICompatClientOptions) {
    this.baseUrl = normalizeBaseUrl(opts.baseUrl);
    this.#apiKey = opts.apiKey;
    this.#timeoutMs = opts.timeoutMs ?? 180_000;
    this.#headers = opts.headers ?? {};
  }

  /**
   * One non-streaming chat completion (`POST /v1/chat/completions`).
   * @param req model, messages, sampling fields
   * @param opts abort signal, timeout override
   * Returns the first choice's text, finish reason and the usage the server reported
   * (zeros when it reported none).
   */
  async chat(req: ChatRequest, opts: RequestOptions = {}): Promise<ChatResult> {
    const { extra, ...fields } = req;
    const body: Record<string, unknown> = { ...extra, ...stripUndefined(fields), stream: false };
    const { json, latencyMs } = await this.postJson('/v1/chat/completions', body, opts);
    const choice = Array.isArray((json as { choices?: unknown }).choices) ? (json as { choices: unknown[] }).choices[0] : undefined;
    const message = choice && typeof choice === 'object' ? (choice as { message?: unknown }).message : undefined;
    if (!message || typeof message !== 'object') {
      throw new DocmillError('ENGINE_BAD_RESPONSE', 'The chat completion has no choices[0].message.', { details: { url: this.baseUrl } });
    }
    const content = (message as { content?: unknown }).content;
    const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('') : content == null ? '' : undefined;
    if (text === undefined) throw new DocmillError('ENGINE_BAD_RESPONSE', 'choices[0].message.content is neither text nor null.');
    const c = choice as { finish_reason?: unknown; stop_reason?: unknown };
    const result: ChatResult = {
      text,
      finishReason: typeof c.finish_reason === 'string' ? c.finish_reason : '',
      usage: readUsage((json as { usage?: unknown }).usage),
      latencyMs,
    };
    if (typeof c.stop_reason === 'string' || typeof c.stop_reason === 'number') result.stopReason = c.stop_reason;
    return result;
  }

  /**
   * Counts tokens with vLLM's `POST /tokenize` (exact for the served model).
   * @param input a prompt string, or chat messages (counted with the chat template)
   * @param opts.model the served model name (vLLM requires it when it serves several)
   * Does not work against servers without `/tokenize` (Mistral's API): ENGINE_HTTP 404.
   */
  async tokenize(input: string | { messages: ChatMessage[] }, opts: RequestOptions & { model?: string } = {}): Promise<{ count: number; tokens: number[] }> {
    const body: Record<string, unknown> = typeof input === 'string' ? { prompt: input } : { messages: input.messages, add_generation_prompt: true };
    if (opts.model) body.model = opts.model;
    const { json } = await this.postJson('/tokenize', body, opts);
    const count = (json as { count?: unknown }).count;
    const tokens = (json as { tokens?: unknown }).tokens;
    if (typeof count !== 'number') throw new DocmillError('ENGINE_BAD_RESPONSE', 'The /tokenize answer has no numeric count.');
    return { count, tokens: Array.isArray(tokens) ? (tokens as number[]) : [] };
  }

  /** Lists the served model ids (`GET /v1/models`). */
  async models(opts: RequestOptions = {}): Promise<string[]> {
    const { json } = await this.request('GET', '/v1/models', undefined, opts);
    const data = (json as { data?: unknown }).data;
    if (!Array.isArray(data)) throw new DocmillError('ENGINE_BAD_RESPONSE', 'GET /v1/models has no data array.');
    return data.map((m) => String((m as { id?: unknown }).id));
  }

  /**
   * Asks the server whether it can take requests: `GET /health` (vLLM: 200 once the
   * model is loaded), and when the server has no such route (404/405/501), `GET /v1/models`.
   * @param opts.timeoutMs short limit of the probe (not the generation timeout)
   * @param opts.signal aborts the probe (then it resolves `{ok:false}`)
   * Never throws: a refused connection, a timeout, a 5xx or a "model is loading" answer is `{ok:false, reason}`.
   * Does not check that the served model is the configured one.
   */
  async probe(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<ProbeResult> {
    const get = async (path: '/health' | '/v1/models'): Promise<{ status: number; body: string } | string> => {
      const timeout = AbortSignal.timeout(opts.timeoutMs);
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      const headers: Record<string, string> = { ...this.#headers };
      if (this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`;
      try {
        const res = await fetch(`${this.baseUrl}${path}`, { headers, signal });
        return { status: res.status, body: (await res.text()).slice(0, 500) };
      } catch (e) {
        if (timeout.aborted) return `${path} did not answer within ${opts.timeoutMs} ms`;
        const cause = (e as { cause?: { code?: unknown } }).cause;
        return `${path}: ${typeof cause?.code === 'string' ? cause.code : e instanceof Error ? e.message : String(e)}`;
      }
    };
    let r = await get('/health');
    if (typeof r !== 'string' && (r.status === 404 || r.status === 405 || r.status === 501)) {
      r = await get('/v1/models');
      if (typeof r !== 'string' && r.status >= 200 && r.status < 300) return { ok: true, via: '/v1/models' };
    } else if (typeof r !== 'string' && r.status >= 200 && r.status < 300) {
      return { ok: true, via: '/health' };
    }
    if (typeof r === 'string') return { ok: false, reason: r };
    return { ok: false, reason: `answered ${r.status}${isModelLoading(errorMessageOf(r.body)) ? ' (model loading)' : ''}` };
  }

  /**
   * POSTs a JSON body to `path` (relative to the base URL, e.g. `/v1/ocr`) and returns the parsed JSON answer.
   * @param path starts with '/'
   * @param body any JSON-able value
   * @param opts abort signal, timeout override
   */
  async postJson(path: string, body: unknown, opts: RequestOptions = {}): Promise<{ json: unknown; latencyMs: number }> {
    return this.request('POST', path, body, opts);
  }

  private async request(method: 'GET' | 'POST', path: string, body: unknown, opts: RequestOptions): Promise<{ json: unknown; latencyMs: number }> {
    const url = `${this.baseUrl}${path}`;
    const timeoutMs = opts.timeoutMs ?? this.#timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', ...this.#headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`;
    const started = performance.now();
    let status = 0;
    let raw: string;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, signal, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      status = res.status;
      raw = await res.text();
    } catch (e) {
      throw this.#transportError(e, opts.signal, timeout, timeoutMs, url);
    }
    const latencyMs = Math.round(performance.now() - started);
    if (status === 429) {
      const retryAfterSeconds = parseRetryAfter(res.headers.get('retry-after'));
      throw new DocmillError('ENGINE_RATE_LIMITED', `${url} answered 429${retryAfterSeconds === undefined ? '' : ` (Retry-After ${retryAfterSeconds} s)`}.`, {
        details: { status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }), url },
      });
    }
    if (status < 200 || status >= 300) {
      const serverMessage = errorMessageOf(raw);
      if (status === 400 && /context length|maximum context|too many tokens|max_model_len|prompt is too long/i.test(serverMessage)) {
        throw new DocmillError('ENGINE_CONTEXT_OVERFLOW', `${url} answered 400: ${serverMessage}`, { details: { status, url } });
      }
      // Note: 5xx, 408 and 409 may pass; other 4xx mean our request is wrong and retrying it is pointless.
      const retryable = status >= 500 || status === 408 || status === 409;
      throw new DocmillError('ENGINE_HTTP', `${url} answered ${status}: ${serverMessage}`, { details: { status, url, serverMessage }, retryable });
    }
    try {
      return { json: JSON.parse(raw) as unknown, latencyMs };
    } catch (e) {
      throw new DocmillError('ENGINE_BAD_RESPONSE', `${url} answered ${status} with a body that is not JSON (${JSON.stringify(raw.slice(0, 80))}).`, { cause: e, details: { status, url } });
    }
  }

  #transportError(e: unknown, userSignal: AbortSignal | undefined, timeout: AbortSignal, timeoutMs: number, url: string): unknown {
    if (userSignal?.aborted) return userSignal.reason;
    if (timeout.aborted) return new DocmillError('ENGINE_TIMEOUT', `${url} did not answer within ${timeoutMs} ms.`, { cause: e, details: { timeoutMs, url } });
    const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : undefined;
    const why = code ?? (typeof cause?.message === 'string' ? cause.message : e instanceof Error ? e.message : String(e));
    return new DocmillError('ENGINE_CONNECTION', `${url}: ${why}.`, { cause: e, details: { url, ...(code ? { cause: code } : {}) } });
  }
}

/** What a health probe found. */
export type ProbeResult = { ok: true; via: '/health' | '/v1/models' } | { ok: false; reason: string };

/**
 * True when a server's error message says its model is still loading (vLLM behind a
 * proxy, TGI, Hugging Face endpoints and similar answer so during a cold start).
 * @param message the server's error message
 */
export function isModelLoading(message: string): boolean {
  return /model (is )?(currently |still )?loading|loading (the )?model|is not (yet )?ready|server is starting/i.test(message);
}

/**
 * Normalises a server base URL: no trailing slash, no trailing `/v1`.
 * @param url e.g. `http://gpu1:8000/v1/`
 */
export function normalizeBaseUrl(url: string): string {
  let u = url.trim().replace(/\/+$/, '');
  if (u.endsWith('/v1')) u = u.slice(0, -3);
  return u.replace(/\/+$/, '');
}

/**
 * Reads a Retry-After header value into seconds (delta-seconds or an HTTP date).
 * @param value the header, or null
 * Returns undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.ceil((t - now) / 1000));
}

function readUsage(u: unknown): ChatUsage {
  const o = (u && typeof u === 'object' ? u : {}) as Record<string, unknown>;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const promptTokens = n(o.prompt_tokens);
  const completionTokens = n(o.completion_tokens);
  return { promptTokens, completionTokens, totalTokens: n(o.total_tokens) || promptTokens + completionTokens };
}

function errorMessageOf(raw: string): string {
  try {
    const j = JSON.parse(raw) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    if (typeof j.error === 'string') return j.error.slice(0, 500);
    if (j.error && typeof j.error.message === 'string') return j.error.message.slice(0, 500);
    if (typeof j.message === 'string') return j.message.slice(0, 500);
    if (j.detail !== undefined) return JSON.stringify(j.detail).slice(0, 500);
  } catch {
    // not JSON: fall through to the raw text
  }
  return raw.slice(0, 200) || '(empty body)';
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
