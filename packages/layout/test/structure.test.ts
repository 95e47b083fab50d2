import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, TextSpan } from '@docmill/core';
import { assembleBlocks, layoutPage } from '../src/index.js';
import { page, paragraph, prose, span, textWidth, words } from './helpers.js';

const kinds = (blocks: Block[]) => blocks.map((b) => b.type);

/** A single-column article: title, sections, a subsection, body paragraphs. */
function article(): TextSpan[] {
  const s: TextSpan[] = [];
  s.push(...words('A Study of Mills', 72, 80, { size: 20, bold: true }));
  let y = 120;
  s.push(...words('Introduction', 72, y, { size: 14, bold: true }));
  let p = paragraph(prose(1), 72, y + 22, 468); s.push(...p.spans);
  p = paragraph(prose(2), 72, p.y + 6, 468); s.push(...p.spans);
  y = p.y + 16;
  s.push(...words('Methods', 72, y, { size: 14, bold: true }));
  p = paragraph(prose(3), 72, y + 22, 468); s.push(...p.spans);
  y = p.y + 12;
  s.push(...words('Sampling the river', 72, y, { size: 12, bold: true }));
  p = paragraph(prose(4), 72, y + 20, 468); s.push(...p.spans);
  return s;
}

test('single column: title, sections and a subsection get levels 1, 2, 3; body paragraphs stay paragraphs', () => {
  const blocks = layoutPage(page(article()));
  assert.deepEqual(kinds(blocks), ['heading', 'heading', 'paragraph', 'paragraph', 'heading', 'paragraph', 'heading', 'paragraph']);
  assert.ok(blocks.filter((b) => b.type === 'heading').every((b) => b.level === undefined), 'layoutPage leaves levels to assembly');
  const [out] = assembleBlocks([{ index: 0, width: 612, height: 792, blocks }]);
  const heads = out!.blocks.filter((b) => b.type === 'heading').map((b) => [b.level, b.text]);
  assert.deepEqual(heads, [[1, 'A Study of Mills'], [2, 'Introduction'], [2, 'Methods'], [3, 'Sampling the river']]);
  const paras = out!.blocks.filter((b) => b.type === 'paragraph');
  assert.equal(paras.length, 4);
  assert.equal(paras[0]!.text, prose(1), 'lines of a paragraph are joined with single spaces');
});

test('a page of uniformly large text is body text, not a page of headings', () => {
  const s: TextSpan[] = [];
  let y = 80;
  for (let i = 0; i < 4; i++) {
    const p = paragraph(prose(i, 25).replace(/\.$/, ''), 72, y, 468, { size: 18 });
    s.push(...p.spans);
    y = p.y + 20;
  }
  const blocks = layoutPage(page(s));
  assert.equal(blocks.length, 4);
  assert.ok(blocks.every((b) => b.type === 'paragraph'), kinds(blocks).join(','));
  const [out] = assembleBlocks([{ index: 0, width: 612, height: 792, blocks }]);
  assert.equal(out!.blocks.filter((b) => b.type === 'heading').length, 0);
});

/** Two columns of prose under a full-width title; the right column's lines sit at the same baselines. */
function twoColumns(withTitle: boolean): { spans: TextSpan[]; left: string[]; right: string[] } {
  const s: TextSpan[] = [];
  if (withTitle) s.push(...words('Two Columns of Careful Prose', 150, 70, { size: 20, bold: true }));
  const left = [prose(11, 70), prose(12, 50)];
  const right = [prose(13, 60), prose(14, 60)];
  let y = 110;
  for (const t of left) { const p = paragraph(t, 72, y, 220); s.push(...p.spans); y = p.y + 8; }
  y = 110;
  for (const t of right) { const p = paragraph(t, 320, y, 220); s.push(...p.spans); y = p.y + 8; }
  return { spans: s, left, right };
}

test('two columns under a full-width title read title, left column, right column', () => {
  const { spans, left, right } = twoColumns(true);
  const blocks = layoutPage(page(spans));
  assert.deepEqual(blocks.map((b) => b.text), ['Two Columns of Careful Prose', ...left, ...right]);
  assert.deepEqual(blocks.map((b) => b.column), [undefined, 0, 0, 1, 1]);
  assert.equal(blocks[0]!.type, 'heading');
});

