import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { convertDocument, PagePool, closeCachedSources } from '../src/index.js';
import { makeReport, makeNumberedPages } from '@docmill/fixtures';
import { parseMarkdown, headings, tables, lists, paragraphs } from '@docmill/fixtures';

const pool = new PagePool({ size: 2 });
after(async () => {
  await pool.close();
  await closeCachedSources();
});

test('a two-column report becomes structured Markdown', async () => {
  const result = await convertDocument(await makeReport(), { pool });
  assert.equal(result.pages.length, 3);
  assert.deepEqual(result.pages.map((p) => p.index), [0, 1, 2]);
  assert.ok(result.pages.every((p) => p.path === 'text'));
  const root = parseMarkdown(result.markdown);

  // One heading hierarchy across the document: the title, sections, subsections.
  assert.deepEqual(headings(root), [
    { depth: 1, text: 'Quarterly Report of the Example Archive' },
    { depth: 2, text: '1. Introduction' },
    { depth: 3, text: '1.1 Scope of the work' },
    { depth: 2, text: '2. Methods' },
    { depth: 2, text: '3. Results' },
    { depth: 3, text: '3.1 Quality' },
    { depth: 2, text: '4. Conclusion' },
  ]);

  // Reading order: the left column is read to its end before the right one.
  const paras = paragraphs(root);
  const iArchives = paras.findIndex((p) => p.startsWith('Archives hold millions'));
  const iTrap = paras.findIndex((p) => p.startsWith('A two-column layout'));
  const iHyphen = paras.findIndex((p) => p.startsWith('Hyphenation at line ends'));
  assert.ok(iArchives >= 0 && iTrap > iArchives && iHyphen > iTrap, `order: ${iArchives} ${iTrap} ${iHyphen}`);

  // Lists keep their kind.
  const ls = lists(root);
  assert.deepEqual(ls.map((l) => l.ordered), [false, true]);
  assert.deepEqual(ls[0]!.items, ['Scanned newspapers from 1890 to 1950', 'Born-digital annual reports', 'Handwritten letters (excluded)']);
  assert.deepEqual(ls[1]!.items, ['Collect the files', 'Convert every page', 'Review flagged pages']);

  // The ruled table, with its header row.
  assert.deepEqual(tables(root), [[
    ['Collection', 'Pages', 'OCR share'],
    ['Newspapers', '120000', '98%'],
    ['Reports', '45000', '3%'],
    ['Letters', '800', '100%'],
  ]]);

  // The paragraph that runs across the page break is one paragraph.
  assert.ok(paras.some((p) => p.includes('comparing the text with the printed page, and the results of every sample were recorded')), 'joined across pages');

  // Running header and page numbers are gone from the body but listed per page.
  assert.ok(!result.markdown.includes('Quarterly Report ·') && !result.markdown.includes('Example Archive · Quarterly Report'));
  assert.ok(!/Page \d of 3/.test(result.markdown));
  for (const page of result.pages) {
    const kinds = page.removed.map((r) => r.type).sort();
    assert.ok(kinds.includes('header') && kinds.includes('page-number'), `page ${page.index}: ${JSON.stringify(page.removed)}`);
  }
  // Provenance: each block has a bbox inside its page, in points.
  for (const page of result.pages) {
    for (const b of page.blocks) {
      assert.ok(b.bbox[0] >= 0 && b.bbox[1] >= 0 && b.bbox[2] <= page.dimensions.width + 1 && b.bbox[3] <= page.dimensions.height + 1, JSON.stringify(b.bbox));
    }
  }
});

test('page selection converts only the pages asked for', async () => {
  const result = await convertDocument(await makeNumberedPages(6), { pool, pages: '2,4-5' });
  assert.deepEqual(result.pages.map((p) => p.index), [1, 3, 4]);
  assert.deepEqual(headings(parseMarkdown(result.markdown)).map((h) => h.text), ['Section 2', 'Section 4', 'Section 5']);
  assert.equal(result.source.pages, 6);
});

test('bad inputs fail with coded errors', async () => {
  const cases: Array<[Uint8Array, string]> = [
    [new Uint8Array(0), 'DOCMILL_ERR_INPUT_EMPTY'],
    [new TextEncoder().encode('this is not a pdf, just text'), 'DOCMILL_ERR_INPUT_UNSUPPORTED_TYPE'],
    [new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'), 'DOCMILL_ERR_PDF_CORRUPT'],
  ];
  for (const [bytes, code] of cases) {
    await assert.rejects(convertDocument(bytes, { pool }), (e: { code?: string }) => e.code === code, code);
  }
});

test('a page over its time limit is flagged, and the pool goes on', async () => {
  const bytes = await makeNumberedPages(3);
  const result = await convertDocument(bytes, { pool, pageTimeoutMs: 1 });
  assert.equal(result.pages.length, 3);
  assert.ok(result.pages.every((p) => p.error?.code === 'DOCMILL_ERR_PAGE_TIMEOUT' && p.flags.includes('timeout')));
  assert.equal(result.usage.pagesFailed, 3);
  assert.ok(result.degraded);
  // The same pool still converts afterwards.
  const ok = await convertDocument(bytes, { pool });
  assert.equal(ok.usage.pagesFailed, 0);
});

test('a page printed sideways: read turned, flagged rotated, and its kept image turned the same way', async () => {
  const { PDFDocument, StandardFonts, degrees } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.setRotation(degrees(90));
  ['A report printed on a page that was', 'given a quarter turn when it was made,', 'so that it shows sideways on screen.'].forEach((t, i) => page.drawText(t, { x: 72, y: 700 - 16 * i, size: 12, font: helv }));
  const images: Uint8Array[] = [];
  const result = await convertDocument(await doc.save(), { pool, keepImages: true, ocr: 'never' }, { onPage: (_d, _n, _t, image) => { if (image) images.push(image); } });
  const p = result.pages[0]!;
  assert.equal(p.rotation, 270);
  assert.ok(p.flags.includes('rotated'), JSON.stringify(p.flags));
  assert.deepEqual([p.dimensions.width, p.dimensions.height], [612, 792]);
  assert.match(p.markdown, /A report printed on a page that was given a quarter turn/);
  // The kept PNG is portrait, like the boxes (IHDR width and height at bytes 16–23).
  const png = Buffer.from(images[0]!);
  assert.ok(png.readUInt32BE(20) > png.readUInt32BE(16), `PNG ${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`);
});
