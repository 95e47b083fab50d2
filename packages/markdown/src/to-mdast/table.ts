import type { Block } from '@docmill/core';
import type { Table, TableRow } from 'mdast';
import { textCell } from '../cells.js';

/**
 * A 'table' block → a GFM table; `rows[0]` is the header.
 * @param block `rows` (falls back to `text`: rows by newline, cells by tab)
 * Ragged rows are padded with empty cells to the widest row; a cell's newlines become `<br>`, its pipes are
 * escaped by remark-gfm. Does not detect a header: the first row is written as one, whatever it holds.
 */
export function table(block: Block): Table[] {
  const rows = block.rows ?? block.text.split('\n').map((line) => line.split('\t'));
  const nonEmpty = rows.filter((row) => row.some((cell) => cell.trim() !== ''));
  if (nonEmpty.length === 0) return [];
  const width = Math.max(...nonEmpty.map((row) => row.length));
  const children: TableRow[] = nonEmpty.map((row) => ({
    type: 'tableRow',
    children: Array.from({ length: width }, (_, i) => textCell((row[i] ?? '').trim())),
  }));
  return [{ type: 'table', align: Array.from({ length: width }, () => null), children }];
}
