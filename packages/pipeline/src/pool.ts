import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { DocmillError, toDocmillError } from '@docmill/core';
import type { PoolDocument, PoolInput, PoolReply, PoolRequest, PoolTask } from './pool-tasks.js';
import { reclaimCpuSlots, threadCpuCells } from './cpu-slots.js';
import { pickTask } from './pool-pick.js';

export interface PoolOptions {
  /** Threads (default: the machine's cores). */
  size?: number;
  /** Heap limit of one thread in MB: a page that blows it kills its thread, not the process. */
  maxHeapMb?: number;
  /**
   * Tasks of a document another thread holds that must be waiting before a free thread opens it too
   * (default 1: the oldest task, whoever holds its document). Callers that queue every page of a
   * document at once (the CLI) set more, so that the last pages of a short document are not parsed
   * again by a second thread (see pickTask).
   */
  stealMin?: number;
}

interface Pending {
  id: number;
  docId: string;
  input: PoolInput;
  task: PoolTask;
  timeoutMs: number;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** CPU slots (cpu-slots.ts) this thread holds, shared with it. */
  held: Int32Array;
  busy?: Pending;
  timer?: NodeJS.Timeout;
  known: string[];
}

const BOOT = new URL('./pool-boot.mjs', import.meta.url);
const IMPL = new URL('./pool-worker.ts', import.meta.url).href;

/**
 * Worker threads for CPU work (pdf.js, rendering, OCR), one task per thread at a
 * time. A task past its time limit gets its thread terminated and replaced, and
 * fails with DOCMILL_ERR_PAGE_TIMEOUT; a thread that dies (out of memory) fails
 * its task with DOCMILL_ERR_PAGE_FAILED. The rest of the work goes on.
 * Does not retry: that is the caller's policy.
 */
export class PagePool {
  readonly size: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  readonly #maxHeapMb: number;
  readonly #stealMin: number;
  /** Free CPU slots for the threads' child processes (tesseract), shared with every thread. */
  readonly #cpuBudget: Int32Array;
  #nextId = 1;
  #closed = false;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism());
    this.#maxHeapMb = opts.maxHeapMb ?? 768;
    this.#stealMin = opts.stealMin ?? 1;
    this.#cpuBudget = new Int32Array(new SharedArrayBuffer(4));
    this.#cpuBudget[0] = this.size;
  }

  /**
   * Runs one task on a thread.
   * @param doc the document's id (any string unique per input) and its bytes in shared memory or its file's path
   *   (each thread then reads the file by ranges itself: the input is never whole in memory)
   * @param timeoutMs the task's time limit
   */
  run<T>(doc: PoolDocument, task: PoolTask, timeoutMs: number): Promise<T> {
    if (this.#closed) return Promise.reject(new DocmillError('INTERNAL', 'The page pool is closed.'));
    const input: PoolInput = 'path' in doc ? { path: doc.path } : { bytes: doc.bytes };
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, docId: doc.id, input, task, timeoutMs, resolve: resolve as (v: unknown) => void, reject });
      this.#pump();
    });
  }

  /** Tells every thread that a document is finished: its bytes (or file) and opened source are dropped. */
  release(docId: string): void {
    for (const slot of this.#slots) {
      if (!slot.known.includes(docId)) continue;
      slot.known = slot.known.filter((d) => d !== docId);
      slot.worker.postMessage({ release: docId });
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#queue.splice(0)) p.reject(new DocmillError('INTERNAL', 'The page pool was closed.'));
    await Promise.all(this.#slots.splice(0).map((s) => this.#stop(s)));
  }

  #spawn(): Slot {
    const held = threadCpuCells();
    const cpu = { budget: this.#cpuBudget, held, size: this.size };
    const worker = new Worker(BOOT, { workerData: { impl: IMPL, cpu }, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.#maxHeapMb, maxYoungGenerationSizeMb: 16 } });
    const slot: Slot = { worker, held, known: [] };
    worker.on('message', (msg: PoolReply) => this.#onReply(slot, msg));
    worker.on('error', (err) => this.#onDeath(slot, err));
    worker.on('exit', (code) => this.#onDeath(slot, new Error(`thread exited with code ${code}`)));
    worker.unref();
    this.#slots.push(slot);
    return slot;
  }

  #pump(): void {
    while (this.#queue.length) {
      let picked: { slot: Slot; at: number } | undefined;
      for (const slot of this.#slots) {
        const at = slot.busy ? -1 : this.#pick(slot);
        if (at >= 0) {
          picked = { slot, at };
          break;
        }
      }
      if (!picked && this.#slots.length < this.size) {
        const slot = this.#spawn();
        const at = this.#pick(slot);
        if (at >= 0) picked = { slot, at };
      }
      if (!picked) return;
      const [next] = this.#queue.splice(picked.at, 1);
      this.#dispatch(picked.slot, next!);
    }
  }

  #pick(slot: Slot): number {
    return pickTask(this.#queue, slot.known, new Set(this.#slots.flatMap((s) => s.known)), this.#stealMin);
  }

  #dispatch(slot: Slot, p: Pending, withBytes = !slot.known.includes(p.docId)): void {
    slot.busy = p;
    slot.worker.ref();
    const msg: PoolRequest = { id: p.id, docId: p.docId, task: p.task, ...(withBytes ? { input: p.input } : {}) };
    if (withBytes) {
      slot.known = [p.docId, ...slot.known.filter((d) => d !== p.docId)].slice(0, 2);
    }
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.#onTimeout(slot), p.timeoutMs);
    slot.worker.postMessage(msg);
  }

  #finish(slot: Slot): Pending | undefined {
    const p = slot.busy;
    slot.busy = undefined;
    clearTimeout(slot.timer);
    slot.worker.unref();
    return p;
  }

  #onReply(slot: Slot, msg: PoolReply): void {
    if (!slot.busy || slot.busy.id !== msg.id) return;
    if ('needBytes' in msg) {
      this.#dispatch(slot, slot.busy, true);
      return;
    }
    const p = this.#finish(slot)!;
    if (msg.ok) p.resolve(msg.value);
    else p.reject(toDocmillError(msg.error));
    this.#pump();
  }

  #onTimeout(slot: Slot): void {
    const p = this.#finish(slot);
    this.#remove(slot);
    void this.#stop(slot);
    p?.reject(new DocmillError('PAGE_TIMEOUT', `The task took longer than ${p.timeoutMs} ms.`));
    this.#pump();
  }

  #onDeath(slot: Slot, err: unknown): void {
    if (!this.#slots.includes(slot)) return;
    const p = this.#finish(slot);
    this.#remove(slot);
    const message = err instanceof Error ? err.message : String(err);
    p?.reject(new DocmillError('PAGE_FAILED', `The page's thread died (${message}).`, { retryable: false }));
    this.#pump();
  }

  #remove(slot: Slot): void {
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
    // Note: a terminated thread gives nothing back itself: its slots are returned and its child processes killed here.
    reclaimCpuSlots(this.#cpuBudget, slot.held);
  }

  async #stop(slot: Slot): Promise<void> {
    clearTimeout(slot.timer);
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => {});
    await slot.worker.terminate().catch(() => {});
  }
}

/**
 * Input bytes in shared memory, so every thread reads them without a copy in transit:
 * copied once, or taken as they are when they already fill a SharedArrayBuffer.
 */
export function shareBytes(bytes: Uint8Array): SharedArrayBuffer {
  if (bytes.buffer instanceof SharedArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer;
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  return shared;
}
