import type { VisionEngine } from '@docmill/core';
import { attemptPage } from './attempt.js';
import { OpenAICompatClient } from './client.js';
import { ServerPool, logCircuit, viaPool, type ServerPoolOptions } from './dispatch.js';
import { chatRequestFor, pageEngine, type CommonEngineOptions } from './page-engine.js';
import { anchorText, pageMessages } from './prompts.js';

export interface OpenAIEngineOptions extends CommonEngineOptions {
  /** One or more OpenAI-compatible servers (vLLM), each with or without `/v1`. */
  baseUrls: string[];
  apiKey?: string;
  /** The served model name (DOCMILL_MODEL). */
  model: string;
  /** Requests in flight per server (DOCMILL_VISION_CONCURRENCY, default 64). */
  concurrency?: number;
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
  const engine = pageEngine('openai', opts, (page, ctx, call) => {
    const anchor = page.verdict.trustworthy && page.textLayer.spans.length > 0 ? anchorText(page.textLayer) : undefined;
    const req = chatRequestFor(opts.model, pageMessages(ctx.image.dataUrl, anchor), ctx);
    return attemptPage(
      (r, signal) => viaPool(pool, (client, s) => client.chat(r, { signal: s }), signal, call),
      req,
      { textChars: page.verdict.chars, isBlank: ctx.isBlank },
      { ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.stopGuard !== undefined ? { stopGuard: ctx.stopGuard } : {}) },
    );
  }, { close: async () => pool.close() });
  return Object.assign(engine, { pool, availability: pool, close: async () => pool.close() });
}
