import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePageRanges, formatPageRanges, DocmillError, toDocmillError, Semaphore, stableHash, loadConfig } from '../src/index.js';

test('page ranges are 1-based and inclusive, open ends allowed', () => {
  assert.deepEqual(parsePageRanges('1-3,7', 10), [0, 1, 2, 6]);
  assert.deepEqual(parsePageRanges('8-', 10), [7, 8, 9]);
  assert.deepEqual(parsePageRanges('-2', 10), [0, 1]);
  assert.deepEqual(parsePageRanges(undefined, 3), [0, 1, 2]);
  assert.deepEqual(parsePageRanges('2,2,1', 3), [0, 1]);
  assert.deepEqual(parsePageRanges('5-9', 6), [4, 5]);
  assert.equal(formatPageRanges([0, 1, 2, 6]), '1-3,7');
});

test('bad page ranges are coded usage errors', () => {
  for (const bad of ['0', '3-1', 'x', '1-2-3', ',']) {
    assert.throws(() => parsePageRanges(bad, 10), (e: unknown) => e instanceof DocmillError && e.code === 'DOCMILL_ERR_USAGE_BAD_PAGES', bad);
  }
});

test('coded errors survive a trip through JSON', () => {
  const e = new DocmillError('PDF_ENCRYPTED', 'x.pdf is encrypted.');
  const back = toDocmillError(JSON.parse(JSON.stringify(e)));
  assert.equal(back.code, 'DOCMILL_ERR_PDF_ENCRYPTED');
  assert.equal(back.message, e.message);
  assert.equal(toDocmillError(new Error('boom')).code, 'DOCMILL_ERR_INTERNAL');
});

test('semaphore never lets more than max run', async () => {
  const sem = new Semaphore(2);
  let running = 0;
  let peak = 0;
  await Promise.all(Array.from({ length: 8 }, () => sem.run(async () => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setImmediate(r));
    running--;
  })));
  assert.equal(peak, 2);
  assert.equal(sem.inUse, 0);
});

test('stable hash ignores key order', () => {
  assert.equal(stableHash({ a: 1, b: [1, { c: 2, d: 3 }] }), stableHash({ b: [1, { d: 3, c: 2 }], a: 1 }));
  assert.notEqual(stableHash({ a: 1 }), stableHash({ a: 2 }));
});

test('config validates the environment', () => {
  assert.equal(loadConfig({}).DOCMILL_VISION_CONCURRENCY, 64);
  assert.throws(() => loadConfig({ DOCMILL_VISION_CONCURRENCY: 'many' }), /DOCMILL_VISION_CONCURRENCY/);
});
