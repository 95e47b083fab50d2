import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { optionsHash } from '@docmill/core';
import { convertDocument, PagePool, closeCachedSources, ocrDpi, MAX_OCR_PIXELS, OCR_DPI } from '../src/index.js';
import { spawn } from 'node:child_process';
import { reclaimCpuSlots, sharedCpuSlots, threadCpuCells } from '../src/cpu-slots.js';

const pool = new PagePool({ size: 2 });
after(async () => {
  await pool.close();
  await closeCachedSources();
});

/** Argus des brevets d'invention 1910, p. 17 (BnF/Gallica; transcription CC BY 4.0), 400 dpi, bilevel. */
const argus = readFileSync(new URL('../../ocr/test/fixtures/argus_1910_p17_crop.png', import.meta.url));

/** An image-only PDF: a 1500 × 1800 px scan (the Argus crop at its top left) on a 150 × 180 pt page, i.e. 720 dpi. */
async function smallPageBigScan(): Promise<Uint8Array> {
  const png = await sharp({ create: { width: 1500, height: 1800, channels: 3, background: '#ffffff' } })
    .composite([{ input: argus, left: 200, top: 300 }])
    .png({ compressionLevel: 9, palette: true, colours: 2 })
    .toBuffer();
  const doc = await PDFDocument.create();
  const page = doc.addPage([150, 180]);
  page.drawImage(await doc.embedPng(png), { x: 0, y: 0, width: 150, height: 180 });
  return doc.save();
}

test('OCR resolution: a scan at its own pixels, else 200 dpi, capped by the per-page pixel bound', () => {
  assert.equal(ocrDpi(undefined, { width: 612, height: 792 }), OCR_DPI);
  assert.equal(ocrDpi(475, { width: 582, height: 841 }), 475);
  const capped = ocrDpi(1200, { width: 595, height: 842 });
  const px = ((595 / 72) * capped) * ((842 / 72) * capped);
  assert.ok(capped < 1200 && Math.abs(px - MAX_OCR_PIXELS) / MAX_OCR_PIXELS < 1e-6, `${capped} dpi, ${px} px`);
});

test('an image-only PDF page is read at its image\'s own resolution, and the default reads French accents', async () => {
  const result = await convertDocument(await smallPageBigScan(), { pool });
  const page = result.pages[0]!;
  assert.equal(page.path, 'ocr', JSON.stringify(page.error));
  assert.equal(Math.round(page.dimensions.dpi), 720);
  assert.ok(Math.abs(page.dimensions.width - 150) < 0.5 && Math.abs(page.dimensions.height - 180) < 0.5, JSON.stringify(page.dimensions));
  // No --lang: PP-OCR reads first, the text is plainly French, tesseract's fra model reads it again.
  for (const word of ['mouvement', 'disposés', 'sphérique', 'l\'axe', 'excentrique', 'elle-même']) {
    assert.ok(result.markdown.includes(word), `${word} in\n${result.markdown}`);
  }
});

test('--lang with a language tesseract lacks fails the page with a coded error naming the package', async () => {
  const result = await convertDocument(await smallPageBigScan(), { pool, lang: 'xqz' });
  const page = result.pages[0]!;
  assert.equal(page.error?.code, 'DOCMILL_ERR_OCR_LANGUAGE_MISSING');
  assert.match(page.error?.message ?? '', /tesseract-ocr-xqz/);
  assert.ok(page.flags.includes('error'));
});

test('the OCR languages are part of the options fingerprint', () => {
  assert.notEqual(optionsHash({ lang: 'deu' }), optionsHash({}));
  assert.equal(optionsHash({ ocr: 'auto' }), optionsHash({}));
});

test('CPU slots: a shared budget bounds child processes across holders; a dead thread\'s slots come back and its children are killed', async () => {
  const budget = new Int32Array(new SharedArrayBuffer(4));
  budget[0] = 2;
  const heldA = threadCpuCells();
  const heldB = threadCpuCells();
  const a = sharedCpuSlots(budget, heldA, 2);
  const b = sharedCpuSlots(budget, heldB, 2);
  const r1 = await a.acquire();
  await b.acquire();
  assert.equal(budget[0], 0);
  let third = false;
  const waiting = a.acquire().then((r) => {
    third = true;
    return r;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(third, false);
  r1();
  const r3 = await waiting;
  assert.equal(third, true);
  r3();
  r3();
  assert.equal(budget[0], 1);
  // b's thread dies holding its slot and running a child: the pool gives the slot back and kills the child.
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
  b.track(child.pid!);
  reclaimCpuSlots(budget, heldB);
  assert.equal(budget[0], 2);
  assert.equal(await exited, 'SIGKILL');
  const ac = new AbortController();
  ac.abort(new Error('gone'));
  await assert.rejects(a.acquire(ac.signal), /gone/);
});
