import { DocmillError, type Block, type PageDraft, type PageFlag, type PageUsage, type PreparedPage, type RenderRequest, type RenderedImage, type Rotation, type VisionOutcome } from '@docmill/core';
import type { AnswerDefect } from '@docmill/markdown';
import { outcomeError, type AttemptOutcome } from './attempt.js';
import { splitFrontMatter } from './detect.js';
import { checkBlank, encodeForModel, rotateImage, type ImageFormatChoice, type ModelImage } from './image.js';

/** The retry policy as data. */
export interface RetryPolicy {
  /** Requests per page at most (DOCMILL_VISION_ATTEMPTS), rate-limited and failed ones included. */
  maxAttempts: number;
  /** Temperature per content failure: the first attempt uses [0], each loop/truncation/empty/refusal/hallucination moves one rung up. */
  temperatures: number[];
  /** max_tokens of a normal attempt. */
  maxTokens: number;
  /** max_tokens never goes below this after a loop. */
  minMaxTokens: number;
  /** frequency_penalty sent after a loop. */
  loopFrequencyPenalty: number;
  /** Longest wait honoured from a Retry-After header. */
  retryAfterCapMs: number;
  /** Exponential backoff for 5xx, timeouts and connection errors: base·2^k, capped, with jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Re-renders for rotation at most. */
  maxRotations: number;
  /**
   * Continuations of an answer cut by the token limit at most (engines that can continue, i.e. vLLM):
   * each sends the answer so far back to be continued with `maxTokens` more. They do not count
   * against `maxAttempts`. When they run out, the page keeps what was transcribed, flagged `truncated`.
   */
  maxContinuations: number;
  /** For engines that cannot continue: a truncated answer is asked again with twice the limit, up to this. */
  maxTokensCeiling: number;
}

export const DEFAULT_POLICY: RetryPolicy = {
  maxAttempts: 4,
  temperatures: [0.15, 0.3, 0.5, 0.8, 1.0],
  // Note: ~2× a dense page's Markdown, and short enough to finish inside the default 180 s timeout at the
  // ~40 tokens/s one sequence gets in a full vLLM batch (6,000 tokens ≈ 150 s).
  maxTokens: 6000,
  minMaxTokens: 1024,
  loopFrequencyPenalty: 0.3,
  retryAfterCapMs: 60_000,
  backoffBaseMs: 1000,
  backoffMaxMs: 30_000,
  maxRotations: 2,
  // Note: 4 × 6,000 tokens ≈ 80,000 characters of Markdown, four times a dense newspaper page.
  maxContinuations: 3,
  // Note: Mistral Small 3.1 writes at most what its 128k context leaves after a page (~3.5k tokens):
  // 16k keeps one call under ~7 min at the ~40 tokens/s of a full batch (raise the timeout with it).
  maxTokensCeiling: 16_384,
};

/** What the policy hands one attempt. */
export interface AttemptContext {
  image: ModelImage;
  temperature: number;
  maxTokens: number;
  /** Set after a loop: stop strings that end a recurrence of it. */
  stop?: string[];
  /** Set after a loop. */
  frequencyPenalty?: number;
  /** The stop guard among `stop`, for classifying a stop on it as a loop. */
  stopGuard?: string;
  /** Set when this request continues an answer cut by the token limit: the answer so far. */
  continuation?: string;
  /** 1-based number of this request for the page. */
  attempt: number;
  isBlank: () => Promise<boolean>;
  signal?: AbortSignal;
}

export interface PolicyInput {
  page: PreparedPage;
  /** The image to start from (rendered at the engine's size, possibly pre-rotated). */
  image: RenderedImage;
  /** Re-renders the page (for rotation); without it the image is rotated with sharp. */
  render?: (req: RenderRequest) => Promise<RenderedImage>;
  /** One request and its classification. */
  attempt: (ctx: AttemptContext) => Promise<AttemptOutcome>;
  /** Markdown → blocks (the engine passes @docmill/markdown's markdownToBlocks, which repairs and reports the answer checks' defects). */
  toBlocks: (markdown: string, page: { width: number; height: number }) => { blocks: Block[]; warnings: string[]; defects?: AnswerDefect[] };
  engine: string;
  promptVersion: string;
  longestSide: number;
  imageFormat?: ImageFormatChoice;
  policy?: Partial<RetryPolicy>;
  /** The engine can continue a cut answer (`AttemptContext.continuation`); otherwise it is asked again with a higher limit. */
  canContinue?: boolean;
  signal?: AbortSignal;
  /** Waits; injectable for tests. Default: an abortable timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In [0,1); injectable for tests. */
  random?: () => number;
  /** Called after each attempt (logging, metrics). */
  onAttempt?: (info: { attempt: number; kind: AttemptOutcome['kind']; temperature: number; maxTokens: number; waitMs: number }) => void;
}

