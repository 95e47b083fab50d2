import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { PrivateRedis } from '@docmill/fixtures';
import { ACME, REDIS_URL, makePdf, world } from './helpers.js';

test('row 10: with DOCMILL_SEARCH_REDIS_URL the search index lives in that Redis, written by the workers, read by the API', { timeout: 180_000 }, async (t) => {
  const searchRedis = await PrivateRedis.start();
  const w = await world(t, { DOCMILL_SEARCH_REDIS_URL: searchRedis.url });
  t.after(() => searchRedis.stop()); // after the world (and its connections to it) closed
  await w.startWorkers();
  const posted = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: Buffer.from(await makePdf(2)).toString('base64') } });
  const id = (posted.json() as { id: string }).id;
  // Searchable a moment after it succeeds (the search relay): waited for as a condition.
  let hits: Array<{ jobId: string }> = [];
  for (let i = 0; i < 2000 && hits.length === 0; i++) {
    hits = ((await w.app.inject({ method: 'GET', url: '/v1/search?q=ledger%20crates', headers: ACME })).json() as { hits: Array<{ jobId: string }> }).hits ?? [];
    if (hits.length === 0) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(hits.length > 0 && hits.every((h) => h.jobId === id));
  const queueRedis = new Redis(REDIS_URL);
  const own = new Redis(searchRedis.url);
  t.after(() => { queueRedis.disconnect(); own.disconnect(); });
  assert.deepEqual(await queueRedis.keys(`${w.prefix}:search*`), [], 'nothing of the index in the queues\' Redis');
  assert.ok((await own.keys(`${w.prefix}:search*`)).length > 0);
});
