import { setTimeout as sleep } from 'node:timers/promises';
import { SseParser, type SseEvent } from '@docmill/core';
import type { ApiClient, ApiJob } from './client.js';

export type JobProgress = ApiJob['progress'];

/** Polling intervals when the event stream is not available: 0.5 s, doubling to 5 s. */
const POLL_FIRST_MS = 500;
const POLL_MAX_MS = 5000;
/** A stream quiet for this long (the server sends a heartbeat every 15 s) is dropped and the job polled. */
const STREAM_IDLE_MS = 45_000;

export function isFinal(status: ApiJob['status']): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'canceled';
}

/**
 * Follows a job to its final state: its event stream (`GET /v1/jobs/:id/events`)
 * while the server offers it, polling `GET /v1/jobs/:id` when the stream breaks
 * off or does not exist, with growing intervals.
 * @param client the API client (its retry policy covers the polls)
 * @param job the job as last seen
 * @param onProgress called with pages done / total as they change
 * @param signal stops following (the run is ending)
 * @returns the job in its final state
 * Does not download anything.
 */
export async function followJob(client: ApiClient, job: ApiJob, onProgress: (p: JobProgress) => void, signal?: AbortSignal): Promise<ApiJob> {
  let current = job;
  let streams = true;
  let pollMs = POLL_FIRST_MS;
  while (!isFinal(current.status)) {
    signal?.throwIfAborted();
    if (streams) {
      const outcome = await fromStream(client, current, onProgress, signal);
      if (outcome.kind === 'final') return outcome.job;
      if (outcome.kind === 'unsupported') streams = false;
    }
    current = await client.job(current.id);
    onProgress(current.progress);
    if (isFinal(current.status)) return current;
    // Note: a stream that broke off is opened again after one poll; only a server without
    // the event route is polled for good.
    await sleep(pollMs, undefined, signal ? { signal } : {});
    pollMs = Math.min(POLL_MAX_MS, pollMs * 2);
  }
  return current;
}

type StreamOutcome = { kind: 'final'; job: ApiJob } | { kind: 'broken' } | { kind: 'unsupported' };

/** Reads the job's event stream until the final status, or until it breaks off. */
async function fromStream(client: ApiClient, job: ApiJob, onProgress: (p: JobProgress) => void, signal?: AbortSignal): Promise<StreamOutcome> {
  const ac = new AbortController();
  const onAbort = () => ac.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => ac.abort(), STREAM_IDLE_MS);
    idle.unref();
  };
  try {
    touch();
    const res = await client.events(job.id, ac.signal);
    if (!res) return { kind: 'unsupported' };
    if (!res.body) return { kind: 'broken' };
    for await (const ev of sseEvents(res.body, touch)) {
      if (ev.event === 'status') {
        const now = JSON.parse(ev.data) as ApiJob;
        onProgress(now.progress);
        if (isFinal(now.status)) return { kind: 'final', job: now };
      } else if (ev.event === 'progress') {
        onProgress(JSON.parse(ev.data) as JobProgress);
      } else if (ev.event === 'error') {
        return { kind: 'broken' };
      }
    }
    return { kind: 'broken' };
  } catch (e) {
    if (signal?.aborted) throw e;
    // A stream cut by the network, the idle timer or a server restart: the caller polls.
    return { kind: 'broken' };
  } finally {
    clearTimeout(idle);
    signal?.removeEventListener('abort', onAbort);
    ac.abort();
  }
}

/**
 * Parses a text/event-stream body into events (core's `SseParser`: comments and
 * `retry:` lines are read and dropped).
 * @param body the response body
 * @param onChunk called for every chunk received (heartbeats included)
 */
export async function* sseEvents(body: ReadableStream<Uint8Array>, onChunk: () => void = () => {}): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  const parser = new SseParser();
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    onChunk();
    yield* parser.push(decoder.decode(chunk, { stream: true }));
  }
}