/**
 * The retry policy around single attempts (olmOCR's practice): a temperature
 * ladder for content failures (loops, truncation, empty answers, refusals, text
 * for a blank page); after a loop a lower max_tokens, a frequency penalty and a
 * stop guard (the looping unit repeated); Retry-After honoured on 429 (capped);
 * exponential backoff with jitter on 5xx, timeouts, connection errors and bad
 * bodies; rotation: when the model answers `rotation: N` the page is re-rendered
 * turned N° clockwise and tried again. After `maxAttempts` requests the page
 * comes back `{ok:false}` with the last error and the usage spent, so the
 * pipeline can fall back to the local engine.
 *
 * An answer cut by the token limit is continued where it stopped when the engine
 * can (`canContinue`, vLLM): up to `maxContinuations` more requests that do not
 * count as attempts; other engines ask again with twice the limit. What was
 * transcribed is never thrown away: when the page still ends cut, it is kept and
 * flagged `truncated`.
 *
 * Does not fall back itself and never drops a page. Non-retryable HTTP errors
 * (4xx other than 408/409/429, context overflow) end the page at once. An abort
 * of `signal` is rethrown.
 */
export async function transcribeWithPolicy(input: PolicyInput): Promise<VisionOutcome> {
  const answer = await answerWithPolicy(input);
  if (!answer.ok) return answer.outcome;
  return { ok: true, draft: draftFromAnswer(input, answer) };
}

/** What the policy got for a page (or a tile) before it becomes blocks. */
export type PolicyAnswer =
  | {
      ok: true;
      /** The answer's Markdown body (front matter removed), continuations joined. */
      markdown: string;
      blank: boolean;
      rotation: Rotation;
      /** The image the answer is about (after any rotation). */
      raw: RenderedImage;
      usage: PageUsage;
      /** Requests that did not give a usable answer (continuations are not failures). */
      failures: number;
      /** Facts about the answer itself: `truncated` when it still ended cut. */
      flags: PageFlag[];
    }
  | { ok: false; outcome: Extract<VisionOutcome, { ok: false }> };

/**
 * The retry policy of `transcribeWithPolicy` up to the answer's Markdown (no blocks): what tiles use.
 * @param input as for `transcribeWithPolicy` (`toBlocks` is not called)
 */
