import type { Block } from '@docmill/core';
import type { Html, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { cellText } from './cells.js';
import { stringifyMarkdown } from './processor.js';
import { blocksToMdast } from './to-mdast/blocks.js';
import { tableGrid, tableRow } from './to-mdast/table.js';

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
type Tail = { kind: 'paragraph'; node: Paragraph } | { kind: 'table'; node: Table; header: string[]; block: Block };

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
  let out = '';
  const writer = new DocumentMarkdownWriter((chunk) => (out += chunk), { ...opts, flush: false });
  // Note: pages are written in index order whatever order they come in.
  for (const page of [...pages].sort((a, b) => a.index - b.index)) writer.add(page);
  writer.end();
  return out;
}

/** Options of `DocumentMarkdownWriter`. */
export interface DocumentMarkdownWriterOptions extends DocumentMarkdownOptions {
  /**
   * Hand Markdown out as pages are settled (default true), so that memory stays bounded by a few pages;
   * false keeps the whole tree until `end()` (what `documentMarkdown` does). Both give the same text.
   */
  flush?: boolean;
}

/**
 * The Markdown of a document written page by page (see `documentMarkdown` for what is written): `add` the pages in
 * `index` order, then `end()`. Chunks go to `emit` as soon as nothing later can change them; their concatenation is
 * `documentMarkdown` of the same pages.
 * Note: the tree is cut only before a page anchor at the top level whose preceding nodes no later page can join into,
 * and each cut part is serialized on its own; top-level parts are joined by a blank line, as remark joins them.
 * Does not sort pages: an out-of-order page is a gap (nothing joins across it).
 */
export class DocumentMarkdownWriter {
  readonly #emit: (chunk: string) => void;
  readonly #anchors: boolean;
  readonly #flush: boolean;
  /** Top-level nodes not yet written. */
  #children: RootContent[] = [];
  #tail: Tail | undefined;
  #previousIndex: number | undefined;
  #wrote = false;

  /**
   * @param emit receives the Markdown piece by piece
   * @param opts anchors, and whether to flush early
   */
  constructor(emit: (chunk: string) => void, opts: DocumentMarkdownWriterOptions = {}) {
    this.#emit = emit;
    this.#anchors = opts.pageAnchors !== false;
    this.#flush = opts.flush !== false;
  }