test('a two-column page of prose does not become a table', () => {
  const { spans, left, right } = twoColumns(false);
  const blocks = layoutPage(page(spans));
  assert.ok(!blocks.some((b) => b.type === 'table'));
  assert.deepEqual(blocks.map((b) => b.type), ['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  assert.deepEqual(blocks.map((b) => b.text), [...left, ...right]);
});

test('a paragraph split at the column foot continues at the next column top: one block', () => {
  const s: TextSpan[] = [];
  const p1 = paragraph('The first column ends in the middle of a sentence that goes on and', 72, 100, 220);
  s.push(...p1.spans);
  const filler = paragraph(prose(5, 40), 72, p1.y + 8, 220); s.push(...filler.spans);
  const tail = paragraph('the bottom of the left column is reached by a sentence that is not', 72, filler.y + 8, 220); s.push(...tail.spans);
  const p2 = paragraph('finished until the right column starts again. Then a new one.', 320, 100, 220);
  s.push(...p2.spans);
  const more = paragraph(prose(6, 40), 320, p2.y + 8, 220); s.push(...more.spans);
  const blocks = layoutPage(page(s));
  const texts = blocks.map((b) => b.text);
  assert.equal(texts.length, 4, JSON.stringify(texts));
  assert.equal(texts[2], 'the bottom of the left column is reached by a sentence that is not finished until the right column starts again. Then a new one.');
  assert.equal(blocks[2]!.open, undefined);
  assert.equal(texts[0], 'The first column ends in the middle of a sentence that goes on and', 'a paragraph followed in its column by another one is not joined');
});

test('a running head across the columns, or a journal line at a column foot, is not the start of the paragraph after it', () => {
  const s: TextSpan[] = [];
  // A running head set across both columns, unfinished, with a paragraph's white space under it.
  s.push(...words('Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules', 72, 40, { size: 10 }));
  const left = paragraph('require operators to conduct a sensor system test and to perform the checks. ' + prose(1, 80), 72, 70, 220); s.push(...left.spans);
  // The journal line at the foot of the left column; the right column starts in lower case.
  s.push(...words('SCIENTIFIC REPORTS | DOI: 10.1038/srep08555', 72, left.y + 20, { size: 10 }));
  const right = paragraph('corresponding parameters are small, as the next section shows. ' + prose(2, 40), 320, 70, 220); s.push(...right.spans);
  const texts = layoutPage(page(s)).map((b) => b.text);
  assert.ok(texts.includes('Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules'), JSON.stringify(texts));
  assert.ok(texts.includes('SCIENTIFIC REPORTS | DOI: 10.1038/srep08555'), JSON.stringify(texts));
  assert.ok(texts.some((t) => t.startsWith('require operators')) && texts.some((t) => t.startsWith('corresponding parameters')));
  // A page number and running title in capitals, set in the body type at the left column's foot (AI Magazine).
  const folio: TextSpan[] = [...left.spans, ...right.spans, ...words('98 AI MAGAZINE', 72, left.y + 20, { size: 10 })];
  const folioTexts = layoutPage(page(folio)).map((b) => b.text);
  assert.ok(folioTexts.includes('98 AI MAGAZINE'), JSON.stringify(folioTexts));
});

test('a running head ending in its page number above text that goes on from the page before is not joined to it', () => {
  const s: TextSpan[] = [];
  // The head sits over the right column; a table's caption spans the page under it; the left column starts in lower case.
  s.push(...words('Generalized Mill Equations 365', 400, 40, { size: 10 }));
  s.push(...words('TABLE 1. Heights of 144 children in a sample of 54 households of the mill valley', 72, 70, { size: 7 }));
  const left = paragraph('practices (10), investigators often take a conservative approach to the mills. ' + prose(3, 60), 72, 100, 220); s.push(...left.spans);
  const right = paragraph('Another paragraph starts the right column of this page. ' + prose(4, 60), 320, 100, 220); s.push(...right.spans);
  const texts = layoutPage(page(s)).map((b) => b.text);
  assert.ok(texts.includes('Generalized Mill Equations 365'), JSON.stringify(texts));
  assert.ok(texts.some((t) => t.startsWith('practices (10)')), JSON.stringify(texts));
});
test('line-end hyphenation is repaired, real hyphens and dashes are kept', () => {
  const s: TextSpan[] = [];
  const lines = [
    'The system collects infor-',
    'mation about the well-',
    'known rivers of Anglo-',
    'Saxon England in self-',
    'contained volumes — and',
    'a COVID-',
    '19 era survey of Perfor-',
    'mance and GPU-',
    'accelerated mills.',
  ];
  lines.forEach((l, i) => s.push(...words(l, 72, 100 + 12 * i)));
  const blocks = layoutPage(page(s));
  assert.equal(blocks.length, 1);
  assert.equal(blocks[0]!.text, 'The system collects information about the well-known rivers of Anglo-Saxon England in self-contained volumes — and a COVID-19 era survey of Performance and GPU-accelerated mills.');
});

test('fragments of one word are glued; a space goes where the gap is a word gap', () => {
  const s: TextSpan[] = [
    span('infor', 72, 100), span('mation', 72 + textWidth('infor') + 0.3, 100), // kerning-size gap: same word
    span('flows', 72 + textWidth('infor') + 0.3 + textWidth('mation') + 4, 100), // 0.4 em: a space
  ];
  const blocks = layoutPage(page(s));
  assert.equal(blocks[0]!.text, 'information flows');
});

test('bold, italic and link runs become inlines, adjacent runs of one style merged; text stays plain', () => {
  const s: TextSpan[] = [
    ...words('Plain start then', 72, 100),
    ...words('two bold', 72 + textWidth('Plain start then '), 100, { bold: true }),
    ...words('words and a', 72 + textWidth('Plain start then two bold '), 100),
    ...words('link', 72 + textWidth('Plain start then two bold words and a '), 100, { link: 'https://example.org' }),
    ...words('here.', 72 + textWidth('Plain start then two bold words and a link '), 100),
  ];
  const [b] = layoutPage(page(s));
  assert.equal(b!.text, 'Plain start then two bold words and a link here.');
  assert.deepEqual(b!.inlines, [
    { text: 'Plain start then ' }, { text: 'two bold', bold: true }, { text: ' words and a ' },
    { text: 'link', link: 'https://example.org' }, { text: ' here.' },
  ]);
});

test('bullet and numbered lists with nesting become list items with marker, ordered and depth', () => {
  const s: TextSpan[] = [];
  s.push(...words('Things to check before the flood:', 72, 100));
  const item = (marker: string, text: string, x: number, y: number) => {
    s.push(span(marker, x, y));
    s.push(...words(text, x + 15, y));
  };
  item('•', 'the sluice gates', 80, 116);
  item('•', 'the wheel and its long axle which', 80, 128);
  s.push(...words('needs grease every spring', 95, 140)); // continuation line at the hanging indent
  item('◦', 'left bearing', 100, 152);
  item('◦', 'right bearing', 100, 164);
  item('•', 'the millstones', 80, 176);
  s.push(...words('Then do these steps in order:', 72, 200));
  item('1.', 'open the race', 80, 216);
  item('2.', 'lift the gate', 80, 228);
  item('a)', 'slowly', 100, 240);
  item('b)', 'carefully', 100, 252);
  item('3.', 'watch the wheel', 80, 264);
  const blocks = layoutPage(page(s));
  const items = blocks.filter((b) => b.type === 'list-item');
  assert.deepEqual(items.map((b) => [b.marker, b.ordered, b.depth, b.text]), [
    ['•', false, 0, 'the sluice gates'],
    ['•', false, 0, 'the wheel and its long axle which needs grease every spring'],
    ['◦', false, 1, 'left bearing'],
    ['◦', false, 1, 'right bearing'],
    ['•', false, 0, 'the millstones'],
    ['1.', true, 0, 'open the race'],
    ['2.', true, 0, 'lift the gate'],
    ['a)', true, 1, 'slowly'],
    ['b)', true, 1, 'carefully'],
    ['3.', true, 0, 'watch the wheel'],
  ]);
  assert.deepEqual(kinds(blocks).filter((k) => k !== 'list-item'), ['paragraph', 'paragraph']);
});

test('a bold numbered line is a heading, not a list item', () => {
  const s: TextSpan[] = [...words('2. Related Work', 72, 100, { size: 12, bold: true })];
  const p = paragraph(prose(7), 72, 120, 468); s.push(...p.spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(kinds(blocks), ['heading', 'paragraph']);
  assert.equal(blocks[0]!.text, '2. Related Work');
  assert.deepEqual(blocks[0]!.inlines, [{ text: '2. Related Work', bold: true }]);
});

test('an aligned 4×3 table with a header row becomes a table block with rows', () => {
  const s: TextSpan[] = [];
  const p = paragraph('The table below lists the mills we visited.', 72, 90, 468); s.push(...p.spans);
  const rows = [['Mill', 'River', 'Output'], ['Abbey', 'Test', '120'], ['Bridge End', 'Avon', '85'], ['Crane Lane', 'Severn', '1,204']];
  rows.forEach((r, i) => {
    const y = 120 + 14 * i;
    s.push(...words(r[0]!, 72, y, { bold: i === 0 }));
    s.push(...words(r[1]!, 200, y, { bold: i === 0 }));
    // Numbers right-aligned at x = 380.
    s.push(...words(r[2]!, 380 - textWidth(r[2]!), y, { bold: i === 0 }));
  });
  const after = paragraph(prose(8, 30), 72, 190, 468); s.push(...after.spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(kinds(blocks), ['paragraph', 'table', 'paragraph']);
  const t = blocks[1]!;
  assert.deepEqual(t.rows, rows);
  assert.equal(t.text, rows.map((r) => r.join('\t')).join('\n'));
});

test('ragged rows are not a table: the text stays as paragraphs', () => {
  const s: TextSpan[] = [];
  s.push(...words('Alpha', 72, 100), ...words('beta gamma', 200, 100));
  s.push(...words('delta epsilon zeta eta theta iota kappa', 72, 114));
  s.push(...words('lambda', 72, 128), ...words('mu nu', 300, 128));
  const blocks = layoutPage(page(s));
  assert.ok(!blocks.some((b) => b.type === 'table'));
  assert.ok(blocks.map((b) => b.text).join(' ').includes('delta epsilon zeta'));
});

test('a ruled grid becomes a table from its rules, cells filled from the spans inside', () => {
  const xs = [72, 200, 330, 460];
  const ys = [100, 120, 140, 160];
  const rules: Array<[number, number, number, number]> = [];
  for (const y of ys) rules.push([xs[0]!, y - 0.25, xs[3]!, y + 0.25]);
  for (const x of xs) rules.push([x - 0.25, ys[0]!, x + 0.25, ys[3]!]);
  const cells = [['Name', 'Built', 'Wheel'], ['Abbey Mill', '1720', 'overshot'], ['Crane Mill', '1810', 'breastshot']];
  const s: TextSpan[] = [];
  cells.forEach((r, i) => r.forEach((c, j) => s.push(...words(c, xs[j]! + 4, ys[i]! + 14))));
  s.push(...paragraph('A closing sentence under the table.', 72, 190, 468).spans);
  const blocks = layoutPage(page(s, { rules }));
  assert.deepEqual(kinds(blocks), ['table', 'paragraph']);
  assert.deepEqual(blocks[0]!.rows, cells);
});

/** Rules of a grid: `h[i]` = [x from, x to] of the rule at ys[i] (whole width when absent), `v[j]` likewise at xs[j]. */
function gridRules(xs: number[], ys: number[], cut: { h?: Record<number, Array<[number, number]>>; v?: Record<number, Array<[number, number]>> } = {}): Array<[number, number, number, number]> {
  const rules: Array<[number, number, number, number]> = [];
  ys.forEach((y, i) => { for (const [a, b] of cut.h?.[i] ?? [[xs[0]!, xs[xs.length - 1]!]]) rules.push([a, y - 0.25, b, y + 0.25]); });
  xs.forEach((x, j) => { for (const [a, b] of cut.v?.[j] ?? [[ys[0]!, ys[ys.length - 1]!]]) rules.push([x - 0.25, a, x + 0.25, b]); });
  return rules;
}

test('a ruled grid with merged cells: a heading over two columns and a label over two rows become spans', () => {
  const xs = [72, 200, 300, 400];
  const ys = [100, 120, 140, 160, 180];
  // No rule between columns 1 and 2 in the first row; no rule under "Region" (column 0, between rows 0 and 1).
  const rules = gridRules(xs, ys, { v: { 2: [[120, 180]] }, h: { 1: [[200, 400]] } });
  const s: TextSpan[] = [];
  s.push(...words('Region', 76, 134), ...words('Year ended June 30', 212, 114));
  s.push(...words('2023', 204, 134), ...words('2024', 304, 134));
  s.push(...words('North', 76, 154), ...words('12', 204, 154), ...words('14', 304, 154));
  s.push(...words('South', 76, 174), ...words('9', 204, 174), ...words('11', 304, 174));
  const blocks = layoutPage(page(s, { rules }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['Region', 'Year ended June 30', ''], ['', '2023', '2024'], ['North', '12', '14'], ['South', '9', '11']]);
  assert.deepEqual(blocks[0]!.merged, [{ row: 0, col: 0, rowSpan: 2, colSpan: 1 }, { row: 0, col: 1, rowSpan: 1, colSpan: 2 }]);
});

test('a ruled grid whose body rows lack rules between their cells keeps its cells (no merge over text on both sides)', () => {
  const xs = [72, 200, 330, 460];
  const ys = [100, 120, 160];
  // Vertical rules only in the header row; the body row has its own text in every column.
  const rules = gridRules(xs, ys, { v: { 1: [[100, 120]], 2: [[100, 120]] } });
  const cells = [['Name', 'Built', 'Wheel'], ['Abbey Mill', '1720', 'overshot']];
  const s: TextSpan[] = [];
  cells.forEach((r, i) => r.forEach((c, j) => s.push(...words(c, xs[j]! + 4, ys[i]! + 14))));
  const blocks = layoutPage(page(s, { rules }));
  assert.deepEqual(blocks[0]!.rows, cells);
  assert.equal(blocks[0]!.merged, undefined);
});

test('captions and figures: figure areas become figure blocks in reading order, "Figure 2:" lines captions', () => {
  const s: TextSpan[] = [];
  const p = paragraph(prose(9, 30), 72, 90, 468); s.push(...p.spans);
  const fig: [number, number, number, number] = [150, p.y + 10, 450, p.y + 210];
  s.push(...words('Figure 2: The mill race in winter.', 150, p.y + 228, { size: 9 }));
  const after = paragraph(prose(10, 30), 72, p.y + 260, 468); s.push(...after.spans);
  const blocks = layoutPage(page(s, { figures: [fig] }));
  assert.deepEqual(kinds(blocks), ['paragraph', 'figure', 'caption', 'paragraph']);
  assert.deepEqual(blocks[1]!.bbox, fig);
  assert.equal(blocks[1]!.text, '');
});

test('OCR line spans (whole lines, font size = line height, confidence) give the same structure', () => {
  // Same article as the text-layer test, but each line is one span, sizes are line heights.
  const wordsSpans = article();
  const byLine = new Map<number, TextSpan[]>();
  for (const w of wordsSpans) {
    const k = Math.round(w.bbox[3]);
    byLine.set(k, [...(byLine.get(k) ?? []), w]);
  }
  const lines: TextSpan[] = [...byLine.values()].map((ws, i) => {
    const lh = ws[0]!.fontSize * 1.3;
    const y1 = ws[0]!.bbox[3] + 0.1 * lh;
    return {
      text: ws.map((w) => w.text).join(' '),
      bbox: [ws[0]!.bbox[0], y1 - lh, ws[ws.length - 1]!.bbox[2], y1],
      fontSize: lh,
      confidence: 0.9 + (i % 3) * 0.03,
    };
  });
  const ocr = layoutPage(page(lines, { source: 'ocr' }));
  const text = layoutPage(page(wordsSpans));
  assert.deepEqual(kinds(ocr), kinds(text));
  assert.deepEqual(ocr.map((b) => b.text), text.map((b) => b.text));
  assert.ok(ocr.every((b) => typeof b.confidence === 'number' && b.confidence > 0.85 && b.confidence < 1));
  const [out] = assembleBlocks([{ index: 0, width: 612, height: 792, blocks: ocr }]);
  assert.deepEqual(out!.blocks.filter((b) => b.type === 'heading').map((b) => b.level), [1, 2, 2, 3]);
});

test('right-to-left pages read the right column first', () => {
  const s: TextSpan[] = [];
  const heb = ['שלום', 'עולם', 'טחנה', 'נהר', 'מים', 'גלגל', 'אבן', 'קמח', 'עץ', 'בית'];
  const line = (i: number) => Array.from({ length: 7 }, (_, k) => heb[(i * 3 + k) % heb.length]!).join(' ');
  // Each line is one span (as pdf.js gives RTL runs), right-aligned in its column.
  const col = (right: number, first: number) => Array.from({ length: 8 }, (_, i): TextSpan => {
    const t = line(first + i) + (i === 7 ? '.' : '');
    return { ...span(t, right - textWidth(t), 100 + 12 * i), dir: 'rtl' };
  });
  s.push(...col(292, 0), ...col(540, 10));
  const blocks = layoutPage(page(s));
  assert.equal(blocks.length, 2);
  assert.ok(blocks[0]!.bbox[0] > 300, 'first block is the right column');
  assert.deepEqual(blocks.map((b) => b.column), [0, 1]);
  assert.ok(blocks[0]!.text.startsWith(line(10)));
});

test('a right-to-left heading reads from its section number at the right, in Persian and in Latin letters', () => {
  // XeLaTeX with bidi: the number is drawn right of the title with a wide gap, as a piece of its own.
  const s: TextSpan[] = [];
  const rtlAt = (t: string, right: number, y: number, size: number, bold = false): TextSpan =>
    ({ ...span(t, right - textWidth(t, size), y, { size, bold }), dir: 'rtl' });
  s.push({ ...span('2', 530, 100, { size: 14, bold: true }) }, rtlAt('بیان مسأله', 500, 100, 14, true));
  s.push({ ...span('2.1', 522, 130, { size: 12, bold: true }) }, span('Normalization', 420, 130, { size: 12, bold: true }));
  const body = 'این یک متن فارسی برای آزمایش است و باید از راست به چپ خوانده شود';
  for (let i = 0; i < 6; i++) s.push(rtlAt(body, 540, 160 + 14 * i, 10));
  const blocks = layoutPage(page(s));
  const texts = blocks.map((b) => b.text);
  assert.ok(texts.includes('2 بیان مسأله'), JSON.stringify(texts));
  assert.ok(texts.includes('2.1 Normalization'), JSON.stringify(texts));
});

test('a full-width figure between two-column bands: columns above, the figure, then the columns below', () => {
  const s: TextSpan[] = [];
  const block = (seed: number, x: number, y: number) => { const p = paragraph(prose(seed, 45), x, y, 220); s.push(...p.spans); return p.y; };
  const topEnd = Math.max(block(20, 72, 100), block(21, 320, 100));
  const fig: [number, number, number, number] = [72, topEnd + 10, 540, topEnd + 200];
  s.push(...words('Figure 1: The whole mill, drawn across both columns.', 150, topEnd + 218, { size: 9 }));
  block(22, 72, topEnd + 250); block(23, 320, topEnd + 250);
  const blocks = layoutPage(page(s, { figures: [fig] }));
  assert.deepEqual(blocks.map((b) => [b.type, b.text.slice(0, 12)]), [
    ['paragraph', prose(20, 45).slice(0, 12)], ['paragraph', prose(21, 45).slice(0, 12)],
    ['figure', ''], ['caption', 'Figure 1: Th'],
    ['paragraph', prose(22, 45).slice(0, 12)], ['paragraph', prose(23, 45).slice(0, 12)],
  ]);
  assert.deepEqual(blocks.map((b) => b.column), [0, 1, undefined, undefined, 0, 1]);
});

test('a caption set in the gutter between two columns, with the columns beside it, reads after them and does not cut them', () => {
  // A magazine page: both columns narrow round a picture and its caption, then go on full width.
  const s: TextSpan[] = [];
  const column = (seeds: [number, number, number], x: number, narrowX: number) => {
    let y = 100;
    for (const [k, seed] of seeds.entries()) {
      const p = k === 1 ? paragraph(prose(seed, 30), narrowX, y, 150) : paragraph(prose(seed, 40), x, y, 200);
      s.push(...p.spans);
      y = p.y + 6;
    }
  };
  column([50, 51, 52], 72, 72);
  column([53, 54, 55], 340, 390);
  const caption = ['THE TERRA-COTTA ROOFS', 'OF THE OLD TOWN,', 'DAMAGED IN THE WAR,', 'ARE MENDED NOW.'];
  caption.forEach((t, i) => s.push(...words(t, 306 - textWidth(t, 8) / 2, 212 + i * 10, { size: 8 })));
  const blocks = layoutPage(page(s));
  const md = blocks.map((b) => b.text).join('\n');
  const at = (seed: number, n: number) => {
    const i = md.indexOf(prose(seed, n).slice(0, 30));
    assert.ok(i >= 0, `paragraph ${seed} is whole`);
    return i;
  };
  const order = [at(50, 40), at(51, 30), at(52, 40), at(53, 40), at(54, 30), at(55, 40), md.indexOf('THE TERRA-COTTA')];
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'left column, right column, then the caption');
  const captionBlocks = blocks.filter((b) => /TERRA-COTTA|MENDED/.test(b.text));
  assert.ok(captionBlocks.every((b) => !/[a-z]/.test(b.text)), 'no column text in the caption block');
});

test('a bulleted bold line standing alone is a heading; a list of such lines stays a list', () => {
  const s: TextSpan[] = [];
  let y = 80;
  const para = (seed: number) => { const p = paragraph(prose(seed, 40), 72, y, 468); s.push(...p.spans); y = p.y + 14; };
  para(1);
  s.push(...words('- Several affiliations', 72, y, { bold: true })); y += 20;
  para(2);
  for (const t of ['• Water wheels', '• Grinding stones', '• Millponds']) { s.push(...words(t, 72, y, { bold: true })); y += 14; }
  y += 6;
  para(3);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Several affiliations']);
  assert.equal(blocks.filter((b) => b.type === 'list-item').length, 3);
});

test('two bold lines in different typefaces are a heading and its subheading; in one typeface they are one heading', () => {
  const s: TextSpan[] = [];
  const font = (spans: TextSpan[], fontName: string) => spans.map((x) => ({ ...x, fontName }));
  s.push(...font(words('Materials and methods', 72, 100, { size: 12, bold: true }), 'Helvetica-Bold'));
  s.push(...font(words('Genetic materials, growth and conditions', 72, 116, { size: 12, bold: true }), 'ABCDEF+MinionPro-Bold'));
  const p = paragraph(prose(5, 80), 72, 140, 468);
  s.push(...font(p.spans, 'MinionPro-Regular'));
  s.push(...font(words('Results of the first', 72, p.y + 20, { size: 12, bold: true }), 'MinionPro-Bold'));
  s.push(...font(words('and second season', 72, p.y + 36, { size: 12, bold: true }), 'MinionPro-Bold'));
  const q = paragraph(prose(6, 80), 72, p.y + 60, 468);
  s.push(...font(q.spans, 'MinionPro-Regular'));
  const heads = layoutPage(page(s)).filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['Materials and methods', 'Genetic materials, growth and conditions', 'Results of the first and second season']);
});

test('a section name alone on its line at body size is a heading when set in capitals or another typeface; in the body face it is not', () => {
  const s: TextSpan[] = [];
  const font = (spans: TextSpan[], fontName: string) => spans.map((x) => ({ ...x, fontName }));
  let y = 80;
  const para = (seed: number) => { const p = paragraph(prose(seed, 70), 72, y, 468); s.push(...font(p.spans, 'AdvPS405B6')); y = p.y + 2; };
  para(1);
  s.push(...font(words('Method', 72, y + 10), 'AdvPS405B8')); y += 22;
  para(2);
  s.push(...font(words('Results', 72, y + 10), 'AdvPS405B6')); y += 22;
  para(3);
  s.push(...font(words('REFERENCES', 72, y + 16), 'AdvPS405B6')); y += 34;
  para(4);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Method', 'REFERENCES']);
  assert.ok(blocks.some((b) => b.type === 'paragraph' && b.text.startsWith('Results ')), 'joined to its text');
});

test('a large line of labels and values is not a heading; a large title with one colon is', () => {
  const s: TextSpan[] = [];
  s.push(...words('Metadata extraction from header: TEI results', 72, 80, { size: 16 }));
  s.push(...paragraph(prose(7, 60), 72, 110, 468).spans);
  s.push(...words('위치: 6층 운영시간: 24시간', 72, 200, { size: 16 }));
  s.push(...paragraph(prose(8, 60), 72, 230, 468).spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Metadata extraction from header: TEI results']);
});

test('a label in bold with its amount or number ("Total: $385", "TOTAL DE ARTÍCULOS 446") is no heading; a title ending in its year is', () => {
  const s: TextSpan[] = [];
  s.push(...words('Arrests by Sex and Age: 2009', 72, 80, { bold: true }));
  s.push(...paragraph(prose(3, 60), 72, 100, 468).spans);
  s.push(...words('Total: $385', 72, 190, { bold: true }));
  s.push(...paragraph(prose(5, 60), 72, 210, 468).spans);
  s.push(...words('Kwota należności ogółem: 17 115,45 PLN', 72, 300, { bold: true }));
  s.push(...paragraph(prose(6, 60), 72, 320, 468).spans);
  s.push(...words('TOTAL DE ARTÍCULOS 446', 72, 410, { bold: true }));
  s.push(...paragraph(prose(9, 60), 72, 430, 468).spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Arrests by Sex and Age: 2009']);
});

test('a menu item in bold with its price ("Pesca del día 20 $") is no heading; the menu\'s section is', () => {
  const s: TextSpan[] = [];
  s.push(...words('PLATOS FUERTES', 72, 80, { size: 14, bold: true }));
  ['Pesca del día 20 $', 'Serrana 9,50 €', 'Medallones de lomito €12'].forEach((t, k) => {
    s.push(...words(t, 72, 110 + 50 * k, { bold: true }));
    s.push(...words('Con vegetales de temporada y salsa de la casa', 72, 124 + 50 * k));
  });
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['PLATOS FUERTES']);
});

test('a title in large type ending in an abbreviated legal form ("… Maschinendeck e.V.") is a heading; a sentence is not', () => {
  const s: TextSpan[] = [];
  s.push(...words('Beitragsordnung des Maschinendeck e.V.', 90, 80, { size: 20 }));
  s.push(...paragraph(prose(3, 50), 72, 120, 450).spans);
  s.push(...words('Die Beiträge werden jährlich fällig.', 90, 220, { size: 20 }));
  s.push(...paragraph(prose(4, 50), 72, 260, 450).spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Beitragsordnung des Maschinendeck e.V.']);
});

test('a lettered section title in larger type ("a. Le CLIENT et son compte :") is a heading; a lettered item in body type is not', () => {
  const s: TextSpan[] = [];
  s.push(...words('9. Obligations du CLIENT', 72, 80, { size: 13 }));
  s.push(...words('a. Le CLIENT et son compte :', 90, 102, { size: 13 }));
  s.push(...paragraph(prose(3, 50), 72, 124, 450, { size: 11 }).spans);
  s.push(...words('b. Sécurité', 90, 220, { size: 13 }));
  s.push(...paragraph(prose(4, 50), 72, 242, 450, { size: 11 }).spans);
  s.push(...words('c. Le prestataire assure la maintenance du service', 90, 330, { size: 11 }));
  s.push(...paragraph(prose(5, 50), 72, 352, 450, { size: 11 }).spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['9. Obligations du CLIENT', 'a. Le CLIENT et son compte :', 'b. Sécurité']);
});

test('a numbered title in bold closed by a stop ("2. Opłaty.") is a heading; in roman it stays an item', () => {
  const s: TextSpan[] = [];
  s.push(...words('1. Zakres postępowania polubownego.', 72, 80, { bold: true }));
  s.push(...paragraph(prose(3, 40), 90, 96, 450).spans);
  s.push(...words('2. Opłaty.', 72, 170, { bold: true }));
  s.push(...paragraph(prose(4, 40), 90, 186, 450).spans);
  s.push(...words('3. Postanowienia ogólne.', 72, 260));
  s.push(...paragraph(prose(5, 40), 90, 276, 450).spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['1. Zakres postępowania polubownego.', '2. Opłaty.']);
});

test('a line 1.157 times the body size is a heading when the body is 13.9 pt, not rounded up to 14', () => {
  const s: TextSpan[] = [];
  s.push(...words('Types of Recommendation Systems', 72, 80, { size: 16.08 }));
  s.push(...paragraph(prose(3, 80), 72, 110, 468, { size: 13.9 }).spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Types of Recommendation Systems']);
});

test('a display-size title may run to four lines; a body-size block of four lines is a paragraph', () => {
  const s: TextSpan[] = [];
  ['Comparative physiological and metabolomics', 'analysis of wheat following', 'post-anthesis heat stress'].forEach((t, k) => s.push(...words(t, 72, 80 + 24 * k, { size: 20 })));
  const p = paragraph(prose(4, 120), 72, 180, 468);
  s.push(...p.spans);
  const blocks = layoutPage(page(s));
  assert.equal(blocks[0]!.type, 'heading');
  assert.equal(blocks[0]!.text, 'Comparative physiological and metabolomics analysis of wheat following post-anthesis heat stress');
});

test('a bold body-size line standing alone is a heading; a bold run-in at the start of a paragraph is not', () => {
  const s: TextSpan[] = [...paragraph(prose(30, 50), 72, 100, 468).spans];
  s.push(...words('Materials and tools', 72, 180, { bold: true }));
  s.push(...paragraph(prose(31, 50), 72, 194, 468).spans);
  s.push(...words('Note.', 72, 270, { bold: true }), ...words('the stones were dressed every month by a travelling mason who', 72 + textWidth('Note. '), 270));
  s.push(...words('came up the valley in spring.', 72, 282));
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => b.type), ['paragraph', 'heading', 'paragraph', 'paragraph']);
  assert.equal(blocks[1]!.text, 'Materials and tools');
  assert.equal(blocks[1]!.bold, true);
  assert.deepEqual(blocks[3]!.inlines?.[0], { text: 'Note.', bold: true });
});

test('in loosely set text (a CV), a bold title of two words or more with an em of white space above is a heading', () => {
  const s: TextSpan[] = [];
  let y = 100;
  // Lines 27.4 pt apart: 16.4 pt of white space between any two, heading or not.
  const para = (seed: number): void => { const p = paragraph(prose(seed, 30), 72, y, 468, { size: 11, leading: 27.4 }); s.push(...p.spans); y = p.y; };
  para(1);
  s.push(...words('Educational Background', 72, y, { size: 11, bold: true })); y += 27.4;
  para(2);
  s.push(...words('Skills', 72, y, { size: 11, bold: true })); y += 27.4;
  para(3);
  const blocks = layoutPage(page(s));
  assert.ok(blocks.some((b) => b.type === 'heading' && b.text === 'Educational Background'), JSON.stringify(blocks.map((b) => [b.type, b.text.slice(0, 30)])));
  assert.ok(!blocks.some((b) => b.type === 'heading' && b.text === 'Skills'), 'one word: not by the white space alone');
});

test('a bold run-in head before a sentence is split off its paragraph; labels, definitions and short items are not', () => {
  const s: TextSpan[] = [];
  let y = 100;
  const lead = (head: string, rest: string, boldRest = false) => {
    s.push(...words(head, 72, y, { bold: true }), ...words(rest.slice(0, 60), 72 + textWidth(`${head} `), y, { bold: boldRest }));
    s.push(...words(rest.slice(60).trim(), 72, y + 12)); y += 40;
  };
  lead('Methodology', 'A split-tooth model with four artificially created defects on canal wall was used to compare three techniques.');
  lead('Class Recognizers.', 'The first step in domain adaptation is to identify terms or phrases in the tuples that denote classes.');
  lead('Abstract.', 'Documenting design decisions in a project fosters understanding while developing and maintaining software.');
  lead('Millstone', 'is a stone used for grinding grain in a mill, usually one of a pair, turning on the other one below.');
  lead('Results', 'Both warm techniques were better.');
  s.push(...words('Contact', 72, y, { bold: true }), ...words('Lenze Benelux', 72 + textWidth('Contact '), y), ...words('Tel.', 200, y, { bold: true }),
    ...words('+31 73-6456500 and more numbers to call', 230, y), ...words('Telefax', 72, y + 12, { bold: true }), ...words('+31 73-6456510 sales.nl@lenze.com', 120, y + 12));
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Methodology', 'Class Recognizers']);
  const after = blocks[blocks.findIndex((b) => b.text === 'Methodology') + 1]!;
  assert.equal(after.type, 'paragraph');
  assert.ok(after.text.startsWith('A split-tooth model'), after.text);
});

test('a centred two-line title above two columns is one heading', () => {
  const s: TextSpan[] = [];
  const l1 = 'Trace Trees for Water Mills and Their', l2 = 'Careful Keepers';
  s.push(...words(l1, 306 - textWidth(l1, 18) / 2, 70, { size: 18, bold: true }));
  s.push(...words(l2, 306 - textWidth(l2, 18) / 2, 91, { size: 18, bold: true }));
  s.push(...paragraph(prose(40, 70), 72, 130, 220).spans, ...paragraph(prose(41, 70), 320, 130, 220).spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => b.type), ['heading', 'paragraph', 'paragraph']);
  assert.equal(blocks[0]!.text, `${l1} ${l2}`);
});

test('on a centred title page, an abstract set narrower than the title but justified is one paragraph; short centred lines stay apart', () => {
  const s: TextSpan[] = [];
  const centred = (text: string, y: number, size: number, bold = false): void => { s.push(...words(text, 306 - textWidth(text, size) / 2, y, { size, bold })); };
  centred('Aspect Oriented Adaptation of Mill Services', 80, 16, true);
  centred('Ada Miller1 and Bob Keeper2', 104, 10);
  centred('1 University of the Mill, Old Town', 116, 9);
  centred('{ada, bob}@mill.example', 127, 9);
  centred('2 Institute of Water Wheels, New Town', 138, 9);
  centred('keepers@wheels.example', 149, 9);
  centred('3 Water Board, Mill Lane', 160, 9);
  centred('board@water.example', 171, 9);
  centred('Received 1 May 2006', 182, 9);
  // Justified lines from 161 to 451 (one span each, as a text layer gives a justified line's words), the last one short.
  const lines = ['Abstract. Web services are emerging technologies for integrating het-', 'erogeneous applications. In application integration, the internal',
    'services are interconnected with other external resources to form a', 'virtual enterprise. This puts new requirements on the standard-', 'ization in terms of external specification.'];
  lines.forEach((text, k) => {
    const x1 = k < lines.length - 1 ? 451 : 161 + textWidth(text, 9);
    s.push({ text, bbox: [161, 203 + 11 * k - 7, x1, 203 + 11 * k + 2], fontSize: 9 });
  });
  // An indented paragraph after it: its first line starts 12 pt in, flush right with the next.
  s.push({ text: 'In this paper, we characterize the problem of aligning the internal', bbox: [173, 251, 451, 260], fontSize: 9 });
  s.push({ text: 'implementation to a standardized external specification. We propose', bbox: [161, 262, 451, 271], fontSize: 9 });
  s.push({ text: 'an aspect of the mill.', bbox: [161, 273, 260, 282], fontSize: 9 });
  const blocks = layoutPage(page(s));
  const texts = blocks.map((b) => b.text);
  // Two short centred lines of one width (both edges flush) stay apart too.
  assert.ok(texts.includes('1 University of the Mill, Old Town') && texts.includes('board@water.example') && texts.includes('Received 1 May 2006'), JSON.stringify(texts));
  assert.ok(texts.some((t) => t.startsWith('Abstract. Web services') && t.includes('heterogeneous') && t.endsWith('standardization in terms of external specification.')), JSON.stringify(texts));
  assert.ok(texts.some((t) => t.startsWith('In this paper') && t.endsWith('an aspect of the mill.') && !t.includes('Abstract')), JSON.stringify(texts));
});

test('a numbered list interrupted by an indented paragraph goes on; a lone "7." opening a sentence is not a list', () => {
  const s: TextSpan[] = [];
  s.push(span('1)', 72, 100), ...words('the first item of the list', 90, 100));
  s.push(...words('An indented remark inside the first item that runs long.', 90, 124));
  s.push(span('2)', 72, 148), ...words('the second item of the list', 90, 148));
  s.push(...words('7. Juli was the day the mill opened again, as every year.', 72, 178));
  s.push(...paragraph(prose(50, 90), 72, 210, 468).spans); // sets the normal line pitch
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => [b.type, b.marker ?? null]), [['list-item', '1)'], ['paragraph', null], ['list-item', '2)'], ['paragraph', null], ['paragraph', null]]);
});

