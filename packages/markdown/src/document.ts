import type { Block } from '@docmill/core';
import type { Html, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { cellText } from './cells.js';
import { stringifyMarkdown } from './processor.js';
import { blocksToMdast } from './to-mdast/blocks.js';
import { tableRow, tableRows } from './to-mdast/table.js';

/** One page of a document as assembly hands it over. */
export interface DocumentPage {
  /** 0-based page index (the anchor shows it 1-based). */
  index: number;
  /** Printed page label ("iii"), when the PDF has one. */
  label?: string;
  /** Body blocks in reading order (header/footer/page-number blocks are skipped). */
  blocks: Block[];
  /** True when the page's first paragraph continues the previous page's last one (from layout's `assembleBlocks`). */
  continuesPrevious: boolean;
}

/** Options of `documentMarkdown`. */
export interface DocumentMarkdownOptions {
  /** Write `<!-- page N -->` anchors (default true). */
  pageAnchors?: boolean;
}

/** The last node of the previous page, when it may continue on the next one. */
type Tail = { kind: 'paragraph'; node: Paragraph } | { kind: 'table'; node: Table; header: string[] };

/**
 * The whole document as one Markdown string, built as one mdast tree.
 * @param pages the pages (written in `index` order)
 * @param opts `pageAnchors: false` leaves the `<!-- page N -->` anchors out
 *
 * Each page's content is preceded by `<!-- page N -->` (N 1-based, `<!-- page 3 label="iii" -->` when the page has a
 * printed label). Across a page break:
 * - paragraphs are joined when `continuesPrevious` is set and the previous page ends, and this page starts, with a
 *   paragraph; the anchor then goes inline at the join point (`… end of the <!-- page 2 --> sentence …`), so a
 *   reader of the Markdown still sees where the page turned; a word hyphenated across the break ("docu-" + "ment")
 *   is rejoined without the hyphen;
 * - tables are joined when the previous page ends, and this page starts, with a table of the same column count,
 *   and either `continuesPrevious` is set or this page's first row repeats the previous header; a repeated header
 *   row is dropped. The anchor then goes right after the joined table (an anchor cannot sit inside a table).
 * Does not decide heading levels nor remove headers/footers: the blocks arrive cleaned.
 */
export function documentMarkdown(pages: readonly DocumentPage[], opts: DocumentMarkdownOptions = {}): string {
  const anchors = opts.pageAnchors !== false;
  const children: RootContent[] = [];
  let tail: Tail | undefined;
  let previousIndex: number | undefined;
  // Note: pages are written in index order whatever order they come in; nothing joins across a gap (pages 3 and 7
  // of a page-range conversion are not neighbours, whatever `continuesPrevious` says).
  for (const page of [...pages].sort((a, b) => a.index - b.index)) {
    if (previousIndex === undefined || page.index !== previousIndex + 1) tail = undefined;
    previousIndex = page.index;
    let body = bodyBlocks(page.blocks);
    const anchor = anchors ? pageAnchor(page) : undefined;
    let anchorPlaced = false;
    const first = body[0];
    if (tail && first) {
      if (tail.kind === 'paragraph' && first.type === 'paragraph' && page.continuesPrevious) {
        joinParagraph(tail.node, first, anchor);
        anchorPlaced = true;
        body = body.slice(1);
      } else if (tail.kind === 'table' && first.type === 'table' && joinTable(tail, first, page.continuesPrevious)) {
        body = body.slice(1);
      }
    }
    if (anchor && !anchorPlaced) children.push({ type: 'html', value: anchor });
    if (body.length === 0) {
      // Note: a page wholly absorbed by a join keeps the tail open (a paragraph or table may span three pages).
      if (!first) tail = undefined;
      continue;
    }
    const last = body[body.length - 1]!;
    const lastNodes = last.type === 'paragraph' || last.type === 'table' ? blocksToMdast([last]).children : [];
    const lead = blocksToMdast(lastNodes.length === 1 ? body.slice(0, -1) : body).children;
    children.push(...lead);
    tail = undefined;
    if (lastNodes.length === 1) {
      const node = lastNodes[0]!;
      children.push(node);
      if (node.type === 'paragraph') tail = { kind: 'paragraph', node };
      else if (node.type === 'table') tail = { kind: 'table', node, header: (node.children[0]?.children ?? []).map(cellText) };
    }
  }
  const root: Root = { type: 'root', children };
  return stringifyMarkdown(root);
}

function bodyBlocks(blocks: readonly Block[]): Block[] {
  // Note: furniture and empty blocks produce no nodes, so they can neither continue nor be continued.
  return blocks.filter((b) => b.type === 'list-item' || blocksToMdast([b]).children.length > 0);
}

/** `<!-- page N -->` or `<!-- page N label="iii" -->`; the label cannot close the comment nor the attribute. */
function pageAnchor(page: DocumentPage): string {
  const n = page.index + 1;
  if (page.label === undefined || page.label.trim() === '') return `<!-- page ${n} -->`;
  const label = page.label.replace(/\s+/g, ' ').trim().replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/-(?=-)/g, '-&#8203;').replace(/>/g, '&gt;');
  return `<!-- page ${n} label="${label}" -->`;
}

function joinParagraph(tail: Paragraph, next: Block, anchor: string | undefined): void {
  const nextNodes = blocksToMdast([next]).children[0];
  const nextChildren: PhrasingContent[] = nextNodes?.type === 'paragraph' ? nextNodes.children : [];
  trimEdge(tail.children, 'end');
  trimEdge(nextChildren, 'start');
  const end = tail.children.at(-1);
  const start = nextChildren[0];
  const hyphenated = end?.type === 'text' && /\p{L}-$/u.test(end.value) && start?.type === 'text' && /^\p{Ll}/u.test(start.value);
  if (hyphenated) end.value = end.value.slice(0, -1);
  const sep: PhrasingContent[] = hyphenated ? [] : [{ type: 'text', value: ' ' }];
  const mark: PhrasingContent[] = anchor ? [{ type: 'html', value: anchor } satisfies Html] : [];
  tail.children.push(...(anchor ? [...sep, ...mark, ...sep.map((s) => ({ ...s }))] : sep), ...nextChildren);
}

function trimEdge(nodes: PhrasingContent[], edge: 'start' | 'end'): void {
  const node = edge === 'start' ? nodes[0] : nodes.at(-1);
  if (node?.type === 'text') node.value = edge === 'start' ? node.value.trimStart() : node.value.trimEnd();
}

/** Appends `next`'s rows to the tail table when it continues it; returns false (changing nothing) otherwise. */
function joinTable(tail: { node: Table; header: string[] }, next: Block, continues: boolean): boolean {
  const rows = tableRows(next);
  const width = tail.node.align?.length ?? tail.header.length;
  const nextWidth = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length === 0 || nextWidth !== width) return false;
  const repeatsHeader = sameRow(rows[0]!, tail.header);
  if (!continues && !repeatsHeader) return false;
  for (const row of repeatsHeader ? rows.slice(1) : rows) tail.node.children.push(tableRow(row, width));
  return true;
}

function sameRow(a: readonly string[], b: readonly string[]): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return a.length === b.length && a.every((cell, i) => norm(cell) === norm(b[i] ?? ''));
}
