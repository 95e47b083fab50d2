import type { Job } from 'bullmq';
import { askClientFromConfig, askDocument, type Answer, type AskEngine, type PageImage } from '@docmill/ask';
import { DocmillError, toDocmillError, type Config, type DocumentResult, type PlainError } from '@docmill/core';
import { jobKeys } from '@docmill/store';
import { parsePayload } from '../catalogue.js';
import type { WorkerDeps } from './deps.js';

/** What an answer job returns (BullMQ keeps it as the job's return value). */
export type AnswerOutcome = { ok: true; answer: Answer } | { ok: false; error: PlainError };

/** The engine for questions when the request names none: the configured model server, else local. */
export function defaultAskEngine(config: Pick<Config, 'DOCMILL_OPENAI_BASE_URL' | 'MISTRAL_API_KEY'>): AskEngine {
  if (config.DOCMILL_OPENAI_BASE_URL) return 'openai';
  if (config.MISTRAL_API_KEY) return 'mistral';
  return 'local';
}

/** A PNG's size from its IHDR chunk; undefined for anything else. */
function pngImage(data: Buffer): PageImage | undefined {
  if (data.length < 24 || data.readUInt32BE(0) !== 0x89504e47 || data.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { data, width: data.readUInt32BE(16), height: data.readUInt32BE(20), mime: 'image/png' };
}

/**
 * One question over a finished job's document, on the `answer` queue: reads
 * document.json from the store (never reconverts), asks (`askDocument`), and
 * returns the answer. A coded error that retrying cannot help comes back as
 * `{ok: false, error}` so the caller sees its code; a transient one is thrown
 * while attempts remain (the answer policy retries it with backoff).
 * Does not check the tenant: JobService.ask did before enqueueing.
 */
export async function processAnswer(deps: WorkerDeps, job: Job, _token?: string, signal?: AbortSignal): Promise<AnswerOutcome> {
  const p = parsePayload('answer', job.data);
  const config = deps.config;
  try {
    const raw = await deps.ctx.store.get(jobKeys(p.jobId).json);
    if (!raw) throw new DocmillError('ASK_NOT_CONVERTED', `Job ${p.jobId} has no stored result.`);
    const doc = JSON.parse(raw.toString('utf8')) as DocumentResult;
    const engine = p.engine ?? defaultAskEngine(config);
    const answer = await askDocument(doc, p.question, {
      engine,
      ...(engine === 'local' ? {} : askClientFromConfig(config, engine)),
      contextTokens: config.DOCMILL_CONTEXT_TOKENS,
      imageLongestSide: config.DOCMILL_VISION_LONGEST_SIDE,
      maxQuestionChars: config.DOCMILL_MAX_QUESTION_CHARS,
      pageImage: async (index) => {
        const png = await deps.ctx.store.get(jobKeys(p.jobId).pageImage(index)).catch(() => undefined);
        return png ? pngImage(png) : undefined;
      },
      ...(signal ? { signal } : {}),
    });
    return { ok: true, answer };
  } catch (e) {
    const err = toDocmillError(e);
    if (err.retryable && job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw err;
    return { ok: false, error: err.toJSON() };
  }
}
