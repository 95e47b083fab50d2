import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BBox, Block, TextSpan } from '@docmill/core';
import { layoutPage } from '../src/index.js';
import { page, paragraph, prose, span, spansOf, textWidth, words, type SpanRow } from './helpers.js';

// Borderless tables as annual reports set them: a labels column, columns of figures set flush right,
// headings over the figures only, group rows, totals without a label.

/** Words of `text` set flush right at x. */
const right = (text: string, x: number, y: number): TextSpan[] => words(text, x - textWidth(text), y);

const tableOf = (blocks: Block[]): Block => {
  const t = blocks.find((b) => b.type === 'table');
  assert.ok(t, `a table among ${blocks.map((b) => b.type).join(', ')}`);
  return t;
};

test('a column heading set on two lines over the figures only ("Capital" over "Leases") makes one header row over the columns the rows below set', () => {
  const s: TextSpan[] = [];
  s.push(...right('Capital', 330, 100), ...right('Operating', 420, 100));
  s.push(...right('Leases', 330, 110), ...right('Leases', 420, 110));
  const body = [['2004', '$ 44', '$ 1,368'], ['2005', '125', '1,285'], ['2006', '102', '1,192'], ['Thereafter', '238', '8,342']];
  body.forEach((r, i) => s.push(...words(r[0]!, 72, 124 + 12 * i), ...right(r[1]!, 330, 124 + 12 * i), ...right(r[2]!, 420, 124 + 12 * i)));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['', 'Capital Leases', 'Operating Leases'], ...body]);
});

test('years over the figures with group label rows under them ("Funded Status of Plans:") keep the labels column apart', () => {
  const s: TextSpan[] = [];
  s.push(...right('2008', 330, 100), ...right('2007', 400, 100));
  s.push(...words('Funded Status of Plans:', 72, 112));
  const body = [['Projected benefit obligation', '$ 11,617', '$ 12,209'], ['Fair value of plan assets', '11,879', '11,506'], ['Funded status of the plans', '262', '(703)']];
  body.forEach((r, i) => s.push(...words(r[0]!, 72, 124 + 12 * i), ...right(r[1]!, 330, 124 + 12 * i), ...right(r[2]!, 400, 124 + 12 * i)));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['', '2008', '2007'], ['Funded Status of Plans:', '', ''], ...body]);
});

test('a header over two rows of figures is a table of three rows', () => {
  const s: TextSpan[] = [];
  s.push(...right('2009', 330, 100), ...right('2008', 390, 100), ...right('2007', 450, 100));
  const body = [['Interest (net of capitalized interest)', '$ 61', '$ 105', '$ 136'], ['Income taxes', '509', '816', '1,064']];
  body.forEach((r, i) => s.push(...words(r[0]!, 72, 112 + 12 * i), ...right(r[1]!, 330, 112 + 12 * i), ...right(r[2]!, 390, 112 + 12 * i), ...right(r[3]!, 450, 112 + 12 * i)));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['', '2009', '2008', '2007'], ...body]);
});

test('headings over groups of columns on two lines above the years run across gutters: the table starts at the years, the headings span their columns', () => {
  const s: TextSpan[] = [];
  const xs = [260, 310, 360, 410];
  // "Projections" centred over the last two years, "Estimate" over the first two; "Year over Year" over all four.
  s.push(...words('Year over Year', 300, 88));
  s.push(...words('Estimate', 215, 100), ...words('Projections', 330, 100));
  ['2021', '2022', '2023', '2024'].forEach((y, k) => s.push(...right(y, xs[k]!, 112)));
  const body = [['World Output', '6.2', '3.4', '2.9', '3.1'], ['Advanced Economies', '5.4', '2.7', '1.2', '1.4'], ['United States', '5.9', '2.0', '1.4', '1.0'], ['Euro Area', '5.3', '3.5', '0.7', '1.6']];
  body.forEach((r, i) => {
    s.push(...words(r[0]!, 72, 124 + 12 * i));
    for (let k = 0; k < 4; k++) s.push(...right(r[k + 1]!, xs[k]!, 124 + 12 * i));
  });
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows!.slice(-5), [['', '2021', '2022', '2023', '2024'], ...body]);
  assert.ok(t.rows!.some((r) => r.includes('Projections')), 'the group heading is a header row');
  assert.ok(t.merged?.some((m) => m.colSpan === 2 && t.rows![m.row]![m.col] === 'Projections'), 'Projections spans two columns');
});

