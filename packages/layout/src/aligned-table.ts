import type { BBox, Block, CellSpan, TextSpan } from '@docmill/core';
import { median, unionBox } from './geometry.js';
import { joinLines } from './hyphenation.js';
import { splitFragment, splitTrailingFigure, type Fragment, type Line } from './lines.js';
import { DOCUMENT_KIND, listMarker } from './markers.js';
import type { ResolvedLayoutOptions } from './options.js';

type Interval = [number, number];

/** A line's pieces from left to right. */
const leftToRight = (line: Line): Fragment[] => [...line.segments].sort((a, b) => a.bbox[0] - b.bbox[0]);

/** Whether a piece runs across a gutter's middle. */
const acrossMiddle = (f: Fragment, g: Interval): boolean => f.bbox[0] < (g[0] + g[1]) / 2 && f.bbox[2] > (g[0] + g[1]) / 2;

function gapsOf(line: Line): Interval[] {
  const out: Interval[] = [];
  const segs = leftToRight(line);
  for (let i = 1; i < segs.length; i++) out.push([segs[i - 1]!.bbox[2], segs[i]!.bbox[0]]);
  return out;
}

/**
 * Spaces inside pieces of a line between two figures (or left-out figures: "***", "-") that lie in one
 * of the gutters: "***  ***  ***" set close enough to be chained into one piece are three cells.
 * Spaces between words are not: a line of prose does not keep a table's gutters.
 */
function figureSpaces(line: Line, gutters: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const seg of line.segments) {
    const spans = [...seg.spans].sort((a, b) => a.bbox[0] - b.bbox[0]);
    for (let k = 1; k < spans.length; k++) {
      const a = spans[k - 1]!, b = spans[k]!;
      // Note: a dash after a figure is a range's ("$1,001 - $15,000", "$15,001 -"), not a figure left out.
      const dash = (x: TextSpan | undefined): boolean => x !== undefined && /^[-–—]$/u.test(x.text.trim());
      if (!isFigure(a.text) || !isFigure(b.text) || dash(b) || (dash(a) && k >= 2 && isFigure(spans[k - 2]!.text))) continue;
      const gap: Interval = [a.bbox[2], b.bbox[0]];
      if (gutters.some((g) => Math.min(g[1], gap[1]) > Math.max(g[0], gap[0]))) out.push(gap);
    }
  }
  return out;
}

/** Gaps present in both lists (intersections that stay wider than `min`). */
function common(a: readonly Interval[], b: readonly Interval[], min: number): Interval[] {
  const out: Interval[] = [];
  for (const p of a) for (const q of b) {
    const lo = Math.max(p[0], q[0]), hi = Math.min(p[1], q[1]);
    if (hi - lo >= min) out.push([lo, hi]);
  }
  return out;
}

/**
 * Cells of a line split at the gutters.
 * A piece running across a gutter (a long name overflowing into the next column) is cut at the widest
 * space between its spans inside the gutter (or half an em beside it), else between the spans either side of the gutter's middle.
 */
function cellsOf(line: Line, gutters: readonly Interval[], opts: ResolvedLayoutOptions): string[] {
  const cells: string[][] = Array.from({ length: gutters.length + 1 }, () => []);
  const segs: Fragment[] = [];
  for (const seg of line.segments) {
    let rest: Fragment | undefined = seg;
    for (const g of gutters) {
      if (!rest || !acrossMiddle(rest, g)) continue;
      const x = cutPoint(rest, g) ?? (g[0] + g[1]) / 2;
      const cut = splitFragment(rest, x, opts);
      if (!cut) continue;
      segs.push(cut[0]);
      rest = cut[1];
    }
    if (rest) segs.push(rest);
  }
  segs.sort((a, b) => a.bbox[0] - b.bbox[0]);
  for (const s of segs) {
    const cx = (s.bbox[0] + s.bbox[2]) / 2;
    let k = 0;
    while (k < gutters.length && cx > (gutters[k]![0] + gutters[k]![1]) / 2) k++;
    cells[k]!.push(s.text);
  }
  // Note: a row of as many pieces as columns (three or more) with two pieces in one cell, far apart (`APART_EM`), and
  // the cell after it empty is one piece per column: a head set wider than its column's figures reaches back past the
  // gutter's middle ("Menge" over quantities set flush right).
  const doubled = cells.findIndex((c) => c.length === 2), empty = cells.findIndex((c) => c.length === 0);
  const pair = segs.slice(doubled, doubled + 2);
  const apart = pair.length === 2 && pair[1]!.bbox[0] - pair[0]!.bbox[2] >= APART_EM * line.fontSize;
  if (segs.length === cells.length && cells.length >= 3 && doubled >= 0 && empty === doubled + 1 && cells.filter((c) => c.length !== 1).length === 2 && apart) {
    return segs.map((s) => s.text.trim());
  }
  return cells.map((c) => c.join(' ').trim());
}

/** Cells of a row whose last piece spans the columns from `col` on (`spanningTail`): that piece whole in `col`, the rest empty. */
function spannedCells(line: Line, gutters: readonly Interval[], col: number, opts: ResolvedLayoutOptions): string[] {
  const segs = leftToRight(line);
  const piece = segs[segs.length - 1]!;
  const cells = cellsOf({ ...line, segments: segs.slice(0, -1) }, gutters, opts);
  // Note: no text is lost: a piece before it reaching into its column comes first in its cell.
  const into = [...cells.slice(col), piece.text.trim()].filter((c) => c !== '').join(' ');
  return cells.map((c, k) => (k < col ? c : k === col ? into : ''));
}

/**
 * The merged cells of a table's spanning rows (`spanningTail`): each such line's row (found by its piece's text starting
 * its cell in its column, the cells after it empty, in order) spans from its column to the last.
 * @param rows the table's rows (further lines folded in); `lines` their lines from line `from` of the region
 */
function spannedMerges(rows: readonly string[][], lines: readonly Line[], from: number, run: Run): CellSpan[] {
  const out: CellSpan[] = [];
  let next = 0;
  lines.forEach((l, k) => {
    const col = run.spanning.get(from + k);
    if (col === undefined || run.cont.has(from + k)) return;
    const segs = leftToRight(l);
    // Note: its further lines are folded into the cell (a hyphen at the break may be gone).
    const text = segs[segs.length - 1]!.text.trim().replace(/-$/u, '');
    const row = rows.findIndex((r, n) => n >= next && r[col]!.startsWith(text) && r.slice(col + 1).every((c) => c === ''));
    if (row < 0) return;
    next = row + 1;
    const n = rows[row]!.length;
    if (n - col > 1) out.push({ row, col, rowSpan: 1, colSpan: n - col });
  });
  // Note: where rows span (two or more, from one column), a row with one value in that column and none after it spans
  // as well ("900 V", one value for four models, too short to reach over the next gutter); a row with its first cell only
  // (a group's label, "AC Ausgang") spans the whole row.
  const cols = new Set(out.map((m) => m.col));
  if (out.length < SPANNED_ROWS || cols.size !== 1) return out;
  const [col] = cols;
  const taken = new Set(out.map((m) => m.row));
  rows.forEach((r, row) => {
    if (taken.has(row) || r[0] === '') return;
    const filled = r.flatMap((c, k) => (c !== '' ? [k] : []));
    if (filled.length === 1) out.push({ row, col: 0, rowSpan: 1, colSpan: r.length });
    else if (filled.length === 2 && filled[1] === col && col! < r.length - 1) out.push({ row, col: col!, rowSpan: 1, colSpan: r.length - col! });
  });
  return out.sort((a, b) => a.row - b.row);
}

/** Fewest rows spanning from one column (`spanningTail`) from which a table's rows with one value in it span too (`spannedMerges`). */
const SPANNED_ROWS = 2;

/** Gap between two pieces of one cell, in ems, from which they may be two cells (see `cellsOf`). */
const APART_EM = 4;

/** Where to cut a piece running across a gutter: the middle of the widest space between its spans inside the gutter (the rightmost of equals). */
function cutPoint(f: Fragment, g: Interval): number | undefined {
  const spans = [...f.spans].sort((a, b) => a.bbox[0] - b.bbox[0]);
  let best: number | undefined, width = -Infinity;
  for (let k = 1; k < spans.length; k++) {
    const a = spans[k - 1]!.bbox[2], b = spans[k]!.bbox[0];
    if (b < g[0] - 0.5 * f.fontSize || a > g[1] + 0.5 * f.fontSize || b - a < width) continue;
    width = b - a;
    best = (a + b) / 2;
  }
  return best;
}

