import type { Redis } from 'ioredis';
import type { Logger } from '@docmill/core';
import type { RedisKeys } from './redis-keys.js';
import type { JobStatus } from './types.js';

/**
 * One entry of the outbox stream (written by the lifecycle's Lua steps, see src/lua):
 * a status change (creation included), a job's progress, or its deletion.
 */
export type OutboxEvent =
  | { id: string; type: 'status'; job: string; tenant: string; status: JobStatus }
  | { id: string; type: 'progress'; job: string; tenant: string; pagesDone: number; pagesTotal: number }
  | { id: string; type: 'deleted'; job: string; tenant: string };

/** An outbox entry as XREAD returns it, typed; undefined for an entry of an unknown type. */
export function parseOutboxEntry(id: string, fields: string[]): OutboxEvent | undefined {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  const job = f.job ?? '';
  const tenant = f.tenant ?? '';
  switch (f.type) {
    case 'status': return { id, type: 'status', job, tenant, status: f.status as JobStatus };
    case 'progress': return { id, type: 'progress', job, tenant, pagesDone: Number(f.pagesDone ?? 0), pagesTotal: Number(f.pagesTotal ?? 0) };
    case 'deleted': return { id, type: 'deleted', job, tenant };
    default: return undefined;
  }
}

type StreamReply = Array<[string, Array<[string, string[]]>]> | null;

export interface OutboxConsumerOptions {
  /** A connection of its own (it blocks in XREADGROUP); closed by close(). */
  redis: Redis;
  keys: RedisKeys;
  /** The consumer group: one cursor per effect (ingest relay, webhooks, search). */
  group: string;
  /** This process's name in the group. */
  consumer: string;
  /**
   * Applies one event. Must be idempotent (delivery is at least once). A throw leaves the
   * entry pending: it is claimed again after `claimIdleMs`, by this or another process.
   */
  handle: (ev: OutboxEvent) => Promise<void>;
  logger: Logger;
  /** How long an entry stays with a consumer that does not acknowledge it (default 30 s). */
  claimIdleMs?: number;
  /** How long one XREADGROUP waits for new entries (default 5 s). */
  blockMs?: number;
}

/**
 * A consumer group on the outbox: reads new entries, applies them, acknowledges
 * them. Entries a crashed (or failing) consumer left pending are claimed again
 * (XAUTOCLAIM) after `claimIdleMs`, so an effect is never lost, only late.
 * Does not order effects across groups: each group has its own cursor.
 */
