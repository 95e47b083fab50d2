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
  const rows = tableRows(block);
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map((row) => row.length));
  return [{ type: 'table', align: Array.from({ length: width }, () => null), children: rows.map((row) => tableRow(row, width)) }];
}

/**
 * The rows of a 'table' block without empty rows: `rows`, else `text` split into rows by newline and cells by tab.
 * @param block the table block
 */
export function tableRows(block: Block): string[][] {
  const rows = block.rows ?? block.text.split('\n').map((line) => line.split('\t'));
  return rows.filter((row) => row.some((cell) => cell.trim() !== ''));
}

/**
 * One row of cell texts → an mdast row of exactly `width` cells (padded with empty cells, or truncated).
 * @param row cell texts
 * @param width number of columns
 */
export function tableRow(row: readonly string[], width: number): TableRow {
  return { type: 'tableRow', children: Array.from({ length: width }, (_, i) => textCell((row[i] ?? '').trim())) };
}
