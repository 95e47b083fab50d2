import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNumberedPages } from '@docmill/fixtures';
import { RANGE_CHUNK, openPdf } from '../src/document.js';

/** The bytes in a SharedArrayBuffer, as a page pool's threads see them. */
function shared(bytes: Uint8Array): Uint8Array {
  const s = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  s.set(bytes);
  return s;
}

test('a PDF in shared memory, read by ranges, gives the same pages as one read whole; its bytes are not changed', async () => {
  const bytes = await makeNumberedPages(1600);
  assert.ok(bytes.byteLength > 2 * RANGE_CHUNK, `${bytes.byteLength} bytes: the fixture must span several ranges`);
  const input = shared(bytes);
  const whole = await openPdf(bytes);
  const ranged = await openPdf(input);
  try {
    assert.equal(ranged.pageCount, whole.pageCount);
    for (const i of [0, 1, 799, 1599]) {
      const [a, b] = [await whole.getPage(i), await ranged.getPage(i)];
      const [ta, tb] = [await a.extractText(), await b.extractText()];
      assert.ok(tb.page.spans.length > 0);
      assert.deepEqual(tb, ta);
      a.release();
      b.release();
    }
  } finally {
    await whole.close();
    await ranged.close();
  }
  assert.deepEqual(input, shared(bytes), 'the shared input is left as it was');
});
