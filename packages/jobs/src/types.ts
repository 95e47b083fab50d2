import type { DocumentUsage, EngineName, PlainError } from '@docmill/core';
import type { JobOptions } from './options.js';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';

export const FINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'canceled'];

export interface JobProgress {
  pagesDone: number;
  pagesTotal: number;
}

/** Milliseconds spent in each stage (absent until the stage ran). */
export interface JobTimings {
  /** From submission to the first worker picking the job up. */
  queuedMs?: number;
  ingestMs?: number;
  /** From fan-out to the last page done. */
  pagesMs?: number;
  assembleMs?: number;
  /** From submission to the final state. */
  totalMs?: number;
}

/** The document's usage without its wall-clock seconds (the job's timings say those). */
export type JobUsage = Omit<DocumentUsage, 'seconds'>;

/** A job as the API shows it. Never holds the callback secret or the PDF password. */
export interface JobRecord {
  id: string;
  tenant: string;
  status: JobStatus;
  /** ISO 8601 times. */
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  progress: JobProgress;
  sha256: string;
  filename?: string;
  options: Omit<JobOptions, 'password' | '_faultPages' | '_pageDelayMs'>;
  engine: EngineName;
  error?: PlainError;
  degraded?: { reason: string; share: number };
  /** Set when the result was copied from an earlier job with the same bytes and options. */
  reused?: { from: string };
  timings: JobTimings;
  usage?: JobUsage;
  /** Pages (0-based) flagged 'error' in the result. */
  failedPages?: number[];
  /** 0-based pages a person should look at (needsReview in @docmill/core): failed, fallback, low confidence, trouble flags. */
  reviewPages?: number[];
}

/** What `JobService.events` yields: progress while pages finish, and every status change (the last one is final). */
export type JobEvent =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'status'; job: JobRecord };

/** An input already streamed into the store by JobService.stage(), for the job of the same id. */
export interface StagedInput {
  /** The job id it is stored under (jobs/<id>/input); submit() makes the job with this id. */
  id: string;
  sha256: string;
  size: number;
  /** Its first bytes, to sniff the type. */
  head: Uint8Array;
}

export interface SubmitRequest {
  tenant: string;
  /** The input's bytes; or `staged`, never both. */
  bytes?: Uint8Array;
  staged?: StagedInput;
  filename?: string;
  options: JobOptions;
  /** POSTed the final JobRecord when the job ends, signed with the secret. */
  callback?: { url: string; secret: string };
  /** Same tenant + same key → the same job is returned (kept 24 h). */
  idempotencyKey?: string;
  /** Quotas of the submitting API key: pages per document, the tenant's pages in flight (default: the server's). */
  limits?: { maxPages?: number; pagesInFlight?: number };
}

export interface ListOptions {
  status?: JobStatus;
  /** From a previous page's nextCursor. */
  cursor?: string;
  /** 1..100, default 20. */
  limit?: number;
}

export interface JobMetrics {
  /** Jobs by status (all tenants), counted from the records. */
  jobs: Record<JobStatus, number>;
  /** BullMQ job counts per queue family. */
  queues: Record<string, { waiting: number; active: number; delayed: number; failed: number; completed: number; prioritized: number; 'waiting-children': number }>;
  /** Recent page latencies in ms (newest first, at most 1000), for histograms. */
  pageLatencyMs: number[];
  /** Pages finished since the service started counting (all workers). */
  pagesDone: number;
}
