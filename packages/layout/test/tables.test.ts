import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, PositionedPage, TextSpan } from '@docmill/core';
import { layoutPage } from '../src/index.js';
import type { Fragment } from '../src/lines.js';
import { labelColumn, type FlowItem } from '../src/reading-order.js';
import { page, paragraph, prose, span, spansOf, textWidth, words, type SpanRow } from './helpers.js';

const kinds = (blocks: Block[]) => blocks.map((b) => b.type);

/** Rules of a frame with column rules: horizontal rules at `ys`, vertical rules at `xs`, all full length. */
function columnRules(xs: number[], ys: number[]): Array<[number, number, number, number]> {
  const rules: Array<[number, number, number, number]> = [];
  for (const y of ys) rules.push([xs[0]!, y - 0.25, xs[xs.length - 1]!, y + 0.25]);
  for (const x of xs) rules.push([x - 0.25, ys[0]!, x + 0.25, ys[ys.length - 1]!]);
  return rules;
}

test('a ruled grid with no rules between its body rows: each line of cells is a row, a second line of one cell stays in its row', () => {
  const xs = [72, 160, 330, 460];
  // A rule under the header, none between the four body rows.
  const ys = [100, 120, 200];
  const s: TextSpan[] = [];
  s.push(...words('Document', 76, 114), ...words('Description', 164, 114), ...words('Amount', 334, 114));
  const body = [['D-0001', 'Staff transportation', '920.68'], ['D-0002', 'Staff transportation', '907.96'], ['D-0003', 'Office supplies', '37.94'], ['D-0004', 'Staff transportation', '903.90']];
  let y = 134;
  body.forEach((r, i) => {
    s.push(...words(r[0]!, 76, y), ...words(r[1]!, 164, y), ...words(r[2]!, 334, y));
    // The second row's description goes on to a second line, half a line lower.
    if (i === 1) { y += 7; s.push(...words('AIRFARE TO KANSAS CITY', 164, y)); }
    y += 14;
  });
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [
    ['Document', 'Description', 'Amount'],
    ['D-0001', 'Staff transportation', '920.68'],
    ['D-0002', 'Staff transportation AIRFARE TO KANSAS CITY', '907.96'],
    ['D-0003', 'Office supplies', '37.94'],
    ['D-0004', 'Staff transportation', '903.90'],
  ]);
});

test('columns of figures inside one ruled column (rules around groups of columns only) are columns; the group heading spans them', () => {
  const xs = [72, 160, 330];
  const ys = [100, 130, 150, 215];
  const s: TextSpan[] = [];
  s.push(...words('Treated patients', 205, 118));
  s.push(...words('Region', 76, 143), ...words('Count', 170, 143), ...words('Share', 280, 143));
  const body = [['Abruzzo', '2.343', '3,0%'], ['Basilicata', '927', '1,2%'], ['Calabria', '1.797', '2,3%'], ['Campania', '3.289', '4,1%']];
  body.forEach((r, i) => s.push(...words(r[0]!, 76, 162 + 14 * i), ...words(r[1]!, 170, 162 + 14 * i), ...words(r[2]!, 280, 162 + 14 * i)));
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['', 'Treated patients', ''], ['Region', 'Count', 'Share'], ...body]);
  assert.deepEqual(blocks[0]!.merged, [{ row: 0, col: 1, rowSpan: 1, colSpan: 2 }]);
});

test('a ruled row whose cells wrap prose over three lines stays one row', () => {
  const xs = [72, 260, 460];
  const ys = [100, 120, 170];
  const s: TextSpan[] = [];
  s.push(...words('Requirement', 76, 114), ...words('Rationale', 264, 114));
  const left = ['the mill keeps its wheel', 'turning through the winter', 'months without a stop'];
  const right = ['because the river never', 'freezes over at this point', 'of its course'];
  left.forEach((l, i) => s.push(...words(l, 76, 134 + 12 * i), ...words(right[i]!, 264, 134 + 12 * i)));
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['Requirement', 'Rationale'], [left.join(' '), right.join(' ')]]);
});

test('a line under an aligned table that keeps only one of its gutters ends the table, which keeps its columns', () => {
  const s: TextSpan[] = [];
  const rows = [['Surname', 'Name', 'Amount'], ['Mena', 'Juan', '10.000,00'], ['Molle', 'Matias', '10.000,00'], ['Perazzo', 'Pablo', '5.000,00'], ['Picardi', 'Franco', '20.000,00']];
  rows.forEach((r, i) => s.push(...words(r[0]!, 72, 100 + 14 * i), ...words(r[1]!, 200, 100 + 14 * i), ...words(r[2]!, 330, 100 + 14 * i)));
  // A page stamp in the line under the table, across the first gutter.
  s.push(...words('Annex I-A-1 of the register', 120, 170), ...words('Page 12', 330, 170));
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t);
  assert.deepEqual(t.rows, rows);
  assert.ok(blocks.some((b) => b.type !== 'table' && b.text.includes('Annex I-A-1')));
});

test('an aligned table with one long name running across a gutter keeps its columns; the name is cut at the gutter', () => {
  const s: TextSpan[] = [];
  const names = ['Mena', 'Molle', 'Mollevi', 'Perazzo', 'Picardi', 'Pisoni', 'Valsangiacomo Blanco', 'Puleston', 'Remon', 'Spatola'];
  const given = ['Juan', 'Matias', 'Federico', 'Pablo', 'Franco', 'Carlos', 'Fernando', 'Mabel', 'Diego', 'Analia'];
  names.forEach((n, i) => {
    const y = 100 + 14 * i;
    // The long surname ends at 172, six points before the next column: one piece with the given name.
    s.push(...words(n, 72, y), ...words(given[i]!, 178, y), ...words(String(1000 + 37 * i), 300, y));
  });
  s.push(...paragraph(prose(3, 40), 72, 260, 468).spans);
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t, 'a table');
  assert.equal(t.rows!.length, names.length);
  assert.deepEqual(t.rows![6], ['Valsangiacomo Blanco', 'Fernando', '1222']);
  assert.deepEqual(t.rows!.map((r) => r[0]), names);
});

/** Lays out the rows of a borderless table: `cols[j]` is the left edge of column j, numbers right-aligned at `right[j]`. */
function alignedRows(rows: string[][], cols: number[], y0: number, leading: number): TextSpan[] {
  const s: TextSpan[] = [];
  rows.forEach((r, i) => r.forEach((c, j) => { if (c) s.push(...words(c, cols[j]!, y0 + leading * i)); }));
  return s;
}

test('a header wrapped to two lines over a borderless numeric table is one header row', () => {
  const s: TextSpan[] = [];
  s.push(...paragraph(prose(5, 30), 72, 80, 468).spans);
  const head = [['', 'Params', 'Top-1', 'Top-5'], ['Model', '(M)', 'accuracy', 'accuracy']];
  const body = [['ResNet-50', '25.6', '76.1', '92.9'], ['ViT-B/16', '86.6', '77.9', '93.6'], ['Swin-T', '28.3', '81.3', '95.5'], ['ConvNeXt-T', '28.6', '82.1', '95.9']];
  const cols = [72, 180, 260, 360];
  // The heading's two lines at the leading of one paragraph, the body below at the table's pitch.
  s.push(...alignedRows(head, cols, 140, 11), ...alignedRows(body, cols, 166, 14));
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t, 'a table');
  assert.deepEqual(t.rows, [['Model', 'Params (M)', 'Top-1 accuracy', 'Top-5 accuracy'], ...body]);
});

test('a one-piece heading line over the second column joins the header under it', () => {
  const s: TextSpan[] = [];
  const head = [['', 'Energy', '', ''], ['Site', '(kWh)', 'Hours', 'Staff']];
  const body = [['Abbey', '1,505', '120', '4'], ['Bridge End', '1,512', '85', '3'], ['Crane Lane', '1,643', '96', '5']];
  const cols = [72, 200, 300, 400];
  s.push(...alignedRows(head, cols, 140, 11), ...alignedRows(body, cols, 166, 14));
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t, 'a table');
  assert.deepEqual(t.rows, [['Site', 'Energy (kWh)', 'Hours', 'Staff'], ...body]);
  assert.ok(!blocks.some((b) => b.type !== 'table' && b.text.includes('Energy')));
});

test('"Year Ended" set over two years\' columns of a financial table is a header cell spanning them', () => {
  const s: TextSpan[] = [];
  s.push(...paragraph(prose(2, 30), 72, 80, 468).spans);
  const right = (t: string, x: number, y: number) => words(t, x - t.length * 5, y);
  s.push(...words('Year Ended December 31,', 330, 140));
  s.push(...right('2023', 380, 152), ...right('2022', 470, 152));
  const body = [['Revenue', '1,234', '1,100'], ['Cost of sales', '(456)', '(400)'], ['Gross profit', '778', '700']];
  body.forEach((r, i) => s.push(...words(r[0]!, 72, 166 + 14 * i), ...right(r[1]!, 380, 166 + 14 * i), ...right(r[2]!, 470, 166 + 14 * i)));
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t, 'a table');
  assert.deepEqual(t.rows, [['', 'Year Ended December 31,', ''], ['', '2023', '2022'], ...body]);
  assert.deepEqual(t.merged, [{ row: 0, col: 1, rowSpan: 1, colSpan: 2 }]);
  assert.ok(!blocks.some((b) => b.type !== 'table' && b.text.includes('Year Ended')));
});

test('a label over columns of words (a diagram\'s box title) is not a spanning header', () => {
  const s: TextSpan[] = [];
  s.push(...words('Permanency codes', 200, 140, { bold: true }));
  const body = [['+', 'Unknown', '+', 'None'], ['+', 'Falls', '+', 'Permanent'], ['+', 'Rapids', '+', 'Intermittent'], ['+', 'Reef', '+', 'Seasonal']];
  body.forEach((r, i) => r.forEach((c, j) => s.push(...words(c, [72, 90, 200, 218][j]!, 152 + 12 * i))));
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t, 'a table');
  assert.equal(t.merged, undefined);
  assert.ok(blocks.some((b) => b.type !== 'table' && b.text.includes('Permanency codes')));
});

test('a borderless table whose description cells wrap to a second line keeps one row per item', () => {
  const s: TextSpan[] = [];
  const rows = [['Code', 'Description', 'Amount'], ['A-1', 'Staff transportation', '920.68'], ['A-2', 'Airfare for the annual meeting', '907.96'], ['A-3', 'Office supplies', '37.94'], ['A-4', 'Printing', '12.50']];
  let y = 120;
  rows.forEach((r, i) => {
    s.push(...words(r[0]!, 72, y), ...words(r[1]!, 140, y), ...words(r[2]!, 400, y));
    y += 12;
    // The second item's description goes on under it, in its own column.
    if (i === 2) { s.push(...words('in Kansas City and return', 140, y)); y += 12; }
  });
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t, 'a table');
  assert.deepEqual(t.rows, [rows[0], rows[1], ['A-2', 'Airfare for the annual meeting in Kansas City and return', '907.96'], rows[3], rows[4]]);
});

test('a row label wrapped to two lines is one cell, whether the figures sit on its first or its last line', () => {
  const s: TextSpan[] = [];
  const right = (t: string, x: number, y: number) => words(t, x - t.length * 5, y);
  const lines: Array<[string, string, string]> = [
    ['Revenue', '1,234', '1,100'],
    ['Selling, general and', '200', '190'],
    ['administrative expenses', '', ''],
    ['Gross profit', '778', '700'],
    ['Research and development, net of', '', ''],
    ['grants received', '120', '110'],
    ['Net income', '458', '400'],
  ];
  lines.forEach((r, i) => {
    s.push(...words(r[0], 72, 120 + 12 * i));
    if (r[1]) s.push(...right(r[1], 380, 120 + 12 * i), ...right(r[2], 470, 120 + 12 * i));
  });
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t, 'a table');
  assert.deepEqual(t.rows, [
    ['Revenue', '1,234', '1,100'],
    ['Selling, general and administrative expenses', '200', '190'],
    ['Gross profit', '778', '700'],
    ['Research and development, net of grants received', '120', '110'],
    ['Net income', '458', '400'],
  ]);
});

test('one row of figures under a header of three columns or more is a table; two lines of words are not', () => {
  const right = (t: string, x: number, y: number) => words(t, x - t.length * 5, y);
  const s: TextSpan[] = [];
  s.push(...paragraph(prose(1, 30), 72, 80, 468).spans);
  const heads = ['For', 'Against', 'Abstain', 'Broker Non-Vote'];
  const votes = ['221,637,626', '26,620,106', '525,876', '19,452,911'];
  const xs = [180, 290, 400, 520];
  heads.forEach((h, k) => s.push(...right(h, xs[k]! - 5, 140)));
  votes.forEach((v, k) => s.push(...right(v, xs[k]!, 153)));
  s.push(...paragraph(prose(3, 30), 72, 190, 468).spans);
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t, 'a table');
  assert.deepEqual(t.rows, [heads, votes]);

  // The same layout with words under the header (a form's labels over its answers) stays text.
  const w: TextSpan[] = [];
  heads.forEach((h, k) => w.push(...right(h, xs[k]! - 5, 140)));
  ['Yes', 'No', 'Blank', 'None given'].forEach((v, k) => w.push(...right(v, xs[k]!, 153)));
  assert.ok(!layoutPage(page(w)).some((b) => b.type === 'table'));
});

test('a LaTeX table: column rules drawn a piece per line and stopping short of the horizontal rules, no rules at the sides, a cell spanning rows', () => {
  const s: TextSpan[] = [];
  const rules: Array<[number, number, number, number]> = [];
  const h = (y: number, x0 = 72, x1 = 400) => rules.push([x0, y - 0.2, x1, y + 0.2]);
  // Column rules at 140, 200 and 260, one piece per line of text; each piece stops 4 points short of a horizontal rule.
  const v = (y0: number, y1: number) => { for (const x of [140, 200, 260]) rules.push([x - 0.2, y0, x + 0.2, y1]); };
  h(100); h(114); h(158, 140); h(202);
  const line = (cells: string[], y: number) => cells.forEach((c, k) => { if (c) s.push(...words(c, [76, 144, 204, 264][k]!, y)); });
  line(['Data', 'Model', 'Category', 'Score'], 110); v(104, 112);
  const body = [['Canonical', 'DETR', 'Simple', '0.93'], ['', '', 'Complex', '0.27'], ['', '', 'All', '0.58'], ['', 'FRCNN', 'Simple', '0.08'], ['', '', 'Complex', '0.11'], ['', '', 'All', '0.10']];
  const ys = [126, 138, 150, 170, 182, 194];
  body.forEach((r, i) => line(r, ys[i]!));
  v(118, 128); v(128, 140); v(140, 152); v(162, 172); v(172, 184); v(184, 198);
  const blocks = layoutPage(page(s, { rules }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['Data', 'Model', 'Category', 'Score'], ...body]);
  assert.deepEqual(blocks[0]!.merged, [{ row: 1, col: 0, rowSpan: 6, colSpan: 1 }]);
});

test('a ruled row holding two entries (a figure on each line) is two rows; a header wrapped to two lines in every cell is one', () => {
  const xs = [72, 260, 400];
  const ys = [100, 120, 150, 180];
  const s: TextSpan[] = [];
  s.push(...words('Total', 76, 110), ...words('Net', 264, 110));
  s.push(...words('Metaclusters', 76, 132), ...words('302', 264, 132));
  s.push(...words('Metaclusters (rows of three)', 76, 144), ...words('101', 264, 144));
  s.push(...words('Source articles', 76, 162), ...words('Basic clusters', 264, 162));
  s.push(...words('Basic patterns', 76, 174), ...words('Pattern types', 264, 174));
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['Total', 'Net'], ['Metaclusters', '302'], ['Metaclusters (rows of three)', '101'], ['Source articles Basic patterns', 'Basic clusters Pattern types']]);
});

test('a table ruled between its rows only, each rule drawn cell by cell, takes its columns from the breaks between the pieces', () => {
  const s: TextSpan[] = [];
  const rules: Array<[number, number, number, number]> = [];
  // Row rules drawn as three pieces, 2 points apart, at the column edges 136 and 208.
  const h = (y: number) => { for (const [x0, x1] of [[50, 135], [137, 207], [209, 560]]) rules.push([x0!, y - 0.5, x1!, y + 0.5]); };
  const rows: Array<[string, string[], string[]]> = [
    ['Length', ['integer'], ['(Required) The number of bytes from the beginning of', 'the line following the keyword stream to the last byte', 'just before the keyword endstream.']],
    ['Filter', ['name or', 'array'], ['(Optional) The name of a filter to be applied in', 'processing the stream data found between the keywords.']],
    ['FFilter', ['name or', 'array'], ['(Optional; PDF 1.2) The name of a filter to be applied', 'in processing the data found in the external file.']],
    ['DL', ['integer'], ['(Optional; PDF 1.5) A non-negative integer representing', 'the number of bytes in the decoded stream.']],
  ];
  let y = 100;
  for (const [key, type, value] of rows) {
    h(y);
    s.push(...words(key, 54, y + 12));
    type.forEach((t, k) => s.push(...words(t, 141, y + 12 + 12 * k)));
    value.forEach((t, k) => s.push(...words(t, 213, y + 12 + 12 * k)));
    y += 12 * Math.max(type.length, value.length) + 8;
  }
  h(y);
  const blocks = layoutPage(page(s, { rules }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, rows.map(([k, t, v]) => [k, t.join(' '), v.join(' ')]));
});

/** A district's cases of three diseases, this week (A) and this year (B). */
const DISEASES = [
  ['Colombo', '104', '8504', '0', '24', '0', '11'], ['Gampaha', '63', '5573', '4', '38', '0', '25'],
  ['Kalutara', '40', '1834', '1', '31', '0', '6'], ['Kandy', '94', '3320', '4', '42', '0', '3'],
  ['Matale', '11', '924', '0', '20', '0', '2'], ['Nuwara Eliya', '5', '253', '3', '68', '0', '6'],
  ['Galle', '37', '1556', '6', '39', '0', '4'], ['Hambantota', '18', '701', '5', '34', '0', '5'],
  ['Matara', '26', '1236', '2', '14', '0', '2'], ['Jaffna', '12', '916', '3', '74', '0', '2'],
];

/**
 * A disease table: "A  B" under each disease, set at `letters`, the district names in the first column
 * under "RDHS". The disease headings are centred over their pairs and reach into the gutter before them.
 */
function diseaseTable(letters: Array<[string, number]>): Block[] {
  const o = { size: 8 };
  const s: TextSpan[] = [];
  const at = (text: string, x: number, y: number): TextSpan => span(text, x, y, o);
  s.push(at('RDHS', 37, 54), at('Dengue', 98, 54), at('Dysentery', 143, 54), at('Encephalitis', 193, 54));
  for (const [t, x] of letters) s.push(at(t, x, 70));
  const rights = [107, 140, 158, 186, 206, 232];
  DISEASES.forEach((r, i) => {
    const y = 87 + 17 * i;
    s.push(at(r[0]!, 37, y));
    rights.forEach((x, k) => s.push(at(r[k + 1]!, x - 4 * r[k + 1]!.length, y)));
  });
  return layoutPage(page(s));
}

const DISEASE_HEAD = ['RDHS', 'Dengue', '', 'Dysentery', '', 'Encephalitis', ''];

test('group headings over pairs of figure columns beside a stub heading in the first column are a header row spanning the pairs', () => {
  const blocks = diseaseTable([['A', 100], ['B', 133], ['A', 151], ['B', 179], ['A', 199], ['B', 225]]);
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [DISEASE_HEAD, ['', 'A', 'B', 'A', 'B', 'A', 'B'], ...DISEASES]);
  assert.deepEqual(blocks[0]!.merged, [1, 3, 5].map((col) => ({ row: 0, col, rowSpan: 1, colSpan: 2 })));
});

test('headings on three levels over a table of figures and dashes: each heading spans the groups under it up to the next one', () => {
  // "Men" and "Women", each over "2017-18" and "4-Class", each over "N" and "%"; a dash for a rate left out.
  const s: TextSpan[] = [];
  const right = (t: string, x: number, y: number): TextSpan[] => words(t, x - textWidth(t), y);
  const rights = [170, 200, 240, 270, 330, 360, 400, 430];
  s.push(...words('Men', 150, 100), ...words('Women', 310, 100));
  for (const x of [150, 310]) s.push(...words('2017-18', x, 112), ...words('4-Class', x + 75, 112));
  rights.forEach((x, k) => s.push(...right(k % 2 ? '%' : 'N', x, 124)));
  const body = [
    ['Am. Ind./AN', '0', '-', '22', '45', '0', '-', '15', '33'], ['Asian', '0', '-', '20', '60', '0', '-', '26', '73'],
    ['Black', '0', '-', '229', '35', '0', '-', '311', '43'], ['Hispanic', '0', '-', '77', '44', '0', '-', '66', '38'],
    ['White', '0', '-', '1623', '49', '0', '-', '2058', '60'],
  ];
  body.forEach((r, i) => {
    s.push(...words(r[0]!, 72, 138 + 13 * i));
    rights.forEach((x, k) => s.push(...right(r[k + 1]!, x, 138 + 13 * i)));
  });
  const blocks = layoutPage(page(s));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [
    ['', 'Men', '', '', '', 'Women', '', '', ''],
    ['', '2017-18', '', '4-Class', '', '2017-18', '', '4-Class', ''],
    ['', 'N', '%', 'N', '%', 'N', '%', 'N', '%'],
    ...body,
  ]);
  assert.deepEqual(blocks[0]!.merged, [
    { row: 0, col: 1, rowSpan: 1, colSpan: 4 }, { row: 0, col: 5, rowSpan: 1, colSpan: 4 },
    ...[1, 3, 5, 7].map((col) => ({ row: 1, col, rowSpan: 1, colSpan: 2 })),
  ]);
});

test('stars for figures left out, set close enough to be chained into one piece, are one cell each', () => {
  const s: TextSpan[] = [];
  const right = (t: string, x: number, y: number): TextSpan[] => words(t, x - textWidth(t), y);
  const body = [['Asian', '12', '34', '56'], ['Black', '15', '53', '57'], ['Hispanic', '31', '74', '22'], ['Nat. Haw./PI', '***', '***', '***'], ['White', '29', '79', '70'], ['Total', '56', '66', '61']];
  body.forEach((r, i) => {
    s.push(...words(r[0]!, 72, 100 + 13 * i));
    [200, 222, 244].forEach((x, k) => s.push(...right(r[k + 1]!, x, 100 + 13 * i)));
  });
  const blocks = layoutPage(page(s));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, body);
});

test('tables side by side under their names, two rows of them down the page: each row of tables is one table under its names', () => {
  // Each table: the groups in its first column, rates with a note letter ("100-a") or a dash in three columns.
  const s: TextSpan[] = [];
  const right = (t: string, x: number, y: number): TextSpan[] => words(t, x - textWidth(t), y);
  const rights = [170, 200, 230, 358, 388, 418];
  const body = [
    ['Asian', '-', '-', '-', 'Asian', '-', '-', '-'], ['Black', '100-a', '50-a', '50-a', 'Black', '100-a', '33-a', '82-c'],
    ['Hispanic', '-', '-', '100-a', 'Hispanic', '-', '-', '-'], ['White', '25-a', '52-e', '97-e', 'White', '-', '100-a', '100-a'],
    ['Total', '50-b', '50-e', '94-e', 'Total', '100-a', '67-b', '88-d'],
  ];
  const block = (names: [string, string], y: number): number => {
    s.push(...words(names[0], 150, y), ...words(names[1], 338, y));
    s.push(...words('%-N', 150, y + 12), ...words('%-N', 338, y + 12));
    body.forEach((r, i) => {
      const yy = y + 26 + 13 * i;
      s.push(...words(r[0]!, 72, yy), ...words(r[4]!, 260, yy));
      rights.forEach((x, k) => s.push(...right(r[k < 3 ? k + 1 : k + 2]!, x, yy)));
    });
    return y + 26 + 13 * body.length + 8;
  };
  block(["Men's Basketball", "Women's Soccer"], block(["Men's Golf Team", "Women's Golf"], 100));
  const tables = layoutPage(page(s)).filter((b) => b.type === 'table');
  assert.equal(tables.length, 2);
  const head = (a: string, b: string): string[][] => [['', a, '', '', '', b, '', ''], ['', '%-N', '', '', '', '%-N', '', '']];
  assert.deepEqual(tables[0]!.rows, [...head("Men's Golf Team", "Women's Golf"), ...body]);
  assert.deepEqual(tables[1]!.rows, [...head("Men's Basketball", "Women's Soccer"), ...body]);
  assert.deepEqual(tables[1]!.merged, [{ row: 0, col: 1, rowSpan: 1, colSpan: 3 }, { row: 0, col: 5, rowSpan: 1, colSpan: 3 }]);
});

test('a ruled row of rows under no rules that starts with a section label alone in the key column: the label is a row of its own', () => {
  const xs = [72, 200, 260, 320];
  const ys = [100, 120, 200];
  const s: TextSpan[] = [];
  s.push(...words('Item', 76, 114), ...words('2013', 204, 114), ...words('2014', 264, 114));
  s.push(...words('Gross domestic product', 76, 134));
  const body = [['Total', '3.2', '2.6'], ['Per capita', '1.3', '0.7'], ['Business sector', '3.4', '2.5'], ['Construction', '1.3', '-1.7']];
  body.forEach((r, i) => s.push(...words(r[0]!, 76, 148 + 14 * i), ...words(r[1]!, 204, 148 + 14 * i), ...words(r[2]!, 264, 148 + 14 * i)));
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['Item', '2013', '2014'], ['Gross domestic product', '', ''], ...body]);
});

test('a ruled table of right-to-left labels is read from the right: the labels\' column comes first', () => {
  // Labels in Hebrew in the rightmost column, years and figures to their left (the latest year leftmost).
  const xs = [72, 130, 188, 320];
  const ys = [100, 120, 140, 160, 180];
  const rtl = { dir: 'rtl' as const };
  const s: TextSpan[] = [];
  s.push(...words('2014', 76, 114), ...words('2013', 134, 114));
  const body = [['סך הכל', '3.2', '2.6'], ['בינוי', '1.3', '-1.7'], ['יצוא', '2.4', '2.2']];
  body.forEach((r, i) => s.push(...words(r[2]!, 76, 134 + 20 * i), ...words(r[1]!, 134, 134 + 20 * i), span(r[0]!, 250, 134 + 20 * i, rtl)));
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['', '2013', '2014'], ...body]);
});

test('a line set close under a row, its first cell empty and its cells under cells with words, holds those cells\' further lines', () => {
  const s: TextSpan[] = [];
  const xs = [72, 100, 330, 370, 470];
  const line = (cells: string[], y: number): void => cells.forEach((c, k) => { if (c) s.push(...words(c, xs[k]!, y)); });
  line(['#', 'DESCRIPTION', 'EIF', 'VALUE', 'INCOME'], 110);
  const rows: Array<[string[], string[]?]> = [
    [['1', 'Vanguard Inflation Protected Securities', 'Yes', '$1,001 - $15,000', 'None (or less'], ['', '(VIPIX)', '', '', 'than $201)']],
    [['2', 'SSgA S&P 500 Index', 'Yes', '$15,001 -', 'None (or less'], ['', '', '', '$50,000', 'than $201)']],
    [['3', 'SSgA Mid Cap Equity Index', 'Yes', '$1,001 - $15,000', 'None']],
    [['4', 'Artisan Mid Cap Fund', 'Yes', '$1,001 - $15,000', 'None']],
  ];
  let y = 124;
  for (const [first, more] of rows) {
    line(first, y);
    if (more) { y += 10; line(more, y); }
    y += 24;
  }
  const blocks = layoutPage(page(s));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [
    ['#', 'DESCRIPTION', 'EIF', 'VALUE', 'INCOME'],
    ['1', 'Vanguard Inflation Protected Securities (VIPIX)', 'Yes', '$1,001 - $15,000', 'None (or less than $201)'],
    ['2', 'SSgA S&P 500 Index', 'Yes', '$15,001 - $50,000', 'None (or less than $201)'],
    ['3', 'SSgA Mid Cap Equity Index', 'Yes', '$1,001 - $15,000', 'None'],
    ['4', 'Artisan Mid Cap Fund', 'Yes', '$1,001 - $15,000', 'None'],
  ]);
});

/**
 * A ruled grid of items (column rules at `xs`, rows at 100/120/180) with the heads "Item", "Qty", "Value" and the rows
 * of `body`, each written by `row` at its baseline, under the spans `above` (rules at `ys` instead, if given); the page's blocks.
 */
function itemGrid(xs: number[], body: string[][], row: (s: TextSpan[], r: string[], i: number, y: number) => void, opts: { ys?: number[]; above?: TextSpan[] } = {}): Block[] {
  const s: TextSpan[] = [...(opts.above ?? [])];
  s.push(...words('Item', 76, 114), ...words('Qty', 164, 114), ...words('Value', 204, 114));
  body.forEach((r, i) => row(s, r, i, 134 + 14 * i));
  return layoutPage(page(s, { rules: columnRules(xs, opts.ys ?? [100, 120, 180]) }));
}

/** The rows of the sliver grids below (a column two points wide before the items). */
const SLIVER_BODY = [['Alpha', '24.', '7175.12'], ['Beta', '90.', '135.64'], ['Gamma', '5.', '412.50']];