test('a total without a label and rows with the last cells empty stay in the table', () => {
  const s: TextSpan[] = [];
  s.push(...right('Capital', 330, 100), ...right('Operating', 420, 100));
  const body = [['2004', '$ 44', '$ 1,368'], ['2005', '125', '1,285'], ['2006', '102', '1,192'], ['Thereafter', '238', '8,342'], ['', '531', '$14,387'], ['Less amount representing interest', '109', ''], ['Present value of net lease payments', '$422', '']];
  body.forEach((r, i) => s.push(...words(r[0]!, 72, 112 + 12 * i), ...right(r[1]!, 330, 112 + 12 * i), ...right(r[2]!, 420, 112 + 12 * i)));
  s.push(...paragraph(prose(2, 40), 72, 220, 360).spans);
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['', 'Capital', 'Operating'], ...body]);
});

test('a group label longer than the labels column runs on over its empty cells as one cell, and the table goes on under it', () => {
  const s: TextSpan[] = [];
  s.push(...right('2008', 330, 100), ...right('2007', 400, 100));
  const body = [['Projected benefit obligation', '$ 11,617', '$ 12,209'], ['Fair value of plan assets', '11,879', '11,506'], ['Net amount recognized', '$ 277', '$ (681)'],
    ['Components of Amounts Included in Balance Sheets:', '', ''], ['Noncurrent pension assets', '$ 827', '$ 1'], ['Current pension obligations', '(32)', '(24)'], ['Net amount recognized', '$ 277', '$ (681)']];
  body.forEach((r, i) => s.push(...words(r[0]!, 72, 112 + 12 * i), ...(r[1] ? right(r[1], 330, 112 + 12 * i) : []), ...(r[2] ? right(r[2], 400, 112 + 12 * i) : [])));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['', '2008', '2007'], ...body]);
});

test('a last row set flush left under figures set flush right narrows a gutter to a third of an em and keeps it', () => {
  const s: TextSpan[] = [];
  const xs = [330, 380, 430];
  ['2003', '2002', '2001'].forEach((y, k) => s.push(...right(y, xs[k]!, 100)));
  const body = [['Dividend yield', '.3785%', '0%', '0%'], ['Expected volatility', '35%', '30%', '35%'], ['Risk-free interest rate', '4.017%', '4.777%', '6.419%']];
  body.forEach((r, i) => { s.push(...words(r[0]!, 72, 112 + 12 * i)); for (let k = 0; k < 3; k++) s.push(...right(r[k + 1]!, xs[k]!, 112 + 12 * i)); });
  // "4 years" set flush left: in the second and third columns it starts 4 pt (0.4 em) after the
  // figures of the column before end.
  const y = 112 + 12 * body.length;
  s.push(...words('Expected lives', 72, y), ...words('4 years', 288, y), ...words('4 years', xs[0]! + 4, y), ...words('4 years', xs[1]! + 4, y));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows!.at(-1), ['Expected lives', '4 years', '4 years', '4 years']);
  assert.equal(t.rows!.length, 5);
});

test('a row label wrapped onto the row of its figures ("Total domestic" over "package revenue") is one label', () => {
  const s: TextSpan[] = [];
  s.push(...right('2009', 330, 100), ...right('2008', 390, 100), ...right('2007', 450, 100));
  const rows = [['U.S. overnight box', '$ 6,074', '$ 6,578', '$ 6,485'], ['U.S. deferred', '2,789', '2,995', '2,883'], ['Total domestic'], ['package revenue', '10,718', '11,585', '11,358'], ['International Priority', '6,978', '7,666', '6,722']];
  rows.forEach((r, i) => {
    s.push(...words(r[0]!, r[0] === 'package revenue' ? 90 : 72, 112 + 12 * i));
    if (r.length > 1) [330, 390, 450].forEach((x, k) => s.push(...right(r[k + 1]!, x, 112 + 12 * i)));
  });
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['', '2009', '2008', '2007'], rows[0], rows[1], ['Total domestic package revenue', '10,718', '11,585', '11,358'], rows[4]]);
});

test('on a two-column page, the wide gap between a table\'s labels and its figures is not the page\'s gutter', () => {
  const s: TextSpan[] = [];
  // Left column 72–330 (a paragraph, a table, a paragraph), right column 350–540 of prose.
  const top = paragraph(prose(1, 30), 72, 100, 258);
  s.push(...top.spans);
  const body = [['Total freight revenue', '3,638', '4,047'], ['Other revenue', '465', '460'], ['Total Express segment', '22,364', '24,421'], ['FedEx Ground segment', '7,047', '6,751'],
    ['FedEx Freight segment', '4,415', '4,934'], ['Services segment', '1,977', '2,138'], ['Other and eliminations', '(306)', '(291)'], ['International', '9,678', '10,647']];
  const y0 = top.y + 12;
  s.push(...right('2009', 270, y0), ...right('2008', 330, y0));
  body.forEach((r, i) => s.push(...words(r[0]!, 72, y0 + 12 * (i + 1)), ...right(r[1]!, 270, y0 + 12 * (i + 1)), ...right(r[2]!, 330, y0 + 12 * (i + 1))));
  s.push(...paragraph(prose(2, 30), 72, y0 + 12 * (body.length + 2), 258).spans);
  s.push(...paragraph(prose(3, 240), 350, 100, 190).spans);
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['', '2009', '2008'], ...body]);
});

