import type { Block, CellSpan } from '@docmill/core';
import { tableBlock } from './aligned-table.js';
import { median, unionBox } from './geometry.js';
import type { Line } from './lines.js';
import { endsSentence, leaderAt } from './markers.js';

/**
 * A listing's entry: a name, a dot leader, a value ("Bermudian Springs . . . . .01110", "Abbeville ........ 01",
 * "Alexander ..... 27-002"): four dots or more (spaced or not, or ellipses) between a name with a letter and a
 * short value of letters, digits and dashes.
 */
const ENTRY = /^(\S.*?\p{L}.*?)[ \t]*(?:[.·…][ \t]?){4,}[ \t]*([\p{L}\p{N}][\p{L}\p{N}\-/]{0,15})$/u;

/** A code, not a page number: a leading zero ("01110", "07"), five digits or more, or digits joined by a dash or slash ("08-039"). */
const CODE = /^0\d|^\d{5,}$|\d[-/]\d/;

/** Fewest entries that make a listing a table. */
const MIN_ENTRIES = 3;
/** Share of a listing's values that must be codes (`CODE`): a table of contents' page numbers are not. */
const MIN_CODE_SHARE = 0.2;
/** …or the share of its steps from one entry to the next where the value goes up by exactly one. */
const MIN_STEP_SHARE = 0.8;
/** Most white space between two lines of one listing, in their font size. */
const MAX_GAP_EM = 2.5;
/** Longest group label between a listing's entries ("ALLEGHENY", "Bismarck"), in characters. */
const MAX_LABEL = 40;

function entryOf(l: Line): { label: string; value: string } | undefined {
  const m = ENTRY.exec(l.text.trim());
  return m && m[1] !== undefined && m[2] !== undefined ? { label: m[1].trim(), value: m[2] } : undefined;
}

/** A group label over a listing's entries: a short line with a letter, no leader (not an entry), not a sentence. */
function isLabel(l: Line): boolean {
  const t = l.text.trim();
  return t.length <= MAX_LABEL && /\p{L}/u.test(t) && !endsSentence(t);
}

/**
 * Listings of codes set with dot leaders, read as two-column tables: a region's lines of the form
 * "name . . . . . code" (`ENTRY`), at least `MIN_ENTRIES` of them one under the other (`MAX_GAP_EM`), with
 * group labels between them ("ADAMS" over its school districts) as rows spanning both columns, the label
 * just above the first entry included (in two pieces, it is the column heads). A table of contents is left
 * alone: the listing needs a share (`MIN_CODE_SHARE`) of codes among its values (`CODE`), which page numbers
 * are not, or values that go up by one from entry to entry (`MIN_STEP_SHARE`), which page numbers seldom do.
 * @param lines a region's lines in reading order
 * Returns the tables with the range of lines each one takes (`start` inclusive, `end` exclusive), in order.
 */
export function findLeaderTables(lines: readonly Line[]): Array<{ start: number; end: number; block: Block }> {
  const out: Array<{ start: number; end: number; block: Block }> = [];
  const near = (a: Line, b: Line): boolean => b.bbox[1] - a.bbox[3] <= MAX_GAP_EM * Math.max(a.fontSize, b.fontSize);
  // Note: each line's entry, once (a line is looked at as an entry, and as a label that is none).
  const entries = lines.map(entryOf);
  const label = (k: number): boolean => entries[k] === undefined && isLabel(lines[k]!);
  let i = 0;
  while (i < lines.length) {
    if (!entries[i]) { i++; continue; }
    const prevEnd = out.at(-1)?.end ?? 0;
    const start = i > prevEnd && label(i - 1) && near(lines[i - 1]!, lines[i]!) ? i - 1 : i;
    const rows: string[][] = [];
    const merged: CellSpan[] = [];
    let count = 0, codes = 0, steps = 0;
    let last: number | undefined;
    // Note: a label in two pieces is the listing's column heads ("COUNTY  CODE"), one over each column.
    const labelRow = (l: Line): void => {
      if (l.segments.length === 2) { rows.push(l.segments.map((f) => f.text.trim())); return; }
      merged.push({ row: rows.length, col: 0, rowSpan: 1, colSpan: 2 });
      rows.push([l.text.trim(), '']);
    };
    if (start < i) labelRow(lines[start]!);
    let k = i;
    while (k < lines.length) {
      const l = lines[k]!;
      if (k > start && !near(lines[k - 1]!, l)) break;
      const e = entries[k];
      if (e) {
        rows.push([e.label, e.value]);
        count++;
        if (CODE.test(e.value)) codes++;
        const n = /^\d{1,4}$/.test(e.value) ? Number(e.value) : undefined;
        if (n !== undefined && last !== undefined && n === last + 1) steps++;
        last = n;
        k++;
        continue;
      }
      const next = lines[k + 1];
      if (label(k) && next && entries[k + 1] && near(l, next)) { labelRow(l); k++; continue; }
      break;
    }
    // Note: numbers that go up by one from entry to entry are codes too (a second column "Dillon … 17", "Dorchester … 18").
    if (count >= MIN_ENTRIES && (codes >= MIN_CODE_SHARE * count || steps >= MIN_STEP_SHARE * (count - 1))) {
      const taken = lines.slice(start, k);
      out.push({
        start, end: k,
        block: { ...tableBlock(rows, merged, unionBox(taken.map((l) => l.bbox))), fontSize: median(taken.map((l) => l.fontSize)) },
      });
    }
    i = k;
  }
  return out;
}

