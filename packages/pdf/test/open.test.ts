import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDocmillError, type ErrorName } from '@docmill/core';
import sharp from 'sharp';
import { openPdf } from '../src/index.js';
import { encryptedPdf, zeroPagePdf } from '@docmill/fixtures';
import { manyPagesPdf, textPdf } from './fixtures.js';
import { saslprep } from '../src/password.js';

async function rejectsWith(p: Promise<unknown>, what: ErrorName): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isDocmillError(e, what), `expected ${what}, got ${(e as Error)?.message}`);
    return true;
  });
}

test('zero bytes → INPUT_EMPTY; an image or text → INPUT_UNSUPPORTED_TYPE', async () => {
  await rejectsWith(openPdf(new Uint8Array(0)), 'INPUT_EMPTY');
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
  await rejectsWith(openPdf(png), 'INPUT_UNSUPPORTED_TYPE');
  await rejectsWith(openPdf(new TextEncoder().encode('just text')), 'INPUT_UNSUPPORTED_TYPE');
});

test('truncated and garbage PDFs → PDF_CORRUPT', async () => {
  const good = await textPdf();
  await rejectsWith(openPdf(good.slice(0, 300)), 'PDF_CORRUPT');
  await rejectsWith(openPdf(new TextEncoder().encode(`%PDF-1.7\n${'x'.repeat(400)}`)), 'PDF_CORRUPT');
});

test('an empty page tree → PDF_NO_PAGES', async () => {
  await rejectsWith(openPdf(zeroPagePdf()), 'PDF_NO_PAGES');
});

test('more pages than maxPages → INPUT_TOO_MANY_PAGES; at the limit it opens', async () => {
  const bytes = await manyPagesPdf(3);
  await rejectsWith(openPdf(bytes, { maxPages: 2 }), 'INPUT_TOO_MANY_PAGES');
  const doc = await openPdf(bytes, { maxPages: 3 });
  assert.equal(doc.pageCount, 3);
  await doc.close();
});

test('the caller’s buffer is left intact (pdf.js gets a copy)', async () => {
  const bytes = await textPdf();
  const before = bytes.length;
  const doc = await openPdf(bytes);
  await doc.close();
  assert.equal(bytes.length, before);
  assert.equal(bytes.byteLength, before);
  // A Node Buffer (which pdf.js refuses as such) works too.
  const fromBuffer = await openPdf(Buffer.from(bytes));
  assert.equal(fromBuffer.pageCount, 1);
  await fromBuffer.close();
});

test('metadata, page labels, pages out of range', async () => {
  const doc = await openPdf(await textPdf());
  assert.equal(doc.pageCount, 1);
  assert.equal(doc.encrypted, false);
  assert.deepEqual(doc.metadata, { title: 'Fixture title', author: 'Ada Lovelace', producer: 'docmill tests' });
  assert.equal(doc.labels, undefined);
  await rejectsWith(doc.getPage(1), 'USAGE_BAD_PAGES');
  await rejectsWith(doc.getPage(-1), 'USAGE_BAD_PAGES');
  await doc.close();

  const labelled = await openPdf(await manyPagesPdf(4, { labels: true }));
  assert.deepEqual(labelled.labels, ['i', 'ii', '1', '2']);
  const p = await labelled.getPage(2);
  assert.equal(p.label, '1');
  p.release();
  await labelled.close();
});

test('encrypted PDF: no password → PDF_ENCRYPTED, wrong → PDF_BAD_PASSWORD, right → readable', async () => {
  const bytes = encryptedPdf({ userPassword: 'secret', ownerPassword: 'boss', text: 'Hidden words' });
  await rejectsWith(openPdf(bytes), 'PDF_ENCRYPTED');
  await rejectsWith(openPdf(bytes, { password: 'wrong' }), 'PDF_BAD_PASSWORD');
  for (const password of ['secret', 'boss']) {
    const doc = await openPdf(bytes, { password });
    assert.equal(doc.encrypted, true);
    const page = await doc.getPage(0);
    const { page: text } = await page.extractText();
    assert.deepEqual(text.spans.map((s) => s.text), ['Hidden words']);
    await doc.close();
  }
});

test('a password is retried SASLprep-normalised (soft hyphen dropped, ª → a) when it fails as typed', async () => {
  assert.equal(saslprep('S\u00aaSL\u00adprep'), 'SaSLprep');
  assert.equal(saslprep('a\u00a0b\u200bc'), 'a bc');
  const bytes = encryptedPdf({ userPassword: 'secret', ownerPassword: 'boss', text: 'Hidden words' });
  const doc = await openPdf(bytes, { password: 'se\u00adcret' });
  assert.equal(doc.pageCount, 1);
  await doc.close();
  await rejectsWith(openPdf(bytes, { password: 'se\u00adcrets' }), 'PDF_BAD_PASSWORD');
});

test('a PDF encrypted with an empty user password opens without one', async () => {
  const bytes = encryptedPdf({ userPassword: '', ownerPassword: 'boss', text: 'Copy protected' });
  const doc = await openPdf(bytes);
  assert.equal(doc.encrypted, true);
  const { page } = await (await doc.getPage(0)).extractText();
  assert.deepEqual(page.spans.map((s) => s.text), ['Copy protected']);
  await doc.close();
});