test('a table over the full width above two columns of text is one table, not cut at the columns\' gutter', () => {
  const s: TextSpan[] = [];
  const xs = [230, 280, 330, 400, 450, 500];
  ['Actual', 'Actual', 'Target', 'Actual', 'Actual', 'Target'].forEach((h, k) => s.push(...right(h, xs[k]!, 100)));
  s.push(...words('Asset Class', 72, 100));
  const body = [['Domestic equities', '$ 5,694', '49%', '53%', '$ 5,897', '52%', '53%'], ['International equities', '2,481', '21', '17', '2,413', '21', '17'], ['Private equities', '406', '4', '5', '314', '3', '5'], ['Total equities', '8,581', '74', '75', '8,624', '76', '75']];
  body.forEach((r, i) => { s.push(...words(r[0]!, 72, 112 + 12 * i)); xs.forEach((x, k) => s.push(...right(r[k + 1]!, x, 112 + 12 * i))); });
  // Two columns of prose under it; their gutter (330–350) runs up through the table's figures.
  s.push(...paragraph(prose(4, 150), 72, 180, 258).spans, ...paragraph(prose(5, 120), 350, 180, 190).spans);
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['Asset Class', 'Actual', 'Actual', 'Target', 'Actual', 'Actual', 'Target'], ...body]);
});

test('key/value rows above a row of more pieces stay a table: the values run across that row\'s gutters, but the keys hold the first column', () => {
  const s: TextSpan[] = [];
  const rows = [['Name:', 'Jackie Wolff Henderson-Smith'], ['Surname:', 'Doe Ramirez de la Fuente'], ['Birthday:', '2000.12.31'], ['Gender:', 'female', 'male', 'nonbinary']];
  rows.forEach((r, i) => {
    const y = 100 + 14 * i;
    s.push(...words(r[0]!, 50, y));
    if (r.length === 2) s.push(...words(r[1]!, 140, y));
    else s.push(...words(r[1]!, 155, y), ...words(r[2]!, 222, y), ...words(r[3]!, 289, y));
  });
  s.push(...words('Favourite city:', 46, 156), ...words('City:', 50, 170));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows![0]!.slice(0, 2), ['Name:', 'Jackie Wolff Henderson-Smith']);
});

test('a section heading in larger type between two tables ends the first one; a label row of the table\'s size stays in it', () => {
  const rowsAt = (s: TextSpan[], rows: string[][], y0: number): number => {
    rows.forEach((r, i) => s.push(...words(r[0]!, 72, y0 + 12 * i), ...right(r[1]!, 330, y0 + 12 * i), ...right(r[2]!, 420, y0 + 12 * i)));
    return y0 + 12 * rows.length;
  };
  const first = [['2017 graduation rate', '52%', '66%'], ['Four-class average', '48%', '61%'], ['Success rate', '70%', '85%']];
  const second = [['Asian', '20', '60'], ['Black', '229', '35'], ['White', '1623', '49'], ['Total', '2182', '45']];
  const s: TextSpan[] = [];
  let y = rowsAt(s, first, 100);
  s.push(...words('1. Graduation-Rates Data', 72, y + 8, { size: 12, bold: true }));
  rowsAt(s, second, y + 30);
  const tables = layoutPage(page(s)).filter((b) => b.type === 'table');
  assert.deepEqual(tables.map((t) => t.rows), [first, second]);
  // A label row in the table's own size is one of its rows.
  const t: TextSpan[] = [];
  y = rowsAt(t, first, 100);
  t.push(...words('Graduation data', 72, y));
  rowsAt(t, second, y + 12);
  const one = layoutPage(page(t)).filter((b) => b.type === 'table');
  assert.equal(one.length, 1);
  assert.deepEqual(one[0]!.rows![first.length], ['Graduation data', '', '']);
});

test('a balance sheet\'s dates over two group label rows do not hide the gap between labels and figures', () => {
  // The dates, centred over the figures with their dollar signs, cross the gap between labels and figures.
  const s: TextSpan[] = [];
  s.push(...words('June 25,', 456, 90), ...words('September 25,', 530, 90));
  s.push(...words('2022', 462, 100), ...words('2021', 546, 100));
  s.push(...words('Assets:', 19, 112), ...words('Current assets:', 19, 124));
  const body = [['Cash and cash equivalents', '27,502', '34,940'], ['Marketable securities', '20,729', '27,699'], ['Accounts receivable, net', '21,803', '26,278'], ['Inventories', '5,433', '6,580']];
  body.forEach((r, i) => s.push(...words(r[0]!, 35, 136 + 12 * i), ...right(r[1]!, 506, 136 + 12 * i), ...right(r[2]!, 590, 136 + 12 * i)));
  s.push(...words('$', 432, 136), ...words('$', 516, 136));
  const t = tableOf(layoutPage(page(s)));
  // Labels alone in their column, each figure in a column of its own (the dollar signs may stand in theirs).
  assert.deepEqual(t.rows?.slice(-4).map((r) => r.filter((c) => c !== '' && c !== '$').map((c) => c.replace('$ ', ''))), body);
});

