import type { Table } from 'mdast';
import { cellText } from '../cells.js';
import type { NodeHandler } from './context.js';

/**
 * A GFM table (HTML tables were turned into GFM ones by the cleaning) → a 'table' block: `rows[0]` is the header,
 * a cell's `<br>` is "\n"; `text` has cells joined by tabs and rows by newlines. Formatting inside cells is dropped.
 */
export const table: NodeHandler<Table> = (node, ctx) => {
  const rows = node.children.map((row) => row.children.map(cellText));
  if (rows.length === 0) return [];
  return [{ type: 'table', text: rows.map((r) => r.join('\t')).join('\n'), rows, bbox: [...ctx.bbox] }];
};