test('ragged-left (right-aligned) text still joins into paragraphs', () => {
  const s: TextSpan[] = [];
  const para = (lines: string[], y: number) => lines.forEach((l, i) => s.push(...words(l, 540 - textWidth(l), y + 12 * i)));
  para(['In the old days the bog was dark and wet all year round', 'and the pools lay black in the hollows', 'while the rivulets ran away like long green lizards.'], 100);
  para(['Now the moon came down to see for herself how', 'matters stood in the dark of the month.'], 150);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => b.text), [
    'In the old days the bog was dark and wet all year round and the pools lay black in the hollows while the rivulets ran away like long green lizards.',
    'Now the moon came down to see for herself how matters stood in the dark of the month.',
  ]);
});

test('IEEE-style section headings at body size (roman numeral in capitals, lettered italic title) are headings on text-layer pages only', () => {
  const s: TextSpan[] = [];
  s.push(...words('I. INTRODUCTION', 250, 80, { size: 8 }));
  let y = 100;
  const p1 = paragraph(prose(1, 50), 72, y, 468); s.push(...p1.spans); y = p1.y + 12;
  s.push(...words('A.', 72, y, { size: 10 }), ...words('Google DeepDream', 86, y, { size: 10, italic: true }));
  y += 16;
  const p2 = paragraph(prose(2, 50), 72, y, 468); s.push(...p2.spans); y = p2.y + 12;
  s.push(...words('A. The committee approved it', 72, y, { size: 10 }));
  y += 14;
  s.push(...words('B. The board agreed with it', 72, y, { size: 10 }));
  y += 24;
  s.push(...words('II. METHODS', 250, y, { size: 8 }));
  y += 14;
  s.push(...words('X. Xiao, “Privbayes: private data release via Bayesian net-', 72, y, { size: 10 }));
  const text = layoutPage(page(s));
  const heads = text.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['I. INTRODUCTION', 'A. Google DeepDream', 'II. METHODS']);
  const [out] = assembleBlocks([{ index: 0, width: 612, height: 792, blocks: text }]);
  const levels = out!.blocks.filter((b) => b.type === 'heading').map((b) => b.level);
  assert.equal(levels[1], levels[0]! + 1, 'lettered sections sit under roman ones');
  assert.equal(levels[2], levels[0]);
  assert.ok(text.some((b) => b.type === 'list-item' && b.text.includes('committee')), 'a lettered list stays a list');
  const ocr = layoutPage(page(s, { source: 'ocr' }));
  assert.ok(!ocr.some((b) => b.type === 'heading' && b.text === 'I. INTRODUCTION'), 'OCR pages unchanged');
});

