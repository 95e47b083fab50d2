import type { TextSpan } from '@docmill/core';
import { DANGLING, NUMERIC } from './aligned-table.js';
import { median } from './geometry.js';
import { buildFragments, buildLines } from './lines.js';
import type { ResolvedLayoutOptions } from './options.js';

/** One line of text inside one cell of a ruled row. */
interface CellLine { col: number; yc: number; h: number; spans: TextSpan[]; text: string }

/** Fewest rows (lines filling two cells or more) a ruled row must hold before it is split. */
const MIN_ROWS = 3;

/**
 * Splits one row of a ruled grid into the table rows it holds, when the grid draws no rule between
 * them (a ledger whose column rules run down the page with a rule only every few rows, or none).
 * @param band the spans of each cell of the ruled row, left to right
 * @param opts layout knobs (for building the cells' lines)
 * Returns the spans of each cell of each row, top to bottom, or undefined when the ruled row is one
 * table row. The cells' lines are grouped by height; a line-height group filling two cells or more
 * starts a row, one filling a single cell continues the row above (a description's second line).
 * Split only when at least three groups fill two cells or more (or two that read as two entries,
 * `twoEntries`), one column has text in every one of them (the row's key: a name, a document number),
 * the first group starts a row (or is a section label alone in that column), and no cell reads as wrapped prose (a line going on in lower case after
 * a long line ending in a letter or comma).
 * Does not split rows that a merged cell covers: the caller leaves those alone.
 */
export function splitRuledRow(band: readonly TextSpan[][], opts: ResolvedLayoutOptions): TextSpan[][][] | undefined {
  const lines: CellLine[] = [];
  band.forEach((spans, col) => {
    if (spans.length < 2) {
      if (spans.length === 1) lines.push(lineOf(col, spans));
      return;
    }
    for (const l of buildLines(buildFragments(spans, { ...opts, splitGapEm: Infinity }))) lines.push(lineOf(col, l.segments.flatMap((s) => s.spans)));
  });
  if (lines.length < 4) return undefined;
  lines.sort((a, b) => a.yc - b.yc);
  const h = median(lines.map((l) => l.h)) || 1;
  // Lines whose centres lie within half a line height of a group's first line are one group.
  const groups: CellLine[][] = [];
  for (const l of lines) {
    const g = groups[groups.length - 1];
    if (g && l.yc - g[0]!.yc < 0.5 * h) g.push(l); else groups.push([l]);
  }
  const cols = (g: CellLine[]): Set<number> => new Set(g.map((l) => l.col));
  const starts = groups.map((g) => cols(g).size >= 2);
  const statement = statementRows(groups);
  if (statement) return statement.map((g) => band.map((_, c) => g.filter((l) => l.col === c).flatMap((l) => l.spans)));
  const rows = groups.filter((_, i) => starts[i]);
  // Note: the first group may be a section label alone in the key column ("Gross domestic product" over
  // its rows): a row of its own.
  const keys = band.map((_, c) => c).filter((c) => rows.every((g) => g.some((l) => l.col === c)));
  const label = !starts[0] && groups[0]!.length === 1 && keys.includes(groups[0]![0]!.col) && rows.length >= MIN_ROWS;
  if (label) starts[0] = true;
  if (rows.length < 2 || (rows.length < MIN_ROWS && !twoEntries(groups) && !labelsOverValues(groups)) || !starts[0]) return undefined;
  // Two lines of one cell in one group: the cell's text is not set line by line with the others.
  if (groups.some((g) => cols(g).size < g.length)) return undefined;
  if (!keys.length) return undefined;
  if (wrappedProse(lines, band.length)) return undefined;
  const out: TextSpan[][][] = [];
  groups.forEach((g, i) => {
    if (starts[i]) out.push(band.map(() => [] as TextSpan[]));
    const row = out[out.length - 1]!;
    for (const l of g) row[l.col]!.push(...l.spans);
  });
  return out;
}

/**
 * The rows of a ruled row that holds lines of a financial statement, or undefined: each line-height group an
 * entry (its label in the first column, not a figure, and only figures in later ones: "Products  $ 96,388
 * $ 104,429") or a section label alone in the first column ending in a colon ("Net sales:"), set bold or in
 * capitals ("ASSETS"); with two groups or more, one entry at least and one line per cell. A label alone that is
 * no section label is the first line of the next entry's label, wrapped ("Declaration of cash dividends - ₱159.81
 * a share in" over "2024 and ₱330.81 a share in 2023  (15,341,437)"), when it ends on a word that needs more or the
 * entry's label goes on in lower case or with a figure: statements set the figures on a wrapped label's last line; a row of
 * its own when a section label follows it and it ends on no such word ("Commitments and contingencies" over "Shareholders'
 * equity:"). Otherwise no line starts in lower case (a label wrapped onto a second line).
 * Note: statements rule only under the figures (a total's rule), so one ruled row holds several such lines.
 */