export class OutboxConsumer {
  readonly #o: Required<Omit<OutboxConsumerOptions, 'redis' | 'keys' | 'logger' | 'handle'>> & OutboxConsumerOptions;
  #closed = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(opts: OutboxConsumerOptions) {
    this.#o = { claimIdleMs: 30_000, blockMs: 5_000, ...opts };
  }

  /** Creates the group (reading the stream from its start) if needed and starts consuming. */
  async start(): Promise<void> {
    await this.#ensureGroup();
    this.#loop = this.#run();
  }

  async #ensureGroup(): Promise<void> {
    try {
      await this.#o.redis.xgroup('CREATE', this.#o.keys.outbox, this.#o.group, '0', 'MKSTREAM');
    } catch (e) {
      if (!/BUSYGROUP/.test(String(e))) throw e;
    }
  }

  async #run(): Promise<void> {
    const { redis, keys, group, consumer } = this.#o;
    let own = true; // first the entries this consumer name left pending (a restart), then new ones
    let lastClaim = Date.now();
    let failures = 0;
    while (!this.#closed) {
      try {
        let entries: Array<[string, string[]]> = [];
        if (Date.now() - lastClaim >= this.#o.claimIdleMs / 2) {
          lastClaim = Date.now();
          const claimed = (await redis.xautoclaim(keys.outbox, group, consumer, this.#o.claimIdleMs, '0-0', 'COUNT', 100)) as [string, Array<[string, string[]] | null>];
          entries = (claimed[1] ?? []).filter((e): e is [string, string[]] => Array.isArray(e) && Array.isArray(e[1]));
        }
        if (entries.length === 0) {
          const reply = (await redis.xreadgroup('GROUP', group, consumer, 'COUNT', 100, 'BLOCK', this.#o.blockMs, 'STREAMS', keys.outbox, own ? '0' : '>')) as StreamReply;
          entries = reply?.[0]?.[1] ?? [];
          if (own && entries.length === 0) own = false;
        }
        for (const [id, fields] of entries) {
          if (this.#closed) return;
          const ev = parseOutboxEntry(id, fields ?? []);
          try {
            if (ev) await this.#o.handle(ev);
            await redis.xack(keys.outbox, group, id);
          } catch (e) {
            this.#o.logger.warn({ err: e, group, entry: id }, 'outbox effect failed; it is retried');
          }
        }
        failures = 0;
      } catch (e) {
        if (this.#closed) return;
        if (/NOGROUP/.test(String(e))) await this.#ensureGroup().catch(() => undefined);
        else this.#o.logger.debug({ err: e, group }, 'outbox read failed');
        failures++;
        await new Promise<void>((r) => {
          const t = setTimeout(r, Math.min(2000, 100 * 2 ** Math.min(failures, 5)));
          this.#wake = () => { clearTimeout(t); r(); };
        });
      }
    }
  }

  /** Stops reading (the blocking read is cut by closing its connection) and waits for the loop. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    this.#o.redis.disconnect();
    await this.#loop?.catch(() => undefined);
  }
}

/**
 * Follows the outbox from now on for one process's event streams (SSE): one
 * blocking XREAD whatever the number of followers, each follower gets the
 * entries of its job. Runs only while someone follows.
 * Note: when a read fails (Redis restarting) every follower is told to resync,
 * i.e. re-read its job, since entries may have gone by meanwhile (without AOF,
 * the stream itself is lost with a restart).
 */
export class OutboxTail {
  readonly #listeners = new Map<string, Set<(ev: OutboxEvent | 'resync') => void>>();
  #running = false;
  #closed = false;

  /** @param redis a connection of its own (it blocks in XREAD); closed by close() */
  constructor(readonly redis: Redis, readonly keys: RedisKeys, readonly logger: Logger) {}

  /** How many followers are attached now (all jobs). */
  get followers(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  /**
   * Starts delivering a job's outbox entries to `fn` (everything written after this resolves is delivered).
   * @returns a function that stops it
   */
  async follow(jobId: string, fn: (ev: OutboxEvent | 'resync') => void): Promise<() => void> {
    let set = this.#listeners.get(jobId);
    if (!set) this.#listeners.set(jobId, (set = new Set()));
    set.add(fn);
    const stop = () => {
      set.delete(fn);
      if (set.size === 0 && this.#listeners.get(jobId) === set) this.#listeners.delete(jobId);
    };
    if (!this.#running) {
      this.#running = true;
      try {
        const last = (await this.redis.xrevrange(this.keys.outbox, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
        void this.#run(last);
      } catch (e) {
        this.#running = false;
        stop();
        throw e;
      }
    }
    return stop;
  }

  async #run(from: string): Promise<void> {
    let cursor = from;
    let failures = 0;
    while (!this.#closed && this.#listeners.size > 0) {
      try {
        const reply = (await this.redis.xread('COUNT', 500, 'BLOCK', 5000, 'STREAMS', this.keys.outbox, cursor)) as StreamReply;
        for (const [id, fields] of reply?.[0]?.[1] ?? []) {
          cursor = id;
          const ev = parseOutboxEntry(id, fields);
          if (!ev) continue;
          for (const fn of this.#listeners.get(ev.job) ?? []) fn(ev);
        }
        failures = 0;
      } catch (e) {
        if (this.#closed) break;
        this.logger.debug({ err: e }, 'outbox tail read failed');
        for (const set of this.#listeners.values()) for (const fn of set) fn('resync');
        failures++;
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** Math.min(failures, 5))));
      }
    }
    this.#running = false;
  }

  close(): void {
    this.#closed = true;
    for (const set of this.#listeners.values()) for (const fn of set) fn('resync');
    this.#listeners.clear();
    this.redis.disconnect();
  }
}
