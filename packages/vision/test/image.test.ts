import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { checkBlank, encodeForModel, fitForModel, imageTokens, rotateImage } from '../src/index.js';
import { pageImage } from './fixtures.js';

test('imageTokens: rows × (cols + 1) over 28 px cells', () => {
  assert.equal(imageTokens(28, 28), 2); // one cell + its row break
  assert.equal(imageTokens(29, 28), 3); // two columns
  assert.equal(imageTokens(28, 57), 6); // three rows of one cell + break
  // US Letter at 1024 px: 792 × 1024 → 29 cols, 37 rows
  assert.equal(imageTokens(792, 1024), 37 * 30);
  // US Letter at 1540 px: 1190 × 1540 → 43 cols, 55 rows
  assert.equal(imageTokens(1190, 1540), 55 * 44);
});

test('fitForModel scales the longest side down to the limit, never up, and caps at 1540', () => {
  const letter = fitForModel(2550, 3300, 1540); // 300 dpi Letter
  assert.equal(letter.height, 1540);
  assert.equal(letter.width, Math.round(2550 / (3300 / 1540)));
  assert.equal(letter.tokens, imageTokens(letter.width, letter.height));
  const landscape = fitForModel(4000, 1000, 1024);
  assert.deepEqual([landscape.width, landscape.height], [1024, 256]);
  const small = fitForModel(600, 800, 1540);
  assert.deepEqual([small.width, small.height, small.scale], [600, 800, 1]);
  const tooBig = fitForModel(3000, 3000, 5000); // asked for more than the model takes
  assert.equal(Math.max(tooBig.width, tooBig.height), 1540);
});

test('encodeForModel resizes, chooses the smaller encoding, and reports tokens of what it sends', async () => {
  const img = await pageImage(2000, 2600, 20);
  const png = await encodeForModel(img, { longest: 1540, format: 'png' });
  const jpeg = await encodeForModel(img, { longest: 1540, format: 'jpeg' });
  const auto = await encodeForModel(img, { longest: 1540 });
  assert.equal(png.mime, 'image/png');
  assert.equal(jpeg.mime, 'image/jpeg');
  // a clean render is a compact PNG: smaller than its JPEG, and 'auto' sends it as it is
  assert.ok(png.bytes < jpeg.bytes);
  assert.equal(auto.mime, 'image/png');
  assert.equal(auto.bytes, png.bytes);
  for (const e of [png, jpeg, auto]) {
    const meta = await sharp(Buffer.from(e.dataUrl.split(',')[1]!, 'base64')).metadata();
    assert.deepEqual([meta.width, meta.height], [e.width, e.height]);
    assert.equal(e.height, 1540);
    assert.equal(e.tokens, imageTokens(e.width, e.height));
  }
  // A scan-like image (smooth shading plus sensor noise): JPEG wins.
  const w = 800;
  const h = 1000;
  const grey = Buffer.alloc(w * h);
  let seed = 12345;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      grey[y * w + x] = Math.round(200 + 30 * Math.sin(x / 90) * Math.cos(y / 70)) + ((seed >> 16) % 13) - 6;
    }
  }
  const scan = await sharp(grey, { raw: { width: w, height: h, channels: 1 } }).png().toBuffer();
  const chosen = await encodeForModel({ data: scan, mime: 'image/png', width: w, height: h });
  assert.equal(chosen.mime, 'image/jpeg');
  // a JPEG that fits goes as it is
  const photo = await sharp(grey, { raw: { width: w, height: h, channels: 1 } }).jpeg({ quality: 80 }).toBuffer();
  const kept = await encodeForModel({ data: photo, mime: 'image/jpeg', width: w, height: h });
  assert.equal(kept.mime, 'image/jpeg');
  assert.equal(kept.bytes, photo.length);
});

test('encodeForModel accepts a plain Uint8Array (not only a Buffer)', async () => {
  const img = await pageImage(300, 400, 3);
  const plain = new Uint8Array(img.data.byteLength);
  plain.set(img.data);
  const e = await encodeForModel({ ...img, data: plain as Buffer });
  assert.equal(e.dataUrl, `data:image/png;base64,${img.data.toString('base64')}`);
});

test('checkBlank: white and faintly noisy pages are blank; a page with text bars or a few words is not', async () => {
  const white = await pageImage(1190, 1540, 0);
  assert.equal((await checkBlank(white.data)).blank, true);
  // Light scanner noise (grey levels 235..250) stays blank.
  const raw = Buffer.alloc(600 * 800);
  for (let i = 0; i < raw.length; i++) raw[i] = 235 + ((i * 31) % 16);
  const noisy = await sharp(raw, { raw: { width: 600, height: 800, channels: 1 } }).png().toBuffer();
  const n = await checkBlank(noisy);
  assert.equal(n.blank, true);
  assert.ok(n.stdev > 2, 'the noise is not uniform: the ink threshold decided');
  const text = await pageImage(1190, 1540, 12);
  assert.equal((await checkBlank(text.data)).blank, false);
  const oneLine = await pageImage(1190, 1540, 1);
  assert.equal((await checkBlank(oneLine.data)).blank, false);
});

test('rotateImage turns the image clockwise and records the rotation', async () => {
  const img = await pageImage(300, 500, 3);
  const r = await rotateImage(img, 90);
  assert.deepEqual([r.width, r.height, r.rotation], [500, 300, 90]);
  const meta = await sharp(r.data).metadata();
  assert.deepEqual([meta.width, meta.height], [500, 300]);
});
