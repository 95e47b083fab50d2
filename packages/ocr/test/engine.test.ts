import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { isDocmillError } from '@docmill/core';
import { OcrEngine, charErrorRate, ocrToPositionedPage, type OcrResult } from '../src/index.js';
import { dropCapCandidates } from '../src/dropcap.js';

// A page of known text, drawn by librsvg with the DejaVu fonts (Debian's fonts-dejavu-core).
const LINES = [
  'Quarterly report on water quality',
  'Samples were taken at 14 sites between',
  'March and June 2024; nitrate levels fell',
  'by 12.5% while phosphate stayed at 0.08 mg/L.',
  'Contact: lab-office@example.org, room 3B.',
];
const REF = LINES.join('\n');

function pageSvg(opts: { width?: number; height?: number; size?: number; skew?: number; family?: string } = {}): Buffer {
  const { width = 1400, height = 700, size = 34, skew = 0, family = 'DejaVu Sans' } = opts;
  const texts = LINES.map((l, i) => `<text x="90" y="${140 + i * size * 1.8}" font-family="${family}" font-size="${size}">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`).join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>` +
      `<g transform="rotate(${skew} ${width / 2} ${height / 2})">${texts}</g></svg>`,
  );
}

async function pagePng(opts?: Parameters<typeof pageSvg>[0], rotate = 0): Promise<Buffer> {
  let img = sharp(pageSvg(opts));
  if (rotate) img = sharp(await img.png().toBuffer()).rotate(rotate);
  return img.png().toBuffer();
}

const text = (r: OcrResult) => r.lines.map((l) => l.text).join('\n');

let engine: OcrEngine;
before(async () => {
  engine = await OcrEngine.create();
});
after(async () => {
  await engine.close();
});

test('reads a page of known text within 2% CER, lines in order with boxes and confidences', async () => {
  const r = await engine.recognize(await pagePng());
  assert.equal(r.rotation, 0);
  assert.deepEqual([r.width, r.height], [1400, 700]);
  const cer = charErrorRate(REF, text(r));
  assert.ok(cer <= 0.02, `CER ${cer}: ${text(r)}`);
  assert.equal(r.lines.length, LINES.length);
  for (const [i, line] of r.lines.entries()) {
    const baseline = 140 + i * 34 * 1.8;
    const [x0, y0, x1, y1] = line.bbox;
    assert.ok(y0 < baseline && y1 > baseline - 20, `line ${i} bbox ${line.bbox} around baseline ${baseline}`);
    assert.ok(x0 > 60 && x0 < 100 && x1 > 400 && x1 < 1350, `line ${i} x extent ${x0}..${x1}`);
    assert.equal(line.box.length, 4);
    assert.ok(line.confidence > 0.8 && line.confidence <= 1);
    assert.equal(line.charConfidences?.length, line.text.length);
  }
  assert.ok(Math.abs(r.skewDegrees) < 0.5);
  assert.ok(r.timings.detMs > 0 && r.timings.recMs > 0);
});

test('accepts raw RGBA pixels as well as encoded bytes', async () => {
  const { data, info } = await sharp(pageSvg({ family: 'DejaVu Serif' })).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const r = await engine.recognize({ data, width: info.width, height: info.height, channels: 4 });
  const cer = charErrorRate(REF, text(r));
  assert.ok(cer <= 0.03, `CER ${cer}: ${text(r)}`);
});

for (const turned of [90, 180, 270] as const) {
  test(`a page scanned at ${turned}° is turned upright and read`, async () => {
    const r = await engine.recognize(await pagePng({}, turned), { orientation: true });
    assert.equal(r.rotation, (360 - turned) % 360);
    assert.deepEqual([r.width, r.height], [1400, 700], 'size of the upright page');
    const cer = charErrorRate(REF, text(r));
    assert.ok(cer <= 0.03, `CER ${cer}: ${text(r)}`);
    assert.ok(r.lines[0]!.bbox[1] < r.lines[r.lines.length - 1]!.bbox[1], 'coordinates are upright: first line on top');
  });
}

/** A dense newspaper-like page: two narrow columns of small serif type, 45 lines each. */
function densePageSvg(): string {
  const words = 'die der und zu den das nicht von sie ist des sich mit dem dass er es ein ich auf so eine auch als an nach wie im'.split(' ');
  const cols = [0, 1].map((c) => Array.from({ length: 45 }, (_, i) => {
    const line = Array.from({ length: 5 }, (_, k) => words[(c * 31 + i * 7 + k * 3) % words.length]).join(' ');
    return `<text x="${30 + c * 300}" y="${40 + i * 22}" font-family="DejaVu Serif" font-size="15">${line}</text>`;
  }).join(''));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="630" height="1040"><rect width="100%" height="100%" fill="#fff"/>${cols.join('')}</svg>`;
}

test('a dense upright page of small type is never turned; the same page upside down is', async () => {
  const png = await sharp(Buffer.from(densePageSvg())).png().toBuffer();
  const upright = await engine.recognize(png, { orientation: true });
  assert.equal(upright.rotation, 0);
  assert.ok(upright.lines.length >= 80, `${upright.lines.length} lines`);
  const turned = await engine.recognize(await sharp(png).rotate(180).png().toBuffer(), { orientation: true });
  assert.equal(turned.rotation, 180);
});

