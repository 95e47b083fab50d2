import { DocmillError, isDocmillError, silentLogger, toDocmillError, type Logger, type PageFlag, type PageUsage, type PreparedPage, type RenderRequest, type RenderedImage, type TextSpan, type VisionEngine, type VisionOutcome } from '@docmill/core';
import { markdownToBlocks, stitchTileAnswers } from '@docmill/markdown';
import type { ChatRequest } from './client.js';
import type { OnServerDown } from './dispatch.js';
import { textLayerRotation } from './detect.js';
import { MODEL_MAX_SIDE, rotateImage, type ImageFormatChoice } from './image.js';
import { answerWithPolicy, draftFromAnswer, transcribeWithPolicy, type AttemptContext, type PolicyAnswer, type RetryPolicy } from './policy.js';
import type { AttemptOutcome } from './attempt.js';
import { continueRequest, type TokenLimitField } from './continuation.js';
import { PROMPT_VERSION, TILE_PROMPT_VERSION } from './prompts.js';
import { cropTile, estimateTextScale, inkColumns, planTiles, spansInTile, tiledLongestSide, type Tile } from './tiles.js';

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
  /** Send dense pages as tiles (default true for engines that support it: `openai`). See tiles.ts. */
  tiles?: boolean;
}

/** A tile of a dense page as the engine's attempt sees it: its place, and the text-layer spans inside it (for anchor text). */
export interface TileContext {
  tile: Tile;
  /** Empty when the render is rotated (the text layer's coordinates do not apply) or the text layer is not trustworthy. */
  spans: TextSpan[];
}

/** How one page's requests treat servers that are down (the job's or the run's --on-server-down). */
export interface ServerCall {
  onServerDown?: OnServerDown;
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
  attempt: (page: PreparedPage, ctx: AttemptContext, call: ServerCall, tile?: TileContext) => Promise<AttemptOutcome>,
  extra: { close?: () => Promise<void>; canContinue?: boolean; tiles?: boolean } = {},
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
      const common = {
        page,
        toBlocks: markdownToBlocks,
        engine: name,
        promptVersion: PROMPT_VERSION,
        imageFormat: opts.imageFormat ?? 'auto',
        policy: { ...opts.policy, ...(opts.attempts ? { maxAttempts: opts.attempts } : {}) },
        canContinue: extra.canContinue ?? false,
        ...(o.signal ? { signal: o.signal } : {}),
        ...(opts.sleep ? { sleep: opts.sleep } : {}),
        onAttempt: (info: object) => log.debug({ engine: name, page: page.index, sha256: page.sha256, ...info }, 'vision attempt'),
      };
      const call: ServerCall = o.onServerDown ? { onServerDown: o.onServerDown } : {};
      let outcome: VisionOutcome;
      try {
        const tiled = (extra.tiles ?? false) && opts.tiles !== false ? await transcribeTiles(page, image, o.render, longestSide, common, (p, c, t) => attempt(p, c, call, t)) : undefined;
        outcome =
          tiled ??
          (await transcribeWithPolicy({
            ...common,
            image,
            ...(o.render ? { render: o.render } : {}),
            attempt: (ctx) => attempt(page, ctx, call),
            longestSide,
          }));
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

/**
 * A dense page as tiles (see tiles.ts): estimates the text's x-height at the model's size; when it is under
 * the threshold, renders the page larger (or uses a large enough image), cuts it into tiles, runs the retry
 * policy on every tile at once (each with its position in the prompt and its share of the anchor text),
 * stitches the answers in reading order without the overlap, and makes one draft flagged `tiled`.
 * @returns undefined when the page is not dense, or no larger image can be had (no render function and a small image)
 * Note: one tile the model cannot transcribe fails the page (and the pipeline falls back): a page with a hole is worse.
 * Tiles are never rotated by the model's answer (the page's orientation was settled before tiling).
 */
async function transcribeTiles(
  page: PreparedPage,
  image: RenderedImage,
  render: ((req: RenderRequest) => Promise<RenderedImage>) | undefined,
  longestSide: number,
  common: Omit<Parameters<typeof answerWithPolicy>[0], 'image' | 'attempt' | 'longestSide'> & Pick<Parameters<typeof draftFromAnswer>[0], 'toBlocks'>,
  attempt: (page: PreparedPage, ctx: AttemptContext, tile?: TileContext) => Promise<AttemptOutcome>,
): Promise<VisionOutcome | undefined> {
  const side = tiledLongestSide(await estimateTextScale(page, longestSide, image), longestSide);
  if (side === undefined) return undefined;
  const big = render ? await render({ longestSide: side, rotation: image.rotation, format: 'png' }) : Math.max(image.width, image.height) >= side * 0.9 ? image : undefined;
  if (!big) return undefined;
  const tiles = planTiles(big.width, big.height, { inkColumns: await inkColumns(big.data) });
  if (tiles.length < 2) return undefined;
  const spans = page.verdict.trustworthy && big.rotation === 0 ? page.textLayer.spans : [];
  const answers = await Promise.all(
    tiles.map(async (tile) => {
      const ctx: TileContext = { tile, spans: spansInTile(spans, page.textLayer, tile) };
      return answerWithPolicy({
        ...common,
        image: await cropTile(big, tile),
        attempt: (c) => attempt(page, c, ctx),
        longestSide: MODEL_MAX_SIDE,
        policy: { ...common.policy, maxRotations: 0 },
      });
    }),
  );
  const usage: PageUsage = { promptTokens: 0, imageTokens: 0, completionTokens: 0, latencyMs: 0, attempts: 0 };
  for (const a of answers) {
    const u = a.ok ? a.usage : a.outcome.usage;
    if (!u) continue;
    usage.promptTokens += u.promptTokens;
    usage.imageTokens += u.imageTokens;
    usage.completionTokens += u.completionTokens;
    // Note: tiles run at once: the page took as long as its slowest tile.
    usage.latencyMs = Math.max(usage.latencyMs, u.latencyMs);
    usage.attempts += u.attempts;
  }
  const failedTile = answers.find((a): a is Extract<PolicyAnswer, { ok: false }> => !a.ok);
  if (failedTile) return { ...failedTile.outcome, attempts: usage.attempts, usage };
  const ok = answers as Array<Extract<PolicyAnswer, { ok: true }>>;
  const bands = Array.from({ length: tiles[0]!.cols }, (_, col) => tiles.filter((t) => t.col === col).map((t) => ok[t.index]!.markdown));
  const { markdown } = stitchTileAnswers(bands);
  const flags = [...new Set<PageFlag>(['tiled', ...ok.flatMap((a) => a.flags)])];
  const failures = ok.reduce((n, a) => n + a.failures, 0);
  const draft = draftFromAnswer({ ...common, promptVersion: `${PROMPT_VERSION}+${TILE_PROMPT_VERSION}` }, { ok: true, markdown, blank: markdown.trim() === '', rotation: big.rotation, raw: big, usage, failures, flags });
  return { ok: true, draft };
}
