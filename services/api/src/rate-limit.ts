import type { Redis } from 'ioredis';
import type { Logger } from '@docmill/core';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends (whole seconds, at least 1). */
  resetSeconds: number;
}

// Note: INCR and PEXPIRE in one script, so a crash between them cannot leave a
// counter without expiry (which would lock the key out for good).
const SCRIPT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {c, ttl}
`;

/**
 * A fixed-window request counter per API key, kept in Redis so every API
 * process behind a load balancer counts against the same budget. The window
 * opens at a key's first request and lasts `windowMs`; Redis' clock decides
 * (no skew between API hosts).
 */
export class RateLimiter {
  /**
   * @param redis a connection (shared; not closed here)
   * @param prefix key prefix (the queue prefix), e.g. "docmill"
   * @param windowMs window length (60 s for per-minute rates)
   * @param log where a Redis failure is reported
   * Does not block when Redis is unreachable: requests pass (fail open) and the
   * failure is logged, because a Redis outage already fails every job route.
   */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly windowMs: number,
    private readonly log?: Logger,
  ) {}

  /**
   * Whether a key has used up its budget, without counting a request (fails open).
   * @param keyId the counter's id
   * @param limit requests allowed per window
   */
  async exhausted(keyId: string, limit: number): Promise<RateDecision | undefined> {
    try {
      const key = `${this.prefix}:ratelimit:${keyId}`;
      const [count, ttl] = (await this.redis.multi().get(key).pttl(key).exec())?.map(([, v]) => v) as [string | null, number];
      const n = Number(count ?? 0);
      return n >= limit ? { allowed: false, limit, remaining: 0, resetSeconds: Math.max(1, Math.ceil(ttl / 1000)) } : undefined;
    } catch (e) {
      this.log?.warn({ err: e }, 'rate limiter: Redis unavailable, letting the request through');
      return undefined;
    }
  }

  /**
   * Counts one request for a key and says whether it may proceed.
   * @param keyId the key's non-secret id
   * @param limit requests allowed per window
   */
  async hit(keyId: string, limit: number): Promise<RateDecision> {
    try {
      const [count, ttl] = (await this.redis.eval(SCRIPT, 1, `${this.prefix}:ratelimit:${keyId}`, String(this.windowMs))) as [number, number];
      return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    } catch (e) {
      this.log?.warn({ err: e }, 'rate limiter: Redis unavailable, letting the request through');
      return { allowed: true, limit, remaining: limit, resetSeconds: Math.ceil(this.windowMs / 1000) };
    }
  }
}
