import { EventEmitter } from 'node:events';
import { DocmillError, Semaphore, isDocmillError, type EngineAvailability, type Logger, type ServerDownPolicy } from '@docmill/core';
import { isModelLoading, type OpenAICompatClient, type ProbeResult } from './client.js';

/** What pages do when every server stays down longer than the pool's `maxWaitMs` (DOCMILL_ON_SERVER_DOWN). */
export type OnServerDown = ServerDownPolicy;

/** How a request on a lease ended, as far as the server's health is concerned. */
export type LeaseOutcome =
  /** The server answered (any answer the server itself produced, including 4xx and 429). */
  | 'ok'
  /** The server is down: refused or reset connection, 502/503/504, "model loading", a failed probe. Opens its circuit. */
  | 'server-down'
  /** A 500-class error: one is the page's problem, a burst of them opens the circuit. */
  | 'server-error'
  /** Nothing to learn about the server (the caller aborted, a local error). */
  | 'none';

/** A request slot on one server; release it exactly once when the HTTP request is over. */
export interface Lease {
  readonly client: OpenAICompatClient;
  readonly baseUrl: string;
  /** Aborted (with an ENGINE_CONNECTION reason) when the pool finds the server hung: pass it to the request. */
  readonly signal: AbortSignal;
  /**
   * Frees the slot and tells the pool what the request said about the server.
   * @param outcome default 'ok'
   * Returns the outcome the pool settled on: a 'server-error' that completed a burst comes back 'server-down'.
   */
  release(outcome?: LeaseOutcome): LeaseOutcome;
}

export interface ServerStats {
  baseUrl: string;
  /** 'up': takes requests; 'down': circuit open, probed until it answers. */
  state: 'up' | 'down';
  /** Why it is down (the last failure), when it is. */
  downReason?: string;
  inFlight: number;
  maxInFlight: number;
  requests: number;
  /** Times its circuit opened. */
  outages: number;
  /** Requests that ended with the server down (they went back to the queue, not counted against the page). */
  serverFailures: number;
  probes: number;
}

/** Events of a pool (`pool.on(name, listener)`). */
export interface ServerPoolEvents {
  /** A server's circuit opened. */
  'server-down': [info: { baseUrl: string; reason: string }];
  /** A probe found a down server healthy again; its circuit closed. */
  'server-up': [info: { baseUrl: string; downMs: number }];
  /** `available` changed (see ServerPool.available). */
  availability: [available: boolean];
  /** A health probe ended (of a down server, a silent busy one, or after a timeout). */
  probe: [info: { baseUrl: string; ok: boolean; reason?: string }];
}

export interface ServerPoolOptions {
  /** Requests in flight per server (DOCMILL_VISION_CONCURRENCY). */
  concurrency: number;
  /** How long pages wait while every server is down before `onServerDown` applies (DOCMILL_VISION_MAX_WAIT; default 15 min). */
  maxWaitMs?: number;
  /** The default for requests that do not say (DOCMILL_ON_SERVER_DOWN; default 'wait'). */
  onServerDown?: OnServerDown;
  /** First delay between probes of a down server, doubled each failed probe (default 500 ms). */
  probeBaseMs?: number;
  /** Longest delay between probes (default 5 s). */
  probeMaxMs?: number;
  /** Time limit of one probe (default 5 s): the short "is anybody there" limit, apart from the generation timeout. */
  probeTimeoutMs?: number;
  /** A server with requests in flight and no answer for this long is probed; a failed probe marks it hung (default 15 s). */
  livenessMs?: number;
  /** 500-class answers from one server within `burstWindowMs`, with no success between, that open its circuit (default 3). */
  burstCount?: number;
  burstWindowMs?: number;
  /** Times one request may meet a down server before its failure goes to the page's retry policy (default 5; a page that crashes the server every time must not loop). */
  maxServerRetries?: number;
}

