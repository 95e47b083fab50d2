import type { BBox, Block, CellSpan, TextSpan } from '@docmill/core';
import { NUMERIC, tableBlock, withoutLeader } from './aligned-table.js';
import { median } from './geometry.js';
import { joinLines } from './hyphenation.js';
import { buildFragments, buildLines, mostlyRightToLeft } from './lines.js';
import { DOCUMENT_KIND } from './markers.js';
import type { ResolvedLayoutOptions } from './options.js';
import { splitRuledRow } from './ruled-rows.js';

interface Rule {
  kind: 'h' | 'v';
  at: number;
  from: number;
  to: number;
  box: BBox;
  /** How far up and down a vertical rule reaches for the horizontal rules it meets (`reach`). */
  reach?: [number, number];
}

const TOL = 2.5;

function classify(b: BBox): Rule | undefined {
  const w = b[2] - b[0], h = b[3] - b[1];
  if (h <= TOL && w > 3 * Math.max(h, 0.5)) return { kind: 'h', at: (b[1] + b[3]) / 2, from: b[0], to: b[2], box: b };
  if (w <= TOL && h > 3 * Math.max(w, 0.5)) return { kind: 'v', at: (b[0] + b[2]) / 2, from: b[1], to: b[3], box: b };
  return undefined;
}

/** A vertical rule as a line (its x and extent down the page), or undefined for any other box (`classify`). */
export function verticalRule(b: BBox): { x: number; y0: number; y1: number } | undefined {
  const r = classify(b);
  return r?.kind === 'v' ? { x: r.at, y0: r.from, y1: r.to } : undefined;
}

/** Distinct positions, merging those closer than the tolerance. */
function cluster(values: number[]): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of s) {
    const last = out[out.length - 1];
    if (last === undefined || v - last > TOL) out.push(v);
  }
  return out;
}

/**
 * How far a vertical rule may stop short of a horizontal one and still meet it: LaTeX's `booktabs`
 * leaves a few points of space above and below its rules, and column rules (`|`) stop there.
 */
const SNAP = 6;

function crosses(h: Rule, v: Rule): boolean {
  const [lo, hi] = v.reach ?? [v.from - TOL, v.to + TOL];
  return v.at >= h.from - TOL && v.at <= h.to + TOL && h.at >= lo && h.at <= hi;
}

/**
 * The rules with each row rule that meets a column rule run on through the pieces of rule meeting no column rule that
 * go on from its ends, on its line: a grid drawn cell by cell past its last column rule (a census table ruled in pieces
 * under every column, its column rules only between groups of columns, none at its right side) keeps its last columns.
 * Pieces that meet column rules of their own, or lie between two, are left alone (two grids side by side join only as
 * `findRuledTables` says). Only rules drawn count: a receipt ruled in pieces with no column rule drawn (its pieces' breaks read as columns later,
 * `columnBreakRows`) is left as drawn.
 */
function rowsRunOn(rules: readonly Rule[]): Rule[] {
  const vs = rules.filter((r) => r.kind === 'v');
  const meeting = new Set(rules.filter((r) => r.kind === 'h' && vs.some((v) => crosses(r, v))));
  // Note: only pieces beyond every column rule down through their line run a rule on; pieces between two (a row rule
  // drawn cell by cell between a table's sides, under a cell spanning rows) stay pieces.
  const outside = (h: Rule): boolean => {
    const xs = vs.filter((v) => h.at >= v.from - TOL && h.at <= v.to + TOL).map((v) => v.at);
    return xs.length > 0 && (h.from >= Math.max(...xs) - TOL || h.to <= Math.min(...xs) + TOL);
  };
  // The free pieces by the point their line is nearest (a piece on the line lies within a point of it).
  const near = new Map<number, Rule[]>();
  for (const f of rules) {
    if (f.kind !== 'h' || meeting.has(f) || !outside(f)) continue;
    const k = Math.round(f.at);
    const list = near.get(k);
    if (list) list.push(f); else near.set(k, [f]);
  }
  const used = new Set<Rule>();
  const out = rules.map((r) => {
    if (!meeting.has(r)) return r;
    const h = { ...r, box: [...r.box] as BBox };
    const line = [-2, -1, 0, 1, 2].flatMap((d) => near.get(Math.round(h.at) + d) ?? []);
    for (let grown = true; grown;) {
      grown = false;
      for (const f of line) {
        if (used.has(f) || Math.abs(f.at - h.at) > TOL / 2) continue;
        if (f.from <= h.to + TOL && f.to > h.to) { h.to = f.to; h.box[2] = Math.max(h.box[2], f.box[2]); used.add(f); grown = true; }
        else if (f.to >= h.from - TOL && f.from < h.from) { h.from = f.from; h.box[0] = Math.min(h.box[0], f.box[0]); used.add(f); grown = true; }
      }
    }
    return h;
  });
  return out.filter((r) => !used.has(r));
}

/**
 * The vertical rules with how far they reach: an end that meets no horizontal rule reaches `SNAP`
 * further (a column rule stopping short of `booktabs`' rules), an end that meets one reaches no further
 * (a box's side ending at its own bottom does not join a table just under the box).
 */
function reach(rules: readonly Rule[]): Rule[] {
  const hs = rules.filter((r) => r.kind === 'h');
  const meets = (v: Rule, y: number): boolean => hs.some((h) => Math.abs(h.at - y) <= TOL && v.at >= h.from - TOL && v.at <= h.to + TOL);
  return rules.map((r) => (r.kind === 'v' ? { ...r, reach: [r.from - (meets(r, r.from) ? TOL : SNAP), r.to + (meets(r, r.to) ? TOL : SNAP)] } : r));
}

/**
 * The rules with vertical rules drawn in pieces (one per row) joined where the pieces meet, or where
 * only the space around a horizontal rule crossing there (up to twice `SNAP`) parts them. Pieces of one
 * rule lie on one x (to `SAME_X`): a box's side next to a frame's is another rule.
 */
function joinVertical(rules: readonly Rule[]): Rule[] {
  const hs = rules.filter((r) => r.kind === 'h');
  const ruledGap = (x: number, lo: number, hi: number): boolean =>
    hi - lo <= 2 * SNAP && hs.some((h) => h.at >= lo - TOL && h.at <= hi + TOL && x >= h.from - TOL && x <= h.to + TOL);
  const at = (x: number, y: number): Rule | undefined => hs.find((h) => Math.abs(h.at - y) <= TOL && x >= h.from - TOL && x <= h.to + TOL);
  // Note: two boxes stacked a little apart (a newsletter's framed articles, one under the other) are not one rule
  // broken around a row's: each piece is a few lines tall (`BOX_SIDE_MIN`) and ends on a rule of its own, the two
  // more than the tolerance apart and of other widths (a grid's rows are ruled across the same columns).
  const boxes = (x: number, upper: Rule, lower: Rule): boolean => {
    const a = at(x, upper.to), b = at(x, lower.from);
    if (!a || !b || b.at - a.at <= TOL || upper.to - upper.from < BOX_SIDE_MIN || lower.to - lower.from < BOX_SIDE_MIN) return false;
    return Math.abs(a.from - b.from) > TOL || Math.abs(a.to - b.to) > TOL;
  };
  const out: Rule[] = [];
  for (const v of rules.filter((r) => r.kind === 'v').sort((a, b) => a.from - b.from)) {
    const cur = out.find((o) => Math.abs(o.at - v.at) <= SAME_X && (v.from <= o.to + TOL || (ruledGap(v.at, o.to, v.from) && !boxes(v.at, o, v))));
    if (cur) {
      cur.to = Math.max(cur.to, v.to);
      cur.box = [Math.min(cur.box[0], v.box[0]), cur.box[1], Math.max(cur.box[2], v.box[2]), Math.max(cur.box[3], v.box[3])];
    } else out.push({ ...v, box: [...v.box] as BBox });
  }
  return [...hs, ...out];
}

const SAME_X = 0.5;

/** Rules grouped by where they lie (`at`): each within `tol` of its group's first, the groups in the order they start. */
function groupedAt(rules: readonly Rule[], tol: number): Map<number, Rule[]> {
  const out = new Map<number, Rule[]>();
  for (const r of rules) {
    const key = [...out.keys()].find((k) => Math.abs(k - r.at) <= tol) ?? r.at;
    const list = out.get(key);
    if (list) list.push(r); else out.set(key, [r]);
  }
  return out;
}

/** Whether row rules (pieces of one line, as drawn cell by cell) cover x0 to x1 with no break wider than `TOL`. */
function ruledAcross(pieces: readonly Rule[], x0: number, x1: number): boolean {
  let reach = x0 + TOL;
  for (const h of [...pieces].sort((a, b) => a.from - b.from)) if (h.from <= reach) reach = Math.max(reach, h.to + TOL);
  return reach >= x1;
}

/** Fewest column rules breaking at one height for the height to be a row line (`columnBreakRows`). */
const BREAK_COLUMNS = 3;

/**
 * Row lines that a grid draws no rule for but marks by drawing its column rules row by row (an invoice's item rows,
 * each drawing its own cells' sides, one under the other): a height where `BREAK_COLUMNS` column rules or more, at as
 * many x, end and go on (the next piece starting there), no column rule between them runs on through it, no row rule
 * lies there, a row rule runs across them where they start, and the first line under it fills two columns or more.
 * Each becomes a row rule from the leftmost of them to the rightmost.
 * Note: LaTeX draws its column rules row by row too, a cell's lines set as rows of their own with no rule between them
 * ("Add convolutional and pooling layers" over "Add batch normalization" beside one accuracy): a line in one column
 * goes on with the row above.
 */
