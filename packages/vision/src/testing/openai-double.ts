/**
 * A TEST DOUBLE of an OpenAI-compatible inference server (vLLM-like), for tests
 * only: an in-process node:http server on 127.0.0.1 (port 0) that checks every
 * request the way a strict server would and answers from a script. It never
 * runs a model and no test needs a GPU, a network or a paid API.
 *
 * Endpoints:
 * - `POST /v1/chat/completions` — validates (JSON body; `model` equals the configured one;
 *   `messages` a non-empty array with known roles; content a string or parts of type
 *   `text`/`image_url`; every image a `data:` URL that decodes (sharp) to an image whose
 *   longest side is ≤ `maxLongestSide`, 1540 by default; `temperature` in [0,2];
 *   `max_tokens` and `max_completion_tokens` positive integers; `frequency_penalty` in [-2,2]; `stop` strings;
 *   `stream` unsupported; vLLM's continuation: `continue_final_message: true` needs
 *   `add_generation_prompt: false` and a final assistant message with text, and a final assistant
 *   message is accepted only with it) and answers 400 with an OpenAI-style error body when invalid;
 *   otherwise the next scripted reply: queued ones first (`enqueue`), else `reply(req)`.
 *   `usage` is filled in: prompt tokens ≈ ceil(text chars / 4) + image tokens by
 *   Mistral Small 3.1's formula, completion tokens ≈ ceil(answer chars / 4).
 * - `POST /v1/ocr` — Mistral's OCR endpoint shape, answering the scripted text as `pages[0].markdown`.
 * - `POST /tokenize` — vLLM's shape `{count, max_model_len, tokens}`; count = ceil(chars / 4) or
 *   the `tokenize` option. An approximation OF THE DOUBLE, not of any model's tokenizer.
 * - `GET /v1/models` — the configured model.
 * - `GET /health` — 200 with an empty body, like vLLM's once its model is loaded (503 while
 *   `state` is 'loading'; 404 when started with `health: false`, like servers without the route).
 *
 * Outages: `stop()` closes the port (open connections are reset; the URL stays the same) and
 * `start()` listens on the same port again — a server that went down and came back, or one
 * whose model is still loading when first called (start the double, `stop()` it at once).
 * `state = 'hung'` holds every request (health checks included) without answering until the
 * state changes — a process that accepts connections and never answers; `state = 'loading'`
 * answers 503 "model is loading" to everything. The double emits 'request' (the recorded
 * request) on `events` when each request arrives, so tests wait for events, not for time.
 *
 * A scripted model: `{generate: fullAnswer}` answers like a server generating that text under the
 * request's limit (`max_completion_tokens`, else `max_tokens`, at 4 characters a token): cut with
 * `finish_reason: "length"` when it does not fit, and, when the request continues a final assistant
 * message that `fullAnswer` starts with, only what follows it (vLLM does not echo the prefix).
 * A continuation of text the answer does not start with gets the whole answer again.
 *
 * Scripted failures: `{status: 429, headers: {'retry-after': '1'}}`, `{status: 500}`,
 * `{reset: true}` (socket destroyed), `{text, delayMs}` (slow answer, e.g. longer than a
 * client's timeout), `{text, finishReason: 'length'}`, refusals, empty text, loops…
 * Every request is recorded (`requests`) with its arrival time, and the double
 * tracks the largest number of chat requests in flight at once (`maxInFlight`).
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { imageTokens } from '../image.js';

/** One scripted answer. */
export type DoubleReply =
  | {
      text: string;
      /** Default 'stop'. */
      finishReason?: string;
      /** vLLM's stop_reason (the stop string matched). */
      stopReason?: string;
      /** Overrides of the computed usage. */
      usage?: { prompt_tokens?: number; completion_tokens?: number };
      delayMs?: number;
    }
  | { /** The whole answer the scripted model writes for the page (see the file comment). */ generate: string; delayMs?: number }
  | { status: number; message?: string; headers?: Record<string, string>; /** A raw body instead of the JSON error. */ rawBody?: string; delayMs?: number }
  | { reset: true; delayMs?: number };

export interface RecordedImage {
  width: number;
  height: number;
  format: string;
  bytes: number;
}

