import type { VisionEngine } from '@docmill/core';
import { attemptPage } from './attempt.js';
import { OpenAICompatClient } from './client.js';
import { ServerPool, logCircuit, viaPool, type ServerPoolOptions } from './dispatch.js';
import type { TokenLimitField } from './continuation.js';
import { attemptOptions, chatRequestFor, pageEngine, type CommonEngineOptions } from './page-engine.js';
import { anchorText, pageMessages } from './prompts.js';

export interface OpenAIEngineOptions extends CommonEngineOptions {
  /** One or more OpenAI-compatible servers (vLLM), each with or without `/v1`. */
  baseUrls: string[];
  apiKey?: string;
  /** The served model name (DOCMILL_MODEL). */
  model: string;
  /** Requests in flight per server (DOCMILL_VISION_CONCURRENCY, default 64). */
  concurrency?: number;
  /**
   * The field that carries the completion limit (default `max_completion_tokens`, OpenAI's current name, which
   * vLLM ≥ 0.6 reads before `max_tokens`); `max_tokens` for older OpenAI-compatible servers.
   */
  tokenLimitField?: TokenLimitField;
  /**
   * Continue an answer cut by the token limit with vLLM's `continue_final_message` (default true). Set false
   * for servers without that extra parameter (OpenAI's own API rejects it): they are asked again with a higher limit.
   */
  continueTruncated?: boolean;
  /** The servers' circuit: max wait (DOCMILL_VISION_MAX_WAIT), policy (DOCMILL_ON_SERVER_DOWN), probe and liveness timings. */
  servers?: Omit<ServerPoolOptions, 'concurrency'>;
}

/** The engine plus its pool (for stats and the circuit's events). */
export interface OpenAIEngine extends VisionEngine {
  readonly pool: ServerPool;
  readonly availability: ServerPool;
  close(): Promise<void>;
}

/**
 * The `openai` engine: page images to Markdown through OpenAI-compatible servers
 * (the reference: vLLM serving Mistral Small 3.1), with the page prompt, anchor
 * text for pages whose text layer is trustworthy, the retry policy, and
 * least-loaded dispatch over `baseUrls` with a per-server concurrency cap and a
 * per-server circuit (outages make pages wait; they are not page attempts).
 * @param opts servers, key, model, concurrency, circuit settings, shared engine options
 * Create ONE engine per process and share it: the cap is per server across all pages of all documents.
 * `close()` stops the pool's probes.
 */
export function createOpenAIEngine(opts: OpenAIEngineOptions): OpenAIEngine {
  const clients = opts.baseUrls.map((baseUrl) => new OpenAICompatClient({ baseUrl, ...(opts.apiKey ? { apiKey: opts.apiKey } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) }));
  const pool = new ServerPool(clients, { ...opts.servers, concurrency: opts.concurrency ?? 32 });
  if (opts.logger) logCircuit(pool, opts.logger);
  const engine = pageEngine(
    'openai',
    opts,
    (page, ctx, call, tile) => {
      // Note: a tile's anchor text is the part of the text layer inside it; an empty tile answer is judged by the tile's own text and ink.
      const layer = tile ? { ...page.textLayer, spans: tile.spans } : page.textLayer;
      const anchor = page.verdict.trustworthy && layer.spans.length > 0 ? anchorText(layer) : undefined;
      const req = chatRequestFor(opts.model, pageMessages(ctx.image.dataUrl, anchor, tile?.tile), ctx, opts.tokenLimitField ?? 'max_completion_tokens');
      const textChars = tile ? tile.spans.reduce((n, s) => n + s.text.replace(/\s/g, '').length, 0) : page.verdict.chars;
      return attemptPage((r, signal) => viaPool(pool, (client, s) => client.chat(r, { signal: s }), signal, call), req, { textChars, isBlank: ctx.isBlank }, attemptOptions(ctx));
    },
    { canContinue: opts.continueTruncated ?? true, tiles: true, close: async () => pool.close() },
  );
  return Object.assign(engine, { pool, availability: pool, close: async () => pool.close() });
}
