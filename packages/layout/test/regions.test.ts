import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BBox, PositionedPage, TextSpan } from '@docmill/core';
import { layoutPage } from '../src/index.js';
import { orderRegions } from '../src/region-order.js';
import { textWidth } from './helpers.js';

// Scanned pages as tesseract segments them: every word span carries its recogniser region
// (paragraph) and line, as ocrToPositionedPage passes them on.

test('orderRegions: a title over two columns, each column in two pieces, read column by column', () => {
  const boxes: BBox[] = [
    [300, 286, 550, 500], // column 2, lower piece
    [40, 100, 560, 140], // title across both
    [40, 160, 290, 290], // column 1, upper piece
    [300, 160, 550, 290], // column 2, upper piece
    [40, 288, 290, 500], // column 1, lower piece
  ];
  // Note: the pieces of a column touch (as lines cut by a band edge do); a gap across the whole
  // page would end a section instead.
  assert.deepEqual(orderRegions(boxes), [1, 2, 4, 3, 0]);
});

test('orderRegions: a headline across both columns ends the first article; the second is read after it', () => {
  const boxes: BBox[] = [
    [40, 100, 290, 300], // A, column 1
    [300, 100, 550, 300], // A, column 2
    [40, 310, 550, 340], // headline of B over both columns
    [40, 350, 290, 600], // B, column 1
    [300, 350, 550, 600], // B, column 2
  ];
  // Note: without the headline, A's second column would come before B's first; with it, after.
  assert.deepEqual(orderRegions(boxes), [0, 1, 2, 3, 4]);
});

test('orderRegions: a masthead with a date set high at the right comes before the columns below it', () => {
  const boxes: BBox[] = [
    [40, 200, 290, 700], // column 1
    [300, 200, 550, 700], // column 2
    [40, 60, 200, 120], // title, left
    [420, 40, 550, 70], // date, high at the right
  ];
  assert.deepEqual(orderRegions(boxes).slice(2), [0, 1]);
});

test('orderRegions: a skewed line that grazes the top of column 2 does not cut column 1 off from it', () => {
  const boxes: BBox[] = [
    [60, 100, 520, 142], // a line across the page, its right end sagging into column 2's top
    [20, 145, 300, 700], // column 1
    [310, 130, 560, 395], // column 2, starting a little higher (the scan is skewed)
    [280, 400, 560, 420], // a line of column 2 that starts in the gutter (a quote mark read there)
    [310, 425, 560, 700], // the rest of column 2
  ];
  assert.deepEqual(orderRegions(boxes), [0, 1, 2, 3, 4]);
});

const SIZE = 9;

/** Words of a line as tesseract gives them: each word its own span, all of one region and line. */
function line(text: string, x: number, y: number, region: string, id: number, sag = 0): TextSpan[] {
  const ws = text.split(' ');
  let cx = x;
  return ws.map((w, i) => {
    const width = textWidth(w, SIZE);
    // A skewed scan: each word a little lower than the one before.
    const dy = (sag * i) / ws.length;
    const s: TextSpan = { text: i < ws.length - 1 ? `${w} ` : w, bbox: [cx, y - 0.95 * SIZE + dy, cx + width, y + 0.35 * SIZE + dy], fontSize: 1.3 * SIZE, confidence: 0.9, region, line: id };
    cx += width + 0.3 * SIZE;
    return s;
  });
}

function page(spans: TextSpan[]): PositionedPage {
  return { index: 0, width: 595, height: 842, spans, source: 'ocr' };
}

test('recogniser regions: two columns with almost no gutter are read column by column, each line whole', () => {
  const spans: TextSpan[] = [];
  let id = 0;
  for (let i = 0; i < 12; i++) {
    // Column 1 ends at about x = 250, column 2 starts 2 pt later: no gutter a word gap could tell.
    spans.push(...line(`Links${i} erste Spalte wort${i}`, 40, 100 + i * 14, 'a', id++));
    const left = 40 + textWidth(`Links${i} erste Spalte wort${i}`, SIZE) + 3 * 0.3 * SIZE + 2;
    spans.push(...line(`Rechts${i} zweite Spalte wort${i}`, left, 100 + i * 14, 'b', id++));
  }
  const text = layoutPage(page(spans)).map((b) => b.text).join('\n');
  const lastLeft = text.lastIndexOf('Links11'), firstRight = text.indexOf('Rechts0');
  assert.ok(lastLeft >= 0 && firstRight > lastLeft, `column 1 is read before column 2: ${text.slice(0, 300)}`);
  for (let i = 0; i < 12; i++) assert.ok(text.includes(`Links${i} erste Spalte wort${i}`), `line ${i} of column 1 whole: ${text.slice(0, 300)}`);
});

test('recogniser regions: the lines of a skewed paragraph keep their own words', () => {
  const spans: TextSpan[] = [];
  // Each line sags 9 pt from its first word to its last: more than a line pitch at its end.
  for (let i = 0; i < 6; i++) spans.push(...line(`zeile${i} alpha beta gamma delta epsilon zeta eta theta ende${i}`, 40, 100 + i * 8, 'p', i, 9));
  const text = layoutPage(page(spans)).map((b) => b.text).join(' ');
  for (let i = 0; i < 6; i++) assert.match(text, new RegExp(`zeile${i} alpha beta gamma delta epsilon zeta eta theta ende${i}`));
});

