import { DocmillError, isDocmillError, silentLogger, type Logger, type PreparedPage, type RenderRequest, type RenderedImage, type VisionEngine, type VisionOutcome } from '@docmill/core';
import { markdownToBlocks } from '@docmill/markdown';
import type { ChatRequest, OpenAICompatClient } from './client.js';
import type { ServerPool } from './dispatch.js';
import { textLayerRotation } from './detect.js';
import { MODEL_MAX_SIDE, rotateImage, type ImageFormatChoice } from './image.js';
import { transcribeWithPolicy, type AttemptContext, type RetryPolicy } from './policy.js';
import type { AttemptOutcome } from './attempt.js';
import { continueRequest, type TokenLimitField } from './continuation.js';
import { PROMPT_VERSION } from './prompts.js';

/** Options every vision engine shares. */
export interface CommonEngineOptions {
  /** Longest side of the page image sent (DOCMILL_VISION_LONGEST_SIDE, ≤ 1540). */
  longestSide?: number;
  /** Requests per page at most (DOCMILL_VISION_ATTEMPTS). */
  attempts?: number;
  /** Per-request time limit in ms (DOCMILL_VISION_TIMEOUT_MS). */
  timeoutMs?: number;
  /** PNG, JPEG, or whichever is smaller (default). */
  imageFormat?: ImageFormatChoice;
  /** Overrides of the retry policy (temperatures, max_tokens, backoff…). */
  policy?: Partial<RetryPolicy>;
  /** Injected for tests: the wait between attempts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  logger?: Logger;
}

/**
 * Sends a request through the pool: takes a slot on the least-loaded server,
 * and gives it back — marking the server for cooldown when it could not be reached.
 * @param pool the shared server pool
 * @param call the request on the leased client
 */
export async function viaPool<T>(pool: ServerPool, call: (client: OpenAICompatClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lease = await pool.acquire(signal);
  let connectionFailed = false;
  try {
    return await call(lease.client);
  } catch (e) {
    connectionFailed = isDocmillError(e, 'ENGINE_CONNECTION');
    throw e;
  } finally {
    lease.release(connectionFailed);
  }
}

/**
 * Builds the chat request of one attempt from the policy's context.
 * @param model the served model
 * @param messages the page's messages
 * @param ctx the policy's context; with `continuation` set, the request continues that answer (`continueRequest`)
 * @param tokenField the field that carries the limit: `max_completion_tokens` (OpenAI's current name, vLLM ≥ 0.6)
 *   or `max_tokens` (Mistral's API, older servers); never both
 */
export function chatRequestFor(model: string, messages: ChatRequest['messages'], ctx: AttemptContext, tokenField: TokenLimitField = 'max_tokens'): ChatRequest {
  const req: ChatRequest = { model, messages, temperature: ctx.temperature, [tokenField]: ctx.maxTokens };
  if (ctx.stop) req.stop = ctx.stop;
  if (ctx.frequencyPenalty !== undefined) req.frequency_penalty = ctx.frequencyPenalty;
  return ctx.continuation !== undefined ? continueRequest(req, ctx.continuation) : req;
}

/** The options `attemptPage` needs from the policy's context (abort, stop guard, the answer being continued). */
export function attemptOptions(ctx: AttemptContext): { signal?: AbortSignal; stopGuard?: string; prefix?: string } {
  return { ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.stopGuard !== undefined ? { stopGuard: ctx.stopGuard } : {}), ...(ctx.continuation !== undefined ? { prefix: ctx.continuation } : {}) };
}

/**
 * The part common to the page engines: get an image (the pipeline's, or render one),
 * pre-rotate when the text layer runs sideways, then run the retry policy with
 * the engine's attempt function.
 * @param name engine name stored in page results
 * @param opts shared options
 * @param attempt one request for the page, given the policy's context
 */
export function pageEngine(
  name: string,
  opts: CommonEngineOptions,
  attempt: (page: PreparedPage, ctx: AttemptContext) => Promise<AttemptOutcome>,
  extra: { close?: () => Promise<void>; canContinue?: boolean } = {},
): VisionEngine {
  const longestSide = Math.min(opts.longestSide ?? MODEL_MAX_SIDE, MODEL_MAX_SIDE);
  const log = opts.logger ?? silentLogger;
  const engine: VisionEngine = {
    name,
    renderLongestSide: longestSide,
    async transcribe(page: PreparedPage, o: { signal?: AbortSignal; render?: (req: RenderRequest) => Promise<RenderedImage> }): Promise<VisionOutcome> {
      let image = page.image;
      const sideways = textLayerRotation(page.textLayer);
      if (o.render && (!image || (sideways !== 0 && image.rotation === 0))) {
        image = await o.render({ longestSide, rotation: sideways });
      } else if (image && sideways !== 0 && image.rotation === 0) {
        image = await rotateImage(image, sideways);
      }
      if (!image) {
        return { ok: false, error: new DocmillError('PAGE_RENDER_FAILED', `Page ${page.index + 1} has no image and the ${name} engine was given no render function.`).toJSON(), attempts: 0 };
      }
      const outcome = await transcribeWithPolicy({
        page,
        image,
        ...(o.render ? { render: o.render } : {}),
        attempt: (ctx) => attempt(page, ctx),
        toBlocks: markdownToBlocks,
        engine: name,
        promptVersion: PROMPT_VERSION,
        longestSide,
        imageFormat: opts.imageFormat ?? 'auto',
        policy: { ...opts.policy, ...(opts.attempts ? { maxAttempts: opts.attempts } : {}) },
        canContinue: extra.canContinue ?? false,
        ...(o.signal ? { signal: o.signal } : {}),
        ...(opts.sleep ? { sleep: opts.sleep } : {}),
        onAttempt: (info) => log.debug({ engine: name, page: page.index, sha256: page.sha256, ...info }, 'vision attempt'),
      });
      if (!outcome.ok) log.warn({ engine: name, page: page.index, sha256: page.sha256, code: outcome.error.code, attempts: outcome.attempts }, 'vision engine gave up on a page');
      return outcome;
    },
  };
  if (extra.close) engine.close = extra.close;
  return engine;
}