test('dollar signs set apart from the figures on the first and total rows go with the figures', () => {
  const s: TextSpan[] = [];
  s.push(...right('2022', 506, 100), ...right('2021', 590, 100));
  const body = [['Cash and cash equivalents', '$', '27,502', '$', '34,940'], ['Marketable securities', '', '20,729', '', '27,699'], ['Inventories', '', '5,433', '', '6,580'], ['Total current assets', '$', '53,664', '$', '68,219']];
  body.forEach((r, i) => {
    s.push(...words(r[0]!, 35, 112 + 12 * i), ...right(r[2]!, 506, 112 + 12 * i), ...right(r[4]!, 590, 112 + 12 * i));
    if (r[1]) s.push(...words(r[1], 432, 112 + 12 * i), ...words(r[3]!, 516, 112 + 12 * i));
  });
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['', '2022', '2021'], ['Cash and cash equivalents', '$ 27,502', '$ 34,940'], ['Marketable securities', '20,729', '27,699'],
    ['Inventories', '5,433', '6,580'], ['Total current assets', '$ 53,664', '$ 68,219']]);
});

test('a column of amounts empty in the first rows (an invoice\'s charges beside its credits) opens where its figures stand', () => {
  // The heads set on two lines ("CHARGES" over "AUD") beside "DATE  DESCRIPTION": the rows alone give the columns.
  const s: TextSpan[] = [...right('CHARGES', 491, 95), ...right('CREDITS', 569, 95), ...words('DATE', 36, 100, { bold: true }), ...words('DESCRIPTION', 103, 100, { bold: true })];
  s.push(...right('AUD', 491, 105), ...right('AUD', 569, 105));
  const body = [['15-08-25', 'Deposit transfer at check-in', '', '4.64'], ['15-08-25', 'Credit Card Surcharge', '4.64', ''], ['15-08-25', 'Room Charge', '463.50', ''],
    ['16-08-25', 'Breakfast Food', '76.00', ''], ['16-08-25', 'Visa Card', '', '76.76']];
  body.forEach((r, i) => s.push(...words(r[0]!, 36, 114 + 11 * i), ...words(r[1]!, 103, 114 + 11 * i), ...(r[2] ? right(r[2], 491, 114 + 11 * i) : []), ...(r[3] ? right(r[3], 569, 114 + 11 * i) : [])));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows?.slice(-body.length), body);
});

test('column heads in bold set on two full lines over rows in roman ("School District" over "Address") make one header row', () => {
  const s: TextSpan[] = [];
  const cols = [30, 110, 200];
  ['School District', 'School', 'Code'].forEach((h, c) => s.push(...words(h, cols[c]!, 100, { size: 8, bold: true })));
  ['Address', 'District', 'No.'].forEach((h, c) => s.push(...words(h, cols[c]!, 109.6, { size: 8, bold: true })));
  const body = [['Alexander ND', 'Alexander 2', '27-002'], ['Amidon ND', 'Central Elem. 32', '44-032'], ['Anamoose ND', 'Anamoose 14', '25-014'], ['Ashley ND', 'Ashley 9', '26-009']];
  body.forEach((r, i) => r.forEach((c, j) => s.push(...words(c, cols[j]!, 122 + 10 * i, { size: 8 }))));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['School District Address', 'School District', 'Code No.'], ...body]);
});

test('a line of heads in bold spanning the first two columns ("School District" over town and state) leaves them two columns', () => {
  const s: TextSpan[] = [];
  const cols = [24, 75, 96, 177];
  s.push(...words('School District', 25.5, 100, { size: 8, bold: true }), ...words('School', 97.5, 100, { size: 8, bold: true }), ...words('Code', 178.5, 100, { size: 8, bold: true }));
  s.push(...words('Address', 25.5, 109.6, { size: 8, bold: true }), ...words('District', 97.5, 109.6, { size: 8, bold: true }), ...words('No.', 178.5, 109.6, { size: 8, bold: true }));
  const body = [['Alexander', 'ND', 'Alexander 2', '27-002'], ['Amidon', 'ND', 'Central Elem. 32', '44-032'], ['Anamoose', 'ND', 'Anamoose 14', '25-014'], ['Ashley', 'ND', 'Ashley 9', '26-009'], ['Beach', 'ND', 'Beach 3', '17-003']];
  body.forEach((r, i) => r.forEach((c, j) => s.push(span(c, cols[j]!, 122 + 9 * i, { size: 8 }))));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows?.slice(-body.length), body, JSON.stringify(t.rows));
  assert.equal(t.rows?.[0]?.[0], 'School District', JSON.stringify(t.rows));
});