export interface AlignedTable {
  start: number;
  end: number;
  block: Block;
}

/**
 * Finds tables of aligned text among the lines of one column: runs of consecutive lines whose
 * pieces leave the same column gutters free in every row.
 * @param lines lines of one region, top to bottom
 * @param opts layout knobs (tableMinRows)
 * @param pitch typical line pitch of the region (rows further apart end the run)
 * Not confident → no table: no piece may cross a gutter (but one row in ten may cross one gutter that
 * the others keep, once three rows set the gutters: it is cut there), most rows fill ≥ 2 cells (label rows with only a
 * first cell are allowed between them, and so is a group label running on over the empty cells of its row
 * short of the last column); a row with empty first or last cells keeps the gutters beyond its pieces;
 * a list (markers in the first column) and prose side by side (long cells in every column) are refused.
 */
export function findAlignedTables(lines: readonly Line[], opts: ResolvedLayoutOptions, pitch: number): AlignedTable[] {
  const out: AlignedTable[] = [];
  let i = 0;
  // Lines before `free` belong to a table already found.
  let free = 0;
  // Note: the run from the line below is looked at before moving on to it; it is computed once.
  const runs = new Map<number, Run | undefined>();
  const runAt = (k: number): Run | undefined => {
    if (!runs.has(k)) runs.set(k, runFrom(lines, k, opts, pitch));
    return runs.get(k);
  };
  while (i < lines.length) {
    if (lines[i]!.segments.length < 2) { i++; continue; }
    let run = runAt(i);
    if (!run) {
      const pair = i >= free ? headedFigures(lines, i) : undefined;
      if (pair) { out.push(pair); i = free = pair.end; continue; }
      i++;
      continue;
    }
    // A first line over some of the columns only ("Accuracy" over "Top-1  Top-5") sets too few gutters:
    // the run from a line below, when it has more and the lines above it fit them, is the table.
    // Note: the header may take two lines ("Capital" over "Leases"), and label rows may follow it
    // ("Package:"): the runs from the next three lines of several pieces are tried (within six lines: a statement's
    // dates over two group labels, "ASSETS:" and "Current assets:"), the one with the most gutters kept.
    const first = run;
    let start = Math.min(i, run.start);
    // Whether line i is a title over the run from the next line (see below).
    let titled = false;
    for (let k = i + 1, tried = 0; tried < 3 && k <= i + 6 && k < lines.length; k++) {
      if (lines[k]!.segments.length < 2) continue;
      tried++;
      // Note: the header lines count towards the table's rows (a header over two rows of figures).
      const next = runAt(k) ?? runFrom(lines, k, { ...opts, tableMinRows: Math.max(2, opts.tableMinRows - (k - i)) }, pitch);
      if (!next || next.gutters.length <= run.gutters.length) continue;
      // Note: a run that ends before the first one is taken only under headings over groups of its
      // columns (tables side by side under their names: the run from the names keeps a few gutters all
      // down the page, past the first tables' last row).
      const short = next.end < first.end;
      if (!short && lines.slice(start, k).every((l) => fits(l, next.gutters))) { run = next; continue; }
      // Note: a first line in clearly larger type than the run from the next one (a boarding pass's flight and
      // cities over its fields' header) is a title over that table, not a row of it.
      if (!short && k === i + 1 && start === i && lines[i]!.fontSize >= HEADING_SIZE_RATIO * Math.max(...lines.slice(k, next.end).map((l) => l.fontSize))) {
        run = next; start = k; titled = true;
        continue;
      }
      // Note: headings over groups of columns ("Projections" over two years) run across the gutters
      // of the rows below: with two columns more than they set, the table starts at the lines above
      // that fit; the others may join it as spanning heading rows.
      // Headings are clear of the first column (of labels): lines with a label there are rows.
      // Note: so may heads in bold over rows in roman with one column more (a head over a town and its state's code).
      if (next.gutters.length >= run.gutters.length + 1) {
        let from = k;
        while (from > i && fits(lines[from - 1]!, next.gutters)) from--;
        const mid = (next.gutters[0]![0] + next.gutters[0]![1]) / 2;
        const more = next.gutters.length >= run.gutters.length + 2;
        // Note: so does a run that ends before the first one when all the lines above it stand right of its first gutter
        // (a price list's date at the right over its column header: the first run, of the date's one gutter, went on
        // past the table's last row to its total).
        if ((more && lines.slice(i, short ? k : from).every((l) => l.bbox[0] > mid)) || ((more || lines.slice(i, from).every((l) => l.bold)) && stubbedHeads(lines, i, from, next, opts))) { run = next; start = from; continue; }
        // Note: a run of two gutters more, ending where the first does, under a line of words running across two of its
        // gutters or more (`crossesColumns`) is a table of its own: the lines above are not its rows (an invoice's payment
        // details, "Payment by bank transfer on the account below:" across its item grid's columns, over "Item  Quantity
        // Unit  Price per item …"); those that fit it stay. (Figures with their currency signs apart cross no such gutters.)
        if (more && next.end === first.end && lines.slice(i, from).some((l) => crossesColumns(l, next.gutters))) { run = next; start = from; }
      }
    }
    // The table of a run from line `at`, when it is confident.
    const tableOf = (r: Run, at: number, least = 3): { from: number; rowsLines: Line[]; rows: string[][] } | undefined => {
      // A header line just above, over some columns but not the first (a two-line heading's first line),
      // when the table with it is still a table.
      const starts = [at];
      const above = lines[at - 1];
      if (above && at - 1 >= free && fits(above, r.gutters) && lines[at]!.bbox[1] - above.bbox[3] <= 0.6 * above.fontSize) {
        const cells = cellsOf(above, r.gutters, opts);
        if (cells[0] === '' && cells.some((c) => c !== '')) starts.unshift(at - 1);
      }
      return starts.map((from) => {
        const rowsLines = lines.slice(from, r.end);
        const folded = foldCellLines(rowsLines.map((l, k) => (r.labels.has(from + k) ? [l.text.trim(), ...r.gutters.map(() => '')] : r.spanning.has(from + k) ? spannedCells(l, r.gutters, r.spanning.get(from + k)!, opts) : cellsOf(l, r.gutters, opts))), rowsLines, from, r.cont);
        return { from, rowsLines, rows: mergeHeaderRows(folded.rows, folded.boxes) };
      }).find((t) => confident(t.rows, least));
    };
    let found = tableOf(run, start);
    // Note: so is a business document's title (`DOCUMENT_KIND`) in clearly larger type than any of the rows under it, on a
    // line of fewer pieces than the columns (an invoice's "Rechnung" with "Seite 1" at the right over its number and date
    // fields), when the rows make a table without it, two rows filling two cells or more being enough there.
    const largest = (l: Line): number => Math.max(...l.segments.map((f) => f.fontSize));
    const columns = run.gutters.length + 1;
    const titleLine = (l: Line): boolean => l.segments.length < columns && l.segments.some((f) => DOCUMENT_KIND.test(f.text.trim()));
    if (found && found.rowsLines.length > 2 && titleLine(found.rowsLines[0]!) && largest(found.rowsLines[0]!) >= HEADING_SIZE_RATIO * Math.max(...found.rowsLines.slice(1).map(largest))) {
      found = tableOf(run, found.from + 1, 2) ?? found;
    }
    // Note: a title's line stays out of a table even when the lines under it make none of their own (one row under
    // its header is `headedFigures`' to find).
    if (!found && titled) { i++; continue; }
    // Note: a run chosen from the lines below that makes no table leaves the first run its chance.
    if (!found && run !== first) {
      run = first;
      found = tableOf(first, Math.min(i, first.start));
    }
    // Note: a listing whose line numbers stand apart from its lines is no table: it reads as code, line by line.
    if (found && lineNumbered(found.rows)) {
      const listing = lines.slice(found.from, run.end);
      out.push({ start: found.from, end: run.end, block: { type: 'code', text: listing.map((l) => l.text.trim()).join('\n'), bbox: unionBox(listing.map((l) => l.bbox)), fontSize: median(listing.map((l) => l.fontSize)) } });
      i = free = run.end;
      continue;
    }
    if (found) {
      let { from, rowsLines, rows } = found;
      let merged = spannedMerges(rows, rowsLines, from, run);
      // Headings over groups of columns, up to three lines of them ("Year over Year" over
      // "Projections" over the years).
      for (let n = 0; n < 3; n++) {
        const spanning = spanningHeader(lines[from - 1], rowsLines[0]!, run.gutters, from - 1 >= free, rows, merged.filter((m) => m.row === 0), rowsLines.find((l) => !l.bold));
        if (!spanning) {
          // Note: over a spanning heading, a line filling every column (three or more) close above it is the table's
          // header ("YOU  $6,500  $6,750 …" over "DEPENDENT CHILDREN" over the rows of a tariff), and the last line taken.
          const head = n > 0 ? fullRow(lines[from - 1], rowsLines[0]!, run.gutters, from - 1 >= free, opts) : undefined;
          if (head) {
            from--;
            rowsLines = [lines[from]!, ...rowsLines];
            rows = [head, ...rows];
            merged = merged.map((m) => ({ ...m, row: m.row + 1 }));
          }
          break;
        }
        from--;
        rowsLines = [lines[from]!, ...rowsLines];
        rows = [spanning.cells, ...rows];
        merged = [...spanning.merged, ...merged.map((m) => ({ ...m, row: m.row + 1 }))];
      }
      ({ rows, merged } = joinSignColumns(rows, merged));
      // Note: a label's dot leader running to its figures ("Robbery . . . . . . 102.1") is layout, not text.
      rows = rows.map((r) => r.map(withoutLeader));
      for (const part of repeatedHeader(rows, merged, rowsLines, from, run.end)) {
        out.push({
          start: part.start, end: part.end,
          block: { ...tableBlock(part.rows, part.merged, unionBox(part.lines.map((l) => l.bbox))), fontSize: median(part.lines.map((l) => l.fontSize)) },
        });
      }
      i = free = run.end;
      continue;
    }
    const pair = i >= free ? headedFigures(lines, i) : undefined;
    if (pair) { out.push(pair); i = free = pair.end; continue; }
    i++;
  }
  return out;
}

