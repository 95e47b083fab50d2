import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPdf } from '../src/index.js';
import { decoderWarmupPdf } from '../src/decoders.js';
import { textPdf } from './fixtures.js';

// Note: this file's process must not have opened a PDF before this test: the race it covers
// (pdf.js fetching a decoder's .wasm through the last-opened document's handler) is gone once
// any document has loaded the decoders.
test('a CCITT/JPX page still reads after a document opened later is closed (pdf.js decoder fetch)', async () => {
  const a = await openPdf(decoderWarmupPdf());
  const b = await openPdf(await textPdf());
  await b.close();
  const page = await a.getPage(0);
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => { timer = setTimeout(() => resolve('hung'), 20_000); });
  const read = await Promise.race([page.extractText(), hung]);
  clearTimeout(timer);
  assert.notEqual(read, 'hung', 'the page never finished: a decoder fetch went to a closed document');
  assert.equal(typeof read === 'object' && read.page.index, 0);
  await a.close();
});
