import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BBox, PositionedPage, TextSpan } from '@docmill/core';
import { layoutPage } from '../src/index.js';
import { orderRegions } from '../src/region-order.js';
import { page as textPage, spansOf, textWidth, type SpanRow } from './helpers.js';

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

test("a register's listing under a header of column labels over the page is read row by row, not as columns of text", () => {
  // The first records of the Oklahoma ABLE Commission's licence listing (Letter landscape, Arial 8.5): ten columns under
  // one header row, no rules, a record's long address or name wrapped onto a line of its own, blank lines between some.
  const rows: SpanRow[] = [
    ["FEBRUARY 2014 M27 (BUS)", 54.7, 21.2, 166.9, 30.7, 8.5],
    ["ALPHABETIC LISTING BY TYPE", 332.9, 20.4, 459.8, 29.9, 8.5],
    ["OF ACTIVE LICENSES", 351.5, 31.1, 441, 40.6, 8.5],
    ["OKLAHOMA ABLE COMMISSION", 331, 41.7, 461.6, 51.3, 8.5],
    ["ABLPDM27", 694, 20.4, 738.5, 29.9, 8.5],
    ["3/19/2014", 700.6, 31.1, 738.5, 40.6, 8.5],
    ["LICENSE", 31.6, 59.1, 68, 68.7, 8.5],
    ["NUMBER", 31.6, 69.8, 68.5, 79.3, 8.5],
    ["TYPE DBA NAME", 73.7, 69.9, 145.5, 79.5, 8.5],
    ["LICENSEE NAME", 212.6, 69.8, 281.8, 79.3, 8.5],
    ["PREMISE", 328.3, 59.1, 366.7, 68.7, 8.5],
    ["ADDRESS", 328.3, 69.8, 369.5, 79.3, 8.5],
    ["CITY", 445.3, 69.9, 464.7, 79.5, 8.5],
    ["ST", 539.6, 69.8, 550.5, 79.3, 8.5],
    ["ZIP", 580.4, 69.9, 593.7, 79.5, 8.5],
    ["PHONE NUMBER", 608.5, 69.9, 678.1, 79.5, 8.5],
    ["EXPIRES", 684.7, 69.9, 721.7, 79.5, 8.5],
    ["648765 AAA", 42.4, 80.6, 90.7, 90.1, 8.5],
    ["ALLEGIANT AIR", 101, 80.5, 164.5, 90, 8.5],
    ["ALLEGIANT AIR LLC", 212.7, 80.5, 294.1, 90, 8.5],
    ["7100 TERMINAL DRIVE", 328.4, 80.5, 421.2, 90, 8.5],
    ["OKLAHOMA CITY", 445.3, 80.6, 515.4, 90.1, 8.5],
    ["OK", 539.6, 80.5, 551.9, 90, 8.5],
    ["73159", 581.9, 80.6, 605.6, 90.1, 8.5],
    ["-", 678.6, 80.6, 681.4, 90.1, 8.5],
    ["2014/12/03", 686.7, 80.6, 729.4, 90.1, 8.5],
    ["648766 AAA", 42.4, 102, 90.7, 111.5, 8.5],
    ["ALLEGIANT AIR", 101, 101.9, 164.5, 111.4, 8.5],
    ["ALLEGIANT AIR LLC", 212.7, 101.9, 294.1, 111.4, 8.5],
    ["7777 EAST APACHE", 328.3, 91.2, 409.3, 100.7, 8.5],
    ["STREET", 328.3, 101.9, 361.9, 111.4, 8.5],
    ["TULSA", 445.3, 102, 472.8, 111.5, 8.5],
    ["OK", 539.6, 101.9, 551.9, 111.4, 8.5],
    ["74115", 581.9, 102, 605.5, 111.5, 8.5],
    ["-", 678.6, 102, 681.4, 111.5, 8.5],
    ["2014/12/16", 686.7, 102, 729.4, 111.5, 8.5],
    ["82030 AAA", 47, 112.7, 90.7, 122.2, 8.5],
    ["AMERICAN AIRLINES", 101, 112.5, 187.2, 122.1, 8.5],
    ["AMERICAN AIRLINES INC", 212.6, 112.5, 315.8, 122.1, 8.5],
    ["7100 TERMINAL DRIVE", 328.3, 112.5, 421.1, 122.1, 8.5],
    ["OKLAHOMA CITY", 445.3, 112.7, 515.4, 122.2, 8.5],
    ["OK", 539.6, 112.5, 551.9, 122.1, 8.5],
    ["73159", 581.9, 112.7, 605.5, 122.2, 8.5],
    ["(405) 680-3701 2014/09/14", 623.6, 112.7, 729.4, 122.2, 8.5],
    ["509462 AAA", 42.3, 134, 90.7, 143.5, 8.5],
    ["AMERICAN AIRLINES", 101, 133.9, 187.2, 143.4, 8.5],
    ["AMERICAN AIRLINES INC", 212.6, 133.9, 315.8, 143.4, 8.5],
    ["7777 EAST APACHE DRIVE", 328.3, 133.9, 437.7, 143.4, 8.5],
    ["TULSA", 445.3, 134, 472.7, 143.5, 8.5],
    ["OK", 539.6, 133.9, 551.9, 143.4, 8.5],
    ["74115", 581.8, 134, 605.5, 143.5, 8.5],
    ["(918) 831-6302 2014/08/19", 623.6, 134, 729.3, 143.5, 8.5],
    ["509609 AAA", 42.3, 155.4, 90.7, 164.9, 8.5],
    ["AMERICAN EAGLE", 101, 155.3, 176.8, 164.8, 8.5],
    ["AMERICAN EAGLE", 212.6, 144.6, 288.4, 154.1, 8.5],
    ["AIRLINES INC", 212.6, 155.3, 268.5, 164.8, 8.5],
    ["7100 TERMINAL DRIVE", 328.3, 155.3, 421.1, 164.8, 8.5],
    ["OKLAHOMA CITY", 445.3, 155.4, 515.4, 164.9, 8.5],
    ["OK", 539.6, 155.3, 551.9, 164.8, 8.5],
    ["73159", 581.8, 155.4, 605.5, 164.9, 8.5],
    ["(405) 680-3701 2014/08/19", 623.6, 155.4, 729.3, 164.9, 8.5],
    ["402986 AAA", 42.3, 176.7, 90.7, 186.3, 8.5],
    ["AMERICAN EAGLE", 101, 176.6, 176.8, 186.1, 8.5],
    ["AMERICAN EAGLE", 212.6, 165.9, 288.4, 175.5, 8.5],
    ["AIRLINES INC", 212.6, 176.6, 268.5, 186.1, 8.5],
    ["7777 EAST APACHE DRIVE", 328.3, 176.6, 437.7, 186.1, 8.5],
    ["TULSA", 445.3, 176.7, 472.7, 186.3, 8.5],
    ["OK", 539.6, 176.6, 551.9, 186.1, 8.5],
    ["74115", 581.8, 176.7, 605.5, 186.3, 8.5],
    ["(859) 767-3747 2014/10/22", 623.6, 176.7, 729.3, 186.3, 8.5],
    ["79145 AAA", 47, 198.1, 90.7, 207.6, 8.5],
    ["DELTA AIR LINES", 101, 198, 172, 207.5, 8.5],
    ["DELTA AIR LINES INC", 212.6, 198, 300.7, 207.5, 8.5],
    ["WILL ROGERS AIRPORT", 328.3, 187.3, 427.7, 196.8, 8.5],
    ["BOX 59975", 328.3, 198, 372.3, 207.5, 8.5],
    ["OKLAHOMA CITY", 445.3, 198.1, 515.3, 207.6, 8.5],
    ["OK", 539.6, 198, 551.9, 207.5, 8.5],
    ["73159", 581.8, 198.1, 605.5, 207.6, 8.5],
    ["(404) 773-9745 2014/05/11", 623.6, 198.1, 729.3, 207.6, 8.5],
  ];
  const blocks = layoutPage(textPage(spansOf(rows), { width: 792, height: 612 }));
  const table = blocks.find((b) => b.type === 'table');
  assert.ok(table?.rows, blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  // A record is one row, from its licence number to its expiry date.
  const row = table.rows.find((r) => r[0] === '82030 AAA');
  assert.deepEqual(row, ['82030 AAA', 'AMERICAN AIRLINES', 'AMERICAN AIRLINES INC', '7100 TERMINAL DRIVE', 'OKLAHOMA CITY', 'OK', '73159', '(405) 680-3701 2014/09/14']);
  // The title over the listing stays as printed, its three pieces apart.
  assert.ok(blocks.some((b) => b.text === 'ALPHABETIC LISTING BY TYPE OF ACTIVE LICENSES'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
});

test('three lists side by side under one header row that names their columns three times are three tables, not one listing', () => {
  // South Carolina's county codes (Letter): "COUNTY  CODE" three times over three columns of dot-leader rows.
  const rows: SpanRow[] = [
    ["COUNTY CODES", 265, 59.6, 345.5, 70.7, 10, true],
    ["COUNTY", 45.6, 77.4, 87.8, 88.6, 10, true],
    ["Abbeville ................................", 46.4, 101.4, 180.6, 112.6, 10],
    ["Aiken ......................................", 45.6, 113.4, 181.4, 124.6, 10],
    ["Allendale ................................", 45.6, 125.5, 181.6, 136.6, 10],
    ["Anderson ................................", 45.6, 137.4, 180.4, 148.6, 10],
    ["Bamberg", 45.6, 149.4, 86.2, 160.6, 10],
    ["...............................", 95.1, 149.4, 181.6, 160.6, 10],
    ["Barnwell", 45.6, 161.5, 83.9, 172.6, 10],
    ["................................", 92.4, 161.5, 181.4, 172.6, 10],
    ["Beaufort", 45.6, 173.4, 83.4, 184.6, 10],
    [".................................", 89.7, 173.4, 181.5, 184.6, 10],
    ["Berkeley", 45.6, 185.4, 84.5, 196.6, 10],
    ["................................", 92.5, 185.4, 181.5, 196.6, 10],
    ["Calhoun ..................................", 45.6, 197.5, 181.5, 208.6, 10],
    ["Charleston ..............................", 45.6, 209.4, 180.1, 220.6, 10],
    ["Cherokee ................................", 45.6, 221.4, 180.9, 232.6, 10],
    ["Chester ...................................", 45.6, 233.5, 180.5, 244.6, 10],
    ["Chesterfield", 45.6, 245.4, 99, 256.6, 10],
    ["...........................", 105.9, 245.4, 181, 256.6, 10],
    ["Clarendon ..............................", 45.6, 257.4, 181.1, 268.6, 10],
    ["Colleton", 45.6, 269.5, 82.3, 280.6, 10],
    [".................................", 89.7, 269.5, 181.5, 280.6, 10],
    ["Darlington", 45.6, 281.4, 91.2, 292.6, 10],
    ["..............................", 98.2, 281.4, 181.6, 292.6, 10],
    ["99", 544.8, 311.4, 555.9, 322.5, 10],
    ["99", 544.8, 322.9, 555.9, 334.1, 10],
    ["APO/FPO Addresses ..............................................................................................................................................", 44.8, 311.4, 541.2, 322.5, 10],
    ["Outside of South Carolina .......................................................................................................................................", 44.8, 323.4, 541.6, 334.6, 10],
    ["Outside of United States .........................................................................................................................................", 44.8, 335.3, 541.1, 346.5, 10],
    ["CODE", 535.9, 77.4, 564.8, 88.6, 10, true],
    ["33", 544.3, 101.7, 555.4, 112.9, 10],
    ["34", 544.3, 113.6, 555.4, 124.8, 10],
    ["35", 544.3, 125.7, 555.4, 136.8, 10],
    ["36", 544.3, 137.7, 555.4, 148.9, 10],
    ["37", 544.3, 149.6, 555.4, 160.8, 10],
    ["38", 544.3, 161.7, 555.4, 172.8, 10],
    ["39", 544.3, 173.7, 555.4, 184.9, 10],
    ["40", 544.3, 185.6, 555.4, 196.8, 10],
    ["41", 544.3, 197.7, 555.4, 208.8, 10],
    ["42", 544.3, 209.7, 555.4, 220.9, 10],
    ["43", 544.3, 221.6, 555.4, 232.8, 10],
    ["44", 544.3, 233.7, 555.4, 244.8, 10],
    ["45", 544.3, 245.7, 555.4, 256.9, 10],
    ["46", 544.3, 257.6, 555.4, 268.8, 10],
    ["17", 377.4, 101.9, 388.6, 113.1, 10],
    ["18", 377.4, 113.9, 388.6, 125.1, 10],
    ["19", 377.4, 125.9, 388.6, 137.1, 10],
    ["20", 377.4, 137.9, 388.6, 149.1, 10],
    ["21", 377.4, 149.9, 388.6, 161.1, 10],
    ["22", 377.4, 161.9, 388.6, 173.1, 10],
    ["23", 377.4, 173.9, 388.6, 185.1, 10],
    ["24", 377.4, 185.9, 388.6, 197.1, 10],
    ["25", 377.4, 197.9, 388.6, 209.1, 10],
    ["26", 377.4, 209.9, 388.6, 221.1, 10],
    ["27", 377.4, 221.9, 388.6, 233.1, 10],
    ["28", 377.4, 233.9, 388.6, 245.1, 10],
    ["29", 377.4, 245.9, 388.6, 257.1, 10],
    ["30", 377.4, 257.9, 388.6, 269.1, 10],
    ["31", 377.4, 269.9, 388.6, 281.1, 10],
    ["32", 377.4, 281.9, 388.6, 293.1, 10],
    ["01", 188.9, 101.7, 200, 112.9, 10],
    ["02", 188.9, 113.6, 200, 124.8, 10],
    ["03", 188.9, 125.7, 200, 136.8, 10],
    ["04", 188.9, 137.7, 200, 148.9, 10],
    ["05", 188.9, 149.6, 200, 160.8, 10],
    ["06", 188.9, 161.7, 200, 172.8, 10],
    ["07", 188.9, 173.7, 200, 184.9, 10],
    ["08", 188.9, 185.6, 200, 196.8, 10],
    ["09", 188.9, 197.7, 200, 208.8, 10],
    ["10", 188.9, 209.7, 200, 220.9, 10],
    ["11", 188.9, 221.6, 200, 232.8, 10],
    ["12", 188.9, 233.7, 200, 244.8, 10],
    ["13", 188.9, 245.7, 200, 256.9, 10],
    ["14", 188.9, 257.6, 200, 268.8, 10],
    ["15", 188.9, 269.7, 200, 280.8, 10],
    ["16", 188.9, 281.7, 200, 292.9, 10],
    ["COUNTY", 414.9, 77.5, 457.1, 88.7, 10, true],
    ["McCormick", 414.9, 101.5, 464.9, 112.6, 10],
    [".........................", 471.1, 101.5, 540.6, 112.6, 10],
    ["Marion", 414.9, 113.5, 445.4, 124.7, 10],
    ["................................", 451.5, 113.5, 540.5, 124.7, 10],
    ["Marlboro", 414.9, 125.5, 454.3, 136.6, 10],
    ["............................", 462.7, 125.5, 540.6, 136.6, 10],
    ["Newberry", 414.9, 137.5, 457.7, 148.6, 10],
    ["...........................", 465.5, 137.5, 540.6, 148.6, 10],
    ["Oconee", 414.9, 149.5, 449.9, 160.7, 10],
    ["..............................", 457.1, 149.5, 540.5, 160.7, 10],
    ["Orangeburg ........................", 414.9, 161.5, 540.7, 172.6, 10],
    ["Pickens", 414.9, 173.5, 449.9, 184.6, 10],
    ["..............................", 457.1, 173.5, 540.5, 184.6, 10],
    ["Richland", 414.9, 185.5, 453.8, 196.7, 10],
    ["............................", 462.7, 185.5, 540.6, 196.7, 10],
    ["Saluda", 414.9, 197.5, 446, 208.6, 10],
    ["...............................", 454.3, 197.5, 540.5, 208.6, 10],
    ["Spartanburg", 414.9, 209.5, 469.9, 220.6, 10],
    [".......................", 476.7, 209.5, 540.7, 220.6, 10],
    ["Sumter", 414.9, 221.5, 447.1, 232.7, 10],
    ["..............................", 457.1, 221.5, 540.5, 232.7, 10],
    ["Union", 414.9, 233.5, 441, 244.6, 10],
    [".................................", 448.7, 233.5, 540.5, 244.6, 10],
    ["Williamsburg", 414.9, 245.5, 472.1, 256.6, 10],
    ["......................", 479.5, 245.5, 540.7, 256.6, 10],
    ["York", 414.9, 257.5, 435.4, 268.7, 10],
    ["...................................", 442.9, 257.5, 540.4, 268.7, 10],
    ["88", 544.6, 335.1, 555.7, 346.3, 10],
    ["CODE", 367.5, 77.4, 396.3, 88.6, 10, true],
    ["COUNTY", 233.3, 76.9, 275.5, 88.1, 10, true],
    ["Dillon", 233.3, 101, 258.3, 112.1, 10],
    ["......................................", 265.4, 101, 371.1, 112.1, 10],
    ["Dorchester", 233.3, 112.9, 282.2, 124.1, 10],
    [".............................", 290.7, 112.9, 371.3, 124.1, 10],
    ["Edgefield", 233.3, 124.9, 275, 136.1, 10],
    ["................................", 282.3, 124.9, 371.3, 136.1, 10],
    ["Fairfield", 233.3, 137, 268.9, 148.1, 10],
    ["..................................", 276.6, 137, 371.2, 148.1, 10],
    ["Florence", 233.3, 148.9, 272.2, 160.1, 10],
    [".................................", 279.5, 148.9, 371.3, 160.1, 10],
    ["Georgetown", 233.3, 160.9, 287.8, 172.1, 10],
    ["...........................", 296.3, 160.9, 371.4, 172.1, 10],
    ["Greenville", 233.3, 173, 278.3, 184.1, 10],
    ["...............................", 285.1, 173, 371.3, 184.1, 10],
    ["Greenwood", 233.3, 184.9, 285, 196.1, 10],
    ["............................", 293.5, 184.9, 371.4, 196.1, 10],
    ["Hampton", 233.3, 196.9, 273.9, 208.1, 10],
    ["................................", 282.3, 196.9, 371.3, 208.1, 10],
    ["Horry", 233.3, 209, 257.7, 220.1, 10],
    ["......................................", 265.4, 209, 371.1, 220.1, 10],
    ["Jasper", 233.3, 220.9, 263.3, 232.1, 10],
    ["....................................", 271, 220.9, 371.2, 232.1, 10],
    ["Kershaw", 233.3, 232.9, 272.2, 244.1, 10],
    [".................................", 279.5, 232.9, 371.2, 244.1, 10],
    ["Lancaster", 233.3, 245, 277.2, 256.1, 10],
    ["...............................", 285.1, 245, 371.3, 256.1, 10],
    ["Laurens", 233.3, 256.9, 269.4, 268.1, 10],
    ["..................................", 276.6, 256.9, 371.2, 268.1, 10],
    ["Lee", 233.3, 268.9, 250, 280.1, 10],
    [".........................................", 257, 268.9, 371, 280.1, 10],
    ["Lexington", 233.3, 281, 276.7, 292.1, 10],
    ["...............................", 285.1, 281, 371.3, 292.1, 10],
    ["CODE", 179.7, 77.4, 208.6, 88.6, 10, true],
  ];
  const blocks = layoutPage(textPage(spansOf(rows)));
  const tables = blocks.filter((b) => b.type === 'table');
  const york = tables.flatMap((t) => t.rows ?? []).find((r) => r[0] === 'York');
  assert.deepEqual(york, ['York', '46'], tables.map((t) => JSON.stringify(t.rows)).join('\n'));
});

test("a listing's header on two lines keeps its first line: \"beste\" over \"Fitness\" is one column's label", () => {
  // Page 2 of a German student report (A4): a table of eight columns under one header row whose "beste Fitness" takes two
  // lines, prose above and below it.
  const rows: SpanRow[] = [
    ["Example PDF", 70.9, 75.1, 130.3, 85.2, 10.9],
    ["2017-02-20", 474.3, 75.1, 524.4, 85.2, 10.9],
    ["Image with Caption", 70.9, 110.6, 173.3, 121.4, 12, true],
    ["Figure 1: ", 70.9, 273.4, 112.6, 283.2, 10.9, true],
    ["Nam liber tempor cum soluta nobis eleifend option congue nihil imperdiet doming id quod", 114.8, 273.3, 524.4, 283.3, 10.9],
    ["mazim placerat facer possim assum. Lorem ipsum dolor sit amet, consectetuer adipiscing elit, sed", 70.9, 289.5, 513.5, 299.6, 10.9],
    ["diam nonummy nibh euismod tincidunt ut laoreet dolore magna aliquam erat volutpat.", 70.9, 305.8, 466.7, 315.9, 10.9],
    ["Markdown Table without Caption", 70.9, 346.8, 245.7, 357.6, 12, true],
    ["Lorem markdownum Letoia, et alios: figurae flectentem annis aliquid Peneosque abesse, obstat", 70.9, 379.8, 524.4, 389.9, 10.9],
    ["gravitate. Obscura atque coniuge, per de coniunx, sibi medias commentaque virgine anima tamen", 70.9, 396.1, 524.4, 406.2, 10.9],
    ["comitemque petis, sed. In Amphion vestros hamos ire arceor mandere spicula, in licet aliquando.", 70.9, 412.3, 509, 422.4, 10.9],
    ["Test Nr.", 70.6, 455.3, 104.3, 465.4, 10.9],
    ["Position", 129.1, 455.3, 166.4, 465.4, 10.9],
    ["Radius", 187.2, 455.3, 218.2, 465.4, 10.9],
    ["Rot", 245.4, 455.3, 260.9, 465.4, 10.9],
    ["Grün", 303.6, 455.3, 326, 465.4, 10.9],
    ["Blau", 361.8, 455.3, 382.4, 465.4, 10.9],
    ["beste", 420, 439, 444.7, 449.1, 10.9],
    ["Fitness", 420, 455.3, 452.3, 465.4, 10.9],
    ["Abweichung", 477.9, 455.3, 532.9, 465.4, 10.9],
    ["1", 70.9, 481.9, 76.3, 492, 10.9],
    ["20 %", 129.1, 481.9, 151.1, 492, 10.9],
    ["20 %", 187.2, 481.9, 209.3, 492, 10.9],
    ["20 %", 245.4, 481.9, 267.5, 492, 10.9],
    ["20 %", 303.6, 481.9, 325.6, 492, 10.9],
    ["20 %", 361.8, 481.9, 383.8, 492, 10.9],
    ["7,5219", 420, 481.9, 449.8, 492, 10.9],
    ["0,9115", 478.2, 481.9, 508, 492, 10.9],
    ["2", 70.9, 503, 76.3, 513.1, 10.9],
    ["0 %", 129.1, 503, 145.7, 513.1, 10.9],
    ["25 %", 187.2, 503, 209.3, 513.1, 10.9],
    ["25 %", 245.4, 503, 267.5, 513.1, 10.9],
    ["25 %", 303.6, 503, 325.6, 513.1, 10.9],
    ["25 %", 361.8, 503, 383.8, 513.1, 10.9],
    ["8,0566", 420, 503, 449.8, 513.1, 10.9],
    ["1,4462", 478.2, 503, 508, 513.1, 10.9],
    ["3", 70.9, 524.2, 76.3, 534.2, 10.9],
    ["0 %", 129.1, 524.2, 145.7, 534.2, 10.9],
    ["0 %", 187.2, 524.2, 203.8, 534.2, 10.9],
    ["33 %", 245.4, 524.2, 267.5, 534.2, 10.9],
    ["33 %", 303.6, 524.2, 325.6, 534.2, 10.9],
    ["33 %", 361.8, 524.2, 383.8, 534.2, 10.9],
    ["8,7402", 420, 524.2, 449.8, 534.2, 10.9],
    ["2,1298", 478.2, 524.2, 508, 534.2, 10.9],
    ["4", 70.9, 545.3, 76.3, 555.4, 10.9],
    ["50 %", 129.1, 545.3, 151.1, 555.4, 10.9],
    ["20 %", 187.2, 545.3, 209.3, 555.4, 10.9],
    ["10 %", 245.4, 545.3, 267.5, 555.4, 10.9],
    ["10 %", 303.6, 545.3, 325.6, 555.4, 10.9],
    ["10 %", 361.8, 545.3, 383.8, 555.4, 10.9],
    ["6,6104", 420, 545.3, 449.8, 555.4, 10.9],
    ["0,0000", 478.2, 545.3, 508, 555.4, 10.9],
    ["5", 70.9, 566.4, 76.3, 576.5, 10.9],
    ["70 %", 129.1, 566.4, 151.1, 576.5, 10.9],
    ["0 %", 187.2, 566.4, 203.8, 576.5, 10.9],
    ["10 %", 245.4, 566.4, 267.5, 576.5, 10.9],
    ["10 %", 303.6, 566.4, 325.6, 576.5, 10.9],
    ["10 %", 361.8, 566.4, 383.8, 576.5, 10.9],
    ["7,0696", 420, 566.4, 449.8, 576.5, 10.9],
    ["0,4592", 478.2, 566.4, 508, 576.5, 10.9],
    ["6", 70.9, 587.6, 76.3, 597.7, 10.9],
    ["20 %", 129.1, 587.6, 151.1, 597.7, 10.9],
    ["50 %", 187.2, 587.6, 209.3, 597.7, 10.9],
    ["10 %", 245.4, 587.6, 267.5, 597.7, 10.9],
    ["10 %", 303.6, 587.6, 325.6, 597.7, 10.9],
    ["10 %", 361.8, 587.6, 383.8, 597.7, 10.9],
    ["7,0034", 420, 587.6, 449.8, 597.7, 10.9],
    ["0,3930", 478.2, 587.6, 508, 597.7, 10.9],
    ["7", 70.9, 608.7, 76.3, 618.8, 10.9],
    ["40 %", 129.1, 608.7, 151.1, 618.8, 10.9],
    ["15 %", 187.2, 608.7, 209.3, 618.8, 10.9],
    ["15 %", 245.4, 608.7, 267.5, 618.8, 10.9],
    ["15 %", 303.6, 608.7, 325.6, 618.8, 10.9],
    ["15 %", 361.8, 608.7, 383.8, 618.8, 10.9],
    ["6,9122", 420, 608.7, 449.8, 618.8, 10.9],
    ["0,3018", 478.2, 608.7, 508, 618.8, 10.9],
    ["Porrigitur et Pallas nuper longusque cratere habuisse sepulcro pectore fertur. Laudat ille auditi; vertitur", 70.9, 654.9, 524.6, 664.9, 10.9],
    ["iura tum nepotis causa; motus. Diva virtus! Acrota destruitis vos iubet quo et classis excessere Scyrumve", 70.9, 671.1, 524.4, 681.2, 10.9],
    ["spiro subitusque mente Pirithoi abstulit, lapides.", 70.9, 687.4, 291.6, 697.5, 10.9],
    ["Author", 70.9, 763.1, 102, 773.1, 10.9],
    ["2", 519, 763.1, 524.4, 773.1, 10.9],
  ];
  const blocks = layoutPage(textPage(spansOf(rows), { width: 595.28, height: 841.89 }));
  const table = blocks.find((b) => b.type === 'table' && b.rows?.[0]?.[0] === 'Test Nr.');
  assert.ok(table?.rows, blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.deepEqual(table.rows[0], ['Test Nr.', 'Position', 'Radius', 'Rot', 'Grün', 'Blau', 'beste Fitness', 'Abweichung']);
  assert.ok(!blocks.some((b) => b.type !== 'table' && b.text === 'beste'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
});

test("an invoice's items under their header read apart from the totals block under them", () => {
  // A one-page invoice (A4, Helvetica 10): "Item  Description  Unit price  Quantity  Total" over seven items, then a
  // note on the left beside "Subtotal without tax", "Tax", "Amount due" and their amounts on the right.
  const rows: SpanRow[] = [
    ["My company", 100, 53.3, 213.1, 75.6, 20],
    ["4 RUE DES FLEURS", 100, 78.1, 194.6, 89.3, 10],
    ["75000 PARIS", 100, 93.1, 159.4, 104.3, 10],
    ["contact@maelgangloff.fr", 100, 108.1, 208.2, 119.3, 10],
    ["digital signature stamp", 463.9, 148.5, 551.4, 157.4, 8, true],
    ["INVOICE", 30, 156.3, 111.2, 178.6, 20, true],
    ["Reference:", 30, 198.1, 81.6, 209.3, 10, true],
    ["MG202200000", 130, 198.1, 196.2, 209.3, 10, true],
    ["Due date:", 30, 213.1, 73.4, 224.3, 10],
    ["20/08/2022", 130, 213.1, 180, 224.3, 10],
    ["Amount due:", 30, 228.1, 86.7, 239.3, 10],
    ["181.50 EUR", 130, 228.1, 184.5, 239.3, 10],
    ["John Doe", 280, 198.1, 325.6, 209.3, 10, true],
    ["My company - SIREN 000 000 000", 30, 808.1, 188.2, 819.3, 10, true],
    ["Page 1", 520, 808.1, 551.9, 819.3, 10, true],
    ["Item", 30, 268.1, 50.6, 279.3, 10, true],
    ["Description", 130, 268.1, 185, 279.3, 10, true],
    ["Unit price", 323.9, 268.1, 370, 279.3, 10, true],
    ["Quantity", 419.4, 268.1, 460, 279.3, 10, true],
    ["Total", 542.2, 268.1, 565.3, 279.3, 10, true],
    ["Coffee", 30, 293.1, 59.2, 304.3, 10],
    ["One coffee per hour", 130, 293.1, 218.6, 304.3, 10],
    ["2.00 EUR", 326.7, 293.1, 370, 304.3, 10],
    ["24", 448.9, 293.1, 460, 304.3, 10],
    ["48.00 EUR", 516.4, 293.1, 565.3, 304.3, 10],
    ["Pizza", 30, 318.1, 54.5, 329.3, 10],
    ["Margherita", 130, 318.1, 177.9, 329.3, 10],
    ["7.00 EUR", 326.7, 318.1, 370, 329.3, 10],
    ["2", 454.4, 318.1, 460, 329.3, 10],
    ["14.00 EUR", 516.4, 318.1, 565.3, 329.3, 10],
    ["Soda", 30, 343.1, 53.4, 354.3, 10],
    ["2.00 EUR", 326.7, 343.1, 370, 354.3, 10],
    ["3", 454.4, 343.1, 460, 354.3, 10],
    ["6.00 EUR", 521.9, 343.1, 565.3, 354.3, 10],
    ["Hot-dog", 30, 368.1, 65.6, 379.3, 10],
    ["5.00 EUR", 326.7, 368.1, 370, 379.3, 10],
    ["1", 454.4, 368.1, 460, 379.3, 10],
    ["5.00 EUR", 521.9, 368.1, 565.3, 379.3, 10],
    ["Salad", 30, 393.1, 55.6, 404.3, 10],
    ["Caesar", 130, 393.1, 162.2, 404.3, 10],
    ["8.00 EUR", 326.7, 393.1, 370, 404.3, 10],
    ["1", 454.4, 393.1, 460, 404.3, 10],
    ["8.00 EUR", 521.9, 393.1, 565.3, 404.3, 10],
    ["Pasta", 30, 418.1, 55.2, 429.3, 10],
    ["A plate of bolognese pasta", 130, 418.1, 248.4, 429.3, 10],
    ["6.00 EUR", 326.7, 418.1, 370, 429.3, 10],
    ["4", 454.4, 418.1, 460, 429.3, 10],
    ["24.00 EUR", 516.4, 418.1, 565.3, 429.3, 10],
    ["Quiche Lorraine", 30, 443.1, 101, 454.3, 10],
    ["Cream, eggs, and bacon", 130, 443.1, 239.4, 454.3, 10],
    ["10.00 EUR", 321.1, 443.1, 370, 454.3, 10],
    ["6", 454.4, 443.1, 460, 454.3, 10],
    ["60.00 EUR", 516.4, 443.1, 565.3, 454.3, 10],
    ["Subtotal without tax", 282.7, 478.1, 370, 489.3, 10],
    ["165.00 EUR", 510.8, 478.1, 565.3, 489.3, 10],
    ["Tax", 354.5, 498.1, 370, 509.3, 10],
    ["16.50 EUR", 516.4, 498.1, 565.3, 509.3, 10],
    ["Amount due", 311.7, 528.1, 370, 539.3, 10, true],
    ["181.50 EUR", 510.8, 528.1, 565.3, 539.3, 10, true],
    ["18/08/2022: The bill is paid.", 30, 478.1, 151.3, 489.3, 10],
    ["We hope you had a good time and would be happy to welcome you again", 30, 748.1, 354, 759.3, 10],
  ];
  const blocks = layoutPage(textPage(spansOf(rows), { width: 595.28, height: 841.89 }));
  const table = blocks.find((b) => b.type === 'table' && b.rows?.[0]?.[0] === 'Item');
  assert.ok(table?.rows, blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.deepEqual(table.rows.at(-1), ['Quiche Lorraine', 'Cream, eggs, and bacon', '10.00 EUR', '6', '60.00 EUR']);
  assert.equal(table.rows.length, 8);
});