export async function answerWithPolicy(input: Omit<PolicyInput, 'toBlocks'> & Partial<Pick<PolicyInput, 'toBlocks'>>): Promise<PolicyAnswer> {
  const policy: RetryPolicy = { ...DEFAULT_POLICY, ...input.policy };
  const sleep = input.sleep ?? abortableSleep;
  const random = input.random ?? Math.random;
  const usage: PageUsage = { promptTokens: 0, imageTokens: 0, completionTokens: 0, latencyMs: 0, attempts: 0 };

  let raw = input.image;
  let rotation: Rotation = input.image.rotation;
  let image = await encodeForModel(raw, { longest: input.longestSide, format: input.imageFormat ?? 'auto' });
  let blankMemo: Promise<boolean> | undefined;
  const isBlank = () => (blankMemo ??= checkBlank(raw.data).then((b) => b.blank));

  let rung = 0;
  let maxTokens = policy.maxTokens;
  let loopGuard: { stop: string[]; stopGuard: string; frequencyPenalty: number } | undefined;
  let transportFailures = 0;
  let rotations = 0;
  let last: Exclude<AttemptOutcome, { kind: 'ok' }> | undefined;
  // Continuations: each one answered adds a request to the budget, so they never use up attempts.
  let budget = policy.maxAttempts;
  let continuations = 0;
  let partial: string | undefined;
  let kept: { text: string; rotation: Rotation; raw: RenderedImage } | undefined;
  let defective: { markdown: string; findings: number; rotation: Rotation; raw: RenderedImage } | undefined;
  const failures = () => usage.attempts - 1 - continuations;

  for (let attempt = 1; attempt <= budget; attempt++) {
    input.signal?.throwIfAborted();
    const temperature = policy.temperatures[Math.min(rung, policy.temperatures.length - 1)] ?? 0.15;
    const ctx: AttemptContext = { image, temperature, maxTokens, attempt, isBlank, ...(loopGuard ?? {}), ...(partial !== undefined ? { continuation: partial } : {}), ...(input.signal ? { signal: input.signal } : {}) };
    const outcome = await input.attempt(ctx);
    usage.attempts++;
    if ('result' in outcome) {
      usage.promptTokens += outcome.result.usage.promptTokens;
      usage.completionTokens += outcome.result.usage.completionTokens;
      usage.imageTokens += image.tokens;
      usage.latencyMs += outcome.result.latencyMs;
    } else {
      usage.latencyMs += outcome.latencyMs;
    }

    let waitMs = 0;
    switch (outcome.kind) {
      case 'ok':
        input.onAttempt?.({ attempt, kind: outcome.kind, temperature, maxTokens, waitMs });
        return { ok: true, markdown: outcome.markdown, blank: outcome.blank, rotation, raw, usage, failures: failures(), flags: [] };
      case 'rotate': {
        if (attempt === budget || rotations >= policy.maxRotations) {
          // Note: out of rotations or attempts: keep what the model read from the sideways page rather than nothing.
          input.onAttempt?.({ attempt, kind: outcome.kind, temperature, maxTokens, waitMs });
          if (outcome.markdown.trim() !== '') return { ok: true, markdown: outcome.markdown, blank: false, rotation, raw, usage, failures: failures(), flags: [] };
          last = outcome;
          break;
        }
        rotations++;
        rotation = (((rotation + outcome.rotation) % 360) as Rotation);
        raw = input.render ? await input.render({ longestSide: input.longestSide, rotation }) : await rotateImage(raw, outcome.rotation);
        image = await encodeForModel(raw, { longest: input.longestSide, format: input.imageFormat ?? 'auto' });
        blankMemo = undefined;
        last = outcome;
        break;
      }
      case 'repetition': {
        rung++;
        const unit = outcome.finding.unit;
        const prefixTokens = Math.ceil(outcome.finding.start / 3);
        maxTokens = Math.max(policy.minMaxTokens, Math.min(maxTokens, Math.round(prefixTokens * 1.5) + 256));
        const times = Math.max(3, Math.min(8, Math.floor(2000 / Math.max(1, unit.length))));
        const guard = unit.repeat(times);
        loopGuard = { stop: [guard], stopGuard: guard, frequencyPenalty: policy.loopFrequencyPenalty };
        last = outcome;
        break;
      }
      case 'truncated': {
        last = outcome;
        if (!kept || outcome.text.length >= kept.text.length) kept = { text: outcome.text, rotation, raw };
        if (input.canContinue && outcome.text.trim() !== '') {
          if (continuations >= policy.maxContinuations) {
            input.onAttempt?.({ attempt, kind: outcome.kind, temperature, maxTokens, waitMs });
            return keptAnswer(kept, usage, failures());
          }
          // Note: continue where it stopped, at the same temperature, with the full limit again.
          continuations++;
          budget++;
          partial = outcome.text;
          maxTokens = policy.maxTokens;
          break;
        }
        rung++;
        partial = undefined;
        // A lowered limit (after a loop) may be what cut a real page short: give it the full budget again, or more.
        maxTokens = Math.min(policy.maxTokensCeiling, Math.max(policy.maxTokens, maxTokens * 2));
        break;
      }
      case 'empty':
      case 'refusal':
      case 'hallucinated-blank':
        rung++;
        last = outcome;
        break;
      case 'defective':
        // Note: retried up the ladder like a loop; the answer with the fewest findings is kept to be repaired.
        rung++;
        if (!defective || outcome.findings.length <= defective.findings) defective = { markdown: outcome.markdown, findings: outcome.findings.length, rotation, raw };
        last = outcome;
        break;
      case 'rate-limited': {
        const ra = outcome.error.details?.retryAfterSeconds;
        waitMs = typeof ra === 'number' ? Math.min(ra * 1000, policy.retryAfterCapMs) + Math.floor(random() * 250) : backoff(policy, transportFailures++, random);
        last = outcome;
        break;
      }
      case 'http-error':
        last = outcome;
        if (!outcome.error.retryable) {
          input.onAttempt?.({ attempt, kind: outcome.kind, temperature, maxTokens, waitMs });
          return failed(outcome, usage, rotation);
        }
        waitMs = backoff(policy, transportFailures++, random);
        break;
      case 'timeout':
        // Note: a request that runs out of time is often a loop that never reached max_tokens: next rung too.
        rung++;
        waitMs = backoff(policy, transportFailures++, random);
        last = outcome;
        break;
      case 'connection':
      case 'bad-response':
        waitMs = backoff(policy, transportFailures++, random);
        last = outcome;
        break;
      default:
        return assertNever(outcome);
    }
    // Any other answer starts the page afresh; a failed request leaves a continuation to be asked again.
    if ('result' in outcome && outcome.kind !== 'truncated') partial = undefined;
    input.onAttempt?.({ attempt, kind: outcome.kind, temperature, maxTokens, waitMs });
    if (waitMs > 0 && attempt < budget) await sleep(waitMs, input.signal);
  }
  // Note: a whole answer with defects the checks can repair beats a cut one; both beat a fallback that starts over.
  if (defective) return { ok: true, markdown: defective.markdown, blank: false, rotation: defective.rotation, raw: defective.raw, usage, failures: failures(), flags: [] };
  if (kept) return keptAnswer(kept, usage, failures());
  return failed(last!, usage, rotation);
}

