import { Semaphore } from '@docmill/core';
import type { OpenAICompatClient } from './client.js';

/** A request slot on one server; release it exactly once when the HTTP request is over. */
export interface Lease {
  readonly client: OpenAICompatClient;
  readonly baseUrl: string;
  /**
   * Frees the slot.
   * @param connectionFailed true when the server could not be reached or reset the connection: it is cooled down
   */
  release(connectionFailed?: boolean): void;
}

export interface ServerStats {
  baseUrl: string;
  inFlight: number;
  maxInFlight: number;
  requests: number;
  connectionFailures: number;
  coolingDown: boolean;
}

interface Waiter {
  resolve: (lease: Lease) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Server {
  client: OpenAICompatClient;
  slots: Semaphore;
  requests: number;
  maxInFlight: number;
  connectionFailures: number;
  cooldownUntil: number;
  lastPicked: number;
}

/**
 * Dispatches model requests over one or more inference servers: at most
 * `concurrency` requests in flight per server (a core Semaphore each), each new
 * request to the least-loaded server (fewest in flight; ties to the one picked
 * longest ago), FIFO waiting when every server is full. A server that failed
 * with a connection error is cooled down for `cooldownMs`: meanwhile it gets no
 * requests while another server has a free slot, and at most one (a probe) when
 * all are full — so a dead server does not eat the pages' retries.
 *
 * One pool is meant to be shared by every page of every document in a process,
 * so the cap is global per server. Does not retry and does not know about pages.
 */
export class ServerPool {
  readonly #servers: Server[];
  readonly #waiters: Waiter[] = [];
  readonly #cooldownMs: number;
  #picks = 0;

  /**
   * @param clients one client per server
   * @param opts.concurrency requests in flight per server (DOCMILL_VISION_CONCURRENCY)
   * @param opts.cooldownMs how long a server that failed to connect is avoided (default 5 s)
   */
  constructor(clients: readonly OpenAICompatClient[], opts: { concurrency: number; cooldownMs?: number }) {
    if (clients.length === 0) throw new RangeError('ServerPool needs at least one server');
    this.#servers = clients.map((client) => ({ client, slots: new Semaphore(opts.concurrency), requests: 0, maxInFlight: 0, connectionFailures: 0, cooldownUntil: 0, lastPicked: 0 }));
    this.#cooldownMs = opts.cooldownMs ?? 5000;
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Waits for a slot on the least-loaded server.
   * @param signal aborting it while waiting rejects with the signal's reason (no slot is held)
   */
  acquire(signal?: AbortSignal): Promise<Lease> {
    signal?.throwIfAborted();
    if (this.#waiters.length === 0) {
      const lease = this.#tryLease();
      if (lease) return Promise.resolve(lease);
    }
    return new Promise<Lease>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      if (signal) {
        waiter.signal = signal;
        waiter.onAbort = () => {
          const i = this.#waiters.indexOf(waiter);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#waiters.push(waiter);
      this.#drain();
    });
  }

  /** Per-server counters (for metrics, tests and the bench). */
  stats(): ServerStats[] {
    const now = Date.now();
    return this.#servers.map((s) => ({
      baseUrl: s.client.baseUrl,
      inFlight: s.slots.inUse,
      maxInFlight: s.maxInFlight,
      requests: s.requests,
      connectionFailures: s.connectionFailures,
      coolingDown: s.cooldownUntil > now,
    }));
  }

  #tryLease(): Lease | undefined {
    const now = Date.now();
    // Healthy servers first; a cooling-down server only gets a single probe, and only when the healthy ones are full.
    const best = this.#leastLoaded((s) => s.cooldownUntil <= now && s.slots.inUse < s.slots.max) ?? this.#leastLoaded((s) => s.cooldownUntil > now && s.slots.inUse < 1);
    return best ? this.#take(best) : undefined;
  }

  #leastLoaded(eligible: (s: Server) => boolean): Server | undefined {
    let best: Server | undefined;
    for (const s of this.#servers) {
      if (!eligible(s)) continue;
      if (!best || s.slots.inUse < best.slots.inUse || (s.slots.inUse === best.slots.inUse && s.lastPicked < best.lastPicked)) best = s;
    }
    return best;
  }

  #take(s: Server): Lease {
    // Note: acquire() decrements synchronously when a slot is free, which #eligible guaranteed.
    let releaseSlot: (() => void) | undefined;
    void s.slots.acquire().then((r) => {
      releaseSlot = r;
    });
    s.requests++;
    s.lastPicked = ++this.#picks;
    s.maxInFlight = Math.max(s.maxInFlight, s.slots.inUse);
    let done = false;
    return {
      client: s.client,
      baseUrl: s.client.baseUrl,
      release: (connectionFailed = false) => {
        if (done) return;
        done = true;
        if (connectionFailed) {
          s.connectionFailures++;
          s.cooldownUntil = Date.now() + this.#cooldownMs;
          setTimeout(() => this.#drain(), this.#cooldownMs + 1).unref();
        } else if (s.cooldownUntil > 0) {
          s.cooldownUntil = 0;
        }
        // The acquire() promise has settled by the time any caller can release (a microtask later at most).
        queueMicrotask(() => {
          releaseSlot?.();
          this.#drain();
        });
      },
    };
  }

  #drain(): void {
    while (this.#waiters.length > 0) {
      const lease = this.#tryLease();
      if (!lease) return;
      const w = this.#waiters.shift()!;
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.resolve(lease);
    }
  }
}
