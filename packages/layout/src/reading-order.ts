import type { BBox, Block } from '@docmill/core';
import { median, unionBox } from './geometry.js';
import type { Fragment } from './lines.js';
import type { ResolvedLayoutOptions } from './options.js';

/** Something placed on the page: a text fragment, or an atomic block (figure, ruled table). */
export interface FlowItem {
  bbox: BBox;
  frag?: Fragment;
  block?: Block;
}

/** A leaf of the reading order: one column of one band, items top to bottom. */
export interface Region {
  items: FlowItem[];
  /** Column index (in reading order) when the region is one column of a multi-column band. */
  column?: number;
}

type Interval = [number, number];

/** Free x-intervals of [x0, x1] not covered by any box. */
function freeIntervals(boxes: readonly BBox[], x0: number, x1: number): Interval[] {
  const spans = boxes.map((b) => [b[0], b[2]] as Interval).sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  let cur = x0;
  for (const [a, b] of spans) {
    if (a > cur) out.push([cur, a]);
    if (b > cur) cur = b;
  }
  if (x1 > cur) out.push([cur, x1]);
  return out;
}

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const p of a) for (const q of b) {
    const lo = Math.max(p[0], q[0]), hi = Math.min(p[1], q[1]);
    if (hi > lo) out.push([lo, hi]);
  }
  return out;
}

interface Ctx {
  opts: ResolvedLayoutOptions;
  /** Body font size of the page (em for gutters). */
  em: number;
  rtl: boolean;
}

/**
 * The gutters among `free` that really separate columns of `items`: wide enough, with
 * substantial text on both sides (column width, line length), so that list markers,
 * table cells or a marginal note do not count as columns.
 */
function validGutters(free: readonly Interval[], items: readonly FlowItem[], ctx: Ctx): Interval[] {
  if (items.length < 2) return [];
  const box = unionBox(items.map((i) => i.bbox));
  const regionW = box[2] - box[0];
  const out: Interval[] = [];
  for (const g of free) {
    if (g[1] - g[0] < ctx.opts.minGutterEm * ctx.em) continue;
    const left = items.filter((i) => i.bbox[2] <= g[0] + 0.01);
    const right = items.filter((i) => i.bbox[0] >= g[1] - 0.01);
    if (!left.length || !right.length) continue;
    const lb = unionBox(left.map((i) => i.bbox)), rb = unionBox(right.map((i) => i.bbox));
    if (lb[2] - lb[0] < ctx.opts.minColumnShare * regionW || rb[2] - rb[0] < ctx.opts.minColumnShare * regionW) continue;
    if (!proseLike(left) || !proseLike(right)) continue;
    out.push(g);
  }
  return out;
}

/** A side of a gutter reads like a text column: lines are long (or it holds figures/tables). */
function proseLike(items: readonly FlowItem[]): boolean {
  const texts = items.filter((i) => i.frag);
  if (texts.length === 0) return true;
  if (texts.length < items.length) return true; // a figure or table makes it a column on its own
  const lens = texts.map((i) => i.frag!.text.length);
  return median(lens) >= 12 || (texts.length <= 2 && Math.max(...lens) >= 12);
}

/** Bands: items whose vertical extents chain-overlap, top to bottom. */
function bands(items: readonly FlowItem[]): FlowItem[][] {
  const sorted = [...items].sort((a, b) => a.bbox[1] - b.bbox[1]);
  const out: FlowItem[][] = [];
  let cur: FlowItem[] = [];
  let bottom = -Infinity;
  for (const it of sorted) {
    const h = it.bbox[3] - it.bbox[1];
    if (cur.length && it.bbox[1] >= bottom - Math.min(1, 0.1 * h)) {
      out.push(cur);
      cur = [];
    }
    cur.push(it);
    bottom = cur.length === 1 ? it.bbox[3] : Math.max(bottom, it.bbox[3]);
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Splits items into reading-order regions: full-width bands, then each multi-column band's
 * columns left to right (right to left on RTL pages), recursively.
 * @param items fragments and atomic blocks of the page
 * @param opts layout knobs (gutter width, column share)
 * @param em body font size of the page
 * @param rtl order columns right to left
 * Note: bands are grouped greedily from the top: a band joins the current group while a gutter
 * remains free in all of them (a line that sits in one column only does not cross the gutter),
 * so that paragraph gaps that happen to align across columns never cut a column in two.
 */
export function readingOrder(items: readonly FlowItem[], opts: ResolvedLayoutOptions, em: number, rtl: boolean): Region[] {
  return cut(items, { opts, em, rtl }, 0);
}

function cut(items: readonly FlowItem[], ctx: Ctx, depth: number): Region[] {
  if (items.length === 0) return [];
  const sortY = (list: readonly FlowItem[]) => [...list].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  if (items.length < 3 || depth > 4) return [{ items: sortY(items) }];
  const box = unionBox(items.map((i) => i.bbox));
  const groups: Array<{ items: FlowItem[]; free: Interval[]; gutters: Interval[] }> = [];
  for (const band of bands(items)) {
    const free = freeIntervals(band.map((i) => i.bbox), box[0], box[2]);
    const g = groups[groups.length - 1];
    if (g) {
      const mergedFree = intersect(g.free, free);
      const union = [...g.items, ...band];
      const mergedGutters = validGutters(mergedFree, union, ctx);
      const bandGutters = validGutters(free, band, ctx);
      if (mergedGutters.length > 0 || (g.gutters.length === 0 && bandGutters.length === 0)) {
        g.items = union;
        g.free = mergedGutters.length > 0 ? mergedFree : intersect(g.free, free);
        g.gutters = mergedGutters;
        continue;
      }
    }
    groups.push({ items: [...band], free, gutters: validGutters(free, band, ctx) });
  }
  const out: Region[] = [];
  for (const g of groups) {
    if (g.gutters.length === 0) {
      out.push({ items: sortY(g.items) });
      continue;
    }
    // Split at every valid gutter: columns between consecutive gutters.
    const cuts = [...g.gutters].sort((a, b) => a[0] - b[0]);
    const cols: FlowItem[][] = cuts.map(() => []);
    cols.push([]);
    for (const it of g.items) {
      const cx = (it.bbox[0] + it.bbox[2]) / 2;
      let k = 0;
      while (k < cuts.length && cx > cuts[k]![1]) k++;
      cols[k]!.push(it);
    }
    const ordered = ctx.rtl ? cols.reverse() : cols;
    let col = 0;
    for (const c of ordered) {
      if (!c.length) continue;
      const sub = cut(c, ctx, depth + 1);
      for (const r of sub) out.push({ items: r.items, column: col });
      col++;
    }
  }
  return out;
}