test('a numbered section heading in capitals at body size ("2. EXPERIMENTAL") is a heading; a numbered sentence stays a list item', () => {
  const s: TextSpan[] = [];
  s.push(...words('1. INTRODUCTION', 72, 80));
  const p1 = paragraph(prose(1, 50), 72, 96, 468); s.push(...p1.spans);
  s.push(...words('2. EXPERIMENTAL SETUP', 72, p1.y + 12));
  const p2 = paragraph(prose(2, 50), 72, p1.y + 28, 468); s.push(...p2.spans);
  s.push(...words('1. The committee approved it', 72, p2.y + 12), ...words('2. The board agreed with it', 72, p2.y + 26), ...words('3. USA', 72, p2.y + 40));
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['1. INTRODUCTION', '2. EXPERIMENTAL SETUP']);
  assert.equal(blocks.filter((b) => b.type === 'list-item').length, 3);
});

test('a subsection number without its stop over capitals in another face ("2.1 NODE.JS", ABNT) heads its text; in the body face it does not', () => {
  const face = (fontName: string) => (spans: TextSpan[]) => spans.map((x) => ({ ...x, fontName }));
  const heads = face('NimbusRomNo9L-Regu'), body = face('TeXGyreTermes-Regular');
  const s: TextSpan[] = [];
  s.push(...heads(words('2.1 NODE.JS', 72, 80)));
  const p1 = paragraph(prose(1, 50), 72, 100, 468); s.push(...body(p1.spans));
  s.push(...heads(words('2.2 REACT', 72, p1.y + 16)));
  const p2 = paragraph(prose(2, 50), 72, p1.y + 36, 468); s.push(...body(p2.spans));
  // A table of contents' entry that wraps before its page number, in the body's face.
  s.push(...body(words('4.1 VOLTALIA ACTEUR ENGAGE DANS LE', 72, p2.y + 16)));
  const p3 = paragraph(prose(3, 50), 72, p2.y + 36, 468); s.push(...body(p3.spans));
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['2.1 NODE.JS', '2.2 REACT']);
});

test('a numbered title ending in a number, set large ("3 Kalenderwoche 24"), is a heading; a contents entry at body size is not', () => {
  const s: TextSpan[] = [];
  s.push(...words('2 Kalenderwoche 23 4', 72, 60, { bold: true }));
  s.push(...words('3 Kalenderwoche 24 5', 72, 76, { bold: true }));
  const p0 = paragraph(prose(0, 40), 72, 100, 468); s.push(...p0.spans);
  s.push(...words('3 Kalenderwoche 24', 72, p0.y + 20, { size: 14, bold: true }));
  const p1 = paragraph(prose(1, 50), 72, p0.y + 44, 468); s.push(...p1.spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['3 Kalenderwoche 24']);
});