function columnBreakRows(rules: readonly Rule[], spans: readonly TextSpan[]): Rule[] {
  const vs = rules.filter((r) => r.kind === 'v'), hs = rules.filter((r) => r.kind === 'h');
  const byX = groupedAt(vs, SAME_X);
  const breaks: Array<{ y: number; xs: number[] }> = [];
  for (const [x, pieces] of byX) {
    const ps = [...pieces].sort((a, b) => a.from - b.from);
    for (let k = 1; k < ps.length; k++) {
      if (Math.abs(ps[k]!.from - ps[k - 1]!.to) > SAME_X) continue;
      const y = ps[k]!.from;
      const at = breaks.find((b) => Math.abs(b.y - y) <= TOL);
      if (at) at.xs.push(x); else breaks.push({ y, xs: [x] });
    }
  }
  // Note: only in a grid ruled across its top, where its column rules start: column rules alone drawn row by row
  // beside a statement's labels (Apple's 10-Q, its figure columns parted by bars) make no grid of their own. Breaks at
  // one height in two grids side by side are each grid's own.
  const tops = new Map([...byX].map(([x, pieces]) => [x, Math.min(...pieces.map((v) => v.from))]));
  const top = (x: number): number => tops.get(x) ?? Infinity;
  const grids: Array<{ y: number; xs: number[] }> = [];
  for (const { y, xs } of breaks) {
    let run: number[] = [];
    for (const x of [...xs].sort((a, b) => a - b)) {
      const prev = run[run.length - 1];
      if (prev !== undefined && !ruledAcross(hs.filter((h) => Math.abs(h.at - Math.min(top(prev), top(x))) <= TOL), prev, x)) { grids.push({ y, xs: run }); run = []; }
      run.push(x);
    }
    if (run.length) grids.push({ y, xs: run });
  }
  const out: Rule[] = [];
  for (const { y, xs } of grids) {
    if (xs.length < BREAK_COLUMNS) continue;
    const x0 = Math.min(...xs), x1 = Math.max(...xs);
    if (!ruledAcross(hs.filter((h) => Math.abs(h.at - Math.min(...xs.map(top))) <= TOL), x0, x1)) continue;
    if (vs.some((v) => v.at > x0 - SAME_X && v.at < x1 + SAME_X && v.from < y - TOL && v.to > y + TOL)) continue;
    if (hs.some((h) => Math.abs(h.at - y) <= TOL && h.from <= x1 && h.to >= x0)) continue;
    const below = spans.filter((sp) => /\S/u.test(sp.text) && (sp.bbox[1] + sp.bbox[3]) / 2 > y && sp.bbox[0] >= x0 - TOL && sp.bbox[2] <= x1 + TOL);
    const first = linesByMiddle(below)[0] ?? [];
    const edges = [...new Set(xs)].sort((a, b) => a - b);
    if (columnsFilled(first, edges) < 2) continue;
    out.push({ kind: 'h', at: y, from: x0, to: x1, box: [x0, y, x1, y] });
    // Note: where no row rule lies under it at all, the rows' own column rules end where the last row does (a grid of
    // cells each drawn on its own, no rule under its last row): that is the grid's foot.
    const end = Math.max(...xs.flatMap((x) => (byX.get(x) ?? []).map((v) => v.to)));
    if (!hs.some((h) => h.at > y + TOL && h.from <= x1 && h.to >= x0) && !out.some((h) => Math.abs(h.at - end) <= TOL)) {
      out.push({ kind: 'h', at: end, from: x0, to: x1, box: [x0, end, x1, end] });
    }
  }
  return out;
}

/** Shortest side (pt) of a box that `joinVertical` keeps apart from a box under it: a few lines of text. */
const BOX_SIDE_MIN = 36;

/** Row rules meeting end to end that join two grids into one (see `findRuledTables`). */
const JOINED_ROW_LINES = 3;

/** Widest break between two cells' borders on one horizontal line (a rule drawn cell by cell). */
const BORDER_BREAK = 4;

/** Fewest lines of borders meeting end to end that make a grid with a header row over them (`cellBorderColumns`). */
const MEETING_MIN_LINES = 2;

/** Fewest pieces meeting end to end on one line for the meetings to be cell borders (`bordersMeeting`). */
const MIN_MEETING_PIECES = 3;

/**
 * Where the pieces of one horizontal line meet end to end without a break: each cell of an HTML table
 * drawing its own border (a browser's or wkhtmltopdf's print of an invoice's item rows), sometimes with a
 * whole-width stroke over them. Needs `MIN_MEETING_PIECES` pieces meeting in a chain from the line's left end
 * (a rule drawn in two strokes meets once); any other piece must lie over the chain.
 * @param ps the line's pieces, left to right
 */
function bordersMeeting(ps: readonly Rule[]): number[] {
  const left = Math.min(...ps.map((p) => p.from));
  const chain = [ps.filter((p) => p.from - left <= 0.5).reduce((a, b) => (b.to < a.to ? b : a))];
  for (;;) {
    const last = chain[chain.length - 1]!;
    const next = ps.find((p) => !chain.includes(p) && Math.abs(p.from - last.to) <= 0.5);
    if (!next) break;
    chain.push(next);
  }
  const x0 = chain[0]!.from, x1 = chain[chain.length - 1]!.to;
  if (chain.length < MIN_MEETING_PIECES || ps.some((p) => !chain.includes(p) && (p.from < x0 - TOL || p.to > x1 + TOL))) return [];
  return chain.slice(1).map((p) => p.from);
}

/**
 * The outer line of a row set over a cell-border grid's first line or under its last one with no border there (each row
 * drawing only its bottom border, the header's too, or only its top one): the spans whose middles lie within one row
 * pitch (the median distance between the grid's lines) outside that line, inside the grid's sides, in two of its columns
 * or more, none running across an edge (`runsAcross`), and none reaching further out than a pitch. Undefined when there
 * is no such row.
 * @param ys the grid's lines, top to bottom
 * @param edges its column edges, left to right
 * @param side which end of the grid to look past
 */
function openRow(ys: readonly number[], edges: readonly number[], spans: readonly TextSpan[], side: 'top' | 'bottom'): number | undefined {
  const pitch = median(ys.slice(1).map((y, k) => y - ys[k]!));
  const x0 = edges[0]!, x1 = edges[edges.length - 1]!;
  const [lo, hi] = side === 'bottom' ? [ys[ys.length - 1]!, ys[ys.length - 1]! + pitch] : [ys[0]! - pitch, ys[0]!];
  const row = spans.filter((s) => {
    const cy = (s.bbox[1] + s.bbox[3]) / 2, cx = (s.bbox[0] + s.bbox[2]) / 2;
    return /\S/u.test(s.text) && cy > lo && cy < hi && cx > x0 && cx < x1;
  });
  if (!row.length || row.some((s) => s.bbox[3] > lo + pitch + TOL || s.bbox[1] < hi - pitch - TOL || edges.slice(1, -1).some((x) => runsAcross(s, x)))) return undefined;
  if (columnsFilled(row, edges) < 2) return undefined;
  return side === 'bottom' ? Math.max(...row.map((s) => s.bbox[3])) + 1 : Math.min(...row.map((s) => s.bbox[1])) - 1;
}

/**
 * How many lines of text between two row lines fill two columns or more (`linesByMiddle`): one for a row of cells,
 * more for several rows between two rules.
 */
function rowsBetween(top: number, bottom: number, edges: readonly number[], spans: readonly TextSpan[]): number {
  const inside = spans.filter((s) => /\S/u.test(s.text) && (s.bbox[1] + s.bbox[3]) / 2 > top && (s.bbox[1] + s.bbox[3]) / 2 < bottom);
  return linesByMiddle(inside).filter((line) => columnsFilled(line, edges) >= 2).length;
}

/** How many columns (between column edges, left to right) the spans' middles fall in (`columnOf`). */
function columnsFilled(spans: readonly TextSpan[], edges: readonly number[]): number {
  return new Set(spans.map((s) => columnOf(s, edges))).size;
}

/** The column of a span by its middle among column edges (left to right): the index of the first edge right of it. */
function columnOf(s: TextSpan, edges: readonly number[]): number {
  return edges.findIndex((x) => (s.bbox[0] + s.bbox[2]) / 2 < x);
}

/** Spans as lines, top to bottom, by their middles: a span more than half its em under a line's first one starts the next. */
function linesByMiddle(spans: readonly TextSpan[]): TextSpan[][] {
  const lines: TextSpan[][] = [];
  let first = -Infinity;
  for (const s of [...spans].sort((a, b) => a.bbox[1] + a.bbox[3] - b.bbox[1] - b.bbox[3])) {
    const y = (s.bbox[1] + s.bbox[3]) / 2;
    if (y - first > 0.5 * s.fontSize) { lines.push([s]); first = y; } else lines[lines.length - 1]!.push(s);
  }
  return lines;
}

/**
 * Whether a span's text runs on across x, as a cell spanning columns does: it straddles x, and either
 * `cutAtColumnRules` would not cut it there or the cut would part two words of prose (lower-case letters on
 * both sides). Figures and heads chained into one span ("0.00 15.00%", "Disc.% Taxes") are cut, not spanning.
 */
function runsAcross(s: TextSpan, x: number): boolean {
  if (s.bbox[0] >= x - TOL || s.bbox[2] <= x + TOL) return false;
  const rule: Rule = { kind: 'v', at: x, from: s.bbox[1], to: s.bbox[3], box: [x, s.bbox[1], x, s.bbox[3]] };
  const parts = cutAtColumnRules(s, [rule], [s.bbox[0] - 1, x, s.bbox[2] + 1]);
  return parts.length < 2 || (/\p{Ll}$/u.test(parts[0]!.text) && /^\p{Ll}/u.test(parts[1]!.text));
}

/** Fewest whole row rules, alike in their ends, that make a table ruled between its rows only (`rowRuleColumns`). */
const ROW_RULES_MIN = 4;

/** Lines a cell of half the rows holds at least, for `rowRuleColumns`: paragraphs in cells. */
const ROW_RULE_CELL_LINES = 2;

/** Share of its rows a table ruled between its rows keys by one line in its first column (`rowRuleColumns`). */
const ROW_RULE_KEYED = 0.8;

/** Narrowest white gutter between a table's columns of text, in its type's ems (`rowRuleColumns`). */
const ROW_RULE_GUTTER_EM = 1;

