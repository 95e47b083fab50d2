import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNumberedPages } from '@docmill/fixtures';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RANGE_CHUNK, openPdf } from '../src/document.js';
import { FileRanges } from '../src/ranges.js';

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

test('a PDF read from its file by ranges gives the same pages as one read whole, and reads only ranges', async () => {
  const bytes = await makeNumberedPages(1600);
  const dir = mkdtempSync(join(tmpdir(), 'docmill-ranges-'));
  const path = join(dir, 'long.pdf');
  writeFileSync(path, bytes);
  const file = new FileRanges(path);
  const asked: number[] = [];
  const read = file.read.bind(file);
  file.read = (begin, end) => {
    asked.push(Math.min(end, file.byteLength) - begin);
    return read(begin, end);
  };
  const whole = await openPdf(bytes);
  const ranged = await openPdf(file);
  try {
    assert.equal(file.byteLength, bytes.byteLength);
    assert.equal(ranged.pageCount, whole.pageCount);
    for (const i of [0, 799, 1599]) {
      const [a, b] = [await whole.getPage(i), await ranged.getPage(i)];
      assert.deepEqual(await b.extractText(), await a.extractText());
      a.release();
      b.release();
      if (i === 0) assert.ok(asked.reduce((s, n) => s + n, 0) < bytes.byteLength, 'the first page is read without the rest of the file');
    }
    assert.ok(Math.max(...asked) <= RANGE_CHUNK, 'no read larger than a range');
  } finally {
    await whole.close();
    await ranged.close();
    file.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