/** Fewest filled cells of a header row that, met again further down a table, starts a table of its own (`repeatedHeader`). */
const REPEATED_HEAD_CELLS = 3;

/**
 * A table parted where its header row comes again (two blocks of a price list, each under the same column heads):
 * each header starts a table. The header is a row of `REPEATED_HEAD_CELLS` filled cells or more, with letters and no
 * figure (not an invoice's item repeated on every row), met again on a line of its own two rows or more below it, with
 * a row or more under it.
 * @param rows the table's rows; `merged` its spanning cells
 * @param lines the lines of the rows, top to bottom, from line `start` to line `end` of the region
 * Note: a header's line is found by its text, the row by its cells' text (a row may take several lines).
 */
function repeatedHeader(rows: string[][], merged: CellSpan[], lines: readonly Line[], start: number, end: number): Array<{ rows: string[][]; merged: CellSpan[]; lines: readonly Line[]; start: number; end: number }> {
  const whole = [{ rows, merged, lines, start, end }];
  const norm = (t: string): string => t.replace(/\s+/gu, ' ').trim();
  const head = rows.findIndex((r) => r.filter((c) => c !== '').length >= REPEATED_HEAD_CELLS);
  if (head < 0 || !rows[head]!.some((c) => /\p{L}/u.test(c)) || rows[head]!.some((c) => /\d/u.test(c))) return whole;
  const key = norm(rows[head]!.join(' '));
  const again = rows.findIndex((r, k) => k >= head + 2 && norm(r.join(' ')) === key);
  if (again < 0 || again >= rows.length - 1 || merged.some((m) => m.row < again && m.row + m.rowSpan > again)) return whole;
  const headLine = lines.findIndex((l) => norm(l.text) === key);
  const line = lines.findIndex((l, k) => k > headLine && norm(l.text) === key);
  if (headLine < 0 || line < 0) return whole;
  return [
    { rows: rows.slice(0, again), merged: merged.filter((m) => m.row < again), lines: lines.slice(0, line), start, end: start + line },
    ...repeatedHeader(rows.slice(again), merged.filter((m) => m.row >= again).map((m) => ({ ...m, row: m.row - again })), lines.slice(line), start + line, end),
  ];
}

/**
 * A currency sign alone in a cell ("$", "€"; "!" where a text layer maps the dollar sign to it). Not an operator: an
 * income statement's "-" and "=" set in a column of their own before the figures are cells of their own.
 */
const SIGN = /^[^\p{L}\p{N}\s\-=+−–×÷]$/u;

/**
 * A sign set after its figure, alone or before words ("€ pro Jahr"): a currency written after amounts ("600 €"; not
 * "$", "¥" or "£", which lead the next figure, nor a bracket: "(" opens it), per cent or per mille.
 */
const UNIT_AFTER = /^[€₽₴₫%‰](?:\s+\p{L}.*)?$/u;

/** A cell ending in an operator after a figure: the first part of a calculation set over two columns ("0.3 *" before "80 = 24"). */
const OPEN_OPERATION = /\d\s*[*×·+−/÷=]$/u;

/**
 * The table with parts of values set in columns of their own joined to the values:
 * - each column that holds only currency signs (a statement's "$" set apart from the figures, on its first and total
 *   rows) to the column after it ("$ 27,502"), when that column holds a figure in every row where the sign stands;
 * - each column of currency or per-cent signs set after figures ("600 €"; so it has no header of its own) to the column
 *   before it, when that column holds a figure in every row where the sign stands;
 * - each column of calculations left open ("0.3 *"), without a header of its own, to the column after it
 *   ("0.3 * 80 = 24"), when that column holds text in every row where one stands.
 * A column of signs after figures needs two such cells or more. Columns a merged cell touches are left alone.
 */
export function joinSignColumns(rows: string[][], merged: CellSpan[]): { rows: string[][]; merged: CellSpan[] } {
  const n = rows[0]?.length ?? 0;
  const touched = (c: number, d: number): boolean => merged.some((m) => m.col <= Math.max(c, d) && Math.min(c, d) < m.col + m.colSpan);
  // The column each joined column goes into (c + 1 or c - 1).
  const into = new Map<number, number>();
  for (let c = 0; c < n; c++) {
    const filled = rows.filter((r) => r[c] !== '').length;
    if (!filled) continue;
    const every = (test: (r: readonly string[]) => boolean): boolean => rows.every((r) => r[c] === '' || test(r));
    if (c + 1 < n && !touched(c, c + 1) && every((r) => SIGN.test(r[c]!) && NUMERIC.test(r[c + 1]!))) into.set(c, c + 1);
    else if (c > 0 && filled >= 2 && !into.has(c - 1) && !touched(c, c - 1) && every((r) => UNIT_AFTER.test(r[c]!) && NUMERIC.test(r[c - 1]!))) into.set(c, c - 1);
    else if (c + 1 < n && rows[0]![c] === '' && !touched(c, c + 1) && every((r) => OPEN_OPERATION.test(r[c]!) && r[c + 1] !== '')) into.set(c, c + 1);
  }
  if (!into.size) return { rows, merged };
  const out = rows.map((r) => r.flatMap((cell, c) => {
    if (into.has(c)) return [];
    const before = c > 0 && into.get(c - 1) === c ? r[c - 1]! : '';
    const after = c + 1 < n && into.get(c + 1) === c ? r[c + 1]! : '';
    return [[before, cell, after].filter((t) => t !== '').join(' ')];
  }));
  const shift = (c: number): number => c - [...into.keys()].filter((d) => d < c).length;
  return { rows: out, merged: merged.map((m) => ({ ...m, col: shift(m.col) })) };
}

/** Longest value (characters) of a row under a header in capitals (`headedFigures`). */
const SHORT_VALUE = 12;

/** Fewest labels of a header over one row of values of any kind (`headedFigures`). */
const WIDE_HEAD = 4;
/** Longest value under such a header. */
const WIDE_VALUE = 30;
/** Most white space between such a header and its row, in lines. */
const WIDE_HEAD_GAP = 2;