/** White gaps between spans, left to right, as [from, to]: x ranges at least `min` wide that no span covers. */
function whiteGaps(spans: readonly TextSpan[], min: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const cover = spans.map((t) => [t.bbox[0], t.bbox[2]] as const).sort((a, b) => a[0] - b[0]);
  let reach = cover[0]?.[1] ?? 0;
  for (const [a, b] of cover.slice(1)) {
    if (a - reach >= min) out.push([reach, a]);
    reach = Math.max(reach, b);
  }
  return out;
}

/** The x ranges, at least `min` wide, that two thirds of the rows or more leave white (each row's `whiteGaps` given). */
function commonGaps(rows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, min: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const xs = [...new Set(rows.flatMap((r) => r.flatMap(([a, b]) => [a, b])))].sort((a, b) => a - b);
  for (let k = 0; k + 1 < xs.length; k++) {
    const mid = (xs[k]! + xs[k + 1]!) / 2;
    if (rows.filter((r) => r.some(([a, b]) => a <= mid && mid <= b)).length < (2 / 3) * rows.length) continue;
    const last = out[out.length - 1];
    if (last && last[1] === xs[k]) last[1] = xs[k + 1]!; else out.push([xs[k]!, xs[k + 1]!]);
  }
  return out.filter(([a, b]) => b - a >= min);
}

/** Most unruled rows over a table ruled between its rows (`rowsAbove`): its header and its first row. */
const ROWS_ABOVE = 2;

/** Largest white space between the lines of one row, in points (`rowsAbove`). */
const ROW_LINE_GAP = 2;

/**
 * The unruled rows right over the first rule of a table ruled between its rows, each drawing only its bottom border, or
 * none at all (a header band in colour over the first item): up to `ROWS_ABOVE` stretches of text, the lines of each
 * `ROW_LINE_GAP` apart at most, the first an em or less over the rule and each an em or less over the next, each in two
 * columns or more, none running across a column edge, none taller than the table's tallest row. Returns the heights of
 * rules over each, top one last.
 * @param y0 the first rule
 * @param edges the column edges, left to right
 * @param spans all the page's spans
 * @param tallest the height of the table's tallest ruled row
 * @param em the table's type size
 */
function rowsAbove(y0: number, edges: readonly number[], spans: readonly TextSpan[], tallest: number, em: number): number[] {
  const x0 = edges[0]!, x1 = edges[edges.length - 1]!;
  const near = spans.filter((t) => /\S/u.test(t.text) && t.bbox[3] <= y0 + TOL && t.bbox[1] >= y0 - ROWS_ABOVE * tallest - 2 * em
    && (t.bbox[0] + t.bbox[2]) / 2 > x0 && (t.bbox[0] + t.bbox[2]) / 2 < x1).sort((a, b) => b.bbox[3] - a.bbox[3]);
  const out: number[] = [];
  let floor = y0;
  let k = 0;
  while (out.length < ROWS_ABOVE && k < near.length) {
    if (floor - near[k]!.bbox[3] > em) break;
    const row: TextSpan[] = [];
    let top = near[k]!.bbox[1];
    while (k < near.length && near[k]!.bbox[3] >= top - ROW_LINE_GAP) { row.push(near[k]!); top = Math.min(top, near[k]!.bbox[1]); k++; }
    if (columnsFilled(row, edges) < 2 || Math.max(...row.map((t) => t.bbox[3])) - top > tallest + TOL || row.some((t) => edges.slice(1, -1).some((x) => runsAcross(t, x)))) break;
    out.push(top - 1);
    floor = top;
  }
  return out;
}

/**
 * Column edges of a table ruled between its rows only, each row rule drawn whole from side to side (a Word table with
 * horizontal borders only: "Paquete Básico | L-V 4 h/sem. Servicio de acompañamiento… | 200,00 €" between rules): a
 * stack of `ROW_RULES_MIN` such rules or more, with the same ends and no column rule crossing them, whose text between
 * the first and the last leaves white gutters (`ROW_RULE_GUTTER_EM`) in two thirds of its rows or more (a long name may
 * run on to the next column's text), with text in two columns or more between half the pairs of rules or more and, in
 * half of them, a cell of `ROW_RULE_CELL_LINES` lines or more beside one of half as many at most (a paragraph in a row),
 * and a first column of one line in `ROW_RULE_KEYED` of them (the row's name). Its sides and gutters (just right of the
 * text before each: a header wider than its column's figures starts further left) become column rules from the first
 * rule to the last; unruled rows over the first rule (`rowsAbove`) get rules over them. A row of one line in one piece,
 * or of none, parts the stack in two tables (`rowRuleTable` judges each).
 */
function rowRuleColumns(rules: readonly Rule[], spans: readonly TextSpan[]): Rule[] {
  const vs = rules.filter((r) => r.kind === 'v');
  const whole = rules.filter((r) => r.kind === 'h' && !vs.some((v) => crosses(r, v)));
  const out: Rule[] = [];
  const used = new Set<Rule>();
  for (const r of whole) {
    if (used.has(r)) continue;
    const stack = whole.filter((o) => !used.has(o) && Math.abs(o.from - r.from) <= TOL && Math.abs(o.to - r.to) <= TOL).sort((a, b) => a.at - b.at);
    const ys = cluster(stack.map((o) => o.at));
    for (const o of stack) used.add(o);
    if (ys.length < ROW_RULES_MIN) continue;
    const x0 = Math.min(...stack.map((o) => o.from)), x1 = Math.max(...stack.map((o) => o.to));
    const within = spans.filter((t) => /\S/u.test(t.text) && t.bbox[0] >= x0 - TOL && t.bbox[2] <= x1 + TOL);
    const em = median(within.map((t) => t.fontSize)) || 10;
    // The text between each pair of rules, by its middle.
    const bands = ys.slice(1).map((b, k) => within.filter((t) => (t.bbox[1] + t.bbox[3]) / 2 > ys[k]! && (t.bbox[1] + t.bbox[3]) / 2 < b));
    // Note: a row of one line in one piece (a title between two tables ruled alike, "Lista delle relazioni") or of none
    // parts the stack: the tables on either side have their own columns.
    let first = 0;
    for (let k = 1; k < ys.length; k++) {
      const band = bands[k - 1]!;
      if (!band.length || (linesByMiddle(band).length <= 1 && !whiteGaps(band, ROW_RULE_GUTTER_EM * em).length)) {
        out.push(...rowRuleTable(ys.slice(first, k), bands.slice(first, k - 1), x0, x1, within, spans));
        first = k;
      }
    }
    out.push(...rowRuleTable(ys.slice(first), bands.slice(first), x0, x1, within, spans));
  }
  return out;
}

/**
 * The column rules of one table ruled between its rows (`rowRuleColumns`), or none.
 * @param ys its row rules, top to bottom
 * @param bands the text between each pair of them, top to bottom
 * @param x0 their left end
 * @param x1 their right end
 * @param within the page's spans between those ends
 * @param spans all the page's spans
 */
function rowRuleTable(ys: readonly number[], bands: ReadonlyArray<readonly TextSpan[]>, x0: number, x1: number, within: readonly TextSpan[], spans: readonly TextSpan[]): Rule[] {
  if (ys.length < ROW_RULES_MIN) return [];
  const y0 = ys[0]!, y1 = ys[ys.length - 1]!;
  const inside = within.filter((t) => (t.bbox[1] + t.bbox[3]) / 2 > y0 && (t.bbox[1] + t.bbox[3]) / 2 < y1);
  if (!inside.length) return [];
  const gap = ROW_RULE_GUTTER_EM * (median(inside.map((t) => t.fontSize)) || 10);
  // Each row's white gaps; a gutter is where most rows have one (a long name may run to the next column's text).
  const gutters = commonGaps(bands.map((band) => whiteGaps(band, gap)), gap / 2).map(([a]) => a + 1);
  if (!gutters.length) return [];
  const edges = [x0, ...gutters, x1];
  if (bands.filter((band) => columnsFilled(band, edges) >= 2).length < 0.5 * bands.length) return [];
  // Note: rows of a line or two each are read as an aligned table already (an invoice ruled under each item, its names
  // wrapping once); this finds rows whose cells hold paragraphs, which reading order took for columns of text: a
  // paragraph beside a cell of a line or two, not lines of rows side by side (an invoice's items between two rules).
  const wraps = (band: readonly TextSpan[]): boolean => {
    const counts = edges.slice(1).map((_, e) => linesByMiddle(band.filter((t) => columnOf(t, edges) === e + 1)).length).filter((c) => c > 0);
    return Math.max(...counts) >= ROW_RULE_CELL_LINES && Math.min(...counts) <= Math.max(...counts) / 2;
  };
  if (bands.filter(wraps).length < 0.5 * bands.length) return [];
  // Note: and each row is keyed by a line in its first column (a name, an item): rules parting a letter's sections
  // (an invoice's seller, buyer and payment blocks, each a few lines in two columns) key nothing.
  const keyed = bands.filter((band) => linesByMiddle(band.filter((t) => columnOf(t, edges) === 1)).length === 1).length;
  if (keyed < ROW_RULE_KEYED * bands.length) return [];
  const tallest = Math.max(...ys.slice(1).map((b, k) => b - ys[k]!));
  const above = rowsAbove(y0, edges, spans, tallest, gap);
  const from = above.length ? Math.min(...above) : y0;
  return [
    ...above.map((y): Rule => ({ kind: 'h', at: y, from: x0, to: x1, box: [x0, y, x1, y] })),
    ...edges.map((x): Rule => ({ kind: 'v', at: x, from, to: y1, box: [x, from, x, y1] })),
  ];
}

/**
 * Column edges of a table ruled between its rows only, whose row rules are drawn cell by cell: three
 * horizontal lines or more made of pieces with the same small breaks between them (under `BORDER_BREAK`)
 * and the same ends. Each break and each end becomes a vertical rule from the first such line to the
 * last. Lines of one piece, with breaks elsewhere, or crossed by a vertical rule give none.
 * Pieces meeting end to end count as broken where they meet (`bordersMeeting`) when the lines part the rows one by one
 * (`rowsBetween`); such a grid also takes an unbordered row over its first line or under its last (`openRow`), and its
 * inner edges stop at the rows whose text runs across them (a cell spanning columns, `runsAcross`).
 */
