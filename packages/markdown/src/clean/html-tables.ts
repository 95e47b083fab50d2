import type { Parent, Root, RootContent, Table } from 'mdast';
import { visit } from 'unist-util-visit';
import { closesHtmlTable, hasHtmlTable, parseHtmlTable } from '../html-table.js';
import { tableRow } from '../to-mdast/table.js';
import { plainText } from './text.js';

/**
 * Replaces HTML tables (which models write for merged cells) with GFM tables, merged cells repeated in every
 * row and column they span.
 * @param root the tree, changed in place
 * A table broken by blank lines arrives as several nodes (html, then maybe paragraphs, then html holding
 * `</table>`): they are read together. An HTML table that yields no cells is left as it is.
 * Does not warn: this is a change of notation, not a repair.
 */
export function htmlTablesToGfm(root: Root): void {
  visit(root, (node) => {
    if (!('children' in node) || node.type === 'paragraph' || node.type === 'heading' || node.type === 'table') return;
    const parent = node as Parent;
    for (let i = 0; i < parent.children.length; i++) {
      const start = parent.children[i] as RootContent;
      if (start.type !== 'html' || !hasHtmlTable(start.value)) continue;
      let end = i;
      while (!closesHtmlTable(htmlOf(parent.children[end] as RootContent)) && end + 1 < parent.children.length) end++;
      const source = (parent.children.slice(i, end + 1) as RootContent[]).map(htmlOf).join('\n');
      const rows = parseHtmlTable(source);
      if (!rows) continue;
      const width = rows[0]?.length ?? 0;
      const table: Table = { type: 'table', align: Array.from({ length: width }, () => null), children: rows.map((r) => tableRow(r, width)) };
      parent.children.splice(i, end - i + 1, table);
    }
  });
}

function htmlOf(node: RootContent): string {
  return node.type === 'html' ? node.value : plainText(node);
}
