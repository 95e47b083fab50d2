/**
 * HTML tables: reading the ones vision models emit for merged cells (`<table>` with `rowspan`/`colspan`), and
 * writing docmill's own where GFM cannot express the table (merged cells, line breaks in a cell).
 *
 * Note: a small tokenizer for the table subset of HTML rather than an HTML parser dependency: models write
 * well-formed, flat tables (`table/thead/tbody/tr/th/td/br`), and the grid logic (spans) is ours either way.
 * Implied end tags are handled (`<td>a<td>b`, a `<tr>` closing the open row); anything else is read as text.
 */

import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { PhrasingContent, Table } from 'mdast';

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;

/** Most spans a single cell may claim (a model that writes rowspan="9999" must not allocate a huge grid). */
const MAX_SPAN = 1000;

interface RawCell {
  text: string;
  rowspan: number;
  colspan: number;
}

/** True when the html contains a table start tag. */
export function hasHtmlTable(html: string): boolean {
  return /<table\b/i.test(html);
}

/** True when the html contains the end of a table. */
export function closesHtmlTable(html: string): boolean {
  return /<\/table\s*>/i.test(html);
}

/** A piece of block HTML: a table's grid, or the text between tables. */
export type HtmlPart = { kind: 'table'; rows: string[][] } | { kind: 'text'; text: string };

/**
 * The first `<table>` in `html` as a grid of cell texts (see `readHtmlParts`).
 * @param html HTML holding a table (text before and after it is ignored)
 * @returns the grid, or undefined when there is no table or it has no cells
 */
export function parseHtmlTable(html: string): string[][] | undefined {
  for (const part of readHtmlParts(html)) if (part.kind === 'table') return part.rows;
  return undefined;
}

/**
 * Block HTML → its tables and the text around them, in order.
 * @param html block HTML as the model wrote it (one or several tables, maybe a caption `<p>` around them)
 * Tables: grids of cell texts, merged cells repeated in every row and column they span, short rows padded with "";
 * a table without cells is skipped. A cell's `<br>` and block ends (`</p>`, `</div>`, `</li>`) become "\n"; other
 * tags are dropped, entities decoded, whitespace collapsed; a nested table's text goes into the enclosing cell.
 * Text outside tables comes back the same way (empty text is skipped). Does not keep formatting.
 */
export function readHtmlParts(html: string): HtmlPart[] {
  const parts: HtmlPart[] = [];
  let outside = '';
  let rows: RawCell[][] = [];
  let inTable = 0;
  let row: RawCell[] | undefined;
  let cell: RawCell | undefined;
  const closeCell = (): void => {
    if (cell && row) row.push(cell);
    cell = undefined;
  };
  const closeRow = (): void => {
    closeCell();
    if (row) rows.push(row);
    row = undefined;
  };
  const flushText = (): void => {
    const text = cleanText(outside);
    if (text !== '') parts.push({ kind: 'text', text });
    outside = '';
  };
  const flushTable = (): void => {
    closeRow();
    const filled = rows.filter((r) => r.length > 0);
    if (filled.length > 0) parts.push({ kind: 'table', rows: grid(filled) });
    rows = [];
  };
  for (const m of html.matchAll(TOKEN)) {
    const [token, slash, rawName, attrs = ''] = m;
    if (token.startsWith('<!--')) continue;
    if (rawName === undefined) {
      // Note: source whitespace (newlines included) is one space in HTML; only tags make line breaks.
      const text = decodeEntities(token).replace(/\s+/g, ' ');
      if (inTable === 0) outside += text;
      else if (cell) cell.text += text;
      continue;
    }
    const name = rawName.toLowerCase();
    const closing = slash === '/';
    const lineBreak = name === 'br' || (closing && (name === 'p' || name === 'div' || name === 'li'));
    if (name === 'table') {
      if (!closing) {
        if (inTable === 0) flushText();
        else if (cell) cell.text += ' ';
        inTable++;
      } else if (inTable > 0) {
        inTable--;
        if (inTable === 0) flushTable();
      }
      continue;
    }
    if (inTable === 0) {
      if (lineBreak) outside += '\n';
      continue;
    }
    if (inTable > 1) {
      // Nested table: its structure is flattened into the enclosing cell's text.
      if (cell && (name === 'td' || name === 'th' || name === 'tr' || name === 'br')) cell.text += name === 'tr' || name === 'br' ? '\n' : ' ';
      continue;
    }
    if (name === 'tr') {
      closeRow();
      if (!closing) row = [];
    } else if (name === 'td' || name === 'th') {
      closeCell();
      if (!closing) {
        row ??= [];
        cell = { text: '', rowspan: span(attrs, 'rowspan'), colspan: span(attrs, 'colspan') };
      }
    } else if (cell && lineBreak) {
      cell.text += '\n';
    } else if (name === 'thead' || name === 'tbody' || name === 'tfoot') {
      closeRow();
    }
  }
  // An unclosed table (a truncated answer) keeps the rows it has.
  if (inTable > 0) flushTable();
  flushText();
  return parts;
}