function cellBorderColumns(rules: readonly Rule[], spans: readonly TextSpan[]): Rule[] {
  const vs = rules.filter((r) => r.kind === 'v');
  // Note: lines that a drawn column rule crosses belong to a grid that has its columns already.
  const byY = groupedAt(rules.filter((r) => r.kind === 'h' && !vs.some((v) => crosses(r, v))), TOL);
  // Each line as its ends and breaks, left to right.
  const lines: Array<{ y: number; edges: number[]; meeting: boolean }> = [];
  for (const [y, pieces] of byY) {
    const ps = [...pieces].sort((a, b) => a.from - b.from);
    if (ps.length < 2) continue;
    const edges = [ps[0]!.from];
    let ok = true;
    for (let k = 1; k < ps.length; k++) {
      const gap = ps[k]!.from - ps[k - 1]!.to;
      if (gap > BORDER_BREAK) { ok = false; break; }
      // Note: pieces that touch or overlap are one rule drawn in two strokes, not a break.
      if (gap > 0.5) edges.push((ps[k - 1]!.to + ps[k]!.from) / 2);
    }
    const meeting = edges.length === 1;
    if (meeting) edges.push(...bordersMeeting(ps));
    edges.push(Math.max(...ps.map((p) => p.to)));
    if (ok && edges.length >= 3) lines.push({ y, edges, meeting });
  }
  const same = (a: number[], b: number[]): boolean => a.length === b.length && a.every((x, k) => Math.abs(x - b[k]!) <= TOL);
  const out: Rule[] = [];
  const used = new Set<number>();
  lines.forEach((l, i) => {
    if (used.has(i)) return;
    const group = lines.filter((m, j) => !used.has(j) && m.meeting === l.meeting && same(m.edges, l.edges));
    // Note: two lines of borders meeting end to end do too, under a header row over the first (`openRow`): an invoice of
    // one item ("# DESCRIPCIÓN CANT PRECIO TOTAL" over "1 Camaras de seguridad 1 250,998.00 250,998.00").
    if (group.length < (l.meeting ? MEETING_MIN_LINES : 3)) return;
    lines.forEach((m, j) => { if (group.includes(m)) used.add(j); });
    const ys = group.map((m) => m.y).sort((a, b) => a - b);
    if (!l.meeting) {
      for (const x of l.edges) out.push({ kind: 'v', at: x, from: ys[0]!, to: ys[ys.length - 1]!, box: [x, ys[0]!, x, ys[ys.length - 1]!] });
      return;
    }
    // Note: borders meeting end to end are cells' own borders when they part the rows one by one; lines drawn only
    // under a report's group heads and totals, several rows of figures apart, are no grid.
    if (ys.slice(1).some((b, k) => rowsBetween(ys[k]!, b, l.edges, spans) > 1)) return;
    // Note: up to two rows over the first line (the header and the first row, each drawing only its bottom border),
    // one under the last.
    // Rows going on over those, unbordered, are a table the lines only underline here and there (a report's totals).
    const open: number[] = [];
    for (let k = 0, y = openRow(ys, l.edges, spans, 'top'); y !== undefined; y = ++k < 2 ? openRow(ys, l.edges, spans, 'top') : undefined) {
      ys.unshift(y); open.push(y);
    }
    if (open.length === 2 && openRow(ys, l.edges, spans, 'top') !== undefined) return;
    if (group.length < 3 && !open.length) return;
    const last = openRow(ys, l.edges, spans, 'bottom');
    if (last !== undefined) { ys.push(last); open.push(last); }
    for (const y of open) out.push({ kind: 'h', at: y, from: l.edges[0]!, to: l.edges[l.edges.length - 1]!, box: [l.edges[0]!, y, l.edges[l.edges.length - 1]!, y] });
    const y0 = ys[0]!, y1 = ys[ys.length - 1]!;
    l.edges.forEach((x, e) => {
      if (e === 0 || e === l.edges.length - 1) { out.push({ kind: 'v', at: x, from: y0, to: y1, box: [x, y0, x, y1] }); return; }
      // Note: a row whose text runs across an edge is a cell spanning columns (a note under an item, a subtotal):
      // no edge there.
      for (let k = 0; k + 1 < ys.length; k++) {
        const [a, b] = [ys[k]!, ys[k + 1]!];
        if (spans.some((s) => (s.bbox[1] + s.bbox[3]) / 2 > a && (s.bbox[1] + s.bbox[3]) / 2 < b && runsAcross(s, x))) continue;
        out.push({ kind: 'v', at: x, from: a, to: b, box: [x, a, x, b] });
      }
    });
  });
  return out;
}

/**
 * A grid's column edges with its outer edges added where its horizontal rules run on past its
 * outermost vertical rules (a table with column rules inside but no frame at the sides): two
 * horizontal rules or more reaching out to the same place, more than an em's worth (`OPEN_SIDE`) out.
 */
function sideEdges(comp: readonly Rule[], xs: number[]): number[] {
  if (!xs.length) return xs;
  const hs = comp.filter((r) => r.kind === 'h');
  const out = [...xs];
  const left = cluster(hs.map((h) => h.from)).filter((x) => x < xs[0]! - OPEN_SIDE && hs.filter((h) => Math.abs(h.from - x) <= TOL).length >= 2);
  const right = cluster(hs.map((h) => h.to)).filter((x) => x > xs[xs.length - 1]! + OPEN_SIDE && hs.filter((h) => Math.abs(h.to - x) <= TOL).length >= 2);
  if (left.length) out.unshift(left[0]!);
  if (right.length) out.push(right[right.length - 1]!);
  return out;
}

const OPEN_SIDE = 10;

/**
 * A form framed whole as its grids: a frame ruled into bands (a header box, a box of addresses, the item grid, a box
 * of totals, one frame around them all), where the rules running the frame's whole width that no column rule crosses
 * part it, and two bands or more are boxes of free text (no column rule running their whole height, and two lines
 * or more running across where the grids' column rules are).
 * Only the bands that are grids (a column rule runs their whole height) are tables, each on its own; the boxes of
 * text are read as text. A table with rows spanning its columns ("Best practice scenario" between two runs of
 * figures), or with a body of aligned lines under a ruled header, is one grid, as before.
 */
function bands(comp: Rule[], spans: readonly TextSpan[]): Rule[][] {
  const hs = comp.filter((r) => r.kind === 'h'), vs = comp.filter((r) => r.kind === 'v');
  const left = Math.min(...comp.map((r) => (r.kind === 'v' ? r.at : r.from)));
  const right = Math.max(...comp.map((r) => (r.kind === 'v' ? r.at : r.to)));
  const inner = (v: Rule): boolean => v.at > left + TOL && v.at < right - TOL;
  const crossed = (y: number): boolean => vs.some((v) => inner(v) && v.from < y - TOL && v.to > y + TOL);
  const ys = cluster(hs.map((h) => h.at));
  const top = ys[0]!, bottom = ys[ys.length - 1]!;
  const cuts = cluster(hs.filter((h) => h.from <= left + TOL && h.to >= right - TOL && h.at > top + TOL && h.at < bottom - TOL && !crossed(h.at)).map((h) => h.at));
  if (!cuts.length) return [comp];
  const edges = [top, ...cuts, bottom];
  const grids: Rule[][] = [];
  const open: BBox[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const lo = edges[k]!, hi = edges[k + 1]!;
    const bh = hs.filter((h) => h.at >= lo - TOL && h.at <= hi + TOL);
    const bv = vs.filter((v) => v.to > lo + TOL && v.from < hi - TOL).map((v): Rule => {
      const from = Math.max(v.from, lo), to = Math.min(v.to, hi);
      return { ...v, from, to, box: [v.box[0], from, v.box[2], to], reach: [Math.max(v.reach?.[0] ?? from - TOL, lo - TOL), Math.min(v.reach?.[1] ?? to + TOL, hi + TOL)] };
    });
    if (bv.some((v) => inner(v) && v.from <= lo + SNAP && v.to >= hi - SNAP)) grids.push([...bh, ...bv]);
    else open.push([left, lo, right, hi]);
  }
  // Note: the lines of a box of free text run across where the grids' columns are; the body of a table ruled
  // only round its header (its lines set in the header's columns) does not.
  const columns = grids.flatMap((g) => g.filter((r) => r.kind === 'v' && inner(r)).map((r) => r.at));
  const boxes = open.filter((b) => linesAcross(spans, b, columns) >= 2).length;
  return boxes >= 2 ? grids : [comp];
}

/** How many lines of text inside a box (`linesByMiddle`) run across one of the xs. */
function linesAcross(spans: readonly TextSpan[], box: BBox, xs: readonly number[]): number {
  return linesByMiddle(spans.filter((s) => {
    const cx = (s.bbox[0] + s.bbox[2]) / 2, cy = (s.bbox[1] + s.bbox[3]) / 2;
    return /\S/.test(s.text) && cx > box[0] && cx < box[2] && cy > box[1] && cy < box[3] && xs.some((x) => s.bbox[0] < x - TOL && s.bbox[2] > x + TOL);
  })).length;
}

/**
 * A frame drawn round the whole page (a spreadsheet printed with its page border): four rules meeting at its corners
 * round every line of text on the page, over half the page's height, with column rules inside it but none reaching its
 * top or its bottom. It is no table's border: the grids inside it are tables of their own and the text between them is
 * text. (A form's boxes stacked into one frame, a band each, are not half a page tall.)
 */