/**
 * A table of one row of figures under its header ("For  Against  Abstain" over three vote counts),
 * too short for a run of aligned rows: lines `i` and `i + 1`, as a header row and a row.
 * Undefined unless both lines have the same number of pieces, three or more (two when both header pieces end in a
 * colon), each header piece over its figure and no other (their extents overlap), every header piece holds a letter
 * and every figure is a number (under a header in capitals: a short value, two thirds of them with a digit), and the
 * figures' line lies within a line's height under the header. Under a header of `WIDE_HEAD` labels or more, values of any
 * kind up to `WIDE_VALUE` characters, half of them with a digit, up to `WIDE_HEAD_GAP` lines under it; under three labels
 * or more each ending in a colon, the same values within a line's height.
 */
function headedFigures(lines: readonly Line[], i: number): AlignedTable | undefined {
  const head = lines[i], body = lines[i + 1];
  if (!head || !body || head.segments.length < 2 || head.segments.length !== body.segments.length) return undefined;
  // Note: two pieces will do when both are labels ending in a colon ("Kundennummer:  Datum:" over the number and date).
  if (head.segments.length === 2 && !head.segments.every((f) => /\p{L}:$/u.test(f.text.trim()))) return undefined;
  // Note: a header of `WIDE_HEAD` labels may stand up to two lines over its row (an invoice's item grid of one item).
  const reach = head.segments.length >= WIDE_HEAD ? WIDE_HEAD_GAP : 1;
  if (body.bbox[1] - head.bbox[3] > reach * Math.max(head.fontSize, body.fontSize)) return undefined;
  const h = leftToRight(head);
  const b = leftToRight(body);
  const overlaps = (x: Fragment, y: Fragment): boolean => Math.min(x.bbox[2], y.bbox[2]) > Math.max(x.bbox[0], y.bbox[0]);
  // Note: values that are not all figures (a boarding pass's "15 Feb 18", "23:30", "Y") will do under a header in
  // capitals: short, two thirds of them with a digit.
  const caps = h.every((f) => /\p{Lu}/u.test(f.text) && !/\p{Ll}/u.test(f.text));
  // Note: so will values of any kind under a header of four labels or more, half of them with a digit (an invoice's
  // "Projekt  Kunden-Nr.:  Unser Zeichen  Datum" over its number, customer number, mail address and date).
  const digits = b.filter((f) => /\d/u.test(f.text)).length;
  // Note: and under three labels or more that all end in a colon (an invoice's "Invoice Date:  Due Date:  Reference:").
  const labels = h.every((f) => /\p{L}:$/u.test(f.text.trim()));
  const wide = (h.length >= WIDE_HEAD || labels) && h.every((f) => !/\d/u.test(f.text)) && digits * 2 >= b.length;
  const value = (t: string): boolean => NUMERIC.test(t) || (caps && t.length <= SHORT_VALUE) || (wide && t.length <= WIDE_VALUE);
  if (caps && !wide && digits * 3 < 2 * b.length) return undefined;
  for (let k = 0; k < h.length; k++) {
    if (!/\p{L}/u.test(h[k]!.text) || !value(b[k]!.text.trim())) return undefined;
    if (!overlaps(h[k]!, b[k]!) || b.some((o, j) => j !== k && overlaps(h[k]!, o)) || h.some((o, j) => j !== k && overlaps(o, b[k]!))) return undefined;
  }
  const rows = [h.map((f) => f.text.trim()), b.map((f) => f.text.trim())];
  return {
    start: i, end: i + 2,
    block: { ...tableBlock(rows, [], unionBox([head.bbox, body.bbox])), fontSize: median([head.fontSize, body.fontSize]) },
  };
}

interface Run {
  start: number;
  end: number;
  gutters: Interval[];
  /** Lines (indexes into the region's lines) that go on with a cell of the row above. */
  cont: ReadonlySet<number>;
  /** Label rows running on over empty cells ("Components of Amounts Included in Balance Sheets:"): one cell. */
  labels: ReadonlySet<number>;
  /** Rows whose last piece spans the columns from one to the last (`spanningTail`): line → that column. */
  spanning: ReadonlyMap<number, number>;
}

/** A figure left out: a dash ("-", "–", "—") or stars ("***", suppressed). */
const NIL = /^(?:[-–—]|\*{1,3})$/u;

/** A figure, one left out, or one with a note letter ("100-a"). */
function isFigure(text: string): boolean {
  const t = text.trim();
  return NUMERIC.test(t) || NIL.test(t) || /^\d[\d.,]*%?[-–][a-z]$/u.test(t);
}

const CAPTION = /^\s*(?:table|tab\.|figure|fig\.)\s*[\dIVX]/i;

/**
 * A heading line set over several columns just above a table ("Year Ended December 31," over the
 * two years' columns), as a header row whose cells span the columns they are set over.
 * @param line the line above the table (undefined at the top)
 * @param top the table's first line
 * @param gutters the table's gutters
 * @param free whether the line is not part of a table already
 * Undefined unless the line is within a line's height of the table, clear of its first column, not
 * a caption ("Table 2"), at least one of its pieces runs across a gutter (a line that fits the
 * columns is a plain header row), and the columns it spans hold figures in half the rows or more; a line of heads in
 * bold over rows in roman (`body`, the table's first such row) may span from the first column, over any columns.
 */
function spanningHeader(line: Line | undefined, top: Line, gutters: readonly Interval[], free: boolean, rows: readonly string[][], under: readonly CellSpan[] = [], body?: Line): { cells: string[]; merged: CellSpan[] } | undefined {
  if (!line || !free || gutters.length < 2 || top.bbox[1] - line.bbox[3] > line.fontSize || CAPTION.test(line.text)) return undefined;
  // Note: a line of heads in bold over rows in roman, in pieces of a few words each, is a header however it spans
  // (`BOLD_HEAD_CHARS`): "School District" over a town's name and its state's code, beside heads of one column each.
  const boldHead = line.bold && body !== undefined && !body.bold && line.segments.length >= 2 && line.segments.every((f) => f.text.trim().length <= BOLD_HEAD_CHARS);
  const mid = gutters.map((g) => (g[0] + g[1]) / 2);
  const colOf = (x: number): number => mid.filter((m) => m < x).length;
  const cells = Array.from({ length: gutters.length + 1 }, () => '');
  const spans: Array<[number, number]> = [];
  let last = -1;
  for (const seg of leftToRight(line)) {
    // Note: a piece starting inside a gutter, clear of the column left of it, heads the column after it
    // ("Encephalitis" centred over its pair of columns reaches into the gutter before them).
    const c0 = gutters.filter((g) => g[0] < seg.bbox[0]).length, c1 = Math.max(c0, colOf(seg.bbox[2]));
    // Note: a stub heading wholly inside the first column ("Region" over the names) may stand beside the
    // group headings; a piece running from the first column across a gutter is a line of prose.
    if (c0 <= last || (c0 === 0 && c1 > 0 && !boldHead)) return undefined;
    cells[c0] = seg.text.trim();
    spans.push([c0, c1]);
    last = c1;
  }
  // Note: a heading set at the left of a group of spanning headings ("Men" over "2017-18  4-Class", each
  // over two columns) spans the groups under it that start before the next heading.
  spans.forEach((sp, k) => {
    if (!under.some((m) => m.col === sp[0])) return;
    const limit = k + 1 < spans.length ? spans[k + 1]![0] - 1 : gutters.length;
    for (const m of under) if (m.col >= sp[0] && m.col + m.colSpan - 1 <= limit) sp[1] = Math.max(sp[1], m.col + m.colSpan - 1);
  });
  const merged: CellSpan[] = spans.filter(([c0, c1]) => c1 > c0).map(([c0, c1]) => ({ row: 0, col: c0, rowSpan: 1, colSpan: c1 - c0 + 1 }));
  if (!merged.length) return undefined;
  // Figures under every spanned column in half the rows (or only currency signs, a "$" column; a dash or
  // stars stand for a figure left out): a heading over columns of numbers, not a diagram's label over boxes of text.
  const numeric = merged.every((m) => Array.from({ length: m.colSpan }, (_, k) => m.col + k)
    .every((c) => rows.filter((r) => isFigure(r[c] ?? '')).length * 2 >= rows.length || rows.every((r) => /^[$€£¥%]?$/u.test(r[c] ?? ''))));
  return numeric || boldHead ? { cells, merged } : undefined;
}

/** Fewest columns a line over a table must fill, every one, to be its header row (`fullRow`). */
const FULL_ROW_COLUMNS = 3;