export interface RecordedRequest {
  /** 1-based arrival order over all endpoints. */
  seq: number;
  method: string;
  path: string;
  /** Arrival time (ms since the epoch, fractional; `performance.timeOrigin + performance.now()`). */
  at: number;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body (undefined when not JSON). */
  body: unknown;
  /** Whether it passed validation. */
  valid: boolean;
  /** Why not. */
  error?: string;
  images: RecordedImage[];
  /** Text of all text parts and string contents, joined by newlines (for assertions on prompts). */
  text: string;
  /** What the double did: 'answer', 'status', 'reset', or 'invalid'. */
  answered?: 'answer' | 'status' | 'reset' | 'invalid';
}

export interface OpenAIDoubleOptions {
  /** The model name requests must carry (default 'double-model'). */
  model?: string;
  /** Largest image side accepted (default 1540, Mistral Small 3.1's limit). */
  maxLongestSide?: number;
  /** When set, requests must send `Authorization: Bearer <apiKey>` (401 otherwise). */
  apiKey?: string;
  /** The answer when no queued reply is left (default: `{text: 'OK'}`). */
  reply?: (req: RecordedRequest) => DoubleReply | Promise<DoubleReply>;
  /** Token count for /tokenize (default ceil(chars / 4)). */
  tokenize?: (text: string) => number;
  /** Serve `GET /health` (default true); false makes health checks fall back to `GET /v1/models`. */
  health?: boolean;
}

/** How the double behaves as a server: answering, answering 503 "model is loading", or holding every request. */
export type DoubleState = 'up' | 'loading' | 'hung';

