import { DocmillError, type PreparedPage, type VisionEngine } from '@docmill/core';
import { attemptPage, type AttemptKind } from './attempt.js';
import { OpenAICompatClient, type ChatResult } from './client.js';
import { ServerPool, logCircuit, viaPool, type ServerPoolOptions } from './dispatch.js';
import { attemptOptions, chatRequestFor, pageEngine, type CommonEngineOptions } from './page-engine.js';
import { anchorText, pageMessages } from './prompts.js';

export interface MistralEngineOptions extends CommonEngineOptions {
  /** MISTRAL_API_KEY. */
  apiKey: string;
  /** DOCMILL_MISTRAL_BASE_URL (default https://api.mistral.ai). */
  baseUrl?: string;
  /** Chat model for mode 'chat' (DOCMILL_MISTRAL_MODEL); configuration, not code: hosted models get retired. */
  model: string;
  /** 'chat' (default): chat completions with the page image and docmill's prompt; 'ocr': `POST /v1/ocr`. */
  mode?: 'chat' | 'ocr';
  /** OCR model for mode 'ocr' (default 'mistral-ocr-latest'). */
  ocrModel?: string;
  /** Requests in flight at once (default 8: the hosted API rate-limits per key). */
  concurrency?: number;
  /** The API's circuit (max wait, policy, probes), as for the openai engine. */
  servers?: Omit<ServerPoolOptions, 'concurrency'>;
}

/** The usage the OCR endpoint reports for one call (`usage_info`). */
export interface OcrUsage {
  pagesProcessed: number;
  docSizeBytes: number;
}

/** What the OCR calls of one page came to so far (usage, and whether its answer already failed a check). */
interface OcrTally extends OcrUsage {
  lastKind?: AttemptKind;
}

/** Outcomes that say the endpoint's answer itself was wrong: sending the same image to it again gives the same answer. */
const CONTENT_FAILURES: ReadonlySet<AttemptKind> = new Set(['truncated', 'repetition', 'defective', 'empty', 'hallucinated-blank', 'refusal', 'rotate']);

/**
 * The `mistral` engine: Mistral's hosted API. Mode 'chat' sends the page image
 * with the same prompt and policy as the `openai` engine; mode 'ocr' sends it to
 * `POST /v1/ocr` and maps `pages[0].markdown` through markdownToBlocks, and records
 * the endpoint's `usage_info` in the page's usage (`pagesProcessed`, `docSizeBytes`).
 * In mode 'ocr' a transport failure (429, 5xx, reset) is retried on the endpoint,
 * but once its answer failed a check (empty, loop, refusal, text for a blank page…)
 * the policy's next attempt goes to the chat model with the policy's temperature:
 * the OCR endpoint is deterministic, the identical call would fail the same way.
 * Server outages wait on the API's circuit like the openai engine's. Chat mode sends
 * dense pages as tiles; neither mode continues cut answers (the API has no
 * `continue_final_message`): they are asked again with a higher `max_tokens`.
 * @param opts key, base URL, model, mode, shared engine options
 * Does not use the batch API or document_url uploads.
 */