interface Waiter {
  resolve: (lease: Lease) => void;
  reject: (e: unknown) => void;
  onServerDown: OnServerDown;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Server {
  client: OpenAICompatClient;
  slots: Semaphore;
  requests: number;
  maxInFlight: number;
  lastPicked: number;
  state: 'up' | 'down';
  downSince: number;
  downReason: string;
  outages: number;
  serverFailures: number;
  probes: number;
  probeDelayMs: number;
  probeTimer: NodeJS.Timeout | undefined;
  probing: boolean;
  /** Last time the server answered anything (a response or a probe). */
  lastLife: number;
  /** Recent 500-class answers (times), cleared by any success. */
  errorTimes: number[];
  /** Aborts the requests in flight on it (a new controller after each outage). */
  inflight: AbortController;
}

/**
 * Dispatches model requests over one or more inference servers, with a circuit
 * per server:
 *
 * - at most `concurrency` requests in flight per server (a core Semaphore each),
 *   each new request to the least-loaded server that is up (fewest in flight; ties
 *   to the one picked longest ago), FIFO waiting when every server is full or down;
 * - a server whose request ends 'server-down' (refused/reset connection, 502/503/504,
 *   "model loading", a burst of 500s, a failed liveness probe) is taken out: no
 *   requests go to it, and it is probed (`GET /health`, else `GET /v1/models`) with
 *   backoff until it answers; then it takes requests again and the waiting ones go first;
 * - a server with requests in flight that has not answered anything for `livenessMs`
 *   is probed with the short `probeTimeoutMs`: no answer → hung → its circuit opens and
 *   its requests in flight are aborted (through `lease.signal`) so they can be sent again;
 * - while every server is down, requests wait; after `maxWaitMs` the waiting requests
 *   whose policy is 'fallback' or 'fail' (and new ones) are rejected with
 *   ENGINE_UNAVAILABLE, those with 'wait' keep waiting.
 *
 * One pool is meant to be shared by every page of every document in a process, so
 * the cap and the circuit are per server for the process. Does not retry and does
 * not know about pages (see `viaPool`). `close()` stops its timers.
 */
export class ServerPool extends EventEmitter<ServerPoolEvents> implements EngineAvailability {
  readonly #servers: Server[];
  readonly #waiters: Waiter[] = [];
  readonly #o: Required<Omit<ServerPoolOptions, 'concurrency'>>;
  #picks = 0;
  #allDownSince: number | undefined;
  #expiryTimer: NodeJS.Timeout | undefined;
  #livenessTimer: NodeJS.Timeout | undefined;
  #available = true;
  #closed = false;