  /** Adds the next page (in `index` order; nothing joins across a gap). */
  add(page: DocumentPage): void {
    const children = this.#children;
    // Note: nothing joins across a gap (pages 3 and 7 of a page-range conversion are not neighbours, whatever
    // `continuesPrevious` says).
    if (this.#previousIndex === undefined || page.index !== this.#previousIndex + 1) this.#tail = undefined;
    this.#previousIndex = page.index;
    let body = bodyBlocks(page.blocks);
    const anchor = this.#anchors ? pageAnchor(page) : undefined;
    let anchorPlaced = false;
    const first = body[0];
    const tail = this.#tail;
    if (tail && first) {
      if (tail.kind === 'paragraph' && first.type === 'paragraph' && page.continuesPrevious) {
        joinParagraph(tail.node, first, anchor);
        anchorPlaced = true;
        body = body.slice(1);
      } else if (tail.kind === 'table' && first.type === 'table' && joinTable(tail, first, page.continuesPrevious || goesOn(tail.block, first))) {
        body = body.slice(1);
      }
    }
    // Where this page's own top-level nodes start: everything before it is settled once the tail moves past it.
    const cut = children.length;
    if (anchor && !anchorPlaced) children.push({ type: 'html', value: anchor });
    if (body.length === 0) {
      // Note: a page wholly absorbed by a join keeps the tail open (a paragraph or table may span three pages).
      if (!first) this.#tail = undefined;
    } else {
      const last = body[body.length - 1]!;
      const lastNodes = last.type === 'paragraph' || last.type === 'table' ? blocksToMdast([last]).children : [];
      const lead = blocksToMdast(lastNodes.length === 1 ? body.slice(0, -1) : body).children;
      children.push(...lead);
      this.#tail = undefined;
      if (lastNodes.length === 1) {
        const node = lastNodes[0]!;
        children.push(node);
        if (node.type === 'paragraph') this.#tail = { kind: 'paragraph', node };
        else if (node.type === 'table') this.#tail = { kind: 'table', node, header: (node.children[0]?.children ?? []).map(cellText), block: last };
      }
    }
    if (!this.#flush || cut === 0 || anchorPlaced || children[cut]?.type !== 'html') return;
    // Note: settled when the open tail (the only node a later page may change) is not before the cut.
    if (this.#tail && children.indexOf(this.#tail.node) < cut) return;
    this.#write(children.slice(0, cut));
    this.#children = children.slice(cut);
  }

  /** Writes what is left. */
  end(): void {
    if (this.#children.length || !this.#wrote) this.#write(this.#children);
    this.#children = [];
    this.#tail = undefined;
  }

  #write(nodes: RootContent[]): void {
    const text = stringifyMarkdown({ type: 'root', children: nodes });
    // Note: remark ends a document with one newline and separates top-level nodes by a blank line.
    this.#emit(this.#wrote ? `\n${text}` : text);
    this.#wrote = true;
  }
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

/**
 * Appends `next`'s rows to the tail table when it continues it; returns false (changing nothing) otherwise.
 * Merged cells of `next` follow its rows; one in a dropped repeated header goes with it.
 */
function joinTable(tail: { node: Table; header: string[] }, next: Block, continues: boolean): boolean {
  const { rows, merged } = tableGrid(next);
  const width = tail.node.align?.length ?? tail.header.length;
  const nextWidth = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length === 0 || nextWidth !== width) return false;
  const repeatsHeader = sameRow(rows[0]!, tail.header);
  if (!continues && !repeatsHeader) return false;
  const skip = repeatsHeader ? 1 : 0;
  const offset = tail.node.children.length - skip;
  const moved = merged.filter((s) => s.row >= skip).map((s) => ({ ...s, row: s.row + offset }));
  if (moved.length > 0) tail.node.data = { ...tail.node.data, merged: [...(tail.node.data?.merged ?? []), ...moved] };
  for (const row of rows.slice(skip)) tail.node.children.push(tableRow(row, width));
  return true;
}

/**
 * Whether a table at the top of a page goes on with the table that ended the page before, though its
 * header is not repeated: both are set in the same frame (left and right edges within 5 % of the wider
 * one's width) and its first row reads like the last row before the break, column by column (empty,
 * figure or words alike), with a figure in one column at least. A new table starts with its own header
 * (words over figures), which reads unlike a body row.
 */
function goesOn(prev: Block, next: Block): boolean {
  const tol = 0.05 * Math.max(prev.bbox[2] - prev.bbox[0], next.bbox[2] - next.bbox[0]);
  if (Math.abs(prev.bbox[0] - next.bbox[0]) > tol || Math.abs(prev.bbox[2] - next.bbox[2]) > tol) return false;
  const last = tableGrid(prev).rows.at(-1), first = tableGrid(next).rows[0];
  if (!last || !first || last.length !== first.length) return false;
  const kind = (c: string): string => (c.trim() === '' ? 'empty' : FIGURE.test(c.trim()) ? 'figure' : 'words');
  return last.every((c, i) => kind(c) === kind(first[i]!)) && last.some((c) => kind(c) === 'figure');
}

/** A cell that is a number (with its sign, currency, percent, thousands separators, a year after it). */
const FIGURE = /^[([]?[-+−–]?[$€£¥]?\s?\d[\d\s.,]*%?[)\]]?(?:\s+\d{4})?$/u;

function sameRow(a: readonly string[], b: readonly string[]): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return a.length === b.length && a.every((cell, i) => norm(cell) === norm(b[i] ?? ''));
}