/** The double. Start it with `startOpenAIDouble`, stop it with `close()`. */
export class OpenAIDouble {
  readonly requests: RecordedRequest[] = [];
  readonly model: string;
  #queue: DoubleReply[] = [];
  #inFlight = 0;
  #maxInFlight = 0;
  #seq = 0;
  #url = '';
  #port = 0;
  #closed = false;
  #state: DoubleState = 'up';
  readonly #unhang = new Set<() => void>();
  /** Emits 'request' with each RecordedRequest as it arrives. */
  readonly events = new EventEmitter<{ request: [RecordedRequest] }>();
  readonly #server: Server;
  readonly #opts: OpenAIDoubleOptions;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(opts: OpenAIDoubleOptions = {}) {
    this.#opts = opts;
    this.model = opts.model ?? 'double-model';
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: `double failed: ${e instanceof Error ? e.message : String(e)}`, type: 'server_error' } });
      });
    });
    this.#server.keepAliveTimeout = 60_000;
  }

  /** Base URL without `/v1` (e.g. http://127.0.0.1:41234). */
  get url(): string {
    return this.#url;
  }

  /** Base URL with `/v1`, as OpenAI clients expect. */
  get baseUrl(): string {
    return `${this.#url}/v1`;
  }

  /** Chat requests currently being answered. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** The most chat requests that were ever in flight at once. */
  get maxInFlight(): number {
    return this.#maxInFlight;
  }

  /** The recorded chat-completion requests, in arrival order. */
  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/v1/chat/completions');
  }

  /** Queues replies, used in order before the `reply` function. */
  enqueue(...replies: DoubleReply[]): this {
    this.#queue.push(...replies);
    return this;
  }

  /** 'up' (default), 'loading' (503 "model is loading" to every request) or 'hung' (no answer at all until it changes). */
  get state(): DoubleState {
    return this.#state;
  }

  set state(s: DoubleState) {
    this.#state = s;
    if (s !== 'hung') {
      for (const go of this.#unhang) go();
      this.#unhang.clear();
    }
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.#server.address() as AddressInfo;
    this.#port = port;
    this.#url = `http://127.0.0.1:${port}`;
    this.#closed = false;
    return this;
  }

  /**
   * Takes the server down: the port stops listening (connections are refused) and open
   * connections are reset, pending answers dropped. The URL stays; `start()` brings it back.
   */
  async stop(): Promise<void> {
    await this.close();
  }

  /** Listens again on the same port after `stop()`. */
  async start(): Promise<this> {
    return this.listen();
  }

  /** Stops the server, dropping open connections and pending delayed or held answers. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const go of this.#unhang) go();
    this.#unhang.clear();
    if (!this.#server.listening) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Holds a request while the double is hung; false when the connection or the server closed meanwhile. */
  #whileHung(res: ServerResponse): Promise<boolean> {
    if (this.#state !== 'hung') return Promise.resolve(true);
    return new Promise((resolve) => {
      const go = () => {
        this.#unhang.delete(go);
        resolve(!this.#closed && !res.destroyed && !res.socket?.destroyed);
      };
      this.#unhang.add(go);
      res.once('close', go);
    });
  }

  #delay(ms: number | undefined, res: ServerResponse): Promise<boolean> {
    if (!ms || this.#closed || res.destroyed || res.socket?.destroyed) return Promise.resolve(!this.#closed && !res.destroyed && !res.socket?.destroyed);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.#timers.delete(t);
        resolve(!res.destroyed && !res.socket?.destroyed);
      }, ms);
      this.#timers.add(t);
      res.once('close', () => {
        if (this.#timers.delete(t)) {
          clearTimeout(t);
          resolve(false);
        }
      });
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0]!;
    let body: unknown;
    try {
      body = raw ? (JSON.parse(raw) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    const rec: RecordedRequest = { seq: ++this.#seq, method: req.method ?? 'GET', path, at: performance.timeOrigin + performance.now(), headers: req.headers, body, valid: true, images: [], text: '' };
    this.requests.push(rec);
    this.events.emit('request', rec);
    if (!(await this.#whileHung(res))) return;
    if (this.#state === 'loading') {
      rec.answered = 'status';
      sendJson(res, 503, { error: { message: 'The model is loading; try again later.', type: 'server_error', param: null, code: 503 } });
      return;
    }
    if (req.method === 'GET' && path === '/health' && this.#opts.health !== false) {
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return;
    }

    if (this.#opts.apiKey && req.headers.authorization !== `Bearer ${this.#opts.apiKey}`) {
      return this.#invalid(res, rec, 401, 'Missing or wrong API key.', 'authentication_error');
    }
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: [{ id: this.model, object: 'model', owned_by: 'openai-double', max_model_len: 131072 }] });
    }
    if (req.method !== 'POST') return this.#invalid(res, rec, 404, `No route ${req.method} ${path}.`, 'not_found');
    if (raw && body === undefined) return this.#invalid(res, rec, 400, 'The body is not valid JSON.');
    if (!body || typeof body !== 'object') return this.#invalid(res, rec, 400, 'The body must be a JSON object.');
    const b = body as Record<string, unknown>;

    if (path === '/tokenize') {
      const text = typeof b.prompt === 'string' ? b.prompt : Array.isArray(b.messages) ? (b.messages as Array<{ content?: unknown }>).map((m) => contentText(m.content)).join('\n') : undefined;
      if (text === undefined) return this.#invalid(res, rec, 400, 'tokenize needs "prompt" or "messages".');
      const count = (this.#opts.tokenize ?? ((t: string) => Math.ceil(t.length / 4)))(text);
      return sendJson(res, 200, { count, max_model_len: 131072, tokens: new Array<number>(count).fill(0) });
    }
    if (path === '/v1/ocr') return this.#ocr(b, rec, res);
    if (path !== '/v1/chat/completions') return this.#invalid(res, rec, 404, `No route POST ${path}.`, 'not_found');

    const problem = await this.#validateChat(b, rec);
    if (problem) return this.#invalid(res, rec, 400, problem);
    this.#inFlight++;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    try {
      let reply = await this.#next(rec);
      if (!(await this.#delay(reply.delayMs, res))) return;
      if ('reset' in reply) {
        rec.answered = 'reset';
        req.socket.destroy();
        return;
      }
      if ('status' in reply) {
        rec.answered = 'status';
        res.writeHead(reply.status, { 'content-type': reply.rawBody === undefined ? 'application/json' : 'text/plain', ...reply.headers });
        res.end(reply.rawBody ?? JSON.stringify({ error: { message: reply.message ?? `scripted status ${reply.status}`, type: reply.status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null } }));
        return;
      }
      rec.answered = 'answer';
      if ('generate' in reply) reply = generated(reply.generate, rec.body as Record<string, unknown>);
      const promptTokens = Math.ceil(rec.text.length / 4) + rec.images.reduce((n, im) => n + imageTokens(im.width, im.height), 0);
      const completionTokens = Math.ceil(reply.text.length / 4);
      const usage = { prompt_tokens: reply.usage?.prompt_tokens ?? promptTokens, completion_tokens: reply.usage?.completion_tokens ?? completionTokens };
      sendJson(res, 200, {
        id: `chatcmpl-double-${rec.seq}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: this.model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply.text }, finish_reason: reply.finishReason ?? 'stop', stop_reason: reply.stopReason ?? null }],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      });
    } finally {
      this.#inFlight--;
    }
  }

  async #ocr(b: Record<string, unknown>, rec: RecordedRequest, res: ServerResponse): Promise<void> {
    const doc = b.document as { type?: unknown; image_url?: unknown } | undefined;
    if (typeof b.model !== 'string') return this.#invalid(res, rec, 400, '"model" is required.');
    if (!doc || doc.type !== 'image_url' || typeof doc.image_url !== 'string') return this.#invalid(res, rec, 400, '"document" must be {type: "image_url", image_url: "data:…"}.');
    const img = await decodeDataUrl(doc.image_url);
    if (typeof img === 'string') return this.#invalid(res, rec, 400, img);
    rec.images.push(img);
    const reply = await this.#next(rec);
    if (!(await this.#delay(reply.delayMs, res))) return;
    if ('reset' in reply) {
      rec.answered = 'reset';
      res.socket?.destroy();
      return;
    }
    if ('status' in reply) {
      rec.answered = 'status';
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify({ message: reply.message ?? `scripted status ${reply.status}` }));
      return;
    }
    rec.answered = 'answer';
    const markdown = 'generate' in reply ? reply.generate : reply.text;
    sendJson(res, 200, {
      pages: [{ index: 0, markdown, images: [], dimensions: { dpi: 200, height: img.height, width: img.width } }],
      model: b.model,
      usage_info: { pages_processed: 1, doc_size_bytes: img.bytes },
    });
  }

  async #next(rec: RecordedRequest): Promise<DoubleReply> {
    const queued = this.#queue.shift();
    if (queued) return queued;
    return this.#opts.reply ? this.#opts.reply(rec) : { text: 'OK' };
  }

  #invalid(res: ServerResponse, rec: RecordedRequest, status: number, message: string, type = 'invalid_request_error'): void {
    rec.valid = false;
    rec.error = message;
    rec.answered = 'invalid';
    sendJson(res, status, { error: { message, type, param: null, code: null } });
  }

  async #validateChat(b: Record<string, unknown>, rec: RecordedRequest): Promise<string | undefined> {
    if (b.model !== this.model) return `The model \`${String(b.model)}\` does not exist (this server serves \`${this.model}\`).`;
    if (b.stream === true) return 'This test double does not implement streaming.';
    if (!Array.isArray(b.messages) || b.messages.length === 0) return '"messages" must be a non-empty array.';
    const texts: string[] = [];
    for (const [i, m] of (b.messages as unknown[]).entries()) {
      if (!m || typeof m !== 'object') return `messages[${i}] is not an object.`;
      const { role, content } = m as { role?: unknown; content?: unknown };
      if (role !== 'system' && role !== 'user' && role !== 'assistant' && role !== 'tool') return `messages[${i}].role must be system, user, assistant or tool.`;
      if (typeof content === 'string') {
        texts.push(content);
        continue;
      }
      if (!Array.isArray(content)) return `messages[${i}].content must be a string or an array of parts.`;
      for (const [j, p] of (content as unknown[]).entries()) {
        const part = p as { type?: unknown; text?: unknown; image_url?: unknown };
        if (part?.type === 'text') {
          if (typeof part.text !== 'string') return `messages[${i}].content[${j}].text must be a string.`;
          texts.push(part.text);
        } else if (part?.type === 'image_url') {
          if (role !== 'user') return `messages[${i}]: only user messages may carry images.`;
          const url = typeof part.image_url === 'string' ? part.image_url : (part.image_url as { url?: unknown } | undefined)?.url;
          if (typeof url !== 'string') return `messages[${i}].content[${j}].image_url.url must be a string.`;
          const img = await decodeDataUrl(url);
          if (typeof img === 'string') return `messages[${i}].content[${j}]: ${img}`;
          const limit = this.#opts.maxLongestSide ?? 1540;
          if (Math.max(img.width, img.height) > limit) return `messages[${i}].content[${j}]: the image is ${img.width}x${img.height}; its longest side must be at most ${limit} px.`;
          rec.images.push(img);
        } else {
          return `messages[${i}].content[${j}].type must be "text" or "image_url".`;
        }
      }
    }
    rec.text = texts.join('\n');
    if (b.temperature !== undefined && (typeof b.temperature !== 'number' || b.temperature < 0 || b.temperature > 2)) return '"temperature" must be a number in [0, 2].';
    if (b.max_tokens !== undefined && (typeof b.max_tokens !== 'number' || !Number.isInteger(b.max_tokens) || b.max_tokens < 1)) return '"max_tokens" must be a positive integer.';
    if (b.max_completion_tokens !== undefined && (typeof b.max_completion_tokens !== 'number' || !Number.isInteger(b.max_completion_tokens) || b.max_completion_tokens < 1)) return '"max_completion_tokens" must be a positive integer.';
    const continuation = continuationProblem(b);
    if (continuation) return continuation;
    if (b.frequency_penalty !== undefined && (typeof b.frequency_penalty !== 'number' || b.frequency_penalty < -2 || b.frequency_penalty > 2)) return '"frequency_penalty" must be a number in [-2, 2].';
    if (b.stop !== undefined && typeof b.stop !== 'string' && !(Array.isArray(b.stop) && b.stop.every((s) => typeof s === 'string'))) return '"stop" must be a string or an array of strings.';
    return undefined;
  }
}

/**
 * Starts an OpenAI-compatible test double on 127.0.0.1 (a free port).
 * @param opts model name, image limit, API key, scripted reply function
 */
export async function startOpenAIDouble(opts: OpenAIDoubleOptions = {}): Promise<OpenAIDouble> {
  return new OpenAIDouble(opts).listen();
}

async function decodeDataUrl(url: string): Promise<RecordedImage | string> {
  const m = /^data:(image\/(?:png|jpeg|webp|gif));base64,([A-Za-z0-9+/=]+)$/.exec(url);
  if (!m) return 'the image must be a base64 data: URL of a PNG, JPEG, WebP or GIF image.';
  const data = Buffer.from(m[2]!, 'base64');
  try {
    const meta = await sharp(data).metadata();
    if (!meta.width || !meta.height) return 'the image has no size.';
    return { width: meta.width, height: meta.height, format: meta.format ?? 'unknown', bytes: data.length };
  } catch {
    return 'the image data does not decode.';
  }
}

/**
 * What vLLM says about a continuation request that cannot work (undefined when it is fine): both flags set,
 * non-boolean flags, `continue_final_message` without `add_generation_prompt: false` (HF chat templates refuse
 * the pair, and vLLM's default for the latter is true) or without a final assistant message holding text
 * (mistral-common takes only a string), and a final assistant message sent without `continue_final_message`.
 */
function continuationProblem(b: Record<string, unknown>): string | undefined {
  const cont = b.continue_final_message;
  const gen = b.add_generation_prompt;
  if (cont !== undefined && typeof cont !== 'boolean') return '"continue_final_message" must be a boolean.';
  if (gen !== undefined && typeof gen !== 'boolean') return '"add_generation_prompt" must be a boolean.';
  if (cont === true && gen === true) return 'Cannot set both `continue_final_message` and `add_generation_prompt` to True.';
  const messages = b.messages as Array<{ role?: unknown; content?: unknown }>;
  const final = messages[messages.length - 1];
  if (cont === true) {
    if (gen !== false) return 'continue_final_message and add_generation_prompt are not compatible: send "add_generation_prompt": false with "continue_final_message": true.';
    if (final?.role !== 'assistant') return 'continue_final_message is set but the final message is not an assistant message.';
    if (typeof final.content !== 'string' || final.content === '') return 'continue_final_message needs the final assistant message to be non-empty text.';
  } else if (final?.role === 'assistant') {
    return 'The final message is an assistant message: send "continue_final_message": true and "add_generation_prompt": false to continue it.';
  }
  return undefined;
}

/** The scripted model's answer for a request: the rest of `answer` after a continued prefix, cut at the limit. */
function generated(answer: string, b: Record<string, unknown>): { text: string; finishReason: string } {
  const messages = b.messages as Array<{ role?: unknown; content?: unknown }>;
  const final = messages[messages.length - 1];
  const prefix = b.continue_final_message === true && typeof final?.content === 'string' ? final.content : '';
  const rest = answer.startsWith(prefix) ? answer.slice(prefix.length) : answer;
  // Note: vLLM reads max_completion_tokens first; with neither, it writes until the context is full (never here).
  const limit = typeof b.max_completion_tokens === 'number' ? b.max_completion_tokens : typeof b.max_tokens === 'number' ? b.max_tokens : Infinity;
  const chars = limit * 4;
  return rest.length > chars ? { text: rest.slice(0, chars), finishReason: 'length' } : { text: rest, finishReason: 'stop' };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('\n');
  return '';
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}