/**
 * The cells of a line over a table's top line that fills every one of its columns, `FULL_ROW_COLUMNS` or more: no piece
 * runs across a gutter, and it stands within its size of the top line. Undefined otherwise.
 */
function fullRow(line: Line | undefined, top: Line, gutters: readonly Interval[], free: boolean, opts: ResolvedLayoutOptions): string[] | undefined {
  if (!line || !free || gutters.length + 1 < FULL_ROW_COLUMNS || top.bbox[1] - line.bbox[3] > line.fontSize || !fits(line, gutters)) return undefined;
  const cells = cellsOf(line, gutters, opts);
  return cells.every((c) => c !== '') ? cells : undefined;
}

/**
 * A table block of its rows (their text: cells joined by tabs, rows by new lines), its spanning cells (left out when
 * none) and its box. Every table finder (aligned, leader, ruled) builds its blocks with it.
 */
export function tableBlock(rows: string[][], merged: CellSpan[], bbox: BBox): Block {
  return { type: 'table', text: rows.map((r) => r.join('\t')).join('\n'), rows, ...(merged.length ? { merged } : {}), bbox };
}

/** A dot leader ending a cell: four dots or more, spaced or not ("manslaughter. . . . . ."). */
const CELL_LEADER = /(?:\s*[.·…]){4,}\s*$/u;

/** A cell's text without the dot leader that ends it (`CELL_LEADER`): a label's leader running to its figures is layout. */
export const withoutLeader = (cell: string): string => cell.replace(CELL_LEADER, '');

/** Longest piece (characters) of a line of heads in bold (`spanningHeader`). */
const BOLD_HEAD_CHARS = 30;

/**
 * Whether lines `i` to `from` above a run of more columns are headings over groups of its columns
 * beside a stub heading in its first column ("RDHS  Dengue Fever  Dysentery" over "A B  A B"): each,
 * from the lowest up, a spanning header row of the run (`spanningHeader`), at most three.
 */
function stubbedHeads(lines: readonly Line[], i: number, from: number, run: Run, opts: ResolvedLayoutOptions): boolean {
  if (from - i > 3 || from === i) return false;
  const rows = lines.slice(from, run.end).map((l) => cellsOf(l, run.gutters, opts));
  let under: CellSpan[] = [];
  const body = lines.slice(from, run.end).find((l) => !l.bold);
  for (let k = from - 1; k >= i; k--) {
    const spanning = spanningHeader(lines[k], lines[k + 1]!, run.gutters, true, rows, under, body);
    if (!spanning) return false;
    under = spanning.merged;
  }
  return true;
}

/**
 * Whether a line is printed apart from the rows above it: in a typeface none of them uses and another size than theirs
 * and the last row's (a tenth off or more), twice their own line pitch or more under the last, as a browser prints the
 * page's address and "1/2" under a document's foot of two columns ("Página 1 de 1" over "Original Cliente").
 * @param l the line
 * @param rows the run's rows so far, two or more
 */
function otherPrint(l: Line, rows: readonly Line[]): boolean {
  // Note: the cheap tests first, on the last row (a line of its size, or within twice its pitch, is none): runFrom asks
  // this of every line of every run.
  const last = rows[rows.length - 1]!, before = rows[rows.length - 2]!;
  if (Math.abs(l.fontSize - last.fontSize) < 0.1 * last.fontSize) return false;
  if (l.bbox[1] - last.bbox[1] < 2 * (last.bbox[1] - before.bbox[1])) return false;
  const size = Math.max(...rows.map((r) => r.fontSize));
  if (Math.abs(l.fontSize - size) < 0.1 * size) return false;
  const own = Math.max(...rows.slice(1).map((r, k) => r.bbox[1] - rows[k]!.bbox[1]));
  if (l.bbox[1] - last.bbox[1] < 2 * own) return false;
  const faces = new Set(rows.flatMap((r) => r.segments.flatMap((g) => g.spans.map((sp) => sp.fontName))));
  return !l.segments.some((g) => g.spans.some((sp) => sp.fontName === undefined || faces.has(sp.fontName)));
}

/** Narrowest gutter (ems) a piece spanning columns runs across (`spanningTail`). */
const SPAN_GUTTER_EM = 2;

/** Fewest columns of a table whose rows may span them (`spanningTail`): a contents list's title running on towards its page is no span. */
const SPANNED_MIN_COLUMNS = 4;

/**
 * The last piece of a row when it spans columns (a datasheet's "47,5 Hz ... 50,2 Hz (gemäß DIN VDE 0126-1-1)" beside its
 * label, one value for four models): of `SPANNED_MIN_COLUMNS` columns or more, the row's first piece in the first column,
 * its last starting flush with a column after the first (within half an em of the gutter's end) and running across the
 * next gutter's middle (a gutter of `SPAN_GUTTER_EM` or more), its other pieces ending before that column, and not
 * figures spaced at the gutters (`figureSpaces`). Undefined otherwise.
 * @param gut the run's gutters so far
 */
function spanningTail(l: Line, gut: readonly Interval[], em: number): { piece: Fragment; col: number } | undefined {
  if (gut.length < SPANNED_MIN_COLUMNS - 1) return undefined;
  const segs = leftToRight(l);
  const piece = segs[segs.length - 1]!;
  if (segs[0]!.bbox[0] >= gut[0]![0]) return undefined;
  const k = gut.findIndex((g) => Math.abs(piece.bbox[0] - g[1]) <= 0.5 * em);
  const next = gut[k + 1];
  // Note: across a wide gutter (`SPAN_GUTTER_EM`): over a gutter of an em or so, a piece is two cells chained ("14201 NORTH
  // MAY AVENUE OKLAHOMA CITY", an address run on into its city's column).
  if (k < 0 || !next || piece.bbox[2] <= (next[0] + next[1]) / 2 || next[1] - next[0] < SPAN_GUTTER_EM * em) return undefined;
  if (segs.slice(0, -1).some((f) => f.bbox[2] > gut[k]![1] - 0.5 * em)) return undefined;
  // Note: figures chained into one piece, spaced at the gutters ("***  ***  ***"), are a cell each.
  if (figureSpaces({ ...l, segments: [piece] }, gut).length > 0) return undefined;
  return { piece, col: k + 1 };
}

/**
 * The longest run of rows from line `i` that keeps column gutters free, or undefined when it is
 * shorter than `tableMinRows`.
 * @param spans whether a row may span columns (`spanningTail`): false when a run is read again without them
 */
