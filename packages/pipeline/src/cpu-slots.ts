/**
 * CPU slots shared by the page pool's threads, for the child processes a page runs
 * (tesseract): at most as many run at once as the pool has threads, whichever threads
 * start them. The budget lives in a SharedArrayBuffer that the pool hands every thread;
 * each thread also counts what it holds, so that the pool can give back the slots of a
 * thread it terminated (page timeout) or lost.
 */
export interface CpuSlots {
  /** Slots in all (the pool's size). */
  readonly size: number;
  /** Waits for a free slot; call the returned function to give it back. Rejects when `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /**
   * Records a child process's pid where the pool can see it (call the returned function
   * when it exits): a thread terminated for its page's timeout cannot kill its children
   * itself, so the pool kills them (reclaimCpuSlots).
   */
  track(pid: number): () => void;
}

/** Child processes a thread can have on record at once (cells after the held count). */
export const MAX_TRACKED_CHILDREN = 32;

/** The shared memory one pool thread reports in: held slots, then its children's pids. */
export function threadCpuCells(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * (1 + MAX_TRACKED_CHILDREN)));
}

/** How long a waiter sleeps before looking again (a missed wake-up costs at most this). */
const RECHECK_MS = 200;

/**
 * Slots over a shared budget.
 * @param budget Int32Array(1) on a SharedArrayBuffer: free slots, shared by every thread
 * @param held threadCpuCells(): slots this thread holds, then its children's pids (the pool reads them when the thread dies)
 * @param size the budget's full size
 */
export function sharedCpuSlots(budget: Int32Array, held: Int32Array, size: number): CpuSlots {
  return {
    size,
    async acquire(signal?: AbortSignal) {
      for (;;) {
        signal?.throwIfAborted();
        const free = Atomics.load(budget, 0);
        if (free > 0 && Atomics.compareExchange(budget, 0, free, free - 1) === free) {
          Atomics.add(held, 0, 1);
          let given = false;
          return () => {
            if (given) return;
            given = true;
            Atomics.sub(held, 0, 1);
            Atomics.add(budget, 0, 1);
            Atomics.notify(budget, 0);
          };
        }
        if (free > 0) continue;
        const w = waitAsync(budget, 0, free, RECHECK_MS);
        if (w.async) await w.value;
      }
    },
    track(pid: number) {
      for (let i = 1; i < held.length; i++) {
        if (Atomics.compareExchange(held, i, 0, pid) === 0) return () => void Atomics.compareExchange(held, i, pid, 0);
      }
      return () => {};
    },
  };
}

/**
 * Gives back what a dead or terminated thread held and kills the child processes it
 * left running (called by the pool).
 */
export function reclaimCpuSlots(budget: Int32Array, held: Int32Array): void {
  for (let i = 1; i < held.length; i++) {
    const pid = Atomics.exchange(held, i, 0);
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Note: already gone.
      }
    }
  }
  const n = Atomics.exchange(held, 0, 0);
  if (n > 0) {
    Atomics.add(budget, 0, n);
    Atomics.notify(budget, 0);
  }
}

// Note: Node 16+ has Atomics.waitAsync; TypeScript types it from lib es2024 only.
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

let threadSlots: CpuSlots | undefined;

/** The slots of this pool thread (set once by the pool worker); undefined outside a pool. */
export function cpuSlots(): CpuSlots | undefined {
  return threadSlots;
}

/** Sets this thread's slots (pool-worker.ts, at start). */
export function setCpuSlots(slots: CpuSlots | undefined): void {
  threadSlots = slots;
}