/** A table of contents' entry ends in a page number, arabic or roman. */
const PAGE_END = /(?:^|\s)(\d{1,4}|[ivxlcdm]{1,7})$/i;
/** A section number opening an entry ("3.0.1 Analyse …", "5 Ergebnis"). */
const SECTION_START = /^\d+(?:\.\d+)*\.?\s+\S/u;

/**
 * Tables of contents set in columns among a region's lines: runs of three lines or more, each of two pieces or more,
 * that end in page numbers never going down, each with a dot leader or opening with a section number, two of them
 * with a leader at least. Their entries set in aligned columns (section numbers, titles with leaders, page numbers)
 * are not a table: the runs are kept from table detection and read as the contents' entries, their leaders kept as
 * printed (a contents list in one piece per line loses its leaders, see `unitContent`).
 * @param lines a region's lines in reading order
 * Returns the runs (`start` inclusive, `end` exclusive), in order.
 */
export function findContentsRuns(lines: readonly Line[]): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  // Each line's page number (-1 for a roman one), for lines of two pieces or more set in columns only: a table of
  // contents in one piece per line is no table's to take; and whether it holds a leader. Read once a line.
  const page = lines.map((l): number | undefined => {
    const m = l.segments.length >= 2 ? PAGE_END.exec(l.text.trim()) : null;
    return m ? (/^\d+$/.test(m[1]!) ? Number(m[1]) : -1) : undefined;
  });
  const leader = lines.map((l) => leaderAt(l.text.trim()) !== undefined);
  const entry = (k: number): boolean => page[k] !== undefined && (leader[k]! || SECTION_START.test(lines[k]!.text.trim()));
  let i = 0;
  while (i < lines.length) {
    if (!entry(i)) { i++; continue; }
    let j = i, last = 0, leaders = 0;
    // Note: an entry with neither leader nor number ("Quellen  7") belongs to the run when its page number ends where
    // the run's first one does (within 2 pt).
    const edge = lines[i]!.bbox[2];
    const flush = (k: number): boolean => page[k] !== undefined && Math.abs(lines[k]!.bbox[2] - edge) <= 2;
    while (j < lines.length && (entry(j) || flush(j))) {
      const n = page[j]!;
      if (n >= 0 && n < last) break;
      if (n >= 0) last = n;
      if (leader[j]) leaders++;
      j++;
    }
    if (j - i >= MIN_ENTRIES && leaders >= 2) {
      // So are such entries just above the run (the first chapters, "Definition Nichtwähler  3"), pages going up.
      let start = i, first = page[i]!;
      const prevEnd = out.at(-1)?.end ?? 0;
      while (start > prevEnd && flush(start - 1)) {
        const n = page[start - 1]!;
        if (n >= 0 && first >= 0 && n > first) break;
        if (n >= 0) first = n;
        start--;
      }
      out.push({ start, end: j });
    }
    i = Math.max(j, i + 1);
  }
  return out;
}
