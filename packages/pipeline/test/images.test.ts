import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { convertDocument, PagePool, closeCachedSources } from '../src/index.js';
import { makeLetter, makeNumberedPages, makeReport, makeScannedPage, rasterize, parseMarkdown, headings, paragraphs, textOf } from '@docmill/fixtures';
import { charErrorRate } from '@docmill/ocr';

const pool = new PagePool({ size: 2 });
after(async () => {
  await pool.close();
  await closeCachedSources();
});

/** Normalised words of a text, for comparisons that do not hinge on line breaks. */
const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);

function wordRecall(expected: string, actual: string): number {
  const have = new Set(words(actual));
  const want = words(expected);
  return want.filter((w) => have.has(w)).length / want.length;
}

const LETTER_TEXT = 'Letter to the Archive Committee Dear members of the committee, we received the boxes of newspapers from the harbour office and have started scanning them page by page. The first volumes are in good condition.';

test('a scanned PDF page goes through OCR and reads like the original', async () => {
  const result = await convertDocument(await makeScannedPage(), { pool });
  const page = result.pages[0]!;
  assert.equal(page.path, 'ocr');
  assert.ok(page.flags.includes('ocr') && page.flags.includes('needs_ocr'), page.flags.join(','));
  assert.ok((page.confidence ?? 0) > 0.8, `confidence ${page.confidence}`);
  assert.ok(wordRecall(LETTER_TEXT, result.markdown) >= 0.9, result.markdown);
  assert.equal(headings(parseMarkdown(result.markdown))[0]?.text, 'Letter to the Archive Committee');
});

test('OCR of born-digital fixture PDFs reproduces their text layer within 2% CER, headings and levels included', async () => {
  for (const [name, pdf] of [
    ['letter', await makeLetter()],
    ['report', await makeReport()],
  ] as const) {
    const [text, ocr] = await Promise.all([convertDocument(pdf, { pool, ocr: 'never' }), convertDocument(pdf, { pool, ocr: 'always' })]);
    assert.ok(ocr.pages.every((p) => p.path === 'ocr'), `${name}: every page OCRed`);
    assert.ok(text.pages.every((p) => p.path === 'text'), `${name}: every page from the text layer`);
    const plain = (md: string) => textOf(parseMarkdown(md));
    const cer = charErrorRate(plain(text.markdown), plain(ocr.markdown));
    assert.ok(plain(text.markdown).length > 250, `${name}: a real page of text`);
    assert.ok(cer <= 0.02, `${name}: CER ${cer}\n${ocr.markdown}`);
    // Structure too: OCR line sizes are measured from the ink, steady enough for the
    // layout stage to find the same headings, at the same levels, as from the text layer.
    assert.deepEqual(headings(parseMarkdown(ocr.markdown)), headings(parseMarkdown(text.markdown)), `${name}\n${ocr.markdown}`);
  }
});

test('without OCR a scanned page is flagged as needing it, not called blank; a page with nothing painted is blank', async () => {
  const scan = await convertDocument(await makeScannedPage(), { pool, ocr: 'never' });
  assert.deepEqual(scan.pages[0]!.flags, ['needs_ocr', 'no_text_layer']);
  const empty = await PDFDocument.create();
  empty.addPage([612, 792]);
  const blank = await convertDocument(await empty.save(), { pool, ocr: 'never' });
  assert.ok(blank.pages[0]!.flags.includes('blank'), blank.pages[0]!.flags.join(','));
});

test('a page scanned upside down is turned upright', async () => {
  const result = await convertDocument(await makeScannedPage(180), { pool });
  const page = result.pages[0]!;
  assert.equal(page.rotation, 180);
  assert.ok(page.flags.includes('rotated'));
  assert.ok(wordRecall(LETTER_TEXT, result.markdown) >= 0.9, result.markdown);
});

test('a mixed document: a born-digital page and a scanned page come out as one document', async () => {
  const mixed = await PDFDocument.create();
  const text = await PDFDocument.load(await makeNumberedPages(1));
  const scan = await PDFDocument.load(await makeScannedPage());
  const [p1] = await mixed.copyPages(text, [0]);
  const [p2] = await mixed.copyPages(scan, [0]);
  mixed.addPage(p1!);
  mixed.addPage(p2!);
  const result = await convertDocument(await mixed.save(), { pool });
  assert.deepEqual(result.pages.map((p) => p.path), ['text', 'ocr']);
  assert.equal(result.usage.pagesText, 1);
  assert.equal(result.usage.pagesOcr, 1);
  const hs = headings(parseMarkdown(result.markdown)).map((h) => h.text);
  assert.deepEqual(hs, ['Section 1', 'Letter to the Archive Committee']);
});

