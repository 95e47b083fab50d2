import { Queue } from 'bullmq';
import { SearchIndex, type Chunk } from '@docmill/ask';
import { Redis, type RedisOptions } from 'ioredis';
import { DocmillError, type Logger } from '@docmill/core';
import { jobKeys, type Store } from '@docmill/store';
import { checkPayload, jobOptionsFor, type Payload, type QueueFamily } from './catalogue.js';
import { JobRecords } from './records.js';
import { SecretBox } from './secrets.js';
import type { JobsOptions } from 'bullmq';

/**
 * What the service and the processors share: Redis, the records, the store,
 * and queues to enqueue into (created on first use).
 */
export class JobContext {
  readonly records: JobRecords;
  readonly #queues = new Map<QueueFamily, Queue>();
  #closed = false;

  /**
   * @param redis a command connection (owned: closed by close())
   * @param redisUrl for the queues' own connections
   * @param prefix deployment prefix for BullMQ queues and record keys
   * @param secrets seals PDF passwords kept in Redis (DOCMILL_SECRET_KEY)
   * @param queueConnection extra ioredis options of the queues' connections (the API's fail fast)
   */
  constructor(readonly redis: Redis, readonly redisUrl: string, readonly prefix: string, readonly store: Store, readonly logger: Logger,
    secrets: SecretBox = new SecretBox(undefined), readonly queueConnection: RedisOptions = { maxRetriesPerRequest: 3 }) {
    this.records = new JobRecords(redis, prefix, secrets);
  }

  queue(family: QueueFamily): Queue {
    if (this.#closed) throw new DocmillError('INTERNAL', `The job context is closed; no ${family} queue is opened any more.`);
    let q = this.#queues.get(family);
    if (!q) {
      q = new Queue(family, { connection: redisOptions(this.redisUrl, this.queueConnection), prefix: this.prefix });
      q.on('error', (e) => this.logger.warn({ err: e, queue: family }, 'queue connection error'));
      this.#queues.set(family, q);
    }
    return q;
  }

  /**
   * Validates a payload against the catalogue, then enqueues it with the family's retry policy.
   * @param family queue family
   * @param data payload (rejected with DOCMILL_ERR_USAGE_BAD_ARGUMENT before anything is enqueued)
   * @param opts extra job options (jobId makes the enqueue idempotent)
   */
  async enqueue<F extends QueueFamily>(family: F, data: Payload<F>, opts: JobsOptions = {}): Promise<void> {
    const valid = checkPayload(family, data);
    await this.queue(family).add(family, valid, jobOptionsFor(family, opts));
  }

  async close(): Promise<void> {
    this.#closed = true;
    // Note: a queue closed while its connection is still starting rejects a command of its own
    // start-up ("Connection is closed"), unhandled: let each finish starting first.
    await Promise.allSettled([...this.#queues.values()].map(async (q) => {
      await q.waitUntilReady().catch(() => undefined);
      await q.close();
    }));
    this.#queues.clear();
    this.redis.disconnect();
  }
}

/** ioredis options from a redis:// URL, with BullMQ-friendly defaults. */
export function redisOptions(url: string, extra: RedisOptions = {}): RedisOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // Note: reconnect forever with a capped delay, so a Redis restart is survived.
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
    ...extra,
  };
}

/**
 * ioredis options for connections that serve requests (the API): while Redis is
 * away a command fails within about two seconds (one reconnection attempt, a
 * second apart at most; a second to connect; 2.5 s for an answer) instead of
 * waiting, so the client gets 503 REDIS_UNAVAILABLE with Retry-After at once.
 * Not for workers, which wait for Redis to come back.
 */
export const FAIL_FAST: RedisOptions = {
  maxRetriesPerRequest: 1,
  connectTimeout: 1000,
  commandTimeout: 2500,
  retryStrategy: (times: number) => Math.min(times * 100, 1000),
};

export function connectRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(redisOptions(url, extra));
}

/**
 * The tenant search index of a deployment: the same keys the API's search reads (`<prefix>:search`).
 * Chunk text stays out of Redis: snippets are cut from the job's `chunks.jsonl` in the store.
 * @param searchRedisUrl DOCMILL_SEARCH_REDIS_URL: a Redis of its own (closed by the index's close()); default the context's
 */
export function searchIndexOf(ctx: Pick<JobContext, 'redis' | 'prefix' | 'store'>, searchRedisUrl?: string): SearchIndex {
  return new SearchIndex({ redis: searchRedisUrl ?? ctx.redis, prefix: `${ctx.prefix}:search`, chunks: (jobId) => readChunks(ctx.store, jobId) });
}

/** A job's chunks (`chunks.jsonl`, written by assemble), or undefined when it has none. */
export async function readChunks(store: Store, jobId: string): Promise<Chunk[] | undefined> {
  const raw = await store.get(jobKeys(jobId).chunks);
  return raw ? raw.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Chunk) : undefined;
}
