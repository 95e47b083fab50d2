import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrivateRedis } from '@docmill/fixtures';
import { ACME, makePdf, world } from './helpers.js';

// Issue 15 rows 5 and 6: what clients see while Redis or the store is away.

test('row 5: Redis down → 503 REDIS_UNAVAILABLE with Retry-After on every job route; back → served again', { timeout: 120_000 }, async (t) => {
  const redis = await PrivateRedis.start();
  t.after(() => redis.stop());
  const w = await world(t, { DOCMILL_REDIS_URL: redis.url });
  const pdf = Buffer.from(await makePdf(1)).toString('base64');
  const posted = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: pdf } });
  assert.equal(posted.statusCode, 202);
  const id = (posted.json() as { id: string }).id;

  await redis.crash();
  for (const req of [
    { method: 'GET' as const, url: `/v1/jobs/${id}` },
    { method: 'GET' as const, url: '/v1/jobs' },
    { method: 'POST' as const, url: '/v1/jobs', payload: { document_base64: pdf } },
    { method: 'GET' as const, url: `/v1/jobs/${id}/result` },
    { method: 'DELETE' as const, url: `/v1/jobs/${id}` },
    { method: 'GET' as const, url: `/v1/jobs/${id}/events` },
  ]) {
    const res = await w.app.inject({ ...req, headers: ACME });
    assert.equal(res.statusCode, 503, `${req.method} ${req.url}: ${res.body}`);
    assert.equal((res.json() as { error: { code: string } }).error.code, 'DOCMILL_ERR_REDIS_UNAVAILABLE', `${req.method} ${req.url}`);
    assert.equal(res.headers['retry-after'], '2');
  }
  assert.equal((await w.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 503);

  await redis.up();
  // Back (waited for as a condition: the connections reconnect on their own).
  let status = 0;
  for (let i = 0; i < 400 && status !== 200; i++) {
    status = (await w.app.inject({ method: 'GET', url: `/v1/jobs/${id}`, headers: ACME })).statusCode;
    if (status !== 200) await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(status, 200, 'the job (AOF) is served again');
});