test('a numbered section title over smaller text that starts in lower case ("2.0 Setup" over "pi search…") stays a heading', () => {
  const s: TextSpan[] = [];
  s.push(...words('2.0 Setup', 72, 80, { size: 14 }));
  const p1 = paragraph(`pi search is ${prose(1, 50)}`, 72, 100, 468, { size: 11 }); s.push(...p1.spans);
  const blocks = layoutPage(page(s));
  assert.equal(blocks[0]!.type, 'heading');
  assert.equal(blocks[0]!.text, '2.0 Setup');
  assert.ok(blocks[1]!.text.startsWith('pi search is'));
});

test('a run-in subsection heading (a letter, an italic title, then the text on the same line) is split off its paragraph', () => {
  const s: TextSpan[] = [];
  s.push(...words('A Study of Mills', 72, 60, { size: 18, bold: true }));
  // "A. *High Performance* The number of …" and "B. *Scale* Large programs …" at body size.
  const lead = (letter: string, title: string, text: string, y: number) => {
    s.push(span(`${letter}.`, 72, y));
    let x = 72 + textWidth(`${letter}. `);
    for (const w of title.split(' ')) { s.push(span(w, x, y, { italic: true })); x += textWidth(`${w} `); }
    s.push(...paragraph(text, x, y, 468 - (x - 72)).spans.filter((p) => p.bbox[1] < y));
    s.push(...paragraph(prose(y, 40), 72, y + 12, 468).spans);
  };
  lead('A', 'High Performance', 'The number of scientific libraries is large', 100);
  lead('B', 'Scale', 'Large programs need bindings', 200);
  // A lowercase continuation after the italic words is running text, not a heading.
  s.push(span('C.', 72, 300));
  s.push(span('Nature', 72 + textWidth('C. '), 300, { italic: true }));
  s.push(...words('reported that mills are old and loud machines', 72 + textWidth('C. Nature '), 300));
  const blocks = layoutPage(page(s));
  const heads = blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['A Study of Mills', 'A. High Performance', 'B. Scale'], JSON.stringify(blocks.map((b) => [b.type, b.text.slice(0, 40)])));
  const after = blocks[blocks.findIndex((b) => b.text === 'A. High Performance') + 1]!;
  assert.equal(after.type, 'paragraph');
  assert.ok(after.text.startsWith('The number of scientific libraries is large'), after.text);
  assert.ok(blocks.some((b) => b.text.startsWith('Nature reported') || b.text.startsWith('C. Nature reported') || (b.marker === 'C.' && b.text.startsWith('Nature'))));
});

test('"Abstract" alone on its line a little above the body size is a heading; at body size in plain type it is not', () => {
  // The abstract's page is set in 9 pt, the paper in 10 pt: "Abstract" in 9.5 pt stands out only on its page.
  const make = (size: number) => {
    const s: TextSpan[] = [...words('Abstract', 72, 80, { size })];
    s.push(...paragraph(prose(1, 60), 72, 100, 468, { size: 9 }).spans);
    const body: TextSpan[] = [];
    let y = 100;
    for (let k = 0; k < 4; k++) { const p = paragraph(prose(k + 2, 80), 72, y, 468); body.push(...p.spans); y = p.y + 8; }
    const [p] = assembleBlocks([{ index: 0, width: 612, height: 792, blocks: layoutPage(page(s)) }, { index: 1, width: 612, height: 792, blocks: layoutPage({ ...page(body), index: 1 }) }]);
    return p!.blocks[0]!;
  };
  assert.equal(make(9.5).type, 'heading');
  assert.equal(make(9).type, 'paragraph');
});

test('a Chinese sentence broken over two lines is joined without a space; Korean keeps its word space', () => {
  const zh = layoutPage(page([span('偿还债务的能力很强，受不利经济', 72, 100), span('环境的影响不大，违约风险很低。', 72, 112)]));
  assert.equal(zh.length, 1);
  assert.equal(zh[0]!.text, '偿还债务的能力很强，受不利经济环境的影响不大，违约风险很低。');
  const ko = layoutPage(page([span('이 문서는 표를 설명하는', 72, 100), span('예시 문장입니다.', 72, 112)]));
  assert.equal(ko.length, 1);
  assert.equal(ko[0]!.text, '이 문서는 표를 설명하는 예시 문장입니다.');
});

test('a running foot alone at the very foot of the left column is not continued by the right column\'s top line', () => {
  const s: TextSpan[] = [];
  const left = paragraph(prose(3, 80), 42, 40, 230); s.push(...left.spans);
  s.push(...words('Instructions for Form 8606 (2012)', 42, 760));
  const right = paragraph(`reflecting that the contributions are no longer treated as made. ${prose(4, 60)}`, 320, 40, 230); s.push(...right.spans);
  const texts = layoutPage(page(s)).map((b) => b.text);
  assert.ok(texts.includes('Instructions for Form 8606 (2012)'), JSON.stringify(texts));
  assert.ok(texts.some((t) => t.startsWith('reflecting that')), JSON.stringify(texts));
});

test('a lettered item or a web address at the top of the next column is not the rest of an open paragraph', () => {
  const make = (right: string): string[] => {
    const s: TextSpan[] = [];
    const p1 = paragraph('The first column ends in the middle of a sentence that goes on and', 72, 100, 220);
    s.push(...p1.spans);
    const filler = paragraph(prose(5, 40), 72, p1.y + 8, 220); s.push(...filler.spans);
    const tail = paragraph('the bottom of the left column is reached by a sentence that is not', 72, filler.y + 8, 220); s.push(...tail.spans);
    const p2 = paragraph(right, 320, 100, 220);
    s.push(...p2.spans);
    const more = paragraph(prose(6, 40), 320, p2.y + 8, 220); s.push(...more.spans);
    return layoutPage(page(s)).map((b) => b.text);
  };
  assert.ok(make('b. the second group').includes('b. the second group'));
  assert.ok(make('(c) the third case').includes('(c) the third case'));
  // A web address alone (a browser's print header) starts lower-case but goes on no paragraph.
  assert.ok(make('https://en.wikipedia.org/wiki/Mill').includes('https://en.wikipedia.org/wiki/Mill'));
  assert.ok(make('finished until the right column starts again.').some((t) => t.endsWith('sentence that is not finished until the right column starts again.')), 'a plain lower-case start still goes on');
});

test("an invoice's foot far under its last unfinished line and a small logo is not that line's rest; under a tall figure it is", () => {
  const make = (figure: [number, number, number, number], footY: number): string[] => {
    const s: TextSpan[] = [];
    const body = paragraph(prose(4, 60), 30, 380, 500); s.push(...body.spans);
    s.push(...words('Payment terms: 30 Days', 30, 462), ...words('Incoterm: DAP - DELIVERED AT PLACE', 30, 487));
    s.push(...words('contact@akretion.com https://www.akretion.com VAT: FR86792377731', 128, footY));
    return layoutPage(page(s, { figures: [figure] })).map((b) => b.text);
  };
  // A logo 16 points high under the last line, the foot 250 points lower.
  assert.ok(make([30, 511, 46, 527], 755).includes('Incoterm: DAP - DELIVERED AT PLACE'), JSON.stringify(make([30, 511, 46, 527], 755)));
  // A figure filling the space between them: the line goes on under it.
  assert.ok(make([30, 505, 400, 740], 755).some((t) => t.startsWith('Incoterm: DAP - DELIVERED AT PLACE contact@')));
});

test('a title in bold capitals right under the company name is a heading; a bold notice with commas is not', () => {
  const s: TextSpan[] = [...words('Apple Inc.', 284, 50, { bold: true })];
  s.push(...words('CONDENSED CONSOLIDATED BALANCE SHEETS (Unaudited)', 172, 62, { bold: true }));
  s.push(...words('(In millions, except number of shares which are reflected in thousands)', 137, 74));
  let y = 100;
  for (let k = 0; k < 3; k++) { const p = paragraph(prose(k, 60), 72, y, 468); s.push(...p.spans); y = p.y + 8; }
  // The notice set at the text's own pitch, under its last line.
  s.push(...words('NOMINATIVE, INDIVIDUAL AND CAN NOT BE TRANSFERRED', 100, y - 8, { bold: true }));
  const p = paragraph(prose(7, 60), 72, y + 4, 468);
  s.push(...p.spans);
  const heads = layoutPage(page(s)).filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['CONDENSED CONSOLIDATED BALANCE SHEETS (Unaudited)']);
});

test('a peso sign set as "P" struck through with "=" (the "=" opening the amount\'s span) reads "₱"', () => {
  const s: TextSpan[] = [...words('Cash', 72, 100), span('P', 100, 100), span('=17,299,358', 100.1, 100)];
  s.push(...words('Dividends', 72, 114), span('(P', 122, 114), span('=2,663,920)', 127.1, 114));
  const text = layoutPage(page(s)).map((b) => b.text).join('\n');
  assert.match(text, /Cash ₱17,299,358/);
  assert.match(text, /Dividends \(₱2,663,920\)/);
});

test('an invoice\'s charges, dates and descriptions on one side of a gutter and amounts on the other, are one table across it', () => {
  const s: TextSpan[] = [...words('Gavin Aiken', 36, 150), ...words('United States', 36, 161), ...words('Guest Name', 36, 180)];
  ['Print Date:', 'Room No.:', 'Arrival:', 'Departure:', 'Page No.:'].forEach((l, k) => s.push(...words(l, 352, 153 + 11 * k), ...words(['15-08-25', 'E0706', '15-08-25', '16-08-25', '1 of 1'][k]!, 437, 153 + 11 * k)));
  s.push(...words('DATE', 36, 240, { bold: true }), ...words('DESCRIPTION', 103, 240, { bold: true }), ...words('AMOUNT', 520, 240, { bold: true }));
  const rows = [['15-08-25', 'Deposit transfer at check-in', '4.64'], ['15-08-25', 'Credit Card Surcharge', '4.64'], ['15-08-25', 'Room Charge', '463.50'], ['16-08-25', 'Breakfast Food BRE', '76.00'], ['16-08-25', 'Visa Card', '76.76']];
  rows.forEach((r, k) => s.push(...words(r[0]!, 36, 262 + 11 * k), ...words(r[1]!, 103, 262 + 11 * k), ...words(r[2]!, 560 - textWidth(r[2]!), 262 + 11 * k)));
  ['Bank Name: National Australia Bank', 'Account Name: GAG Flynn (Cairns) Business Company Pty Ltd', 'SWIFT Code: NATAAU3303M'].forEach((l, k) => s.push(...words(l, 36, 360 + 11 * k)));
  ['Net Amount', 'GST - Receivable', 'Total incl. GST'].forEach((l, k) => s.push(...words(l, 400, 364 + 12 * k), ...words(['495.36', '49.54', '544.90'][k]!, 500, 364 + 12 * k)));
  const blocks = layoutPage(page(s));
  const table = blocks.find((b) => b.type === 'table' && b.rows?.some((r) => r.includes('Room Charge')));
  assert.ok(table, blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.deepEqual(table.rows?.slice(-rows.length), rows);
  assert.equal(blocks.find((b) => b.text.startsWith('Gavin Aiken'))?.text, 'Gavin Aiken United States Guest Name', 'the guest block reads apart from the labels beside it');
});

test('a document type\'s title in bold twice the body size, in lower case ("raadsvoorstel"), heads the page; the small line under it stays apart', () => {
  const s: TextSpan[] = [...words('raadsvoorstel', 183, 145, { size: 20, bold: true }), ...words('bevoegdheid raad', 184, 167, { size: 9 })];
  let y = 210;
  for (let k = 0; k < 3; k++) { const p = paragraph(prose(k, 50), 72, y, 460, { size: 9 }); s.push(...p.spans); y = p.y + 8; }
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.slice(0, 2).map((b) => [b.type, b.text]), [['heading', 'raadsvoorstel'], ['paragraph', 'bevoegdheid raad']]);
});

