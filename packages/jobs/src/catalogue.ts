import { z } from 'zod';
import { UnrecoverableError, type JobsOptions } from 'bullmq';
import { DocmillError } from '@docmill/core';
import { JobOptionsSchema } from './options.js';

/**
 * The one job catalogue: queue family → payload schema → retry policy.
 * The JobService validates on enqueue and every worker on dequeue, both from
 * this import. Retry policy is data; processors never loop.
 */

const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const sha = z.string().regex(/^[0-9a-f]{64}$/);

export const IngestInfoSchema = z.object({
  sha256: sha,
  mime: z.string(),
  bytes: z.number().int().min(0),
  pageCount: z.number().int().min(0),
  selected: z.array(z.number().int().min(0)),
  labels: z.array(z.string()).optional(),
});

export const IngestPayload = z.object({
  jobId, tenant: z.string().min(1), sha256: sha, options: JobOptionsSchema,
  /** Epoch ms of submission, for timings. */
  submittedAt: z.number(),
}).strict();

export const PagePayload = z.object({
  jobId, sha256: sha, options: JobOptionsSchema,
  /** 0-based page index. */
  index: z.number().int().min(0),
  total: z.number().int().min(1),
}).strict();

export const AssemblePayload = z.object({
  jobId, sha256: sha, options: JobOptionsSchema, info: IngestInfoSchema,
  /** Epoch ms when the pages were fanned out. */
  fannedOutAt: z.number(),
}).strict();

export const WebhookPayload = z.object({
  jobId, tenant: z.string().min(1), url: z.string().url(),
  event: z.enum(['job.succeeded', 'job.failed', 'job.canceled']),
  /** The exact body to POST (the final JobRecord as JSON), signed at delivery. */
  body: z.string(),
}).strict();

export const AnswerPayload = z.object({ jobId, tenant: z.string().min(1), question: z.string().min(1), engine: z.enum(['local', 'openai', 'mistral']).optional() }).strict();

export type QueueFamily = 'ingest' | 'page' | 'vision' | 'assemble' | 'webhook' | 'answer';

export const QUEUE_FAMILIES: readonly QueueFamily[] = ['ingest', 'page', 'vision', 'assemble', 'webhook', 'answer'];

const backoff = (delay: number) => ({ type: 'exponential' as const, delay, jitter: 0.5 });
const keep = { removeOnComplete: { age: 3600, count: 5000 }, removeOnFail: { age: 7 * 24 * 3600 } } satisfies JobsOptions;

/** Each family's payload schema and default job options (retry policy, retention). */
export const CATALOGUE = {
  ingest: { schema: IngestPayload, policy: { attempts: 3, backoff: backoff(1000), ...keep } },
  /** Local (CPU) page transcription. */
  page: { schema: PagePayload, policy: { attempts: 3, backoff: backoff(500), ...keep } },
  /** Vision-engine page transcription (HTTP to a model server). */
  vision: { schema: PagePayload, policy: { attempts: 4, backoff: backoff(2000), ...keep } },
  /** Attempts here are the default; ingest sets them from DOCMILL_ASSEMBLE_RETRY_MS (assembleAttempts). */
  assemble: { schema: AssemblePayload, policy: { attempts: 3, backoff: { type: 'capped', delay: 1000, jitter: 0.5 }, ...keep } },
  webhook: { schema: WebhookPayload, policy: { attempts: 8, backoff: backoff(1000), ...keep } },
  /** Reserved for questions over documents (arrives with the Q&A issue). */
  answer: { schema: AnswerPayload, policy: { attempts: 2, backoff: backoff(2000), ...keep } },
} as const satisfies Record<QueueFamily, { schema: z.ZodType; policy: JobsOptions }>;

/**
 * A page job's BullMQ priority from its place in its tenant's line (lower runs first;
 * BullMQ takes 1 to 2,097,152, so a place past that shares the last priority).
 * @param place 1 for the tenant's first waiting page (JobRecords.rankPages)
 */
export function pagePriority(place: number): number {
  return Math.min(2_097_152, Math.max(1, Math.trunc(place)));
}

/** Longest wait between two attempts of a `capped` backoff. */
export const CAPPED_BACKOFF_MAX_MS = 30_000;

/**
 * The `capped` backoff (BullMQ custom strategy, given to every worker): exponential
 * from `delay`, at most 30 s apart, with jitter. For steps that wait out an outage
 * (assemble while the store is away) rather than a bad page.
 * @param attemptsMade attempts so far (1 after the first failure)
 */
export function cappedBackoff(attemptsMade: number, delay = 1000, jitter = 0.5): number {
  const full = Math.min(CAPPED_BACKOFF_MAX_MS, delay * 2 ** Math.max(0, attemptsMade - 1));
  return Math.floor(full * (1 - jitter * Math.random()));
}

/**
 * Attempts of an assemble step so that its retries (capped backoff, before jitter) span `windowMs`.
 * @param windowMs DOCMILL_ASSEMBLE_RETRY_MS
 */
export function assembleAttempts(windowMs: number): number {
  let attempts = 1;
  for (let waited = 0; waited < windowMs; attempts++) waited += Math.min(CAPPED_BACKOFF_MAX_MS, 1000 * 2 ** (attempts - 1));
  return attempts;
}

export type Payload<F extends QueueFamily> = z.infer<(typeof CATALOGUE)[F]['schema']>;

/**
 * Validates a payload before it is enqueued.
 * @param family the queue family
 * @param data the payload
 * Throws a DOCMILL_ERR_USAGE_BAD_ARGUMENT naming the first bad field; does not enqueue anything.
 */
export function checkPayload<F extends QueueFamily>(family: F, data: unknown): Payload<F> {
  const parsed = CATALOGUE[family].schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new DocmillError('USAGE_BAD_ARGUMENT', `Bad ${family} payload at "${first?.path.join('.') ?? ''}": ${first?.message ?? 'invalid'}.`);
  }
  return parsed.data as Payload<F>;
}

/**
 * Validates a payload a worker took from a queue.
 * Throws UnrecoverableError (retrying a malformed payload is pointless), carrying the coded error's JSON as message.
 */
export function parsePayload<F extends QueueFamily>(family: F, data: unknown): Payload<F> {
  try {
    return checkPayload(family, data);
  } catch (e) {
    throw unrecoverable(e as DocmillError);
  }
}

/** An UnrecoverableError whose message is the coded error's JSON, so the failure keeps its code across Redis. */
export function unrecoverable(e: DocmillError): UnrecoverableError {
  return new UnrecoverableError(JSON.stringify(e.toJSON()));
}

/** Job options for one enqueue: the family's policy, with overrides (jobId, parent…). */
export function jobOptionsFor(family: QueueFamily, extra: JobsOptions = {}): JobsOptions {
  return { ...CATALOGUE[family].policy, ...extra };
}
