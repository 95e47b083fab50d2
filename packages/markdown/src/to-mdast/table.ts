import type { Block, CellSpan } from '@docmill/core';
import type { Table, TableRow } from 'mdast';
import { textCell } from '../cells.js';

declare module 'mdast' {
  interface TableData {
    /** Cells spanning rows or columns (`Block.merged`, rows counted without the empty ones); such a table is written as HTML. */
    merged?: CellSpan[];
  }
}

/**
 * A 'table' block → a GFM table; `rows[0]` is the header.
 * @param block `rows` (falls back to `text`: rows by newline, cells by tab) and `merged`
 * Ragged rows are padded with empty cells to the widest row; a cell's newlines become `<br>`, its pipes are
 * escaped by remark-gfm. Merged cells go to the node's `data.merged`: the writer turns a table that has them, or
 * a cell with a line break, into an HTML table (see `htmlTableOf`). Does not detect a header: the first row is
 * written as one, whatever it holds.
 */
export function table(block: Block): Table[] {
  const { rows, merged } = tableGrid(block);
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map((row) => row.length));
  const node: Table = { type: 'table', align: Array.from({ length: width }, () => null), children: rows.map((row) => tableRow(row, width)) };
  if (merged.length > 0) node.data = { merged };
  return [node];
}

/**
 * The rows of a 'table' block without empty rows, and its merged cells counted in those rows.
 * @param block the table block: `rows`, else `text` split into rows by newline and cells by tab; `merged`
 * A span whose top-left row is empty is dropped; one left covering a single cell is dropped too.
 */
export function tableGrid(block: Block): { rows: string[][]; merged: CellSpan[] } {
  const all = block.rows ?? block.text.split('\n').map((line) => line.split('\t'));
  const kept = all.map((row) => row.some((cell) => cell.trim() !== ''));
  const index: number[] = [];
  kept.reduce((n, keep, i) => ((index[i] = n), n + (keep ? 1 : 0)), 0);
  const merged = (block.merged ?? []).flatMap((s) => {
    if (!kept[s.row]) return [];
    const rowSpan = kept.slice(s.row, s.row + s.rowSpan).filter(Boolean).length;
    return rowSpan > 1 || s.colSpan > 1 ? [{ row: index[s.row]!, col: s.col, rowSpan, colSpan: s.colSpan }] : [];
  });
  return { rows: all.filter((_, i) => kept[i]), merged };
}

/**
 * One row of cell texts → an mdast row of exactly `width` cells (padded with empty cells, or truncated).
 * @param row cell texts
 * @param width number of columns
 */
export function tableRow(row: readonly string[], width: number): TableRow {
  return { type: 'tableRow', children: Array.from({ length: width }, (_, i) => textCell((row[i] ?? '').trim())) };
}
