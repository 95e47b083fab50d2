import type { Paragraph, Root, Table } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { textCell } from '../cells.js';
import { plainText } from './text.js';

/**
 * Repairs GFM tables as the model wrote them:
 * - body rows whose cells are all empty are removed (a table left with nothing at all is removed);
 * - rows with more or fewer cells than the header are padded with empty cells or truncated to the header;
 * - a one-column "table" becomes one paragraph per non-empty cell (models box single lines as tables).
 * @param root the tree, changed in place
 * @param warnings one string per repair
 * Does not guess a header: the first row stays the header even when it is empty.
 */
export function repairTables(root: Root, warnings: string[]): void {
  visit(root, 'table', (node, index, parent) => {
    if (parent === undefined || index === undefined) return;
    const [header, ...body] = node.children;
    const kept = body.filter((row) => row.children.some((cell) => plainText(cell) !== ''));
    if (kept.length < body.length) warnings.push(`removed ${body.length - kept.length} empty table row(s)`);
    if (!header || (kept.length === 0 && header.children.every((cell) => plainText(cell) === ''))) {
      parent.children.splice(index, 1);
      warnings.push('removed a table without content');
      return [SKIP, index];
    }
    node.children = [header, ...kept];
    const width = header.children.length;
    const counts = node.children.map((row) => row.children.length);
    if (counts.some((n) => n !== width)) {
      let dropped = 0;
      for (const row of node.children) {
        dropped += row.children.slice(width).filter((cell) => plainText(cell) !== '').length;
        row.children = row.children.slice(0, width);
        while (row.children.length < width) row.children.push(textCell(''));
      }
      node.align = Array.from({ length: width }, (_, i) => node.align?.[i] ?? null);
      const lost = dropped > 0 ? ` (${dropped} non-empty cell(s) beyond the header dropped)` : '';
      warnings.push(`table rows had inconsistent cell counts (${[...new Set(counts)].join(', ')}); padded/truncated to the header's ${width} columns${lost}`);
    }
    if (width === 1) {
      const paragraphs = oneColumn(node);
      parent.children.splice(index, 1, ...paragraphs);
      warnings.push('turned a one-column table into paragraphs');
      return [SKIP, index + paragraphs.length];
    }
    return undefined;
  });
}

function oneColumn(table: Table): Paragraph[] {
  return table.children
    .map((row) => row.children[0])
    .filter((cell) => cell !== undefined && plainText(cell) !== '')
    .map((cell) => ({ type: 'paragraph', children: cell!.children.map((c) => (c.type === 'html' && /^<br\s*\/?>$/i.test(c.value.trim()) ? { type: 'break' as const } : c)) }));
}