test("a label's dot leader running to its figures is no part of the label's cell", () => {
  const s: TextSpan[] = [];
  s.push(...right('2008', 330, 100), ...right('2009', 400, 100));
  const body = [['Robbery', '102.1', '90.0'], ['Aggravated assault', '338.4', '264.0'], ['Burglary', '240.9', '205.0'], ['Larceny-theft', '1,080.1', '608.8']];
  body.forEach((r, i) => {
    const y = 114 + 12 * i;
    s.push(...words(r[0]!, 72, y), ...words('. . . . . . . .', 72 + textWidth(r[0]!) + 5, y), ...right(r[1]!, 330, y), ...right(r[2]!, 400, y));
  });
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows, [['', '2008', '2009'], ...body]);
});

test('a header without a stub head over a first row with its last cell only ("Parts" and its cost) keeps the labels apart', () => {
  const s: TextSpan[] = [];
  // An estimate's totals: the labels in bold, sub-items indented, a label row with no figures.
  const cols = [77, 259, 311, 371];
  s.push(span('Estimate Totals', 243, 87, { bold: true }));
  ['Hours', 'Rate', 'Cost'].forEach((h, k) => s.push(span(h, cols[k + 1]!, 100, { bold: true })));
  const body = [['Parts', '', '', '2,100'], ['Body Labor', '2', '150', '300'], ['Paint Labor', '1.5', '150', '225'], ['Mechanical Labor', '-', '-', '-'],
    ['Supplies', '', '', ''], ['Paint Supplies', '', '', '60'], ['Subtotal', '', '', '2,625']];
  body.forEach((r, i) => r.forEach((c, k) => { if (c) s.push(span(c, k === 0 && c === 'Paint Supplies' ? 158 : cols[k]!, 113 + 13 * i, { bold: k === 0 })); }));
  // A note under the totals, its text running from under the sub-items into the hours' column.
  s.push(span('Note', 77, 113 + 13 * body.length + 4, { bold: true }), span('Minor rear bumper repair', 158, 113 + 13 * body.length + 4));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows?.slice(0, 5), [['', 'Hours', 'Rate', 'Cost'], ...body.slice(0, 4)], JSON.stringify(t.rows));
});

test("a statement's total in bold under its years in bold stays a row of figures", () => {
  const s: TextSpan[] = [];
  s.push(...words('CONTO ECONOMICO', 72, 100, { bold: true }), ...right('2015', 330, 100), ...right('2016', 400, 100));
  for (const sp of s) sp.bold = true;
  const total = ['A) VALORE DELLA PRODUZIONE', '124.504.000', '127.608.000'];
  s.push(...words(total[0]!, 72, 110, { bold: true }), ...right(total[1]!, 330, 110).map((sp) => ({ ...sp, bold: true })), ...right(total[2]!, 400, 110).map((sp) => ({ ...sp, bold: true })));
  const body = [['1) Ricavi delle vendite', '120.062.000', '124.406.000'], ['2) Variazione rimanenze', '1.942.000', '117.000'], ['3) Altri ricavi', '2.500.000', '3.085.000']];
  body.forEach((r, i) => s.push(...words(r[0]!, 72, 120 + 10 * i), ...right(r[1]!, 330, 120 + 10 * i), ...right(r[2]!, 400, 120 + 10 * i)));
  const t = tableOf(layoutPage(page(s)));
  assert.deepEqual(t.rows?.slice(0, 2), [['CONTO ECONOMICO', '2015', '2016'], total], JSON.stringify(t.rows));
});

test('a header with a stub head ("Name") centred over the names keeps its columns when the first name is short', () => {
  // An 8-K's vote table at its own places: "Name" in bold centred over names that start well left of it.
  const rows: SpanRow[] = [
    ['Name', 99.3, 132.1, 121.8, 142.1, 9, true], ['For', 227.5, 132.1, 241.4, 142.1, 9, true], ['Against', 313.3, 132.1, 342.7, 142.1, 9, true],
    ['Abstain', 406.6, 132.1, 436.6, 142.1, 9, true], ['Broker Non-Vote', 481.6, 132.1, 548.3, 142.1, 9, true],
  ];
  const body: Array<[string, number, string, string, string, string]> = [['Heidi K. Kunz', 86.6, '199,252,742', '49,152,480', '378,386', '19,452,911'],
    ['Susan H. Rataj', 87.6, '226,926,105', '21,488,352', '369,151', '19,452,911'], ['George A. Scangos, Ph.D.', 128.6, '212,737,808', '35,656,600', '389,200', '19,452,911'],
    ['Dow R. Wilson', 90.1, '222,110,567', '26,281,390', '391,650', '19,452,911']];
  body.forEach(([name, end, a, b, c, d], k) => {
    const y = 143.5 + 11.4 * k;
    rows.push([name, 33.9, y, end, y + 10, 9, false], [a, 213, y, 258, y + 10, 9, false], [b, 308.8, y, 349.3, y + 10, 9, false], [c, 408.1, y, 437.3, y + 10, 9, false], [d, 495, y, 535.5, y + 10, 9, false]);
  });
  const t = tableOf(layoutPage(page(spansOf(rows))));
  assert.deepEqual(t.rows, [['Name', 'For', 'Against', 'Abstain', 'Broker Non-Vote'], ...body.map(([name, , a, b, c, d]) => [name, a, b, c, d])]);
});