test('image inputs: PNG, JPEG with EXIF orientation, multi-page TIFF', async () => {
  const png = await rasterize(await makeLetter(), 0, 150);
  const fromPng = await convertDocument(png, { pool });
  assert.equal(fromPng.source.mime, 'image/png');
  assert.equal(fromPng.pages[0]!.path, 'ocr');
  assert.ok(wordRecall(LETTER_TEXT, fromPng.markdown) >= 0.9);

  // A JPEG stored sideways with an EXIF orientation tag that says so (6: rotate 90° clockwise to view).
  const sideways = await sharp(png).rotate(-90).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer();
  const fromJpeg = await convertDocument(sideways, { pool });
  assert.equal(fromJpeg.source.mime, 'image/jpeg');
  assert.ok(fromJpeg.pages[0]!.dimensions.height > fromJpeg.pages[0]!.dimensions.width, 'upright page is portrait');
  assert.ok(wordRecall(LETTER_TEXT, fromJpeg.markdown) >= 0.9, fromJpeg.markdown);

  // Two pages in one TIFF.
  const page2 = await rasterize(await makeNumberedPages(1), 0, 150);
  const a = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const b = await sharp(page2).resize(a.info.width, a.info.height).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const tiff = await sharp(Buffer.concat([a.data, b.data]), { raw: { width: a.info.width, height: a.info.height * 2, channels: 4, pageHeight: a.info.height } as never })
    .tiff({ compression: 'lzw' })
    .toBuffer();
  const fromTiff = await convertDocument(tiff, { pool });
  assert.equal(fromTiff.source.mime, 'image/tiff');
  assert.equal(fromTiff.pages.length, 2);
  assert.ok(wordRecall(LETTER_TEXT, fromTiff.pages[0]!.markdown) >= 0.9);
  assert.ok(paragraphs(parseMarkdown(fromTiff.pages[1]!.markdown)).some((p) => p.includes('page number 1')), fromTiff.pages[1]!.markdown);
});

test('a scanned code listing with aligned comments comes out as one code block, row by row; the prose round it stays prose', async () => {
  // Typewriter lines are told from the spacing of their characters (the OCR has no font names).
  const prose = [
    'The recorder follows the interpreter along the hot loop and writes',
    'down every operation it performs, with the types of its operands.',
  ];
  const listing: Array<[string, string]> = [
    ['mov edx, ebx(748)', '// load primes from the activation record'],
    ['mov edi(0), edx', '// store primes to interpreter stack'],
    ['mov esi, ebx(764)', '// load k from the activation record'],
    ['and eax, -4', '// mask out the object class tag'],
    ['cmp eax, Array', '// test whether primes is an array'],
    ['jne side_exit_1', '// side exit if primes is not an array'],
    ['push false', '// push last argument for call'],
  ];
  const after = ['Most of these instructions would be left out by a compiler that', 'knew none of the side exits would ever be taken at run time.'];
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  let y = 120;
  const rows: string[] = [];
  for (const t of prose) { rows.push(`<text x="100" y="${y}" font-family="DejaVu Serif" font-size="30">${esc(t)}</text>`); y += 44; }
  y += 40;
  for (const [code, comment] of listing) {
    rows.push(`<text x="100" y="${y}" font-family="DejaVu Sans Mono" font-size="26">${esc(code)}</text><text x="520" y="${y}" font-family="DejaVu Sans Mono" font-size="26">${esc(comment)}</text>`);
    y += 38;
  }
  y += 40;
  for (const t of after) { rows.push(`<text x="100" y="${y}" font-family="DejaVu Serif" font-size="30">${esc(t)}</text>`); y += 44; }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="${y + 80}"><rect width="100%" height="100%" fill="#fff"/>${rows.join('')}</svg>`;
  const png = await sharp(Buffer.from(svg)).withMetadata({ density: 200 }).png().toBuffer();
  const doc = await convertDocument(png, { pool });
  const fence = /```[^\n]*\n([\s\S]*?)```/.exec(doc.markdown);
  assert.ok(fence, doc.markdown);
  const code = fence[1]!.split('\n').filter(Boolean);
  assert.equal(code.length, listing.length, fence[1]);
  code.forEach((line, i) => {
    const [c, comment] = listing[i]!;
    assert.ok(charErrorRate(`${c} ${comment}`, line.replace(/\s+/g, ' ')) < 0.1, `row ${i}: ${line}`);
    assert.ok(line.indexOf('//') > line.indexOf(c.split(' ')[0]!), 'the comment stays on its row, after the code');
  });
  const outside = doc.markdown.replace(fence[0], '');
  assert.ok(wordRecall(prose.join(' ') + ' ' + after.join(' '), outside) >= 0.9, outside);
  assert.ok(!outside.includes('`'), 'no prose line marked as code');
});

test('a blank scan invents no text; a drawing is unreadable, not blank; tiny and corrupt images are coded errors', async () => {
  const blank = await sharp({ create: { width: 1275, height: 1650, channels: 3, background: '#ffffff' } }).png().toBuffer();
  const result = await convertDocument(blank, { pool });
  assert.equal(result.pages[0]!.markdown.trim(), '');
  assert.ok(result.pages[0]!.flags.includes('blank'));
  assert.ok(!result.pages[0]!.flags.includes('unreadable'));

  // A drawing and no text: nothing is read, and the page is not called blank.
  const shapes = '<circle cx="400" cy="500" r="220" fill="none" stroke="#000" stroke-width="14"/><path d="M700 300 L1100 900 L800 1200 Z" fill="#333"/>';
  const drawing = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1275" height="1650"><rect width="100%" height="100%" fill="#fff"/>${shapes}</svg>`)).png().toBuffer();
  const drawn = await convertDocument(drawing, { pool });
  assert.equal(drawn.pages[0]!.markdown.replace(/<!--[^]*?-->/g, '').trim(), '', drawn.pages[0]!.markdown);
  assert.ok(drawn.pages[0]!.flags.includes('unreadable'), drawn.pages[0]!.flags.join(','));
  assert.ok(!drawn.pages[0]!.flags.includes('blank'));

  const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000000' } }).png().toBuffer();
  const t = await convertDocument(tiny, { pool });
  assert.equal(t.pages[0]!.error?.code, 'DOCMILL_ERR_IMAGE_TOO_SMALL');

  const corrupt = Buffer.concat([blank.subarray(0, 64), Buffer.alloc(200, 7)]);
  await assert.rejects(convertDocument(corrupt, { pool }), (e: { code?: string }) => e.code === 'DOCMILL_ERR_IMAGE_CORRUPT');
});