test('a span chaining two ruled cells set close together ("90. 13502.64" over a column rule) is cut at the rule', () => {
  const body = [['Alpha', '24.', '7175.12'], ['Beta', '90.', '13502.64'], ['Gamma', '5.', '412.50']];
  const blocks = itemGrid([72, 160, 200, 260], body, (s, r, _i, y) => {
    s.push(...words(r[0]!, 76, y));
    // The extractor gives the quantity and its value as one span when they are set close together.
    if (r[1] === '90.') s.push(span(`${r[1]} ${r[2]}`, 183, y));
    else s.push(span(r[1]!, 164, y), span(r[2]!, 255 - textWidth(r[2]!), y));
  });
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['Item', 'Qty', 'Value'], ...body]);
});

test('a span running on over a column rule that would not fit one column on either side of a space stays whole', () => {
  const blocks = itemGrid([72, 160, 200, 260], SLIVER_BODY, (s, r, _i, y) => {
    // Spaces fall near both column rules, but the last piece would still run past the grid's edge.
    if (r[0] === 'Beta') s.push(span('Beta has a remark running over both columns', 76, y));
    else s.push(...words(r[0]!, 76, y));
    s.push(span(r[1]!, 164, y), span(r[2]!, 255 - textWidth(r[2]!), y));
  });
  assert.deepEqual(kinds(blocks), ['table']);
  assert.ok(blocks[0]!.rows![2]!.some((c) => c.includes('Beta has a remark running over both columns')));
});

test('text clipped to a sliver of a ruled column (a code drawn under the item name) is left out', () => {
  // Its codes are drawn whole but clipped to the sliver.
  const blocks = itemGrid([72, 74, 160, 200, 260], SLIVER_BODY, (s, r, i, y) => s.push(span(`I0010${i}`, 73, y), ...words(r[0]!, 76, y), span(r[1]!, 164, y), span(r[2]!, 255 - textWidth(r[2]!), y)));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['Item', 'Qty', 'Value'], ...SLIVER_BODY]);
});

test('text starting in a sliver of a ruled grid over no other text (a title) is kept', () => {
  const blocks = itemGrid([72, 74, 160, 200, 260], SLIVER_BODY, (s, r, i, y) => s.push(...words(r[0]!, i === 1 ? 73 : 76, y), span(r[1]!, 164, y), span(r[2]!, 255 - textWidth(r[2]!), y)));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['Item', 'Qty', 'Value'], ...SLIVER_BODY]);
});

test('a row whose last piece, a centred caption, reaches into the gutter after it keeps that gutter beside it', () => {
  const s: TextSpan[] = [];
  const intro = paragraph(prose(3, 50), 72, 100, 460);
  s.push(...intro.spans);
  const y = intro.y + 24;
  // Centred under their figures: "(Commission" is wider than "001-14951" over it and reaches into the gutter
  // before the third column, whose cell in that row is empty.
  s.push(...words('of the United States', 106, y), ...words('001-14951', 287, y), ...words('52-1578738', 435, y));
  s.push(...words('(State or Other Jurisdiction', 94, y + 14), ...words('(Commission', 282, y + 14));
  s.push(...words('of Incorporation)', 114, y + 28), ...words('File Number)', 282, y + 28), ...words('(IRS Employer Identification No.)', 380, y + 28));
  s.push(...paragraph(prose(5, 50), 72, y + 60, 460).spans);
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t);
  assert.deepEqual(t.rows, [
    ['of the United States', '001-14951', '52-1578738'],
    ['(State or Other Jurisdiction', '(Commission', ''],
    ['of Incorporation)', 'File Number)', '(IRS Employer Identification No.)'],
  ]);
});

test('a header wrapped over five lines above columns of figures is one header row', () => {
  const s: TextSpan[] = [];
  const xs = [72, 170, 260, 360];
  // Each column's heading set bottom-aligned, wrapped to the column's width.
  const heads = [['Annual', 'Dataset', 'Year for', 'registrations'], ['Number of', 'registrations'], ['Number', 'registered', 'which', 'occurred in', 'that year'], ['Percentage', 'of those', 'registered']];
  const lines = 5;
  heads.forEach((h, c) => h.forEach((t, k) => s.push(...words(t, xs[c]!, 100 + 11 * (lines - h.length + k)))));
  const body = [['2014', '501,424', '477,752', '95.3'], ['2013', '506,790', '482,658', '95.2'], ['2012', '499,331', '478,733', '95.9'], ['2011', '484,367', '463,450', '95.7'], ['2010', '493,242', '473,661', '96.0']];
  body.forEach((r, i) => r.forEach((t, c) => s.push(...words(t, xs[c]!, 100 + 11 * lines + 14 * i))));
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t);
  assert.deepEqual(t.rows, [heads.map((h) => h.join(' ')), ...body]);
});

test('a title band at the top of a ruled grid whose text runs across the column rules is not a row of the table', () => {
  // The page frame's column rules run up through the title band above the header.
  const title = span('Stock and Sale Statement From 01-Apr-24 to 30-Apr-24', 76, 80);
  const blocks = itemGrid([72, 160, 200, 260], SLIVER_BODY, (s, r, _i, y) => s.push(...words(r[0]!, 76, y), span(r[1]!, 164, y), span(r[2]!, 255 - textWidth(r[2]!), y)),
    { ys: [60, 100, 120, 180], above: [title] });
  assert.deepEqual(kinds(blocks), ['paragraph', 'table']);
  assert.equal(blocks[0]!.text, 'Stock and Sale Statement From 01-Apr-24 to 30-Apr-24');
  assert.deepEqual(blocks[1]!.rows, [['Item', 'Qty', 'Value'], ...SLIVER_BODY]);
});

test('a two-column table whose second cell wraps, set closer than its rows, keeps the further lines in that cell', () => {
  const s: TextSpan[] = [];
  const intro = paragraph(prose(2, 40), 72, 100, 400);
  s.push(...intro.spans);
  let y = intro.y + 30;
  // Rows 19 points apart, a cell's further lines 15 points apart.
  const rows: Array<[string, string[]]> = [['Type', ['Weekly newspaper']], ['Editor', ['Joe Stuver']], ['Founded', ['October, 1918 (as', 'the Broadus', 'Independent), 1935']], ['Owner', ['Pioneer Press']]];
  for (const [label, value] of rows) {
    s.push(...words(label, 300, y));
    value.forEach((v, k) => s.push(...words(v, 380, y + 15 * k)));
    y += 15 * (value.length - 1) + 19;
  }
  s.push(...paragraph(prose(4, 40), 72, y + 20, 400).spans);
  const blocks = layoutPage(page(s));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t);
  assert.deepEqual(t.rows, [['Type', 'Weekly newspaper'], ['Editor', 'Joe Stuver'], ['Founded', 'October, 1918 (as the Broadus Independent), 1935'], ['Owner', 'Pioneer Press']]);
});

test('notes beside their markers, set at one leading, are not a two-column table', () => {
  const s: TextSpan[] = [];
  let y = 100;
  const notes = [['(a)', ['the mill keeps its wheel turning', 'through the winter months']], ['(b)', ['the river never freezes over', 'at this point of its course']], ['(c)', ['the miller sells the flour', 'in the market every week']]];
  for (const [m, lines] of notes as Array<[string, string[]]>) {
    s.push(...words(m, 72, y));
    lines.forEach((l, k) => s.push(...words(l, 110, y + 12 * k)));
    y += 12 * lines.length;
  }
  const blocks = layoutPage(page(s));
  assert.ok(!blocks.some((b) => b.type === 'table'));
});

test('a ruled band whose short label runs over one column rule stays a row of the table', () => {
  const xs = [72, 160, 200, 260];
  const ys = [60, 100, 120, 180];
  const s: TextSpan[] = [];
  // A form's first band: a label in its cell, a short one over the rule between two cells.
  s.push(...words('Policy number', 76, 80), span('Period', 185, 80));
  s.push(...words('Item', 76, 114), ...words('Qty', 164, 114), ...words('Value', 204, 114));
  const body = [['Alpha', '24.', '7175.12'], ['Beta', '90.', '135.64'], ['Gamma', '5.', '412.50']];
  body.forEach((r, i) => {
    const y = 134 + 14 * i;
    s.push(...words(r[0]!, 76, y), span(r[1]!, 164, y), span(r[2]!, 255 - textWidth(r[2]!), y));
  });
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.equal(blocks[0]!.rows![0]![0], 'Policy number');
});

test('a ruled column empty but for the heading spanning it and the next (a column of flags) is left out', () => {
  const xs = [72, 120, 140, 260, 330];
  const ys = [100, 120, 140, 160, 180];
  const rules: Array<[number, number, number, number]> = [];
  for (const y of ys) rules.push([xs[0]!, y - 0.25, xs[xs.length - 1]!, y + 0.25]);
  // No rule between the flag column and the names in the header band: "Circuit" spans both.
  for (const x of xs) rules.push([x - 0.25, x === 140 ? 120 : ys[0]!, x + 0.25, ys[ys.length - 1]!]);
  const s: TextSpan[] = [];
  s.push(...words('Round', 76, 114), ...words('Circuit', 170, 114), ...words('Date', 264, 114));
  const body = [['1', 'Ring Knutstorp', '14 May'], ['2', 'Karlskoga', '28 May'], ['3', 'Mantorp Park', '18 June']];
  body.forEach((r, i) => s.push(...words(r[0]!, 76, 134 + 20 * i), ...words(r[1]!, 144, 134 + 20 * i), ...words(r[2]!, 264, 134 + 20 * i)));
  const blocks = layoutPage(page(s, { rules }));
  assert.deepEqual(kinds(blocks), ['table']);
  assert.deepEqual(blocks[0]!.rows, [['Round', 'Circuit', 'Date'], ...body]);
  assert.equal(blocks[0]!.merged, undefined);
});

test('labels beside long lines of prose that wrap (a contents list of annexes) do not make a two-column table take the wrapped line', () => {
  const s: TextSpan[] = [];
  let y = 100;
  const entries: Array<[string, string[]]> = [
    ['Annex A', ['Medical certificate of cause of death issued by the doctor']],
    ['Annex B', ['Draft entry form used in the current system for registering deaths']],
    ['Annex C', ['Notification to the registrar by the coroner that he does not consider it', 'necessary to hold an inquest with no post-mortem held']],
    ['Annex D', ['Coroner certificate after an inquest was adjourned by the court']],
  ];
  for (const [label, lines] of entries) {
    s.push(...words(label, 72, y));
    lines.forEach((l, k) => s.push(...words(l, 130, y + 12 * k)));
    y += 12 * (lines.length - 1) + 16;
  }
  const blocks = layoutPage(page(s));
  // The entry's second line is prose going on, not a cell's value wrapped: no table takes it.
  assert.ok(blocks.some((b) => b.type !== 'table' && b.text.includes('necessary to hold an inquest')));
});

test('letters set one under another beside labels are not a two-column table\'s values wrapped', () => {
  const s: TextSpan[] = [];
  s.push(...words('Name,', 72, 100), span('R', 130, 100));
  s.push(...words('Address,', 72, 113), span('I', 130, 113));
  s.push(span('N', 130, 120));
  s.push(...words('and SSN', 72, 133), span('T', 130, 133));
  const blocks = layoutPage(page(s));
  assert.ok(!blocks.some((b) => b.type === 'table'));
});

test('a listing of codes set with dot leaders is a two-column table with its group labels; a table of contents stays text', () => {
  const lineAt = (text: string, y: number): TextSpan[] => words(text, 72, y, { size: 9 });
  const s: TextSpan[] = [];
  let y = 80;
  const put = (text: string): void => { s.push(...lineAt(text, y)); y += 11; };
  put('ADAMS');
  for (const e of ['Bermudian Springs . . . . . . . .01110', 'Conewago Valley . . . . . . . . .01160', 'Fairfield Area . . . . . . . . . .01305']) put(e);
  put('ALLEGHENY');
  for (const e of ['Allegheny Valley . . . . . . . . .02060', 'Avonworth . . . . . . . . . . . .02075']) put(e);
  const codes = layoutPage(page(s));
  const table = codes.find((b) => b.type === 'table');
  assert.deepEqual(table?.rows, [['ADAMS', ''], ['Bermudian Springs', '01110'], ['Conewago Valley', '01160'], ['Fairfield Area', '01305'], ['ALLEGHENY', ''], ['Allegheny Valley', '02060'], ['Avonworth', '02075']]);
  assert.deepEqual(table?.merged, [{ row: 0, col: 0, rowSpan: 1, colSpan: 2 }, { row: 4, col: 0, rowSpan: 1, colSpan: 2 }]);
  // Numbers going up by one are codes too; page numbers of a table of contents are not.
  const run = (entries: string[]): Block[] => { const t: TextSpan[] = []; entries.forEach((e, k) => t.push(...lineAt(e, 80 + 11 * k))); return layoutPage(page(t)); };
  const counties = run(['Dillon ........................ 17', 'Dorchester .................... 18', 'Edgefield ..................... 19', 'Fairfield ..................... 20']);
  assert.deepEqual(counties.find((b) => b.type === 'table')?.rows, [['Dillon', '17'], ['Dorchester', '18'], ['Edgefield', '19'], ['Fairfield', '20']]);
  const toc = run(['Introduction .................. 3', 'Related work .................. 7', 'Methods ....................... 12', 'Results ....................... 19']);
  assert.ok(!toc.some((b) => b.type === 'table'), JSON.stringify(toc.map((b) => [b.type, b.text])));
});