test("an invoice's order fields under their heads in bold, right over its item grid's heads in bold, are a table of their own", () => {
  const rows: SpanRow[] = [
    ['Klant', 44.1, 279.6, 65.3, 290.5, 8, true], ['Order', 143.9, 279.6, 167.3, 290.5, 8, true], ['Factuur datum', 314.9, 279.6, 374.3, 290.5, 8, true],
    ['Factuur', 398.5, 279.6, 428, 290.5, 8, true], ['Vervaldatum', 480, 279.6, 526, 290.5, 8, true],
    ['SCONL0303006280999', 44.1, 292.5, 129.2, 303.4, 8], ['SCONL000000444', 143.9, 292.5, 210.8, 303.4, 8], ['8-9-2022', 314.9, 292.5, 350, 303.4, 8],
    ['VF1005193039', 398.5, 292.5, 452, 303.4, 8], ['22-9-2022', 480, 292.5, 519, 303.4, 8],
    ['Artikel', 43.9, 326.1, 71.1, 337, 8, true], ['Omschrijving', 101.5, 326.1, 154.8, 337, 8, true], ['Prijs', 398.5, 326.1, 415.9, 337, 8, true], ['Bedrag', 520, 326.1, 549.6, 337, 8, true],
    ['E103184', 43.9, 336.7, 75.6, 347.6, 8], ['Onderhoudsset CA6707/10', 101.5, 336.7, 203, 347.6, 8], ['49,99', 398.5, 336.7, 420, 347.6, 8], ['49,99', 528, 336.7, 549.6, 347.6, 8],
    ['E103560', 43.9, 347.6, 75.6, 358.5, 8], ['SX Flyer SAECO Korting', 101.5, 347.6, 198, 358.5, 8], ['0,00', 398.5, 347.6, 416, 358.5, 8], ['0,00', 532, 347.6, 549.6, 358.5, 8],
  ];
  const tables = layoutPage(page(spansOf(rows))).filter((b) => b.type === 'table');
  assert.deepEqual(tables.map((t) => t.rows?.[0]), [['Klant', 'Order', 'Factuur datum', 'Factuur', 'Vervaldatum'], ['Artikel', 'Omschrijving', 'Prijs', 'Bedrag']], JSON.stringify(tables.map((t) => t.rows)));
});