function pageFrame(rs: readonly Rule[], spans: readonly TextSpan[], pageHeight: number): Rule[] | undefined {
  // Note: bounds by a loop, not a spread: a page may hold more spans than a call takes arguments.
  let top = Infinity, bottom = -Infinity, left = Infinity, right = -Infinity;
  for (const s of spans) {
    if (!/\S/.test(s.text)) continue;
    top = Math.min(top, s.bbox[1]); bottom = Math.max(bottom, s.bbox[3]);
    left = Math.min(left, s.bbox[0]); right = Math.max(right, s.bbox[2]);
  }
  if (top === Infinity) return undefined;
  const hs = rs.filter((r) => r.kind === 'h'), vs = rs.filter((r) => r.kind === 'v');
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= TOL;
  for (const l of vs) {
    if (l.at > left + TOL || l.from > top + TOL || l.to < bottom - TOL || 2 * (l.to - l.from) < pageHeight) continue;
    for (const r of vs) {
      if (r.at < right - TOL || !near(r.from, l.from) || !near(r.to, l.to)) continue;
      const side = (y: number): Rule | undefined => hs.find((h) => near(h.at, y) && near(h.from, l.at) && near(h.to, r.at));
      const t = side(l.from), b = side(l.to);
      if (!t || !b) continue;
      const inner = vs.filter((v) => v.at > l.at + TOL && v.at < r.at - TOL);
      if (!inner.length || inner.some((v) => v.from <= t.at + SNAP || v.to >= b.at - SNAP)) return undefined;
      return [l, r, t, b];
    }
  }
  return undefined;
}

export interface RuledTable {
  block: Block;
  /** Indexes (into the page's spans) of the spans the table consumed. */
  consumed: Set<number>;
}

/**
 * Finds tables drawn as grids of rules and fills their cells with the spans inside.
 * @param rules thin rectangles/lines of the page (`PositionedPage.rules`)
 * @param spans all spans of the page
 * @param opts layout knobs (for joining cell text)
 * @param pageHeight the page's height (a frame round the page is no table's border: `pageFrame`)
 * A grid needs horizontal and vertical rules that cross, at least 2 rows and 2 columns with
 * text after empty rows/columns are dropped; a lone frame around a paragraph is not a table.
 * Text lands in the cell holding its centre. Neighbouring cells with no rule between them are one merged
 * cell (`Block.merged`) when the merged area is a rectangle and at most one of its cells holds text of
 * its own (text crossing the missing rule belongs to the area): a grid whose body rows simply lack rules
 * between their cells keeps its cells. A ruled row holding several rows of text set line by line across
 * its cells (no rule drawn between them) is split into those rows (`splitRuledRow`). A ruled column
 * holding several columns of text (rules drawn around groups of columns only) is split into them (`subColumns`).
 */
export function findRuledTables(rules: readonly BBox[], spans: readonly TextSpan[], opts: ResolvedLayoutOptions, pageHeight = Infinity): RuledTable[] {
  const classified = rowsRunOn(rules.map(classify).filter((r): r is Rule => r !== undefined));
  const joined = reach(joinVertical([...classified, ...cellBorderColumns(classified, spans), ...columnBreakRows(classified, spans), ...rowRuleColumns(classified, spans)]));
  // Note: without two rules each way there is no grid, frame or not: the page's spans are not scanned for one.
  if (joined.filter((r) => r.kind === 'h').length < 2 || joined.filter((r) => r.kind === 'v').length < 2) return [];
  const frame = pageFrame(joined, spans, pageHeight);
  const rs = frame ? joined.filter((r) => !frame.includes(r)) : joined;
  const hs = rs.filter((r) => r.kind === 'h');
  const vs = rs.filter((r) => r.kind === 'v');
  if (hs.length < 2 || vs.length < 2 || rs.length > 5000) return [];
  // Union-find over crossing h/v rules.
  const parent = rs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const hIdx = rs.map((r, i) => (r.kind === 'h' ? i : -1)).filter((i) => i >= 0);
  const vIdx = rs.map((r, i) => (r.kind === 'v' ? i : -1)).filter((i) => i >= 0);
  for (const i of hIdx) for (const j of vIdx) if (crosses(rs[i]!, rs[j]!)) parent[find(i)] = find(j);
  // Note: a grid whose row rules are drawn cell by cell, its pieces meeting end to end where no column rule links them
  // (an invoice's description column beside its figure columns), is one grid: two grids join when `JOINED_ROW_LINES` of
  // their row rules or more meet end to end. One or two such meetings (group heads' underlines) join nothing.
  const byLine = [...hIdx].sort((i, j) => rs[i]!.at - rs[j]!.at || rs[i]!.from - rs[j]!.from);
  const meetings = new Map<string, number>();
  for (let k = 0; k < byLine.length; k++) {
    const a = rs[byLine[k]!]!;
    for (let m = k + 1; m < byLine.length && rs[byLine[m]!]!.at - a.at <= TOL; m++) {
      const b = rs[byLine[m]!]!;
      const [ra, rb] = [find(byLine[k]!), find(byLine[m]!)];
      if (ra === rb || a.from > b.to + TOL || b.from > a.to + TOL) continue;
      const key = ra < rb ? `${ra} ${rb}` : `${rb} ${ra}`;
      meetings.set(key, (meetings.get(key) ?? 0) + 1);
    }
  }
  for (const [key, n] of meetings) {
    if (n < JOINED_ROW_LINES) continue;
    const [a, b] = key.split(' ').map(Number);
    parent[find(a!)] = find(b!);
  }
  const comps = new Map<number, Rule[]>();
  rs.forEach((r, i) => {
    const k = find(i);
    const list = comps.get(k);
    if (list) list.push(r); else comps.set(k, [r]);
  });
  const out: RuledTable[] = [];
  for (const comp of [...comps.values()].flatMap((c) => bands(c, spans))) {
    const allYs = cluster(comp.filter((r) => r.kind === 'h').map((r) => r.at));
    const xs = sideEdges(comp, cluster(comp.filter((r) => r.kind === 'v').map((r) => r.at)));
    if (allYs.length < 3 || xs.length < 3) continue;
    const x0 = xs[0]!, x1 = xs[xs.length - 1]!;
    const clipped = clippedSpans(spans, comp.filter((r) => r.kind === 'v').map((r) => r.at), [x0, allYs[0]!, x1, allYs[allYs.length - 1]!]);
    const ys = withoutOverrunBands(allYs, xs, comp, spans, clipped);
    const y0 = ys[0]!, y1 = ys[ys.length - 1]!;
    const cells: TextSpan[][][] = ys.slice(1).map(() => xs.slice(1).map(() => [] as TextSpan[]));
    const consumed = new Set<number>();
    spans.forEach((whole, si) => {
      const cy = (whole.bbox[1] + whole.bbox[3]) / 2;
      if (clipped.has(si)) { consumed.add(si); return; }
      for (const s of cutAtColumnRules(whole, comp, xs)) {
        const cx = (s.bbox[0] + s.bbox[2]) / 2;
        if (cx < x0 || cx > x1 || cy < y0 || cy > y1) continue;
        let r = 0; while (r < ys.length - 2 && cy > ys[r + 1]!) r++;
        let c = 0; while (c < xs.length - 2 && cx > xs[c + 1]!) c++;
        cells[r]![c]!.push(s);
        consumed.add(si);
      }
    });
    const areas = mergedAreas(comp, xs, ys, cells);
    if (!areas) continue;
    for (const a of areas) {
      const anchor = cells[a.row]![a.col]!;
      for (let r = a.row; r < a.row + a.rowSpan; r++) for (let c = a.col; c < a.col + a.colSpan; c++) {
        if (r === a.row && c === a.col) continue;
        anchor.push(...cells[r]![c]!);
        cells[r]![c] = [];
      }
    }
    // Note: column heads set above the grid's top rule, over its figure columns ("Three Months Ended" over
    // "December 31, 2022", Word statements ruling only under their heads), are the table's first rows.
    const head = headsAbove(spans, consumed, xs, y0);
    if (head) {
      cells.unshift(...head.bands);
      for (const a of areas) a.row += head.bands.length;
      areas.unshift(...head.areas);
      for (const si of head.used) consumed.add(si);
    }
    // Rows of text inside one ruled row (no rule drawn between them) become rows of their own.
    // A row under a merged cell of one row (a heading across columns) stays whole; under a cell
    // spanning rows, the rest of the row is split and the merged cell spans the rows it becomes.
    // Note: a cell merged over a few columns only (a grid whose columns part differently in another band: a fapiao's
    // item names under the buyer's label and name) is no heading: its row is split like any other.
    const wide = new Set(areas.filter((a) => a.rowSpan === 1 && 2 * a.colSpan >= xs.length - 1).map((a) => a.row));
    // A band of column heads is one row, its lines joined in each cell.
    for (let r = 0; r < (head?.bands.length ?? 0); r++) wide.add(r);
    const rowStart: number[] = [];
    const split: TextSpan[][][] = [];
    cells.forEach((band, r) => {
      rowStart.push(split.length);
      const tall = areas.filter((a) => a.rowSpan > 1 && r >= a.row && r < a.row + a.rowSpan);
      const covered = (c: number): boolean => tall.some((a) => c >= a.col && c < a.col + a.colSpan);
      const sub = wide.has(r) ? undefined : splitRuledRow(band.map((spans, c) => (covered(c) ? [] : spans)), opts);
      if (!sub) { split.push(band); return; }
      for (const a of tall) if (a.row === r) sub[0]![a.col]!.push(...band[a.col]!);
      split.push(...sub);
    });
    rowStart.push(split.length);
    // Columns of figures set inside one ruled column (rules drawn only around groups of columns).
    // Note: a cell merged across columns in a row that was split is merged so in each row it became.
    const moved = areas.flatMap((a) => {
      const n = rowStart[a.row + 1]! - rowStart[a.row]!;
      if (a.rowSpan === 1 && n > 1) return Array.from({ length: n }, (_, k) => ({ ...a, row: rowStart[a.row]! + k }));
      return [{ ...a, row: rowStart[a.row]!, rowSpan: rowStart[a.row + a.rowSpan]! - rowStart[a.row]! }];
    });
    const sub = subColumns(split, xs, moved);
    const grid = sub.cells.map((row) => row.map((cell) => cellText(cell, opts)));
    const keepRows = grid.map((row) => row.some((c) => c !== ''));
    const held = headedEmptyColumns(grid, sub.merged);
    const keepCols = (grid[0] ?? []).map((_, c) => grid.some((row) => row[c] !== '') && !held.has(c));
    const shifted = sub.merged.map((a) => {
      if (!held.has(a.col)) return a;
      // The text of a merged cell whose first column is left out goes to its next column kept.
      let c = a.col;
      while (c < a.col + a.colSpan && !keepCols[c]) c++;
      if (c < a.col + a.colSpan) grid[a.row]![c] = grid[a.row]![a.col]!;
      return { ...a, col: c, colSpan: a.col + a.colSpan - c };
    });
    // Note: a label's dot leader running to its figures ("Robbery . . . . . . 102.1") is layout, not text.
    let rows = grid.filter((_, r) => keepRows[r]).map((row) => row.filter((_, c) => keepCols[c]).map(withoutLeader));
    if (rows.length < 2 || (rows[0]?.length ?? 0) < 2) continue;
    let merged = shifted.filter((a) => a.colSpan > 0).flatMap((a) => reindex(a, keepRows, keepCols));
    // Note: a table of right-to-left text (a Hebrew table, its labels in the rightmost column) is read
    // from the right: its first cell is the rightmost.
    if (mostlyRightToLeft(sub.cells.flat(2), (s) => s.text.match(/\p{L}/gu)?.length ?? 0)) {
      const n = rows[0]!.length;
      rows = rows.map((r) => [...r].reverse());
      merged = merged.map((m) => ({ ...m, col: n - m.col - m.colSpan }));
    }
    const block = tableBlock(rows, merged, [x0, head?.top ?? y0, x1, y1]);
    const parts = atSectionRows(block, sub.cells.filter((_, r) => keepRows[r]).map((row) => row.flat()));
    for (const part of parts) out.push({ block: part, consumed });
  }
  return out;
}