function statementRows(groups: readonly CellLine[][]): CellLine[][] | undefined {
  if (groups.length < 2) return undefined;
  const rows: CellLine[][] = [];
  let entries = 0, wrapped: CellLine[] | undefined;
  for (const g of groups) {
    if ((!wrapped && g.some((l) => /^\p{Ll}/u.test(l.text))) || new Set(g.map((l) => l.col)).size < g.length) return undefined;
    const label = g.find((l) => l.col === 0);
    if (!label || figure(label.text)) return undefined;
    if (g.length === 1) {
      const section = /:$/.test(label.text) || sectionLabel(label);
      // A line alone before a section label is a row of its own ("Commitments and contingencies" over "Shareholders' equity:").
      if (wrapped && !(section && /^\p{Lu}/u.test(label.text) && !DANGLING.test(wrapped[0]!.text))) return undefined;
      if (wrapped) rows.push(wrapped);
      wrapped = undefined;
      if (section) rows.push(g); else wrapped = g;
      continue;
    }
    if (!g.every((l) => l.col === 0 || figure(l.text))) return undefined;
    // Wrapped: the line alone ends on a word that needs more ("… a share in"), or the entry's goes on in lower case or a figure.
    if (wrapped && !DANGLING.test(wrapped[0]!.text) && !/^[\p{Ll}\p{N}]/u.test(label.text)) return undefined;
    rows.push(wrapped ? [...wrapped, ...g] : g);
    wrapped = undefined;
    entries++;
  }
  return entries >= 1 && !wrapped ? rows : undefined;
}

/** A section label set apart without a colon: bold ("Noncurrent Assets") or in capitals ("ASSETS"). */
const sectionLabel = (l: CellLine): boolean => l.spans.every((s) => s.bold) || !/\p{Ll}/u.test(l.text);

/** A figure, after a currency sign of any glyph (a text layer may map "$" to "!"), or a dash for nil. */
const figure = (t: string): boolean => /^[-–—]$/.test(t) || NUMERIC.test(t.replace(/^[^\p{L}\p{N}([-]\s*/u, ''));

/**
 * Whether two line-height groups are two entries rather than one row's cells wrapped: both fill the
 * same cells (two or more), no line starts in lower case, and a cell other than the first holds a
 * figure on both lines ("Metaclusters  302" over "Metaclusters (rows ≥ 3)  101").
 */
function twoEntries(groups: readonly CellLine[][]): boolean {
  if (groups.length !== 2) return false;
  const key = (g: readonly CellLine[]): string => g.map((l) => l.col).sort((a, b) => a - b).join(',');
  if (groups[0]!.length < 2 || key(groups[0]!) !== key(groups[1]!)) return false;
  if (groups.some((g) => g.some((l) => /^\p{Ll}/u.test(l.text)))) return false;
  const first = Math.min(...groups[0]!.map((l) => l.col));
  return groups[0]!.some((l) => l.col !== first && /\d/.test(l.text) && groups[1]!.some((m) => m.col === l.col && /\d/.test(m.text)));
}

/** Largest size of a form's labels (share of their values' size) for `labelsOverValues`. */
const LABEL_SIZE_RATIO = 0.9;

/**
 * Whether two line-height groups are a row of boxed fields, each a label over its value in smaller type (a transport
 * manifest's "Qtd. CT-e" in 8 pt over "001" in 10 pt): both fill the same cells (two or more), one line each, the labels
 * `LABEL_SIZE_RATIO` of the values' size or less. The labels are a row, the values the row under it.
 */
function labelsOverValues(groups: readonly CellLine[][]): boolean {
  if (groups.length !== 2) return false;
  const [a, b] = groups as [CellLine[], CellLine[]];
  const ca = a.map((l) => l.col).sort((x, y) => x - y), cb = b.map((l) => l.col).sort((x, y) => x - y);
  if (ca.length < 2 || ca.length !== cb.length || ca.some((c, k) => c !== cb[k]) || new Set(ca).size !== ca.length) return false;
  const size = (g: readonly CellLine[]): number => median(g.flatMap((l) => l.spans.map((sp) => sp.fontSize)));
  return size(a) <= LABEL_SIZE_RATIO * size(b) && a.every((l) => /\p{L}/u.test(l.text));
}

function lineOf(col: number, spans: TextSpan[]): CellLine {
  const y0 = Math.min(...spans.map((s) => s.bbox[1])), y1 = Math.max(...spans.map((s) => s.bbox[3]));
  const text = [...spans].sort((a, b) => a.bbox[0] - b.bbox[0]).map((s) => s.text).join(' ').replace(/\s+/g, ' ').trim();
  return { col, yc: (y0 + y1) / 2, h: y1 - y0, spans, text };
}

/** Whether some cell's lines read as one paragraph wrapped in the cell. */
function wrappedProse(lines: readonly CellLine[], ncols: number): boolean {
  for (let c = 0; c < ncols; c++) {
    const own = lines.filter((l) => l.col === c);
    for (let i = 1; i < own.length; i++) {
      const prev = own[i - 1]!.text, next = own[i]!.text;
      if (prev.length >= 15 && /[\p{L},-]$/u.test(prev) && /^\p{Ll}/u.test(next)) return true;
    }
  }
  return false;
}