test("a statement ruled under its figures keeps each label on its row when a label's box reaches past a total's double rule", () => {
  // Apple's condensed statement of operations, its spans as the text layer gives them: boxes 1.8 ems tall,
  // so "Net income" reaches below the double rule drawn under its figures only.
  const rows: SpanRow[] = [
    ['Income before provision for income taxes', 52.1, 379.8, 216.2, 396.3, 9.1], ['26,998', 333.3, 379.8, 363.2, 396.3, 9.1],
    ['24,657', 399.3, 379.8, 428.2, 396.3, 9.1], ['113,736', 460.3, 379.8, 491.9, 396.3, 9.1], ['119,103', 526.3, 379.8, 557.1, 396.3, 9.1],
    ['Provision for income taxes', 52.1, 394.2, 156.9, 410.7, 9.1], ['4,042', 338.3, 394.2, 362.4, 410.7, 9.1],
    ['3,936', 404.3, 394.2, 428.6, 410.7, 9.1], ['16,741', 465.3, 394.2, 491.1, 410.7, 9.1], ['19,300', 531.3, 394.2, 559.7, 410.7, 9.1],
    ['Net income', 52.1, 408.4, 98.1, 424.9, 9.1], ['22,956', 333.3, 408.4, 362.7, 424.9, 9.1], ['20,721', 399.3, 408.4, 426.3, 424.9, 9.1],
    ['96,995', 465.3, 408.4, 495.4, 424.9, 9.1], ['99,803', 531.3, 408.4, 561.2, 424.9, 9.1],
    ['Earnings per share:', 52.1, 435.0, 129.0, 451.5, 9.1],
    ['Basic', 70.1, 449.4, 91.9, 465.9, 9.1], ['1.47', 343.3, 449.4, 360.0, 465.9, 9.1], ['1.29', 409.3, 449.4, 426.4, 465.9, 9.1],
    ['6.16', 475.3, 449.4, 492.6, 465.9, 9.1], ['6.15', 541.3, 449.4, 558.4, 465.9, 9.1],
    ['Diluted', 70.1, 463.6, 98.7, 480.1, 9.1], ['1.46', 343.3, 463.6, 360.7, 480.1, 9.1], ['1.29', 409.3, 463.6, 426.4, 480.1, 9.1],
    ['6.13', 475.3, 463.6, 492.4, 480.1, 9.1], ['6.11', 541.3, 463.6, 557.0, 480.1, 9.1],
  ];
  const figures: Array<[number, number]> = [[302.2, 364.6], [368.2, 430.6], [434.2, 496.6], [500.2, 562.6]];
  const rules: BBox[] = [];
  for (const y of [378.0, 393.0, 407.5, 484.0]) rules.push([49.4, y, 302.2, y + 1], ...figures.map(([a, b]): BBox => [a, y, b, y + 1]));
  for (const y of [421.7, 423.6]) rules.push(...figures.map(([a, b]): BBox => [a, y, b, y + 1]));
  const t = tableOf(layoutPage(page(spansOf(rows), { rules })));
  assert.deepEqual(t.rows?.map((r) => r[0]), ['Income before provision for income taxes', 'Provision for income taxes', 'Net income', 'Earnings per share:', 'Basic', 'Diluted']);
  assert.deepEqual(t.rows?.[2], ['Net income', '22,956', '20,721', '96,995', '99,803']);
  assert.deepEqual(t.rows?.[5], ['Diluted', '1.46', '1.29', '6.13', '6.11']);
  assert.equal(t.merged, undefined);
});

test('a balance sheet\'s line alone before a section label ("Commitments and contingencies" over "Shareholders\' equity:") is a row of its own', () => {
  // Apple's condensed balance sheet: one ruled row holds the equity section, a label wrapped onto its figures' line in it.
  const rows: SpanRow[] = [
    ['Total liabilities', 52.1, 557.0, 120.0, 573.5, 9.1], ['290,437', 453.0, 557.0, 485.3, 573.5, 9.1], ['302,083', 528.0, 557.0, 561.6, 573.5, 9.1],
    ['Commitments and contingencies', 52.1, 586.2, 184.2, 602.7, 9.1],
    ['Shareholders’ equity:', 52.1, 614.8, 136.7, 631.3, 9.1],
    ['Common stock and additional paid-in capital, ', 70.1, 628.7, 251.1, 645.2, 9.1], ['$', 253.0, 628.7, 258.7, 645.2, 9.1],
    ['0.00001 par value: 50,400,000 shares', 258.6, 628.7, 412.8, 645.2, 9.1],
    ['authorized; 15,550,061 and 15,943,425 shares issued and outstanding, respectively', 79.1, 639.5, 414.4, 656.0, 9.1],
    ['73,812', 457.9, 637.3, 485.3, 653.8, 9.1], ['64,849', 531.3, 637.3, 561.6, 653.8, 9.1],
    ['Accumulated deficit', 70.1, 653.4, 150.1, 669.9, 9.1], ['(214)', 466.9, 653.4, 488.3, 669.9, 9.1], ['(3,068)', 531.1, 653.4, 561.8, 669.9, 9.1],
    ['Accumulated other comprehensive loss', 70.1, 667.6, 227.9, 684.1, 9.1], ['(11,452)', 455.4, 667.6, 488.3, 684.1, 9.1], ['(11,109)', 530.0, 667.6, 561.8, 684.1, 9.1],
  ];
  const rules: BBox[] = [];
  for (const y of [555.0, 571.0, 683.0]) rules.push([49.4, y, 419.3, y + 1], [419.3, y, 488.9, y + 1], [492.7, y, 562.6, y + 1]);
  const t = tableOf(layoutPage(page(spansOf(rows), { rules })));
  assert.deepEqual(t.rows?.map((r) => r[0]?.slice(0, 24)), ['Total liabilities', 'Commitments and continge', 'Shareholders’ equity:', 'Common stock and additio', 'Accumulated deficit', 'Accumulated other compre']);
  assert.deepEqual(t.rows?.[3]?.slice(1), ['73,812', '64,849']);
});