/** Longest text (characters) of a section's title row in a ruled form (`atSectionRows`). */
const SECTION_ROW_CHARS = 40;

/**
 * A ruled form parted into its sections: a row that is one cell across the whole grid, in bold capitals (a Brazilian
 * DANFE's "EMITENTE", "DESTINATARIO", "DADOS ADICIONAIS" bands), is the title of the rows under it, a heading; the rows
 * between two such titles are a table of their own (a paragraph when they are one cell across). Needs two such rows, the
 * first row one of them; a table without them is returned whole.
 * @param table the grid as a table block
 * @param rowSpans the spans of each of its rows
 */
function atSectionRows(table: Block, rowSpans: readonly TextSpan[][]): Block[] {
  const rows = table.rows ?? [];
  const n = rows[0]?.length ?? 0;
  const across = (r: number): boolean => n >= 2 && (table.merged ?? []).some((m) => m.row === r && m.rowSpan === 1 && m.col === 0 && m.colSpan === n);
  const title = (r: number): boolean => {
    const text = rows[r]![0]!, spans = rowSpans[r]!.filter((sp) => /\S/u.test(sp.text));
    return across(r) && text.length <= SECTION_ROW_CHARS && /\p{Lu}.*\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text) && spans.length > 0 && spans.every((sp) => sp.bold);
  };
  // Note: a business document's title (`DOCUMENT_KIND`) in the grid's first row, one cell across it over two rows or
  // more ("Faktura nr FV 7/2021" boxed over the dates of issue and payment), is the document's heading over its fields.
  if (across(0) && rows.length >= 3 && DOCUMENT_KIND.test(rows[0]![0]!.trim())) {
    const rest = rows.slice(1);
    const merged = (table.merged ?? []).filter((m) => m.row >= 1).map((m) => ({ ...m, row: m.row - 1 }));
    const cut = rowSpans.slice(1).flat().reduce((y, sp) => Math.min(y, sp.bbox[1]), table.bbox[3]);
    return [
      { type: 'heading', text: rows[0]![0]!.trim(), bbox: [table.bbox[0], table.bbox[1], table.bbox[2], cut], fontSize: median(rowSpans[0]!.map((sp) => sp.fontSize)) },
      tableBlock(rest, merged, [table.bbox[0], cut, table.bbox[2], table.bbox[3]]),
    ];
  }
  const titles = rows.map((_, r) => title(r));
  const count = titles.filter(Boolean).length;
  // Note: a table of columns under a header, its group rows across it ("VORSPEISEN / APPETIZERS"), stays whole.
  if (!titles[0] || count < 2 || titles.every(Boolean)) return [table];
  const box = (from: number, to: number): BBox => {
    const spans = rowSpans.slice(from, to).flat();
    return [table.bbox[0], Math.min(...spans.map((sp) => sp.bbox[1])), table.bbox[2], Math.max(...spans.map((sp) => sp.bbox[3]))];
  };
  const out: Block[] = [];
  const flush = (from: number, to: number): void => {
    if (from >= to) return;
    if (to - from === 1 && across(from)) {
      out.push({ type: 'paragraph', text: rows[from]![0]!, bbox: box(from, to), fontSize: median(rowSpans[from]!.map((sp) => sp.fontSize)) });
      return;
    }
    const part = rows.slice(from, to);
    const merged = (table.merged ?? []).filter((m) => m.row >= from && m.row + m.rowSpan <= to).map((m) => ({ ...m, row: m.row - from }));
    out.push(tableBlock(part, merged, box(from, to)));
  };
  let start = 0;
  titles.forEach((t, r) => {
    if (!t) return;
    flush(start, r);
    out.push({ type: 'heading', text: rows[r]![0]!, bbox: box(r, r + 1), fontSize: median(rowSpans[r]!.map((sp) => sp.fontSize)) });
    start = r + 1;
  });
  flush(start, rows.length);
  return out;
}

/** A period that heads columns of figures ("December 31", "Years Ended", "Six months ended June 30"). */
const PERIOD = /^(?:(?:(?:years?|six|three|nine|twelve|months?|quarters?|periods?|weeks?)\s+)*ended\b|(?:as\s+(?:at|of)\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}\b)/i;

/** Most lines of column heads taken from above a grid's top rule. */
const MAX_HEAD_LINES = 4;

/**
 * Column heads set just above a ruled grid's top rule: lines stacked at most 0.8 em apart, the lowest within
 * an em of the rule, every span of them within the grid's columns after the first (the stub's head is
 * empty) and none ending a sentence.
 * @param spans the page's spans; @param taken spans already in a table; @param xs the grid's column edges;
 * @param top the grid's top rule
 * Returns the bands to put atop the grid (a line with a head across two columns or more is a band of its own,
 * with that head as a merged area; the other lines are one band, each column's heads joined top to bottom),
 * the spans used and the top of the highest line; undefined when no such line is found.
 */
function headsAbove(spans: readonly TextSpan[], taken: ReadonlySet<number>, xs: readonly number[], top: number):
  { bands: TextSpan[][][]; areas: CellSpan[]; used: number[]; top: number } | undefined {
  if (xs.length < 4) return undefined;
  const x1 = xs[xs.length - 1]!;
  const near = spans.map((s, i) => ({ s, i })).filter(({ s, i }) => !taken.has(i) && (s.bbox[1] + s.bbox[3]) / 2 < top && s.bbox[3] > top - 6 * s.fontSize && s.text.trim() !== '');
  // Lines of those spans, bottom up (spans whose centres lie within half a size of each other).
  const lines: Array<Array<{ s: TextSpan; i: number }>> = [];
  for (const it of [...near].sort((a, b) => b.s.bbox[3] - a.s.bbox[3])) {
    const cy = (it.s.bbox[1] + it.s.bbox[3]) / 2;
    const l = lines.find((ln) => Math.abs((ln[0]!.s.bbox[1] + ln[0]!.s.bbox[3]) / 2 - cy) < 0.5 * it.s.fontSize);
    if (l) l.push(it); else lines.push([it]);
  }
  const picked: HeadPiece[][] = [];
  const used: number[] = [];
  let edge = top;
  for (const l of lines) {
    const em = Math.max(...l.map((it) => it.s.fontSize));
    const bottom = Math.max(...l.map((it) => it.s.bbox[3]));
    if (edge - bottom > (picked.length ? 0.8 : 1) * em || picked.length >= MAX_HEAD_LINES) break;
    if (!l.every(({ s }) => s.bbox[0] >= xs[1]! - 0.5 * em && s.bbox[2] <= x1 + 0.5 * em)) break;
    const pieces = headPieces(l.map((it) => it.s));
    if (/[.!?]$/.test(pieces.map((p) => p.text).join(' '))) break;
    picked.push(pieces);
    used.push(...l.map((it) => it.i));
    edge = Math.min(...l.map((it) => it.s.bbox[1]));
  }
  if (!picked.length) return undefined;
  const colOf = (x: number): number => { let c = 0; while (c < xs.length - 2 && x > xs[c + 1]!) c++; return c; };
  // Columns a piece covers: those it overlaps by more than an em (at least the one its centre is in).
  const covers = (p: HeadPiece, by = p.em): [number, number] => {
    const inside = xs.slice(0, -1).map((_, c) => c).filter((c) => Math.min(p.x1, xs[c + 1]!) - Math.max(p.x0, xs[c]!) > by);
    const mid = colOf((p.x0 + p.x1) / 2);
    return inside.length ? [Math.min(...inside), Math.max(...inside)] : [mid, mid];
  };
  // Note: the line right above the rule heads every column after the first, each within its column ("2022  2021"):
  // a title or a unit note over a few of the columns ("单位：万元", "Northbound – WEEKEND SERVICE") is no head, nor
  // a line with a figure in it (a row of another table above: "Abstenciones  22  0  22"); a year may head a column.
  // A period alone above the rule over a group of the columns ("December 31", "Years Ended December 31") heads
  // them too: the columns it reaches into (figures set flush right leave it off-centre).
  const lone = picked.length === 1 && picked[0]!.length === 1 ? picked[0]![0]! : undefined;
  const reach = lone && covers(lone, 0.25 * lone.em);
  const period = lone !== undefined && reach![0] > 0 && reach![1] > reach![0] && PERIOD.test(lone.text);
  const filled = new Set<number>();
  for (const p of period ? [] : picked[0]!) {
    const [a, b] = covers(p);
    if (b > a || a === 0) return undefined;
    filled.add(a);
  }
  if (!period && filled.size !== xs.length - 2) return undefined;
  if (picked.some((l) => l.some((p) => NUMERIC.test(p.text) && !/^(?:19|20)\d\d$/.test(p.text)))) return undefined;
  picked.reverse();
  const blank = (): TextSpan[][] => xs.slice(1).map(() => [] as TextSpan[]);
  const bands: TextSpan[][][] = [];
  const areas: CellSpan[] = [];
  let plain: TextSpan[][] | undefined;
  const cov = (p: HeadPiece): [number, number] => (period ? covers(p, 0.25 * p.em) : covers(p));
  for (const l of picked) {
    if (l.some((p) => { const [a, b] = cov(p); return b > a; })) {
      const band = blank();
      for (const p of l) {
        const [a, b] = cov(p);
        band[a]!.push(...p.spans);
        if (b > a) areas.push({ row: bands.length, col: a, rowSpan: 1, colSpan: b - a + 1 });
      }
      bands.push(band);
      plain = undefined;
    } else {
      if (!plain) { plain = blank(); bands.push(plain); }
      for (const p of l) plain[colOf((p.x0 + p.x1) / 2)]!.push(...p.spans);
    }
  }
  return { bands, areas, used, top: edge };
}

