import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPdf } from '../src/index.js';
import { textPdf } from './fixtures.js';

/** The fixture with its startxref offset broken, so pdf.js has to rebuild the xref (and would warn about it). */
async function brokenXref(): Promise<Uint8Array> {
  const text = Buffer.from(await textPdf()).toString('latin1');
  return new Uint8Array(Buffer.from(text.replace(/startxref\s+\d+/, 'startxref\n999999'), 'latin1'));
}

test('pdf.js repairs a broken xref without writing to the console', async () => {
  const calls: string[] = [];
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  for (const name of ['log', 'warn', 'error', 'info'] as const) console[name] = (...args: unknown[]) => void calls.push(`${name}: ${args.join(' ')}`);
  try {
    const doc = await openPdf(await brokenXref());
    const page = await doc.getPage(0);
    const { page: text } = await page.extractText();
    await page.render({ dpi: 36 });
    page.release();
    await doc.close();
    assert.ok(text.spans.some((s) => s.text === 'Hello world'), 'the repaired file still reads');
  } finally {
    Object.assign(console, saved);
  }
  assert.deepEqual(calls, []);
});
