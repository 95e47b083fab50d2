import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, TextSpan } from '@docmill/core';
import { layoutPage } from '../src/index.js';
import { page, paragraph, prose, words } from './helpers.js';

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
