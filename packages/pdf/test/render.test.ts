import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDocmillError } from '@docmill/core';
import sharp from 'sharp';
import { openPdf } from '../src/index.js';
import { PAGE_H, PAGE_W, manyPagesPdf, rotatedPdf } from './fixtures.js';
import { imagePdf } from '@docmill/fixtures';

async function firstPage(bytes: Uint8Array) {
  const doc = await openPdf(bytes);
  return { doc, page: await doc.getPage(0) };
}

async function pixel(png: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [...data.subarray(i, i + 3)];
}

test('dpi sets the size; output is a PNG with the effective dpi', async () => {
  const { doc, page } = await firstPage(await manyPagesPdf(1));
  const at72 = await page.render({ dpi: 72 });
  assert.equal(at72.mime, 'image/png');
  assert.deepEqual([at72.width, at72.height, at72.dpi, at72.rotation], [PAGE_W, PAGE_H, 72, 0]);
  const meta = await sharp(at72.data).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['png', PAGE_W, PAGE_H]);
  const at144 = await page.render({ dpi: 144 });
  assert.deepEqual([at144.width, at144.height, at144.dpi], [PAGE_W * 2, PAGE_H * 2, 144]);
  await doc.close();
});

test('longestSide wins over dpi and fixes the longest side exactly', async () => {
  const { doc, page } = await firstPage(await manyPagesPdf(1));
  const img = await page.render({ longestSide: 1540, dpi: 300 });
  assert.equal(img.height, 1540);
  assert.equal(img.width, Math.round((PAGE_W * 1540) / PAGE_H));
  assert.ok(Math.abs(img.dpi - (1540 / PAGE_H) * 72) < 0.01);
  await doc.close();
});

test('white background, page content in place, colours in RGB order', async () => {
  const { doc, page } = await firstPage(await manyPagesPdf(1));
  const img = await page.render({ dpi: 72 });
  // The fixture paints a red 100×100 pt square at the bottom-left corner.
  assert.deepEqual(await pixel(img.data, 50, PAGE_H - 50), [255, 0, 0]);
  assert.deepEqual(await pixel(img.data, PAGE_W - 10, 10), [255, 255, 255]);
  await doc.close();
});

test('rotation is applied clockwise after rendering; JPEG on request', async () => {
  const { doc, page } = await firstPage(await manyPagesPdf(1));
  const img = await page.render({ dpi: 72, rotation: 90, format: 'jpeg' });
  assert.equal(img.mime, 'image/jpeg');
  assert.deepEqual([img.width, img.height, img.rotation], [PAGE_H, PAGE_W, 90]);
  assert.equal((await sharp(img.data).metadata()).format, 'jpeg');
  // The red square was bottom-left; turned clockwise it is top-left.
  const [r, g, b] = await pixel(img.data, 50, 50);
  assert.ok(r! > 200 && g! < 60 && b! < 60, `expected red, got ${[r, g, b]}`);
  await doc.close();
});

test('a /Rotate 90 page renders landscape', async () => {
  const { doc, page } = await firstPage(await rotatedPdf());
  const img = await page.render({ dpi: 72 });
  assert.deepEqual([img.width, img.height], [PAGE_H, PAGE_W]);
  await doc.close();
});

test('a render past the pixel cap → PAGE_TOO_LARGE, nothing allocated', async () => {
  const { doc, page } = await firstPage(await manyPagesPdf(1));
  await assert.rejects(page.render({ dpi: 2400 }), (e: unknown) => isDocmillError(e, 'PAGE_TOO_LARGE'));
  await assert.rejects(page.render({ dpi: 0 }), (e: unknown) => isDocmillError(e, 'USAGE_BAD_ARGUMENT'));
  await doc.close();
});

test('a page with a decompression-bomb image renders (the image is skipped)', async () => {
  const { doc, page } = await firstPage(imagePdf(100_000, 100_000));
  const img = await page.render({ dpi: 50 });
  assert.equal(img.width, Math.round((PAGE_W * 50) / 72));
  await doc.close();
});

test('50 pages rendered and released in a loop', async () => {
  const doc = await openPdf(await manyPagesPdf(50));
  let rendered = 0;
  for (let i = 0; i < doc.pageCount; i++) {
    const page = await doc.getPage(i);
    const img = await page.render({ longestSide: 400 });
    assert.equal(img.height, 400);
    const { page: text } = await page.extractText();
    assert.equal(text.spans[0]?.text, `Page ${i + 1}`);
    page.release();
    rendered++;
  }
  assert.equal(rendered, 50);
  await doc.close();
});