export function createMistralEngine(opts: MistralEngineOptions): VisionEngine & { readonly pool: ServerPool; readonly availability: ServerPool } {
  if (!opts.apiKey) throw new DocmillError('ENGINE_NOT_CONFIGURED', 'MISTRAL_API_KEY is not set.');
  const client = new OpenAICompatClient({ baseUrl: opts.baseUrl ?? 'https://api.mistral.ai', apiKey: opts.apiKey, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
  const pool = new ServerPool([client], { ...opts.servers, concurrency: opts.concurrency ?? 8 });
  if (opts.logger) logCircuit(pool, opts.logger);
  const mode = opts.mode ?? 'chat';
  const ocrModel = opts.ocrModel ?? 'mistral-ocr-latest';
  // Note: keyed by the page object of one transcribe() call; the policy's attempts for it share the tally.
  const tallies = new WeakMap<PreparedPage, OcrTally>();
  const engine = pageEngine(
    'mistral',
    opts,
    async (page, ctx, call, tile) => {
      const textChars = tile ? tile.spans.reduce((n, s) => n + s.text.replace(/\s/g, '').length, 0) : page.verdict.chars;
      const facts = { textChars, isBlank: ctx.isBlank };
      const attemptOpts = attemptOptions(ctx);
      const chat = () => {
        const layer = tile ? { ...page.textLayer, spans: tile.spans } : page.textLayer;
        const anchor = page.verdict.trustworthy && layer.spans.length > 0 ? anchorText(layer) : undefined;
        const req = chatRequestFor(opts.model, pageMessages(ctx.image.dataUrl, anchor, tile?.tile), ctx);
        return attemptPage((r, signal) => viaPool(pool, (c, s) => c.chat(r, { signal: s }), signal, call), req, facts, attemptOpts);
      };
      if (mode !== 'ocr' || tile) return chat();
      let tally = tallies.get(page);
      if (!tally) tallies.set(page, (tally = { pagesProcessed: 0, docSizeBytes: 0 }));
      if (tally.lastKind !== undefined && CONTENT_FAILURES.has(tally.lastKind)) return chat();
      const t = tally;
      const send = (_req: unknown, signal?: AbortSignal) => viaPool(pool, async (c, s) => {
        const { result, usage } = await ocrCall(c, ocrModel, ctx.image.dataUrl, s);
        t.pagesProcessed += usage.pagesProcessed;
        t.docSizeBytes += usage.docSizeBytes;
        return result;
      }, signal, call);
      const outcome = await attemptPage(send, { model: ocrModel, messages: [] }, facts, attemptOpts);
      t.lastKind = outcome.kind;
      return outcome;
    },
    // Note: chat mode tiles dense pages like the openai engine; the OCR endpoint reads whole pages its own way.
    { tiles: mode === 'chat', close: async () => pool.close() },
  );
  const transcribe = engine.transcribe.bind(engine);
  engine.transcribe = async (page, o) => {
    const out = await transcribe(page, o);
    const tally = tallies.get(page);
    tallies.delete(page);
    if (!tally || (tally.pagesProcessed === 0 && tally.docSizeBytes === 0)) return out;
    const ocrUsage = { pagesProcessed: tally.pagesProcessed, docSizeBytes: tally.docSizeBytes };
    if (out.ok) return { ok: true, draft: { ...out.draft, usage: { ...(out.draft.usage ?? { promptTokens: 0, imageTokens: 0, completionTokens: 0, latencyMs: 0, attempts: 0 }), ...ocrUsage } } };
    return { ...out, usage: { ...(out.usage ?? { promptTokens: 0, imageTokens: 0, completionTokens: 0, latencyMs: 0, attempts: out.attempts }), ...ocrUsage } };
  };
  return Object.assign(engine, { pool, availability: pool, close: async () => pool.close() });
}

/**
 * One page image through Mistral's OCR endpoint, shaped like a chat result so the same checks apply.
 * @param client the API client
 * @param model e.g. 'mistral-ocr-latest'
 * @param dataUrl the page image
 */
export async function ocrPage(client: OpenAICompatClient, model: string, dataUrl: string, signal?: AbortSignal): Promise<ChatResult> {
  return (await ocrCall(client, model, dataUrl, signal)).result;
}

/**
 * One page image through Mistral's OCR endpoint: the chat-shaped result and the endpoint's usage.
 * @param client the API client
 * @param model e.g. 'mistral-ocr-latest'
 * @param dataUrl the page image
 * Usage fields missing from the answer count as 0.
 */
export async function ocrCall(client: OpenAICompatClient, model: string, dataUrl: string, signal?: AbortSignal): Promise<{ result: ChatResult; usage: OcrUsage }> {
  const { json, latencyMs } = await client.postJson('/v1/ocr', { model, document: { type: 'image_url', image_url: dataUrl } }, signal ? { signal } : {});
  const pages = (json as { pages?: unknown }).pages;
  const first = Array.isArray(pages) ? (pages[0] as { markdown?: unknown } | undefined) : undefined;
  if (!first || typeof first.markdown !== 'string') throw new DocmillError('ENGINE_BAD_RESPONSE', 'The OCR answer has no pages[0].markdown.');
  const info = ((json as { usage_info?: unknown }).usage_info ?? {}) as { pages_processed?: unknown; doc_size_bytes?: unknown };
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  return {
    result: { text: first.markdown, finishReason: 'stop', usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, latencyMs },
    usage: { pagesProcessed: num(info.pages_processed), docSizeBytes: num(info.doc_size_bytes) },
  };
}
