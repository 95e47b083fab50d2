import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, TextSpan } from '@docmill/core';
import { layoutPage } from '../src/index.js';
import { page, textWidth, words } from './helpers.js';

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
