import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { defaultHandlers, type Handle } from 'mdast-util-to-markdown';
import { unified } from 'unified';
import { escapeScopes, textHandler, type EscapeScopes } from './escapes.js';
import { htmlTableOf, tableNeedsHtml } from './html-table.js';
import { remarkLatexDelimiters } from './latex-delimiters.js';

/** A display math node (`$$…$$`), typed through remark-math's mdast augmentation. */
export type MathNode = Extract<RootContent, { type: 'math' }>;

/**
 * docmill's Markdown dialect when writing: ATX headings, '-' bullets, '*' emphasis, '**' strong,
 * backtick fences, '---' rules, one space after list markers, incrementing ordered markers.
 */
export const stringifySettings: StringifyOptions = {
  bullet: '-',
  bulletOrdered: '.',
  emphasis: '*',
  strong: '*',
  fence: '`',
  fences: true,
  setext: false,
  closeAtx: false,
  rule: '-',
  ruleRepetition: 3,
  ruleSpaces: false,
  listItemIndent: 'one',
  incrementListMarker: true,
  resourceLink: false,
};

/** Writes an ordered list with the delimiter it was printed with ("1)" lists carry `data.delimiter`). */
const listHandler: Handle = (node, parent, state, info) => {
  const delimiter = (node as { data?: { delimiter?: unknown } }).data?.delimiter;
  if (delimiter !== ')') return defaultHandlers.list(node, parent, state, info);
  const saved = state.options.bulletOrdered;
  state.options.bulletOrdered = ')';
  try {
    return defaultHandlers.list(node, parent, state, info);
  } finally {
    state.options.bulletOrdered = saved;
  }
};

// Note: the scopes of the tree being written; stringifying is synchronous, so one slot is enough.
let currentScopes: EscapeScopes | undefined;

// Note: one frozen processor per direction. remark-gfm gives tables (and escapes '|' in cells);
// remark-math gives `math` / `inlineMath` nodes, so LaTeX is neither mangled by backslash escapes
// when parsing nor escaped when writing (`$$…$$` blocks and `$…$` inline both render on GitHub).
// Note: remark escapes conservatively (`http\\://`, every `_` and `[`); docmill's text handler
// escapes only what would change the meaning (see escapes.ts).
const writer = unified().use(remarkGfm).use(remarkMath).use(remarkStringify, { ...stringifySettings, handlers: { text: textHandler(() => currentScopes), list: listHandler } }).freeze();
const reader = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkLatexDelimiters).freeze();

/**
 * Serialize an mdast tree to Markdown with docmill's settings (see `stringifySettings`).
 * @param root the tree; it is not modified
 * A top-level table GFM cannot express (merged cells, a line break in a cell) is written as an HTML table, as
 * olmOCR and Mistral OCR write them. Does not clean or validate the tree: what is in it is written, escaped by
 * remark where needed.
 */
export function stringifyMarkdown(root: Root): string {
  // Note: only the root's children are looked at: docmill's tables are top-level blocks.
  const tree: Root = root.children.some((n) => n.type === 'table' && tableNeedsHtml(n))
    ? { ...root, children: root.children.map((n) => (n.type === 'table' && tableNeedsHtml(n) ? { type: 'html', value: htmlTableOf(n) } : n)) }
    : root;
  currentScopes = escapeScopes(tree);
  try {
    return writer.stringify(tree);
  } finally {
    currentScopes = undefined;
  }
}

/**
 * Parse Markdown (CommonMark + GFM + `$`/`$$` math + LaTeX's `\(…\)`/`\[…\]`) into mdast.
 * @param markdown the source
 * Does not clean the tree (see `cleanModelTree`).
 */
export function parseMarkdown(markdown: string): Root {
  return reader.parse(markdown);
}