function keptAnswer(kept: { text: string; rotation: Rotation; raw: RenderedImage }, usage: PageUsage, failures: number): PolicyAnswer {
  return { ok: true, markdown: splitFrontMatter(kept.text).body, blank: false, rotation: kept.rotation, raw: kept.raw, usage, failures, flags: ['truncated'] };
}

function failed(last: Exclude<AttemptOutcome, { kind: 'ok' }>, usage: PageUsage, rotation: Rotation): PolicyAnswer {
  const error = outcomeError(last).toJSON();
  return { ok: false, outcome: { ok: false, error, attempts: usage.attempts, usage: { ...usage }, ...(rotation !== 0 ? { rotation } : {}) } };
}

/** The page flag of each defect the answer checks repaired. */
export const DEFECT_FLAGS: Record<AnswerDefect, PageFlag> = {
  unclosed_fence: 'repaired_fence',
  repetition: 'repetition',
  duplicate_rows: 'duplicate_rows',
  truncated_html: 'truncated_html',
};

/**
 * Confidence kept per flag that says the answer is incomplete or was repaired.
 * Note: a repaired page starts at most at 0.95 × 0.6 = 0.57, and two defects (or one after a retry) put it
 * under 0.5 (low_confidence); a cut page keeps half.
 */
const FLAG_PENALTY: Partial<Record<PageFlag, number>> = { truncated: 0.5, repaired_fence: 0.6, repetition: 0.6, duplicate_rows: 0.6, truncated_html: 0.6 };

/**
 * The page draft for an answer: blocks by `toBlocks` (which repairs the answer checks' defects), flags
 * (the answer's own, one per repaired defect, blank, rotated, low_confidence) and the confidence heuristic.
 * @param input the policy input (page, toBlocks, engine, prompt version)
 * @param answer a usable answer (from `answerWithPolicy`, or tiles stitched together)
 */
export function draftFromAnswer(input: Pick<PolicyInput, 'page' | 'toBlocks' | 'engine' | 'promptVersion'>, answer: Extract<PolicyAnswer, { ok: true }>): PageDraft {
  const { page } = input;
  const { markdown, blank, rotation, raw, usage } = answer;
  const { blocks, warnings, defects = [] } = input.toBlocks(markdown, { width: page.dimensions.width, height: page.dimensions.height });
  const flags: PageFlag[] = [...new Set([...answer.flags, ...defects.map((d) => DEFECT_FLAGS[d])])];
  if (blank) flags.push('blank');
  if (rotation !== 0) flags.push('rotated');
  // Note: a heuristic, not a calibrated probability: each failed attempt before success, each
  // repair the Markdown needed and each defect flag lowers it. The pipeline may flag pages under 0.5.
  const penalty = flags.reduce((p, f) => p * (FLAG_PENALTY[f] ?? 1), 1);
  const confidence = Math.max(0.05, Math.round(0.95 * 0.85 ** Math.max(0, answer.failures) * 0.95 ** Math.min(warnings.length, 5) * penalty * 100) / 100);
  if (confidence < 0.5) flags.push('low_confidence');
  const draft: PageDraft = {
    index: page.index,
    dimensions: { width: page.dimensions.width, height: page.dimensions.height, dpi: raw.dpi },
    blocks,
    path: 'vision',
    engine: input.engine,
    flags,
    confidence,
    usage: { ...usage },
    promptVersion: input.promptVersion,
  };
  if (rotation !== 0) draft.rotation = rotation;
  if (page.label !== undefined) draft.label = page.label;
  return draft;
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
function backoff(policy: RetryPolicy, k: number, random: () => number): number {
  const d = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** k);
  return Math.round(d / 2 + random() * (d / 2));
}

/**
 * Waits `ms`, or rejects with the signal's reason when it aborts first.
 * @param ms milliseconds
 * @param signal optional abort
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function assertNever(x: never): never {
  throw new DocmillError('INTERNAL', `Unhandled attempt outcome ${JSON.stringify(x)}.`);
}