test("a statement's first rows, their currency signs apart, stay in it under a run with the signs' columns", () => {
  // FedEx's funded status of its pension plans: "$" set apart on the first and total rows makes the rows below read with more
  // gutters than the header and first rows; no line above crosses them with words, so the table starts at its header.
  const rows: SpanRow[] = [
    ["2008", 231.0, 525.9, 243.9, 534.3, 7.0, true], ["2007", 270.6, 525.8, 283.0, 534.3, 7.0], ["Funded Status of Plans:", 36.0, 538.0, 121.0, 548.7, 9.0, true],
    ["Projected benefit obligation (PBO)", 36.0, 548.8, 158.5, 559.7, 9.0], ["$ ", 215.8, 549.0, 219.8, 559.7, 9.0, true], ["11,617", 220.9, 549.0, 243.8, 559.7, 9.0, true],
    ["$ ", 256.0, 548.8, 260.0, 559.7, 9.0], ["12,209", 261.0, 548.8, 283.0, 559.7, 9.0], ["Fair ", 36.0, 559.8, 49.5, 570.7, 9.0],
    ["value ", 51.5, 559.8, 71.0, 570.7, 9.0], ["of ", 73.0, 559.8, 80.0, 570.7, 9.0], ["plan ", 82.0, 559.8, 97.5, 570.7, 9.0],
    ["assets", 99.5, 559.8, 123.0, 570.7, 9.0], ["11,879", 221.0, 560.0, 243.8, 570.7, 9.0, true], ["11,506", 261.0, 559.8, 283.0, 570.7, 9.0],
    ["Funded status of the plans", 36.0, 570.8, 130.5, 581.7, 9.0], ["262", 231.5, 571.0, 243.8, 581.7, 9.0, true], ["(703)", 268.5, 570.8, 285.5, 581.7, 9.0],
    ["Employer contributions after measurement date", 36.0, 581.8, 207.5, 592.7, 9.0], ["15", 235.7, 582.0, 243.8, 592.7, 9.0, true], ["22", 275.0, 581.8, 283.0, 592.7, 9.0],
    ["Net amount recognized", 36.0, 592.8, 120.0, 603.7, 9.0], ["$", 215.8, 593.0, 219.8, 603.7, 9.0, true], ["277", 231.5, 593.0, 243.8, 603.7, 9.0, true],
    ["$", 256.0, 592.8, 260.0, 603.7, 9.0], ["(681)", 268.5, 592.8, 285.5, 603.7, 9.0], ["Components of Amounts Included in Balance Sheets:", 36.0, 604.0, 228.5, 614.7, 9.0, true],
    ["Noncurrent pension assets", 36.0, 614.8, 133.5, 625.7, 9.0], ["$", 215.9, 615.0, 219.8, 625.7, 9.0, true], ["827", 231.5, 615.0, 243.9, 625.7, 9.0, true],
    ["$", 256.0, 614.8, 260.0, 625.7, 9.0], ["1", 279.1, 614.8, 283.0, 625.7, 9.0], ["Current pension and other benefit obligations", 36.0, 625.8, 198.5, 636.7, 9.0],
    ["(32)", 233.0, 626.0, 246.6, 636.7, 9.0, true], ["(24)", 272.6, 625.8, 285.5, 636.7, 9.0], ["Noncurrent pension and other benefit obligations", 36.0, 636.8, 213.0, 647.7, 9.0],
    ["(518)", 228.8, 637.0, 246.6, 647.7, 9.0, true], ["(658)", 268.6, 636.8, 285.5, 647.7, 9.0], ["Net amount recognized", 36.0, 647.8, 120.0, 658.7, 9.0],
    ["$", 215.9, 648.0, 219.9, 658.7, 9.0, true], ["277", 231.5, 648.0, 243.9, 658.7, 9.0, true], ["$", 256.1, 647.8, 260.1, 658.7, 9.0],
    ["(681)", 268.6, 647.8, 285.6, 658.7, 9.0], ["Cash Amounts:", 36.1, 659.0, 90.0, 669.7, 9.0, true], ["Cash contributions during the year", 36.1, 669.8, 160.0, 680.7, 9.0],
    ["$", 215.9, 670.0, 219.9, 680.7, 9.0, true], ["548", 231.5, 670.0, 243.9, 680.7, 9.0, true], ["$", 256.1, 669.8, 260.1, 680.7, 9.0],
    ["524", 271.1, 669.8, 283.1, 680.7, 9.0], ["Benefit payments during the year", 36.1, 680.8, 155.6, 691.7, 9.0], ["$", 215.9, 681.0, 219.9, 691.7, 9.0, true],
    ["318", 231.6, 681.0, 243.9, 691.7, 9.0, true], ["$", 256.1, 680.8, 260.1, 691.7, 9.0], ["261", 271.1, 680.8, 283.1, 691.7, 9.0],
  ];
  const t = tableOf(layoutPage(page(spansOf(rows))));
  assert.deepEqual(t.rows?.[0], ['', '2008', '2007']);
  assert.deepEqual(t.rows?.[2], ['Projected benefit obligation (PBO)', '$ 11,617', '$ 12,209']);
  assert.equal(t.rows?.at(-1)?.[0], 'Benefit payments during the year');
});