test('orderRegions: paragraphs of two columns that end and start at one height do not cut the page into sections', () => {
  // scribe_multicol_05: column 2's first paragraph ends 6 px above column 1's next one.
  const boxes: BBox[] = [
    [250, 150, 634, 257], // column 1, paragraph 1
    [319, 363, 635, 462], // column 1, paragraph 2
    [689, 159, 1074, 481], // column 2, paragraph 1
    [321, 487, 636, 524], // column 1, paragraph 3
    [689, 523, 1074, 808], // column 2, paragraph 2
  ];
  assert.deepEqual(orderRegions(boxes, 2 * 14), [0, 1, 3, 2, 4]);
  // With no least gap the whitespace at 481–487 ends a section: the order the page used to get.
  assert.deepEqual(orderRegions(boxes), [0, 1, 2, 3, 4]);
});

test('orderRegions: a gap where one column\'s paragraph ends, the other column having ended long before, is no section break', () => {
  const boxes: BBox[] = [
    [250, 150, 636, 600], // column 1
    [689, 159, 1074, 808], // column 2, ending well above the gap
    [250, 613, 636, 997], // column 1 goes on
    [252, 1025, 636, 1062], // column 1, after a paragraph gap of 28 with nothing beside it
  ];
  assert.deepEqual(orderRegions(boxes, 7, 40), [0, 2, 3, 1]);
  // A gap with text ending above it and starting below it across the page ends a section.
  const feuilleton: BBox[] = [[40, 100, 290, 600], [300, 100, 550, 598], [40, 612, 290, 800], [300, 612, 550, 800]];
  assert.deepEqual(orderRegions(feuilleton, 7, 40), [0, 1, 2, 3]);
});

test('orderRegions: a sidebar that ended long before a gap is read after the column that runs on below it', () => {
  // scribe_multicol_01: a wide column of paragraphs, an analyst sidebar at the right of its top
  // half, a disclaimer box at the right of its foot.
  const boxes: BBox[] = [
    [100, 288, 764, 493], // title
    [102, 500, 893, 998], // column, paragraph 1
    [941, 213, 1394, 851], // sidebar, ended 150 above the gap below paragraph 1
    [102, 1022, 893, 1493], // column, paragraph 2
    [102, 1521, 893, 1852], // column, paragraph 3
    [940, 1604, 1394, 1830], // disclaimer box
  ];
  // Note: text ends at the gaps over more than half of the page's width (the column), but the
  // sidebar's column ended long before: no section ends there.
  assert.deepEqual(orderRegions(boxes, 12, 70), [0, 1, 3, 4, 2, 5]);
});

test('recogniser regions: a column split into regions beside a sidebar split at the same heights is read whole', () => {
  const spans: TextSpan[] = [];
  // Line pitch 18, boxes 11.7 high: 6.3 of whitespace between lines, more than half a body line.
  for (let i = 0; i < 10; i++) spans.push(...line(`spalte${i} text der ersten spalte`, 40, 100 + i * 18, i === 0 ? 'a' : 'b', i));
  for (let i = 0; i < 4; i++) spans.push(...line(`kasten${i} name`, 340, 100 + i * 18, i === 0 ? 's1' : 's2', 100 + i));
  const text = layoutPage(page(spans)).map((b) => b.text).join('\n');
  assert.ok(text.indexOf('spalte9') >= 0 && text.indexOf('spalte9') < text.indexOf('kasten0'), `the column is read before the sidebar: ${text}`);
});

test('recogniser regions: lines that tesseract fused across a column rule are cut at the rule', () => {
  const spans: TextSpan[] = [];
  const bar = (x: number, y: number, region: string, id: number): TextSpan => ({ text: '| ', bbox: [x, y - 0.95 * SIZE, x + 2, y + 0.35 * SIZE], fontSize: 1.3 * SIZE, confidence: 0.5, region, line: id });
  for (let i = 0; i < 12; i++) {
    const y = 100 + i * 12;
    // Lines 5–7: tesseract read column 1's line, the rule and column 2's line as one line of region 'a'.
    const fused = i >= 5 && i <= 7;
    spans.push(...line(`links${i} wort`, 40, y, 'a', i));
    spans.push(bar(250, y, fused ? 'a' : 'r', fused ? i : 100 + i));
    spans.push(...line(`rechts${i} wort`, 260, y, fused ? 'a' : i < 5 ? 'b' : 'c', fused ? i : 200 + i));
  }
  const text = layoutPage(page(spans)).map((b) => b.text).join('\n');
  const at = (w: string) => text.indexOf(w);
  assert.ok(at('links11') >= 0 && at('links11') < at('rechts0'), `column 1 is read before column 2: ${text}`);
  assert.ok(at('rechts4') < at('rechts5') && at('rechts7') < at('rechts8'), `the fused lines' right halves are read in column 2: ${text}`);
  assert.doesNotMatch(text, /\|/);
});