function runFrom(lines: readonly Line[], i: number, opts: ResolvedLayoutOptions, pitch: number, spans = true): Run | undefined {
  const first = lines[i]!;
  const em = first.fontSize;
  let gut = gapsOf(first).filter((g) => g[1] - g[0] >= 0.5 * em);
  let j = i + 1;
  let best: Run | undefined;
  // Rows whose pieces run across one gutter that all the others keep free.
  const crossing = new Set<number>();
  // Lines that go on with a cell of the row above.
  const cont = new Set<number>();
  const labels = new Set<number>();
  const spanning = new Map<number, number>();
  // The number of gutters when each spanning row was met (its column counts among them), and where its value starts.
  const spannedAt = new Map<number, number>();
  const spannedX = new Map<number, number>();
  while (j < lines.length && gut.length > 0) {
    const l = lines[j]!;
    const prev = lines[j - 1]!;
    if (pitch > 0 && l.bbox[1] - prev.bbox[3] > 2.5 * pitch) break;
    if (j - i >= 2 && otherPrint(l, lines.slice(i, j))) break;
    let tightened: Interval[];
    if (l.segments.length < 2) {
      const g0 = gut[0];
      const gl = gut[gut.length - 1];
      // Note: a line alone in clearly larger type than every line of the run so far is a section heading
      // between two tables ("1. Graduation-Rates Data" over the next one), not a label row of this one.
      // A label row right under the header (often set smaller than the rows) is not compared with it alone.
      if (j - i >= 2 && l.fontSize >= HEADING_SIZE_RATIO * Math.max(...lines.slice(i, j).map((x) => x.fontSize))) break;
      const spannedAbove = spannedX.get(j - 1);
      if (spannedAbove !== undefined && Math.abs(l.bbox[0] - spannedAbove) <= 0.5 * em && l.bbox[1] - prev.bbox[3] <= 0.8 * em) {
        // Note: a line set close under a row's spanning value, flush with it, is that value going on ("Flight Time: 1364
        // hours … (Last 90 days," over "all aircraft), 5 hours …"): it keeps the gutters and spans as the value does.
        tightened = gut;
        cont.add(j);
        spanning.set(j, spanning.get(j - 1)!);
        spannedAt.set(j, gut.length);
        spannedX.set(j, spannedAbove);
      } else if (g0 && l.bbox[2] <= g0[1] - 0.5 * em) {
        // A label row ("Items that may be reclassified") inside a table: one piece, wholly in the first column.
        tightened = [[Math.max(g0[0], l.bbox[2]), g0[1]], ...gut.slice(1)];
        // Note: right under a row whose first cell ends in a slash, flush with it, it is that label going on in the
        // other language ("Passageiro Frequente/" over "Frequent Flyer").
        const head = leftToRight(prev)[0];
        if (prev.segments.length >= 2 && head && /\/$/u.test(head.text.trim()) && Math.abs(l.bbox[0] - head.bbox[0]) <= 0.5 * em && l.bbox[1] - prev.bbox[3] <= 0.5 * em) cont.add(j);
      } else if (g0 && gl && gut.length >= 2 && j > i + 1 && l.bbox[0] < g0[0] && l.bbox[2] <= gl[0] && l.bbox[1] - prev.bbox[3] <= 0.8 * em) {
        // Note: a group label longer than the first column ("Components of Amounts Included in Balance
        // Sheets:") runs on over the empty cells of its row, never into the last column: one cell.
        tightened = gut;
        labels.add(j);
      } else {
        // A cell's second line (a description going on): one piece of words inside one column, right
        // under the row, not in the first column, in a table of three columns or more (two columns
        // with a wrapped second one are a list or notes beside prose).
        tightened = common(gut, [[-Infinity, l.bbox[0]], [l.bbox[2], Infinity]], 0.5 * em);
        // Note: a line without a letter goes on with a cell of words above it (a service period "01.05.14-31.05.14" under
        // an item's description), never with a figure's cell.
        const overWords = prev.segments.some((f) => f.bbox[0] < l.bbox[2] && f.bbox[2] > l.bbox[0] && /\p{L}{2}/u.test(f.text));
        if (!g0 || (gut.length < 2 && !wrapsSecondCell(lines, i, j, g0, cont, em)) || !(/\p{L}/u.test(l.text) || overWords) || l.bbox[0] < (g0[0] + g0[1]) / 2 || tightened.length < gut.length || l.bbox[1] - prev.bbox[3] > 0.8 * em) break;
        cont.add(j);
      }
    } else {
      // Note: a header with no stub head over rows that start with their labels, well left of it ("Cum PnL" under
      // the first column's head): the gap in the first row where the header starts is the labels' gutter.
      // The header may take two lines (sub- and superscripts set apart); the row has a piece for each of its columns and
      // one more (not a heading over groups of columns, "Estimate" over two years, whose one gutter the row does not fill).
      // Note: so does the first row under the header with fewer pieces than the header, some cells empty ("Parts" with its
      // cost only, under "Hours  Rate  Cost"); one with a piece under each head has its labels under a stub head ("Name").
      // Note: label rows between the header and the row (one piece: "Aktiva", "Anlagevermögen" over a balance sheet's
      // first items) count neither for where the header starts nor for how far under it the row stands.
      const heads = lines.slice(i, j).filter((x, k) => k === 0 || x.segments.length >= 2);
      const lead = Math.min(...heads.map((x) => x.bbox[0]));
      // Note: a row whose last piece starts a column and runs on over the columns after it (a datasheet's "340 V ... 750 V"
      // under four models' figures) keeps their gutters: its other pieces are the row.
      const tail = spans ? spanningTail(l, gut, em) : undefined;
      const rest = tail ? l.segments.filter((f) => f !== tail.piece) : l.segments;
      const row: Line = tail ? { ...l, segments: rest, bbox: unionBox(rest.map((f) => f.bbox)) } : l;
      const pieces = l.segments.length === gut.length + 2 || (j === i + 1 && l.segments.length >= 2 && l.segments.length <= gut.length);
      // Note: over such label rows, the header's last piece stands over the row's last (they overlap, or start or end
      // within two ems of each other): diagram labels over a table ("copy  xor" over "Name  Type  Default") are no header.
      const lastOf = (x: Line): Fragment => x.segments.reduce((a, b) => (b.bbox[2] > a.bbox[2] ? b : a));
      const [hl, rl] = [lastOf(heads[heads.length - 1]!), lastOf(l)];
      const over = heads.length === j - i || (hl.bbox[0] < rl.bbox[2] && rl.bbox[0] < hl.bbox[2])
        || Math.abs(hl.bbox[0] - rl.bbox[0]) <= 2 * em || Math.abs(hl.bbox[2] - rl.bbox[2]) <= 2 * em;
      if (heads.length <= 2 && over && pieces && l.bbox[0] < lead - 2 * em && gut[0] !== undefined && gut[0][0] > lead) {
        const stub = gapsOf(l).find((g) => g[0] < lead && g[1] > lead);
        if (stub && lead - stub[0] >= 0.5 * em) gut = [[stub[0], lead], ...gut];
      }
      // A gutter stays only where this row leaves it free too (intersection with the row's own gaps).
      // Note: a row with empty first or last cells (a total under the figures only) keeps the gutters
      // wholly before its first piece or after its last; a piece starting inside a gutter closes it.
      // Note: a figure standing wholly inside a gutter, two ems or more from both its sides, opens a column there (an
      // invoice's charges, empty in the rows above, between the descriptions and the credits) when a figure of one of the
      // next rows ends where it ends (figures set flush right; a bar chart's labels end where their bars do): the gutter
      // splits around it.
      const aligned = (f: Fragment): boolean => lines.slice(j + 1, j + 1 + OPEN_COLUMN_ROWS)
        .some((n) => n.segments.some((o) => Math.abs(o.bbox[2] - f.bbox[2]) <= 1 && isFigure(o.text)));
      gut = gut.flatMap((g): Interval[] => {
        const inside = row.segments.filter((s) => s.bbox[0] >= g[0] + 2 * em && s.bbox[2] <= g[1] - 2 * em && isFigure(s.text) && aligned(s));
        if (!inside.length) return [g];
        return [[g[0], Math.min(...inside.map((s) => s.bbox[0]))], [Math.max(...inside.map((s) => s.bbox[2])), g[1]]];
      });
      // Note: the gutters after a spanning last piece's start are kept (as after a row's last piece).
      const x0 = Math.min(...row.segments.map((s) => s.bbox[0])), x1 = tail ? tail.piece.bbox[0] : Math.max(...row.segments.map((s) => s.bbox[2]));
      // Note: a gutter that the row's last piece reaches into a little (a centred caption wider than the
      // figure over it: "(Commission" under "001-14951", the next cell empty) stays beyond the piece; so
      // does one whose end the first piece starts a little before.
      // Only a gutter of three ems or more, reached into by a seventh of its width at most, keeps its rest.
      const wide = (g: Interval): boolean => g[1] - g[0] >= REACH_GUTTER_EM * em;
      const gaps: Interval[] = [
        ...gut.filter((g) => g[1] <= x0 + 0.5 || (wide(g) && x0 > g[1] - REACH_SHARE * (g[1] - g[0]) && x0 < g[1])).map((g): Interval => [g[0], Math.min(g[1], x0)]),
        ...gapsOf(l), ...figureSpaces(row, gut),
        ...gut.filter((g) => g[0] >= x1 - 0.5 || (wide(g) && x1 < g[0] + REACH_SHARE * (g[1] - g[0]) && x1 > g[0])).map((g): Interval => [Math.max(g[0], x1), g[1]]),
      ];
      // Note: a gutter kept by the rows above may narrow to a third of an em in a row (figures set
      // flush left under right-aligned ones: "4 years" under "4.017%").
      tightened = common(gut, gaps, GUTTER_KEPT_EM * em);
      if (tail) {
        const at = tail.piece.bbox[0];
        tightened = tightened.map((g): Interval => (g[0] < at && g[1] > at ? [g[0], at] : g));
        spanning.set(j, tail.col);
        spannedAt.set(j, gut.length);
        spannedX.set(j, at);
      }
      const kept = gut.filter((g) => common([g], gaps, GUTTER_KEPT_EM * em).length > 0);
      // Note: one row in ten may run across one gutter (a long name overflowing into the next
      // column) once the run has three rows; the gutter stays as the other rows leave it.
      // So may the first such row of a shorter run when its piece is a name run on into the next column's figure
      // ("… Espresso Maker1", see `splitTrailingFigure`).
      const runOn = (): boolean => {
        const lost = gut.find((g) => !kept.includes(g))!;
        return l.segments.some((f) => f.spans.some((s) => splitTrailingFigure(s, (lost[0] + lost[1]) / 2) !== undefined));
      };
      if (kept.length === gut.length - 1 && kept.length >= 1 && j - i >= 3 && (crossing.size + 1 <= 0.1 * (j - i + 1) + 0.5 || (crossing.size === 0 && runOn()))) {
        crossing.add(j);
        tightened = gut.map((g) => (kept.includes(g) ? common([g], gaps, GUTTER_KEPT_EM * em)[0]! : g));
      }
    }
    if (tightened.length === 0) break;
    // Note: once the run has its rows, a row that closes gutters ends it (a footer line under the
    // table), rather than turning the whole run into a table of fewer columns.
    if (tightened.length < gut.length && j - i >= opts.tableMinRows) break;
    // Note: so does a line of heads in bold under rows in roman, under a header in bold (an invoice's order fields, "Klant
    // Order  Factuur datum" over their values, right over its item grid's "Artikel  Omschrijving  Prijs"): the next table's.
    if (tightened.length < gut.length && j - i >= 2 && lines[i]!.bold && !prev.bold && l.bold && l.segments.length >= 2 && !l.segments.some((f) => isFigure(f.text))) break;
    gut = tightened;
    j++;
    if (j - i >= opts.tableMinRows) best = { start: i, end: j, gutters: gut, cont, labels, spanning };
  }
  // Trailing label rows belong to what follows, not to the table.
  while (best && best.end - i > opts.tableMinRows && ((lines[best.end - 1]!.segments.length < 2 && !cont.has(best.end - 1)) || crossing.has(best.end - 1))) best = { ...best, end: best.end - 1 };
  // Note: rows span columns only in a table that shows them: `SPANNED_FULL_ROWS` rows or more with a piece of words or
  // figures in every column (a form's fields and a dot leader's dots do not).
  // A row met while the run had more gutters spans columns it no longer has: the run is read without spans.
  if (best && [...spanning.keys()].some((k) => k < best!.end)) {
    const n = best.gutters.length + 1;
    const mine = [...spanning].filter(([k]) => k < best!.end);
    const full = lines.slice(best.start, best.end).filter((l, k) => !spanning.has(best!.start + k) && l.segments.length >= n && l.segments.every((f) => /[\p{L}\p{N}]/u.test(f.text))).length;
    if (full < SPANNED_FULL_ROWS || mine.some(([k]) => spannedAt.get(k) !== best!.gutters.length)) return runFrom(lines, i, opts, pitch, false);
    best = { ...best, spanning: new Map(mine) };
  }
  return best;
}

