import type { Block } from '@docmill/core';
import { median, unionBox } from './geometry.js';
import { splitFragment, type Fragment, type Line } from './lines.js';
import { listMarker } from './markers.js';
import type { ResolvedLayoutOptions } from './options.js';

type Interval = [number, number];

function gapsOf(line: Line): Interval[] {
  const out: Interval[] = [];
  const segs = [...line.segments].sort((a, b) => a.bbox[0] - b.bbox[0]);
  for (let i = 1; i < segs.length; i++) out.push([segs[i - 1]!.bbox[2], segs[i]!.bbox[0]]);
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
      if (!rest || rest.bbox[0] >= (g[0] + g[1]) / 2 || rest.bbox[2] <= (g[0] + g[1]) / 2) continue;
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
  return cells.map((c) => c.join(' ').trim());
}

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
 * first cell are allowed between them);
 * a list (markers in the first column) and prose side by side (long cells in every column) are refused.
 */
export function findAlignedTables(lines: readonly Line[], opts: ResolvedLayoutOptions, pitch: number): AlignedTable[] {
  const out: AlignedTable[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!;
    if (first.segments.length < 2) { i++; continue; }
    const em = first.fontSize;
    let gut = gapsOf(first).filter((g) => g[1] - g[0] >= 0.5 * em);
    let j = i + 1;
    let best: { end: number; gutters: Interval[] } | undefined;
    // Rows whose pieces run across one gutter that all the others keep free.
    const crossing = new Set<number>();
    while (j < lines.length && gut.length > 0) {
      const l = lines[j]!;
      const prev = lines[j - 1]!;
      if (pitch > 0 && l.bbox[1] - prev.bbox[3] > 2.5 * pitch) break;
      let tightened: Interval[];
      if (l.segments.length < 2) {
        // A label row ("Items that may be reclassified") inside a table: one piece, wholly in the first column.
        const g0 = gut[0];
        if (!g0 || l.bbox[2] > g0[1] - 0.5 * em) break;
        tightened = [[Math.max(g0[0], l.bbox[2]), g0[1]], ...gut.slice(1)];
      } else {
        // A gutter stays only where this row leaves it free too (intersection with the row's own gaps).
        const gaps = gapsOf(l);
        tightened = common(gut, gaps, 0.5 * em);
        const kept = gut.filter((g) => common([g], gaps, 0.5 * em).length > 0);
        // Note: one row in ten may run across one gutter (a long name overflowing into the next
        // column) once the run has three rows; the gutter stays as the other rows leave it.
        if (kept.length === gut.length - 1 && kept.length >= 1 && j - i >= 3 && crossing.size + 1 <= 0.1 * (j - i + 1) + 0.5) {
          crossing.add(j);
          tightened = gut.map((g) => (kept.includes(g) ? common([g], gaps, 0.5 * em)[0]! : g));
        }
      }
      if (tightened.length === 0) break;
      // Note: once the run has its rows, a row that closes gutters ends it (a footer line under the
      // table), rather than turning the whole run into a table of fewer columns.
      if (tightened.length < gut.length && j - i >= opts.tableMinRows) break;
      gut = tightened;
      j++;
      if (j - i >= opts.tableMinRows) best = { end: j, gutters: gut };
    }
    // Trailing label rows belong to what follows, not to the table.
    while (best && best.end - i > opts.tableMinRows && (lines[best.end - 1]!.segments.length < 2 || crossing.has(best.end - 1))) best = { ...best, end: best.end - 1 };
    if (best) {
      const rowsLines = lines.slice(i, best.end);
      const rows = rowsLines.map((l) => cellsOf(l, best!.gutters, opts));
      if (confident(rows)) {
        out.push({
          start: i, end: best.end,
          block: { type: 'table', text: rows.map((r) => r.join('\t')).join('\n'), rows, bbox: unionBox(rowsLines.map((l) => l.bbox)), fontSize: median(rowsLines.map((l) => l.fontSize)) },
        });
        i = best.end;
        continue;
      }
    }
    i++;
  }
  return out;
}

function confident(rows: string[][]): boolean {
  if (rows.length === 0) return false;
  const cols = rows[0]!.length;
  if (cols < 2) return false;
  // Most rows fill at least two cells; label rows (first cell only) are allowed in between.
  const full = rows.filter((r) => r.filter((c) => c !== '').length >= 2).length;
  if (full < 3 || full < 0.6 * rows.length) return false;
  if (rows.some((r) => r.filter((c) => c !== '').length === 1 && r[0] === '')) return false;
  // A list whose markers stand apart from the text.
  if (rows.every((r) => r[0] !== undefined && listMarker(`${r[0]} x`) !== undefined && r[0].length <= 4)) return false;
  // Prose side by side: every column's cells are long.
  const colLong = Array.from({ length: cols }, (_, c) => median(rows.map((r) => (r[c] ?? '').length)) > 30);
  if (colLong.every(Boolean)) return false;
  return true;
}
