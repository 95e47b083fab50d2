import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { MAX_OPENS, RECYCLE_AFTER, cachedSource, closeCachedSources, recycleAfter } from '../src/source-cache.js';

after(closeCachedSources);

test('a document is opened at most ~MAX_OPENS times for its pages, whatever its length, and every RECYCLE_AFTER pages when short', () => {
  for (const n of [1, 14, 216, 2016, 2500, 2501, 6000, 20_000, 100_000]) {
    const every = recycleAfter(n);
    assert.ok(every >= RECYCLE_AFTER, `${n} pages: ${every}`);
    assert.ok(Math.ceil(n / every) <= MAX_OPENS, `${n} pages: opened ${Math.ceil(n / every)} times`);
  }
  assert.equal(recycleAfter(2016), RECYCLE_AFTER);
  assert.equal(recycleAfter(20_000), 400);
});

test('a thread reopens a long document after recycleAfter(pages) pages, not after RECYCLE_AFTER', async () => {
  const doc = await PDFDocument.create();
  const pages = 3000;
  for (let i = 0; i < pages; i++) doc.addPage([200, 200]);
  const bytes = await doc.save();
  const every = recycleAfter(pages);
  assert.ok(every > RECYCLE_AFTER);
  const first = await cachedSource(bytes, {});
  assert.equal(first.pageCount, pages);
  const seen = [first];
  for (let i = 1; i < 2 * every + 1; i++) seen.push(await cachedSource(bytes, {}));
  // The same opening serves the first `every` pages, the next serves the following `every`, and so on.
  assert.equal(new Set(seen.slice(0, every)).size, 1);
  assert.notEqual(seen[every], first);
  assert.equal(new Set(seen.slice(every, 2 * every)).size, 1);
  assert.notEqual(seen[2 * every], seen[every]);
});

test('between reopenings, a thread lets go of pdf.js\'s fonts every RECYCLE_AFTER pages', async () => {
  const doc = await PDFDocument.create();
  const pages = 6000;
  assert.ok(recycleAfter(pages) > 2 * RECYCLE_AFTER);
  for (let i = 0; i < pages; i++) doc.addPage([200, 200]);
  const bytes = await doc.save();
  const first = await cachedSource(bytes, {});
  let cleanups = 0;
  const cleanup = first.cleanup.bind(first);
  (first as { cleanup: () => Promise<void> }).cleanup = async () => { cleanups++; await cleanup(); };
  for (let i = 1; i < 2 * RECYCLE_AFTER + 1; i++) assert.equal(await cachedSource(bytes, {}), first);
  assert.equal(cleanups, 2);
});