test('a section in bold capitals stacked over its first subsection in bold mixed case ("MATERIALS AND METHODS" over "Cell Culture") is a heading of its own', () => {
  const s: TextSpan[] = [];
  let y = 100;
  const p0 = paragraph(prose(0, 60), 72, y, 300); s.push(...p0.spans); y = p0.y + 14;
  s.push(...words('MATERIALS AND METHODS', 150, y, { bold: true }), ...words('Cell Culture', 172.5, y + 11, { bold: true }));
  const p1 = paragraph(prose(1, 60), 72, y + 24, 300); s.push(...p1.spans);
  const blocks = layoutPage(page(s));
  assert.ok(blocks.some((b) => b.type === 'heading' && b.text === 'MATERIALS AND METHODS'), blocks.map((b) => `${b.type}: ${b.text.slice(0, 40)}`).join('\n'));
  assert.ok(!blocks.some((b) => b.text.includes('METHODS Cell')));
});

test('a section in bold capitals centred over its subsection centred in bold mixed case stays two headings after assembly', () => {
  const s: TextSpan[] = [];
  let y = 100;
  const p0 = paragraph(prose(0, 60), 72, y, 300); s.push(...p0.spans); y = p0.y + 14;
  const centre = (t: string) => 222 - textWidth(t, 10) / 2;
  s.push(...words('MATERIALS AND METHODS', centre('MATERIALS AND METHODS'), y, { bold: true }), ...words('Site Locations', centre('Site Locations'), y + 16, { bold: true }));
  const p1 = paragraph(prose(1, 60), 72, y + 34, 300); s.push(...p1.spans);
  const [out] = assembleBlocks([{ index: 0, width: 612, height: 792, textLayer: true, blocks: layoutPage(page(s)) }]);
  const heads = out!.blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['MATERIALS AND METHODS', 'Site Locations']);
});

test('a short bold heading over a bold subheading a point smaller are two headings, not one unit', () => {
  const s: TextSpan[] = [];
  let y = 100;
  const p0 = paragraph(prose(0, 60), 36, y, 540, { size: 9, leading: 12 }); s.push(...p0.spans); y = p0.y + 16;
  s.push(...words('Tuition Limit Information', 36, y, { bold: true, size: 10 }), ...words('What is the tuition limit?', 36, y + 15, { bold: true, size: 9 }));
  const p1 = paragraph(prose(1, 60), 36, y + 27, 540, { size: 9, leading: 12 }); s.push(...p1.spans);
  const blocks = layoutPage(page(s));
  const heads = blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['Tuition Limit Information', 'What is the tuition limit?'], blocks.map((b) => `${b.type}: ${b.text.slice(0, 40)}`).join('\n'));
});

test('a Korean article\'s number and title alone on its line at body size ("제21조 경기시간 제한") is a heading; a list under it starts apart', () => {
  const s: TextSpan[] = [];
  let y = 100;
  for (const [head, text] of [['제21조 주야간경기 및 경기개시 시간', prose(0, 40)], ['제22조 경기시간 제한', prose(1, 40)]] as const) {
    s.push(...words(head, 72, y));
    const p = paragraph(text, 72, y + 20, 450); s.push(...p.spans); y = p.y + 16;
  }
  s.push(...words('제23조 심판위원의 사고발생으로 인한 임시조치', 72, y), ...words('1. 출장 예정 심판위원의 일부 또는 전원이 사고로 인하여', 72, y + 12));
  s.push(...paragraph(prose(2, 40), 72, y + 40, 450).spans);
  const [out] = assembleBlocks([{ index: 0, width: 612, height: 792, textLayer: true, blocks: layoutPage(page(s)) }]);
  const heads = out!.blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['제21조 주야간경기 및 경기개시 시간', '제22조 경기시간 제한', '제23조 심판위원의 사고발생으로 인한 임시조치']);
});

test('a Chinese section number after a finished sentence, a bracketed Korean label and an SEC item open headings of their own', () => {
  const s: TextSpan[] = [];
  s.push(...words('本次发行不引用主体评级，未进行债项评级安排。', 72, 100), ...words('二、授信情况', 72, 114));
  s.push(...words('截至2023年3月末，发行人各类授信额度总额达372.53亿元，其中已使用授信额度为', 72, 128), ...words('人民币亿元，尚未使用的授信额度为亿元。', 72, 142));
  s.push(...words('【판결요지】', 72, 180), ...words('채무자가 변제를 하지 아니한 경우에는 손해를 배상하여야 한다.', 72, 200));
  s.push(...words('Item 2.02 Results of Operations and Financial Condition.', 72, 240));
  s.push(...paragraph(prose(3, 40), 72, 262, 450).spans);
  const [out] = assembleBlocks([{ index: 0, width: 612, height: 792, textLayer: true, blocks: layoutPage(page(s)) }]);
  const heads = out!.blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['二、授信情况', '【판결요지】', 'Item 2.02 Results of Operations and Financial Condition.']);
  assert.ok(out!.blocks.some((b) => b.text === '本次发行不引用主体评级，未进行债项评级安排。'), 'the sentence before the section ends its paragraph');
});

test('a conventional section\'s name centred over a numbered list\'s full first line ("REFERENCES" over "1. O. Reynolds, …") is a heading, the list apart', () => {
  const s: TextSpan[] = [];
  const p0 = paragraph(prose(0, 60), 72, 100, 300); s.push(...p0.spans);
  const first = '1. O. Reynolds, Philos. Trans. R. Soc. London 174, 935';
  // The name centred over the first item, whose line runs the column's full width.
  s.push(...words('REFERENCES', 72 + textWidth(first) / 2 - textWidth('REFERENCES', 11) / 2, p0.y + 16, { size: 11 }));
  s.push(...words(first, 72, p0.y + 30), ...words('(1883).', 84, p0.y + 41), ...words('2. A. N. Kolmogorov, Dokl. Akad. Nauk SSSR 30, 301 (1941).', 72, p0.y + 52));
  const blocks = layoutPage(page(s));
  assert.ok(blocks.some((b) => b.type === 'heading' && b.text === 'REFERENCES'), blocks.map((b) => `${b.type}: ${b.text.slice(0, 40)}`).join('\n'));
  assert.ok(!blocks.some((b) => b.text.startsWith('REFERENCES 1.')));
});

test('on a page of ruled tables, the title over a table in a larger bold size is a heading: the tables set the body size', () => {
  const xs = [72, 300, 400, 500];
  const ys = Array.from({ length: 21 }, (_, i) => 100 + 14 * i);
  const s: TextSpan[] = [...words('Pesticides', 250, 80, { size: 10, bold: true })];
  for (let i = 0; i < 20; i++) {
    s.push(...words(`Substance number ${i + 1} chlorinated`, 76, ys[i]! + 11, { size: 8 }));
    for (let j = 1; j < 3; j++) s.push(...words(String(10 * i + j), xs[j]! + 4, ys[i]! + 11, { size: 8 }));
  }
  const blocks = layoutPage(page(s, { rules: gridRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['heading', 'table'], blocks.map((b) => `${b.type}: ${b.text.slice(0, 40)}`).join('\n'));
});

test('bold titles over small ruled tables are headings though they are most of the text outside the tables', () => {
  // A tax bundle: each form's title in 14 pt bold over its box of three rows in 8 pt; the tables' cells count in the
  // page's bold share, which the titles alone would make the page's type.
  const s: TextSpan[] = [...words('Préparation fiscale structurée', 46, 80, { size: 10 })];
  const rules: Array<[number, number, number, number]> = [];
  ['2033-A — Bilan simplifié', '2033-B — Compte de résultat', '2033-C — Immobilisations'].forEach((title, k) => {
    const top = 120 + 160 * k;
    s.push(...words(title, 46, top, { size: 14, bold: true }));
    const xs = [52, 232, 542];
    const ys = [top + 20, top + 44, top + 68, top + 92, top + 116];
    rules.push(...gridRules(xs, ys));
    s.push(...words('Rubrique', 58, ys[0]! + 15, { size: 8, bold: true }), ...words('Valeur', 238, ys[0]! + 15, { size: 8, bold: true }));
    [['Statut', 'Préparé automatiquement'], ['Contrôle', 'À valider par le cabinet'], ['Source', 'ComptaPilot ERP export']].forEach(([a, b], r) => {
      s.push(...words(a!, 58, ys[r + 1]! + 15, { size: 8 }), ...words(b!, 238, ys[r + 1]! + 15, { size: 8 }));
    });
  });
  const blocks = layoutPage(page(s, { rules }));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['2033-A — Bilan simplifié', '2033-B — Compte de résultat', '2033-C — Immobilisations'],
    blocks.map((b) => `${b.type}: ${b.text.slice(0, 40)}`).join('\n'));
});

/**
 * A budget justification (pdfTeX, 10.9 pt in 13.5 pt leading): sections of one to four lines under 12 pt bold titles,
 * two titles stacked over a numbered subsection; white space around the titles and between paragraphs.
 */
function budgetPage(): TextSpan[] {
  const s: TextSpan[] = [...words('Budget Justification', 235, 83, { size: 14.3, bold: true })];
  // Each line by its bottom, as pdf.js gives it; 10.9 pt unless said.
  const lines: Array<[string, number, boolean?, number?]> = [
    ['Personnel', 110, true, 12], ['Other Personnel', 131, true, 12], ['0.0.1 Postdoctoral Scholars', 151.4, true],
    ['Funds are requested to support a postdoc for twelve months a year for all three', 172],
    ['years of the proposal, who would lead the analysis of the sequence data. The', 185.6],
    ['postdoc would also train the undergraduates.', 199.1],
    ['0.0.2 Technician', 227.1, true],
    ['Funds are requested for the first two years of the grant for two months of', 247.7],
    ['support for a technician to extract DNA and to prepare the libraries of the', 261.2],
    ['project, and to coordinate the laboratory outreach with the local schools of', 274.8],
    ['the region.', 288.3],
    ['Fringe Benefits', 316.9, true, 12], ['Fringe benefits are applied to salaries using the rates the university approved', 337.2],
    ['for postdocs and technicians in each fiscal year of the grant period.', 350.7],
    ['Equipment', 379.3, true, 12], ['No equipment funds are requested for any of the three years of the proposal.', 399.7],
    ['Travel', 428.3, true, 12], ['Travel for two travelers to a domestic or an international conference is', 448.7],
    ['budgeted each year at three thousand dollars, for the PI or the senior', 462.2], ['personnel and for the postdoc, who presents the work.', 475.7],
    ['Publication Costs', 504.3, true, 12], ['Funds are requested for the open access charges of two papers in each year,', 524.7],
    ['at about two thousand dollars a paper.', 538.2],
  ];
  for (const [text, bottom, bold, size = 10.9] of lines) s.push(...words(text, 72, bottom - 0.2 * size, { size, bold: !!bold }));
  return s;
}

test('two bold titles stacked over a subsection are each their own heading where short sections lift the median pitch', () => {
  const blocks = layoutPage(page(budgetPage()));
  const texts = blocks.map((b) => b.text);
  assert.ok(texts.includes('Personnel') && texts.includes('Other Personnel'), blocks.map((b) => `${b.type}: ${b.text.slice(0, 40)}`).join('\n'));
});

test('a page of short sections keeps its section titles as headings: each is over its own text', () => {
  const heads = layoutPage(page(budgetPage())).filter((b) => b.type === 'heading').map((b) => b.text);
  for (const t of ['Fringe Benefits', 'Equipment', 'Travel', 'Publication Costs']) assert.ok(heads.includes(t), `${t}: ${heads.join(' | ')}`);
});

test('words drawn again over the run that holds them (a fake bold) are read once', () => {
  // wkhtmltopdf: the sentence's run, then its bold words drawn again where they stand in it.
  const run = 'Um eine konsistente Dateiverwaltung mit optimistischer Nebenläufigkeit';
  const at = 33.3 + run.indexOf('optimistischer') * 0.5 * 7.2;
  const s: TextSpan[] = [span(run, 33.3, 560, { size: 7.2 }), span('optimistischer Nebenläufigkeit', at, 560, { size: 7.2 }), span('zu gewährleisten.', 33.3 + (run.length + 1) * 3.6, 560, { size: 7.2 })];
  assert.deepEqual(layoutPage(page(s)).map((b) => b.text), [`${run} zu gewährleisten.`]);
});

test('a line drawn twice a little to the side (a fake bold) is bold: a title at the body size heads its section', () => {
  const s: TextSpan[] = [];
  const p0 = paragraph(prose(0, 60), 72, 100, 468); s.push(...p0.spans);
  s.push(span('Konfliktbehandlungsstrategie', 72.3, p0.y + 16), span('Konfliktbehandlungsstrategie', 72, p0.y + 16));
  s.push(...paragraph(prose(1, 60), 72, p0.y + 34, 468).spans);
  const blocks = layoutPage(page(s));
  assert.ok(blocks.some((b) => b.type === 'heading' && b.text === 'Konfliktbehandlungsstrategie'), blocks.map((b) => `${b.type}: ${b.text.slice(0, 40)}`).join('\n'));
});

test("a subtitle in small type right under a title's letters, inside the room its box keeps for descenders, is a line under it", () => {
  // Calibri Bold 48 pt "HONORARIA" (its box a full em tall), "van de vaak voorkomende terugbetaalde zorg" in Arial Bold 11 pt under it.
  const s: TextSpan[] = [{ text: 'HONORARIA', bbox: [23, 16.2, 275.1, 64.3], fontSize: 48, bold: true },
    { text: 'van de vaak voorkomende terugbetaalde zorg', bbox: [25.5, 56.8, 264.6, 69.1], fontSize: 11, bold: true }];
  s.push(...paragraph(prose(1, 60), 23, 110, 500).spans);
  const text = layoutPage(page(s)).map((b) => b.text).join('\n');
  assert.ok(/^HONORARIA\s+van de vaak/.test(text), text);
});

test("a Japanese report's exercise number alone on its line (\"課題１\") heads the exercise", () => {
  const s: TextSpan[] = [...words('レポート７', 72, 100, { size: 30, bold: true }), ...words('課題１', 72, 146, { size: 12 })];
  s.push(...words('以下のプログラムを実行した結果を示す。', 72, 170, { size: 12 }), ...words('課題１で定義した遷移規則を用いる。', 72, 200, { size: 12 }));
  const heads = layoutPage(page(s)).filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['レポート７', '課題１']);
});