/** Spans of one line chained into the pieces a reader sees (words closer than an em). */
interface HeadPiece { spans: TextSpan[]; x0: number; x1: number; em: number; text: string }

function headPieces(line: readonly TextSpan[]): HeadPiece[] {
  const out: HeadPiece[] = [];
  for (const s of [...line].sort((a, b) => a.bbox[0] - b.bbox[0])) {
    const last = out[out.length - 1];
    if (last && s.bbox[0] - last.x1 < Math.max(last.em, s.fontSize)) {
      last.spans.push(s);
      last.x1 = Math.max(last.x1, s.bbox[2]);
      last.text = `${last.text} ${s.text.trim()}`;
    } else {
      out.push({ spans: [s], x0: s.bbox[0], x1: s.bbox[2], em: s.fontSize, text: s.text.trim() });
    }
  }
  return out;
}

/**
 * A span cut at the column rules drawn across it: an extractor chains the text of neighbouring cells set
 * close together into one span ("90. 13502.64" over the rule between a quantity and its value), which
 * belongs in two cells. The span is cut at a space whose place, with the span's characters taken as of
 * equal width, lies within `RULE_SPACE_EM` of a vertical rule drawn at the span's height strictly inside
 * it (the outer edges of the grid cut nothing), when every piece then lies within one column. Other spans are
 * returned whole.
 */
export function cutAtColumnRules(s: TextSpan, comp: readonly Rule[], xs: readonly number[]): TextSpan[] {
  const text = s.text;
  const n = text.length;
  if (n < 3 || !/\S\s+\S/u.test(text) || s.dir === 'rtl') return [s];
  const cy = (s.bbox[1] + s.bbox[3]) / 2, w = (s.bbox[2] - s.bbox[0]) / n;
  const edges = xs.slice(1, -1).filter((x) => x > s.bbox[0] + w && x < s.bbox[2] - w
    && comp.some((r) => r.kind === 'v' && Math.abs(r.at - x) <= TOL && r.from <= cy && r.to >= cy));
  if (!edges.length) return [s];
  const cuts: number[] = [];
  for (const x of edges) {
    let best = -1, dist = Infinity;
    for (const m of text.matchAll(/\s+/gu)) {
      const at = m.index!;
      if (at === 0 || at + m[0].length >= n) continue;
      const d = Math.abs(s.bbox[0] + (at + m[0].length / 2) * w - x);
      if (d < dist) { dist = d; best = at; }
    }
    if (best >= 0 && dist <= RULE_SPACE_EM * s.fontSize && !cuts.includes(best)) cuts.push(best);
  }
  if (!cuts.length) return [s];
  cuts.sort((a, b) => a - b);
  const out: TextSpan[] = [];
  let from = 0;
  for (const k of [...cuts, n]) {
    const part = text.slice(from, k);
    const lead = part.length - part.trimStart().length;
    const t = part.trim();
    if (t) out.push({ ...s, text: t, bbox: [s.bbox[0] + (from + lead) * w, s.bbox[1], s.bbox[0] + (from + lead + t.length) * w, s.bbox[3]] });
    from = k;
  }
  // Note: text running on over the rules (a title across a report's header band) is not cut: every piece must
  // lie within one column.
  const fitsColumn = (p: TextSpan): boolean => xs.some((x, c) => c + 1 < xs.length && p.bbox[0] >= x - RULE_SPACE_EM * s.fontSize && p.bbox[2] <= xs[c + 1]! + RULE_SPACE_EM * s.fontSize);
  return out.every(fitsColumn) ? out : [s];
}

/**
 * The grid's row edges without its first and last bands whose text runs on across the column rules drawn
 * through them (a report's title and address in the band above its table, inside one page frame): text
 * that ignores the rules is not set in cells. Bands are taken off while two stay.
 * @param ys row edges; @param xs column edges; @param comp the grid's rules
 * @param spans the page's spans; @param clipped spans hidden by clipping (`clippedSpans`), not looked at
 * A band's text runs on across the rules when spans (once cut at the rules, `cutAtColumnRules`) with two
 * column rules or more drawn at their height more than half an em inside both their ends hold half its
 * characters or more (a short label over a tick box's sides is not enough).
 */
function withoutOverrunBands(ys: readonly number[], xs: readonly number[], comp: readonly Rule[], spans: readonly TextSpan[], clipped: ReadonlySet<number>): number[] {
  const vs = comp.filter((r) => r.kind === 'v');
  const chars = (t: string): number => t.replace(/\s+/gu, '').length;
  const overrun = (lo: number, hi: number): boolean => {
    let all = 0, across = 0;
    spans.forEach((whole, si) => {
      if (clipped.has(si)) return;
      const cy = (whole.bbox[1] + whole.bbox[3]) / 2, cx = (whole.bbox[0] + whole.bbox[2]) / 2;
      if (cy < lo || cy > hi || cx < xs[0]! || cx > xs[xs.length - 1]!) return;
      all += chars(whole.text);
      for (const s of cutAtColumnRules(whole, comp, xs)) {
        const crossed = new Set(vs.filter((v) => v.from <= cy && v.to >= cy && v.at > s.bbox[0] + 0.5 * s.fontSize && v.at < s.bbox[2] - 0.5 * s.fontSize).map((v) => Math.round(v.at)));
        if (crossed.size >= 2) across += chars(s.text);
      }
    });
    return across > 0 && across * 2 >= all;
  };
  let top = 0, bottom = ys.length - 1;
  while (bottom - top >= 3 && overrun(ys[top]!, ys[top + 1]!)) top++;
  while (bottom - top >= 3 && overrun(ys[bottom - 1]!, ys[bottom]!)) bottom--;
  return ys.slice(top, bottom + 1);
}

/**
 * Spans of a grid hidden by clipping: report writers draw a cell's whole text and clip it to a column
 * too narrow to show a character (a product code in a sliver of a column before the item's name). Such
 * a span starts inside a column narrower than `SLIVER_EM` of its size and runs over a span of its line
 * that starts in a column wide enough: its text is not on the page, only in its text layer.
 * @param spans the page's spans; @param xs where the grid's vertical rules are drawn (not clustered: a sliver
 *   is narrower than the tolerance that makes rules one column edge); @param box the grid's extent
 * Returns the indexes of the hidden spans.
 */
export function clippedSpans(spans: readonly TextSpan[], xs: readonly number[], box: BBox): Set<number> {
  const out = new Set<number>();
  const at = [...new Set(xs)].sort((a, b) => a - b);
  const slivers: Array<[number, number]> = [];
  for (let c = 0; c + 1 < at.length; c++) if (at[c + 1]! - at[c]! > 0.1) slivers.push([at[c]!, at[c + 1]!]);
  const sliverAt = (s: TextSpan): boolean => slivers.some(([a, b]) => b - a < SLIVER_EM * s.fontSize && s.bbox[0] >= a && s.bbox[0] < b);
  const inGrid = spans.map((s, i) => ({ s, i })).filter(({ s }) => {
    const cx = (s.bbox[0] + s.bbox[2]) / 2, cy = (s.bbox[1] + s.bbox[3]) / 2;
    return cx >= box[0] && cx <= box[2] && cy >= box[1] && cy <= box[3];
  });
  for (const { s, i } of inGrid) {
    if (!sliverAt(s)) continue;
    const cy = (s.bbox[1] + s.bbox[3]) / 2;
    const under = inGrid.some(({ s: o }) => o !== s && !sliverAt(o) && cy > o.bbox[1] && cy < o.bbox[3]
      && Math.min(s.bbox[2], o.bbox[2]) - Math.max(s.bbox[0], o.bbox[0]) > 0.5 * s.fontSize);
    if (under) out.add(i);
  }
  return out;
}

/** Narrowest column that shows a character, in ems of the text's size. */
const SLIVER_EM = 0.5;

/** How far from a column rule a space may lie (estimated, in ems) for a span to be cut there. */
const RULE_SPACE_EM = 0.6;

/**
 * The merged cells of one grid: neighbouring cells with no rule of the grid between them, grouped.
 * @param comp the grid's rules
 * @param xs column edges; @param ys row edges
 * @param cells the spans in each cell
 * An area is kept when it is a rectangle and at most one of its cells holds a span wholly inside it (its letters,
 * `core`); a span crossing a missing rule counts for the area, not a cell.
 * Returns undefined when the rules are a frame, not a grid: one group of cells with no rule between them covers half
 * the grid or more, three rows and three columns at least, and several of its cells hold text (a page border of tiles,
 * whose edges cut the page into a mesh).
 */
