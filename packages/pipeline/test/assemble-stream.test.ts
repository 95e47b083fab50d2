import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Block, PageDraft, PageResult } from '@docmill/core';
import { makeReport } from '@docmill/fixtures';
import { PagePool, StreamingAssembly, assembleDocument, closeCachedSources, convertDocument, convertDocumentTo, type DocumentSink } from '../src/index.js';
import type { IngestInfo } from '../src/ingest.js';

const pool = new PagePool({ size: 2 });
after(async () => {
  await pool.close();
  await closeCachedSources();
});

const W = 612, H = 792;
const at = (y: number, size = 10, extra: Partial<Block> = {}): Pick<Block, 'bbox' | 'fontSize'> => ({ bbox: [72, y, 540, y + size * 1.2], fontSize: size, ...extra });
const blk = (type: Block['type'], text: string, y: number, extra: Partial<Block> = {}): Block => ({ type, text, ...at(y, extra.fontSize ?? 10), ...extra });

/** A newspaper-like run of pages: running head and page number, headlines of two sizes, a word and a table split across breaks, a gap, a failed page. */
function drafts(): PageDraft[] {
  const out: PageDraft[] = [];
  const indexes = [0, 1, 2, 3, 4, 5, 8, 9];
  for (const i of indexes) {
    const blocks: Block[] = [
      blk('paragraph', 'The Example Gazette · Evening edition', 20, { fontSize: 8 }),
      blk('heading', `Headline of page ${i + 1}`, 110, { fontSize: 20, bold: true }),
      blk('heading', 'A smaller sub-heading', 140, { fontSize: 13, bold: true }),
      blk('paragraph', `Body text of page ${i + 1}, set in the body size and long enough to weigh.`, 170),
      blk('heading', 'Not really a heading', 200),
      blk('paragraph', 'The story runs on to the next page where it ends with a hyphen infor-', 300, { open: true, inlines: [{ text: 'The story runs on ' }, { text: 'to the next', bold: true }, { text: ' page where it ends with a hyphen infor-' }] }),
      blk('page-number', String(i + 1), 760, { fontSize: 8 }),
    ];
    if (i > 0) blocks.splice(1, 0, blk('paragraph', 'mation continues in lower case here.', 90, { inlines: [{ text: 'mation continues ' }, { text: 'in lower case', italic: true }, { text: ' here.' }] }));
    if (i === 3) blocks.splice(blocks.length - 1, 0, blk('table', 'Item\tQty\nTea\t1', 500, { rows: [['Item', 'Qty'], ['Tea', '1']] }));
    if (i === 4) blocks.splice(1, 0, blk('table', 'Item\tQty\nMilk\t2', 95, { rows: [['Item', 'Qty'], ['Milk', '2']] }));
    if (i === 5) {
      // A table drawn down to the foot of the page that swallowed the running foot as its last row.
      const rows = [['Item', 'Qty'], ['Tea', '1'], ['Milk', '2'], ['Salt', '3'], ['Annex 2', 'Page 6 of 11']];
      blocks.splice(blocks.length - 1, 0, blk('table', rows.map((r) => r.join('\t')).join('\n'), 620, { rows, bbox: [72, 620, 540, 735], merged: [{ row: 1, col: 0, rowSpan: 2, colSpan: 1 }] }));
    }
    out.push({ index: i, dimensions: { width: W, height: H, dpi: 72 }, blocks, path: 'text', engine: 'local', flags: [], confidence: 1, ...(i === 2 ? { label: 'iii' } : {}) });
  }
  out.push({ index: 10, dimensions: { width: 0, height: 0, dpi: 72 }, blocks: [], path: 'none', engine: 'local', flags: ['error'], error: { code: 'DOCMILL_ERR_PAGE_FAILED', message: 'broken' } });
  return out;
}

const info: IngestInfo = { sha256: 'a'.repeat(64), mime: 'application/pdf', bytes: 1234, pageCount: 11, selected: [0, 1, 2, 3, 4, 5, 8, 9, 10] };

/** A sink that keeps what it is given. */
function collector(): DocumentSink & { chunks: string[]; pages: PageResult[] } {
  const s = { chunks: [] as string[], pages: [] as PageResult[], markdown: (c: string) => void s.chunks.push(c), page: (p: PageResult) => void s.pages.push(p) };
  return s;
}

/** Everything of a result as it is written out (key order included). */
function written(r: { markdown: string; pages: PageResult[]; head: Record<string, unknown> }): { markdown: string; pages: string[]; head: string } {
  return { markdown: r.markdown, pages: r.pages.map((p) => JSON.stringify(p)), head: JSON.stringify(r.head) };
}