/** Fewest rows filling every column of a table with rows spanning columns (`runFrom`). */
const SPANNED_FULL_ROWS = 3;

/**
 * Whether line `j`, one piece, is a further line of the second cell of a two-column run from line `i`
 * (an infobox's "Founded  October, 1918 (as" going on under its value): the run has two rows of two
 * pieces already, the line starts where the second cells start (within half an em of the leftmost) and it
 * is set closer under the line above than any two of those rows are set under each other (by a fifth of an em),
 * the second cells of those rows are short (median `WRAPPED_VALUE_CHARS` characters at most) and the line
 * above holds several words there.
 * Note: without the last two, a list of notes beside their markers, or prose beside a margin label, would be
 * a table.
 */
function wrapsSecondCell(lines: readonly Line[], i: number, j: number, g0: Interval, cont: ReadonlySet<number>, em: number): boolean {
  const rows: number[] = [];
  for (let k = i; k < j; k++) if (lines[k]!.segments.length >= 2 && !cont.has(k)) rows.push(k);
  if (rows.length < 2) return false;
  // Note: long second cells are prose beside labels ("Annex D  Notification to the registrar by the
  // coroner that…" going on in a contents list), not a value wrapped in a narrow column.
  const second = rows.map((k) => lines[k]!.segments.filter((sg) => sg.bbox[0] >= g0[1] - 0.5).map((sg) => sg.text).join(' '));
  if (median(second.map((t) => t.length)) > WRAPPED_VALUE_CHARS) return false;
  const left = Math.min(...rows.flatMap((k) => lines[k]!.segments.filter((sg) => sg.bbox[0] >= g0[1] - 0.5).map((sg) => sg.bbox[0])));
  const l = lines[j]!;
  if (Math.abs(l.bbox[0] - left) > 0.5 * em) return false;
  // Note: a value wraps when it has several words: letters set one under another (a word printed
  // downwards beside a form's labels) are not a wrapped value.
  const above = lines[j - 1]!.segments.filter((sg) => sg.bbox[0] >= g0[1] - 0.5).map((sg) => sg.text.trim()).join(' ');
  if (!/\S\s+\S/u.test(above)) return false;
  let rowGap = Infinity;
  for (let r = 1; r < rows.length; r++) if (rows[r] === rows[r - 1]! + 1) rowGap = Math.min(rowGap, lines[rows[r]!]!.bbox[1] - lines[rows[r - 1]!]!.bbox[3]);
  return rowGap < Infinity && l.bbox[1] - lines[j - 1]!.bbox[3] < rowGap - 0.2 * em;
}

/** Longest typical second cell (characters) of a two-column table whose cells may wrap (`wrapsSecondCell`). */
const WRAPPED_VALUE_CHARS = 30;

/** Size, relative to the largest line of a run so far, from which a line alone ends the run (a heading between tables). */
const HEADING_SIZE_RATIO = 1.2;

/** Narrowest gutter (ems) that a row's first or last piece may reach into and leave the rest of. */
const REACH_GUTTER_EM = 3;
/** Largest share of such a gutter the piece may reach into. */
const REACH_SHARE = 0.15;

/** Narrowest a gutter may become in a later row of the run, in ems (a new gutter needs half an em). */
const GUTTER_KEPT_EM = 0.3;
/** Rows looked at below a figure standing in a gutter for another ending where it ends (see `runFrom`). */
const OPEN_COLUMN_ROWS = 6;

/** Fewest gutters a piece of text runs across for `crossesColumns`. */
const CROSSED_GUTTERS = 2;

/** Fewest words of letters in a piece running across gutters for `crossesColumns` (a group's heading has fewer). */
const CROSSING_WORDS = 4;

/** A label, a colon and a number in one piece ("Příloha faktury č.: 2406000590"). */
const LABELLED_NUMBER = /\p{L}{2,}.*:\s*\S*\d/u;

/**
 * Whether a piece of the line runs across `CROSSED_GUTTERS` gutters or more and is a sentence (`CROSSING_WORDS` words of
 * letters or more) or a label with its number ("Příloha faktury č.: 2406000590"): a line of a letterhead or of prose over a
 * grid's columns, not a heading over a group of them ("Women's Basketball").
 */
function crossesColumns(line: Line, gutters: readonly Interval[]): boolean {
  return line.segments.some((s) => {
    const words = (s.text.match(/\p{L}{2,}/gu) ?? []).length;
    return (words >= CROSSING_WORDS || LABELLED_NUMBER.test(s.text))
      && gutters.filter((g) => acrossMiddle(s, g)).length >= CROSSED_GUTTERS;
  });
}

/** Whether no piece of the line runs across one of the gutters. */
function fits(line: Line, gutters: readonly Interval[]): boolean {
  return line.segments.every((s) => gutters.every((g) => s.bbox[2] <= g[1] && s.bbox[0] >= g[0] || !acrossMiddle(s, g)));
}

/** A figure as a table cell holds it: "1,234", "(703)", "$ 5,694", "49%", "12.5a". */
export const NUMERIC = /^[([]?[-+−–]?\p{Sc}?\s?\d[\d\s.,]*%?[)\]]?[*†‡a-z]{0,2}$/u;

/** Where a row of a table lies (the union of its lines) and its size. */
interface RowBox { bbox: BBox; fontSize: number; bold: boolean }

export const DANGLING = /(?:,|&|-|\b(?:and|or|of|the|for|in|to|from|with|on|at|by))$/iu;