test('one short line printed upside down on an upright page of many lines is still read the right way up', async () => {
  // More lines than the direction classifier samples up front, and the odd one
  // out shorter than all of them, so only the recheck of doubtful lines can find it.
  const body = Array.from({ length: 30 }, (_, i) => `<text x="80" y="${90 + i * 52}" font-family="DejaVu Sans" font-size="30">Line ${i + 1} of the ordinary text that fills this page.</text>`).join('');
  const odd = '<text x="0" y="0" font-family="DejaVu Sans" font-size="30" transform="translate(1100 1720) rotate(180)">Stamp 4417</text>';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1300" height="1800"><rect width="100%" height="100%" fill="#fff"/>${body}${odd}</svg>`;
  const r = await engine.recognize(await sharp(Buffer.from(svg)).png().toBuffer(), { orientation: true });
  assert.equal(r.rotation, 0);
  assert.ok(r.lines.length >= 31, `${r.lines.length} lines`);
  assert.ok(r.lines.some((l) => /Stamp 4417/.test(l.text)), text(r).split('\n').slice(-3).join(' | '));
  assert.ok(r.lines.some((l) => /Line 30 of the ordinary text/.test(l.text)));
});

test('lines of one font size get one size whatever their letters; a larger heading stands out', async () => {
  // Descenders, capitals and x-height-only words change a line's box by up to 30 %;
  // the measured ink band must not (the layout splits paragraphs at a 10 % change).
  const body = ['summer once more was near our sea', 'Quietly typing jumpy glyphs by July', 'a line on a new row', 'Happy yoga playing, gently joking'];
  const rows = body.map((t, i) => `<text x="60" y="${200 + i * 44}" font-family="DejaVu Serif" font-size="28">${t}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1100" height="420"><rect width="100%" height="100%" fill="#fff"/><text x="60" y="120" font-family="DejaVu Serif" font-size="40">Results of the survey</text>${rows}</svg>`;
  const r = await engine.recognize(await sharp(Buffer.from(svg)).png().toBuffer());
  const page = ocrToPositionedPage(r, { index: 0, dpi: 200 });
  assert.equal(page.spans.length, 5, page.spans.map((s) => s.text).join(' | '));
  const [heading, ...lines] = page.spans;
  const sizes = lines.map((s) => s.fontSize);
  const spread = Math.max(...sizes) / Math.min(...sizes);
  assert.ok(spread < 1.1, `body sizes ${sizes.map((s) => s.toFixed(2)).join(', ')}`);
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  assert.ok(heading!.fontSize > 1.25 * mean, `heading ${heading!.fontSize.toFixed(2)} vs body ${mean.toFixed(2)}`);
  // 28 px at 200 dpi is 10.1 pt; the x-height share differs between faces, so only roughly.
  assert.ok(mean > 8 && mean < 13, `body ${mean.toFixed(2)} pt`);
});

test('a page skewed by 3° still reads, and the skew is reported', async () => {
  const r = await engine.recognize(await pagePng({ skew: 3 }), { orientation: true });
  assert.equal(r.rotation, 0);
  const cer = charErrorRate(REF, text(r));
  assert.ok(cer <= 0.03, `CER ${cer}: ${text(r)}`);
  assert.ok(Math.abs(r.skewDegrees - 3) < 1, `skew ${r.skewDegrees}`);
});

/** A paragraph opening with a drop capital three lines tall; `cap: false` leaves the capital out. */
function dropCapSvg(cap = true): Buffer {
  const lines = ['HE MOPED. She sighed. She wandered', 'around the house with the look of', 'an injured puppy, sometimes bursting', 'into tears. When her worried parents asked', 'her, she would answer that it was nothing at', 'all. How could she explain it to them?'];
  const pitch = 44, size = 30, capSize = (2 * pitch) / 0.73 + size;
  const rows = lines.map((t, i) => `<text x="${i < 3 ? 80 + capSize * 0.65 + 4 : 80}" y="${120 + i * pitch}" font-family="DejaVu Serif" font-size="${size}">${t}</text>`).join('');
  const capText = cap ? `<text x="80" y="${120 + 2 * pitch}" font-family="DejaVu Serif" font-size="${capSize}">S</text>` : '';
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="450"><rect width="100%" height="100%" fill="#fff"/>${capText}${rows}</svg>`);
}

test('a drop capital begins the first line of its paragraph, and the lines beside it begin where it does', async () => {
  const r = await engine.recognize(await sharp(dropCapSvg()).png().toBuffer());
  assert.equal(r.lines.length, 6, text(r));
  assert.equal(r.lines[0]!.text, 'SHE MOPED. She sighed. She wandered');
  const left = r.lines.map((l) => l.bbox[0]);
  assert.ok(Math.max(...left) - Math.min(...left) < 20, `left edges ${left.map(Math.round).join(', ')}`);
});

test('a drop capital the detector leaves out is found in the notch beside the lines', async () => {
  // The lines' boxes as the detector gives them without the capital: the capital's ink is in none.
  const without = await engine.recognize(await sharp(dropCapSvg(false)).png().toBuffer());
  const bounds = without.lines.map((l) => l.bbox);
  const { data, info } = await sharp(dropCapSvg()).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const img = { data, width: info.width, height: info.height };
  const found = dropCapCandidates(img, bounds);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0]!.line, 0);
  const [tl, , br] = found[0]!.quad as [[number, number], [number, number], [number, number]];
  assert.ok(tl[0] < 90 && br[0] > 120 && br[1] - tl[1] > 80, `capital at ${JSON.stringify(found[0]!.quad)}`);
  const plain = await sharp(dropCapSvg(false)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual(dropCapCandidates({ data: plain.data, width: plain.info.width, height: plain.info.height }, bounds), [], 'an empty notch holds no capital');
});

test('a blank page gives no lines (nothing invented)', async () => {
  const blank = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#fdfdf8' } }).png().toBuffer();
  const r = await engine.recognize(blank, { orientation: true });
  assert.deepEqual(r.lines, []);
  assert.equal(r.rotation, 0);
  assert.equal(r.skewDegrees, 0);
});

test('an image under 16 px on a side is IMAGE_TOO_SMALL', async () => {
  const tiny = await sharp({ create: { width: 12, height: 40, channels: 3, background: '#ffffff' } }).png().toBuffer();
  await assert.rejects(engine.recognize(tiny), (e) => isDocmillError(e, 'IMAGE_TOO_SMALL'));
});

test('undecodable bytes are IMAGE_CORRUPT', async () => {
  await assert.rejects(engine.recognize(Buffer.from('this is not an image at all, just words')), (e) => isDocmillError(e, 'IMAGE_CORRUPT'));
  const png = await pagePng();
  await assert.rejects(engine.recognize(png.subarray(0, 200)), (e) => isDocmillError(e, 'IMAGE_CORRUPT'));
  await assert.rejects(engine.recognize({ data: Buffer.alloc(10), width: 100, height: 100, channels: 3 }), (e) => isDocmillError(e, 'IMAGE_CORRUPT'));
});

test('a huge image (over 50 Mpx) is downscaled for OCR and lines come back in its own pixels', async () => {
  // 8000 x 7000 = 56 Mpx; text drawn large so that it survives the downscale.
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="8000" height="7000"><rect width="100%" height="100%" fill="#fff"/>` +
      `<text x="400" y="3000" font-family="DejaVu Sans" font-size="200">Archive box 17</text></svg>`,
  );
  const png = await sharp(svg).png({ compressionLevel: 1 }).toBuffer();
  const r = await engine.recognize(png);
  assert.deepEqual([r.width, r.height], [8000, 7000]);
  assert.ok(charErrorRate('Archive box 17', text(r)) <= 0.1, text(r));
  const [x0, y0, x1, y1] = r.lines[0]!.bbox;
  assert.ok(x0 > 300 && x0 < 450 && y0 > 2700 && y0 < 2900 && x1 > 1800 && y1 > 3000 && y1 < 3200, `bbox ${r.lines[0]!.bbox}`);
});