test('a sentence ending in a Japanese full stop is running text, however large its type', () => {
  const s: TextSpan[] = [...words('加入者本人とその配偶者に対して、医療給付等の事業を行っています。', 72, 100, { size: 16 })];
  const p = paragraph(prose(0, 80), 72, 130, 468, { size: 10 }); s.push(...p.spans);
  const blocks = layoutPage(page(s));
  assert.equal(blocks[0]!.type, 'paragraph', blocks.map((b) => `${b.type}: ${b.text.slice(0, 40)}`).join('\n'));
});

test('a letterhead name in display type beside a block of smaller lines reads first, then the block', () => {
  // An HTML invoice: the company's name in 18 pt, vertically centred against the number and dates on the right.
  const s: TextSpan[] = [...words('Tshwane Central SDA', 90, 120, { size: 18, bold: true })];
  ['Invoice #: 123', 'Created: January 1, 2023', 'Due: February 1, 2023'].forEach((t, k) => s.push(...words(t, 370, 100 + 13.4 * k, { size: 12 })));
  s.push(...paragraph(prose(1, 60), 90, 180, 420, { size: 12 }).spans);
  const blocks = layoutPage(page(s));
  const text = blocks.map((b) => b.text).join('\n');
  assert.ok(text.indexOf('Tshwane Central SDA') < text.indexOf('Invoice #: 123'), text);
  assert.ok(blocks.some((b) => b.text === 'Invoice #: 123 Created: January 1, 2023 Due: February 1, 2023'), text);
});

