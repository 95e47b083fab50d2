import type { FlowProducer } from 'bullmq';
import type { Config, VisionEngine } from '@docmill/core';
import type { PagePool } from '@docmill/pipeline';
import type { JobContext } from '../context.js';
import type { EngineName } from '@docmill/core';

/** What the processors of one worker process share. */
export interface WorkerDeps {
  ctx: JobContext;
  /** Fan-out of page jobs under an assemble parent (ingest only). */
  flow?: FlowProducer;
  /** Threads for CPU page work (page family only). */
  pool?: PagePool;
  /** Input bytes by sha256, kept for the pages of the same document (shared memory for the pool). */
  inputs: InputCache;
  /** The vision engine for a job's engine; absent when this process has none configured. */
  vision?: (engine: Exclude<EngineName, 'local'>) => VisionEngine;
  /** The processors' configuration (model servers for answers, limits). */
  config: Readonly<Config>;
  /** Time limit of one page (DOCMILL_PAGE_TIMEOUT_MS unless the job says otherwise). */
  pageTimeoutMs: number;
}

/** A small cache of input bytes by sha256 (a page worker moves from page to page of the same documents). */
export class InputCache {
  readonly #entries: Array<{ sha: string; bytes: Promise<{ bytes: Uint8Array; shared: SharedArrayBuffer } | undefined> }> = [];

  constructor(readonly load: (sha: string, jobId: string) => Promise<Buffer | undefined>, readonly keep = 4) {}

  /** The bytes of `sha`, read through `load` the first time (for that job: where its copy is). */
  get(sha: string, jobId: string): Promise<{ bytes: Uint8Array; shared: SharedArrayBuffer } | undefined> {
    const hit = this.#entries.find((e) => e.sha === sha);
    if (hit) return hit.bytes;
    const bytes = this.load(sha, jobId).then((b) => {
      if (!b) return undefined;
      const shared = new SharedArrayBuffer(b.byteLength);
      const view = new Uint8Array(shared);
      view.set(b);
      return { bytes: view, shared };
    });
    // Note: a failed load is forgotten, so the next attempt reads the store again.
    bytes.catch(() => undefined).then((v) => { if (!v) this.#drop(sha); });
    this.#entries.unshift({ sha, bytes });
    while (this.#entries.length > this.keep) this.#entries.pop();
    return bytes;
  }

  #drop(sha: string): void {
    const i = this.#entries.findIndex((e) => e.sha === sha);
    if (i >= 0) this.#entries.splice(i, 1);
  }
}