function span(attrs: string, name: 'rowspan' | 'colspan'): number {
  const m = new RegExp(`\\b${name}\\s*=\\s*["']?\\s*(\\d+)`, 'i').exec(attrs);
  const n = m?.[1] ? Number.parseInt(m[1], 10) : 1;
  return Math.min(MAX_SPAN, Math.max(1, n));
}

/** Lays raw rows onto a grid: a cell takes the first free column of its row and fills its whole span. */
function grid(raw: RawCell[][]): string[][] {
  const out: Array<Array<string | undefined>> = raw.map(() => []);
  raw.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      const line = out[r]!;
      while (line[c] !== undefined) c++;
      const text = cleanText(cell.text);
      // Note: a rowspan reaching past the last row is cut at the table's end, never adds rows.
      for (let dr = 0; dr < Math.min(cell.rowspan, raw.length - r); dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) out[r + dr]![c + dc] = text;
      }
      c += cell.colspan;
    }
  });
  const width = Math.max(...out.map((r) => r.length));
  return out.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
}

function cleanText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line, i, all) => line !== '' || (i > 0 && i < all.length - 1 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}

/** Decodes numeric and named character references (all HTML names); unknown names stay as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const decoded = decodeNamedCharacterReference(ref);
    return decoded === false ? whole : decoded.replace(/\u00a0/g, ' ');
  });
}

/**
 * True when a table cannot be written as a GFM table without losing its shape: a cell spans rows or columns
 * (`data.merged`), or a cell holds a line break.
 * @param node an mdast table
 */
export function tableNeedsHtml(node: Table): boolean {
  if (node.data?.merged?.some((s) => s.rowSpan > 1 || s.colSpan > 1)) return true;
  return node.children.some((row) => row.children.some((cell) => cell.children.some(isLineBreak)));
}

/**
 * An mdast table → one HTML `<table>`, a row per line and no blank line (a Markdown HTML block ends at one).
 * @param node the table; its first row is written with `<th>` cells, the others with `<td>`
 * A merged cell is written once, at its top-left, with `rowspan`/`colspan`; the cells it covers are left out.
 * Cell content: text escaped, line breaks as `<br>`, strong/emphasis/delete/code/links as their HTML elements,
 * inline HTML as written. Does not write `<thead>`/`<tbody>`, alignment or a caption.
 */
export function htmlTableOf(node: Table): string {
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const s of node.data?.merged ?? []) {
    spans.set(`${s.row},${s.col}`, s);
    for (let r = s.row; r < s.row + s.rowSpan; r++) for (let c = s.col; c < s.col + s.colSpan; c++) if (r !== s.row || c !== s.col) covered.add(`${r},${c}`);
  }
  const lines = node.children.map((row, r) => {
    const tag = r === 0 ? 'th' : 'td';
    const cells = row.children.flatMap((cell, c) => {
      if (covered.has(`${r},${c}`)) return [];
      const s = spans.get(`${r},${c}`);
      const attrs = `${s && s.rowSpan > 1 ? ` rowspan="${s.rowSpan}"` : ''}${s && s.colSpan > 1 ? ` colspan="${s.colSpan}"` : ''}`;
      return [`<${tag}${attrs}>${phrasingHtml(cell.children)}</${tag}>`];
    });
    // Note: a space between cells, so that a reader who drops the tags (a search indexer, a scorer) does
    // not glue one cell's last word to the next cell's first ("387</td><td>789" → "387789").
    return `<tr>${cells.join(' ')}</tr>`;
  });
  return ['<table>', ...lines, '</table>'].join('\n');
}

function isLineBreak(node: PhrasingContent): boolean {
  return node.type === 'break' || (node.type === 'html' && /^<br\s*\/?>$/i.test(node.value.trim()));
}

const ELEMENT: Partial<Record<PhrasingContent['type'], string>> = { strong: 'b', emphasis: 'i', delete: 's' };

function phrasingHtml(nodes: readonly PhrasingContent[]): string {
  return nodes.map((n): string => {
    if (n.type === 'text') return escapeHtml(n.value);
    if (n.type === 'break') return '<br>';
    if (n.type === 'html') return n.value;
    if (n.type === 'inlineCode') return `<code>${escapeHtml(n.value)}</code>`;
    if (n.type === 'inlineMath') return escapeHtml(`$${n.value}$`);
    if (n.type === 'link') return `<a href="${escapeHtml(n.url)}">${phrasingHtml(n.children)}</a>`;
    const tag = ELEMENT[n.type];
    const inner = 'children' in n ? phrasingHtml(n.children as PhrasingContent[]) : '';
    return tag ? `<${tag}>${inner}</${tag}>` : inner;
  }).join('');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