test('streamed assembly writes what assembleDocument returns, byte for byte: pages, Markdown, articles, usage', async (t) => {
  const opts = { path: 'gazette.pdf', seconds: 1.5, degradedShare: 0.05 };
  const { pages, markdown, ...head } = assembleDocument(info, drafts(), opts);
  // The fixture exercises every document-wide decision.
  assert.ok(head.articles && head.articles.length >= 8, 'articles');
  assert.ok(pages.some((p) => p.removed.length >= 2), 'running head and page number removed');
  assert.ok(pages.some((p) => p.removed.some((r) => r.text.includes('Page 6 of 11')) && p.blocks.some((b) => b.rows?.length === 4)), 'a table\'s last row that is the running foot');
  assert.ok(pages.some((p) => p.blocks[0]?.text.startsWith('information')), 'hyphenated word joined across the break');
  assert.ok(pages.some((p) => p.blocks.some((b) => b.type === 'heading' && b.level === 2)) && head.degraded, 'levels, degraded');

  const dir = mkdtempSync(join(tmpdir(), 'docmill-spool-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const assembly = new StreamingAssembly(dir);
  // Pages finish in any order.
  for (const d of drafts().reverse()) assembly.add(d);
  // The spool file has no name from the start: a process killed now leaves nothing in the temporary directory.
  assert.deepEqual(readdirSync(dir), []);
  const sink = collector();
  const streamed = await assembly.finish(info, opts, sink);
  assert.deepEqual(written({ markdown: sink.chunks.join(''), pages: sink.pages, head: streamed.head }), written({ markdown, pages, head }));
  assert.ok(sink.chunks.length > 2, 'the Markdown came in pieces');
  assert.deepEqual(streamed.pages.map((p) => p.index), pages.map((p) => p.index));
});

test('streamed assembly joins the stacked lines of a title as assembleDocument does, runs and all', async (t) => {
  const opts = { path: 'slides.pdf', seconds: 1, degradedShare: 0.05 };
  const make = (): PageDraft[] => drafts().map((d) => (d.index !== 1 ? d : {
    ...d,
    blocks: [
      { type: 'heading', text: 'How to make words', bbox: [200, 60, 412, 84], fontSize: 20, bold: true, inlines: [{ text: 'How to make ', bold: true }, { text: 'words', bold: true, italic: true }] },
      { type: 'heading', text: 'with vectors', bbox: [236, 86, 376, 110], fontSize: 20, bold: true },
      ...d.blocks,
    ],
  }));
  const { pages, markdown, ...head } = assembleDocument(info, make(), opts);
  assert.ok(pages.some((p) => p.blocks.some((b) => b.type === 'heading' && b.text === 'How to make words with vectors')), 'title lines joined');
  const dir = mkdtempSync(join(tmpdir(), 'docmill-spool-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const assembly = new StreamingAssembly(dir);
  for (const d of make()) assembly.add(d);
  const sink = collector();
  const streamed = await assembly.finish(info, opts, sink);
  assert.deepEqual(written({ markdown: sink.chunks.join(''), pages: sink.pages, head: streamed.head }), written({ markdown, pages, head }));
});

test('streamed assembly cuts a furniture row out of a table as assembleDocument does (rows, text, merged cells)', async (t) => {
  const rows = [['Name', 'Amount'], ['MENA JUAN', '10.000,00'], ['MOLLE MATIAS', '10.000,00'], ['PERAZZO PABLO', '10.000,00'], ['ANEXO I-A-1', 'Página 12 de 14']];
  const merged = [{ row: 1, col: 0, rowSpan: 1, colSpan: 2 }, { row: 3, col: 0, rowSpan: 2, colSpan: 1 }];
  const tableDrafts = (): PageDraft[] => [0, 1].map((i) => ({
    index: i,
    dimensions: { width: W, height: H, dpi: 72 },
    blocks: [
      blk('paragraph', `A paragraph on page ${i + 1} above the table, long enough to be kept on disk by the pass.`, 170),
      { type: 'table', text: rows.map((r) => r.join('\t')).join('\n'), rows: rows.map((r) => [...r]), merged: merged.map((m) => ({ ...m })), bbox: [48, 200, 552, 760], fontSize: 8 },
    ],
    path: 'text',
    engine: 'local',
    flags: [],
    confidence: 1,
  }));
  const tableInfo: IngestInfo = { ...info, pageCount: 2, selected: [0, 1] };
  const { pages, markdown, ...head } = assembleDocument(tableInfo, tableDrafts(), {});
  assert.ok(pages.every((p) => p.removed.some((r) => r.text === 'ANEXO I-A-1\tPágina 12 de 14') && p.blocks[1]!.rows!.length === 4), 'the foot row is cut');
  const dir = mkdtempSync(join(tmpdir(), 'docmill-spool-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const assembly = new StreamingAssembly(dir);
  for (const d of tableDrafts()) assembly.add(d);
  const sink = collector();
  const streamed = await assembly.finish(tableInfo, {}, sink);
  assert.deepEqual(written({ markdown: sink.chunks.join(''), pages: sink.pages, head: streamed.head }), written({ markdown, pages, head }));
});

/** A long document whose paragraphs are long enough to wait on disk during the pass (`TEXT_ON_DISK`). */
function longDrafts(n: number): PageDraft[] {
  const body = (i: number, k: number): string => `Paragraph ${k} of page ${i + 1} says enough to be longer than the texts that stay in memory, sixty-four characters.`;
  return Array.from({ length: n }, (_, i): PageDraft => ({
    index: i,
    dimensions: { width: W, height: H, dpi: 72 },
    blocks: [
      blk('paragraph', 'Proceedings of a long meeting · running head', 20, { fontSize: 8 }),
      ...(i > 0 ? [blk('paragraph', `mation from page ${i} runs on here, in lower case, and it is long enough to be spooled too.`, 90)] : []),
      ...(i % 10 === 0 ? [blk('heading', `${i / 10 + 1}. Part ${i / 10 + 1}`, 150, { fontSize: 14, bold: true })] : []),
      blk('paragraph', body(i, 1), 200),
      blk('paragraph', body(i, 2), 400),
      blk('paragraph', `The last paragraph of page ${i + 1} breaks off in the middle of a word that is long: infor-`, 600, { open: true, inlines: [{ text: `The last paragraph of page ${i + 1} breaks off in the middle of a word that is long: infor-` }] }),
      blk('page-number', String(i + 1), 760, { fontSize: 8 }),
    ],
    path: 'text',
    engine: 'local',
    flags: [],
    confidence: 1,
  }));
}

test('long block texts wait on disk during the pass, read back page by page, and the result is unchanged', async (t) => {
  const n = 120;
  const opts = { path: 'long.pdf', seconds: 1 };
  const longInfo: IngestInfo = { ...info, pageCount: n, selected: [...Array(n).keys()] };
  const { pages, markdown, ...head } = assembleDocument(longInfo, longDrafts(n), opts);
  assert.ok(pages.every((p) => p.removed.length === 2), 'running head and page number removed from every page');
  assert.ok(pages.slice(1).every((p) => p.blocks[0]!.text.startsWith('information from page')), 'the word joined across every break');
  assert.ok(markdown.includes('## 2. Part 2') || markdown.includes('# 2. Part 2'), 'numbered headings');
  const dir = mkdtempSync(join(tmpdir(), 'docmill-spool-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const assembly = new StreamingAssembly(dir);
  for (const d of longDrafts(n).reverse()) assembly.add(d);
  const sink = collector();
  const streamed = await assembly.finish(longInfo, opts, sink);
  assert.deepEqual(written({ markdown: sink.chunks.join(''), pages: sink.pages, head: streamed.head }), written({ markdown, pages, head }));
  // The long texts were not in memory: the pass read them back, a page at a time and a few sweeps over the document
  // (a read per block would be ~4 per page and sweep; texts kept in memory would be no read at all; the
  // furniture rules sweep the pages up to ~14 times: 1,677 reads for 120 pages when this was written).
  assert.ok(assembly.textReads >= n, `read back: ${assembly.textReads}`);
  assert.ok(assembly.textReads <= 20 * n, `read back page by page: ${assembly.textReads}`);
});

/** The report fixture three times over: 9 pages with running heads, page numbers, headings and columns. */
async function longReport(): Promise<Uint8Array> {
  const src = await PDFDocument.load(await makeReport());
  const doc = await PDFDocument.create();
  for (let k = 0; k < 3; k++) for (const p of await doc.copyPages(src, src.getPageIndices())) doc.addPage(p);
  return doc.save();
}

test('convertDocumentTo gives convertDocument\'s document on a real multi-page PDF, from bytes and from its file', async (t) => {
  const bytes = await longReport();
  const whole = await convertDocument(bytes, { pool, path: 'report.pdf' });
  const sink = collector();
  const streamed = await convertDocumentTo(bytes, { pool, path: 'report.pdf' }, {}, sink);
  // The same input given by its file: the threads read it by ranges themselves.
  const dir = mkdtempSync(join(tmpdir(), 'docmill-input-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'report.pdf'), bytes);
  const fromFile = collector();
  const byPath = await convertDocumentTo({ path: join(dir, 'report.pdf') }, { pool, path: 'report.pdf' }, {}, fromFile);
  const { pages, markdown, ...head } = whole;
  // Wall-clock seconds differ between two runs, nothing else may.
  streamed.head.usage.seconds = head.usage.seconds;
  assert.equal(pages.length, 9);
  assert.ok(pages.some((p) => p.removed.length > 0) && head.articles?.length, 'marginals and articles');
  assert.deepEqual(written({ markdown: sink.chunks.join(''), pages: sink.pages, head: streamed.head }), written({ markdown, pages, head }));
  byPath.head.usage.seconds = head.usage.seconds;
  assert.deepEqual(written({ markdown: fromFile.chunks.join(''), pages: fromFile.pages, head: byPath.head }), written({ markdown, pages, head }));
});

test('an input file that is gone by the time the threads read it is a coded error', async () => {
  await assert.rejects(convertDocumentTo({ path: join(tmpdir(), 'docmill-no-such-input.pdf') }, { pool }, {}, collector()), (e: { code?: string }) => e.code === 'DOCMILL_ERR_INPUT_NOT_FOUND');
});