function mergedAreas(comp: readonly Rule[], xs: readonly number[], ys: readonly number[], cells: TextSpan[][][]): CellSpan[] | undefined {
  const nr = ys.length - 1, nc = xs.length - 1;
  const parent = Array.from({ length: nr * nc }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const ruled = (kind: 'h' | 'v', at: number, mid: number): boolean =>
    comp.some((r) => r.kind === kind && Math.abs(r.at - at) <= TOL && r.from <= mid + TOL && r.to >= mid - TOL);
  for (let r = 0; r < nr; r++) for (let c = 0; c < nc; c++) {
    if (c + 1 < nc && !ruled('v', xs[c + 1]!, (ys[r]! + ys[r + 1]!) / 2)) parent[find(r * nc + c + 1)] = find(r * nc + c);
    if (r + 1 < nr && !ruled('h', ys[r + 1]!, (xs[c]! + xs[c + 1]!) / 2)) parent[find((r + 1) * nc + c)] = find(r * nc + c);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < nr * nc; i++) {
    const k = find(i);
    const g = groups.get(k);
    if (g) g.push(i); else groups.set(k, [i]);
  }
  const out: CellSpan[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const rs = g.map((i) => Math.floor(i / nc)), cs = g.map((i) => i % nc);
    const row = Math.min(...rs), col = Math.min(...cs);
    const rowSpan = Math.max(...rs) - row + 1, colSpan = Math.max(...cs) - col + 1;
    const inside = (s: TextSpan, r: number, c: number): boolean => {
      const [top, bottom] = core(s);
      return s.bbox[0] >= xs[c]! - TOL && s.bbox[2] <= xs[c + 1]! + TOL && top >= ys[r]! - TOL && bottom <= ys[r + 1]! + TOL;
    };
    const owners = g.filter((i) => cells[Math.floor(i / nc)]![i % nc]!.some((s) => inside(s, Math.floor(i / nc), i % nc)));
    if (owners.length > 1 && rowSpan >= 3 && colSpan >= 3 && 2 * g.length >= nr * nc) return undefined;
    if (rowSpan * colSpan !== g.length) continue;
    if (owners.length <= 1) out.push({ row, col, rowSpan, colSpan });
  }
  return out;
}

/** Half the height of a span's letters round its middle, in ems of its size (its box also holds the font's ascent and descent). */
const CORE_HALF_EM = 0.4;

/**
 * The top and bottom of a span's letters: its box's middle ± `CORE_HALF_EM` of its size (or of its box's height when smaller).
 * Note: a text layer's boxes run from the font's ascent to its descent, 1.8 ems in some fonts, so a label set just over a
 * total's underline reaches past it ("Net income" over a statement's double rule).
 */
function core(s: TextSpan): [number, number] {
  const mid = (s.bbox[1] + s.bbox[3]) / 2, h = s.bbox[3] - s.bbox[1];
  const half = CORE_HALF_EM * Math.min(s.fontSize > 0 ? s.fontSize : h, h);
  return [mid - half, mid + half];
}

/** Narrowest free gap between two columns inside one ruled column, in ems of its text. */
const SUB_GUTTER_EM = 1;

/**
 * The grid with each ruled column split into the columns of text it holds, when it holds several.
 * @param cells the spans of each cell, rows already split (`splitRuledRow`)
 * @param xs the grid's column edges
 * @param areas merged cells, in the rows of `cells`
 * Returns the new grid and every merged cell in it: the areas widened to the columns they now cover,
 * and a cell whose text runs across the new columns (a group heading over them) merged over all the
 * columns of its ruled column. A ruled column is split at the gaps of at least `SUB_GUTTER_EM` ems that
 * every row with two pieces of text or more in it (pieces further apart than that) leaves free, when
 * three rows or more have several pieces, they are most of the rows with text there, and each new column
 * has a piece of its own in half of them. Cells that an area covers are not split.
 */
export function subColumns(cells: readonly TextSpan[][][], xs: readonly number[], areas: readonly CellSpan[]): { cells: TextSpan[][][]; merged: CellSpan[] } {
  const nc = xs.length - 1;
  const inArea = (r: number, c: number): boolean => areas.some((a) => r >= a.row && r < a.row + a.rowSpan && c >= a.col && c < a.col + a.colSpan);
  const gutters: Array<Array<[number, number]>> = [];
  for (let c = 0; c < nc; c++) {
    const rowsPieces = cells.map((row, r) => (inArea(r, c) ? [] : pieces(row[c] ?? [])));
    const withText = rowsPieces.filter((p) => p.length > 0);
    const multi = withText.filter((p) => p.length >= 2);
    let gut: Array<[number, number]> = [];
    if (multi.length >= 3 && multi.length >= 0.6 * withText.length) {
      const em = median(multi.flat().map((p) => p.size));
      gut = gapsOf(multi[0]!);
      for (const p of multi.slice(1)) gut = intersect(gut, gapsOf(p), 0.5 * em);
      gut = gut.filter((g) => g[1] - g[0] >= 0.5 * em);
      // Every new column holds a piece of its own in half the rows that have several.
      const own = (lo: number, hi: number): number => multi.filter((p) => p.some((q) => q.x0 >= lo && q.x1 <= hi)).length;
      const edges = [-Infinity, ...gut.flatMap((g) => [g[0], g[1]]), Infinity];
      if (gut.length && !Array.from({ length: gut.length + 1 }, (_, k) => own(edges[2 * k]!, edges[2 * k + 1]!)).every((n) => 2 * n >= multi.length)) gut = [];
    }
    gutters.push(gut);
  }
  if (gutters.every((g) => g.length === 0)) return { cells: cells.map((row) => row.map((c) => [...c])), merged: [...areas] };
  // First new column of each ruled column (and the total at the end).
  const start = [0];
  for (let c = 0; c < nc; c++) start.push(start[c]! + gutters[c]!.length + 1);
  const merged: CellSpan[] = areas.map((a) => ({ ...a, col: start[a.col]!, colSpan: start[a.col + a.colSpan]! - start[a.col]! }));
  const out = cells.map((row, r) => {
    const next: TextSpan[][] = Array.from({ length: start[nc]! }, () => []);
    row.forEach((spans, c) => {
      const gut = gutters[c]!;
      if (!gut.length || inArea(r, c)) { next[start[c]!]!.push(...spans); return; }
      const mids = gut.map((g) => (g[0] + g[1]) / 2);
      const crossing = pieces(spans).some((p) => mids.some((m) => p.x0 < m && p.x1 > m));
      if (crossing) {
        // A heading over the columns: one cell across the whole ruled column.
        next[start[c]!]!.push(...spans);
        merged.push({ row: r, col: start[c]!, rowSpan: 1, colSpan: gut.length + 1 });
        return;
      }
      for (const s of spans) next[start[c]! + mids.filter((m) => m < (s.bbox[0] + s.bbox[2]) / 2).length]!.push(s);
    });
    return next;
  });
  return { cells: out, merged };
}

/** One piece of text in a cell: spans closer together than `SUB_GUTTER_EM`, lines merged across (x extent only). */
interface Piece { x0: number; x1: number; size: number }

function pieces(spans: readonly TextSpan[]): Piece[] {
  const sorted = spans.filter((s) => s.text.trim() !== '').map((s) => ({ x0: s.bbox[0], x1: s.bbox[2], size: s.fontSize })).sort((a, b) => a.x0 - b.x0);
  const out: Piece[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.x0 - last.x1 < SUB_GUTTER_EM * Math.max(last.size, s.size)) {
      last.x1 = Math.max(last.x1, s.x1);
      last.size = Math.max(last.size, s.size);
    } else out.push({ ...s });
  }
  return out;
}

function gapsOf(ps: readonly Piece[]): Array<[number, number]> {
  return ps.slice(1).map((p, k) => [ps[k]!.x1, p.x0]);
}

function intersect(a: ReadonlyArray<[number, number]>, b: ReadonlyArray<[number, number]>, min: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of a) for (const q of b) {
    const lo = Math.max(p[0], q[0]), hi = Math.min(p[1], q[1]);
    if (hi - lo >= min) out.push([lo, hi]);
  }
  return out;
}

/**
 * Columns of a grid empty but for merged cells that start in them and run on over other columns (a column
 * of flags or spacers under a heading "Circuit" spanning it and the names beside it): no cell of their
 * own holds text, so they are left out and the merged cells start at their next column.
 * @param grid the cells' text; @param merged the merged cells
 */
function headedEmptyColumns(grid: readonly string[][], merged: readonly CellSpan[]): Set<number> {
  const out = new Set<number>();
  const nc = grid[0]?.length ?? 0;
  for (let c = 0; c < nc; c++) {
    let spanned = false, own = false;
    grid.forEach((row, r) => {
      if (row[c] === '') return;
      const m = merged.find((a) => a.row === r && a.col === c && a.rowSpan === 1 && a.colSpan > 1);
      // Note: the columns the merged cell runs on over must hold text of their own somewhere.
      if (m && grid.some((other) => other.slice(c + 1, c + m.colSpan).some((t) => t !== ''))) spanned = true;
      else own = true;
    });
    if (spanned && !own) out.add(c);
  }
  return out;
}

/** A merged area counted in the rows and columns kept (the empty ones dropped); none when it covers one cell. */
function reindex(a: CellSpan, keepRows: readonly boolean[], keepCols: readonly boolean[]): CellSpan[] {
  const count = (keep: readonly boolean[], from: number, n: number): number => keep.slice(from, from + n).filter(Boolean).length;
  const rowSpan = count(keepRows, a.row, a.rowSpan), colSpan = count(keepCols, a.col, a.colSpan);
  if (!keepRows[a.row] || !keepCols[a.col] || rowSpan * colSpan < 2) return [];
  return [{ row: count(keepRows, 0, a.row), col: count(keepCols, 0, a.col), rowSpan, colSpan }];
}

/** Text of one cell: its spans laid out as lines, joined with hyphenation repair. */
function cellText(spans: TextSpan[], opts: ResolvedLayoutOptions): string {
  if (!spans.length) return '';
  const lines = buildLines(buildFragments(spans, { ...opts, splitGapEm: Infinity }));
  return lines.reduce((acc, l) => (acc === '' ? l.text : joinLines(acc, l.text)), '').trim();
}