  /**
   * @param clients one client per server
   * @param opts concurrency, waiting and probing settings (see ServerPoolOptions)
   */
  constructor(clients: readonly OpenAICompatClient[], opts: ServerPoolOptions) {
    super();
    if (clients.length === 0) throw new RangeError('ServerPool needs at least one server');
    this.#o = {
      maxWaitMs: opts.maxWaitMs ?? 15 * 60_000,
      onServerDown: opts.onServerDown ?? 'wait',
      probeBaseMs: opts.probeBaseMs ?? 500,
      probeMaxMs: opts.probeMaxMs ?? 5000,
      probeTimeoutMs: opts.probeTimeoutMs ?? 5000,
      livenessMs: opts.livenessMs ?? 15_000,
      burstCount: opts.burstCount ?? 3,
      burstWindowMs: opts.burstWindowMs ?? 10_000,
      maxServerRetries: opts.maxServerRetries ?? 5,
    };
    const now = Date.now();
    this.#servers = clients.map((client) => ({
      client, slots: new Semaphore(opts.concurrency), requests: 0, maxInFlight: 0, lastPicked: 0,
      state: 'up', downSince: 0, downReason: '', outages: 0, serverFailures: 0, probes: 0,
      probeDelayMs: this.#o.probeBaseMs, probeTimer: undefined, probing: false, lastLife: now, errorTimes: [], inflight: new AbortController(),
    }));
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Times one request may meet a down server before its failure is the page's (see viaPool). */
  get maxServerRetries(): number {
    return this.#o.maxServerRetries;
  }

  /**
   * False while every server is down and pages are meant to wait: the job system
   * stops taking vision work meanwhile. True again when a server comes back, or once
   * the outage outlasts `maxWaitMs` and the pool's default policy is not 'wait'
   * (pages then fall back or fail at once instead of waiting).
   */
  get available(): boolean {
    return this.#available;
  }

  /**
   * Calls `listener` whenever `available` changes.
   * @param listener gets the new value
   * Returns the function that unsubscribes.
   */
  subscribe(listener: (available: boolean) => void): () => void {
    this.on('availability', listener);
    return () => this.off('availability', listener);
  }

  /**
   * Waits for a slot on the least-loaded server that is up.
   * @param signal aborting it while waiting rejects with the signal's reason (no slot is held)
   * @param opts.onServerDown what to do when every server stays down past `maxWaitMs` (default: the pool's)
   * Rejects with ENGINE_UNAVAILABLE when that policy is 'fallback' or 'fail' and the outage has lasted that long.
   */
  acquire(signal?: AbortSignal, opts: { onServerDown?: OnServerDown } = {}): Promise<Lease> {
    signal?.throwIfAborted();
    const onServerDown = opts.onServerDown ?? this.#o.onServerDown;
    if (this.#waiters.length === 0) {
      const lease = this.#tryLease();
      if (lease) return Promise.resolve(lease);
    }
    if (onServerDown !== 'wait' && this.#expired()) return Promise.reject(this.#unavailable(onServerDown));
    return new Promise<Lease>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, onServerDown };
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
      // Note: the probes keep the process alive while requests wait for them (and only then).
      for (const s of this.#servers) s.probeTimer?.ref();
      this.#expiryTimer?.ref();
      this.#drain();
    });
  }

  /**
   * Probes a server now (after a generation timeout: was it the page, or the server?).
   * @param baseUrl the lease's server
   * Returns true when it answered; false opens its circuit.
   */
  async check(baseUrl: string): Promise<boolean> {
    const s = this.#servers.find((x) => x.client.baseUrl === baseUrl);
    if (!s) return false;
    if (s.state === 'down') return false;
    const r = await s.client.probe({ timeoutMs: this.#o.probeTimeoutMs });
    s.probes++;
    this.#probed(s, r);
    if (r.ok) {
      s.lastLife = Date.now();
      return true;
    }
    this.#markDown(s, `probe after a timeout: ${r.reason}`);
    return false;
  }

  /** Per-server counters and states (for metrics, tests and the bench). */
  stats(): ServerStats[] {
    return this.#servers.map((s) => ({
      baseUrl: s.client.baseUrl,
      state: s.state,
      ...(s.state === 'down' ? { downReason: s.downReason } : {}),
      inFlight: s.slots.inUse,
      maxInFlight: s.maxInFlight,
      requests: s.requests,
      outages: s.outages,
      serverFailures: s.serverFailures,
      probes: s.probes,
    }));
  }

  /** Stops probing and the timers; waiting requests are rejected with ENGINE_UNAVAILABLE. */
  close(): void {
    this.#closed = true;
    for (const s of this.#servers) clearTimeout(s.probeTimer);
    clearTimeout(this.#expiryTimer);
    clearInterval(this.#livenessTimer);
    for (const w of this.#waiters.splice(0)) {
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.reject(this.#unavailable(w.onServerDown));
    }
  }

  #tryLease(): Lease | undefined {
    const best = this.#leastLoaded((s) => s.state === 'up' && s.slots.inUse < s.slots.max);
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
    // Note: acquire() decrements synchronously when a slot is free, which the eligibility check guaranteed.
    let releaseSlot: (() => void) | undefined;
    void s.slots.acquire().then((r) => {
      releaseSlot = r;
    });
    if (s.slots.inUse === 1) s.lastLife = Math.max(s.lastLife, Date.now());
    s.requests++;
    s.lastPicked = ++this.#picks;
    s.maxInFlight = Math.max(s.maxInFlight, s.slots.inUse);
    this.#startLiveness();
    const signal = s.inflight.signal;
    let done = false;
    return {
      client: s.client,
      baseUrl: s.client.baseUrl,
      signal,
      release: (outcome: LeaseOutcome = 'ok') => {
        if (done) return outcome;
        done = true;
        // Note: a request the pool itself aborted (hung server) is a server failure whatever the caller saw.
        const settled = signal.aborted && outcome !== 'ok' ? 'server-down' : this.#record(s, outcome);
        if (settled === 'server-down') s.serverFailures++;
        // The acquire() promise has settled by the time any caller can release (a microtask later at most).
        queueMicrotask(() => {
          releaseSlot?.();
          this.#drain();
        });
        return settled;
      },
    };
  }

  #record(s: Server, outcome: LeaseOutcome): LeaseOutcome {
    const now = Date.now();
    switch (outcome) {
      case 'ok':
        s.lastLife = now;
        s.errorTimes = [];
        return 'ok';
      case 'server-error': {
        s.lastLife = now;
        s.errorTimes = [...s.errorTimes.filter((t) => now - t < this.#o.burstWindowMs), now];
        if (s.errorTimes.length < this.#o.burstCount) return 'server-error';
        this.#markDown(s, `${s.errorTimes.length} server errors within ${this.#o.burstWindowMs} ms`);
        return 'server-down';
      }
      case 'server-down':
        this.#markDown(s, 'a request found it down');
        return 'server-down';
      case 'none':
        return 'none';
      default: {
        const never: never = outcome;
        throw new DocmillError('INTERNAL', `Unknown lease outcome ${String(never)}.`);
      }
    }
  }

  /**
   * Opens a server's circuit (idempotent while it is down).
   * @param reason logged and shown in stats
   */
  markDown(baseUrl: string, reason: string): void {
    const s = this.#servers.find((x) => x.client.baseUrl === baseUrl);
    if (s) this.#markDown(s, reason);
  }

  #markDown(s: Server, reason: string): void {
    if (s.state === 'down' || this.#closed) return;
    s.state = 'down';
    s.downSince = Date.now();
    s.downReason = reason;
    s.outages++;
    s.errorTimes = [];
    s.probeDelayMs = this.#o.probeBaseMs;
    // Requests still in flight on a server that is down will not come back: abort them so they go elsewhere.
    s.inflight.abort(new DocmillError('ENGINE_CONNECTION', `${s.client.baseUrl} is down (${reason}); the request goes back to the queue.`, { details: { url: s.client.baseUrl, reason } }));
    s.inflight = new AbortController();
    this.emit('server-down', { baseUrl: s.client.baseUrl, reason });
    this.#scheduleProbe(s);
    this.#updateAvailability();
  }

  #scheduleProbe(s: Server): void {
    if (this.#closed) return;
    clearTimeout(s.probeTimer);
    s.probeTimer = setTimeout(() => void this.#probe(s), s.probeDelayMs);
    if (this.#waiters.length === 0) s.probeTimer.unref();
  }

  async #probe(s: Server): Promise<void> {
    s.probeTimer = undefined;
    if (this.#closed || s.state !== 'down') return;
    const r = await s.client.probe({ timeoutMs: this.#o.probeTimeoutMs });
    s.probes++;
    this.#probed(s, r);
    if (this.#closed || s.state !== 'down') return;
    if (!r.ok) {
      s.downReason = r.reason;
      s.probeDelayMs = Math.min(this.#o.probeMaxMs, s.probeDelayMs * 2);
      this.#scheduleProbe(s);
      return;
    }
    const downMs = Date.now() - s.downSince;
    s.state = 'up';
    s.downReason = '';
    s.lastLife = Date.now();
    this.emit('server-up', { baseUrl: s.client.baseUrl, downMs });
    this.#updateAvailability();
    this.#drain();
  }

  #probed(s: Server, r: ProbeResult): void {
    this.emit('probe', { baseUrl: s.client.baseUrl, ok: r.ok, ...(r.ok ? {} : { reason: r.reason }) });
  }

  #updateAvailability(): void {
    const allDown = this.#servers.every((s) => s.state === 'down');
    if (allDown && this.#allDownSince === undefined) {
      this.#allDownSince = Date.now();
      clearTimeout(this.#expiryTimer);
      this.#expiryTimer = setTimeout(() => this.#expire(), this.#o.maxWaitMs);
      if (this.#waiters.length === 0) this.#expiryTimer.unref();
    } else if (!allDown) {
      this.#allDownSince = undefined;
      clearTimeout(this.#expiryTimer);
    }
    const available = !allDown || (this.#expired() && this.#o.onServerDown !== 'wait');
    if (available !== this.#available) {
      this.#available = available;
      this.emit('availability', available);
    }
  }

  #expired(): boolean {
    return this.#allDownSince !== undefined && Date.now() - this.#allDownSince >= this.#o.maxWaitMs;
  }

  #expire(): void {
    if (this.#allDownSince === undefined) return;
    if (!this.#expired()) {
      // Note: a timer may fire a little before Date.now() says its delay has passed (the two clocks
      // round differently, and under load by more); without arming it again the waiters would
      // wait for good.
      const left = this.#o.maxWaitMs - (Date.now() - this.#allDownSince);
      this.#expiryTimer = setTimeout(() => this.#expire(), Math.max(1, left));
      if (this.#waiters.length === 0) this.#expiryTimer.unref();
      return;
    }
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const w = this.#waiters[i]!;
      if (w.onServerDown === 'wait') continue;
      this.#waiters.splice(i, 1);
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.reject(this.#unavailable(w.onServerDown));
    }
    this.#updateAvailability();
  }

  /** The error of a request that stops waiting; `details.onServerDown` tells the caller whether to fall back or fail. */
  #unavailable(onServerDown: OnServerDown): DocmillError {
    const since = this.#allDownSince;
    const reasons = this.#servers.map((s) => `${s.client.baseUrl}: ${s.downReason || s.state}`).join('; ');
    return new DocmillError('ENGINE_UNAVAILABLE', `Every model server has been down for ${since === undefined ? 0 : Math.round((Date.now() - since) / 1000)} s (${reasons}).`, { details: { servers: this.#servers.map((s) => s.client.baseUrl), onServerDown } });
  }

  #startLiveness(): void {
    if (this.#livenessTimer || this.#closed) return;
    this.#livenessTimer = setInterval(() => this.#checkLiveness(), Math.max(50, Math.floor(this.#o.livenessMs / 3)));
    this.#livenessTimer.unref();
  }

  #checkLiveness(): void {
    const now = Date.now();
    let busy = false;
    for (const s of this.#servers) {
      if (s.state !== 'up' || s.slots.inUse === 0) continue;
      busy = true;
      if (s.probing || now - s.lastLife < this.#o.livenessMs) continue;
      s.probing = true;
      void s.client.probe({ timeoutMs: this.#o.probeTimeoutMs }).then((r) => {
        s.probing = false;
        s.probes++;
        this.#probed(s, r);
        if (r.ok) s.lastLife = Date.now();
        else if (s.state === 'up') this.#markDown(s, `hung: nothing answered for ${Math.round((Date.now() - s.lastLife) / 1000)} s and the probe failed (${r.reason})`);
      });
    }
    if (!busy && this.#servers.every((s) => !s.probing)) {
      clearInterval(this.#livenessTimer);
      this.#livenessTimer = undefined;
    }
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

/**
 * What a failed request says about its server.
 * @param e the error the client threw
 * Connection errors, 502/503/504 and "model loading" answers: 'server-down'; other 5xx: 'server-error';
 * timeouts: 'none' here (the caller probes: a timeout may be a page that never stops); anything else: 'ok'
 * (the server answered; the request or the page was the problem).
 */
export function serverOutcomeOf(e: unknown): LeaseOutcome {
  if (!isDocmillError(e)) return 'none';
  if (e.code === 'DOCMILL_ERR_ENGINE_CONNECTION') return 'server-down';
  if (e.code === 'DOCMILL_ERR_ENGINE_TIMEOUT') return 'none';
  if (e.code === 'DOCMILL_ERR_ENGINE_HTTP') {
    const status = e.details?.status;
    const message = typeof e.details?.serverMessage === 'string' ? e.details.serverMessage : e.message;
    if (status === 502 || status === 503 || status === 504 || isModelLoading(message)) return 'server-down';
    if (typeof status === 'number' && status >= 500) return 'server-error';
  }
  return 'ok';
}

/**
 * Logs a pool's circuit changes: a server down (warn, with the reason), back (info, with how long it was down).
 * @param pool the pool
 * @param log the engine's logger
 * Returns the function that stops logging.
 */
export function logCircuit(pool: ServerPool, log: Logger): () => void {
  const down = (i: { baseUrl: string; reason: string }) => log.warn({ server: i.baseUrl, reason: i.reason }, 'vision server down: its pages wait');
  const up = (i: { baseUrl: string; downMs: number }) => log.info({ server: i.baseUrl, downMs: i.downMs }, 'vision server back');
  pool.on('server-down', down);
  pool.on('server-up', up);
  return () => {
    pool.off('server-down', down);
    pool.off('server-up', up);
  };
}

/**
 * Sends a request through the pool: a slot on the least-loaded server that is up,
 * the request (aborted if the pool finds the server hung), the slot back. When the
 * server turns out to be down (see `serverOutcomeOf`; a generation timeout counts
 * when a probe right after it fails too), the request waits for a server again and
 * is sent again: server outages are not the page's failures, so the page's retry
 * policy never sees them — up to `pool.maxServerRetries` times, then the error goes
 * to the policy (a request that brings the server down every time must not loop).
 * @param pool the shared server pool
 * @param call the request on the leased client, with the signal to pass to it
 * @param signal the caller's abort
 * @param opts.onServerDown the page's policy when every server stays down past the pool's max wait
 * Throws ENGINE_UNAVAILABLE (from acquire) when that policy gives up waiting.
 */
export async function viaPool<T>(pool: ServerPool, call: (client: OpenAICompatClient, signal: AbortSignal) => Promise<T>, signal?: AbortSignal, opts: { onServerDown?: OnServerDown } = {}): Promise<T> {
  for (let downs = 0; ; ) {
    const lease = await pool.acquire(signal, opts);
    const requestSignal = signal ? AbortSignal.any([signal, lease.signal]) : lease.signal;
    let result: T;
    try {
      result = await call(lease.client, requestSignal);
    } catch (e) {
      if (signal?.aborted) {
        lease.release('none');
        throw e;
      }
      let outcome = lease.signal.aborted ? 'server-down' : serverOutcomeOf(e);
      if (outcome === 'none' && isDocmillError(e, 'ENGINE_TIMEOUT')) outcome = (await pool.check(lease.baseUrl)) ? 'ok' : 'server-down';
      if (lease.release(outcome) === 'server-down' && ++downs <= pool.maxServerRetries) continue;
      throw e;
    }
    lease.release('ok');
    return result;
  }
}
