import { DocmillError, type VisionEngine } from '@docmill/core';
import { attemptPage } from './attempt.js';
import { OpenAICompatClient, type ChatResult } from './client.js';
import { ServerPool } from './dispatch.js';
import { attemptOptions, chatRequestFor, pageEngine, viaPool, type CommonEngineOptions } from './page-engine.js';
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
}

/**
 * The `mistral` engine: Mistral's hosted API. Mode 'chat' sends the page image
 * with the same prompt and policy as the `openai` engine; mode 'ocr' sends it to
 * `POST /v1/ocr` and maps `pages[0].markdown` through markdownToBlocks (the
 * transport retries, 429 handling and answer checks for empty/invented text
 * still apply; the temperature ladder has no effect there). Chat mode sends
 * dense pages as tiles; neither mode continues cut answers (the API has no
 * `continue_final_message`): they are asked again with a higher `max_tokens`.
 * @param opts key, base URL, model, mode, shared engine options
 * Does not use the batch API or document_url uploads.
 */
export function createMistralEngine(opts: MistralEngineOptions): VisionEngine & { readonly pool: ServerPool } {
  if (!opts.apiKey) throw new DocmillError('ENGINE_NOT_CONFIGURED', 'MISTRAL_API_KEY is not set.');
  const client = new OpenAICompatClient({ baseUrl: opts.baseUrl ?? 'https://api.mistral.ai', apiKey: opts.apiKey, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
  const pool = new ServerPool([client], { concurrency: opts.concurrency ?? 8 });
  const mode = opts.mode ?? 'chat';
  const ocrModel = opts.ocrModel ?? 'mistral-ocr-latest';
  const engine = pageEngine(
    'mistral',
    opts,
    (page, ctx, tile) => {
      const textChars = tile ? tile.spans.reduce((n, s) => n + s.text.replace(/\s/g, '').length, 0) : page.verdict.chars;
      const facts = { textChars, isBlank: ctx.isBlank };
      const attemptOpts = attemptOptions(ctx);
      if (mode === 'ocr') {
        const send = (_req: unknown, signal?: AbortSignal) => viaPool(pool, (c) => ocrPage(c, ocrModel, ctx.image.dataUrl, signal), signal);
        return attemptPage(send, { model: ocrModel, messages: [] }, facts, attemptOpts);
      }
      const layer = tile ? { ...page.textLayer, spans: tile.spans } : page.textLayer;
      const anchor = page.verdict.trustworthy && layer.spans.length > 0 ? anchorText(layer) : undefined;
      const req = chatRequestFor(opts.model, pageMessages(ctx.image.dataUrl, anchor, tile?.tile), ctx);
      return attemptPage((r, signal) => viaPool(pool, (c) => c.chat(r, signal ? { signal } : {}), signal), req, facts, attemptOpts);
    },
    // Note: chat mode tiles dense pages like the openai engine; the OCR endpoint reads whole pages its own way.
    { tiles: mode === 'chat' },
  );
  return Object.assign(engine, { pool });
}

/**
 * One page image through Mistral's OCR endpoint, shaped like a chat result so the same checks apply.
 * @param client the API client
 * @param model e.g. 'mistral-ocr-latest'
 * @param dataUrl the page image
 */
export async function ocrPage(client: OpenAICompatClient, model: string, dataUrl: string, signal?: AbortSignal): Promise<ChatResult> {
  const { json, latencyMs } = await client.postJson('/v1/ocr', { model, document: { type: 'image_url', image_url: dataUrl } }, signal ? { signal } : {});
  const pages = (json as { pages?: unknown }).pages;
  const first = Array.isArray(pages) ? (pages[0] as { markdown?: unknown } | undefined) : undefined;
  if (!first || typeof first.markdown !== 'string') throw new DocmillError('ENGINE_BAD_RESPONSE', 'The OCR answer has no pages[0].markdown.');
  return { text: first.markdown, finishReason: 'stop', usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, latencyMs };
}
