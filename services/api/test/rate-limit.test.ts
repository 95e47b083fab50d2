import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiter } from '../src/rate-limit.js';

const REDIS_URL = process.env.DOCMILL_REDIS_URL ?? 'redis://127.0.0.1:6379';

test('a key gets `limit` requests per window, then is refused with the seconds to wait; keys are independent', async () => {
  const redis = new Redis(REDIS_URL);
  const prefix = `docmill-test-rl-${randomUUID()}`;
  try {
    const limiter = new RateLimiter(redis, prefix, 60_000);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.hit('key-a', 3));
    assert.deepEqual(decisions.map((d) => d.allowed), [true, true, true, false]);
    assert.deepEqual(decisions.map((d) => d.remaining), [2, 1, 0, 0]);
    const last = decisions[3]!;
    assert.ok(last.resetSeconds >= 1 && last.resetSeconds <= 60, String(last.resetSeconds));
    assert.equal((await limiter.hit('key-b', 3)).allowed, true);
    // A second limiter (another API process) shares the count.
    assert.equal((await new RateLimiter(redis, prefix, 60_000).hit('key-a', 3)).allowed, false);
    assert.ok((await redis.pttl(`${prefix}:ratelimit:key-a`)) > 0, 'the counter expires');
  } finally {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
});

test('when Redis is unreachable requests pass (fail open)', async () => {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const redis = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    const d = await new RateLimiter(redis, 'x', 60_000).hit('k', 1);
    assert.equal(d.allowed, true);
  } finally {
    redis.disconnect();
  }
});
