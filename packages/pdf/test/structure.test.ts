import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPdf } from '../src/index.js';
import { taggedOutlinePdf, textPdf } from './fixtures.js';

test('a tagged PDF: spans of an H1–H6 element carry its level; the outline is read flat with depths and pages', async () => {
  const doc = await openPdf(await taggedOutlinePdf());
  try {
    assert.equal(doc.tagged, true);
    // Named and explicit destinations both resolve; "Cover" is listed although nothing prints it.
    assert.deepEqual(await doc.outline(), [
      { title: 'Mill Survey', depth: 1, page: 0 },
      { title: 'Water wheels', depth: 2, page: 1 },
      { title: 'Cover', depth: 1, page: 0 },
    ]);
    const first = await doc.getPage(0);
    const { page } = await first.extractText();
    first.release();
    assert.deepEqual(page.spans.map((s) => [s.text.trim(), s.heading]), [['Mill Survey', 2], ['The mills of the valley were counted.', undefined]]);
    const second = await doc.getPage(1);
    const two = await second.extractText();
    second.release();
    assert.deepEqual(two.page.spans.map((s) => s.heading), [undefined], 'text outside the structure tree has no level');
  } finally {
    await doc.close();
  }
});

test('an untagged PDF without an outline: no levels, an empty outline', async () => {
  const doc = await openPdf(await textPdf());
  try {
    assert.equal(doc.tagged, false);
    assert.deepEqual(await doc.outline(), []);
    const p = await doc.getPage(0);
    const { page } = await p.extractText();
    p.release();
    assert.ok(page.spans.length > 0 && page.spans.every((s) => s.heading === undefined));
  } finally {
    await doc.close();
  }
});
