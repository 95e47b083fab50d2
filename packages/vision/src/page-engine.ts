import { DocmillError, isDocmillError, silentLogger, toDocmillError, type Logger, type PreparedPage, type RenderRequest, type RenderedImage, type VisionEngine, type VisionOutcome } from '@docmill/core';
import { markdownToBlocks } from '@docmill/markdown';
import type { ChatRequest } from './client.js';
import type { OnServerDown } from './dispatch.js';
import { textLayerRotation } from './detect.js';
import { MODEL_MAX_SIDE, rotateImage, type ImageFormatChoice } from './image.js';
import { transcribeWithPolicy, type AttemptContext, type RetryPolicy } from './policy.js';
import type { AttemptOutcome } from './attempt.js';
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

/** Builds the chat request of one attempt from the policy's context. */
export function chatRequestFor(model: string, messages: ChatRequest['messages'], ctx: AttemptContext): ChatRequest {
  const req: ChatRequest = { model, messages, temperature: ctx.temperature, max_tokens: ctx.maxTokens };
  if (ctx.stop) req.stop = ctx.stop;
  if (ctx.frequencyPenalty !== undefined) req.frequency_penalty = ctx.frequencyPenalty;
  return req;
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
  attempt: (page: PreparedPage, ctx: AttemptContext, call: { onServerDown?: OnServerDown }) => Promise<AttemptOutcome>,
  extra: { close?: () => Promise<void> } = {},
): VisionEngine {
  const longestSide = Math.min(opts.longestSide ?? MODEL_MAX_SIDE, MODEL_MAX_SIDE);
  const log = opts.logger ?? silentLogger;
  const engine: VisionEngine = {
    name,
    renderLongestSide: longestSide,
    async transcribe(page: PreparedPage, o: { signal?: AbortSignal; render?: (req: RenderRequest) => Promise<RenderedImage>; onServerDown?: OnServerDown }): Promise<VisionOutcome> {
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
      const call = o.onServerDown ? { onServerDown: o.onServerDown } : {};
      let outcome: VisionOutcome;
      try {
        outcome = await transcribeWithPolicy({
          page,
          image,
          ...(o.render ? { render: o.render } : {}),
          attempt: (ctx) => attempt(page, ctx, call),
          toBlocks: markdownToBlocks,
          engine: name,
          promptVersion: PROMPT_VERSION,
          longestSide,
          imageFormat: opts.imageFormat ?? 'auto',
          policy: { ...opts.policy, ...(opts.attempts ? { maxAttempts: opts.attempts } : {}) },
          ...(o.signal ? { signal: o.signal } : {}),
          ...(opts.sleep ? { sleep: opts.sleep } : {}),
          onAttempt: (info) => log.debug({ engine: name, page: page.index, sha256: page.sha256, ...info }, 'vision attempt'),
        });
      } catch (e) {
        // Note: every server stayed down past the max wait and the page's policy is not to wait: the
        // caller decides (fallback or a failed page); the server outage never counted as an attempt.
        if (!isDocmillError(e, 'ENGINE_UNAVAILABLE')) throw e;
        outcome = { ok: false, error: toDocmillError(e).toJSON(), attempts: 0 };
      }
      if (!outcome.ok) log.warn({ engine: name, page: page.index, sha256: page.sha256, code: outcome.error.code, attempts: outcome.attempts }, 'vision engine gave up on a page');
      return outcome;
    },
  };
  if (extra.close) engine.close = extra.close;
  return engine;
}