test('an aborted signal stops recognition', async () => {
  const ac = new AbortController();
  ac.abort(new Error('stop'));
  await assert.rejects(engine.recognize(await pagePng(), { signal: ac.signal }), /stop/);
});

test('missing model files are OCR_MODEL_MISSING', async () => {
  await assert.rejects(OcrEngine.create({ modelDir: '/nonexistent/docmill-models' }), (e) => isDocmillError(e, 'OCR_MODEL_MISSING'));
});

test('ocrToPositionedPage converts px to points and keeps confidence', () => {
  const result: OcrResult = {
    width: 1700,
    height: 2200,
    rotation: 0,
    skewDegrees: 0,
    timings: { detMs: 1, clsMs: 1, recMs: 1 },
    lines: [
      { text: 'Title', confidence: 0.9, box: [[200, 100], [600, 100], [600, 160], [200, 160]], bbox: [200, 100, 600, 160] },
      { text: 'body', confidence: 0.8, box: [[200, 300], [400, 290], [401, 310], [201, 320]], bbox: [200, 290, 401, 320] },
    ],
  };
  const page = ocrToPositionedPage(result, { index: 3, dpi: 200 });
  assert.equal(page.source, 'ocr');
  assert.equal(page.index, 3);
  assert.deepEqual([page.width, page.height], [1700 * 0.36, 2200 * 0.36]);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const first = page.spans[0]!;
  assert.deepEqual({ ...first, bbox: first.bbox.map(round), fontSize: round(first.fontSize) }, { text: 'Title', bbox: [72, 36, 216, 57.6], fontSize: 21.6, confidence: 0.9 });
  assert.ok(Math.abs(page.spans[1]!.fontSize - Math.hypot(1, 20) * 0.36) < 1e-9, 'height across the line, not the bbox');
  assert.equal(page.spans[1]!.confidence, 0.8);
});
