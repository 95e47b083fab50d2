import type { Paragraph, Parent, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { visit } from 'unist-util-visit';
import { closesHtmlTable, hasHtmlTable, readHtmlParts, type HtmlPart } from '../html-table.js';
import { tableRow } from '../to-mdast/table.js';
import { plainText } from './text.js';

/**
 * Replaces HTML tables (which models write for merged cells) with GFM tables, merged cells repeated in every
 * row and column they span.
 * @param root the tree, changed in place
 * A table broken by blank lines arrives as several nodes (html, then maybe paragraphs, then html holding
 * `</table>`): they are read together. Several tables in one HTML block become several tables; text around
 * them (a `<p>` caption) becomes paragraphs. HTML whose tables yield no cells is left as it is.
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
      const parts = readHtmlParts(source);
      if (!parts.some((p) => p.kind === 'table')) continue;
      const nodes = parts.map(toNode);
      parent.children.splice(i, end - i + 1, ...nodes);
      i += nodes.length - 1;
    }
  });
}

function htmlOf(node: RootContent): string {
  return node.type === 'html' ? node.value : plainText(node);
}

function toNode(part: HtmlPart): Table | Paragraph {
  if (part.kind === 'table') {
    const width = part.rows[0]?.length ?? 0;
    return { type: 'table', align: Array.from({ length: width }, () => null), children: part.rows.map((r) => tableRow(r, width)) };
  }
  const children: PhrasingContent[] = [];
  part.text.split('\n').forEach((line, i) => {
    if (i > 0) children.push({ type: 'break' });
    children.push({ type: 'text', value: line });
  });
  return { type: 'paragraph', children };
}