test('an IEEE subsection title ("B. Ultrasonic Level Sensors") over its indented first line is not a list item that runs on', () => {
  const s: TextSpan[] = [...words('The last sentence of the section before ends the paragraph here.', 312, 100)];
  s.push(...words('B. Ultrasonic Level Sensors', 312, 120, { italic: true }));
  const lines = ['Ultrasonic sensors estimate distance via acoustic time-of-', 'flight: a short burst of a few cycles is emitted and the echo', 'delay is converted to distance, as the sections below show it.'];
  lines.forEach((t, k) => s.push(...words(t, k === 0 ? 321.9 : 312, 135.8 + 12 * k)));
  // A title with a comma after its first word is still a title, not an author line ("X. Xiao, …").
  s.push(...words('D. FSC, FSCL and Metric Functions', 312, 190, { italic: true }));
  ['Fano, successive cancellation (SC) and successive cancel-', 'lation list decoding of polar codes involve traversing a tree.'].forEach((t, k) => s.push(...words(t, k === 0 ? 321.9 : 312, 205.8 + 12 * k)));
  const blocks = layoutPage(page(s));
  assert.ok(blocks.some((b) => b.type === 'heading' && b.text === 'D. FSC, FSCL and Metric Functions'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  const para = blocks.find((b) => b.text.startsWith('Ultrasonic sensors'));
  assert.ok(para && para.text.includes('time-of-flight: a short burst') && para.text.endsWith('as the sections below show it.'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.ok(blocks.some((b) => b.text === 'B. Ultrasonic Level Sensors'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
});

test('a label drawn in a box of its own, in the body type, is a section heading and is not read into the text under it', () => {
  // An e-invoice's sections ("Acheteur", "Totaux"): each label in a tab of four rules at the head of the section.
  const s: TextSpan[] = [];
  const rules: Array<[number, number, number, number]> = [];
  const box = (label: string, y: number) => {
    const w = textWidth(label, 9);
    s.push(...words(label, 63, y, { size: 9 }));
    rules.push([57, y - 11, 63 + w + 6, y - 11], [57, y + 6, 63 + w + 6, y + 6], [57, y - 11, 57, y + 6], [63 + w + 6, y - 11, 63 + w + 6, y + 6]);
  };
  box('Acheteur', 100);
  s.push(...words('Nom de l\'acheteur: LES COACHS SOLIDAIRES', 63, 124, { size: 9 }));
  s.push(...words('Montant total HT', 63, 160, { size: 9 }), ...words('972,00', 500, 160, { size: 9 }));
  box('Taux de TVA', 175);
  s.push(...words('Code de TVA', 63, 190, { size: 9 }), ...words('TVA standard', 480, 190, { size: 9 }));
  // A field's name boxed beside its value is a form's cell, not a heading; so is a boxed name ending in a colon.
  box('Devise', 230);
  s.push(...words('EUR', 300, 230, { size: 9 }));
  box('Remarque:', 260);
  const blocks = layoutPage(page(s, { rules }));
  const headings = blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(headings, ['Acheteur', 'Taux de TVA'], JSON.stringify(blocks.map((b) => [b.type, b.text])));
  assert.ok(blocks.some((b) => b.text.includes('Montant total HT') && !b.text.includes('Taux de TVA')));
  // Assembly keeps them as headings, though set in the body's type and not in bold.
  const out = assembleBlocks([{ index: 0, width: 612, height: 792, blocks }]);
  assert.deepEqual(out[0]!.blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Acheteur', 'Taux de TVA']);
});

test("an invoice's place and dates set top right, ending above the blocks on the left, read first; level sides read left then right", () => {
  // A Polish faktura: the place and dates flush right at the top, the seller's and buyer's blocks starting under them on the left.
  const s: TextSpan[] = [];
  ['Miejsce wystawienia: Warszawa', 'Data wystawienia: 2024-10-29', 'Data sprzedaży: 2024-10-29'].forEach((t, k) => s.push(...words(t, 540 - textWidth(t, 12), 80 + 14 * k, { size: 12 })));
  ['Sprzedawca:', 'Firma XYZ', 'Adres firmy', 'NIP: 123445564'].forEach((t, k) => s.push(...words(t, 60, 140 + 14 * k, { size: 12 })));
  ['Nabywca:', 'Firma ABC', 'Ulica 5', 'NIP: 987654321'].forEach((t, k) => s.push(...words(t, 60, 220 + 14 * k, { size: 12 })));
  const text = layoutPage(page(s)).map((b) => b.text).join('\n');
  assert.ok(text.indexOf('Data sprzedaży') < text.indexOf('Sprzedawca'), text);
  // Started level with the left side's first line, the same block is a column read after it.
  const level: TextSpan[] = [];
  ['Miejsce wystawienia: Warszawa', 'Data wystawienia: 2024-10-29', 'Data sprzedaży: 2024-10-29'].forEach((t, k) => level.push(...words(t, 540 - textWidth(t, 12), 147 + 14 * k, { size: 12 })));
  ['Sprzedawca:', 'Firma XYZ', 'Adres firmy', 'NIP: 123445564'].forEach((t, k) => level.push(...words(t, 60, 140 + 14 * k, { size: 12 })));
  const after = layoutPage(page(level)).map((b) => b.text).join('\n');
  assert.ok(after.indexOf('NIP: 123445564') < after.indexOf('Miejsce wystawienia'), after);
});

test('a page set all in bold has no bold text: its paragraphs are not wrapped in emphasis; a bold line among regular ones keeps it', () => {
  const s: TextSpan[] = [];
  for (let k = 0; k < 4; k++) s.push(...paragraph(prose(k, 40), 72, 100 + 70 * k, 468, { bold: true }).spans);
  const blocks = layoutPage(page(s));
  assert.ok(blocks.length > 0 && blocks.every((b) => !b.bold && !(b.inlines ?? []).some((r) => r.bold)), JSON.stringify(blocks.map((b) => [b.bold, b.inlines])));
  const mixed: TextSpan[] = [...words('Terms of payment', 72, 80, { bold: true })];
  for (let k = 0; k < 4; k++) mixed.push(...paragraph(prose(k, 40), 72, 100 + 70 * k, 468).spans);
  assert.ok(layoutPage(page(mixed)).some((b) => b.text === 'Terms of payment' && b.bold));
});

test("a menu's sections, each a bold name over its table of prices, stay headings: tables count with the text", () => {
  // FOSDEM's bar menu: nine section names over as many tables, hardly a paragraph on the page.
  const s: TextSpan[] = [...words('FOSDEM Bar 2018', 90, 60, { size: 24 })];
  const sections = ['Classic beers', 'Brussels beers', 'Blond beers', 'Brown beers', 'Soft drinks', 'Coffee and tea', 'Pastries and snacks', 'Sandwiches'];
  sections.forEach((name, k) => {
    const y = 110 + 85 * k;
    s.push(...words(name, 340 - textWidth(name), y, { bold: true }));
    ['Jupiler (5.2)', 'Leffe blonde (6.6)', 'Hoegaarden (4.9)'].forEach((d, j) => s.push(...words(d, 90, y + 18 + 14 * j), ...words(`${2 + j}.50 e`, 300, y + 18 + 14 * j)));
  });
  const blocks = layoutPage(page(s));
  const headings = blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(headings, ['FOSDEM Bar 2018', ...sections], JSON.stringify(blocks.map((b) => [b.type, b.text])));
});

test("a report's title set close over its subtitle in smaller type, the boxes overlapping, is a line of its own", () => {
  // The subtitle starts left of the centred title and ends right of it; pdf.js's boxes of the two lines overlap.
  const s: TextSpan[] = [span('Tullgranskningsrapport', 208, 67.4, { size: 16, bold: true }), span('Tullsyn — automatiserad granskning mot EU:s tulltaxa (TARIC)', 150, 74.3, { size: 9 })];
  s.push(...paragraph(prose(2, 40), 72, 110, 468, { size: 9 }).spans);
  const blocks = layoutPage(page(s));
  assert.equal(blocks[0]!.text, 'Tullgranskningsrapport', JSON.stringify(blocks.map((b) => [b.type, b.text])));
  assert.equal(blocks[0]!.type, 'heading');
  assert.ok(blocks[1]!.text.startsWith('Tullsyn'));
  // A symbol with a superscript over a subscript ("S" with "rho" over "cov") stays on its line.
  // pdf.js's boxes of a LaTeX line ("… format of S^{rho}_{cov}"), the subscript set a little left of the superscript.
  const box = (text: string, bbox: [number, number, number, number], fontSize: number): TextSpan => ({ text, bbox, fontSize });
  const math: TextSpan[] = [box('The label for result tables are in format of ', [56.7, 496.9, 418.4, 507.5], 11.96), box('S', [422.3, 496.9, 429.5, 507.5], 11.96)];
  math.push(box('rhoperiod', [430.2, 494.0, 466.8, 501.1], 7.97), box('covperiod', [429.5, 503.0, 465.2, 510.1], 7.97));
  math.push(...paragraph(prose(3, 30), 56.7, 540, 468, { size: 12 }).spans);
  const first = layoutPage(page(math))[0]!;
  assert.ok(first.text.includes('rhoperiod') && first.text.includes('covperiod') && first.text.startsWith('The label'), first.text);
});

test('a line in bold that runs on in plain type after its bold words is not a title; one wholly bold is', () => {
  // A Chrome-printed Japanese report: a bold lead up to a comma, then "、 pc1" in plain type, the sentence going on below.
  const make = (tail: boolean): string[] => {
    let y = 100;
    const s: TextSpan[] = [];
    for (let k = 0; k < 2; k++) { const p = paragraph(prose(k, 60), 72, y, 468); s.push(...p.spans); y = p.y + 12; }
    const lead = 'Whereas the record version fixes the field of each thread';
    s.push(...words(lead, 72, y, { bold: true }));
    if (tail) s.push(...words('as pc1 and pc2', 72 + textWidth(`${lead} `), y));
    const p = paragraph(prose(5, 60), 72, y + 12, 468);
    s.push(...p.spans);
    return layoutPage(page(s)).filter((b) => b.type === 'heading').map((b) => b.text);
  };
  assert.deepEqual(make(true), []);
  assert.deepEqual(make(false), ['Whereas the record version fixes the field of each thread']);
});

test("a paragraph's half-inch first-line indent in 11-point type goes on into its lines further left", () => {
  // A Word document (Arial 11): first lines indented 36 points, the paragraph's other lines at the margin.
  const s: TextSpan[] = [];
  let y = 140;
  const paras: Array<[string, string]> = [['The work is done in the same pairs as in the first experiment and is', 'handed in on Tuesday the eighth of May.'],
    ['The submission holds a detailed report on the points explained below', 'together with the source code.']];
  for (const [first, rest] of paras) {
    s.push(...words(first, 108, y, { size: 11 }), ...words(rest, 72, y + 15, { size: 11 }));
    y += 30;
  }
  assert.deepEqual(layoutPage(page(s)).map((b) => b.text), [
    'The work is done in the same pairs as in the first experiment and is handed in on Tuesday the eighth of May.',
    'The submission holds a detailed report on the points explained below together with the source code.',
  ]);
});

test('a line over Chinese text further right is not wrapped into it: its first word is its first character', () => {
  // The blog's name (8 pt) at the left over an indented paragraph of Chinese (7.2 pt) just under it.
  const s: TextSpan[] = [...words("Darcy's Blog on signals", 26, 22, { size: 8 })];
  s.push(span('这是一个二维矩阵，每一列代表一个正交函数，每一行坐标代表一个离散坐标x。将离散函数写成向量的形式后就可以用矩阵的乘法求出变换后的函数。这时有人', 41, 38, { size: 7.2 }));
  s.push(span('会注意到，这个离散的矩阵两个维度都是无穷的。', 41, 52.4, { size: 7.2 }));
  const blocks = layoutPage(page(s, { width: 595, height: 842 }));
  assert.deepEqual(blocks.map((b) => b.text.slice(0, 8)), ["Darcy's ", '这是一个二维矩阵']);
});

test('a justified line whose word spaces are as wide as a gutter, beside a logo higher up, is not cut into columns', () => {
  // A Chilean lab handout (Arial 11): the paragraph's indented first line justified to the margin, its spaces 0.8 to
  // 1.8 em wide; a logo in the top right corner over it; the paragraph's last line short.
  const s: TextSpan[] = [];
  s.push(...words('UNIVERSIDAD DE SANTIAGO DE CHILE', 185, 30, { size: 11, bold: true }));
  s.push(...words('LABORATORIO 2: DISEÑAR UN FILTRO FIR', 177, 75, { size: 11 }));
  s.push(...words('Instrucciones', 72, 126, { size: 12, bold: true }));
  const line: Array<[string, number, number]> = [['Esta', 108.1, 130.1], ['experiencia', 149.7, 206], ['tiene', 215.8, 239.7], ['como', 249.5, 276.4],
    ['objetivos', 285.4, 328.8], ['investigar', 337.9, 385], ['y', 394, 399.5], ['aplicar', 408.6, 441], ['los', 450, 464.1], ['conceptos', 473.2, 523.3]];
  for (const [t, x0, x1] of line) s.push({ text: t, bbox: [x0, 132.7, x1, 145], fontSize: 11 });
  s.push(...words('relacionados a filtros en señales analógicas.', 72, 157, { size: 11 }));
  let y = 172;
  for (let k = 0; k < 3; k++) { const p = paragraph(prose(k, 70), 72, y, 452, { size: 11, leading: 15 }); s.push(...p.spans); y = p.y + 3; }
  const blocks = layoutPage(page(s, { width: 596, height: 843, figures: [[518, 9, 578, 89]] }));
  const text = blocks.map((b) => b.text).join('\n');
  assert.match(text, /investigar y aplicar los conceptos relacionados a filtros/u, text);
});

test("a Japanese invoice's date and number over its title top right, a seal under them, read before the columns", () => {
  // A 請求書: the date and number top right, the title centred under them, the client's block at the left starting
  // level with the issuer's seal, the issuer's name and address under the seal.
  const s: TextSpan[] = [];
  const line = (t: string, x: number, y: number, size = 10): void => { s.push({ text: t, bbox: [x, y - 0.8 * size, x + size * t.length, y + 0.2 * size], fontSize: size }); };
  line('2025年05月31日', 449, 35); line('請求番号: 20250704', 449, 57);
  line('請求書', 262, 100, 24);
  line('株式会社GRAN ARK 御中', 35, 140, 14); line('件名 : 営業支援システム開発', 35, 170); line('下記のとおりご請求申し上げます。', 35, 186);
  line('ご請求金額 ¥ 753,500 -', 35, 215, 12); line('お支払い期限 : 2025年06月30日', 35, 243);
  line('株式会社Gonmura', 320, 203); line('〒550-0002', 320, 229); line('大阪府大阪市西区江戸堀', 320, 245); line('TEL: 06-7777-3140', 320, 286);
  const blocks = layoutPage(page(s, { width: 595, height: 842, figures: [[320, 118, 380, 178]] }));
  const order = blocks.filter((b) => b.type !== 'figure').map((b) => b.text.slice(0, 5));
  assert.deepEqual(order.slice(0, 3), ['2025年', '請求書', '株式会社G'], JSON.stringify(order));
});

test('lines set flush right in the top corner of a page set flush left are one block, whatever their left edges', () => {
  // A report's letterhead: the course and the authors flush right over a longer line with their student numbers.
  const s: TextSpan[] = [];
  const right = (t: string, y: number): void => { s.push(...words(t, 525 - textWidth(t, 11), y, { size: 11 })); };
  right('VU Webmapping SoSe22', 46); right('Mario Lehmeyer & Franz Gatt', 60); right('Matrikelnummern: 12110435 & 11807388', 73);
  let y = 120;
  for (let k = 0; k < 3; k++) { const p = paragraph(prose(k, 70), 71, y, 454, { size: 11, leading: 13 }); s.push(...p.spans); y = p.y + 12; }
  const blocks = layoutPage(page(s, { width: 595, height: 842 }));
  assert.equal(blocks[0]!.text, 'VU Webmapping SoSe22 Mario Lehmeyer & Franz Gatt Matrikelnummern: 12110435 & 11807388', JSON.stringify(blocks.map((b) => b.text)));
  // Labels in bold flush right (an infographic's "OIL TO" over "PETROCHEMICALS") are not joined so.
  const labels = [...s.slice(0, 0)];
  for (const [t, y] of [['OIL TO', 46], ['PETROCHEMICALS', 60]] as const) labels.push(...words(t, 525 - textWidth(t, 11), y, { size: 11, bold: true }));
  const rest = s.filter((sp) => sp.bbox[1] > 100);
  const texts = layoutPage(page([...labels, ...rest], { width: 595, height: 842 })).map((b) => b.text);
  assert.ok(!texts.includes('OIL TO PETROCHEMICALS'), JSON.stringify(texts));
});

test('labels set 2.8 lines apart down a form are paragraphs of their own; double-spaced prose stays one paragraph', () => {
  const s: TextSpan[] = [];
  const labels = ['Achternaam (en tussenvoegsel)', 'Voornamen voluit', 'Adres', 'Postcode en woonplaats', 'Telefoonnummer privé', 'Telefoonnummer werk'];
  labels.forEach((t, k) => s.push(...words(t, 52, 100 + 28 * k)));
  assert.deepEqual(layoutPage(page(s)).map((b) => b.text), labels);
  const prosePage = layoutPage(page(paragraph(prose(4, 80), 52, 100, 450, { leading: 23 }).spans));
  assert.equal(prosePage.length, 1, 'the double-spaced paragraph is one');
});

test('a numbered paragraph set without a hanging indent: its wrapped lines flush with the marker stay in the item', () => {
  const s: TextSpan[] = [];
  const first = '(4) Bei unterjährlicher Aufnahme eines Mitglieds reduziert sich der Beitrag auf den mo-';
  const w = textWidth(first, 10);
  s.push(...words(first, 72, 100));
  s.push(...words('natlichen Beitrag der verbleibenden Monate des laufenden Kalenderjahres.', 72, 113));
  s.push(...words('(5) Für jede schriftliche Mahnung für nicht fristgerecht entrichtete Beiträge wird eine', 72, 126));
  s.push(...words('Bearbeitungspauschale von 5 Euro erhoben.', 72, 139));
  const blocks = layoutPage(page(s, { width: 72 + w + 72 }));
  assert.deepEqual(blocks.map((b) => b.type), ['list-item', 'list-item']);
  assert.ok(blocks[0]!.text.endsWith('monatlichen Beitrag der verbleibenden Monate des laufenden Kalenderjahres.'), blocks[0]!.text);
});