test("a LaTeX table of contents in aligned columns (numbers, titles with leaders, page numbers) is its entries, not a table", () => {
  // Section numbers, titles and leaders, page numbers set flush right: three columns of pieces on every line.
  const entries: Array<[string, string, string, boolean]> = [
    ['3', 'Hardware', '3', false], ['3.0.1', 'Analyse und Vorgehensweise Hardware', '3', true], ['3.0.2', 'Stromlaufplan', '4', true],
    ['3.1', 'Auswahl der Bauteile', '5', true], ['4', 'Software', '6', false], ['4.1', 'Into', '6', true], ['4.2', 'char bare protocol (cbp)', '6', true],
  ];
  const s: TextSpan[] = [...words('Inhaltsverzeichnis', 85, 100, { size: 17, bold: true })];
  entries.forEach(([n, title, pg, leader], k) => {
    const y = 130 + 18 * k, bold = !leader;
    s.push(...words(n, 85, y, { size: 12, bold }), ...words(title, 130, y, { size: 12, bold }));
    if (leader) s.push(span('. . . . . . . . . . . . . .', 130 + textWidth(title, 12) + 12, y, { size: 12 }));
    s.push(span(pg, 549, y, { size: 12, bold }));
  });
  const blocks = layoutPage(page(s));
  assert.ok(!blocks.some((b) => b.type === 'table'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  const texts = blocks.map((b) => b.text);
  // One entry per block, its leader kept as printed.
  assert.ok(texts.includes('3.0.1 Analyse und Vorgehensweise Hardware . . . . . . . . . . . . . . 3'), texts.join('\n'));
  assert.ok(texts.includes('4 Software 6'), texts.join('\n'));
});

test('chapters in bold without number or leader, page numbers flush with the entries, are entries of the contents', () => {
  // A LaTeX contents page (a German essay's), its spans at their own places: chapters in bold, sections with leaders.
  const spans: SpanRow[] = [
["Contents", 110.85, 123.94, 186.57, 141.15, 17.22, true],
    ["Definition Nichtwähler", 110.85, 154.58, 244.23, 166.54, 11.96, true],
    ["3", 492.67, 154.58, 499.4, 166.54, 11.96, true],
    ["Wahlbeteiligung in Deutschland", 110.85, 180.98, 299.3, 192.94, 11.96, true],
    ["3", 492.67, 180.98, 499.4, 192.94, 11.96, true],
    ["Probleme des Nichtwählens", 110.85, 207.38, 272.72, 219.34, 11.96, true],
    ["3", 492.67, 207.38, 499.4, 219.34, 11.96, true],
    ["Erklärungsansätze", 110.85, 233.78, 218.25, 245.74, 11.96, true],
    ["4", 492.67, 233.78, 499.4, 245.74, 11.96, true],
    ["Normalisierungsthese . . . . . . . . . . . . . . . . . . . . . . . . . .", 128.79, 248.23, 477.06, 260.18, 11.96],
    ["4", 493.54, 248.23, 499.4, 260.18, 11.96],
    ["Modell des rationalen Wählers . . . . . . . . . . . . . . . . . . . . .", 128.79, 262.67, 477.05, 274.63, 11.96],
    ["4", 493.54, 262.67, 499.4, 274.63, 11.96],
    ["Mangel an Bildung", 128.79, 277.12, 226.5, 289.08, 11.96],
    [". . . . . . . . . . . . . . . . . . . . . . . . . . .", 233.83, 277.12, 477.06, 289.08, 11.96],
    ["5", 493.54, 277.12, 499.4, 289.08, 11.96],
    ["Der soziologische Erklärungsansatz", 128.79, 291.57, 307.91, 303.52, 11.96],
    [". . . . . . . . . . . . . . . . . .", 316.9, 291.57, 477.05, 303.52, 11.96],
    ["5", 493.54, 291.57, 499.4, 303.52, 11.96],
    ["Krisenthese", 128.79, 306.01, 187.77, 317.97, 11.96],
    [". . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .", 196.91, 306.01, 477.06, 317.97, 11.96],
    ["5", 493.54, 306.01, 499.4, 317.97, 11.96],
    ["Lösung Wahlpflicht?", 110.85, 332.41, 230.65, 344.37, 11.96, true],
    ["5", 492.67, 332.41, 499.4, 344.37, 11.96, true],
    ["Einsatz", 128.79, 346.86, 166.73, 358.81, 11.96],
    [". . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .", 178.45, 346.86, 477.06, 358.81, 11.96],
    ["6", 493.54, 346.86, 499.4, 358.81, 11.96],
    ["Pro . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .", 128.79, 361.3, 477.06, 373.26, 11.96],
    ["6", 493.54, 361.3, 499.4, 373.26, 11.96],
    ["Contra . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .", 128.79, 375.75, 477.06, 387.71, 11.96],
    ["6", 493.54, 375.75, 499.4, 387.71, 11.96],
    ["Fazit . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .", 128.79, 390.2, 477.06, 402.15, 11.96],
    ["7", 493.54, 390.2, 499.4, 402.15, 11.96],
    ["Eigenständigkeitserklärung", 110.85, 416.6, 269.61, 428.55, 11.96, true],
    ["7", 492.67, 416.6, 499.4, 428.55, 11.96, true],
    ["Quellen", 110.85, 443, 155.65, 454.95, 11.96, true],
    ["7", 492.67, 443, 499.4, 454.95, 11.96, true],
    ["2", 302.2, 692.5, 308.06, 704.46, 11.96],
  ];
  const s = spansOf(spans, ['LMRoman12-Regular', 'LMRoman12-Bold']);
  const blocks = layoutPage(page(s));
  assert.ok(!blocks.some((b) => b.type === 'table'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Contents']);
  assert.ok(blocks.some((b) => b.text === 'Quellen 7'), blocks.map((b) => b.text).join('\n'));
});

test('a statement ruled only under its totals: every label and entry line in a ruled row is a row of its own', () => {
  // A Word statement drawn as a grid: rules at the top, under the first group's figures and under the total.
  const xs = [50, 400, 480, 560];
  const ys = [100, 142, 158, 200];
  const s: TextSpan[] = [];
  const line = (label: string, a: string, b: string, y: number, x = 58): void => {
    s.push(...words(label, x, y));
    if (a) s.push(...words(a, 420, y), ...words(b, 500, y));
  };
  line('Net sales:', '', '', 112, 52);
  line('Products', '$ 96,388', '$ 104,429', 124);
  line('Services', '20,766', '19,516', 136);
  line('Total net sales', '117,154', '123,945', 152, 70);
  line('Cost of sales:', '', '', 170, 52);
  line('Products', '60,765', '64,309', 182);
  line('Services', '6,057', '5,393', 194);
  const t = layoutPage(page(s, { rules: columnRules(xs, ys) })).find((b) => b.type === 'table');
  assert.deepEqual(t?.rows, [
    ['Net sales:', '', ''], ['Products', '$ 96,388', '$ 104,429'], ['Services', '20,766', '19,516'],
    ['Total net sales', '117,154', '123,945'],
    ['Cost of sales:', '', ''], ['Products', '60,765', '64,309'], ['Services', '6,057', '5,393'],
  ]);
});

test('column heads set above a grid\'s top rule over its figure columns are its first rows; a head across columns spans them', () => {
  const xs = [50, 400, 480, 560];
  const ys = [100, 119, 140];
  const s: TextSpan[] = [...words('Three Months Ended', 445, 72, { bold: true })];
  s.push(...words('December 31,', 415, 84, { bold: true }), ...words('December 25,', 495, 84, { bold: true }));
  s.push(...words('2022', 430, 95, { bold: true }), ...words('2021', 510, 95, { bold: true }));
  s.push(...words('Products', 58, 112), ...words('96,388', 420, 112), ...words('104,429', 500, 112));
  s.push(...words('Services', 58, 126), ...words('20,766', 420, 126), ...words('19,516', 500, 126));
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['table'], blocks.map((b) => b.text).join('\n'));
  assert.deepEqual(blocks[0]!.rows, [
    ['', 'Three Months Ended', ''], ['', 'December 31, 2022', 'December 25, 2021'],
    ['Products', '96,388', '104,429'], ['Services', '20,766', '19,516'],
  ]);
  assert.deepEqual(blocks[0]!.merged, [{ row: 0, col: 1, rowSpan: 1, colSpan: 2 }]);
});

test('a period alone above a grid\'s top rule ("December 31"), reaching into both year columns, heads them across', () => {
  // An audited statement: the period over the years, set off-centre, then a Note column and the years inside the grid.
  const xs = [50, 300, 360, 450, 540];
  const ys = [100, 119, 160];
  const s: TextSpan[] = [...words('December 31', 430, 96, { bold: true })];
  s.push(...words('Note', 320, 112), ...words('2024', 420, 112, { bold: true }), ...words('2023', 510, 112));
  s.push(...words('Cash', 58, 132), ...words('3', 330, 132), ...words('17,299,358', 395, 132), ...words('29,984,998', 485, 132));
  s.push(...words('Prepaid expenses', 58, 146), ...words('372,072', 410, 146), ...words('206,545', 500, 146));
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['table'], blocks.map((b) => b.text).join('\n'));
  assert.deepEqual(blocks[0]!.rows?.slice(0, 2), [['', '', 'December 31', ''], ['', 'Note', '2024', '2023']]);
  assert.deepEqual(blocks[0]!.merged, [{ row: 0, col: 2, rowSpan: 1, colSpan: 2 }]);
  // Any other lone line over two columns is no head ("Unit: thousands" stays above the table).
  const other = layoutPage(page([...words('Unit: thousands', 430, 96), ...s.slice(2)], { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(other), ['paragraph', 'table']);
});

test('a statement ruled only under its totals with bold section labels, nil dashes, peso amounts and a label wrapped onto the amounts\' line', () => {
  const xs = [50, 300, 360, 450, 540];
  const ys = [100, 119, 210];
  const s: TextSpan[] = [...words('Note', 320, 112), ...words('2024', 420, 112), ...words('2023', 510, 112)];
  const line = (label: string, note: string, a: string, b: string, y: number, bold = false): void => {
    s.push(...words(label, 58, y, { bold }));
    if (note) s.push(...words(note, 330, y));
    if (a) s.push(...words(a, 395, y), ...words(b, 485, y));
  };
  line('ASSETS', '', '', '', 126, true);
  line('Current Assets', '', '', '', 138, true);
  line('Cash', '3', '₱17,299,358', '₱29,984,998', 150);
  line('Creditable withholding taxes', '', '2,516,884', '–', 162);
  line('Declaration of cash dividends - a share in', '', '', '', 174);
  line('2024 and 2023', '8', '(15,341,437)', '(31,757,510)', 186);
  line('Net income', '', '(₱17,783,267)', '₱8,160,879', 198);
  const t = layoutPage(page(s, { rules: columnRules(xs, ys) })).find((b) => b.type === 'table');
  assert.deepEqual(t?.rows, [
    ['', 'Note', '2024', '2023'], ['ASSETS', '', '', ''], ['Current Assets', '', '', ''], ['Cash', '3', '₱17,299,358', '₱29,984,998'],
    ['Creditable withholding taxes', '', '2,516,884', '–'],
    ['Declaration of cash dividends - a share in 2024 and 2023', '8', '(15,341,437)', '(31,757,510)'],
    ['Net income', '', '(₱17,783,267)', '₱8,160,879'],
  ]);
});

test('a title or a unit note above a grid, or a row of figures, is not taken as its column heads', () => {
  const xs = [50, 400, 480, 560];
  const ys = [100, 119, 140];
  const s: TextSpan[] = [...words('Unit: thousands', 490, 95)];
  s.push(...words('Products', 58, 112), ...words('96,388', 420, 112), ...words('104,429', 500, 112));
  s.push(...words('Services', 58, 126), ...words('20,766', 420, 126), ...words('19,516', 500, 126));
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.deepEqual(kinds(blocks), ['paragraph', 'table']);
  const figures = [...words('Abstentions', 410, 95), ...words('22', 500, 95)];
  const other = layoutPage(page([...s.slice(words('Unit: thousands', 490, 95).length), ...figures], { rules: columnRules(xs, ys) }));
  assert.equal(other.find((b) => b.type === 'table')?.rows?.[0]?.[0], 'Products');
});

test('form labels ending in a colon beside their values, under a logo and a title, are a grid, not two columns', () => {
  // An accident report's head: a logo left of the title, then label/value pairs in four columns.
  const s: TextSpan[] = [...words('National Transportation Safety Board', 180, 90, { size: 18, bold: true }), ...words('Aviation Accident Final Report', 205, 111, { size: 18, bold: true })];
  const rows = [['Location:', 'Belen, NM', 'Accident Number:', 'DEN08CA034'], ['Date & Time:', '11/27/2007, 1100 MST', 'Registration:', 'N74SR'],
    ['Aircraft:', 'Godwin, David P Sorrell SNJ-7', 'Aircraft Damage:', 'Substantial'], ['Defining Event:', '', 'Injuries:', '1 None']];
  rows.forEach((r, k) => {
    const y = 160 + 20 * k;
    s.push(...words(r[0]!, 54, y, { bold: true }));
    if (r[1]) s.push(...words(r[1], 181, y));
    s.push(...words(r[2]!, 352, y, { bold: true }), ...words(r[3]!, 460, y));
  });
  s.push(...words('Flight Conducted Under:', 54, 240, { bold: true }), ...words('Part 91: General Aviation - Personal', 181, 240));
s.push(...words('Analysis', 54, 280, { size: 15, bold: true }));
  for (let k = 0; k < 4; k++) s.push(...words(prose(k, 90).slice(0, 90), 54, 310 + 14 * k, { size: 12 }));
  const blocks = layoutPage(page(s, { figures: [[74, 57, 144, 129]] }));
  const t = blocks.find((b) => b.type === 'table');
  assert.deepEqual(t?.rows?.[1], ['Date & Time:', '11/27/2007, 1100 MST', 'Registration:', 'N74SR'], blocks.map((b) => `${b.type}: ${b.text.slice(0, 60)}`).join('\n'));
});

test('labels with their blanks on both sides of a gap are rows of a form, not two columns, beside an address', () => {
  // An invoice: the shop's address alone on the left, then "Invoice#:____" beside "Customer Name:____", row by row.
  const s: TextSpan[] = [...words('Kao Ink Inc.', 72, 130, { bold: true }), ...words('6230 Lanark Street', 72, 145), ...words('Vancouver BC', 72, 157), ...words('V5P 2Y8', 72, 169)];
  const rows = [['Invoice#:______________', 'Customer Name:______________'], ['Invoice Date:__________', 'Customer Email:_____________'], ['', 'Customer Phone#:____________'],
    ['Due Date:______________', 'Subtotal:_______________'], ['', 'Sales Tax:______________']];
  rows.forEach(([l, r], k) => {
    if (l) s.push(span(l, 72, 200 + 25 * k));
    s.push(span(r!, 300, 200 + 25 * k));
  });
  const text = layoutPage(page(s)).map((b) => b.text).join('\n');
  const at = (t: string): number => text.indexOf(t);
  assert.ok(at('Customer Name') < at('Invoice Date') && at('Invoice Date') < at('Customer Email') && at('Subtotal') < at('Sales Tax'), text);
});

test('framed articles stacked a little apart are not one grid, and their sides part them from a sidebar', () => {
  // A club newsletter: a justified article in a box, a calendar beside it (dates closer to the box's text than to
  // their events, no box of its own), a second box under both, 5.8 pt below the first.
  const s: TextSpan[] = [];
  const text = prose(1, 200);
  let y = 110;
  for (let k = 0; k * 59 < 700; k++, y += 11) s.push(span(text.slice(k * 59, k * 59 + 59).padEnd(59, 'e'), 60, y, { size: 9 }));
  const events = ['Classification Speeches: Hector Ceballos', 'No meeting!', 'Russ Hauck, IDignity', 'Club Assembly', 'Dr. Phil Hoffman, Executive Director, WUCF', 'Installation Banquet'];
  events.forEach((e, k) => s.push(span(['6/27', '7/4', '7/11', '7/18', '7/25', '6/25'][k]!, 346, 120 + 20 * k, { size: 9 }), ...words(e, 387, 120 + 20 * k, { size: 8 })));
  const second = paragraph(prose(2, 90), 60, y + 30, 490, { size: 9 });
  s.push(...second.spans);
  const box = (x0: number, y0: number, x1: number, y1: number): Array<[number, number, number, number]> => [[x0, y0, x1, y0], [x1, y0, x1, y1], [x0, y1, x1, y1], [x0, y0, x0, y1]];
  const rules = [...box(50.5, 95, 327, y - 5), ...box(50.5, y + 0.8, 561.5, second.y + 5)];
  const blocks = layoutPage(page(s, { rules }));
  const table = blocks.find((b) => b.type === 'table');
  assert.deepEqual(table?.rows?.[0], ['6/27', 'Classification Speeches: Hector Ceballos'], blocks.map((b) => `${b.type}: ${b.text.slice(0, 80)}`).join('\n'));
  assert.ok(blocks.filter((b) => b.type === 'paragraph').every((b) => !/\d\/\d/.test(b.text)), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
});

test('a calculation set over two columns ("0.3 *" before "80 = 24") and a euro sign after its figure are parts of one cell', () => {
  // A business plan's market-share table (each year's heading right-aligned over its result) and its fixed costs.
  const s: TextSpan[] = [span('Marktanteil', 95, 170), span('1. Jahr', 203, 170), span('2. Jahr', 292, 170)];
  const rows: Array<[string, Array<[string, number]>]> = [
    ['Taekwondo', [['0.3 *', 167], ['80 = 24', 203], ['0.8 *', 250], ['80 = 64', 292]]],
    ['Geräteturnen', [['0', 233], ['0.3 *', 250], ['100 = 30', 287]]],
    ['Eiskunstlaufen', [['0', 233], ['0.3 *', 250], ['50 = 15', 292]]],
    ['Total', [['24', 228], ['139', 312]]],
  ];
  rows.forEach(([label, cells], k) => s.push(span(label, 95, 182 + 12 * k), ...cells.map(([t, x]) => span(t, x, 182 + 12 * k))));
  s.push(span('A.2. Fixe Kosten', 89, 260, { size: 12, bold: true }), span('Bezeichnung', 95, 290), span('pro Jahr', 169, 290));
  [['Server', '600'], ['Büroräume', '12000'], ['Hardware', '5000']].forEach(([label, sum], k) => {
    s.push(span(label!, 95, 302 + 12 * k), span(sum!, 209 - 5 * sum!.length, 302 + 12 * k), span('€', 222, 302 + 12 * k));
  });
  // A table with no header row: its signs column starts on the first row ("€ pro Jahr" too).
  s.push(span('A.3. Rentabilität', 89, 360, { size: 12, bold: true }));
  [['Kapital', '100000', '€'], ['Zinssatz', '6', '%'], ['Abschreibungen', '20000', '€ pro Jahr'], ['Gewinn', '8600', '€']].forEach(([label, sum, unit], k) => {
    s.push(span(label!, 95, 390 + 12 * k), span(sum!, 209 - 5 * sum!.length, 390 + 12 * k), span(unit!, 222, 390 + 12 * k));
  });
  const tables = layoutPage(page(s)).filter((b) => b.type === 'table');
  assert.deepEqual(tables[0]?.rows?.slice(0, 3), [['Marktanteil', '1. Jahr', '2. Jahr'], ['Taekwondo', '0.3 * 80 = 24', '0.8 * 80 = 64'], ['Geräteturnen', '0', '0.3 * 100 = 30']], JSON.stringify(tables.map((t) => t.rows)));
  assert.deepEqual(tables[1]?.rows?.slice(0, 2), [['Bezeichnung', 'pro Jahr'], ['Server', '600 €']], JSON.stringify(tables.map((t) => t.rows)));
  assert.deepEqual(tables[2]?.rows, [['Kapital', '100000 €'], ['Zinssatz', '6 %'], ['Abschreibungen', '20000 € pro Jahr'], ['Gewinn', '8600 €']], JSON.stringify(tables.map((t) => t.rows)));
  // A yen sign leads the figure after it (a Japanese statement's "¥ 201,683"): after a column of figures it stays apart.
  const yen: TextSpan[] = [];
  [['Sales', '233,512', '¥'], ['Costs', '31,874', '¥'], ['Profit', '7,630', '¥']].forEach(([label, sum, sign], k) => {
    yen.push(span(label!, 95, 100 + 12 * k), span(sum!, 209 - 5 * sum!.length, 100 + 12 * k), span(sign!, 222, 100 + 12 * k));
  });
  assert.deepEqual(layoutPage(page(yen)).find((b) => b.type === 'table')?.rows?.[0], ['Sales', '233,512', '¥']);
});

test('a bilingual label wrapped after its slash goes on in its cell ("Passageiro Frequente/" over "Frequent Flyer")', () => {
  // A boarding pass: Portuguese/English labels in 8 pt beside their values in bold, the last label on two lines.
  const s: TextSpan[] = [span('BOARDING PASS', 30, 50, { size: 23 })];
  const rows: Array<[string, string, number]> = [['Nome/Name', 'AIKEN/GAVIN', 97], ['Bilhete/Ticket', '0472168406830', 119], ['Voo/Flight', 'TP204', 139], ['Passageiro Frequente/', 'UA SJ286415', 159]];
  for (const [label, value, y] of rows) s.push(span(label, 30.4, y, { size: 8 }), span(value, 124, y + 0.5, { size: 9, bold: true }));
  s.push(span('Frequent Flyer', 30.4, 168.5, { size: 8, italic: true }));
  const blocks = layoutPage(page(s));
  const table = blocks.find((b) => b.type === 'table');
  assert.deepEqual(table?.rows?.[3], ['Passageiro Frequente/ Frequent Flyer', 'UA SJ286415'], blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
});

test("a boarding pass's field header over its one row of values is a table, and the flight over it no row of it", () => {
  // Header pieces in 6.5 pt bold capitals, values in 8 pt ("15 Feb 18", "23:30", "Y"), the flight and city above in 12 pt.
  const s: TextSpan[] = [span('TP204', 29.4, 198, { size: 12, bold: true }), span('NEW YORK (Terminal 5)', 99.7, 198, { size: 12 })];
  const cols: Array<[string, string, number]> = [['DATE', '15 Feb 18', 30.5], ['DEPARTURE', '23:30', 88.5], ['BOARDING', '22:45', 154], ['GATE', '30', 214], ['CLASS', 'Y', 271]];
  for (const [head, value, x] of cols) s.push(span(head, x, 223, { size: 6.5, bold: true }), span(value, x, 234.5, { size: 8 }));
  s.push(...paragraph(prose(5, 30), 30, 300, 500).spans);
  const blocks = layoutPage(page(s));
  const table = blocks.find((b) => b.type === 'table');
  assert.deepEqual(table?.rows, [['DATE', 'DEPARTURE', 'BOARDING', 'GATE', 'CLASS'], ['15 Feb 18', '23:30', '22:45', '30', 'Y']], blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
});

test('a form framed whole, ruled into bands with columns of their own, has only its item grid as a table', () => {
  // An Argentine invoice: one frame round the page; rules across it part a header (a letter's box in the middle, a
  // line hanging under it), the customer's box, the item grid (column rules from its top to its bottom) and the totals.
  const s: TextSpan[] = [];
  s.push(...words('Empresa de Prueba', 30, 70, { bold: true }), ...words('Direccion de Prueba', 30, 84), span('A', 286, 38, { size: 16 }));
  s.push(...words('Factura Nº 4000-12345678', 320, 70), ...words('Fecha: 27/03/2011', 320, 84));
  s.push(...words('Sr.(s): Joao Da Silva', 30, 140), ...words('Dirección: Rua 76 km 34.5 Alagoas', 30, 154), ...words('Localidad: Hurlingham', 30, 168));
  const cols = [21, 120, 350, 420, 520, 588];
  const head = ['Articulo', 'Descripción', 'Cantidad', 'Precio', 'Importe'];
  const item = ['P0001', 'Descripcion del producto', '1,0000', '100,00', '121,00'];
  head.forEach((t, k) => s.push(span(t, cols[k]! + 4, 216)));
  item.forEach((t, k) => s.push(...words(t, cols[k]! + 4, 232)));
  s.push(...words('Observaciones Generales, texto libre', 124, 260));
  s.push(...words('Descuento: 10,00 Neto: 100,00 Subtotal: 90,00', 30, 690), ...words('Total: 122,00', 470, 760));
  const rules: Array<[number, number, number, number]> = [];
  for (const y of [21, 122, 206, 220, 667, 811]) rules.push([21, y - 0.25, 588, y + 0.25]);
  rules.push([20.75, 21, 21.25, 811], [587.75, 21, 588.25, 811]);
  // The letter's box and the line under it.
  rules.push([277, 21, 277.5, 50.5], [305.5, 21, 306, 50.5], [277, 50.25, 306, 50.75], [292, 50.5, 292.5, 122]);
  for (const x of cols.slice(1, -1)) rules.push([x - 0.25, 206, x + 0.25, 667]);
  const blocks = layoutPage(page(s, { rules }));
  const tables = blocks.filter((b) => b.type === 'table');
  assert.equal(tables.length, 1, blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.deepEqual(tables[0]!.rows?.[0], head);
  assert.deepEqual([tables[0]!.rows?.[1]?.[0], tables[0]!.rows?.[1]?.[4]], ['P0001', '121,00']);
  const text = blocks.filter((b) => b.type !== 'table').map((b) => b.text).join('\n');
  for (const t of ['Joao Da Silva', 'Subtotal: 90,00', 'Empresa de Prueba']) assert.ok(text.includes(t), text);
});

test('a table ruled round its header, its body of aligned lines parted by one rule across, stays one table', () => {
  // A Senate expenditure report: a ruled header box over a framed body whose lines sit in the header's columns.
  const s: TextSpan[] = [];
  const cols = [70, 200, 340, 560, 712];
  ['DOCUMENT NO.', 'PAYEE NAME', 'DESCRIPTION', 'AMOUNT ($)'].forEach((t, k) => s.push(span(t, cols[k]! + 4, 118)));
  const rows = [['OSSN2019', 'BAIN, J MATTHEW', 'DISTRICT DIRECTOR', '37,499.96'], ['OSSN2020', 'SMITH, ALAN', 'LEGISLATIVE CORRESPONDENT', '21,666.66'],
    ['OSSN2021', 'CITIBANK - TRAVEL', 'STAFF TRANSPORTATION', '340.00'], ['OSSN2022', 'CITIBANK - TRAVEL', 'AIRFARE TO KANSAS CITY', '907.96']];
  rows.forEach((r, i) => r.forEach((t, k) => s.push(span(t, cols[k]! + 4, 150 + 14 * i + (i >= 2 ? 10 : 0)))));
  const rules: Array<[number, number, number, number]> = [];
  for (const y of [99, 129, 131, 182, 509]) rules.push([70, y - 0.25, 712, y + 0.25]);
  for (const x of cols) rules.push([x - 0.25, 99, x + 0.25, 129]);
  rules.push([69.75, 131, 70.25, 509], [711.75, 131, 712.25, 509]);
  const tables = layoutPage(page(s, { rules })).filter((b) => b.type === 'table');
  assert.equal(tables.length, 1);
  assert.deepEqual(tables[0]!.rows, [['DOCUMENT NO.', 'PAYEE NAME', 'DESCRIPTION', 'AMOUNT ($)'], ...rows]);
});

test('a Korean cover block of letter-spaced labels ("소    속:") is lines of text, not a table of single letters', () => {
  // A report's cover: two-letter labels spread to the width of the four-letter one under them.
  // Hangul set a full em wide, the colon and its space 4 pt (as the text layer measures them).
  const at = (text: string, x: number, y: number, w: number): TextSpan => ({ text, bbox: [x, y - 10, x + w, y + 2], fontSize: 12 });
  const s: TextSpan[] = [];
  const rows: Array<[string[], string]> = [[['소', '속'], '수학과'], [['학', '번'], '2016603009'], [['이', '름'], '문 하 영']];
  rows.forEach(([label, value], k) => {
    const y = 640 + 19 * k;
    s.push(at(label[0]!, 346, y, 12), at(label[1]!, 382, y, 12), at(': ', 394, y, 4), at(value, 404, y, 6 * value.length));
  });
  s.push(at('담당교수', 346, 697, 48), at(': ', 394, 697, 4), at('최 민 규', 404, 697, 48));
  const blocks = layoutPage(page(s));
  assert.ok(blocks.every((b) => b.type !== 'table'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  const text = blocks.map((b) => b.text).join('\n');
  for (const t of ['소 속: 수학과', '학 번: 2016603009', '이 름: 문 하 영']) assert.ok(text.includes(t), text);
});

/**
 * An invoice's page (BillCraft's ReportLab page), its spans at their own places: the customer's address on the left,
 * the number and date on the right, an item table whose third name runs on into the quantity ("…Maker1", one span),
 * a discount row, the totals on the right and a footer of four columns.
 */
function invoicePage(): PositionedPage {
  const spans: SpanRow[] = [
["Rainer Gmbh | Schwerwa 22 | 51235 Mittelbembra", 70.87, 146.85, 295.04, 158.02, 10],
    ["Reute Gmbh", 70.87, 188.47, 136.26, 200.76, 11, true],
    ["Ali", 70.87, 203.55, 81.98, 214.72, 10],
    ["dsfsafdsf 22", 70.87, 217.72, 124.79, 228.89, 10],
    ["88441", 70.87, 231.89, 98.67, 243.06, 10],
    ["Mittelbiberach", 70.87, 246.07, 133.11, 257.24, 10],
    ["Kundennummer:", 325.98, 274.41, 405.98, 285.58, 10, true],
    ["Datum:", 467.72, 274.41, 502.16, 285.58, 10, true],
    ["000000000002", 325.98, 288.59, 392.7, 299.76, 10],
    ["20.11.2025", 467.72, 288.59, 517.76, 299.76, 10],
    ["Rechnung Nr. 1001", 70.87, 325.67, 215.79, 343.55, 16, true],
    ["Pos", 70.87, 387.8, 89.21, 398.97, 10, true],
    ["Produkt", 141.73, 387.8, 179.51, 398.97, 10, true],
    ["Menge", 311.81, 387.8, 343.48, 398.97, 10, true],
    ["Einzel ( € )", 396.85, 387.8, 446.31, 398.97, 10, true],
    ["Gesamt ( € )", 481.89, 387.8, 539.13, 398.97, 10, true],
    ["1", 70.87, 425.55, 75.87, 435.61, 9],
    ["Nike Air Force 1 Sneakers", 141.73, 425.55, 246.76, 435.61, 9],
    ["2", 349.33, 425.55, 354.33, 435.61, 9],
    ["90.00", 416.85, 425.55, 439.37, 435.61, 9],
    ["180.00", 496.89, 425.55, 524.41, 435.61, 9],
    ["2", 70.87, 442.56, 75.87, 452.62, 9],
    ["The Handmaid's Tale by Margaret Atwood", 141.73, 442.56, 310.01, 452.62, 9],
    ["1", 349.33, 442.56, 354.33, 452.62, 9],
    ["10.99", 416.85, 442.56, 439.37, 452.62, 9],
    ["10.99", 501.89, 442.56, 524.41, 452.62, 9],
    ["3", 70.87, 459.57, 75.87, 469.62, 9],
    ["Nespresso Vertuo Next Coffee and Espresso Maker1", 141.73, 459.57, 354.33, 469.62, 9],
    ["159.99", 411.85, 459.57, 439.37, 469.62, 9],
    ["159.99", 496.89, 459.57, 524.41, 469.62, 9],
    ["4", 70.87, 476.58, 75.87, 486.63, 9],
    ["Amazon Echo Dot (4th Gen)", 141.73, 476.58, 254.78, 486.63, 9],
    ["1", 349.33, 476.58, 354.33, 486.63, 9],
    ["49.99", 416.85, 476.58, 439.37, 486.63, 9],
    ["49.99", 501.89, 476.58, 524.41, 486.63, 9],
    ["5", 70.87, 493.58, 75.87, 503.64, 9],
    ["iRobot Braava Jet M6", 141.73, 493.58, 228.27, 503.64, 9],
    ["1", 349.33, 493.58, 354.33, 503.64, 9],
    ["446.99", 411.85, 493.58, 439.37, 503.64, 9],
    ["446.99", 496.89, 493.58, 524.41, 503.64, 9],
    ["6", 70.87, 510.59, 75.87, 520.65, 9],
    ["YETI Tundra 65 Cooler", 141.73, 510.59, 234.27, 520.65, 9],
    ["1", 349.33, 510.59, 354.33, 520.65, 9],
    ["349.99", 411.85, 510.59, 439.37, 520.65, 9],
    ["349.99", 496.89, 510.59, 524.41, 520.65, 9],
    ["Rabatt", 141.73, 527.6, 169.73, 537.66, 9, true],
    ["-83.42", 498.89, 527.6, 524.41, 537.66, 9, true],
    ["Summe Netto:", 375.46, 577.72, 439.37, 588.89, 10],
    ["1114.53", 488.27, 577.72, 524.41, 588.89, 10],
    ["MwSt (19%):", 382.14, 594.73, 439.37, 605.9, 10],
    ["211.76", 493.83, 594.73, 524.41, 605.9, 10],
    ["Gesamtbetrag:", 361.74, 610.83, 439.37, 623.12, 11, true],
    ["1326.29", 484.66, 610.83, 524.41, 623.12, 11, true],
    ["Vielen Dank für Ihren Einkauf!", 70.87, 640.99, 190.42, 651.04, 9],
    ["Rainer Gmbh", 70.87, 747.95, 118.43, 756.89, 8],
    ["Schwerwa 22", 70.87, 757.95, 118.88, 766.89, 8],
    ["51235 Mittelbembra", 70.87, 767.95, 141.56, 776.89, 8],
    ["Ust-IdNr.: 12512512", 70.87, 777.95, 142.9, 786.89, 8],
    ["Tel.: +492154125", 212.6, 747.95, 275.09, 756.89, 8],
    ["Fax:", 212.6, 757.95, 228.16, 766.89, 8],
    ["E-Mail: rainer@web.com", 212.6, 767.95, 300.29, 776.89, 8],
    ["Web: www.rainergmbh.com", 212.6, 777.95, 310.84, 786.89, 8],
    ["Volksbank", 354.33, 747.95, 391.23, 756.89, 8],
    ["IBAN: DE21515124", 354.33, 757.95, 424.15, 766.89, 8],
    ["BIC: 12512513512", 354.33, 767.95, 421.04, 776.89, 8],
    ["Kto. Inh.: Rainer Gmbh", 354.33, 777.95, 436.15, 786.89, 8],
    ["Powered by YourAppName", 496.06, 747.95, 592.99, 756.89, 8],
  ];
  const rules: Array<[number, number, number, number]> = [[70.87, 411.02, 524.41, 411.02], [70.87, 564.09, 524.41, 564.09], [70.87, 746.2, 524.41, 746.2], [70.87, 789.2, 524.41, 789.2]];
  return page(spansOf(spans, ['Helvetica', 'Helvetica-Bold']), { width: 595.28, height: 841.89, rules, figures: [[425.2, 70.87, 524.41, 120.47]] });
}

test("an invoice's item table stays one table when a name runs on into the quantity and a discount row closes it", () => {
  const blocks = layoutPage(invoicePage());
  const table = blocks.find((b) => b.type === 'table' && b.rows?.[0]?.[0] === 'Pos');
  assert.ok(table, blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.deepEqual(table.rows, [
    ['Pos', 'Produkt', 'Menge', 'Einzel ( € )', 'Gesamt ( € )'],
    ['1', 'Nike Air Force 1 Sneakers', '2', '90.00', '180.00'],
    ['2', "The Handmaid's Tale by Margaret Atwood", '1', '10.99', '10.99'],
    ['3', 'Nespresso Vertuo Next Coffee and Espresso Maker', '1', '159.99', '159.99'],
    ['4', 'Amazon Echo Dot (4th Gen)', '1', '49.99', '49.99'],
    ['5', 'iRobot Braava Jet M6', '1', '446.99', '446.99'],
    ['6', 'YETI Tundra 65 Cooler', '1', '349.99', '349.99'],
    ['', 'Rabatt', '', '', '-83.42'],
  ]);
});

test('two labels ending in a colon over a number and a date are a table of one row', () => {
  const s: TextSpan[] = [
    ...words('Kundennummer:', 326, 283, { bold: true }), ...words('Datum:', 467.7, 283, { bold: true }),
    ...words('000000000002', 326, 297), ...words('20.11.2025', 467.7, 297),
    ...paragraph(prose(3, 40), 72, 360, 460).spans,
  ];
  const table = layoutPage(page(s)).find((b) => b.type === 'table');
  assert.deepEqual(table?.rows, [['Kundennummer:', 'Datum:'], ['000000000002', '20.11.2025']]);
});

test("an invoice's title in large type with its page label at the right stays out of the fields under it", () => {
  const s: TextSpan[] = [
    ...words('Rechnung', 54, 284, { size: 14, bold: true }), ...words('Seite 1', 369, 284, { size: 9 }),
    ...words('Rechnungsnr.', 54, 306, { size: 9 }), ...words('30064443', 148, 306, { size: 9 }), ...words('Kundennr.', 369, 306, { size: 9 }), ...words('47774', 470, 306, { size: 9 }),
    ...words('Rechnungsdatum', 54, 318, { size: 9 }), ...words('7. Mai 2014', 148, 318, { size: 9 }),
    ...paragraph(prose(7, 40), 54, 380, 480, { size: 9 }).spans,
  ];
  const blocks = layoutPage(page(s));
  const table = blocks.find((b) => b.type === 'table');
  assert.deepEqual(table?.rows, [['Rechnungsnr.', '30064443', 'Kundennr.', '47774'], ['Rechnungsdatum', '7. Mai 2014', '', '']], blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.ok(blocks.some((b) => b.type !== 'table' && b.text.startsWith('Rechnung')));
});

test("an invoice's items whose descriptions go on with a service period, a line without a letter, are one table", () => {
  const s: TextSpan[] = [];
  ['strukan', 'schneider', 'minar'].forEach((who, k) => {
    const y = 420 + 56 * k;
    s.push(...words(String(k + 1), 79, y, { size: 8 }), ...words('1', 137, y, { size: 8 }), ...words('Small Business QualityExchange 2010', 150, y, { size: 8 }),
      ...words('5,39', 492, y, { size: 8 }), ...words('5,39', 555, y, { size: 8 }));
    s.push(...words('Grundgebühr pro Einheit', 150, y + 12, { size: 8 }), ...words(`Dienst: OUDJQ_${who}`, 150, y + 24, { size: 8 }), ...words('01.05.14-31.05.14', 150, y + 36, { size: 8 }));
  });
  const blocks = layoutPage(page(s));
  const table = blocks.find((b) => b.type === 'table');
  assert.equal(table?.rows?.length, 3, blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.equal(table?.rows?.[1]?.[2], 'Small Business QualityExchange 2010 Grundgebühr pro Einheit Dienst: OUDJQ_schneider 01.05.14-31.05.14');
});

test('three labels ending in a colon over a date, a date and a reference are a table of one row', () => {
  // An Odoo invoice's header fields: "CUSTREF123" is no figure, but every label ends in a colon.
  const s: TextSpan[] = [
    ...words('Invoice Date:', 30, 247, { bold: true }), ...words('Due Date:', 208, 247, { bold: true }), ...words('Reference:', 388, 247, { bold: true }),
    ...words('03/20/2023', 30, 262), ...words('04/04/2023', 208, 262), ...words('CUSTREF123', 388, 262),
    ...paragraph(prose(5, 40), 30, 330, 500).spans,
  ];
  const table = layoutPage(page(s)).find((b) => b.type === 'table');
  assert.deepEqual(table?.rows, [['Invoice Date:', 'Due Date:', 'Reference:'], ['03/20/2023', '04/04/2023', 'CUSTREF123']]);
});

test("a letterhead's blocks, the sender flush left and the invoice's number and date flush right, are read block by block", () => {
  // Apache FOP's invoice: a logo, the shop's name and address on the left; far right, narrow, the number and the date.
  const cell = (text: string, x0: number, y0: number, x1: number, bold = false): TextSpan => ({ text, bbox: [x0, y0, x1, y0 + 8.9], fontSize: 8, fontName: bold ? 'Helvetica-Bold' : 'Helvetica', ...(bold ? { bold } : {}) });
  const s: TextSpan[] = [
    cell('Chat Illimités Inc.', 104.9, 56.3, 170.7, true), cell('123 rue Félin, Chatmonix, Québec', 104.9, 65.9, 226.7), cell('J1M E0W', 104.9, 75.5, 139.6),
    cell('Facture #00042', 466.6, 56.3, 524.4, true), cell("Date d'émission", 463.4, 70.9, 524.4, true), cell('2024/04/15', 484.4, 80.5, 524.4),
    { text: 'Chat Illimités Inc.', bbox: [70.9, 114.1, 192.7, 132], fontSize: 16, fontName: 'Helvetica' }, cell('Ajoutez un message ici pour le client', 70.9, 133.7, 200.7),
  ];
  const heads: Array<[string, number, number]> = [['ARTICLE', 70.9, 105.5], ['QTÉ', 408.2, 424.6], ['PRIX', 451.3, 470], ['MONTANT', 484.4, 524.4]];
  for (const [t, x0, x1] of heads) s.push(cell(t, x0, 168.8, x1, true));
  [['Patente à gosse #10', '2', '4.44$', '0,00$'], ['Machin chouette à tête carrée', '1', '4.97$', '0,00$']].forEach((r, k) => {
    const y = 190 + 20 * k;
    s.push(cell(r[0]!, 70.9, y, 70.9 + 4 * r[0]!.length), cell(r[1]!, 420, y, 424.6), cell(r[2]!, 452, y, 470), cell(r[3]!, 504, y, 524.4));
  });
  const blocks = layoutPage(page(s, { width: 595.28, height: 841.89, figures: [[70.9, 58, 94, 86]] }));
  const text = blocks.map((b) => b.text).join('\n');
  assert.ok(!/Chat Illimités Inc\. Facture/.test(text), text);
  // The address is one block, read before the number and date.
  const address = blocks.findIndex((b) => b.text.includes('123 rue Félin, Chatmonix, Québec J1M E0W'));
  const date = blocks.findIndex((b) => b.text.includes('2024/04/15'));
  assert.ok(address >= 0 && date > address, text);
});

test('a header with no head over the row labels, the labels set well left of it, keeps the labels in a column of their own', () => {
  // A LaTeX results table (a portfolio report's), its spans at their own places: the column heads (S with sub- and
  // superscripts) start right of the labels' column, the labels centred under nothing.
  const spans: SpanRow[] = [
    ["5.3.2", 56.69, 377.89, 84.34, 388.51, 11.96, true],
    ["Sensitivity on look back period for covariance matrix :", 97.79, 377.89, 418.83, 388.51, 11.96, true],
    ["S", 180.33, 403.33, 187.53, 413.95, 11.96],
    ["90", 188.22, 401.76, 196.69, 408.84, 7.97],
    ["30 ", 187.53, 409.05, 196, 416.13, 7.97],
    ["(", 197.19, 403.33, 201.74, 413.95, 11.96],
    ["β", 201.74, 403.33, 208.35, 413.95, 11.96],
    ["m", 209.01, 401.76, 216.5, 408.84, 7.97],
    ["T", 208.35, 409.12, 213.28, 416.19, 7.97],
    ["= 1)", 220.32, 403.33, 243.16, 413.95, 11.96],
    ["S", 255.11, 403.33, 262.31, 413.95, 11.96],
    ["90", 263.01, 401.76, 271.47, 408.84, 7.97],
    ["60 ", 262.31, 409.05, 270.78, 416.13, 7.97],
    ["(", 271.97, 403.33, 276.52, 413.95, 11.96],
    ["β", 276.52, 403.33, 283.13, 413.95, 11.96],
    ["m", 283.8, 401.76, 291.29, 408.84, 7.97],
    ["T", 283.13, 409.12, 288.06, 416.19, 7.97],
    ["= 1)", 295.11, 403.33, 317.94, 413.95, 11.96],
    ["S", 329.89, 403.33, 337.09, 413.95, 11.96],
    ["90", 337.79, 401.76, 346.26, 408.84, 7.97],
    ["90 ", 337.09, 409.05, 345.56, 416.13, 7.97],
    ["(", 346.75, 403.33, 351.31, 413.95, 11.96],
    ["β", 351.31, 403.33, 357.91, 413.95, 11.96],
    ["m", 358.58, 401.76, 366.07, 408.84, 7.97],
    ["T", 357.91, 409.12, 362.84, 416.19, 7.97],
    ["= 1)", 369.89, 403.33, 392.72, 413.95, 11.96],
    ["S", 404.67, 403.33, 411.87, 413.95, 11.96],
    ["90", 412.57, 401.76, 421.04, 408.84, 7.97],
    ["120", 411.87, 409.05, 424.57, 416.13, 7.97],
    ["(", 425.07, 403.33, 429.62, 413.95, 11.96],
    ["β", 429.62, 403.33, 436.23, 413.95, 11.96],
    ["m", 436.9, 401.76, 444.39, 408.84, 7.97],
    ["T", 436.23, 409.12, 441.16, 416.19, 7.97],
    ["= 1)", 448.21, 403.33, 471.04, 413.95, 11.96],
    ["SPY", 493.48, 403.33, 516.72, 413.95, 11.96],
    ["Cum PnL", 93.02, 423.77, 143.41, 434.38, 11.96],
    ["-81.8611", 190.6, 423.77, 232.87, 434.38, 11.96],
    ["-83.4528", 265.39, 423.77, 307.65, 434.38, 11.96],
    ["-84.7908", 340.17, 423.77, 382.45, 434.38, 11.96],
    ["-93.809", 419.65, 423.77, 456.06, 434.38, 11.96],
    ["319.1791", 482.99, 423.77, 527.22, 434.38, 11.96],
    ["Mean Return", 84.16, 438.21, 152.27, 448.83, 11.96],
    ["0.3077", 195.48, 438.21, 228, 448.83, 11.96],
    ["0.3077", 270.26, 438.21, 302.78, 448.83, 11.96],
    ["0.3097", 345.05, 438.21, 377.56, 448.83, 11.96],
    ["0.2205", 421.6, 438.21, 454.11, 448.83, 11.96],
    ["0.1408", 488.85, 438.21, 521.37, 448.83, 11.96],
    ["Max 10 Days DD", 73.56, 452.66, 162.88, 463.27, 11.96],
    ["3.4293", 195.48, 452.66, 228, 463.27, 11.96],
    ["2.9941", 270.27, 452.66, 302.78, 463.27, 11.96],
    ["2.9431", 345.05, 452.66, 377.56, 463.27, 11.96],
    ["2.9741", 421.6, 452.66, 454.12, 463.27, 11.96],
    ["0.3044", 488.85, 452.66, 521.37, 463.27, 11.96],
    ["Standard Deviation", 68.06, 467.1, 168.37, 477.72, 11.96],
    ["0.9458", 195.49, 467.1, 228.01, 477.72, 11.96],
    ["0.948", 273.2, 467.1, 299.85, 477.72, 11.96],
    ["0.9628", 345.04, 467.1, 377.56, 477.72, 11.96],
    ["0.9548", 421.6, 467.1, 454.11, 477.72, 11.96],
    ["0.1819", 488.85, 467.1, 521.36, 477.72, 11.96],
    ["Sharpe Ratio", 84.48, 481.55, 151.95, 492.17, 11.96],
    ["0.3201", 195.49, 481.55, 228, 492.17, 11.96],
    ["0.3121", 270.27, 481.55, 302.79, 492.17, 11.96],
    ["0.3166", 345.05, 481.55, 377.57, 492.17, 11.96],
    ["0.2259", 421.6, 481.55, 454.12, 492.17, 11.96],
    ["0.7475", 488.85, 481.55, 521.36, 492.17, 11.96],
    ["Skewness", 94.74, 496, 141.7, 506.61, 11.96],
    ["0.1381", 195.49, 496, 228, 506.61, 11.96],
    ["0.1852", 270.26, 496, 302.78, 506.61, 11.96],
    ["0.0944", 345.04, 496, 377.56, 506.61, 11.96],
    ["0.2319", 421.59, 496, 454.11, 506.61, 11.96],
    ["-0.4369", 486.89, 496, 523.31, 506.61, 11.96],
    ["Kurtosis", 96.69, 510.44, 139.74, 521.06, 11.96],
    ["8.8317", 195.49, 510.44, 228, 521.06, 11.96],
    ["8.623", 273.19, 510.44, 299.85, 521.06, 11.96],
    ["8.4089", 345.04, 510.44, 377.56, 521.06, 11.96],
    ["8.0916", 421.59, 510.44, 454.11, 521.06, 11.96],
    ["11.3844", 485.92, 510.44, 524.28, 521.06, 11.96],
    ["VaR", 107.08, 524.89, 129.35, 535.5, 11.96],
    ["-0.0911", 193.53, 524.89, 229.95, 535.5, 11.96],
    ["-0.0893", 268.32, 524.89, 304.73, 535.5, 11.96],
    ["-0.0969", 343.09, 524.89, 379.51, 535.5, 11.96],
    ["-0.0916", 419.65, 524.89, 456.07, 535.5, 11.96],
    ["-0.0175", 486.9, 524.89, 523.31, 535.5, 11.96],
  ];
  const s = spansOf(spans);
  const table = layoutPage(page(s, { width: 595.28, height: 841.89 })).find((b) => b.type === 'table');
  assert.deepEqual(table?.rows?.map((r) => r[0]), ['', 'Cum PnL', 'Mean Return', 'Max 10 Days DD', 'Standard Deviation', 'Sharpe Ratio', 'Skewness', 'Kurtosis', 'VaR']);
  assert.deepEqual(table?.rows?.[1], ['Cum PnL', '-81.8611', '-83.4528', '-84.7908', '-93.809', '319.1791']);
});


test('a column of "-" and "=" before the figures of an income statement stays a column', () => {
  const s: TextSpan[] = [];
  const rows: Array<[string, string, string, string]> = [['Revenue', '', '117', '112'], ['Cost of sales', '-', '66', '64'], ['Gross profit', '=', '51', '48'], ['Expenses', '-', '8', '8'], ['Net income', '=', '43', '40']];
  rows.forEach(([label, op, a, b], k) => {
    const y = 100 + 16 * k;
    s.push(...words(label, 72, y));
    if (op) s.push(span(op, 250, y));
    s.push(span(a, 330 - textWidth(a), y), span(b, 400 - textWidth(b), y));
  });
  const tables = layoutPage(page(s)).filter((b) => b.type === 'table');
  assert.deepEqual(tables[0]?.rows?.[2], ['Gross profit', '=', '51', '48'], tables.map((t) => t.text).join('\n---\n'));
});

test("an invoice's item grid whose row rules are drawn cell by cell is one table, its description column too", () => {
  // A LaTeX invoice: rules drawn cell by cell, no column rule where the rule pieces over "Qté Unité" meet.
  const ys = [238.8, 252.1, 341.4, 354.7, 367.9];
  const pieces = [[53.5, 350.9], [350.3, 372.8], [372.8, 417.8], [417.2, 490.9], [490.4, 540.5]];
  const rules: Array<[number, number, number, number]> = [
    ...ys.flatMap((y) => pieces.map(([a, b]): [number, number, number, number] => [a!, y - 0.3, b!, y + 0.3])),
    ...[53.8, 540.2].map((x): [number, number, number, number] => [x - 0.3, 238.5, x + 0.3, 368.2]),
    ...[350.6, 417.5, 490.6].map((x): [number, number, number, number] => [x - 0.3, 238.5, x + 0.3, 341.7]),
  ];
  const row = (y: number, cells: Array<[string, number, number]>, bold = false): SpanRow[] => cells.map(([t, x0, x1]) => [t, x0, y, x1, y + 5.4, 9.2, bold]);
  const spans: SpanRow[] = [
    ...row(244.1, [['Description', 54.5, 103], ['Qté Unité', 357.5, 397.8], ['Prix unitaire', 437.7, 489.6], ['Total HT', 504.7, 539.6]], true),
    ...row(257.4, [['Structure de données utilisateur', 54.5, 190.5], ['1 Heures', 368.5, 404.8], ['50€', 474.5, 489.6], ['50€', 524.6, 539.6]]),
    ...row(270.1, [['Page de connexion', 54.5, 133.5], ['1 Heures', 368.5, 404.8], ['50€', 474.5, 489.6], ['50€', 524.6, 539.6]]),
    ...row(282.7, [['Page de demande de récupération de mot de passe', 54.5, 270.5], ['1 Heures', 368.5, 404.8], ['50€', 474.5, 489.6], ['50€', 524.6, 539.6]]),
    ...row(346.7, [['Total HT', 54.5, 89.5], ['450€', 518.7, 539.6]], true),
    ...row(360, [['TVA non applicable, art. 293 B du CGI', 54.5, 207.2]]),
  ];
  const blocks = layoutPage(page(spansOf(spans), { width: 595, height: 842, rules }));
  const tables = blocks.filter((b) => b.type === 'table');
  const dump = blocks.map((b) => `${b.type}: ${b.text}`).join('\n');
  assert.equal(tables.length, 1, dump);
  assert.deepEqual(tables[0]!.rows?.[0], ['Description', 'Qté Unité', 'Prix unitaire', 'Total HT'], dump);
  assert.deepEqual(tables[0]!.rows?.[1], ['Structure de données utilisateur', '1 Heures', '50€', '50€'], dump);
});

test("an invoice's item rows whose cells each draw their own borders, meeting end to end, are one table", () => {
  // An Odoo invoice printed by wkhtmltopdf: each cell draws its top and bottom borders, pieces meeting end to end at the
  // column edges, some lines stroked again whole; a note and a subtotal run across the edges (cells spanning columns);
  // "0.00 15.00%" is one span across the edge between discount and taxes.
  const edges = [29.6, 221.7, 301.1, 379.9, 434.3, 495.2, 565.6];
  const rules: Array<[number, number, number, number]> = [];
  const cellLine = (y: number, whole: boolean): void => {
    for (let k = 0; k + 1 < edges.length; k++) rules.push([edges[k]!, y, edges[k + 1]!, y + 0.6]);
    if (whole) rules.push([edges[0]!, y, edges[edges.length - 1]!, y + 0.6]);
  };
  [[296.8, false], [317.9, true], [339, true], [360.1, false], [381.2, true], [402.3, true]].forEach(([y, w]) => cellLine(y as number, w as boolean));
  const row = (y: number, cells: Array<[string, number, number]>, bold = false): SpanRow[] => cells.map(([t, x0, x1]) => [t, x0, y, x1, y + 11.6, 10.3, bold]);
  const spans: SpanRow[] = [
    ...row(301.2, [['Description', 32.2, 85.7], ['Quantity', 256.9, 298.3], ['Unit Price', 331.9, 377.5], ['Disc.% Taxes', 401.7, 463.8], ['Amount', 525.9, 563.2]], true),
    ...row(322.4, [['Olive Oil', 32.2, 85], ['1.00 L', 270, 298.2], ['1.00', 357, 377.6], ['10.00 15.00%', 406, 470.8], ['$ 0.90', 533, 563.3]]),
    ...row(343.7, [['Our Olive Oil is delivered in a re-usable glass container', 32.2, 257.4]]),
    ...row(364.5, [['Truffles', 32.2, 75], ['15.00 g', 264, 298.2], ['10.00', 351.7, 377.6], ['0.00', 445, 470.8], ['$ 150.00', 521, 563.3]]),
    ...row(385.6, [['Subtotal $ 150.90', 482.4, 563.3]], true),
  ];
  const blocks = layoutPage(page(spansOf(spans), { width: 595, height: 842, rules }));
  const dump = blocks.map((b) => `${b.type}: ${b.text}`).join('\n');
  const tables = blocks.filter((b) => b.type === 'table');
  assert.equal(tables.length, 1, dump);
  assert.deepEqual(tables[0]!.rows?.[0], ['Description', 'Quantity', 'Unit Price', 'Disc.%', 'Taxes', 'Amount'], dump);
  assert.deepEqual(tables[0]!.rows?.[1], ['Olive Oil', '1.00 L', '1.00', '10.00', '15.00%', '$ 0.90'], dump);
  assert.equal(tables[0]!.rows?.[2]?.[0], 'Our Olive Oil is delivered in a re-usable glass container', dump);
  assert.equal(tables[0]!.rows?.[4]?.[4], 'Subtotal $ 150.90', dump);
});

test("an item grid whose rows draw only their top borders keeps the last row, under the last line", () => {
  // Odoo again: the header and each item row draw a top border cell by cell; the last item has no line under it, and the
  // totals box below is a table of its own.
  const edges = [29.8, 248.8, 335.8, 412, 483.7, 565.7];
  const rules: Array<[number, number, number, number]> = [];
  for (const y of [296.7, 317.8, 339]) for (let k = 0; k + 1 < edges.length; k++) rules.push([edges[k]!, y, edges[k + 1]!, y + 0.6]);
  const row = (y: number, cells: Array<[string, number, number]>, bold = false): SpanRow[] => cells.map(([t, x0, x1]) => [t, x0, y, x1, y + 11.6, 10.3, bold]);
  const spans: SpanRow[] = [
    ...row(301.2, [['Description', 32.2, 85.7], ['Quantity', 292, 333], ['Unit Price', 364, 409.5], ['Taxes', 455, 481], ['Amount', 528, 563]], true),
    ...row(322.4, [['[CONS_0001] Whiteboard Pen', 32.2, 160], ['15.00 Units', 284, 333], ['100.00', 378, 409.5], ['TVA 20%', 443, 481], ['1,500.00 €', 515, 563]]),
    ...row(343.6, [['[CONS_25630] Screw', 32.2, 125], ['45.00 Units', 284, 333], ['0.20', 389, 409.5], ['TVA 20%', 443, 481], ['9.00 €', 533, 563]]),
    ...row(440, [['Please use the following communication for your payment : VT/2022/0001', 30, 365]]),
  ];
  const blocks = layoutPage(page(spansOf(spans), { width: 595, height: 842, rules }));
  const dump = blocks.map((b) => `${b.type}: ${b.text}`).join('\n');
  const tables = blocks.filter((b) => b.type === 'table');
  assert.equal(tables.length, 1, dump);
  assert.deepEqual(tables[0]!.rows, [
    ['Description', 'Quantity', 'Unit Price', 'Taxes', 'Amount'],
    ['[CONS_0001] Whiteboard Pen', '15.00 Units', '100.00', 'TVA 20%', '1,500.00 €'],
    ['[CONS_25630] Screw', '45.00 Units', '0.20', 'TVA 20%', '9.00 €'],
  ], dump);
});

test("a grid that draws its column rules row by row, with no rule between its rows, parts its rows where they break", () => {
  // A German invoice: the header ruled above and below, then each item drawing its own cells' sides; the items' lines
  // of description are set as closely as the lines between items.
  const xs = [56.6, 76.4, 120.4, 388.1, 442, 552.4];
  const rules: Array<[number, number, number, number]> = [[56.6, 351.7, 552.4, 352.2], [56.6, 375.8, 552.4, 376.3], [56.6, 460, 552.4, 460.5]];
  const pieces = (breaks: number[]): void => {
    const ys = [351.7, 375.8, ...breaks, 460];
    for (const x of xs) for (let k = 0; k + 1 < ys.length; k++) rules.push([x, ys[k]!, x + 0.5, ys[k + 1]!]);
  };
  const row = (y: number, cells: Array<[string, number, number]>): SpanRow[] => cells.map(([t, x0, x1]) => [t, x0, y, x1, y + 9, 7.9, false]);
  const spans: SpanRow[] = [
    ...row(355, [['Pos', 58.7, 74.2], ['Menge', 80, 110], ['Text', 170, 187], ['Einzelpreis', 392.8, 437], ['Gesamtpreis', 492.7, 544]]),
    ...row(378.6, [['1', 62.3, 66.7], ['1,00', 102.1, 117.6], ['Rapid|Home Windows Server', 170, 300], ['349,00 €', 408.2, 439.2], ['349,00 €', 518.6, 549.6]]),
    ...row(387.6, [['Inkl. MySQL 5.5', 170, 226]]),
    ...row(396.6, [['Laufzeitbeginn: 14.03.2014', 170, 266]]),
    ...row(405.7, [['2', 62.3, 66.7], ['1,00', 102.1, 117.6], ['Rapid|Home HW Server', 170, 290], ['369,00 €', 408.2, 439.2], ['369,00 €', 518.6, 549.6]]),
    ...row(414.8, [['Ubuntu 12.04 LTS', 170, 234]]),
  ];
  // The rules break under each line of the item's text too (LaTeX's rows, a generator's lines): a line in one column
  // goes on with the row above.
  pieces([386.6, 395.6, 404.5]);
  const blocks = layoutPage(page(spansOf(spans), { width: 595, height: 842, rules }));
  const dump = blocks.map((b) => `${b.type}: ${JSON.stringify(b.rows ?? b.text)}`).join('\n');
  const table = blocks.find((b) => b.type === 'table');
  assert.ok(table, dump);
  assert.deepEqual(table.rows?.map((r) => r[0]), ['Pos', '1', '2'], dump);
  assert.equal(table.rows?.[1]?.[3], '349,00 €', dump);
  assert.equal(table.rows?.[2]?.[3], '369,00 €', dump);
  assert.match(table.rows?.[1]?.[2] ?? '', /Inkl\. MySQL 5\.5 Laufzeitbeginn: 14\.03\.2014$/u, dump);
});

test("column rules drawn row by row beside a statement's labels, no rule across their top, make no grid", () => {
  // Apple's 10-Q: thin bars part the figure columns, drawn anew for each row; the labels stand left of them.
  const bars = [372.6, 446.2, 519.1, 592.7];
  const rules: Array<[number, number, number, number]> = [];
  const ys = [207.2, 218, 228.8, 240.3, 251.1];
  for (let k = 0; k + 1 < ys.length; k++) for (const x of bars) rules.push([x, ys[k]!, x + 1.35, ys[k + 1]!]);
  const row = (y: number, cells: Array<[string, number, number]>): SpanRow[] => cells.map(([t, x0, x1]) => [t, x0, y, x1, y + 8, 8.1, false]);
  const spans: SpanRow[] = [
    ...row(198, [['Three Months Ended', 300, 370], ['Nine Months Ended', 450, 520]]),
    ...row(209, [['Products', 35, 70], ['$ 63,355', 330, 368], ['$ 63,948', 404, 442], ['$ 245,241', 474, 515], ['$ 207,694', 548, 589]]),
    ...row(220, [['Services', 35, 70], ['19,604', 340, 368], ['17,486', 414, 442], ['58,941', 486, 515], ['50,145', 560, 589]]),
    ...row(231, [['Total net sales', 35, 95], ['82,959', 340, 368], ['81,434', 414, 442], ['304,182', 481, 515], ['257,839', 555, 589]]),
    ...row(242, [['Cost of sales', 35, 90], ['47,074', 340, 368], ['46,179', 414, 442], ['172,264', 481, 515], ['146,622', 555, 589]]),
  ];
  const blocks = layoutPage(page(spansOf(spans), { width: 612, height: 792, rules }));
  const dump = blocks.map((b) => `${b.type}: ${JSON.stringify(b.rows ?? b.text)}`).join('\n');
  const table = blocks.find((b) => b.type === 'table');
  assert.ok(table, dump);
  assert.ok(table.rows!.some((r) => r[0] === 'Products' && r.includes('$ 63,355')), dump);
  assert.ok(table.rows!.some((r) => r[0] === 'Services' && r.includes('17,486') && r.includes('50,145')), dump);
});

test("a grid of cells drawn one by one, no rule under its last row, ends where its column rules end", () => {
  // An FPDF table: the header row framed, then each row drawing only its inner column rules, row by row.
  const inner = [118.1, 207.9, 297.6, 387.4, 477.2];
  const rules: Array<[number, number, number, number]> = [[28.3, 52.3, 566.9, 52.8], [28.3, 76.3, 566.9, 76.8], [28.3, 52.3, 28.8, 76.3], [566.9, 52.3, 567.4, 76.3]];
  for (const x of inner) rules.push([x, 52.3, x + 0.5, 76.3]);
  for (const y of [76.3, 100.3, 124.3]) for (const x of inner) rules.push([x, y, x + 0.5, y + 24]);
  const row = (y: number, cells: string[]): SpanRow[] => cells.map((t, k) => [t, 31 + 89.8 * k, y, 31 + 89.8 * k + 5.6 * t.length, y + 12, 10, false]);
  const spans: SpanRow[] = [...row(58, ['Apple', 'Banana', 'Cherry', 'Cheese', 'Milk', 'Yogurt']), ...row(82, ['1', '2', '3', '4', '5', '6']),
    ...row(106, ['2', '3', '4', '5', '6', '7']), ...row(130, ['3', '4', '5', '6', '7', '8'])];
  const blocks = layoutPage(page(spansOf(spans), { width: 595, height: 842, rules }));
  const dump = blocks.map((b) => `${b.type}: ${JSON.stringify(b.rows ?? b.text)}`).join('\n');
  const tables = blocks.filter((b) => b.type === 'table');
  assert.equal(tables.length, 1, dump);
  assert.deepEqual(tables[0]!.rows?.at(-1), ['3', '4', '5', '6', '7', '8'], dump);
});

test("a ruled band of item rows whose cells are merged across columns only by another band's rules is split into its rows", () => {
  // A Chinese VAT fapiao: the buyer's band parts its columns elsewhere than the item band under it, so the item band's
  // cells span two of the grid's columns each; no rule between the header, the items and the total.
  const rules: Array<[number, number, number, number]> = [[20, 100, 400, 100.5], [20, 130, 400, 130.5], [20, 200, 400, 200.5]];
  for (const x of [20, 60, 200, 260, 400]) rules.push([x, 100, x + 0.5, 130]);
  for (const x of [20, 120, 260, 330, 400]) rules.push([x, 130, x + 0.5, 200]);
  const row = (y: number, cells: Array<[string, number, number]>): SpanRow[] => cells.map(([t, x0, x1]) => [t, x0, y, x1, y + 9, 9, false]);
  const spans: SpanRow[] = [
    ...row(110, [['购买方', 25, 55], ['名 称:花旗金融信息服务', 65, 190], ['密码区', 205, 250], ['5/2+66-49>6<+517', 265, 390]]),
    ...row(135, [['货物名称', 25, 70], ['规格型号', 130, 170], ['金 额', 270, 300], ['税 额', 340, 370]]),
    ...row(150, [['*移动通信设备*配件', 25, 110], ['个', 130, 140], ['5308.85', 270, 310], ['690.15', 340, 380]]),
    ...row(165, [['*移动通信设备*配件', 25, 110], ['-752.73', 270, 310], ['-97.85', 340, 380]]),
    ...row(185, [['合 计', 25, 60], ['¥4556.12', 270, 315], ['¥592.30', 340, 380]]),
  ];
  const blocks = layoutPage(page(spansOf(spans), { width: 612, height: 400, rules }));
  const dump = blocks.map((b) => `${b.type}: ${JSON.stringify(b.rows ?? b.text)} ${JSON.stringify(b.merged ?? [])}`).join('\n');
  const table = blocks.find((b) => b.type === 'table');
  assert.ok(table, dump);
  const firsts = table.rows!.map((r) => r.find((c) => c !== '') ?? '');
  assert.deepEqual(firsts.slice(1), ['货物名称', '*移动通信设备*配件', '*移动通信设备*配件', '合 计'], dump);
  // Each item row keeps its own cells: no cell spans the rows it was split into.
  assert.ok((table.merged ?? []).every((m) => m.rowSpan === 1), dump);
});

test("two lines of cell borders meeting end to end under a header row are an item table of one row", () => {
  // A Chrome-printed Dominican invoice of one item: the header and the row each draw their bottom border cell by cell.
  const edges = [57, 87, 363, 411, 483, 555];
  const rules: Array<[number, number, number, number]> = [];
  const lines = (ys: number[]): void => { for (const y of ys) for (let k = 0; k + 1 < edges.length; k++) rules.push([edges[k]!, y, edges[k + 1]!, y + 1.5]); };
  const row = (y: number, cells: Array<[string, number, number]>, bold = false): SpanRow[] => cells.map(([t, x0, x1]) => [t, x0, y, x1, y + 12, 9, bold]);
  const spans: SpanRow[] = [
    ...row(325.5, [['#', 57.4, 62.8], ['DESCRIPCIÓN', 87.4, 146.2], ['CANT', 375.2, 399.5], ['PRECIO', 451.1, 482.6], ['TOTAL', 527.6, 554.6]], true),
    ...row(351, [['1', 57.4, 62.3], ['Camaras de seguridad', 87.4, 178], ['1', 384.9, 389.7], ['250,998.00', 439.9, 482.6], ['250,998.00', 510.2, 554.6]]),
    ...row(375, [['*** FIN DEL DOCUMENTO ***', 245, 366]]),
  ];
  const make = (ys: number[]): Block[] => { rules.length = 0; lines(ys); return layoutPage(page(spansOf(spans), { width: 612, height: 792, rules })); };
  const blocks = make([343.5, 369]);
  const dump = blocks.map((b) => `${b.type}: ${b.text}`).join('\n');
  const tables = blocks.filter((b) => b.type === 'table');
  assert.equal(tables.length, 1, dump);
  assert.deepEqual(tables[0]!.rows, [['#', 'DESCRIPCIÓN', 'CANT', 'PRECIO', 'TOTAL'], ['1', 'Camaras de seguridad', '1', '250,998.00', '250,998.00']], dump);
  // One line of borders alone is an underline, no grid.
  assert.equal(make([343.5]).filter((b) => b.type === 'table').length, 0);
});

test("a ruled form's rows across the grid in bold capitals are its sections' headings, parting it into tables", () => {
  // A Brazilian DANFE at its own places: each cell a box of its own, the section bands "EMITENTE" and "DESTINATARIO"
  // across both columns in 12-point bold, the fields in 10.
  const [x0, mid, x1] = [5.67, 297.64, 589.61];
  const bands: Array<[number, number, boolean]> = [[150.24, 167.25, false], [167.24, 181.41, false], [181.42, 195.59, true], [195.59, 212.6, false], [212.6, 226.77, false], [226.77, 240.94, true], [240.94, 255.11, false]];
  const rules: Array<[number, number, number, number]> = [];
  const box = (a: number, b: number, top: number, bottom: number): void => { rules.push([a, top, b, top], [b, top, b, bottom], [a, bottom, b, bottom], [a, top, a, bottom]); };
  for (const [top, bottom, two] of bands) {
    if (two) { box(x0, mid, top, bottom); box(mid, x1, top, bottom); } else box(x0, x1, top, bottom);
  }
  const spans: SpanRow[] = [
    ['EMITENTE', 267.3, 151.5, 328, 164.9, 12, true], ['Plotag Sistemas e Suprimentos Ltda', 216.8, 168.3, 378.5, 179.4, 10],
    ['CNPJ/CPF 00822602000124', 86.9, 182.4, 216.4, 193.6, 10], ['RG/IE 114489114119', 395.3, 182.4, 492, 193.6, 10],
    ['DESTINATARIO', 252.6, 196.8, 342.6, 210.2, 12, true], ['NF-E EMITIDA EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL', 125.9, 213.6, 469.3, 224.8, 10],
    ['CNPJ/CPF 99999999000191', 86.9, 227.8, 216.4, 239, 10], ['RG/IE', 428.6, 227.8, 455.9, 239, 10], ['Rua Jaragua, 774', 257.9, 242, 337.4, 253.2, 10],
  ];
  const blocks = layoutPage(page(spansOf(spans), { width: 595.28, height: 841.89, rules }));
  const dump = blocks.map((b) => `${b.type}: ${b.text}`).join('\n');
  assert.deepEqual(blocks.map((b) => b.type), ['heading', 'table', 'heading', 'table'], dump);
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['EMITENTE', 'DESTINATARIO']);
  assert.deepEqual(blocks[1]!.rows, [['Plotag Sistemas e Suprimentos Ltda', ''], ['CNPJ/CPF 00822602000124', 'RG/IE 114489114119']], dump);
});

test("an income statement's sparklines beside its rows make no column, and its column of operators stays its own", () => {
  // An Excel income statement (Gewinn- und Verlustrechnung), its spans at their own places: labels, a column of "-" and
  // "=", four years of figures and a sparkline image at the end of each row.
  const spans: SpanRow[] = [
    ['Umsatzerlöse', 208.2, 137.9, 296.5, 153.9, 16], ['117', 446.6, 137.9, 470.7, 153.9, 16], ['112', 490.9, 137.9, 515, 153.9, 16], ['86', 543.2, 137.9, 559.3, 153.9, 16], ['132', 579.4, 137.9, 603.6, 153.9, 16],
    ['Herstellungskosten', 208.2, 158.2, 332.7, 174.2, 16], ['-', 420.2, 158.2, 425.1, 174.2, 16], ['66', 454.6, 158.2, 470.7, 174.2, 16], ['64', 498.9, 158.2, 515, 174.2, 16], ['48', 543.2, 158.2, 559.3, 174.2, 16], ['80', 587.5, 158.2, 603.6, 174.2, 16],
    ['Fertigungsgemeinkosten', 208.2, 178.5, 368, 194.5, 16], ['-', 420.2, 178.5, 425.1, 194.5, 16], ['4', 462.7, 178.5, 470.7, 194.5, 16], ['4', 507, 178.5, 515, 194.5, 16], ['4', 551.2, 178.5, 559.3, 194.5, 16], ['4', 595.5, 178.5, 603.6, 194.5, 16],
    ['Abschreibungen Produktion', 208.2, 198.8, 389.1, 214.8, 16], ['-', 420.2, 198.8, 425.1, 214.8, 16], ['12', 454.6, 198.8, 470.7, 214.8, 16], ['12', 498.9, 198.8, 515, 214.8, 16], ['12', 543.2, 198.8, 559.3, 214.8, 16], ['12', 587.5, 198.8, 603.6, 214.8, 16],
    ['Bruttoergebnis', 208.2, 218.8, 307.7, 234.8, 16, true], ['=', 420.2, 218.8, 428.1, 234.8, 16, true], ['35', 454.6, 218.8, 470.7, 234.8, 16, true], ['32', 498.9, 218.8, 515, 234.8, 16, true], ['22', 543.2, 218.8, 559.3, 234.8, 16, true], ['36', 587.5, 218.8, 603.6, 234.8, 16, true],
    ['F&E-Kosten', 208.2, 240.8, 283.8, 256.8, 16], ['-', 420.2, 240.8, 425.1, 256.8, 16], ['4', 462.7, 240.8, 470.7, 256.8, 16], ['4', 507, 240.8, 515, 256.8, 16], ['4', 551.2, 240.8, 559.3, 256.8, 16], ['4', 595.5, 240.8, 603.6, 256.8, 16],
  ];
  const figures: Array<[number, number, number, number]> = [[605.7, 134.5, 657.2, 154.7], [605.7, 154.8, 657.2, 175], [605.7, 175.1, 657.2, 195.3], [605.7, 195.4, 657.2, 215.6], [605.7, 215.7, 657.2, 236.6], [605.7, 236.7, 657.2, 257.6]];
  const blocks = layoutPage(page(spansOf(spans), { width: 841.92, height: 595.32, figures }));
  const table = blocks.find((b) => b.type === 'table');
  assert.deepEqual(table?.rows?.[0], ['Umsatzerlöse', '', '117', '112', '86', '132'], blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.deepEqual(table?.rows?.[4], ['Bruttoergebnis', '=', '35', '32', '22', '36']);
});

test("a balance sheet's assets and liabilities set side by side, each row led by its label, are two tables", () => {
  // An Excel balance sheet (Bilanz), its spans at their own places: Aktiva left, Passiva right, four years each, a
  // sparkline after each row.
  const left = (label: string, y: number, figs: string[], bold = false): SpanRow[] => [[label, 52.8, y, 52.8 + 5 * label.length, y + 11, 11, bold], ...figs.map((f, k): SpanRow => [f, 262.5 + 37.9 * k - 5.6 * f.length, y, 262.5 + 37.9 * k, y + 11, 11])];
  const right = (label: string, y: number, figs: string[], bold = false): SpanRow[] => [[label, 423.8, y, 423.8 + 5 * label.length, y + 11, 11, bold], ...figs.map((f, k): SpanRow => [f, 623 + 37.9 * k - 5.6 * f.length, y, 623 + 37.9 * k, y + 11, 11])];
  const years = (x: number): SpanRow[] => [0, 1, 2, 3].map((k): SpanRow => [`Jahr ${k}`, x + 37.9 * k, 133.3, x + 26.9 + 37.9 * k, 144.4, 11, true]);
  const spans: SpanRow[] = [
    ...years(228.5), ...years(588.9),
    ['Aktiva', 188.5, 149.5, 241.6, 169.6, 20, true], ['Passiva', 550.3, 149.5, 611.1, 169.6, 20, true],
    ['Anlagevermögen', 158.6, 173.6, 271.3, 189.5, 16, true], ['Eigenkapital', 540.1, 173.6, 621.3, 189.5, 16, true],
    ...left('Grundstücke', 193.5, ['5', '5', '5', '5']), ...right('Grundkapital', 193.5, ['40', '40', '40', '40']),
    ...left('Gebäude', 208, ['15', '13', '11', '9']), ...right('Gewinnrücklagen', 208, ['6', '10', '12', '6']),
    ...left('Maschinen und Anlagen', 222.5, ['40', '32', '24', '16']), ...right('Jahresüberschuss / -fehlbetrag', 222.5, ['4', '2', '-6', '3']),
    ...left('Beriebs- und Geschäftsausstattung', 237.1, ['15', '10', '5', '1']),
    ...left('Summe Anlagevermögen', 251.3, ['75', '60', '45', '31'], true), ...right('Summe Eigenkapital', 251.3, ['50', '52', '46', '49'], true),
  ];
  const figures: Array<[number, number, number, number]> = [190.5, 205, 219.5, 234.1, 248.6].flatMap((y): Array<[number, number, number, number]> => [[377.9, y, 421.4, y + 14.4], [738.3, y, 789.8, y + 14.4]]);
  const blocks = layoutPage(page(spansOf(spans), { width: 841.92, height: 595.32, figures }));
  const tables = blocks.filter((b) => b.type === 'table');
  const dump = blocks.map((b) => `${b.type}: ${b.text}`).join('\n');
  assert.equal(tables.length, 2, dump);
  // Each table holds its own side's rows only.
  assert.ok(tables[0]!.text.includes('Summe Anlagevermögen') && !tables[0]!.text.includes('Grundkapital'), dump);
  // Its labels keep a column of their own, the years' heads over the figures, though "Aktiva" and "Anlagevermögen" stand
  // between the heads and the first row.
  assert.deepEqual(tables[0]!.rows?.find((r) => r[0]!.startsWith('Grundstücke')), ['Grundstücke', '5', '5', '5', '5'], dump);
  assert.ok(tables[1]!.text.includes('Summe Eigenkapital') && !tables[1]!.text.includes('Gebäude'), dump);
  assert.deepEqual(tables[1]!.rows?.at(-1)?.slice(-3), ['52', '46', '49'], dump);
});

test("a quote's sections parted by wide whitespace are read one after another, not as two columns down the page", () => {
  // A quote from Chromium, its spans at their own places: a letterhead (logo and name left, number and dates right), the
  // company's and the client's blocks side by side, the items, the totals, notes. A gutter runs down all of it.
  const spans: SpanRow[] = [
    ['Elios', 181, 63.3, 238.3, 90.1, 24, true], ['Devis DV-2026-0001', 422.4, 50, 521.6, 61.7, 10.5, true], ['Statut: En attente', 440.5, 64, 521.6, 75.7, 10.5],
    ['Émis le 2026-02-02', 430.6, 78, 521.6, 89.7, 10.5], ['Échéance 2026-02-16', 418.3, 92, 521.6, 103.7, 10.5],
    ['Société', 63.6, 135, 99.2, 146.1, 10, true], ['Client', 303.6, 135, 331.4, 146.1, 10, true],
    ['ACME Studio', 63.6, 156, 131.4, 168, 10.7, true], ['12 rue des Artisans, 75000 Paris', 63.6, 170, 218.9, 182, 10.7],
    ['Email: contact@acme-studio.fr', 63.6, 184, 209.5, 196, 10.7], ['Téléphone: +33 1 23 45 67 89', 63.6, 198, 206.7, 210, 10.7],
    ['Site: https://elios.example', 63.6, 212, 185.6, 224, 10.7], ['Client Exemple', 303.6, 156, 380.4, 168, 10.7, true],
    ['5 avenue des Tests, 69000 Lyon', 303.6, 170, 458.9, 182, 10.7], ['Email: client@example.com', 303.6, 184, 435.8, 196, 10.7],
    ['Téléphone: +33 4 56 78 90 12', 303.6, 198, 446.7, 210, 10.7],
    ['Détails', 46, 254, 78.8, 265.1, 10, true],
    ['Description', 68.6, 273, 123.7, 284.1, 10, true], ['Qté', 328.6, 273, 345.3, 284.1, 10, true], ['PU', 378.6, 273, 392.5, 284.1, 10, true], ['Total', 458.6, 273, 482.5, 284.1, 10, true],
    ['Conception UI', 68.6, 291, 132, 302.1, 10], ['2.0', 352.7, 291, 366.6, 302.1, 10], ['450.00 €', 407.7, 291, 446.6, 302.1, 10], ['900.00 €', 487.7, 291, 526.6, 302.1, 10],
    ['Développement API', 68.6, 309, 157.6, 320.1, 10], ['3.0', 352.7, 309, 366.6, 320.1, 10], ['600.00 €', 407.7, 309, 446.6, 320.1, 10], ['1 800.00 €', 479.4, 309, 526.6, 320.1, 10],
    ['Sous-total', 68.6, 339, 113.7, 350.1, 10], ['2 700.00 €', 479.4, 339, 526.6, 350.1, 10],
    ['TVA (20%)', 68.6, 357, 117.5, 368.1, 10], ['540.00 €', 487.7, 357, 526.6, 368.1, 10],
    ['Total TTC', 68.6, 375, 114.8, 386.1, 10, true], ['3 240.00 €', 479.4, 375, 526.6, 386.1, 10, true],
    ['Notes', 46, 408, 73.8, 419.1, 10, true], ['Merci pour votre confiance.', 46, 426, 175, 438, 10.7],
  ];
  const blocks = layoutPage(page(spansOf(spans), { width: 595.28, height: 841.89, figures: [[79.6, 52, 121.6, 94]] }));
  const at = (t: string): number => blocks.findIndex((b) => b.text.includes(t));
  const dump = blocks.map((b) => `${b.type}: ${b.text}`).join('\n');
  assert.ok(at('Échéance') >= 0 && at('Échéance') < at('ACME Studio'), dump);
  assert.ok(at('Client Exemple') >= 0 && at('Client Exemple') < at('Détails'), dump);
  // The totals' labels and amounts are read row by row, not as two columns.
  assert.ok(blocks.some((b) => b.rows?.some((r) => r[0] === 'Total TTC' && r.includes('3 240.00 €'))), dump);
});

test("a paper's page is read by its columns even where wide whitespace parts its header from its title", () => {
  // A BioMed Central paper's first page, its top at its own places (the journal line, "R E V I E W" and "Open Access"
  // at either end of a line, the title, the authors), over two columns of prose: not cut into bands first like a form.
  const top: SpanRow[] = [
    ['Datta et al. Journal of Trauma Management & Outcomes 2010, 4:1', 56.7, 33.9, 277.4, 42, 8], ['http://www.traumamanagement.org/content/4/1/1', 56.7, 44.6, 226.1, 51.9, 8],
    ['R E V I E W', 60.3, 93.4, 112, 105.3, 13], ['Open Access', 462.1, 93.4, 535.4, 105.3, 13],
    ['Complications related to deep venous thrombosis', 56.7, 123.5, 538.5, 145.5, 23.9], ['prophylaxis in trauma: a systematic review of the', 56.7, 149.4, 532.3, 171.4, 23.9],
    ['literature', 56.7, 175.3, 142.2, 197.3, 23.9], ['Indraneel Datta, Chad G Ball, Lucas Rudmik, S Morad Hameed, John B Kortbeek', 56.7, 208.4, 414, 218.5, 11],
  ];
  const s = [...spansOf(top), ...paragraph(prose(1, 260), 56.7, 260, 234, { size: 8.5 }).spans, ...paragraph(prose(2, 260), 305, 260, 234, { size: 8.5 }).spans];
  const blocks = layoutPage(page(s, { width: 595.28, height: 793.7 }));
  const dump = blocks.map((b) => `${b.type}: ${b.text.slice(0, 60)}`).join('\n');
  assert.ok(blocks.some((b) => b.text === 'R E V I E W') && blocks.some((b) => b.text === 'Open Access'), dump);
});

test("two headings over a panel's two columns stay apart: only the page is cut into bands first, not its columns", () => {
  // A Samsung leaflet's last panel (a warranty page beside it): two headings on one line over two columns of steps,
  // wide whitespace above and below them.
  const s: TextSpan[] = [
    ...paragraph(prose(1, 160), 57, 80, 300, { size: 9 }).spans,
    ...words('Samsung vacuum cleaner', 452, 70, { size: 16, bold: true }),
    ...paragraph(prose(2, 40), 452, 100, 320, { size: 8 }).spans,
    ...words('SmartThings setup', 452, 170, { size: 11, bold: true }), ...words('Register and support', 650, 170, { size: 11, bold: true }),
  ];
  for (let k = 0; k < 4; k++) {
    s.push(...words(`${k + 1} Scan the QR code step`, 470, 205 + 14 * k, { size: 8 }), ...words(`${k + 1} Open the support page`, 668, 205 + 14 * k, { size: 8 }));
  }
  const blocks = layoutPage(page(s, { width: 842, height: 595 }));
  const dump = blocks.map((b) => `${b.type}: ${b.text.slice(0, 60)}`).join('\n');
  assert.ok(blocks.some((b) => b.text === 'SmartThings setup') && blocks.some((b) => b.text === 'Register and support'), dump);
});

test("a fact sheet's sidebar running past a gap across the page is read after the text beside it, not band by band", () => {
  // ERCOT's fact sheet, page 1 at its own places: key figures and charts on the left, a sidebar of figures on the right.
  // A gap across the whole page parts the charts from the text above them, and the charts' legends set a gutter of
  // their own; the sidebar runs on past the gap at its own edge, so the two bands are read as the same two columns.
  const spans: SpanRow[] = [
    ['Natural Gas', 64, 573.8, 111.1, 585.7, 9], ['44.3%', 64, 584.6, 88.1, 596.5, 9], ['Wind', 204.8, 574.1, 225.1, 586, 9],
    ['25.2.%', 204.8, 584.9, 231.3, 596.8, 9], ['Coal', 301.3, 573.6, 319.4, 585.5, 9], ['9.8%', 301.3, 584.4, 320.4, 596.3, 9],
    ['Solar', 337.9, 573.6, 358.4, 585.5, 9], ['13.2%', 337.9, 584.4, 362, 596.3, 9], ['0.4% Hydro', 309.1, 528.9, 349.3, 539.5, 8],
    ['0.9% Other*', 309.1, 537.9, 351, 548.5, 8], ['2.7% Storage', 309.1, 546.9, 355.5, 557.5, 8], ['3.5% Nuclear', 309.1, 555.9, 355.6, 566.5, 8],
    ['2024 Generating Capacity', 53.7, 523.8, 193.5, 539.6, 12, true],
    ['The sum of the percentages may not equal 100% due to rounding.', 55, 606.6, 283.1, 617.2, 8],
    ['*Other includes biomass and DC Tie capacity.', 55, 616.2, 213.6, 626.8, 8],
    ['Reflects operational installed capacity based on', 54, 540.6, 220.2, 551.2, 8],
    ['December 2023 CDR report for Summer 2024.', 54, 550.2, 214.1, 560.8, 8], ['7.6% Other*', 305.9, 675.8, 347.7, 686.3, 8],
    ['9.2% Nuclear', 305.9, 684.8, 352.4, 695.3, 8], ['Natural Gas', 62.7, 705.5, 109.8, 717.4, 9], ['45.1%', 62.7, 716.3, 86.9, 728.2, 9],
    ['Wind', 204.5, 706.1, 224.7, 718, 9], ['24.3%', 204.5, 716.9, 228.6, 728.8, 9], ['Coal', 286.4, 706.1, 304.5, 718, 9],
    ['13.9%', 286.4, 716.9, 310.5, 728.8, 9], ['*Other includes solar, hydro, petroleum coke (pet coke), biomass,', 54, 663.6, 279.2, 674.1, 8],
    ['landfill gas, distillate fuel oil, net DC-tie and Block Load Transfer', 54, 673.2, 274.3, 683.7, 8],
    ['imports/exports and an adjustment for wholesale storage load.', 54, 682.8, 273.8, 693.3, 8], ['2023 Energy Use', 54, 646.2, 138.6, 662, 12, true],
    ['Weekend peak demand record', 245, 456.8, 352.3, 467.4, 8], ['(August 20, 2023)', 267, 466.4, 330.3, 477, 8],
    ['85,116 MW', 246.4, 421.9, 348.7, 448.3, 20, true], ['85,508 MW', 81.1, 420.7, 183.3, 447.1, 20, true],
    ['Record peak demand', 98.7, 459.1, 174, 469.7, 8], ['(August 10, 2023)', 104.7, 468.7, 168, 479.3, 8], ['1 MW ', 71.3, 375.8, 107.3, 394.3, 14, true],
    ['of electricity can power about 200 Texas homes during', 110.8, 380, 354, 393.2, 10], ['periods of peak demand.', 157.5, 394, 267.7, 407.2, 10],
    ['*Unofficial until settlements occur', 170.3, 483.7, 288.7, 494.2, 8],
    ['The Electric Reliability Council of Texas (ERCOT) is a nonprofit', 51.9, 112.6, 326.8, 125.8, 10],
    ['organization that ensures reliable electric service for 90 percent of', 51.9, 124.6, 345.5, 137.8, 10],
    ['the state of Texas. The grid operator is regulated by the Public Utility', 51.9, 136.6, 354.2, 149.8, 10],
    ['Commission of Texas and the Texas Legislature.', 51.9, 148.6, 267.9, 161.8, 10], ['More than', 210.1, 229.5, 262.9, 245, 11.8],
    ['26 million', 201.6, 243.4, 271.4, 264.1, 15.7, true], ['customers in the', 193.3, 261.7, 279.7, 277.2, 11.8],
    ['ERCOT region', 200.7, 275.8, 272.3, 291.4, 11.8], ['75% ', 53.4, 309.5, 97.7, 340.4, 23.5, true],
    ['of load is competitive-', 103.5, 314.7, 182.1, 325.2, 8], ['choice customers — nearly', 103.5, 325.7, 198.5, 336.2, 8],
    ['8 million electric-service IDs (premises)', 53.4, 336.7, 193.2, 347.2, 8], ['90% ', 248.1, 172.4, 289.6, 203.4, 23.5, true],
    ['percent of Texas Load', 295.4, 188.7, 384.1, 199.2, 8], ['1,873+', 415.9, 112.3, 465.2, 133.4, 16, true],
    ['active market participants that generate,', 415.9, 131.5, 555.8, 142, 8],
    ['move, buy, sell or use wholesale electricity', 415.9, 142.5, 562.2, 153, 8], ['1,', 416, 169.6, 429.1, 190.7, 16, true],
    ['2', 429.1, 171.5, 438.3, 190.3, 16, true], ['5', 438.3, 171.5, 447.5, 190.3, 16, true], ['0+', 447.5, 169.6, 465.4, 190.7, 16, true],
    ['generating units, including PUNs', 416, 188.8, 531.3, 199.4, 8], ['5', 415.7, 214.4, 424.9, 235.5, 16, true],
    ['4', 424.9, 216.3, 434.1, 235.1, 16, true], [',', 434.1, 214.4, 438, 235.5, 16, true], ['10', 438, 216.3, 456.4, 235.1, 16, true],
    ['0+', 456.4, 214.4, 474.3, 235.5, 16, true], ['miles of high-voltage transmission', 415.7, 232.4, 538.2, 242.9, 8],
    ['98,000+ MW', 416.9, 255.9, 507.4, 277, 16, true], ['expected capacity for Summer 2023 peak', 417.9, 275.1, 565.5, 285.6, 8],
    ['demand', 417.9, 286.1, 446.9, 296.6, 8], ['37,725 MW', 417.8, 314.1, 499.6, 335.2, 16, true],
    ['of installed wind capacity as of', 417.6, 333.3, 527.5, 343.8, 8], ['July 2023, the most of any', 417.6, 343.6, 511.1, 354.1, 8],
    ['state in the nation', 417.6, 353.9, 481.4, 364.4, 8], ['18,364 MW', 416.6, 388.7, 498.5, 409.8, 16, true],
    ['of utility-scale installed solar capacity as', 417.6, 409.5, 561.4, 418.8, 8], ['of ', 417.6, 421.4, 425, 430.8, 8],
    ['September 2023', 427, 420.5, 485.7, 431, 8], ['4,048 MW', 416.9, 455.8, 489.5, 476.9, 16, true],
    ['of installed battery storage as of', 416.9, 475, 531.9, 485.5, 8], ['September 2023', 416.9, 486, 475.6, 496.5, 8],
    ['27,548 MW', 416.8, 518.9, 498.6, 540, 16, true], ['wind ', 416.8, 538.1, 433.7, 548.7, 8], ['g', 435.6, 539.1, 440.1, 548.4, 8],
    ['eneration record (January 7, 2023)', 440.1, 538.1, 562.4, 548.7, 8], ['69.15%', 416.4, 558.8, 469.6, 579.9, 16, true],
    ['wind penetration record (Apr', 416.4, 578, 517.8, 588.5, 8], ['il ', 517.8, 578.9, 521.7, 588.3, 8], ['10, 2022)', 523.6, 578, 556.9, 588.5, 8],
    ['1', 416.9, 605.2, 426.1, 626.3, 16, true], ['7,', 426.1, 607.1, 439.2, 625.8, 16, true], ['201 ', 439.2, 607.1, 466.8, 625.8, 16, true],
    ['MW', 470.6, 605.2, 498.7, 626.3, 16, true], ['solar generation record', 415.7, 624.4, 498.3, 634.9, 8], ['(', 415.7, 634, 418.5, 644.5, 8],
    ['February ', 418.5, 634.9, 449.6, 644.3, 8], ['1', 451.6, 634.9, 456.1, 644.3, 8], ['9', 456, 634.9, 460.5, 644.3, 8],
    [', 2024)', 460.5, 634, 484.9, 644.5, 8], ['3', 416.5, 662.8, 425.7, 683.9, 16, true], ['9.94', 425.7, 664.7, 457.9, 683.4, 16, true],
    ['%', 457.9, 662.8, 469.7, 683.9, 16, true], ['solar penetration record', 416.5, 682, 501.7, 692.5, 8], ['(', 416.5, 693, 419.3, 703.5, 8],
    ['February ', 419.3, 693.9, 450.4, 703.3, 8], ['1', 452.4, 693.9, 456.9, 703.3, 8], ['8, 2024)', 456.8, 693, 485.7, 703.5, 8],
    ['$3.3 billion', 415.9, 714.4, 496.1, 735.5, 16, true], ['transmission projects endorsed in 2022', 415.9, 733.6, 556.7, 744.1, 8],
    ['Fact Sheet', 417.4, 47.5, 546, 78.4, 23, true], ['February ', 419, 82.6, 457.9, 94.3, 10], ['2024', 460.4, 81.4, 482.9, 94.6, 10],
  ];
  const figures: Array<[number, number, number, number]> = [];
  const blocks = layoutPage(page(spansOf(spans), { width: 612, height: 792, figures }));
  const at = (t: string): number => blocks.findIndex((b) => b.text.includes(t));
  const dump = blocks.map((b) => `${b.type}: ${b.text.slice(0, 60)}`).join('\n');
  assert.ok(at('2024 Generating Capacity') >= 0 && at('2024 Generating Capacity') < at('Fact Sheet'), dump);
});

test("an invoice's blocks set flush right under its letterhead do not make the letterhead's columns run on", () => {
  // A WeasyPrint invoice at its own places: the issuer's name beside the invoice's number and dates (flush right), then
  // the issuer's and the customer's addresses side by side, the customer's flush right, then the items.
  const spans: SpanRow[] = [
    ['Tshwane Central SDA', 90, 104.9, 275.7, 125.1, 18, true], ['Invoice #: 123', 430.6, 90, 505.3, 103.4, 12],
    ['Created: January 1, 2023', 369.9, 103.4, 505.3, 116.8, 12], ['Due: February 1, 2023', 385.2, 116.8, 505.3, 130.2, 12],
    ['Company Name, Inc.', 90, 170.7, 202.7, 184.2, 12], ['12345 Sunny Road', 90, 184.2, 192.7, 197.6, 12], ['Sunnyville, TX 12345', 90, 197.6, 203.2, 211, 12],
    ['Customer Name', 417.9, 170.7, 505.3, 184.2, 12], ['customer@example.com', 372.4, 184.2, 505.3, 197.6, 12],
    ['Payment Method', 84.8, 251.5, 180.8, 264.9, 12, true], ['Check #', 464.5, 251.5, 510.5, 264.9, 12, true],
    ['Check', 84.8, 274.6, 118.8, 288, 12], ['1000', 483.8, 274.6, 510.5, 288, 12],
    ['Item', 84.8, 308.3, 109.4, 321.7, 12, true], ['Price', 481.2, 308.3, 510.5, 321.7, 12, true],
    ['Website design', 84.8, 331.4, 166.6, 344.8, 12], ['$300.00', 467.2, 331.4, 510.5, 344.8, 12],
    ['Hosting (3 months)', 84.8, 354.6, 186.1, 368, 12], ['$75.00', 473.8, 354.6, 510.5, 368, 12],
    ['Domain name (1 year)', 84.8, 377.7, 204.1, 391.2, 12], ['$10.00', 473.8, 377.7, 510.5, 391.2, 12],
    ['Total: $385.00', 432.1, 401.7, 510.5, 415.1, 12, true],
  ];
  const blocks = layoutPage(page(spansOf(spans), { width: 595.28, height: 841.89 }));
  const dump = blocks.map((b) => `${b.type}: ${b.text.slice(0, 60)}`).join('\n');
  // The two addresses are read row by row, as their lines pair up.
  assert.ok(blocks.some((b) => b.rows?.some((r) => r.includes('Company Name, Inc.') && r.includes('Customer Name'))), dump);
});

test("a listing's line numbers set apart from its lines (an algorithm's \"1:\", code's \"4\") make a code block, not a table; an item grid numbered 1, 2, 3 and a year's column beside its values do", () => {
  const listing = (rows: string[][], numberX: number, codeXs: number[]): Block[] => {
    const s: TextSpan[] = [];
    rows.forEach((r, i) => { s.push(...words(r[0]!, numberX, 100 + 18 * i, { size: 8 })); r.slice(1).forEach((c, k) => s.push(...words(c, codeXs[k]!, 100 + 18 * i))); });
    return layoutPage(page(s));
  };
  const algorithm = [['1:', 'for i = 1 to n do'], ['2:', 'for k = 1 to n do'], ['3:', 'for j = 1 to n do'], ['4:', 'cij = cij + aik bkj'], ['5:', 'end for'], ['6:', 'end for']];
  const read = listing(algorithm, 78, [104]);
  assert.ok(!read.some((b) => b.type === 'table' || b.type === 'heading'), read.map((b) => `${b.type}: ${b.text}`).join(' | '));
  assert.equal(read.find((b) => b.type === 'code')?.text, algorithm.map((r) => r.join(' ')).join('\n'));
  const code = [['6', 'sum += matrix1 [i][k]', '* matrix2 [k][j];'], ['7', 'sum += matrix1 [i][k + 1]', '* matrix2 [k + 1][j];'], ['8', 'sum += matrix1 [i][k + 2]', '* matrix2 [k + 2][j];'], ['10', 'sum += matrix1 [i][k + 4]', '* matrix2 [k + 4][j];']];
  assert.ok(!listing(code, 74, [100, 260]).some((b) => b.type === 'table'));
  const grid = [['1', 'Ziegelmehl 0-2 mm', '8,00 to', '912,00 €'], ['2', 'PE-Folie zum Abdecken', '2,00 Stck', '35,00 €'], ['3', 'Facharbeiter', '1 Std.', '56,20 €']];
  assert.ok(listing(grid, 74, [100, 300, 400]).some((b) => b.type === 'table'));
  const years = [['2019', '4.1'], ['2020', '3.7'], ['2021', '5.2'], ['2022', '6.0']];
  assert.ok(listing(years, 74, [200]).some((b) => b.type === 'table'));
});

test("an invoice's header row and values set across the gutter of its letterhead's column are one table of four columns", () => {
  const s: TextSpan[] = [];
  ['TENNISMEHL GmbH Hundsberg 13', 'TG Höchberg -TA-', 'Herrn Andreas Dallner', 'Albrecht-Dürer-Straße 44', '97204 Höchberg'].forEach((t, k) => s.push(...words(t, 60, 141 + 12 * k, { size: 9 })));
  s.push(...words('RECHNUNG 2503001', 60, 236, { size: 14, bold: true }));
  ['Verwenden Sie für die Zahlung bitte die angegebene', 'Rechnungs- und Kundennummer, damit wir Ihre Zahlung', 'Lieferadresse', 'TG Höchberg -TA-', 'Waldsportanlage beim Sportplatz']
    .forEach((t, k) => s.push(...words(t, 306, 150 + 12 * k, { size: 8 })));
  const head = [['Projekt', 60], ['Kunden-Nr.:', 147], ['Unser Zeichen', 306], ['Datum', 452]] as const;
  const values = [['2025T0030', 60], ['10300', 147], ['sigle@tennismehl.com', 306], ['04.03.2025', 452]] as const;
  const read = (vals: ReadonlyArray<readonly [string, number]>): Block[] => {
    const all = [...s];
    for (const [t, x] of head) all.push(...words(t, x, 266, { size: 9, bold: true }));
    for (const [t, x] of vals) all.push(...words(t, x, 278, { size: 9 }));
    all.push(...words('Wir danken für Ihren Auftrag und berechnen für die geplante Lieferung:', 117, 318, { size: 10 }));
    return layoutPage(page(all, { width: 595, height: 842 }));
  };
  assert.deepEqual(read(values).find((b) => b.type === 'table')?.rows, [head.map(([h]) => h), values.map(([v]) => v)]);
  // No value under "Datum": the header is not read across the gutter (a boarding pass's "ENTITLED TO" over nothing).
  assert.ok(!read(values.slice(0, 3)).some((b) => b.text.includes('Projekt') && b.text.includes('Datum')));
});

test('two tables side by side on a two-column cheat sheet, their headers sharing labels, stay two tables', () => {
  const s: TextSpan[] = [];
  const column = (x: number, title: string, head: string[], rows: string[][], xs: number[]) => {
    s.push(...words(title, x, 60, { size: 12, bold: true }));
    s.push(...paragraph(prose(x, 40), x, 80, 250, { size: 9 }).spans);
    head.forEach((h, k) => s.push(...words(h, x + xs[k]!, 150, { size: 9, bold: true })));
    rows.forEach((r, i) => r.forEach((c, k) => s.push(...words(c, x + xs[k]!, 162 + 12 * i, { size: 9 }))));
    s.push(...paragraph(prose(x + 1, 40), x, 210, 250, { size: 9 }).spans);
  };
  column(30, 'Canvas element', ['Name', 'Type', 'Default'], [['width', 'unsigned long', '300'], ['height', 'unsigned long', '150']], [0, 70, 180]);
  column(320, 'Compositing', ['Name', 'Type', 'Default'], [['globalAlpha', 'float', '1.0'], ['lineWidth', 'float', '1.0']], [0, 90, 180]);
  const tables = layoutPage(page(s, { width: 612, height: 792 })).filter((b) => b.type === 'table');
  assert.ok(!tables.some((t) => (t.rows?.[0]?.length ?? 0) > 3), tables.map((t) => t.text).join(' | '));
});

test("an invoice's item grid of one item, its header of five labels a line and a half over its row, is a table", () => {
  const s: TextSpan[] = [];
  s.push(...paragraph(prose(21, 40), 32, 300, 500, { size: 10 }).spans);
  const head = [['Beskrivning', 32], ['Antal', 300], ['Enhet', 350], ['Á pris', 420], ['Belopp', 500]] as const;
  const row = [['Arbete', 32], ['166', 300], ['h', 350], ['600 kr', 420], ['99 600 kr', 500]] as const;
  for (const [t, x] of head) s.push(...words(t, x, 456, { size: 10, bold: true }));
  for (const [t, x] of row) s.push(...words(t, x, 484, { size: 10 }));
  s.push(...paragraph(prose(22, 40), 32, 540, 500, { size: 10 }).spans);
  const t = layoutPage(page(s, { width: 595, height: 842 })).find((b) => b.type === 'table');
  assert.deepEqual(t?.rows, [head.map(([h]) => h), row.map(([v]) => v)]);
});

test("an invoice's item grid under its header, its rows a line apart, set across the gutter between its addresses and its dates, is one table", () => {
  const above: SpanRow[] = [
    ['Your Company Inc.', 48, 32.1, 217.2, 50.8, 16, true], ['1234 Company St,', 48, 59.7, 140.7, 71.4, 10], ['Company Town, ST 12345', 48, 75.7, 179.2, 87.4, 10],
    ['INVOICE', 382, 103.6, 548.3, 145.5, 36, true], ['Bill To', 48, 182.7, 83, 194.4, 10, true], ['Customer Name', 48, 195.4, 227.9, 218.7, 20, true],
    ['1234 Customer St,', 48, 224.7, 141.8, 236.4, 10], ['Customer Town, ST 12345', 48, 238.7, 180.2, 250.4, 10],
    ['Invoice #', 340, 198.7, 392.2, 210.4, 10], ['0000007', 482.5, 198.7, 527, 210.4, 10], ['Invoice date', 340, 216.7, 409.3, 228.4, 10],
    ['2023-10-02', 468.9, 216.7, 527, 228.4, 10], ['Due date', 340, 234.7, 391.1, 246.4, 10], ['2023-10-16', 468.9, 234.7, 527, 246.4, 10],
  ];
  const items: SpanRow[] = [
    ['QTY', 52, 272.7, 74.6, 284.4, 10, true], ['Description', 98, 272.7, 162.6, 284.4, 10, true], ['Price', 411.6, 272.7, 440, 284.4, 10, true], ['Amount', 499, 272.7, 543, 284.4, 10, true],
    ['1', 52, 294.7, 58.4, 306.4, 10], ['Replacement of spark plugs', 98, 294.7, 237.8, 306.4, 10], ['40.00', 411.4, 294.7, 440, 306.4, 10], ['$40.00', 508, 294.7, 543, 306.4, 10],
    ['2', 52, 316.7, 58.4, 328.4, 10], ['Brake pad replacement (front)', 98, 316.7, 250.4, 328.4, 10], ['40.00', 411.4, 316.7, 440, 328.4, 10], ['$80.00', 508, 316.7, 543, 328.4, 10],
  ];
  const below: SpanRow[] = [
    ['Subtotal', 380, 348.7, 421.9, 360.4, 10], ['$120.00', 501.7, 348.7, 543, 360.4, 10], ['Sales Tax (5%)', 380, 368.7, 454.7, 380.4, 10], ['$6.00', 514.4, 368.7, 543, 380.4, 10],
    ['Total ($)', 380, 397.8, 433, 410.6, 11, true], ['$126.00', 493, 397.8, 543, 410.6, 11, true],
    ['Notes', 48, 428.8, 81, 440.5, 10, true], ['Wire Transfer Details:', 48, 444.8, 157, 456.5, 10], ['Bank: First National Bank', 54, 458.8, 181, 470.5, 10],
  ];
  const blocks = layoutPage(page(spansOf([...above, ...items, ...below]), { width: 595, height: 841 }));
  const grid = blocks.find((b) => b.rows?.[0]?.includes('QTY'));
  assert.deepEqual(grid?.rows, [['QTY', 'Description', 'Price', 'Amount'], ['1', 'Replacement of spark plugs', '40.00', '$40.00'], ['2', 'Brake pad replacement (front)', '40.00', '$80.00']],
    blocks.map((b) => `${b.type}: ${b.text.replace(/\n/g, ' / ')}`).join('\n'));
  // A line close under the last row (its cell's next line, the table running on): not a small table ending there.
  const wrapped = layoutPage(page(spansOf([...above, ...items, ['and brake discs', 98, 329.4, 180, 341.1, 10], ...below]), { width: 595, height: 841 }));
  assert.ok(!wrapped.some((b) => b.rows?.some((r) => r.includes('QTY') && r.includes('Amount'))));
});

test("an invoice's dates and numbers under their labels beside the sender's address, both starting on one baseline, read block by block", () => {
  const s: SpanRow[] = [
    ['INVOICE', 30, 45.9, 139.6, 76.1, 26], ['MY CLIENT', 47.9, 87.7, 96.7, 98.1, 9], ['4155 CONIFER DRIVE', 47.9, 100.7, 145.4, 111.1, 9],
    ['SEATTLE WASHINGTON 98115', 47.9, 113.7, 177.9, 124.1, 9], ['UNITED STATES', 47.9, 126.7, 118.3, 137.1, 9],
    ['Invoice Date', 378, 61.6, 443, 72.1, 9], ['14 Sep 2021', 378, 72.7, 437.6, 83.1, 9], ['Invoice Number', 378, 100, 453.9, 110.5, 9], ['INV-0000', 378, 111, 421.3, 121.5, 9],
    ['TINYZIMMERTECH LTD', 468.5, 61.6, 566, 72.1, 9], ['1945 DANCING DOVE LANE', 468.5, 74.7, 587.7, 85.1, 9],
    ['SEATTLE WASHINGTON 98101', 468.5, 87.7, 598.6, 98.1, 9], ['UNITED STATES', 468.5, 100.7, 539, 111.1, 9],
  ];
  const blocks = layoutPage(page(spansOf(s), { width: 612, height: 792 }));
  const texts = blocks.map((b) => b.text.replace(/\n/g, ' '));
  assert.ok(texts.includes('Invoice Date 14 Sep 2021') && texts.some((t) => t.startsWith('TINYZIMMERTECH LTD 1945 DANCING DOVE LANE')), texts.join(' | '));
});

test("an e-invoice's parties in rows of sections, each row headed on both sides on one baseline, read row by row", () => {
  const s: SpanRow[] = [
    ['Krajowy System e-Faktur', 28.4, 24, 277, 51, 20, true],
    ['Sprzedawca', 28.4, 127.9, 99.4, 144.3, 12, true], ['Nabywca', 297.6, 127.9, 352.7, 144.3, 12, true],
    ['NIP: 9999999999', 28.4, 151.4, 84, 160.9, 7], ['NIP: 1111111111', 297.6, 151.4, 353.3, 160.9, 7],
    ['Nazwa: ABC Developex S.A.', 28.4, 162.8, 117.8, 172.3, 7], ['Nazwa: F.H.U. Jan Kowalski', 297.6, 162.8, 384.7, 172.3, 7],
    ['Adres', 28.4, 187.2, 48.4, 196.7, 7], ['ul. Sadowa 1 m. 3, 00-002 Kraków', 28.4, 198.6, 136.8, 208.1, 7],
    ['Adres', 297.6, 187.2, 317.7, 196.7, 7], ['ul. Polna 1, 00-001 Warszawa', 297.6, 198.6, 392.1, 208.1, 7],
    ['E-mail: abc@abc.pl', 28.4, 234.4, 90.1, 243.9, 7], ['Tel.: 667444555', 28.4, 244.8, 79.4, 254.3, 7],
    ['E-mail: jan@kowalski.pl', 297.6, 234.4, 373.8, 243.9, 7], ['Tel.: 555777999', 297.6, 244.8, 348.7, 254.3, 7],
    ['Numer klienta: fdfd778343', 297.6, 255.2, 387.3, 264.7, 7], ['ID Nabywcy: 0001', 297.6, 265.6, 356.9, 275.1, 7],
    ['Podmiot inny', 28.4, 302.3, 108.3, 318.6, 12, true],
    ['NIP: 2222222222', 28.4, 323.7, 84, 333.3, 7], ['Nazwa: Szkoła Podstawowa w Bzdziszewie', 28.4, 332.1, 166.1, 341.7, 7],
    ['Rola: Wystawca faktury', 28.4, 340.5, 105.9, 350.1, 7],
    ['Adres', 297.6, 323.7, 317.7, 333.3, 7], ['ul. Akacjowa 200', 297.6, 332.1, 351.7, 341.7, 7], ['00-007 Bzdziszewo', 297.6, 340.5, 358.9, 350.1, 7],
    ['E-mail: sp@bzdziszewo.p', 28.4, 376.3, 109.8, 385.9, 7], ['Tel.: 666888999', 28.4, 386.7, 79.4, 396.3, 7],
  ];
  const text = layoutPage(page(spansOf(s), { width: 595, height: 842 })).map((b) => b.text).join('\n');
  const at = (t: string) => text.indexOf(t);
  assert.ok(at('Nabywca') < at('Podmiot inny') && at('ID Nabywcy') < at('Podmiot inny') && at('Podmiot inny') < at('ul. Akacjowa'), text);
});

test("an item grid of a description a row beside its figures, under a header across the gutter, reads across it", () => {
  const s: SpanRow[] = [
    ['Referentie: 400', 22.4, 368.3, 90, 379.3, 11], ['Boeksleutel: 45586', 22.4, 380.4, 107.7, 391.4, 11], ['Verkoopordernummer: 15616156BB', 22.4, 392.6, 185.3, 403.6, 11],
    ['Contractnummer: 12387001', 305.9, 368.3, 430, 379.3, 11], ['Factuurnummer: 1587968432', 305.9, 380.4, 437, 391.4, 11], ['Factuurdatum: 2009-04-09', 305.9, 392.6, 424.1, 403.6, 11],
    ['Nr', 24.6, 422.2, 37.5, 433.2, 11], ['Omschrijving', 52.6, 422.2, 117.4, 433.2, 11], ['Aantal', 278.3, 422.2, 310.1, 433.2, 11], ['Prijs', 338.9, 422.2, 361.5, 433.2, 11],
    ['BTW%', 399.4, 422.2, 436.1, 433.2, 11], ['Toeslag', 443.4, 422.2, 479.5, 433.2, 11], ['Totaal(EUR)', 498.5, 422.2, 559.6, 433.2, 11],
    ['001 Dit is een TEST HP iPAQ 114 Hand held device', 30.7, 439.8, 267.4, 450.8, 11], ['voor navigatie Ref: 40', 52.6, 451.9, 151.3, 462.9, 11],
    ['10,00', 308.7, 439.8, 333.5, 450.8, 11], ['179,10', 363.8, 439.8, 394, 450.8, 11], ['19,00', 413.3, 439.8, 438.1, 450.8, 11], ['0,00', 473.8, 439.8, 493.1, 450.8, 11], ['1.791,00', 521.1, 439.8, 559.6, 450.8, 11],
    ['002 DIT IS EEN TEST HTC Hero Absolute White', 30.7, 463.9, 258.3, 474.9, 11], ['Hand held device voor navigatie en telefoon', 52.6, 476.1, 247.5, 487.1, 11],
    ['toepassingen Ref: 00168', 52.6, 488.1, 161.4, 499.1, 11], ['80,00', 308.7, 463.9, 333.5, 474.9, 11], ['257,40', 363.8, 463.9, 394, 474.9, 11],
    ['19,00', 413.3, 463.9, 438.1, 474.9, 11], ['0,00', 473.8, 463.9, 493.1, 474.9, 11], ['20.592,00', 515.6, 463.9, 559.6, 474.9, 11],
    ['Opmerkingen:', 30.7, 526, 99.7, 537, 11], ['Niet Betalen DIT IS EEN TEST', 30.7, 538.1, 172.7, 549.1, 11],
    ['Factuur totalen', 305.9, 517.8, 378.9, 528.8, 11], ['Totaal ex BTW:', 305.9, 529.9, 377.4, 540.9, 11], ['30.566,25', 528.9, 529.9, 572.9, 540.9, 11],
    ['BTW (19,00%):', 305.9, 542, 377.4, 553, 11], ['4.252,77', 534.4, 542, 572.9, 553, 11],
  ];
  const blocks = layoutPage(page(spansOf(s), { width: 595, height: 842 }));
  assert.ok(blocks.some((b) => b.rows?.some((r) => r.some((c) => c.startsWith('001 Dit is een TEST')) && r.includes('1.791,00'))), blocks.map((b) => `${b.type}: ${b.text.replace(/\n/g, ' / ')}`).join('\n'));
  // Tax rates set 2 pt under their rows' baselines end the run after its first row, short of the second: the header and
  // that row alone are not taken out of the table (both rows' figures stay together).
  const lowered = s.map((r): SpanRow => (r[0] === '19,00' ? [r[0], r[1], r[2] + 2, r[3], r[4] + 2, r[5]] : r));
  const parts = layoutPage(page(spansOf(lowered), { width: 595, height: 842 }));
  assert.ok(parts.some((b) => b.text.includes('1.791,00') && b.text.includes('20.592,00')), parts.map((b) => `${b.type}: ${b.text.replace(/\n/g, ' / ')}`).join('\n'));
});

test('a line in another typeface and size twice the rows\' pitch under a table of two columns is not its row', () => {
  // A Chrome-printed invoice: the document's foot in 6.8-point SF, the browser's address and "1/2" in 8-point Times.
  const face = (spans: TextSpan[], fontName: string): TextSpan[] => spans.map((s) => ({ ...s, fontName }));
  const s: TextSpan[] = [];
  const rows: Array<[string, string]> = [['Industrias Monterrey SRL', 'Página 1 de 1'], ['RNC: 132327179', 'Original Cliente'], ['Tel: (809) 555-0123', 'Copia Archivo']];
  rows.forEach(([a, b], k) => s.push(...face([...words(a, 65, 700 + 8.2 * k, { size: 6.8 }), ...words(b, 480, 700 + 8.2 * k, { size: 6.8 })], 'SFNS-Regular')));
  s.push(...face([span('https://crm.example.com/invoices/69e8daf8/print', 24, 742, { size: 8 }), span('1/2', 561, 742, { size: 8 })], 'Times-Roman'));
  const blocks = layoutPage(page(s, { width: 595, height: 842 }));
  const table = blocks.find((b) => b.type === 'table');
  assert.ok(table, JSON.stringify(blocks.map((b) => b.text)));
  assert.equal(table.rows?.length, 3, JSON.stringify(table.rows));
  assert.ok(blocks.some((b) => b.type !== 'table' && b.text.startsWith('https://crm.example.com')));
});

test('two grids side by side whose column rules break at the same heights are each parted into their rows', () => {
  // Oregon's Schedule WFC tables: two framed tables abreast, each ruled across its top, their column rules drawn row by row.
  const rules: Array<[number, number, number, number]> = [];
  const spans: SpanRow[] = [];
  const ys = [80, 97, 121, 133, 145, 157, 169];
  for (const [a, m, b] of [[60.5, 207.5, 302.5], [315.5, 462.5, 557.5]] as const) {
    rules.push([a - 0.5, 80, m, 80.5], [m, 80, b + 0.5, 80.5], [a - 0.5, 169, b + 0.5, 169.5]);
    for (let k = 0; k + 1 < ys.length; k++) for (const x of [a, m, b]) rules.push([x, ys[k]!, x + 0.5, ys[k + 1]!]);
    spans.push(['at least:', a + 5, 100, a + 45, 108, 8, false], ['decimal:', m + 5, 100, m + 45, 108, 8, false]);
    for (let k = 2; k + 1 < ys.length; k++) spans.push([`$${23 + k},001`, a + 5, ys[k]! + 2, a + 45, ys[k]! + 10, 8, false], [`0.${40 - 4 * k}`, m + 5, ys[k]! + 2, m + 25, ys[k]! + 10, 8, false]);
  }
  const tables = layoutPage(page(spansOf(spans), { width: 612, height: 792, rules })).filter((b) => b.type === 'table');
  const dump = JSON.stringify(tables.map((t) => t.rows));
  assert.equal(tables.length, 2, dump);
  for (const t of tables) assert.equal(t.rows?.length, 5, dump);
});

test('a table ruled between its rows only, each rule whole from side to side, is a table of its rows and text columns, its unruled header and first row too', () => {
  const rows = [['Paquete Estándar', 'L-S 6 h/sem. Servicio de acompañamiento', 'dentro y fuera del hogar.', '290,00 €'], ['Paquete Premium', 'L-D 10 h/sem. Servicio de acompañamiento', 'con desplazamientos.', '500,00 €'],
    ['Servicio Extra', 'Servicio extraordinario fuera del', 'calendario establecido.', '14,00 €'], ['Fisioterapia', 'Servicio de fisioterapia a domicilio.', 'Tarificación mensual.', '15,00 €'],
    ['Contacto de Emergencia', 'Facilitar al cliente los medios', 'para contactar con nosotros.', '']].map(([n, a, b, p]) => [n!, a!, b!, 'Elaboración de calendario.', p!]);
  const s: TextSpan[] = [...paragraph(prose(2, 40), 40, 120, 500).spans];
  const rules: Array<[number, number, number, number]> = [];
  // The header and the first row draw no rule over them (a header band in colour).
  s.push(span('Nombre', 40, 238, { size: 8, bold: true }), span('Descripción', 146, 238, { size: 8, bold: true }), span('Coste del servicio (mensual)', 417, 238, { size: 8, bold: true }));
  rows.forEach(([name, d1, d2, d3, price], k) => {
    const y = 240 + 40 * k;
    if (k > 0) rules.push([38, y - 2, 556, y - 1.3]);
    // Note: the last row's name runs on to the description column's text.
    s.push({ ...span(name!, 40, y + 19, { size: 8, bold: true }), bbox: [40, y + 12.6, k === 4 ? 148 : 110, y + 20.6] });
    s.push(span(d1!, 146, y + 9, { size: 8 }), span(d2!, 146, y + 19, { size: 8 }), span(d3!, 146, y + 29, { size: 8 }));
    if (price) s.push(span(price, 458, y + 19, { size: 8 }));
  });
  rules.push([38, 240 + 40 * rows.length - 2, 556, 240 + 40 * rows.length - 1.3]);
  const blocks = layoutPage(page(s, { rules }));
  const table = blocks.find((b) => b.type === 'table');
  assert.ok(table, JSON.stringify(blocks.map((b) => [b.type, b.text.slice(0, 40)])));
  assert.deepEqual(table.rows!.map((r) => r[0]), ['Nombre', ...rows.map((r) => r[0])]);
  assert.deepEqual(table.rows![0], ['Nombre', 'Descripción', 'Coste del servicio (mensual)']);
  assert.deepEqual(table.rows![2], ['Paquete Premium', 'L-D 10 h/sem. Servicio de acompañamiento con desplazamientos. Elaboración de calendario.', '500,00 €']);
});

test('rules parting an invoice\'s sections, each a few lines in two columns, make no table', () => {
  const s: TextSpan[] = [];
  const rules: Array<[number, number, number, number]> = [];
  ['Sprzedawca', 'Podmiot inny', 'Szczegóły', 'Płatność'].forEach((title, k) => {
    const y = 100 + 90 * k;
    rules.push([28, y, 566, y + 0.7]);
    s.push(span(title, 30, y + 14, { size: 10, bold: true }), span('Nabywca', 300, y + 14, { size: 10, bold: true }));
    for (let l = 0; l < 3; l++) s.push(span(`NIP: 99999999${l} Nazwa: ABC S.A.`, 30, y + 30 + 11 * l, { size: 8 }));
  });
  rules.push([28, 460, 566, 460.7]);
  const blocks = layoutPage(page(s, { rules }));
  assert.ok(!blocks.some((b) => b.type === 'table' && (b.rows?.length ?? 0) >= 4), JSON.stringify(blocks.map((b) => [b.type, b.text.slice(0, 30)])));
});

test('a title between two tables ruled alike between their rows stays out of both', () => {
  const s: TextSpan[] = [];
  const rules: Array<[number, number, number, number]> = [];
  const table = (top: number, rows: string[][]): number => {
    let y = top;
    rules.push([47, y, 548, y + 0.5]);
    for (const [name, d1, d2, id] of rows) {
      s.push(span(name!, 50, y + 16, { size: 9 }), span(d1!, 140, y + 11, { size: 9 }), span(d2!, 140, y + 21, { size: 9 }), span(id!, 470, y + 16, { size: 9 }));
      y += 26;
      rules.push([47, y, 548, y + 0.5]);
    }
    return y;
  };
  const end = table(60, [['Prodotto', 'Provvista del', 'magazzino', 'CodiceProd'], ['Cibo', 'Prodotto', 'commestibile', 'CodiceProd'], ['Bevanda', 'Prodotto da', 'bere', 'CodiceProd'], ['Vino', 'Bevanda alcolica', 'a base di uva', 'CodiceProd']]);
  // The band between the two tables holds the title only.
  s.push(span('Lista delle relazioni', 60, end + 20, { size: 10, bold: true }));
  table(end + 30, [['Vendita', 'Associa il prodotto', 'al fornitore', 'Prodotto(1,1)'], ['Costo', 'Associa il prezzo', 'all’uscita', 'Prodotto(1,1)'], ['Turno', 'Associa il turno', 'al personale', 'Data(1,N)']]);
  const blocks = layoutPage(page(s, { rules }));
  const tables = blocks.filter((b) => b.type === 'table');
  assert.ok(tables.length >= 2 && tables.every((t) => !t.text.includes('Lista delle relazioni')), JSON.stringify(blocks.map((b) => [b.type, b.text.slice(0, 40)])));
  assert.ok(blocks.some((b) => b.type !== 'table' && b.text === 'Lista delle relazioni'));
});

test("a frame drawn round the whole page is no table's border: its title and notes stay text", () => {
  // A spreadsheet's estimate printed with its page border: a title block, then a grid of totals ruled by a few rules
  // across the frame and one column rule that reaches neither the frame's top nor its bottom.
  const s: TextSpan[] = [];
  s.push(...words('ZAVA AUTO REPAIR', 190, 205, { size: 20, bold: true }), ...words('Certified Collision Repair', 210, 230, { size: 13 }));
  s.push(...words('123 Main Street, Redmond, WA 98052', 180, 246, { size: 13 }));
  s.push(...words('Estimate Totals', 243, 450, { bold: true }), ...words('Hours', 259, 464, { bold: true }), ...words('Rate', 311, 464, { bold: true }), ...words('Cost', 371, 464, { bold: true }));
  const items = [['Parts', '', '', '2,100'], ['Body Labor', '2', '150', '300'], ['Paint Labor', '1.5', '150', '225'], ['Subtotal', '', '', '2,625']];
  items.forEach((r, i) => [77, 259, 311, 371].forEach((x, k) => { if (r[k]) s.push(...words(r[k]!, x, 478 + 13 * i)); }));
  s.push(...words('GRAND TOTAL', 77, 610, { bold: true }), ...words('5,738', 371, 610, { bold: true }));
  s.push(...words('This is a preliminary estimate for the visible damage of the vehicle.', 77, 670, { size: 8 }));
  const rules: Array<[number, number, number, number]> = [[74.5, 67.4, 76.3, 737.4], [472.9, 69.2, 474.7, 737.4], [76.3, 67.4, 474.7, 69.2], [76.3, 735.6, 474.7, 737.4]];
  rules.push([76.3, 452.8, 472.9, 454.6], [257.6, 466.6, 472.9, 467.5], [76.3, 599.9, 472.9, 600.7], [76.3, 613.2, 472.9, 614], [256.7, 466.6, 257.6, 614]);
  const blocks = layoutPage(page(s, { rules }));
  const dump = blocks.map((b) => `${b.type}: ${b.text}`).join('\n');
  for (const t of ['ZAVA AUTO REPAIR', 'preliminary estimate']) assert.ok(blocks.some((b) => b.type !== 'table' && b.text.includes(t)), dump);
});

test("a document's title boxed in a grid's first row, one cell across, is its heading over the grid's fields", () => {
  // A Polish invoice: "Faktura nr FV 7/2021" boxed across the page over boxes of its dates.
  const rules: Array<[number, number, number, number]> = [[36, 65, 559, 65], [36, 88, 559, 88], [36, 65, 36, 122], [559, 65, 559, 122]];
  rules.push([36, 105, 559, 105], [36, 122, 559, 122], [297.5, 88, 297.5, 122]);
  const s: TextSpan[] = [span('Faktura nr FV 7/2021', 213.6, 83, { size: 14 })];
  s.push(span('Data wystawienia: 2021-07-30', 40, 100, { size: 8 }), span('Data sprzedaży: 2021-07-30', 300, 100, { size: 8 }));
  s.push(span('Termin płatności: 2021-08-13', 40, 117, { size: 8 }), span('Metoda płatności: przelew', 300, 117, { size: 8 }));
  const blocks = layoutPage(page(s, { rules }));
  const dump = blocks.map((b) => `${b.type}: ${JSON.stringify(b.rows ?? b.text)}`).join('\n');
  assert.equal(blocks[0]?.type, 'heading', dump);
  assert.equal(blocks[0]?.text, 'Faktura nr FV 7/2021', dump);
  const table = blocks.find((b) => b.type === 'table');
  assert.deepEqual(table?.rows, [['Data wystawienia: 2021-07-30', 'Data sprzedaży: 2021-07-30'], ['Termin płatności: 2021-08-13', 'Metoda płatności: przelew']], dump);
});

test("a ruled row of boxed fields, each a small label over its value, is a row of labels over a row of values", () => {
  // A Brazilian transport manifest (DAMDFE): "Qtd. CT-e" in 8 pt over "001" in 10 pt, box by box, under a title row.
  const rules: Array<[number, number, number, number]> = [[20, 270, 380, 270], [20, 286, 380, 286], [20, 316, 380, 316], [20, 346, 380, 346]];
  for (const x of [20, 110, 200, 380]) rules.push([x, 286, x, 346]);
  rules.push([20, 270, 20, 286], [380, 270, 380, 286]);
  const s: TextSpan[] = [span('Modal Rodoviário de Carga', 130, 282, { size: 10, bold: true })];
  s.push(span('Qtd. CT-e', 22, 296, { size: 8 }), span('Qtd. NF-e', 112, 296, { size: 8 }), span('Peso Total (Kg)', 202, 296, { size: 8 }));
  s.push(span('001', 58, 310), span('000', 150, 310), span('18.768, 0000', 225, 310));
  s.push(span('Veículo', 22, 326, { size: 8 }), span('Placa KKK1199', 22, 340), span('RNTRC', 112, 326, { size: 8 }), span('00000000', 112, 340));
  const blocks = layoutPage(page(s, { rules }));
  const table = blocks.find((b) => b.type === 'table');
  const dump = blocks.map((b) => `${b.type}: ${JSON.stringify(b.rows ?? b.text)}`).join('\n');
  assert.ok(table, dump);
  const rowOf = (cell: string): number => table.rows!.findIndex((r) => r.includes(cell));
  assert.ok(rowOf('Qtd. CT-e') >= 0 && rowOf('001') === rowOf('Qtd. CT-e') + 1, dump);
  assert.deepEqual(table.rows![rowOf('001')]!.slice(0, 3), ['001', '000', '18.768, 0000'], dump);
});

test('a price list in two blocks under one column header each, a date at the right over it: two tables of five columns', () => {
  const s: TextSpan[] = [];
  s.push(...words('FECHA', 420, 50, { bold: true, size: 9 }), ...words('12-ene-21', 480, 50, { bold: true, size: 9 }));
  const xs = [60, 190, 330, 390, 470];
  const head = ['ARTÍCULO', 'MODELO', 'CANTIDAD', 'PRECIO MINIMO', 'PRECIO MAXIMO'];
  const row = (cells: string[], y: number, bold = false) => cells.forEach((c, k) => s.push(...words(c, xs[k]!, y, { bold, size: 8 })));
  const first = [['PC', 'MASTER RACE 1', '144', '$ 51.00', '$ 54.50'], ['CÁMARA', 'SONY V1 #2122', '53', '$ 48.50', '$ 50.50'], ['TECLADO', 'KEYCHRON F5', '25', '$ 45.50', '$ 46.50']];
  const second = [['CABLE HDMI', 'SONY HDMI', '39', '$ 49.25', '$ 52.00'], ['CONSOLA', 'NINTENDO SWITCH', '23', '$ 47.00', '$ 49.00'], ['MESA', 'TABLA #1', '15', '$ 45.00', '$ 47.25']];
  row(head, 72, true);
  first.forEach((r, k) => row(r, 86 + 14 * k));
  row(head, 144, true);
  second.forEach((r, k) => row(r, 158 + 14 * k));
  s.push(...words('TOTAL DE ARTÍCULOS', 120, 214, { bold: true, size: 12 }), ...words('446', 330, 214, { bold: true, size: 12 }));
  const tables = layoutPage(page(s)).filter((b) => b.type === 'table');
  assert.equal(tables.length, 2);
  assert.deepEqual(tables[1]!.rows, [head, ...second]);
  assert.deepEqual(tables[0]!.rows!.slice(-4), [head, ...first]);
});

test('a ruled timetable under two titles, the page\'s only other text: both titles are headings', () => {
  const s: TextSpan[] = [];
  s.push(...words('COMPLEXE SPORTIF SPORTIFY', 110, 90, { size: 24, bold: true }));
  s.push(...words('HORAIRES D’OUVERTURE', 167, 140, { size: 20, bold: true }));
  const days = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'];
  const xs = [100, 250, 400, 500];
  const ys = [170, ...days.map((_, k) => 184 + 14 * k), 184 + 14 * days.length];
  s.push(...words('Jour', 130, 181, { size: 11 }), ...words('Matin', 280, 181, { size: 11 }), ...words('Soir', 430, 181, { size: 11 }));
  days.forEach((d, k) => s.push(...words(d, 130, 195 + 14 * k, { size: 11 }), ...words('5 : 30', 280, 195 + 14 * k, { size: 11 }), ...words('22 : 30', 430, 195 + 14 * k, { size: 11 })));
  const blocks = layoutPage(page(s, { rules: columnRules(xs, ys) }));
  assert.ok(blocks.some((b) => b.type === 'table'));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['COMPLEXE SPORTIF SPORTIFY', 'HORAIRES D’OUVERTURE']);
});

test('an invoice whose items repeat row after row stays one table: only a header row (no figures) met again parts a table', () => {
  const s: TextSpan[] = [];
  const xs = [72, 220, 290, 350, 450];
  const row = (cells: string[], y: number) => cells.forEach((c, k) => s.push(...words(c, xs[k]!, y)));
  const items = [['Konzultace', '2', 'hod', 'Kč 500', 'Kč 1.000'], ['Programování', '10', 'hod', 'Kč 900', 'Kč 9.000']];
  for (let k = 0; k < 6; k++) row(items[k % 2]!, 114 + 14 * k);
  const tables = layoutPage(page(s)).filter((b) => b.type === 'table');
  assert.equal(tables.length, 1);
  assert.equal(tables[0]!.rows!.length, 6);
});

/**
 * A datasheet's specification table: a column of labels (group labels in bold among them) beside four models' values,
 * each row on one baseline; some rows hold one value for all four models, some long enough to run across the models'
 * gutters. Returns the page and its rows as [label, ...values].
 */
function datasheet(): { page: PositionedPage; rows: string[][] } {
  const size = 7.5;
  const xs = [57, 253, 330, 406, 483];
  const rows: string[][] = [
    ['', 'NT 2500', 'NT 3700', 'NT 4200', 'NT 5000'],
    ['Artikelnummer', 'SI225NT0C', 'SI237NT0C', 'SI242NT0C', 'SI250NT0C'],
    ['DC-Eingang'],
    ['Nennleistung DC', '2625 W', '3885 W', '4410 W', '5250 W'],
    ['maximaler DC-Strom', '7,5 A', '11,0 A', '13,0 A', '18,0 A'],
    ['Nennspannung DC', '340 V'],
    ['Anzahl DC-Anschlüsse pro MPP-Tracker', '2 x Tyco Solarlok connectors'],
    ['AC Ausgang'],
    ['Nennausgangsleistung AC', '2500 W', '3680 W', '4200 W', '4600 W'],
    ['Frequenz nominal', '50 Hz'],
    ['Frequenzbereich', '47,5 Hz ... 50,2 Hz (gemäß DIN VDE 0126-1-1)'],
    ['Spannungsbereich AC', '-20% ... +15% (gemäß DIN VDE 0126-1-1)'],
    ['Erdschlussüberwachung', 'AFI (Allstromsensitiv) nach DIN VDE 0126-1-1'],
    ['Maximaler Wirkungsgrad', '97,8%', '97,8%', '97,8%', '97,8%'],
  ];
  const s: TextSpan[] = [];
  rows.forEach((r, k) => r.forEach((c, j) => { if (c) s.push(...words(c, xs[j]!, 90 + 11 * k, { size, bold: r.length === 1 || k === 0 })); }));
  return { page: page(s), rows };
}

test("a datasheet's labels beside their values, row for row on one baseline, are a table's first column, not a column of text", () => {
  const blocks = layoutPage(datasheet().page);
  const tables = blocks.filter((b) => b.type === 'table');
  assert.ok(tables.some((t) => t.rows!.some((r) => r[0] === 'Nennleistung DC' && r[1] === '2625 W')), JSON.stringify(blocks.map((b) => b.text)));
  assert.ok(!blocks.some((b) => b.type === 'paragraph' && b.text.includes('Nennleistung DC')));
});

test("a datasheet's rows with one value running across the models' columns keep the table whole; the value spans them", () => {
  const { page: p, rows } = datasheet();
  const tables = layoutPage(p).filter((b) => b.type === 'table');
  assert.equal(tables.length, 1);
  const t = tables[0]!;
  assert.equal(t.rows!.length, rows.length);
  const at = (label: string): number => t.rows!.findIndex((r) => r[0] === label);
  assert.deepEqual(t.rows![at('Frequenzbereich')], ['Frequenzbereich', '47,5 Hz ... 50,2 Hz (gemäß DIN VDE 0126-1-1)', '', '', '']);
  for (const label of ['Frequenzbereich', 'Spannungsbereich AC', 'Anzahl DC-Anschlüsse pro MPP-Tracker']) {
    assert.ok(t.merged?.some((m) => m.row === at(label) && m.col === 1 && m.colSpan === 4), label);
  }
  assert.ok(!t.merged?.some((m) => m.row === at('Nennleistung DC')));
});

test("where a table's rows span from one column, a row with one short value there spans too, and a group's label the whole row", () => {
  const t = layoutPage(datasheet().page).find((b) => b.type === 'table')!;
  const at = (label: string): number => t.rows!.findIndex((r) => r[0] === label);
  assert.ok(t.merged?.some((m) => m.row === at('Nennspannung DC') && m.col === 1 && m.colSpan === 4));
  assert.ok(t.merged?.some((m) => m.row === at('AC Ausgang') && m.col === 0 && m.colSpan === 5));
  assert.ok(!t.merged?.some((m) => m.row === at('Maximaler Wirkungsgrad')));
});

test('two addresses side by side, line for line on one baseline, are two blocks of text, not a table of labels', () => {
  const s: TextSpan[] = [];
  const seller = ['ÉMETTEUR', 'Jane Doe', '12 rue de la Paix', '69001 Lyon', 'jane.doe@example.com', 'SIREN : 123 456 789', 'N° TVA : FR 12 123 456 789'];
  const buyer = ['CLIENT', 'Acme Corp', '42 avenue des Champs-Élysées', '75008 Paris', 'SIREN : 987 654 321', 'N° TVA : FR 98 987 654 321', 'Tél. 01 23 45 67 89'];
  seller.forEach((t, k) => s.push(...words(t, 60, 120 + 12 * k)));
  buyer.forEach((t, k) => s.push(...words(t, 320, 120 + 12 * k)));
  // One row of the buyer's block in two pieces (a phone number set apart).
  s.push(...words('Fax', 450, 120 + 12 * 6));
  const blocks = layoutPage(page(s));
  assert.ok(!blocks.some((b) => b.type === 'table'), JSON.stringify(blocks.map((b) => b.text)));
});

test('two parties of nine lines each side by side, no value set in columns, are two blocks of text', () => {
  const s: TextSpan[] = [];
  const lines = (who: string) => [who, 'Company Name Ltd', 'Accounts Department', 'Building B, Floor 3', '12 Harbour Road', 'Westfield', 'WF1 2AB', 'United Kingdom', `${who.toLowerCase()}.accounts@example.com`];
  lines('Supplier').forEach((t, k) => s.push(...words(t, 60, 120 + 12 * k)));
  lines('Customer').forEach((t, k) => s.push(...words(t, 320, 120 + 12 * k)));
  const blocks = layoutPage(page(s));
  assert.ok(!blocks.some((b) => b.type === 'table'), JSON.stringify(blocks.map((b) => b.text)));
});

test("a timetable's stops beside runs of times chained into one piece are not a column of labels: the rows' columns do not show", () => {
  // The sides of a gutter as the reading order has them: stops at the left, each row's times at the right, the later
  // times chained into one piece; the same rows with those times apart make a column of labels beside its values.
  const stops = ['Sydenham Gainsborough Dr', 'St Helens Road', 'LN Opposite Parish Church', 'Leamington Upper Parade Stand F', 'Kenilworth Clock', 'Albion Street Wyandotte', 'University of Warwick UW5', 'Coventry Kenpas Highway', 'Coventry Rail Station'];
  const item = (text: string, x0: number, y: number, x1: number): FlowItem => ({ bbox: [x0, y, x1, y + 6.4], frag: { text, bbox: [x0, y, x1, y + 6.4] } as unknown as Fragment });
  const left = stops.map((t, k) => item(t, 66.8, 579 + 10.2 * k, 66.8 + 3.4 * t.length));
  const times = (chained: boolean): FlowItem[] => stops.flatMap((_, k) => {
    const y = 579 + 10.2 * k;
    return chained
      ? [item('0751', 191.4, y, 206.1), item('0851 0911 0931 0951 1011', 210.3, y, 300.8)]
      : [item('0751', 191.4, y, 206.1), item('0851', 210.3, y, 225), item('0911', 229.3, y, 244)];
  });
  const lb = [66.8, 579, 173.1, 579 + 10.2 * 9] as const;
  assert.equal(labelColumn(left, times(false), [...lb]), true);
  assert.equal(labelColumn(left, times(true), [...lb]), false);
});

test("a form's numbered lines with dot leaders are no table of spanning rows: the leaders' dots fill no column", () => {
  // A tax form's lines (IRS 8880), its spans at their own places: the line's number left and again at the right, leaders.
  const rows: SpanRow[] = [];
  const dots = (x0: number, y: number) => { for (let x = x0; x < 460; x += 12) rows.push(['.', x, y, x + 2.5, y + 10.5, 9]); };
  rows.push(['10', 40.4, 564.6, 50.4, 575.4, 9, true], ['Multiply line 7 by line 9', 64.8, 564.9, 156.3, 575.4, 9]);
  dots(168, 564.9);
  rows.push(['10', 473.8, 564.6, 483.8, 575.4, 9, true]);
  rows.push(['11', 40.4, 575.9, 50.4, 586.6, 9, true]);
  let x = 64.8;
  for (const w of 'Limitation based on tax liability. Enter the amount from the Credit Limit Worksheet in the'.split(' ')) { rows.push([w, x, 576.1, x + 4.5 * w.length, 586.5, 9]); x += 4.5 * w.length + 5.5; }
  rows.push(['instructions', 64.8, 587.1, 111.5, 597.5, 9]);
  dots(120, 587.1);
  rows.push(['11', 473.8, 588.6, 483.8, 599.4, 9, true]);
  rows.push(['12', 40.4, 599.9, 50.4, 610.6, 9, true], ['Credit for qualified retirement savings contributions. Enter the smaller', 64.8, 600.1, 360, 610.5, 9]);
  const blocks = layoutPage(page(spansOf(rows)));
  assert.ok(!blocks.some((b) => b.type === 'table' && b.merged?.length), JSON.stringify(blocks.map((b) => [b.rows ?? b.text, b.merged])));
});

test("a contents list's title running on towards its page number spans no columns", () => {
  const s: TextSpan[] = [];
  const entries: Array<[string, string, string]> = [
    ['4.5', 'Receipt of death registration data', '38'], ['4.6', 'Validation processes', '38'], ['4.7', 'Routine checks in Titchfield', '38'],
    ['Annex A', 'Medical certificate of cause of death issued by the doctor', '46'], ['Annex B', 'Draft entry form used in the current system for registering deaths', '47'],
  ];
  entries.forEach(([n, t, p], k) => s.push(...words(n, 60, 100 + 14 * k), ...words(t, 120, 100 + 14 * k), ...words(p, 420, 100 + 14 * k)));
  const tables = layoutPage(page(s)).filter((b) => b.type === 'table');
  assert.ok(tables.length > 0 && tables.every((t) => !t.merged?.length), JSON.stringify(tables.map((t) => [t.rows, t.merged])));
});

test('a column of prose beside a table of items on its baselines is still a column: its lines fill it', () => {
  const s: TextSpan[] = [];
  const text = paragraph(prose(3, 120), 60, 100, 250, { leading: 12 });
  s.push(...text.spans);
  text.lines.forEach((_, k) => s.push(...words(`Item number ${k + 1} of the order`, 340, 100 + 12 * k), ...words(`${20 + k}.25`, 500, 100 + 12 * k)));
  const blocks = layoutPage(page(s));
  assert.ok(text.lines.length >= 8);
  assert.ok(blocks.some((b) => b.type === 'paragraph' && b.text.includes(text.lines[2]!) && b.text.includes(text.lines[3]!)), JSON.stringify(blocks.map((b) => b.text)));
});

test('a row spanning columns met before a later row closed one of them keeps its text', () => {
  const s: TextSpan[] = [];
  const rows: Array<Array<[number, string]>> = [
    [[60, 'Model'], [200, 'A1'], [280, 'B1'], [360, 'C1'], [440, 'D1']],
    [[60, 'Voltage'], [200, '1'], [280, '2'], [360, 'two hundred and thirty volts']],
    [[60, 'Colour'], [220, 'mixed paint finish over the rest of it']],
    [[60, 'Height'], [200, '10'], [280, '20']],
    [[60, 'Depth'], [200, '11'], [280, '21']],
    [[60, 'Width'], [200, '12'], [280, '22']],
  ];
  rows.forEach((r, k) => r.forEach(([x, t]) => s.push(...words(t, x, 100 + 14 * k))));
  const blocks = layoutPage(page(s));
  assert.ok(blocks.some((b) => b.text.includes('two hundred and thirty volts')), JSON.stringify(blocks.map((b) => b.rows ?? b.text)));
});

test('a piece run on over a narrow gutter into the next column spans no columns: it is two cells chained', () => {
  const s: TextSpan[] = [];
  const xs = [60, 170, 280, 396];
  const rows = [
    ['NUMBER TYPE', 'LICENSEE NAME', 'PREMISE ADDRESS', 'CITY'],
    ['632426 BAW', 'BELLAROMA LLC BAR', '1831 NORTHWEST CACHE', 'LAWTON'],
    ['641387 BAW', 'BLUE BELLE SALOON', '224 WEST HARRISON AVE', 'GUTHRIE'],
    ['238892 BAW', 'BOSTON DELI GRILL', '6231 EAST 61ST STREET', 'TULSA'],
    ['603771 BAW', 'COOLGREENS LLC', '14201 NORTH MAY AVENUE OKLAHOMA CITY'],
    ['288037 BAW', 'MAZEL TOV INC', '9620 NORTH MAY AVENUE', 'VILLAGE'],
  ];
  rows.forEach((r, k) => r.forEach((t, c) => s.push(...words(t, xs[c]!, 100 + 14 * k))));
  const tables = layoutPage(page(s)).filter((b) => b.type === 'table');
  assert.ok(tables.length > 0 && tables.every((t) => !t.merged?.some((m) => m.row > 0)), JSON.stringify(tables.map((t) => [t.rows, t.merged])));
});

test("a spanning value wrapped onto a line of its own, flush under it, stays in its cell, which still spans", () => {
  const { page: p } = datasheet();
  // The value of "Frequenzbereich" (the eleventh row, baseline 200) goes on under it; the rows below move down a line.
  const spans = p.spans.map((s) => (s.bbox[1] > 195 ? { ...s, bbox: [s.bbox[0], s.bbox[1] + 11, s.bbox[2], s.bbox[3] + 11] as typeof s.bbox } : s));
  spans.push(...words('und 49,8 Hz ... 50,5 Hz (Italien, CEI 0-21)', 253, 211, { size: 7.5 }));
  const t = layoutPage({ ...p, spans }).find((b) => b.type === 'table')!;
  const at = t.rows!.findIndex((r) => r[0] === 'Frequenzbereich');
  assert.equal(t.rows![at]![1], '47,5 Hz ... 50,2 Hz (gemäß DIN VDE 0126-1-1) und 49,8 Hz ... 50,5 Hz (Italien, CEI 0-21)');
  assert.ok(t.merged?.some((m) => m.row === at && m.col === 1 && m.colSpan === 4));
  assert.ok(t.rows!.some((r) => r[0] === 'Maximaler Wirkungsgrad'));
});

test("a diagram's labels over a heading and a table, standing over none of its columns, give it no column of labels", () => {
  // A canvas cheat sheet, its spans at their own places: "copy" and "xor" under a drawing, a heading, then a table.
  const rows: SpanRow[] = [
    ['copy', 356.0, 461.1, 373.2, 471.0, 8.52], ['xor', 420.7, 461.1, 433.0, 471.0, 8.52],
    ['Line styles', 315.7, 482.1, 375.4, 496.0, 12], ['Attributes', 315.7, 505.2, 364.0, 516.8, 9.96],
    ['Name', 319.4, 524.1, 341.1, 534.0, 8.52], ['Type', 393.2, 524.1, 411.4, 534.0, 8.52], ['Default', 470.8, 524.1, 498.1, 534.0, 8.52],
    ['lineWidth', 319.4, 537.0, 358.6, 546.9, 8.52], ['float', 393.2, 537.0, 412.3, 546.9, 8.52], ['1.0', 470.8, 537.0, 482.7, 546.9, 8.52],
    ['lineCap', 319.4, 550, 349.0, 559.9, 8.52], ['string', 393.2, 550, 415.0, 559.9, 8.52], ['butt', 470.8, 550, 486.6, 559.9, 8.52],
    ['Supports any of the following values:', 334.4, 561.5, 475.5, 571.4, 8.52],
    ['butt', 350.5, 573.0, 366.4, 582.9, 8.52], ['round', 398.3, 573.0, 419.9, 582.9, 8.52], ['square', 446.8, 573.0, 472.4, 582.9, 8.52],
  ];
  const table = layoutPage(page(spansOf(rows))).find((b) => b.type === 'table');
  assert.deepEqual(table?.rows?.find((r) => r.includes('Type')), ['Name', 'Type', 'Default'], JSON.stringify(table?.rows));
});

test('a page border of tiles, whose edges cut the page into a mesh, frames prose and is no table', () => {
  // A Word page border of 18 pt tiles: the tiles' edges along the four sides line up into a mesh over the page.
  const rules: Array<[number, number, number, number]> = [];
  const lo = 24, hi = 588, bottom = 768, step = 18;
  for (const y of [lo, lo + step, bottom - step, bottom]) rules.push([lo, y - 0.25, hi, y + 0.25]);
  for (const x of [lo, lo + step, hi - step, hi]) rules.push([x - 0.25, lo, x + 0.25, bottom]);
  for (let x = lo + 2 * step; x < hi - step; x += step) rules.push([x - 0.25, lo, x + 0.25, lo + step], [x - 0.25, bottom - step, x + 0.25, bottom]);
  for (let y = lo + 2 * step; y < bottom - step; y += step) rules.push([lo, y - 0.25, lo + step, y + 0.25], [hi - step, y - 0.25, hi, y + 0.25]);
  const s: TextSpan[] = [];
  let y = 120;
  for (let k = 0; k < 4; k++) {
    const p = paragraph(prose(k, 70), 80, y, 450, { leading: 16 });
    s.push(...p.spans);
    y = p.y + 24;
  }
  const blocks = layoutPage(page(s, { rules }));
  assert.deepEqual([...new Set(kinds(blocks))], ['paragraph']);
});

test('a line filling every column over a group row that spans them ("YOU  $6,500 …" over "DEPENDENT CHILDREN") is the header row', () => {
  // Pennsylvania's eligibility income table, its spans as the text layer gives them: income limits in bold, each beside a
  // glyph without text ("\u0002"), a group label across the columns, then a row for each number of children.
  const limits = ['$6,500', '$6,750', '$7,000', '$7,250', '$7,500', '$7,750', '$8,000', '$8,250', '$8,500', '$8,750'];
  const rows: SpanRow[] = [
    ['If your Eligibility Income from PA Schedule SP, Line 11, does not exceed:', 137.5, 57.8, 475.6, 66.7, 9.6, true],
    ['YOU ', 44.8, 72.2, 59.7, 79.5, 8, true], ['\u0002', 61.7, 70.7, 68.1, 77.9, 9],
  ];
  limits.forEach((t, k) => rows.push([t, 89.0 + 48 * k, 71.4, 117.0 + 48 * k, 79.8, 9, true]));
  rows.push(['\u0003 ', 57.0, 81.9, 65.0, 89.1, 9], ['DEPENDENT CHILDREN', 67.7, 83.3, 162.0, 90.7, 8, true]);
  const body = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [String(n), ...limits.map((_, k) => `$${(6.5 + 9.5 * n + 0.25 * k).toFixed(3).replace('.', ',')}`)]);
  body.forEach((r, i) => {
    const y = 93.8 + 11.2 * i;
    rows.push([r[0]!, 45.6, y, 50.6, y + 8.3, 9]);
    r.slice(1).forEach((t, k) => rows.push([t, 86.5 + 48 * k, y, 119.5 + 48 * k, y + 8.3, 9]));
  });
  // Under the table, the shares of tax forgiven for each limit, under a line of their own.
  rows.push(['Then your Percentage of Tax Forgiveness and the Decimal Equivalent is:', 137.4, 196.1, 475.6, 204.9, 9.6, true]);
  limits.forEach((_, k) => rows.push([`${100 - 10 * k}%`, 92.2 + 48 * k, 207.7, 113.8 + 48 * k, 216.0, 9, true], [k ? `.${10 - k}0` : '1.0', 96.7 + 48 * k, 218.8, 109.4 + 48 * k, 227.2, 9]));
  const blocks = layoutPage(page(spansOf(rows)));
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t, kinds(blocks).join(', '));
  assert.deepEqual(t.rows?.[0]?.map((c) => c.replace(/[\u0000-\u001f]/gu, '').trim()), ['YOU', ...limits]);
  assert.equal(t.rows?.[1]?.join('').replace(/[\u0000-\u001f]/gu, '').trim(), 'DEPENDENT CHILDREN');
  assert.deepEqual(t.rows?.slice(2), body);
});

test("an item grid's columns are not hidden by payment details across them in the lines above", () => {
  // An invoice printed from a template: payment details in two boxes over the item grid; the first line runs across the
  // grid's first three columns.
  const rows: SpanRow[] = [
    ['Payment by bank transfer on the account below:', 46.0, 271.6, 258.6, 282.8, 10], ['Issue date', 311.2, 271.5, 362.0, 283.8, 11],
    ['05/03/2016', 484.5, 271.1, 549.5, 285.6, 13], ['Account NO', 46.0, 287.4, 105.3, 299.7, 11], ['156546546465', 196.9, 287.0, 283.6, 301.6, 13],
    ['Due date', 311.2, 292.7, 355.9, 305.0, 11], ['19/03/2016', 484.5, 292.4, 549.5, 306.9, 13],
    ['Item', 41.0, 354.3, 60.5, 365.5, 10], ['Quantity', 181.0, 354.3, 218.3, 365.5, 10], ['Unit', 265.0, 354.3, 282.8, 365.5, 10],
    ['Price per item', 326.2, 354.3, 388.0, 365.5, 10], ['10% VAT', 435.0, 354.3, 475.2, 365.5, 10], ['Amount', 520.8, 354.3, 555.3, 365.5, 10],
  ];
  const items = [['Programming', '10', 'h', '$ 60', '$ 60', '$ 600'], ['Consulting', '10', 'h', '$ 30', '$ 30', '$ 300'], ['Support', '20', 'h', '$ 15', '$ 30', '$ 330']];
  const right = [218.3, 282.8, 388.0, 475.2, 555.3];
  for (let k = 0; k < 9; k++) {
    const r = items[k % 3]!, y = 375.9 + 21.55 * k;
    rows.push([r[0]!, 41.0, y, 41.0 + 5 * r[0]!.length, y + 11.2, 10]);
    r.slice(1).forEach((t, c) => rows.push([t, right[c]! - 5 * t.length, y, right[c]!, y + 11.2, 10]));
  }
  const t = layoutPage(page(spansOf(rows))).find((b) => b.type === 'table');
  assert.ok(t);
  assert.deepEqual(t.rows?.[0], ['Item', 'Quantity', 'Unit', 'Price per item', '10% VAT', 'Amount']);
  assert.deepEqual(t.rows?.slice(1, 4), items);
});

test("an invoice annex's item grid is not hidden by its letterhead's labelled number across its columns", () => {
  // CZ.NIC's invoice annex, page 2 as the text layer gives it: "Příloha faktury č.: 2406000590" (a label and its number,
  // three words) runs across the grid's "Služba do" and "Počet" columns.
  const rows: SpanRow[] = [
    ["CZ.NIC, z.s.p.o.", 56.7, 36.9, 238.4, 64.8, 25.0, true], ["Příloha faktury č.: 2406000590", 395.8, 50.5, 538.6, 61.6, 10.0, true], ["List:", 340.2, 73.2, 358.5, 84.3, 10.0], ["Počet listů:", 436.5, 73.2, 485.4, 84.3, 10.0],
    ["2", 391.3, 73.2, 396.9, 84.3, 10.0, true], ["2", 531.1, 73.2, 536.6, 84.3, 10.0, true], ["CZ.NIC, z.s.p.o.", 56.7, 766.6, 113.5, 775.5, 8.0], ["Reklamace: CZ.NIC, z.s.p.o., Americká 23, 120 00 Praha 2", 56.7, 778.0, 265.9, 786.9, 8.0],
    ["www.nic.cz", 340.2, 766.6, 380.1, 775.5, 8.0], ["podpora@nic.cz", 340.2, 778.0, 398.1, 786.9, 8.0], ["IČO: 67985726", 467.7, 766.6, 521.9, 775.5, 8.0], ["DIČ: CZ67985726", 467.7, 778.0, 532.2, 786.9, 8.0],
    ["Změna", 65.5, 100.6, 93.5, 110.6, 9.0], ["Provedena", 102.4, 100.6, 145.9, 110.6, 9.0], ["Doména", 159.1, 100.6, 193.1, 110.6, 9.0], ["Služba do", 334.8, 100.6, 374.8, 110.6, 9.0],
    ["Počet", 387.7, 100.6, 410.7, 110.6, 9.0], ["Cena", 445.9, 100.6, 467.4, 110.6, 9.0], ["Celkem", 499.3, 100.6, 529.8, 110.6, 9.0], ["RUDR", 65.5, 118.6, 91.5, 128.6, 9.0],
    ["12.01.2007", 102.4, 118.6, 147.4, 128.6, 9.0], ["1.1.1.7.4.5.2.2.2.0.2.4.e164.arpa", 159.1, 118.6, 289.6, 128.6, 9.0], ["12.01.2009", 334.8, 118.6, 379.8, 128.6, 9.0], ["2", 405.7, 118.6, 410.7, 128.6, 9.0],
    ["300.00", 439.9, 118.6, 467.4, 128.6, 9.0], ["600.00", 502.2, 118.6, 529.8, 128.6, 9.0], ["RUDR", 65.5, 136.6, 91.5, 146.6, 9.0], ["12.01.2007", 102.4, 136.6, 147.4, 146.6, 9.0],
    ["abc.cz", 159.1, 136.6, 185.1, 146.6, 9.0], ["12.01.2009", 334.8, 136.6, 379.8, 146.6, 9.0], ["2", 405.7, 136.6, 410.7, 146.6, 9.0], ["300.00", 439.9, 136.6, 467.4, 146.6, 9.0],
    ["600.00", 502.2, 136.6, 529.8, 146.6, 9.0], ["RUDR", 65.5, 154.6, 91.5, 164.6, 9.0], ["12.01.2007", 102.4, 154.6, 147.4, 164.6, 9.0], ["snih.cz", 159.1, 154.6, 187.1, 164.6, 9.0],
    ["12.01.2008", 334.8, 154.6, 379.8, 164.6, 9.0], ["1", 405.7, 154.6, 410.7, 164.6, 9.0], ["100 500.00", 422.4, 154.6, 467.4, 164.6, 9.0], ["100 500.00", 484.7, 154.6, 529.8, 164.6, 9.0],
    ["RREG", 65.5, 172.6, 91.5, 182.6, 9.0], ["12.01.2007", 102.4, 172.6, 147.4, 182.6, 9.0], ["jindrizska.cz", 159.1, 172.6, 208.1, 182.6, 9.0], ["10 800.00", 427.4, 172.6, 467.4, 182.6, 9.0],
    ["10 800.00", 489.7, 172.6, 529.8, 182.6, 9.0], ["RUDR", 65.5, 190.6, 91.5, 200.6, 9.0], ["12.01.2007", 102.4, 190.6, 147.4, 200.6, 9.0], ["gaad.cz", 159.1, 190.6, 190.6, 200.6, 9.0],
    ["12.01.2009", 334.8, 190.6, 379.8, 200.6, 9.0], ["2", 405.7, 190.6, 410.7, 200.6, 9.0], ["300.00", 439.9, 190.6, 467.4, 200.6, 9.0], ["600.00", 502.2, 190.6, 529.8, 200.6, 9.0],
    ["Celkem", 102.4, 208.6, 134.4, 218.6, 9.0, true], ["111 900.00", 484.7, 208.6, 529.8, 218.6, 9.0, true],
  ];
  const t = layoutPage(page(spansOf(rows))).find((b) => b.type === 'table');
  assert.ok(t);
  assert.deepEqual(t.rows?.[0], ['Změna', 'Provedena', 'Doména', 'Služba do', 'Počet', 'Cena', 'Celkem']);
  assert.deepEqual(t.rows?.[2], ['RUDR', '12.01.2007', 'abc.cz', '12.01.2009', '2', '300.00', '600.00']);
});

test("a group's short heading over its columns (\"Women's Basketball\") is no line of prose over the table", () => {
  // The NCAA report's three tables side by side, each under its sport's name, as the text layer gives them.
  const rows: SpanRow[] = [
    ["Women's Basketball", 111.9, 431.3, 190.1, 441.2, 9.0, true], ["%-N", 111.9, 444.6, 128.9, 454.6, 9.0], ["2017-18", 111.9, 458.0, 141.9, 467.9, 9.0], ["4-Class", 154.8, 458.0, 181.8, 467.9, 9.0],
    ["GSR", 194.6, 458.0, 212.1, 467.9, 9.0], ["Am. Ind./AN", 61.2, 471.3, 108.9, 481.3, 9.0], ["-", 130.3, 471.3, 133.3, 481.3, 9.0], ["-", 171.7, 471.3, 174.7, 481.3, 9.0],
    ["-", 203.4, 471.3, 206.4, 481.3, 9.0], ["Asian", 61.2, 484.7, 82.2, 494.6, 9.0], ["-", 130.3, 484.7, 133.3, 494.6, 9.0], ["-", 171.7, 484.7, 174.7, 494.6, 9.0],
    ["-", 203.4, 484.7, 206.4, 494.6, 9.0], ["Black", 61.2, 498.0, 82.2, 508.0, 9.0], ["33-a", 123.9, 498.0, 139.8, 508.0, 9.0], ["64-c", 165.2, 498.0, 181.2, 508.0, 9.0],
    ["83-c", 196.9, 498.0, 212.9, 508.0, 9.0], ["Hispanic", 61.2, 511.4, 93.2, 521.3, 9.0], ["-", 130.3, 511.4, 133.3, 521.3, 9.0], ["-", 171.7, 511.4, 174.7, 521.3, 9.0],
    ["100-a", 194.6, 511.4, 215.1, 521.3, 9.0], ["Nat. Haw./PI", 61.2, 524.7, 107.8, 534.7, 9.0], ["-", 130.3, 524.7, 133.3, 534.7, 9.0], ["-", 171.7, 524.7, 174.7, 534.7, 9.0],
    ["-", 203.4, 524.7, 206.4, 534.7, 9.0], ["US N-R", 61.2, 538.0, 90.4, 548.0, 9.0], ["-", 130.3, 538.0, 133.3, 548.0, 9.0], ["-", 171.7, 538.0, 174.7, 548.0, 9.0],
    ["-", 203.4, 538.0, 206.4, 548.0, 9.0], ["Two or More", 61.2, 551.4, 108.5, 561.4, 9.0], ["-", 130.3, 551.4, 133.3, 561.4, 9.0], ["-", 171.7, 551.4, 174.7, 561.4, 9.0],
    ["-", 203.4, 551.4, 206.4, 561.4, 9.0], ["Unknown", 61.2, 564.8, 96.7, 574.7, 9.0], ["-", 130.3, 564.8, 133.3, 574.7, 9.0], ["0-a", 167.5, 564.8, 178.9, 574.7, 9.0],
    ["50-a", 196.9, 564.8, 212.9, 574.7, 9.0], ["White", 61.2, 578.1, 83.2, 588.1, 9.0], ["100-a", 121.6, 578.1, 142.1, 588.1, 9.0], ["60-a", 165.2, 578.1, 181.2, 588.1, 9.0],
    ["100-a", 194.6, 578.1, 215.1, 588.1, 9.0], ["Total", 61.2, 591.5, 79.5, 601.4, 9.0], ["50-a", 123.9, 591.5, 139.8, 601.4, 9.0], ["56-d", 165.0, 591.5, 181.5, 601.4, 9.0],
    ["84-d", 196.6, 591.5, 213.1, 601.4, 9.0], ["Women's CC/Track", 284.2, 431.3, 360.3, 441.2, 9.0, true], ["%-N", 284.2, 444.6, 301.2, 454.6, 9.0], ["2017-18", 288.6, 458.0, 318.6, 467.9, 9.0],
    ["4-Class", 330.4, 458.0, 357.4, 467.9, 9.0], ["GSR", 366.3, 458.0, 383.8, 467.9, 9.0], ["Am. Ind./AN -", 233.5, 471.3, 287.2, 481.3, 9.0], ["-", 326.0, 471.3, 329.0, 481.3, 9.0],
    ["-", 364.8, 471.3, 367.8, 481.3, 9.0], ["Asian", 233.5, 484.7, 254.5, 494.6, 9.0], ["-", 284.2, 484.7, 287.2, 494.6, 9.0], ["-", 326.0, 484.7, 329.0, 494.6, 9.0],
    ["-", 364.8, 484.7, 367.8, 494.6, 9.0], ["Black", 233.5, 498.0, 254.5, 508.0, 9.0], ["33-a", 284.2, 498.0, 300.2, 508.0, 9.0], ["41-d", 326.0, 498.0, 342.5, 508.0, 9.0],
    ["60-c", 364.8, 498.0, 380.8, 508.0, 9.0], ["Hispanic", 233.5, 511.4, 265.5, 521.3, 9.0], ["-", 284.2, 511.4, 287.2, 521.3, 9.0], ["100-a", 326.0, 511.4, 346.5, 521.3, 9.0],
    ["100-a", 364.8, 511.4, 385.3, 521.3, 9.0], ["Nat. Haw./PI -", 233.5, 524.7, 287.2, 534.7, 9.0], ["-", 326.0, 524.7, 329.0, 534.7, 9.0], ["-", 364.8, 524.7, 367.8, 534.7, 9.0],
    ["US N-R", 233.5, 538.0, 262.8, 548.0, 9.0], ["-", 284.2, 538.0, 287.2, 548.0, 9.0], ["0-a", 326.0, 538.0, 337.5, 548.0, 9.0], ["100-a", 364.8, 538.0, 385.3, 548.0, 9.0],
    ["Two or More 100-a", 233.5, 551.4, 304.7, 561.4, 9.0], ["25-a", 326.0, 551.4, 342.0, 561.4, 9.0], ["50-a", 364.8, 551.4, 380.8, 561.4, 9.0], ["Unknown", 233.5, 564.8, 269.0, 574.7, 9.0],
    ["-", 284.2, 564.8, 287.2, 574.7, 9.0], ["-", 326.0, 564.8, 329.0, 574.7, 9.0], ["100-a", 364.8, 564.8, 385.3, 574.7, 9.0], ["White", 233.5, 578.1, 255.5, 588.1, 9.0],
    ["67-b", 284.2, 578.1, 300.7, 588.1, 9.0], ["70-d", 326.0, 578.1, 342.5, 588.1, 9.0], ["88-d", 364.8, 578.1, 381.3, 588.1, 9.0], ["Total", 233.5, 591.5, 251.8, 601.4, 9.0],
    ["60-b", 284.2, 591.5, 300.7, 601.4, 9.0], ["53-e", 326.0, 591.5, 342.0, 601.4, 9.0], ["76-e", 364.8, 591.5, 380.8, 601.4, 9.0], ["Women's Other", 455.0, 431.3, 515.7, 441.2, 9.0, true],
    ["%-N", 476.9, 444.6, 493.9, 454.6, 9.0], ["2017-18 4-Class GSR", 454.3, 458.0, 537.0, 467.9, 9.0], ["Am. Ind./AN -", 403.5, 471.3, 457.3, 481.3, 9.0], ["-", 488.4, 471.3, 491.4, 481.3, 9.0],
    ["-", 519.5, 471.3, 522.5, 481.3, 9.0], ["Asian", 403.5, 484.7, 424.5, 494.6, 9.0], ["-", 454.3, 484.7, 457.3, 494.6, 9.0], ["-", 488.4, 484.7, 491.4, 494.6, 9.0],
    ["-", 519.5, 484.7, 522.5, 494.6, 9.0], ["Black", 403.5, 498.0, 424.5, 508.0, 9.0], ["100-a", 454.3, 498.0, 474.8, 508.0, 9.0], ["75-a", 488.4, 498.0, 504.4, 508.0, 9.0],
    ["100-a", 519.5, 498.0, 540.0, 508.0, 9.0], ["Hispanic", 403.5, 511.4, 435.5, 521.3, 9.0], ["100-a", 454.3, 511.4, 474.8, 521.3, 9.0], ["67-a", 488.4, 511.4, 504.4, 521.3, 9.0],
    ["100-a", 519.5, 511.4, 540.0, 521.3, 9.0], ["Nat. Haw./PI -", 403.5, 524.7, 457.3, 534.7, 9.0], ["-", 488.4, 524.7, 491.4, 534.7, 9.0], ["-", 519.5, 524.7, 522.5, 534.7, 9.0],
    ["US N-R", 403.5, 538.0, 432.8, 548.0, 9.0], ["-", 454.3, 538.0, 457.3, 548.0, 9.0], ["67-a", 488.4, 538.0, 504.4, 548.0, 9.0], ["100-b", 519.5, 538.0, 540.5, 548.0, 9.0],
    ["Two or More 0-a", 403.5, 551.4, 465.8, 561.4, 9.0], ["67-a", 488.4, 551.4, 504.4, 561.4, 9.0], ["100-a", 519.5, 551.4, 540.0, 561.4, 9.0], ["Unknown", 403.5, 564.8, 439.0, 574.7, 9.0],
    ["-", 454.3, 564.8, 457.3, 574.7, 9.0], ["100-a", 488.4, 564.8, 508.9, 574.7, 9.0], ["100-a", 519.5, 564.8, 540.0, 574.7, 9.0], ["White", 403.5, 578.1, 425.5, 588.1, 9.0],
    ["93-c", 454.3, 578.1, 470.3, 588.1, 9.0], ["76-e", 488.4, 578.1, 504.4, 588.1, 9.0], ["98-e", 519.5, 578.1, 535.5, 588.1, 9.0], ["Total", 403.5, 591.5, 421.9, 601.4, 9.0],
    ["89-d", 461.6, 591.5, 478.1, 601.4, 9.0], ["75-e", 488.4, 591.5, 504.4, 601.4, 9.0], ["98-e", 519.5, 591.5, 535.5, 601.4, 9.0],
  ];
  const tables = layoutPage(page(spansOf(rows))).filter((b) => b.type === 'table');
  assert.ok(tables.some((t) => t.rows?.[0]?.[0] === "Women's Basketball"), JSON.stringify(tables.map((t) => t.rows?.[0])));
});

test('a grid ruled in pieces under every column, its column rules only between groups, keeps the columns past its last rule', () => {
  // The Statistical Abstract's arrests table (rows down to "Robbery", its bottom rule moved up under them) as the page gives
  // it: row rules drawn in pieces under every column out to the right side, column rules only before each group (Total,
  // Male, Female) and none at the right side, where the female group's last two columns stand.
  const rules: Array<[number, number, number, number]> = [
    [137.5, 76.3, 165.1, 76.3], [137.8, 104.8, 137.8, 117.8], [137.8, 117.8, 137.8, 124.3], [137.8, 124.3, 137.8, 130.8], [137.8, 130.8, 137.8, 134], [137.8, 134.8, 165.1, 134.8],
    [137.8, 67.5, 165.1, 67.5], [137.8, 67.8, 137.8, 76.0], [137.8, 76.5, 137.8, 91.3], [137.8, 91.5, 165.1, 91.5], [137.8, 91.8, 137.8, 98.3], [137.8, 98.3, 137.8, 104.8],
    [165.1, 134.8, 192.4, 134.8], [165.1, 67.5, 192.4, 67.5], [165.1, 76.3, 192.4, 76.3], [165.1, 91.5, 192.4, 91.5], [192.4, 134.8, 219.8, 134.8], [192.4, 67.5, 219.8, 67.5],
    [192.4, 76.3, 219.8, 76.3], [192.4, 91.5, 219.8, 91.5], [219.8, 104.8, 219.8, 117.8], [219.8, 117.8, 219.8, 124.3], [219.8, 124.3, 219.8, 130.8], [219.8, 130.8, 219.8, 134],
    [219.8, 134.8, 247.1, 134.8], [219.8, 67.5, 247.1, 67.5], [219.8, 67.8, 219.8, 76.0], [219.8, 76.3, 247.1, 76.3], [219.8, 76.5, 219.8, 91.3], [219.8, 91.5, 247.1, 91.5],
    [219.8, 91.8, 219.8, 98.3], [219.8, 98.3, 219.8, 104.8], [247.1, 134.8, 274.4, 134.8], [247.1, 67.5, 274.4, 67.5], [247.1, 76.3, 274.4, 76.3], [247.1, 91.5, 274.4, 91.5],
    [274.4, 134.8, 301.8, 134.8], [274.4, 67.5, 301.8, 67.5], [274.4, 76.3, 301.8, 76.3], [274.4, 91.5, 301.8, 91.5], [301.8, 104.8, 301.8, 117.8], [301.8, 117.8, 301.8, 124.3],
    [301.8, 124.3, 301.8, 130.8], [301.8, 130.8, 301.8, 134], [301.8, 134.8, 329.1, 134.8], [301.8, 67.5, 329.1, 67.5], [301.8, 67.8, 301.8, 76.0], [301.8, 76.3, 329.1, 76.3],
    [301.8, 76.5, 301.8, 91.3], [301.8, 91.5, 329.1, 91.5], [301.8, 91.8, 301.8, 98.3], [301.8, 98.3, 301.8, 104.8], [329.1, 134.8, 356.4, 134.8], [329.1, 67.5, 356.4, 67.5],
    [329.1, 76.3, 356.4, 76.3], [329.1, 91.5, 356.4, 91.5], [356.4, 134.8, 383.8, 134.8], [356.4, 67.5, 383.8, 67.5], [356.4, 76.3, 383.8, 76.3], [356.4, 91.5, 383.8, 91.5],
    [36.0, 134.8, 137.8, 134.8], [36.0, 67.5, 137.8, 67.5], [36.0, 91.5, 137.8, 91.5],
  ];
  const rows: SpanRow[] = [
    ["Offense charged", 63.8, 76.3, 108.0, 83.2, 6.0], ["Total", 171.6, 68.7, 184.2, 75.6, 6.0], ["Male", 253.4, 68.7, 266.4, 75.6, 6.0], ["Female", 332.0, 68.7, 351.8, 75.6, 6.0],
    ["Total", 150.5, 83.9, 163.1, 90.8, 6.0], ["Under 18", 165.7, 77.4, 190.4, 84.3, 6.0], ["years", 175.9, 83.9, 190.4, 90.8, 6.0], ["18 years", 194.9, 77.4, 217.8, 84.3, 6.0],
    ["and over", 194.6, 83.9, 217.8, 90.8, 6.0], ["Total", 232.5, 83.9, 245.1, 90.8, 6.0], ["Under 18", 247.7, 77.4, 272.4, 84.3, 6.0], ["years", 257.9, 83.9, 272.4, 90.8, 6.0],
    ["18 years", 276.9, 77.4, 299.8, 84.3, 6.0], ["and over", 276.6, 83.9, 299.8, 90.8, 6.0], ["Total", 314.5, 83.9, 327.1, 90.8, 6.0], ["Under 18", 329.7, 77.4, 354.4, 84.3, 6.0],
    ["years", 339.9, 83.9, 354.4, 90.8, 6.0], ["18 years", 358.9, 77.4, 381.8, 84.3, 6.0], ["and over", 358.6, 83.9, 381.8, 90.8, 6.0], ["Total", 36.0, 92.5, 49.9, 99.6, 6.0, true],
    ["11,062 ", 139.7, 92.5, 158.1, 99.6, 6.0, true], ["6", 159.8, 92.5, 163.1, 99.6, 6.0, true], ["1,540 ", 170.4, 92.5, 185.4, 99.6, 6.0, true], ["0", 187.1, 92.5, 190.4, 99.6, 6.0, true],
    ["9,522 ", 197.7, 92.5, 212.8, 99.6, 6.0, true], ["6", 214.4, 92.5, 217.8, 99.6, 6.0, true], ["8,263 ", 225.1, 92.5, 240.1, 99.6, 6.0, true], ["3", 241.8, 92.5, 245.1, 99.6, 6.0, true],
    ["1,071 ", 252.4, 92.5, 267.4, 99.6, 6.0, true], ["6", 269.1, 92.5, 272.4, 99.6, 6.0, true], ["7,191 ", 279.7, 92.5, 294.8, 99.6, 6.0, true], ["7", 296.4, 92.5, 299.8, 99.6, 6.0, true],
    ["2,799 ", 307.1, 92.5, 322.1, 99.6, 6.0, true], ["2", 323.8, 92.5, 327.1, 99.6, 6.0, true], ["468 ", 339.4, 92.5, 349.4, 99.6, 6.0, true], ["3", 351.1, 92.5, 354.4, 99.6, 6.0, true],
    ["2,330 ", 361.7, 92.5, 376.8, 99.6, 6.0, true], ["9", 378.4, 92.5, 381.8, 99.6, 6.0, true], ["Violent crime", 36.0, 99.0, 73.7, 106.1, 6.0, true], ["467 ", 148.1, 99.0, 158.1, 106.1, 6.0, true],
    ["9", 159.8, 99.0, 163.1, 106.1, 6.0, true], ["69 ", 178.7, 99.0, 185.4, 106.1, 6.0, true], ["1", 187.1, 99.0, 190.4, 106.1, 6.0, true], ["398 ", 202.7, 99.0, 212.8, 106.1, 6.0, true],
    ["8", 214.4, 99.0, 217.8, 106.1, 6.0, true], ["380 ", 230.1, 99.0, 240.1, 106.1, 6.0, true], ["2", 241.8, 99.0, 245.1, 106.1, 6.0, true], ["56 ", 260.7, 99.0, 267.4, 106.1, 6.0, true],
    ["5", 269.1, 99.0, 272.4, 106.1, 6.0, true], ["323 ", 284.7, 99.0, 294.8, 106.1, 6.0, true], ["7", 296.4, 99.0, 299.8, 106.1, 6.0, true], ["87 ", 315.4, 99.0, 322.1, 106.1, 6.0, true],
    ["7", 323.8, 99.0, 327.1, 106.1, 6.0, true], ["12 ", 342.7, 99.0, 349.4, 106.1, 6.0, true], ["6", 351.1, 99.0, 354.4, 106.1, 6.0, true], ["75 ", 370.1, 99.0, 376.8, 106.1, 6.0, true],
    ["2", 378.4, 99.0, 381.8, 106.1, 6.0, true], ["Murder and nonnegligent", 39.3, 105.7, 106.0, 112.6, 6.0], ["manslaughter ", 41.0, 112.2, 77.3, 119.1, 6.0], [". . . . . . . . . . . . . . . . .", 79.4, 112.2, 134.4, 119.1, 6.0],
    ["10.0", 151.4, 112.2, 163.1, 119.1, 6.0], ["0.9", 182.1, 112.2, 190.4, 119.1, 6.0], ["9.1", 209.4, 112.2, 217.8, 119.1, 6.0], ["9.0", 236.7, 112.2, 245.1, 119.1, 6.0],
    ["0.9", 264.1, 112.2, 272.4, 119.1, 6.0], ["8.1", 291.4, 112.2, 299.8, 119.1, 6.0], ["1.1", 318.7, 112.2, 327.1, 119.1, 6.0], ["–", 351.1, 112.2, 354.4, 119.1, 6.0],
    ["1.0", 373.4, 112.2, 381.8, 119.1, 6.0], ["Forcible rape ", 39.3, 118.7, 74.0, 125.6, 6.0], [". . . . . . . . . . . . . . . . . .", 76.0, 118.7, 134.4, 125.6, 6.0], ["17.5", 151.4, 118.7, 163.1, 125.6, 6.0],
    ["2.6", 182.1, 118.7, 190.4, 125.6, 6.0], ["14.9", 206.1, 118.7, 217.8, 125.6, 6.0], ["17.2", 233.4, 118.7, 245.1, 125.6, 6.0], ["2.5", 264.1, 118.7, 272.4, 125.6, 6.0],
    ["14.7", 288.1, 118.7, 299.8, 125.6, 6.0], ["–", 323.8, 118.7, 327.1, 125.6, 6.0], ["–", 351.1, 118.7, 354.4, 125.6, 6.0], ["–", 378.4, 118.7, 381.8, 125.6, 6.0],
    ["Robbery ", 39.3, 125.2, 62.1, 132.1, 6.0], [". . . . . . . . . . . . . . . . . . . . . .", 62.7, 125.2, 134.4, 132.1, 6.0], ["102.1", 148.1, 125.2, 163.1, 132.1, 6.0], ["25.5", 178.7, 125.2, 190.4, 132.1, 6.0],
    ["76.6", 206.1, 125.2, 217.8, 132.1, 6.0], ["90.0", 233.4, 125.2, 245.1, 132.1, 6.0], ["22.9", 260.7, 125.2, 272.4, 132.1, 6.0], ["67.1", 288.1, 125.2, 299.8, 132.1, 6.0],
    ["12.1", 315.4, 125.2, 327.1, 132.1, 6.0], ["2.5", 346.1, 125.2, 354.4, 132.1, 6.0], ["9.5", 373.4, 125.2, 381.8, 132.1, 6.0],
  ];
  const t = layoutPage(page(spansOf(rows), { rules })).find((b) => b.type === 'table');
  assert.ok(t);
  assert.deepEqual(t.rows?.at(-1), ['Robbery', '102.1', '25.5', '76.6', '90.0', '22.9', '67.1', '12.1', '2.5', '9.5']);
});

test('row rules drawn cell by cell between a table\'s sides stay pieces: a cell spanning two rows keeps its span', () => {
  // A journal's table of biomarkers (its page as the text layer and the drawing give it): every cell's bottom drawn as a
  // piece of its own, the sides drawn row by row, no piece under "PSA protein" where it spans its two groups' rows.
  const rules: Array<[number, number, number, number]> = [
    [120.3, 230.5, 206.9, 231.0], [120.3, 254.5, 206.9, 255.0], [120.3, 278.5, 206.9, 279.0], [120.8, 206.5, 206.9, 207.0], [120.8, 218.5, 206.9, 219.0], [120.8, 242.5, 206.9, 243.0],
    [120.8, 266.5, 206.9, 267.0], [120.8, 290.6, 206.9, 291.1], [207.4, 206.5, 284.4, 207.0], [207.4, 218.5, 284.4, 219.0], [207.4, 230.5, 284.4, 231.0], [207.4, 242.5, 284.4, 243.0],
    [207.4, 254.5, 284.4, 255.0], [207.4, 266.5, 284.4, 267.0], [207.4, 278.5, 284.4, 279.0], [207.4, 290.6, 284.4, 291.1], [284.9, 206.5, 372.3, 207.0], [284.9, 218.5, 372.3, 219.0],
    [284.9, 230.5, 372.3, 231.0], [284.9, 242.5, 372.3, 243.0], [284.9, 254.5, 372.3, 255.0], [284.9, 266.5, 372.3, 267.0], [284.9, 278.5, 372.3, 279.0], [284.9, 290.6, 372.3, 291.1],
    [372.8, 206.5, 445.3, 207.0], [372.8, 218.5, 445.3, 219.0], [372.8, 230.5, 445.3, 231.0], [372.8, 242.5, 445.3, 243.0], [372.8, 254.5, 445.3, 255.0], [372.8, 266.5, 445.3, 267.0],
    [372.8, 278.5, 445.3, 279.0], [372.8, 290.6, 445.3, 291.1], [445.8, 206.5, 544.1, 207.0], [445.8, 218.5, 544.1, 219.0], [445.8, 230.5, 544.1, 231.0], [445.8, 242.5, 544.1, 243.0],
    [445.8, 254.5, 544.1, 255.0], [445.8, 266.5, 544.1, 267.0], [445.8, 278.5, 544.1, 279.0], [445.8, 290.6, 544.1, 291.1], [50.8, 207.0, 51.3, 218.5], [50.8, 219.0, 51.3, 230.5],
    [50.8, 231.0, 51.3, 242.5], [50.8, 243.0, 51.3, 254.5], [50.8, 255.0, 51.3, 266.5], [50.8, 267.0, 51.3, 278.5], [50.8, 279.0, 51.3, 290.6], [51.3, 206.5, 120.3, 207.0],
    [51.3, 218.5, 120.3, 219.0], [51.3, 242.5, 120.3, 243.0], [51.3, 266.5, 120.3, 267.0], [51.3, 290.6, 120.3, 291.1], [544.1, 207.0, 544.6, 218.5], [544.1, 219.0, 544.6, 230.5],
    [544.1, 231.0, 544.6, 242.5], [544.1, 243.0, 544.6, 254.5], [544.1, 255.0, 544.6, 266.5], [544.1, 267.0, 544.6, 278.5], [544.1, 279.0, 544.6, 290.6],
  ];
  const rows: SpanRow[] = [
    ["Biomarker", 56.5, 207.4, 103.2, 218.5, 10.0, true], ["Group", 125.7, 207.4, 154.1, 218.5, 10.0, true], ["Mild (+)", 212.3, 207.4, 247.7, 218.5, 10.0, true], ["Moderate (++)", 289.8, 207.4, 352.0, 218.5, 10.0, true],
    ["Severe (+++)", 377.7, 207.4, 432.3, 218.5, 10.0, true], ["Mean % reactivity", 450.7, 207.4, 530.7, 218.5, 10.0, true], ["PSA protein", 56.5, 225.4, 109.0, 236.5, 10.0, true], ["Benign", 125.7, 219.4, 154.6, 230.5, 10.0],
    ["4", 212.3, 219.4, 217.3, 230.5, 10.0], ["0", 289.8, 219.4, 294.9, 230.5, 10.0], ["0", 377.7, 219.4, 382.8, 230.5, 10.0], ["10", 450.7, 219.4, 460.8, 230.5, 10.0],
    ["CaP", 125.7, 231.4, 142.4, 242.5, 10.0], ["2", 212.3, 231.4, 217.3, 242.5, 10.0], ["6", 289.8, 231.4, 294.9, 242.5, 10.0], ["32", 377.7, 231.4, 387.8, 242.5, 10.0],
    ["94", 450.7, 231.4, 460.8, 242.5, 10.0], ["P63", 56.5, 249.4, 72.6, 260.5, 10.0, true], ["Benign", 125.7, 243.4, 154.6, 254.5, 10.0], ["1", 212.3, 243.4, 217.3, 254.5, 10.0],
    ["0", 289.8, 243.4, 294.9, 254.5, 10.0], ["0", 377.7, 243.4, 382.8, 254.5, 10.0], ["10", 450.7, 243.4, 460.8, 254.5, 10.0], ["CaP", 125.7, 255.4, 142.4, 266.5, 10.0],
    ["2", 212.3, 255.4, 217.3, 266.5, 10.0], ["4", 289.8, 255.4, 294.9, 266.5, 10.0], ["34", 377.7, 255.4, 387.8, 266.5, 10.0], ["98", 450.7, 255.4, 460.8, 266.5, 10.0],
    ["BCL-2", 56.5, 273.4, 85.4, 284.5, 10.0, true], ["Benign", 125.7, 267.4, 154.6, 278.5, 10.0], ["0", 212.3, 267.4, 217.3, 278.5, 10.0], ["0", 289.8, 267.4, 294.9, 278.5, 10.0],
    ["0", 377.7, 267.4, 382.8, 278.5, 10.0], ["0", 450.7, 267.4, 455.7, 278.5, 10.0], ["CaP", 125.7, 279.4, 142.4, 290.5, 10.0], ["4", 212.3, 279.4, 217.3, 290.5, 10.0],
    ["6", 289.8, 279.4, 294.9, 290.5, 10.0], ["30", 377.7, 279.4, 387.8, 290.5, 10.0], ["92", 450.7, 279.4, 460.8, 290.5, 10.0],
  ];
  const t = layoutPage(page(spansOf(rows), { rules })).find((b) => b.type === 'table');
  assert.ok(t);
  assert.deepEqual(t.merged, [{ row: 1, col: 0, rowSpan: 2, colSpan: 1 }, { row: 3, col: 0, rowSpan: 2, colSpan: 1 }, { row: 5, col: 0, rowSpan: 2, colSpan: 1 }]);
});