/**
 * The rows of a table with each cell's further lines joined to it.
 * @param rows cells of each line; @param lines the lines; @param from index of the first line in the region
 * @param cont region indexes of the lines that go on with a cell of the row above (`runFrom`)
 * A further line joins only cells that have text above it. In tables of three columns or more, besides:
 * a line with the first cell empty set close under cells with text (see the note below); a first-column line alone that starts in lower case goes on with the row above when that row fills two
 * cells; one that ends in "and", "of", a comma…, or whose row below starts in lower case ("Total domestic"
 * over "package revenue  10,718"), goes before the first cell of the row below.
 */
function foldCellLines(rows: string[][], lines: readonly Line[], from: number, cont: ReadonlySet<number>): { rows: string[][]; boxes: RowBox[] } {
  const out: string[][] = [];
  const boxes: RowBox[] = [];
  const filled = (r: readonly string[]): number => r.filter((c) => c !== '').length;
  let pending: { text: string; box: RowBox } | undefined;
  // Note: a line with the first cell empty, set closer under the row above than the rows with a first
  // cell are set under theirs, whose cells all lie under cells of that row (words, or a figure after a
  // dangling "-"), holds those cells' further lines ("(VIPIX)" under a fund's name, "than $201)" under
  // "None (or less").
  const gapAbove = (k: number): number => lines[k]!.bbox[1] - lines[k - 1]!.bbox[3];
  const rowGap = median(rows.flatMap((r, k) => (k > 0 && r[0] !== '' ? [gapAbove(k)] : [])));
  rows.forEach((r, k) => {
    const line = lines[k]!;
    const prev = out[out.length - 1];
    const labelOnly = filled(r) === 1 && r[0] !== '';
    const wide = r.length >= 3;
    // A further line joins only cells that have text above it.
    const continues = cont.has(from + k) && r.every((c, j) => !c || prev?.[j]);
    const wraps = wide && prev !== undefined && prev[0] !== '' && r[0] === '' && gapAbove(k) < rowGap - 0.3 * line.fontSize
      && r.every((c, j) => !c || (prev[j] !== '' && (!isFigure(c) || DANGLING.test(prev[j]!))));
    if (prev && !pending && (continues || wraps || (wide && labelOnly && /^\p{Ll}/u.test(r[0]!) && filled(prev) >= 2))) {
      r.forEach((c, j) => { if (c) prev[j] = prev[j] ? joinLines(prev[j]!, c) : c; });
      const b = boxes[boxes.length - 1]!;
      b.bbox = unionBox([b.bbox, line.bbox]);
      b.bold &&= line.bold;
      return;
    }
    if (wide && labelOnly && !pending && k + 1 < rows.length && filled(rows[k + 1]!) >= 2 && rows[k + 1]![0] !== '' && (DANGLING.test(r[0]!) || /^\p{Ll}/u.test(rows[k + 1]![0]!))) {
      pending = { text: r[0]!, box: { bbox: line.bbox, fontSize: line.fontSize, bold: line.bold } };
      return;
    }
    const row = [...r];
    let box: RowBox = { bbox: line.bbox, fontSize: line.fontSize, bold: line.bold };
    if (pending) {
      row[0] = joinLines(pending.text, row[0]!);
      box = { bbox: unionBox([pending.box.bbox, line.bbox]), fontSize: line.fontSize, bold: pending.box.bold && line.bold };
      pending = undefined;
    }
    out.push(row);
    boxes.push(box);
  });
  return { rows: out, boxes };
}

/**
 * A header set on two lines or more (a column heading wrapped, "Accuracy" over "(dev)") as one row.
 * @param rows the table's rows; @param lines their lines
 * The header is the rows above the first row with a number in a column other than the first, or the rows in bold
 * above the first that is not (two or more, over at least as many rows); it is
 * merged, each column's texts joined top to bottom, when it has two to `MAX_HEADER_LINES` rows (four or more
 * over at least as many rows below) set at the leading
 * of one paragraph (no more than 0.6 em between them) and one of them leaves a cell empty that
 * another fills, or all of them leave the first cell empty (a heading over the figures only, wrapped), or they are
 * the rows in bold.
 * Tables without numbers keep their rows.
 */
/** Most lines a table's header may be set on. */
const MAX_HEADER_LINES = 6;

function mergeHeaderRows(rows: string[][], lines: readonly RowBox[]): string[][] {
  // Note: lines in bold over a first row in roman are the header however full their cells ("School District  School
  // Code" over "Address  District  No.", a school-code list's heads), with or without figures under them.
  // Lines after the first with a figure are rows (a statement's total in bold under its years).
  const plain = lines.findIndex((l) => !l.bold);
  const bold = plain >= 2 && plain <= MAX_HEADER_LINES && rows.length - plain >= plain && rows.slice(1, plain).every((r) => !r.some((c, j) => j > 0 && NUMERIC.test(c)));
  const k = bold ? plain : rows.findIndex((r) => r.some((c, j) => j > 0 && NUMERIC.test(c)));
  // Note: a header of four lines or more (headings wrapped over six lines above narrow columns of figures)
  // needs as many rows of figures under it as it has lines.
  if (k < 2 || k > MAX_HEADER_LINES || (k > 3 && rows.length - k < k)) return rows;
  for (let r = 1; r < k; r++) if (lines[r]!.bbox[1] - lines[r - 1]!.bbox[3] > 0.6 * lines[r]!.fontSize) return rows;
  const head = rows.slice(0, k);
  // Note: lines that all leave the first cell empty are one heading wrapped ("Capital" over "Leases").
  const stubless = head.every((r) => r[0] === '');
  if (!stubless && !bold && (!head.some((r) => r.some((c) => c === '')) || !head[0]!.some((_, c) => head.some((r) => r[c] === '') && head.some((r) => r[c] !== '')))) return rows;
  const merged = head[0]!.map((_, c) => head.map((r) => r[c] ?? '').filter((t) => t !== '').join(' '));
  return [merged, ...rows.slice(k)];
}

function confident(rows: string[][], least = 3): boolean {
  if (rows.length === 0) return false;
  const cols = rows[0]!.length;
  if (cols < 2) return false;
  // Most rows fill at least two cells; label rows (first cell only) are allowed in between.
  const full = rows.filter((r) => r.filter((c) => c !== '').length >= 2).length;
  if (full < least || full < 0.6 * rows.length) return false;
  if (rows.some((r) => r.filter((c) => c !== '').length === 1 && r[0] === '')) return false;
  // A list whose markers stand apart from the text.
  if (rows.every((r) => r[0] !== undefined && listMarker(`${r[0]} x`) !== undefined && r[0].length <= 4)) return false;
  // Prose side by side: every column's cells are long.
  const colLong = Array.from({ length: cols }, (_, c) => median(rows.map((r) => (r[c] ?? '').length)) > 30);
  if (colLong.every(Boolean)) return false;
  return true;
}

/** Fewest numbered lines of a listing (`lineNumbered`). */
const LISTING_LINES = 3;

/** Code's punctuation: a statement's end, a block's braces, an assignment. */
const CODE_MARK = /[;{}=]/;

/**
 * A listing's line numbers standing apart from its lines (LaTeX's `algorithmic` "1:", `listings`' "1"): the first cell
 * of each row empty or a number counting up by one to three (a listing numbers its blank lines too, and they may be
 * gone), `LISTING_LINES` of them or more, and the rest of each row words or code, not figures (a year's column beside its
 * values is a table). Over more than two columns (code set with wide spaces), half the numbered rows or more carry
 * code's punctuation (`CODE_MARK`): an item grid's positions ("1", "2", "3") head rows of a real table.
 */
function lineNumbered(rows: readonly string[][]): boolean {
  let last = -1, numbered = 0, figures = 0, code = 0;
  for (const r of rows) {
    const c = r[0]!.trim();
    if (c === '') continue;
    const m = /^(\d{1,4}):?$/.exec(c);
    if (!m) return false;
    const n = Number(m[1]);
    if (last >= 0 && (n <= last || n > last + 3)) return false;
    last = n;
    numbered++;
    const rest = r.slice(1);
    if (rest.some((t) => t.trim() !== '' && isFigure(t))) figures++;
    if (CODE_MARK.test(rest.join(' '))) code++;
  }
  return numbered >= LISTING_LINES && figures * 3 <= numbered && (rows[0]!.length === 2 || code * 2 >= numbered);
}
