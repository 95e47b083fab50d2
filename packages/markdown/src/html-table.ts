/**
 * Reading the HTML tables that vision models emit for merged cells (`<table>` with `rowspan`/`colspan`).
 *
 * Note: a small tokenizer for the table subset of HTML rather than an HTML parser dependency: models write
 * well-formed, flat tables (`table/thead/tbody/tr/th/td/br`), and the grid logic (spans) is ours either way.
 * Implied end tags are handled (`<td>a<td>b`, a `<tr>` closing the open row); anything else is read as text.
 */

import { decodeNamedCharacterReference } from 'decode-named-character-reference';

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
