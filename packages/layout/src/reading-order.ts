import type { BBox, Block } from '@docmill/core';
import { NUMERIC } from './aligned-table.js';
import { isMono } from './code-block.js';
import { unionBox } from './geometry.js';
import { splitFragment, type Fragment } from './lines.js';
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

interface Ctx {
  opts: ResolvedLayoutOptions;
  /** Body font size of the page (em for gutters). */
  em: number;
  rtl: boolean;
  /** Newspaper-style page of recognised text: full-width whitespace across every column ends a section. */
  sections: boolean;
  /** Vertical column rules (x and extent), tried as gutters first however narrow the whitespace beside them. */
  rules: ReadonlyArray<{ x: number; y0: number; y1: number }>;
  /** Size of the page's body lines as the spans give it (for a scanned page: the line box height). */
  bodySize: number;
}

/** How a scanned newspaper page is read (see `readingOrder`). */
export interface NewsPage {
  /** Vertical column rules found on the page. */
  rules: ReadonlyArray<{ x: number; y0: number; y1: number }>;
  /** Size of the page's body lines as the spans give it (the line box height of OCR lines). */
  bodySize: number;
}

/**
 * A side of a gutter reads like a text column: most of its characters sit in long pieces
 * (lines of prose), or it holds a figure or table. Short pieces (table cells, list markers,
 * diagram labels) alone do not make a column.
 * @param em the body size: given, a figure under `ICON_EM` ems tall (a sparkline beside a statement's row, an icon)
 *   does not make a column either
 */
function proseLike(items: readonly FlowItem[], em?: number): boolean {
  if (items.some((i) => i.block && !(em !== undefined && i.block.type === 'figure' && i.bbox[3] - i.bbox[1] < ICON_EM * em))) return true;
  const { all, long, count } = longPieces(items, 15);
  return all > 0 && long >= 0.5 * all && count >= 2;
}

/** Characters in the items' text pieces (`all`), and in those of `min` characters or more (`long`, `count` of them). */
function longPieces(items: readonly FlowItem[], min: number): { all: number; long: number; count: number } {
  let all = 0, long = 0, count = 0;
  for (const i of items) {
    const n = i.frag?.text.length ?? 0;
    all += n;
    if (n >= min) { long += n; count++; }
  }
  return { all, long, count };
}

/** Height (in body ems) under which a figure is an icon or a sparkline beside a row, not a column's content. */
const ICON_EM = 2;

/**
 * Candidate gutters of a region, best first: x positions where no narrow item (narrower than
 * 60% of the region) lies, with narrow items on both sides. Wide items (titles, full-width
 * figures) are left out of the profile: they are what breaks the columns into bands.
 */
function gutterCandidates(items: readonly FlowItem[], box: BBox, ctx: Ctx): number[] {
  // Note: a profile of at most ~4000 cells (1 pt on any real page; coarser for absurd coordinates).
  const step = Math.max(1, (box[2] - box[0]) / 4000);
  const X0 = Math.floor(box[0] / step), X1 = Math.ceil(box[2] / step);
  const W = X1 - X0;
  if (!(W > 0) || !Number.isFinite(W)) return [];
  // Note: on newspaper pages headlines (larger type) stay out of the profile too: a headline centred
  // over two columns covers part of their gutter and would push the cut to one side of it.
  const large = (i: FlowItem) => ctx.sections && !!i.frag && i.frag.fontSize > 1.25 * ctx.bodySize;
  const narrow = items.filter((i) => i.bbox[2] - i.bbox[0] < 0.6 * W && !large(i));
  if (narrow.length < 2) return [];
  const cover = new Float64Array(W + 1);
  for (const it of narrow) {
    const a = Math.max(0, Math.floor(it.bbox[0] / step - X0)), b = Math.min(W, Math.ceil(it.bbox[2] / step - X0));
    const h = it.bbox[3] - it.bbox[1];
    for (let x = a; x < b; x++) cover[x]! += h;
  }
  let max = 0;
  for (let x = 0; x <= W; x++) if (cover[x]! > max) max = cover[x]!;
  const low = 0.25 * max;
  const runs: Array<{ a: number; b: number; mid: number; score: number }> = [];
  let x = 0;
  while (x <= W) {
    if (cover[x]! > low) { x++; continue; }
    let y = x;
    while (y + 1 <= W && cover[y + 1]! <= low) y++;
    if (x > 0 && y < W && (y - x + 1) * step >= ctx.opts.minGutterEm * ctx.em) {
      // Split point: the middle of the least covered stretch of the run.
      let best = Infinity;
      for (let k = x; k <= y; k++) best = Math.min(best, cover[k]!);
      let p = x; while (cover[p]! > best) p++;
      let q = p; while (q + 1 <= y && cover[q + 1]! <= best) q++;
      // Note: on newspaper pages gutters are alike in width; the one that fewer items cross is the
      // better cut (a headline over two columns crosses one gutter, not the one beside its columns).
      // Note: a gutter that narrow items cross (a label column's longest labels, a column's lines
      // crossing the gap between a table's labels and figures) ranks below a clean one.
      const score = (y - x + 1) * (1 - ((ctx.sections ? 0.5 : 1) * best) / Math.max(low, 1e-9));
      runs.push({ a: (x + X0) * step, b: (y + X0) * step, mid: ((p + q) / 2 + X0) * step, score });
    }
    x = y + 1;
  }
  runs.sort((r1, r2) => r2.score - r1.score);
  return runs.map((r) => r.mid);
}

/** Characters in a line of running text beside an inset (a column line, not a label or a cell). */
const PROSE_LINE = 25;

interface Split {
  /** In top-to-bottom order: a columnar group (items per column, left to right) or a full-width band. */
  parts: Array<{ columns: FlowItem[][] } | { band: FlowItem[] }>;
  /** Items of the bands that are rows of a table of amounts across the gutter (`amountRows`): left, right of it. */
  amounts: [FlowItem[], FlowItem[]];
}

/**
 * Cuts the region at gutter x: full-width bands (items crossing it) and columnar groups between them.
 * Note: a run of crossing items narrower than half the region with column lines beside it on both
 * sides (a caption or pull quote set between the columns) is an inset, not a band: the columns
 * read on past it, and it reads after the columnar group it sits in.
 */
function splitAt(items: readonly FlowItem[], gx: number, tol = 0, sideBands = false): Split {
  const box = unionBox(items.map((i) => i.bbox));
  // Note: the rows are found once for the three kinds of table rows read across the gutter.
  const rows = baselineRows(items);
  const table = rowsAcross(items, rows, gx);
  const amounts = amountRows(rows, gx);
  for (const i of amounts) table.add(i);
  for (const i of headedRowsAcross(rows, gx)) table.add(i);
  // Note: at a drawn rule, words may touch it: an item crosses only when it reaches `tol` beyond it on both sides.
  const crosses = (i: FlowItem) => table.has(i) || (i.bbox[0] < gx - tol && i.bbox[2] > gx + tol);
  const crossing = items.filter(crosses).sort((a, b) => a.bbox[1] - b.bbox[1]);
  const runs: Array<{ y: [number, number]; items: FlowItem[] }> = [];
  for (const c of crossing) {
    const last = runs[runs.length - 1];
    if (last && c.bbox[1] < last.y[1]) {
      last.y[1] = Math.max(last.y[1], c.bbox[3]);
      last.items.push(c);
    } else runs.push({ y: [c.bbox[1], c.bbox[3]], items: [c] });
  }
  const insetItems = new Set<FlowItem>();
  const bandsY: Array<[number, number]> = [];
  for (const r of runs) {
    const x0 = Math.min(...r.items.map((i) => i.bbox[0])), x1 = Math.max(...r.items.map((i) => i.bbox[2]));
    // Beside the run: lines of prose clear of it on that side, each sharing a third of the lower one's
    // height with it (diagram labels and table cells beside a label do not make it an inset).
    const level = (i: FlowItem) => Math.min(i.bbox[3], r.y[1]) - Math.max(i.bbox[1], r.y[0]) > Math.min(i.bbox[3] - i.bbox[1], r.y[1] - r.y[0]) / 3;
    const beside = (left: boolean) =>
      items.filter((i) => !crosses(i) && (left ? i.bbox[2] <= x0 : i.bbox[0] >= x1) && level(i) && (i.frag?.text.length ?? 0) >= PROSE_LINE).length >= Math.min(2, r.items.length);
    if (r.items.every((i) => !i.block) && x1 - x0 < 0.5 * (box[2] - box[0]) && beside(true) && beside(false)) for (const i of r.items) insetItems.add(i);
    else bandsY.push(r.y);
  }
  // The x extent of each band's crossing items: with `sideBands`, an item beside a band (columns
  // running on beside a headline set over other columns) is not drawn into it.
  const bandsX: Array<[number, number]> = bandsY.map(([a, b]) => {
    const its = crossing.filter((c) => !insetItems.has(c) && c.bbox[1] >= a - 0.01 && c.bbox[1] <= b);
    return [Math.min(...its.map((i) => i.bbox[0])), Math.max(...its.map((i) => i.bbox[2]))];
  });
  const bandItems: FlowItem[][] = bandsY.map(() => []);
  const groups: FlowItem[][][] = Array.from({ length: bandsY.length + 1 }, () => [[], []]);
  const insets: FlowItem[][] = bandsY.map(() => []).concat([[]]);
  for (const it of items) {
    const cy = (it.bbox[1] + it.bbox[3]) / 2;
    const across = crosses(it) && !insetItems.has(it);
    const inside = bandsY.findIndex(([a, b], k) => cy >= a && cy <= b && (!sideBands || (it.bbox[2] > bandsX[k]![0] && it.bbox[0] < bandsX[k]![1])));
    if (across || (inside >= 0 && !insetItems.has(it))) {
      bandItems[across ? bandsY.findIndex(([a, b]) => it.bbox[1] >= a - 0.01 && it.bbox[1] <= b) : inside]!.push(it);
      continue;
    }
    let k = 0;
    while (k < bandsY.length && (bandsY[k]![0] + bandsY[k]![1]) / 2 < cy) k++;
    if (insetItems.has(it)) insets[k]!.push(it);
    else groups[k]![(it.bbox[0] + it.bbox[2]) / 2 < gx ? 0 : 1]!.push(it);
  }
  const parts: Split['parts'] = [];
  const addBand = (band: FlowItem[] | undefined) => {
    if (!band || !band.length) return;
    // Consecutive full-width bands with nothing columnar between them are one band (a two-line title).
    const last = parts[parts.length - 1];
    if (last && 'band' in last) last.band.push(...band);
    else parts.push({ band });
  };
  groups.forEach((g, k) => {
    if (g[0]!.length || g[1]!.length) parts.push({ columns: g });
    if (insets[k]!.length) parts.push({ band: insets[k]! });
    addBand(bandItems[k]);
  });
  const amountSides = sidesOf([...amounts], gx);
  return { parts, amounts: [amountSides.left, amountSides.right] };
}

/** The text pieces of `items` by baseline (within 1 pt), top to bottom. */
function baselineRows(items: readonly FlowItem[]): FlowItem[][] {
  const rows: FlowItem[][] = [];
  for (const it of items.filter((i) => i.frag).sort((a, b) => a.bbox[3] - b.bbox[3])) {
    const last = rows[rows.length - 1];
    if (last && Math.abs(it.bbox[3] - last[0]!.bbox[3]) <= 1) last.push(it); else rows.push([it]);
  }
  return rows;
}

const rowTop = (r: readonly FlowItem[]): number => Math.min(...r.map((i) => i.bbox[1]));
const rowBottom = (r: readonly FlowItem[]): number => Math.max(...r.map((i) => i.bbox[3]));
const rowHeight = (r: readonly FlowItem[]): number => Math.max(...r.map((i) => i.bbox[3] - i.bbox[1]));

/** Row `below` sits within most of a line (0.8 of its own height) under row `above`. */
const closeUnder = (above: readonly FlowItem[], below: readonly FlowItem[]): boolean => rowTop(below) - rowBottom(above) <= 0.8 * rowHeight(below);

/** The items wholly left of gutter x and those wholly right of it (an item across it is in neither). */
const sidesOf = (items: readonly FlowItem[], gx: number): { left: FlowItem[]; right: FlowItem[] } =>
  ({ left: items.filter((i) => i.bbox[2] <= gx), right: items.filter((i) => i.bbox[0] >= gx) });

/** A text piece that is a figure ("1,234", "(703)"). */
const figure = (i: FlowItem): boolean => NUMERIC.test(i.frag!.text.trim());

/**
 * The pieces of a table's rows set across gutter x (a table over the full width above two columns of
 * text): runs of two rows or more (pieces on one baseline, within 1 pt) of three pieces or more on both
 * sides of x whose pieces nearest x on either side are figures, and the rows of short pieces just above
 * a run of them (its header: no piece as long as a line of prose, each row within most of a line of the next).
 * They read as a band across the columns. Columns of text never end and start in figures on one baseline.
 * None unless the rest on both sides reads like text columns (`proseLike`).
 */
function rowsAcross(items: readonly FlowItem[], rows: readonly FlowItem[][], gx: number): Set<FlowItem> {
  const out = new Set<FlowItem>();
  const isFigures = rows.map((r) => {
    const { left, right } = sidesOf(r, gx);
    if (r.length < 3 || !left.length || !right.length || left.length + right.length < r.length) return false;
    const nearL = left.reduce((a, b) => (b.bbox[2] > a.bbox[2] ? b : a)), nearR = right.reduce((a, b) => (b.bbox[0] < a.bbox[0] ? b : a));
    return figure(nearL) && figure(nearR);
  });
  // A lone row is no table: figure rows come two or more in a row.
  for (let k = 0; k < rows.length; k++) if (isFigures[k] && !isFigures[k - 1] && !isFigures[k + 1]) isFigures[k] = false;
  if (!isFigures.some(Boolean)) return out;
  // Only between columns of text: inside a box of figures, a gap between columns is no gutter to read across.
  const inRows = new Set(rows.flatMap((r, k) => (isFigures[k] ? r : [])));
  const rest = items.filter((i) => !inRows.has(i));
  const restSides = sidesOf(rest, gx);
  if (!proseLike(restSides.left) || !proseLike(restSides.right)) return out;
  rows.forEach((r, k) => {
    if (!isFigures[k]) return;
    for (const i of r) out.add(i);
    if (k > 0 && isFigures[k - 1]) return;
    let below = r;
    for (let m = k - 1; m >= 0; m--) {
      const above = rows[m]!;
      if (!closeUnder(above, below)) break;
      if (above.some((i) => i.frag!.text.trim().length >= PROSE_LINE)) break;
      for (const i of above) out.add(i);
      below = above;
    }
  });
  return out;
}

/** A column's label in a table's header row: letters, no figure, shorter than a line of prose. */
const columnLabel = (i: FlowItem): boolean => /\p{L}/u.test(i.frag!.text) && !/\d/.test(i.frag!.text) && i.frag!.text.trim().length < PROSE_LINE;

/** A table's header row across gutter x: column labels only (`columnLabel`), `minLeft` or more left of x, two or more right, none across. */
function headerAcross(row: readonly FlowItem[], gx: number, minLeft: number): boolean {
  const { left, right } = sidesOf(row, gx);
  return left.length >= minLeft && right.length >= 2 && left.length + right.length === row.length && row.every(columnLabel);
}

/** Rows of amounts in a run that make a gutter a table's (see `amountRows`). */
const MIN_AMOUNT_ROWS = 4;

/**
 * The rows of a table set across gutter x whose amounts stand on one side of it, its dates and descriptions on
 * the other (an invoice's charges): a run of rows (pieces on one baseline, within 1 pt) holding pieces on both
 * sides, those on one side all figures, two or more on the other and none as long as two lines of prose, at least
 * `MIN_AMOUNT_ROWS` of them, with the rows between and just after them that hold only further lines of the
 * descriptions (each within most of a line of the row above), and the rows of bold pieces just above the run
 * (its header, within two lines of it). Under a header row of labels on both sides, one row of figures on the right is
 * enough, its description one piece or more, unless more such rows follow within three rows. They read as a band across
 * the columns.
 */
function amountRows(rows: readonly FlowItem[][], gx: number): Set<FlowItem> {
  const out = new Set<FlowItem>();
  // The other side of a row of amounts is a row of cells too (a date and a description), not a line of prose.
  const cells = (side: readonly FlowItem[]): boolean => side.length >= 2 && !side.every(figure) && side.every((i) => i.frag!.text.trim().length <= 2 * PROSE_LINE);
  // Which side of each row holds its amounts: 0 left, 1 right, -1 neither.
  const amounts = rows.map((r) => {
    const { left, right } = sidesOf(r, gx);
    if (!left.length || !right.length || left.length + right.length < r.length) return -1;
    if (right.every(figure) && cells(left)) return 1;
    if (left.every(figure) && cells(right)) return 0;
    return -1;
  });
  // Note: under a header row of labels on both sides (within two of its lines), one row of a description and its
  // figures is enough, the description one piece ("001 Dit is een TEST HP iPAQ 114" under "Nr  Omschrijving", beside
  // "10,00  179,10  19,00  0,00  1.791,00" under "Aantal  Prijs  BTW%  Toeslag  Totaal(EUR)"): an item grid.
  const described = (r: readonly FlowItem[]): boolean => {
    const { left, right } = sidesOf(r, gx);
    return left.length >= 1 && right.length >= 2 && left.length + right.length === r.length && right.every(figure) && !left.every(figure)
      && left.every((i) => i.frag!.text.trim().length <= 2 * PROSE_LINE);
  };
  const headed = (k: number): boolean => {
    const h = rows[k - 1], r = rows[k]!;
    return !!h && headerAcross(h, gx, 1) && rowTop(r) - rowBottom(h) <= 2 * rowHeight(h);
  };
  let k = 0;
  while (k < rows.length) {
    const head = (amounts[k] === 1 || described(rows[k]!)) && headed(k);
    const side = head ? 1 : amounts[k]!;
    if (side < 0) { k++; continue; }
    // The run: rows of amounts on the same side, and rows of text on the other side only, each close under the last.
    const textOnly = (r: readonly FlowItem[]): boolean => { const s = sidesOf(r, gx); return (side === 1 ? s.right : s.left).length === 0 && (side === 1 ? s.left : s.right).length === r.length; };
    // Note: a description overflowing into the amounts' side ("… Espresso Maker1" run on into the quantity) is
    // one piece across the gutter, figures beyond it: a row of the run too, though it cannot start one.
    const overflow = (r: readonly FlowItem[]): boolean => {
      const across = r.filter((i) => i.bbox[0] < gx && i.bbox[2] > gx);
      const beyond = r.filter((i) => (side === 1 ? i.bbox[0] >= gx : i.bbox[2] <= gx));
      return across.length === 1 && beyond.length >= 1 && beyond.every(figure);
    };
    // Note: so is a row of one label and its amounts ("Rabatt … -83.42", a discount or subtotal under the items).
    const labelled = (r: readonly FlowItem[]): boolean => {
      const { left, right } = sidesOf(r, gx);
      const [text, figs] = side === 1 ? [left, right] : [right, left];
      return text.length === 1 && figs.length >= 1 && text.length + figs.length === r.length && figs.every(figure) && !figure(text[0]!) && text[0]!.frag!.text.trim().length <= PROSE_LINE;
    };
    let end = k, count = 1, m = k + 1;
    while (m < rows.length && closeUnder(rows[m - 1]!, rows[m]!)) {
      const row = rows[m]!;
      if (amounts[m] === side || (head && described(row))) { count++; end = m; }
      else if (labelled(row)) end = m;
      else if (!textOnly(row) && !overflow(row)) break;
      m++;
    }
    // Further lines of the last description belong to it.
    while (end + 1 < rows.length && end + 1 < m && textOnly(rows[end + 1]!)) end++;
    // Note: a headed run of fewer rows than `MIN_AMOUNT_ROWS` that stopped short of more item rows within three rows of
    // it (a tax rate set lower than its row's baseline ended it) is part of a table the run does not cover: left alone.
    const more = head && count < MIN_AMOUNT_ROWS && rows.slice(m, m + 3).some((r, j) => amounts[m + j] === side || described(r));
    if (!more && count >= (head ? 1 : MIN_AMOUNT_ROWS)) {
      for (let j = head ? k - 1 : k; j <= end; j++) for (const i of rows[j]!) out.add(i);
      for (let j = k - 1; j >= 0; j--) {
        const r = rows[j]!;
        if (!r.every((i) => i.frag!.spans.every((s) => s.bold)) || rowTop(rows[j + 1]!) - rowBottom(r) > 2 * rowHeight(r)) break;
        for (const i of r) out.add(i);
      }
    }
    k = Math.max(m, k + 1);
  }
  return out;
}

/** Column labels in a listing's header row (`listingRun`). */
const LISTING_LABELS = 5;
/** Rows of cells under a listing's header (`listingRun`). */
const LISTING_ROWS = 6;
/** Share of the header's width under which a row's lone piece is a cell's wrapped line, not a line of text (`listingRun`). */
const LISTING_LONE_SHARE = 0.4;

/**
 * A listing set over the width of the page (a register's records under "NUMBER  TYPE  NAME  ADDRESS  CITY  ZIP"):
 * a header row of `LISTING_LABELS` column labels or more (`columnLabel`) over most of the region's width, and the rows
 * under it, each within two of its lines of the one above and inside the header's width, of two pieces or more or a lone
 * piece narrower than `LISTING_LONE_SHARE` of the header (a wrapped cell's other line); `LISTING_ROWS` or more of them of
 * three pieces or more. Its rows read as one region: no gutter between its columns is a column of text, and a record's
 * wrapped cells (blank lines around them) are no whitespace between sections.
 * @returns the run's top (its header row's), the top of the header's first line (rows of labels right above it) and its bottom
 */
function listingRun(items: readonly FlowItem[]): { top: number; headTop: number; bottom: number } | undefined {
  const box = unionBox(items.map((i) => i.bbox));
  const W = box[2] - box[0];
  const rows = baselineRows(items).map((r) => [...r].sort((a, b) => a.bbox[0] - b.bbox[0]));
  for (let k = 0; k < rows.length; k++) {
    const head = rows[k]!;
    if (head.length < LISTING_LABELS || !head.every(columnLabel)) continue;
    // Note: a label twice heads tables side by side ("COUNTY  CODE" three times over a list of codes in three columns).
    if (new Set(head.map((i) => i.frag!.text.trim().toLowerCase())).size < head.length) continue;
    const x0 = head[0]!.bbox[0], x1 = head[head.length - 1]!.bbox[2];
    if (x1 - x0 < 0.6 * W) continue;
    const em = rowHeight(head);
    let above = head, cells = 0;
    for (const r of rows.slice(k + 1)) {
      if (rowTop(r) - rowBottom(above) > 2 * rowHeight(r)) break;
      if (r[0]!.bbox[0] < x0 - em || r[r.length - 1]!.bbox[2] > x1 + 2 * em) break;
      if (r.length === 1 && r[0]!.bbox[2] - r[0]!.bbox[0] >= LISTING_LONE_SHARE * (x1 - x0)) break;
      if (r.length >= 3) cells++;
      above = r;
    }
    if (cells < LISTING_ROWS) continue;
    // The header's first lines: rows of labels right above it, within its width ("beste" over "Fitness").
    let first = k;
    while (first > 0 && closeUnder(rows[first - 1]!, rows[first]!) && rows[first - 1]!.every((i) => columnLabel(i) && i.bbox[0] >= x0 - em && i.bbox[2] <= x1 + em)) first--;
    return { top: rowTop(head), headTop: rowTop(rows[first]!), bottom: rowBottom(above) };
  }
  return undefined;
}

/** Most rows under its header of a small table read across a gutter (`headedRowsAcross`). */
const SMALL_TABLE_ROWS = 3;

/**
 * The rows of a small table set across gutter x under its header (an invoice's "Projekt  Kunden-Nr.:" beside "Unser
 * Zeichen  Datum", its values on the row under it): a header row (pieces on one baseline, within 1 pt) of two labels or
 * more on each side of x (letters, no figure, shorter than a line of prose), and up to `SMALL_TABLE_ROWS` rows right under
 * it (each within most of a line of the one above, or within a line when the table ends in a wider gap) with pieces on
 * both sides, every piece under one of the header's, the first of them with as many pieces as the header on each side.
 * They read as a band across the columns.
 * Note: not two tables side by side, their headers sharing a label ("Name  Type  Default" beside "Name  Type  Default").
 */
function headedRowsAcross(rows: readonly FlowItem[][], gx: number): Set<FlowItem> {
  const out = new Set<FlowItem>();
  rows.forEach((head, k) => {
    if (!headerAcross(head, gx, 2)) return;
    const { left, right } = sidesOf(head, gx);
    // Note: a label on both sides heads two tables side by side ("Name  Type  Default" twice on a cheat sheet).
    const names = new Set(left.map((i) => i.frag!.text.trim().toLowerCase()));
    if (right.some((i) => names.has(i.frag!.text.trim().toLowerCase()))) return;
    const under = (i: FlowItem): boolean => head.some((h) => i.bbox[0] < h.bbox[2] && i.bbox[2] > h.bbox[0]);
    // Note: rows may stand a line apart (an invoice's items under "QTY  Description" beside "Price  Amount"); then the
    // table ends in a wider gap, not in a line close under its last row (a cell's next line, the table running on).
    let above = head, m = k + 1, loose = 0;
    for (; m < rows.length; m++) {
      const r = rows[m]!;
      if (rowTop(r) - rowBottom(above) > rowHeight(r)) break;
      const s = sidesOf(r, gx);
      if (!s.left.length || !s.right.length || !r.every(under)) break;
      if (!closeUnder(above, r)) loose = Math.max(loose, rowTop(r) - rowBottom(above));
      above = r;
    }
    if (loose > 0 && m < rows.length && rowTop(rows[m]!) - rowBottom(above) <= loose) return;
    // Note: the row right under the header has a value under each label, on both sides (a boarding pass's "ENTITLED TO"
    // over nothing leaves its fields to the columns).
    const first = rows[k + 1];
    // Note: a long table under its header is the other rules' to read (`rowsAcross`, `amountRows`): a header of several
    // lines over many rows of figures has lines of labels above this one.
    if (m - k - 1 > SMALL_TABLE_ROWS) return;
    if (m === k + 1 || !first) return;
    const firstSides = sidesOf(first, gx);
    if (firstSides.left.length !== left.length || firstSides.right.length !== right.length) return;
    for (let j = k; j < m; j++) for (const i of rows[j]!) out.add(i);
  });
  return out;
}

/** Rows (of three or more) led by a label and then two figures or more that make a side a table of its own. */
const LABELLED_ROWS = 3;

/**
 * A side is a table of its own: `LABELLED_ROWS` or more of its rows (pieces on one baseline, within 1 pt), half of them
 * or more, are a label (a piece with a letter, not a figure) followed by two figures or more and nothing else.
 */
function labelledTable(side: readonly FlowItem[]): boolean {
  const rows = baselineRows(side);
  const labelled = rows.filter((r) => {
    const [label, ...rest] = [...r].sort((a, b) => a.bbox[0] - b.bbox[0]);
    return rest.length >= 2 && /\p{L}/u.test(label!.frag!.text) && !figure(label!) && rest.every(figure);
  }).length;
  return labelled >= LABELLED_ROWS && labelled >= 0.5 * rows.length;
}

/** A side's text pieces below its first row (those whose baseline is within 1 pt of the highest one's). */
function belowTop(side: readonly FlowItem[]): FlowItem[] {
  const frags = side.filter((i) => i.frag);
  const top = Math.min(...frags.map((i) => i.frag!.bbox[3]));
  return frags.filter((i) => i.frag!.bbox[3] > top + 1);
}

/** Share of the rows of the side with fewer rows whose baseline (within `tol`) is also a row of the other side. */
function sharedRows(left: readonly FlowItem[], right: readonly FlowItem[], tol: number): number {
  const bottoms = (side: readonly FlowItem[]) => side.flatMap((i) => (i.frag ? [i.frag.bbox[3]] : [])).sort((a, b) => a - b);
  const lb = bottoms(left), rb = bottoms(right);
  const [few, many] = lb.length <= rb.length ? [lb, rb] : [rb, lb];
  if (few.length === 0) return 1; // (as before: a side without text rows is not a column beside text)
  let shared = 0, k = 0;
  for (const y of few) {
    while (k < many.length && many[k]! < y - tol) k++;
    if (k < many.length && Math.abs(many[k]! - y) <= tol) shared++;
  }
  return shared / few.length;
}

/**
 * Share of a side's rows (fragments on one baseline, within a point) led by a form label: its leftmost fragment
 * short and ending in a colon ("Location:", or "Certificate:" before its value "Private; Recreational").
 */
function labelShare(side: readonly FlowItem[]): number {
  const frags = side.flatMap((i) => (i.frag ? [i.frag] : [])).sort((a, b) => a.bbox[3] - b.bbox[3] || a.bbox[0] - b.bbox[0]);
  let rows = 0, labels = 0, bottom = -Infinity;
  for (const f of frags) {
    if (f.bbox[3] - bottom <= 1) continue;
    bottom = f.bbox[3];
    rows++;
    if (formLabel(f.text)) labels++;
  }
  return rows ? labels / rows : 0;
}

/** A form label: short, ending in a colon, or in a colon and the blank to fill in ("Invoice Date:_______"). */
const formLabel = (text: string): boolean => {
  const t = text.trim();
  return t.length <= 40 && /\p{L}.*:\s*_*$/u.test(t);
};

/**
 * Share of the pairs of pieces on one baseline (within a point) across the split, left piece and right piece,
 * where either is a form label (`formLabel`); `pairs` counts them. Two columns of text share baselines too, but
 * their lines are not labels.
 */
function labelledPairs(left: readonly FlowItem[], right: readonly FlowItem[]): { pairs: number; share: number } {
  let pairs = 0, labelled = 0;
  for (const l of left) {
    if (!l.frag) continue;
    const r = right.find((i) => i.frag && Math.abs(i.frag.bbox[3] - l.frag!.bbox[3]) <= 1);
    if (!r) continue;
    pairs++;
    if (formLabel(l.frag.text) || formLabel(r.frag!.text)) labelled++;
  }
  return { pairs, share: pairs ? labelled / pairs : 0 };
}

/** Share of a side's characters set in a monospaced face. */
function monoShare(side: readonly FlowItem[]): number {
  let all = 0, mono = 0;
  for (const i of side) for (const s of i.frag?.spans ?? []) {
    const n = s.text.length;
    all += n;
    if (isMono(s)) mono += n;
  }
  return all ? mono / all : 0;
}

/** Share of `side`'s rows (baselines within `tol`) that are also rows of `other`. */
function rowsIn(side: readonly FlowItem[], other: readonly FlowItem[], tol: number): number {
  const bottoms = (items: readonly FlowItem[]): number[] => [...new Set(items.flatMap((i) => (i.frag ? [Math.round(i.frag.bbox[3])] : [])))];
  const mine = bottoms(side), theirs = bottoms(other);
  return mine.length ? mine.filter((y) => theirs.some((t) => Math.abs(t - y) <= tol)).length / mine.length : 0;
}

/** Fewest rows of a column of labels beside their values (`labelColumn`): an address beside another is fewer lines. */
const LABEL_ROWS = 8;

/** Fewest rows of values set in columns beside a column of labels (`labelColumn`). */
const VALUE_GRID_ROWS = 1;

/** Share of its side's width from which a line fills it (`labelColumn`). */
const FULL_LINE = 0.85;

/** Most share of a column of labels' lines that fill its width (`labelColumn`): most lines of a text column fill theirs. */
const LABEL_FULL_SHARE = 1 / 3;

/** Least share of each side's rows that are rows of the other too (`labelColumn`). */
const LABEL_ROW_SHARE = 0.8;

/** Three figures or more in one piece, spaced ("0950 1010 1030"). */
const figureRun = (text: string): boolean => {
  const words = text.trim().split(/\s+/u);
  return words.length >= 3 && words.every((w) => NUMERIC.test(w));
};

/**
 * The left side is a column of labels, the right side their values, row by row (a datasheet's "Nennleistung DC" beside
 * "2625 W  3885 W  4410 W  5250 W", "Frequenz nominal" beside "50 Hz"): `LABEL_ROWS` rows or more of text, one piece
 * a row and no figure, the values in columns in a row or more (`VALUE_GRID_ROWS`) and never chained figures, few of its
 * lines filling the side's width (`FULL_LINE`, `LABEL_FULL_SHARE`: a text column's lines end at its edge, but for the last
 * of a paragraph), and most rows of each side (`LABEL_ROW_SHARE`) on a baseline of the other (a column of text beside
 * another keeps its own lines where they wrap). A table read across the gutter, not two columns.
 */
export function labelColumn(left: readonly FlowItem[], right: readonly FlowItem[], lb: BBox): boolean {
  const frags = left.filter((i) => i.frag);
  if (frags.length < LABEL_ROWS || left.some((i) => i.block)) return false;
  // Note: one label a row, words not figures (a table of its own beside another, each row a label and its figures, is
  // not a column of labels).
  if (new Set(frags.map((i) => Math.round(i.frag!.bbox[3]))).size < frags.length || frags.some(figure)) return false;
  // Note: the values stand in columns in some rows (two blocks of an address side by side do not), and none is a run of
  // figures chained into one piece (a timetable's times, whose columns the rows cannot show).
  const values = right.filter((i) => i.frag);
  if (values.some((i) => figureRun(i.frag!.text))) return false;
  const perRow = new Map<number, number>();
  for (const i of values) {
    const y = Math.round(i.frag!.bbox[3]);
    perRow.set(y, (perRow.get(y) ?? 0) + 1);
  }
  if ([...perRow.values()].filter((n) => n >= 2).length < VALUE_GRID_ROWS) return false;
  if (frags.filter((i) => i.bbox[2] - i.bbox[0] >= FULL_LINE * (lb[2] - lb[0])).length >= LABEL_FULL_SHARE * frags.length) return false;
  return rowsIn(left, right, 1) >= LABEL_ROW_SHARE && rowsIn(right, left, 1) >= LABEL_ROW_SHARE;
}

/** Share of the region's width that parts a narrow block from the other side (see `flushBlocks`). */
const BLOCK_GAP_SHARE = 0.25;

/**
 * A narrow side may still be a column: a letterhead's blocks, the sender's name and address flush left, the invoice's
 * number and date flush right, a quarter of the width or more apart, nothing across the gap and their lines on
 * baselines of their own (a table's rows share theirs). Each side is two lines or more, each flush with its edge of the page.
 * @param lb the left side's box (as `validSplit` has it)
 * @param rb the right side's box
 */
function flushBlocks(split: Split, left: readonly FlowItem[], right: readonly FlowItem[], lb: BBox, rb: BBox, W: number): boolean {
  if (!split.parts.every((p) => 'columns' in p)) return false;
  const l = left.filter((i) => i.frag), r = right.filter((i) => i.frag);
  if (l.length < 2 || r.length < 2 || rb[0] - lb[2] < BLOCK_GAP_SHARE * W) return false;
  const x0 = Math.min(...l.map((i) => i.bbox[0]));
  const flush = l.every((i) => Math.abs(i.bbox[0] - x0) <= 1) && r.every((i) => Math.abs(i.bbox[2] - rb[2]) <= 1);
  return flush && sharedRows(l, r, 1) < 0.5;
}

/** A split is real when both sides, over all columnar groups, look like text columns. */
function validSplit(split: Split, box: BBox, ctx: Ctx): boolean {
  const left = split.parts.flatMap((p) => ('columns' in p ? p.columns[0]! : []));
  const right = split.parts.flatMap((p) => ('columns' in p ? p.columns[1]! : []));
  if (left.length === 0 || right.length === 0) return false;
  if (cutLine(left, right, ctx.em) || cutLine(right, left, ctx.em)) return false;
  const W = box[2] - box[0];
  const lb = unionBox(left.map((i) => i.bbox)), rb = unionBox(right.map((i) => i.bbox));
  if ((lb[2] - lb[0] < ctx.opts.minColumnShare * W || rb[2] - rb[0] < ctx.opts.minColumnShare * W) && !flushBlocks(split, left, right, lb, rb, W)) return false;
  if (split.parts.every((p) => 'columns' in p) && (displayBeside(left, right, ctx) || displayBeside(right, left, ctx))) return true;
  if (labelColumn(left, right, lb)) return false;
  // Note: the rows of a table of amounts read as a band, but whether a side reads like text is judged with them.
  const pl = proseLike([...left, ...split.amounts[0]], ctx.em), pr = proseLike([...right, ...split.amounts[1]], ctx.em);
  if (!pl || !pr) {
    // A sidebar of short pieces (key figures beside the text) is still a column when nothing crosses
    // the gutter and its lines do not sit on the text's rows; a table does both.
    // Note: two tables side by side, each of rows led by a label ("Grundstücke  5  5  5  5" beside "Grundkapital  40  40 …",
    // a balance sheet's assets beside its liabilities), are columns: one table's rows have their labels on one side only.
    if (!pl && !pr) return labelledTable(left) && labelledTable(right);
    // Note: a table of amounts across the gutter is a band of its own, whatever the columns beside it are.
    const amounts = new Set(split.amounts.flat());
    const bands = split.parts.filter((p) => 'band' in p).reduce((n, p) => n + ('band' in p ? p.band.filter((i) => !amounts.has(i)).length : 0), 0);
    if (bands > 0.1 * (left.length + right.length + bands) || left.length < 3 || right.length < 3) return false;
    // Rows on one baseline (within 1 pt) across the gutter: table rows do, independent columns rarely.
    // Note: two blocks set side by side start on one baseline ("Invoice Date" beside the sender's name); below it their
    // lines keep a pitch of their own, a table's rows do not.
    if (sharedRows(left, right, 1) >= 0.5 && sharedRows(belowTop(left), belowTop(right), 1) >= 0.5) return false;
  }
  // Note: form labels ending in a colon on the left ("Location:", "Date & Time:") on the baselines of their
  // values on the right are a label/value grid, not two columns, even beside a logo or under a title.
  for (const p of split.parts) {
    if (!('columns' in p)) continue;
    const [l, r] = [p.columns[0]!, p.columns[1]!];
    if (l.filter((i) => i.frag).length >= 3 && labelShare(l) >= 0.6 && sharedRows(l, r, 1) >= 0.5) return false;
    // Note: so are rows of labels on both sides ("Invoice#:____" beside "Customer Name:____"), among lines
    // that are not (an address under a logo on the left).
    const paired = labelledPairs(l, r);
    if (paired.pairs >= 3 && paired.share >= 0.6) return false;
  }
  // Typewriter lines on both sides sharing their rows: a code listing with its comments aligned
  // beside it, not two columns (OCR baselines wander by a fraction of an em, hence the tolerance).
  if (monoShare(left) >= 0.8 && monoShare(right) >= 0.8 && sharedRows(left, right, Math.max(1, 0.3 * ctx.em)) >= 0.5) return false;
  // Both sides hold at least two lines' worth of height next to each other somewhere.
  const hl = left.reduce((n, i) => n + i.bbox[3] - i.bbox[1], 0), hr = right.reduce((n, i) => n + i.bbox[3] - i.bbox[1], 0);
  const tall = (side: readonly FlowItem[], h: number) => side.some((i) => i.block) || h >= 2.5 * ctx.em;
  return tall(left, hl) && tall(right, hr);
}

/** Widest word space (in body ems) across which one line's words may lie on both sides of a gutter (`cutLine`). */
const CUT_LINE_GAP_EM = 1.5;

/**
 * Whether a side's text is one row of words that goes on a line of the other side, a word space away across the
 * gutter: a justified line whose spaces are as wide as a gutter ("… objetivos investigar y  aplicar los conceptos",
 * beside a logo higher up on that side), not a column.
 */
function cutLine(side: readonly FlowItem[], other: readonly FlowItem[], em: number): boolean {
  const frags = side.flatMap((i) => (i.frag ? [i.frag] : []));
  if (!frags.length || frags.some((f) => Math.abs(f.bbox[3] - frags[0]!.bbox[3]) > 1)) return false;
  const x0 = Math.min(...frags.map((f) => f.bbox[0])), x1 = Math.max(...frags.map((f) => f.bbox[2]));
  return other.some((i) => i.frag && Math.abs(i.frag.bbox[3] - frags[0]!.bbox[3]) <= 1
    && ((x0 - i.frag.bbox[2] >= 0 && x0 - i.frag.bbox[2] <= CUT_LINE_GAP_EM * em) || (i.frag.bbox[0] - x1 >= 0 && i.frag.bbox[0] - x1 <= CUT_LINE_GAP_EM * em)));
}

/**
 * One side is a line in display type, the other a block of two lines or more beside it, above and below its middle
 * (a letterhead's name beside the invoice's number and dates): two columns, the display line read first, not line by
 * line with the block.
 */
function displayBeside(side: readonly FlowItem[], other: readonly FlowItem[], ctx: Ctx): boolean {
  const f = side.length === 1 ? side[0]!.frag : undefined;
  if (!f || f.fontSize < DISPLAY_SIDE_RATIO * ctx.em || (f.text.match(/\p{L}{2,}/gu) ?? []).length < 2) return false;
  const lines = other.filter((i) => i.frag && i.frag.fontSize < f.fontSize);
  const [top, bottom] = [f.bbox[1], f.bbox[3]], mid = (top + bottom) / 2, reach = bottom - top;
  // Note: a short block, all of it beside the line: not a sidebar running down the page beside a slide's title.
  return lines.length === other.length && lines.length >= 2 && lines.length <= 4 && lines.some((i) => i.bbox[3] <= mid) && lines.some((i) => i.bbox[1] >= mid)
    && lines.every((i) => i.bbox[1] >= top - reach && i.bbox[3] <= bottom + reach);
}

/** Type size (in the page's body ems) of a line that stands as a column beside a block of lines. */
const DISPLAY_SIDE_RATIO = 1.3;

/**
 * Splits items into reading-order regions: full-width bands, then each multi-column band's
 * columns left to right (right to left on RTL pages), recursively.
 * @param items fragments and atomic blocks of the page
 * @param opts layout knobs (gutter width, column share)
 * @param em body font size of the page
 * @param rtl order columns right to left
 * @param news set for a scanned newspaper page (OCR words): cut at whitespace across the whole width
 *   first, try its column rules as gutters first, heal recognised lines that ran across a gutter
 * @param drawn vertical rules drawn on a page of text (a box's sides, a rule between columns), tried as gutters first
 * Note: gutters are found on the x-profile of narrow items only, and items crossing the gutter
 * cut the columns into bands; so paragraph gaps that happen to align across columns never cut
 * a column in two, and a full-width title or figure reads before/after the columns around it.
 */
export function readingOrder(items: readonly FlowItem[], opts: ResolvedLayoutOptions, em: number, rtl: boolean, news?: NewsPage, drawn: NewsPage['rules'] = []): Region[] {
  const ctx: Ctx = { opts, em, rtl, sections: !!news, rules: news?.rules ?? drawn, bodySize: news?.bodySize ?? em };
  if (!news) return cut(items, ctx, 0);
  // Note: on a scanned newspaper page, whitespace running across the whole width (all columns at
  // once) is where a drawn rule or a masthead ends a section: the masthead, the news columns and
  // the feuilleton below its rule each read column by column on their own. Gaps that only happen
  // to align are rarely as tall as a line across every column of a page.
  // On pages of three columns or more, a lower gap is enough: chance alignments across every column are rarer.
  const bands = horizontalBands(items, SECTION_GAP_MANY_EM * em);
  const merged: FlowItem[][] = [];
  for (const band of bands) {
    const prev = merged[merged.length - 1];
    if (!prev) { merged.push(band); continue; }
    const bottom = Math.max(...prev.map((i) => i.bbox[3]));
    const top = Math.min(...band.map((i) => i.bbox[1]));
    const wide = top - bottom >= SECTION_GAP_EM * em || (sideBySide(prev, bottom, -2.5 * em) >= 3 && sideBySide(band, top, 2.5 * em) >= 3);
    if (wide) merged.push(band); else prev.push(...band);
  }
  return merged.flatMap((band) => cut(band, ctx, 0));
}

/** Height (em) of whitespace across the whole page that separates sections of a scanned newspaper page. */
const SECTION_GAP_EM = 1.2;
/** The same where three or more columns meet the gap from above and from below. */
const SECTION_GAP_MANY_EM = 0.45;

/** Most text pieces side by side (not overlapping in x) within `reach` of y (negative: above it). */
function sideBySide(items: readonly FlowItem[], y: number, reach: number): number {
  const near = items.filter((i) => i.frag && (reach < 0 ? i.bbox[3] >= y + reach : i.bbox[1] <= y + reach)).sort((a, b) => a.bbox[0] - b.bbox[0]);
  let n = 0, right = -Infinity;
  for (const i of near) if (i.bbox[0] >= right) { n++; right = i.bbox[2]; }
  return n;
}

const sortY = (list: readonly FlowItem[]): FlowItem[] => [...list].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);

/** The best gutter of a set of items whose split is valid, if any. */
function bestGutter(items: readonly FlowItem[], ctx: Ctx): { gx: number; split: Split } | undefined {
  if (items.length < 3) return undefined;
  const box = unionBox(items.map((i) => i.bbox));
  // Rules running down most of the region come first: they are drawn gutters.
  const h = box[3] - box[1];
  const ruled = ctx.rules
    .filter((r) => r.x > box[0] + ctx.opts.minColumnShare * (box[2] - box[0]) && r.x < box[2] - ctx.opts.minColumnShare * (box[2] - box[0])
      && Math.min(r.y1, box[3]) - Math.max(r.y0, box[1]) >= 0.5 * h)
    .map((r) => r.x);
  for (const gx of [...ruled, ...gutterCandidates(items, box, ctx).slice(0, 12)]) {
    const tol = ruled.includes(gx) ? 0.5 * ctx.em : 0;
    const split = splitAt(ctx.sections ? healCrossings(items, gx, ctx) : items, gx, tol, ctx.sections);
    if (validSplit(split, box, ctx)) return { gx, split };
  }
  return undefined;
}

/**
 * On a scanned newspaper page, lines of body text that run across gutter x with column lines on both
 * sides of it just above and just below: a recogniser line that ran on into the next column (the
 * gutter there too narrow to tell from a word space). They are cut at x; everything else is kept.
 * Note: a full-width line (dateline, title, a paragraph across the columns) has no column lines both
 * just above and just below it on both sides, or is set larger.
 */
function healCrossings(items: readonly FlowItem[], gx: number, ctx: Ctx): FlowItem[] {
  const crosses = (i: FlowItem) => i.bbox[0] < gx && i.bbox[2] > gx;
  const crossing = items.filter((i) => i.frag && crosses(i));
  if (!crossing.length) return [...items];
  const body = ctx.bodySize;
  const column = items.filter((i) => i.frag && !crosses(i));
  const out: FlowItem[] = [];
  for (const it of items) {
    const f = it.frag;
    if (!f || !crosses(it) || f.fontSize > 1.45 * body) { out.push(it); continue; }
    const h = f.bbox[3] - f.bbox[1];
    const near = (left: boolean, above: boolean) => column.some((c) => (left ? c.bbox[2] <= gx : c.bbox[0] >= gx)
      && (above ? c.bbox[3] <= f.bbox[1] + 0.3 * h && c.bbox[3] >= f.bbox[1] - 2 * h : c.bbox[1] >= f.bbox[3] - 0.3 * h && c.bbox[1] <= f.bbox[3] + 2 * h));
    const halves = near(true, true) && near(false, true) && near(true, false) && near(false, false) ? splitFragment(f, gx, ctx.opts) : undefined;
    if (!halves) { out.push(it); continue; }
    for (const half of halves) out.push({ bbox: half.bbox, frag: half });
  }
  return out;
}

/** Regions of a split: bands recursed, columns recursed left to right (right to left for RTL). */
function emit(split: Split, total: number, ctx: Ctx, depth: number): Region[] {
  const out: Region[] = [];
  for (const part of split.parts) {
    if ('band' in part) {
      for (const r of part.band.length < total ? cut(part.band, ctx, depth + 1) : [{ items: sortY(part.band) }]) out.push(r);
      continue;
    }
    const cols = ctx.rtl ? [...part.columns].reverse() : part.columns;
    let ci = 0;
    for (const c of cols) {
      if (!c.length) continue;
      for (const r of cut(c, ctx, depth + 1)) out.push({ items: r.items, column: r.column ?? ci });
      ci++;
    }
  }
  return out;
}

/** Horizontal bands separated by whitespace at least `minGap` tall across the whole region. */
function horizontalBands(items: readonly FlowItem[], minGap: number): FlowItem[][] {
  const sorted = sortY(items);
  const out: FlowItem[][] = [];
  let cur: FlowItem[] = [];
  let bottom = -Infinity;
  for (const it of sorted) {
    if (cur.length && it.bbox[1] - bottom >= minGap) { out.push(cur); cur = []; }
    cur.push(it);
    bottom = cur.length === 1 ? it.bbox[3] : Math.max(bottom, it.bbox[3]);
  }
  if (cur.length) out.push(cur);
  return out;
}

function cut(items: readonly FlowItem[], ctx: Ctx, depth: number, listing = true): Region[] {
  if (items.length === 0) return [];
  if (items.length < 3 || depth > 6) return [{ items: sortY(items) }];
  // Note: on a page that is not prose, whitespace of `BAND_GAP_EM` across it parts sections laid out each its own way
  // (an invoice's letterhead, its addresses side by side, the items, the totals): a gutter that happens to run down all
  // of them is no column. Bands that share a gutter are joined again (two columns with a gap across both). Only the
  // page is cut so: inside its columns, a panel's two headings over its two columns would run into one line.
  const form = !ctx.sections && !proseLines(items);
  if (depth === 0 && listing && !ctx.sections) {
    const run = listingRun(items);
    if (run) {
      // Note: what stands above the listing is read as it would be with the listing there (a title's pieces side by side
      // over its columns keep the gutters the listing's columns make), then the listing is taken out of it.
      const upper = items.filter((i) => i.bbox[1] < run.bottom), below = items.filter((i) => i.bbox[1] >= run.bottom);
      const usual = cut(upper, ctx, depth, false);
      // Note: the header's first lines (rows of labels right above it, "beste" over "Fitness") go with the listing, unless
      // the usual reading cut its rows into columns side by side: a first line of fewer labels ("LICENSE  PREMISE") would
      // then set the table's columns; it is read with what stands above.
      const rows = new Set(upper.filter((i) => i.bbox[3] > run.top));
      const parts = usual.filter((r) => r.items.some((i) => rows.has(i))).map((r) => unionBox(r.items.filter((i) => rows.has(i)).map((i) => i.bbox)));
      const sideBySide = parts.some((a, n) => parts.some((b, m) => m !== n && a[2] <= b[0] && Math.min(a[3], b[3]) > Math.max(a[1], b[1])));
      const listed = new Set(upper.filter((i) => i.bbox[3] > (sideBySide ? run.top : run.headTop)));
      const head = usual.map((r) => ({ ...r, items: r.items.filter((i) => !listed.has(i)) })).filter((r) => r.items.length);
      return [...head, { items: sortY([...listed]) }, ...cut(below, ctx, depth)];
    }
  }
  const big = depth === 0 && form ? horizontalBands(items, BAND_GAP_EM * ctx.em) : [];
  const whole = bestGutter(items, ctx);
  if (big.length >= 2) return cutBands(big, ctx, depth, whole?.gx);
  if (whole) {
    const head = new Set(form ? headAbove(whole.split, ctx.em) : []);
    if (head.size) return [...cut([...head], ctx, depth + 1), ...cut(items.filter((i) => !head.has(i)), ctx, depth + 1)];
    return emit(whole.split, items.length, ctx, depth);
  }
  // No gutter over the whole region (a wide figure or code listing covers it): cut at wide
  // horizontal whitespace, then join consecutive bands that share a gutter again so that a
  // gap aligned across both columns does not break their reading order.
  const hb = horizontalBands(items, 1.0 * ctx.em);
  if (hb.length < 2) return [{ items: sortY(items) }];
  return cutBands(hb, ctx, depth);
}

/**
 * The items of the side of a split's first columns that end above the other side's first line (an invoice's place and
 * dates set top right, over nothing, with the seller's and buyer's blocks starting under them on the left): they are
 * no column beside the other side but a block over it, read first: two lines or more, each with a word. The block ends
 * its side, or stands `HEAD_GAP_EM` or more over the rest of its text (not the first lines of an address that runs on
 * down beside the other side). Empty when the sides stand level with each other at their tops.
 */
function headAbove(split: Split, em: number): FlowItem[] {
  const first = split.parts[0];
  if (!first || !('columns' in first)) return [];
  const [l, r] = first.columns as [FlowItem[], FlowItem[]];
  if (!l.length || !r.length) return [];
  const top = (side: readonly FlowItem[]) => Math.min(...side.map((i) => i.bbox[1]));
  const [hi, lo] = top(l) < top(r) ? [l, r] : [r, l];
  const below = top(lo);
  const head = hi.filter((i) => i.bbox[3] <= below);
  // Note: a picture under the block (a seal or logo beside the other side's first lines) is no text running on.
  const rest = hi.filter((i) => i.bbox[3] > below && i.frag);
  if (!head.length || (rest.length && top(rest) - Math.max(...head.map((i) => i.bbox[3])) < HEAD_GAP_EM * em)) return [];
  // Note: lines with words; one row of pieces side by side is a table's header (a datasheet's model names over its
  // columns), and rows of figures a table's first rows (a timetable's first times).
  const rows = baselineRows(head);
  // A Chinese or Japanese character is a word ("2025年05月31日").
  return rows.length >= 2 && head.every((i) => i.frag) && rows.every((row) => row.some((i) => WORDED.test(i.frag!.text))) ? head : [];
}

/** A line with a word: two letters running, or one Chinese or Japanese character. */
const WORDED = /\p{L}{2}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** White space (ems) between a block over the other side (`headAbove`) and the rest of its own side. */
const HEAD_GAP_EM = 2;

/** Whitespace (body ems) across a whole region that parts it into bands before any gutter is looked for. */
const BAND_GAP_EM = 2.5;

/** Share of a region's characters in lines of prose above which its layout is an article's, not a form's. */
const PROSE_SHARE = 0.5;

/** Length (characters) of a piece that is a line of prose running on. */
const PROSE_RUN = 50;

/**
 * A region laid out as running text: `PROSE_SHARE` of its characters or more in pieces of `PROSE_RUN` characters or
 * more (a paper's columns), not in the short pieces of a form, an invoice or a statement.
 */
function proseLines(items: readonly FlowItem[]): boolean {
  const { all, long } = longPieces(items, PROSE_RUN);
  return all > 0 && long >= PROSE_SHARE * all;
}

/**
 * Whether band `b` runs on the columns of band `a` at gutter `g`: nothing of it crosses `g`, and on each side both
 * bands start at one edge, within an em, the right side's lines set flush left there (a sidebar running down beside
 * the text, its entries parted by a gap that happens to meet one across the text; not a form's next section, its
 * blocks set elsewhere, nor an invoice's blocks set flush right).
 */
function sameColumns(a: readonly FlowItem[], b: readonly FlowItem[], g: number, em: number): boolean {
  if (b.some((i) => i.bbox[0] < g && i.bbox[2] > g)) return false;
  const side = (band: readonly FlowItem[], left: boolean): FlowItem[] => band.filter((i) => i.frag && (left ? i.bbox[2] <= g : i.bbox[0] >= g));
  // A side's edge, when it is set flush left: half its lines or more start there (not a block set flush right).
  const edge = (items: readonly FlowItem[], left: boolean): number => {
    const x = Math.min(...items.map((i) => i.bbox[0]));
    return left || items.filter((i) => i.bbox[0] - x <= em).length >= 0.5 * items.length ? x : NaN;
  };
  return [true, false].every((left) => {
    const ea = edge(side(a, left), left), eb = edge(side(b, left), left);
    return Number.isFinite(ea) && Number.isFinite(eb) && Math.abs(ea - eb) <= em;
  });
}

/** Type (share of the body size) of a line that opens a side of a band as its heading (`headedRow`), when not bold. */
const HEADED_ROW_RATIO = 7 / 6;

/**
 * Whether both sides of gutter `g` in a band open with a heading, on one baseline (within 1 pt): a line larger than
 * the body (`HEADED_ROW_RATIO`) or bold throughout, and shorter than a line of prose.
 */
function headedRow(band: readonly FlowItem[], g: number, em: number): boolean {
  const sides = sidesOf(band.filter((i) => i.frag), g);
  const first = (left: boolean): FlowItem | undefined => (left ? sides.left : sides.right)
    .reduce<FlowItem | undefined>((a, i) => (!a || i.bbox[1] < a.bbox[1] ? i : a), undefined);
  const heading = (i: FlowItem | undefined): boolean => !!i?.frag && i.frag.text.trim().length < PROSE_LINE
    && (i.frag.fontSize > HEADED_ROW_RATIO * em || i.frag.spans.every((s) => s.bold));
  const l = first(true), r = first(false);
  return heading(l) && heading(r) && Math.abs(l!.frag!.bbox[3] - r!.frag!.bbox[3]) <= 1;
}

/**
 * The regions of a region's horizontal bands, top to bottom, consecutive bands that share a gutter read as one.
 * @param inherited the gutter found over the whole region, if any: a band that finds none of its own is still cut
 *   there when nothing of it crosses it and its lines on the two sides sit on baselines of their own (a guest's
 *   address beside the labels of the stay's dates); lines on shared baselines are a table's rows.
 */
function cutBands(hb: readonly FlowItem[][], ctx: Ctx, depth: number, inherited?: number): Region[] {
  const gut = hb.map((b) => bestGutter(b, ctx)?.gx);
  const out: Region[] = [];
  let prevPlain = false;
  let i = 0;
  while (i < hb.length) {
    let j = i + 1;
    const g = gut[i];
    // Note: a band whose sides open with a heading each on one baseline ("Sprzedawca" beside "Nabywca") is a row of
    // sections; the band under it is the next row, not the columns running on.
    if (g !== undefined && !headedRow(hb[i]!, g, ctx.em)) while (j < hb.length && ((gut[j] !== undefined && Math.abs(gut[j]! - g) < ctx.opts.minGutterEm * ctx.em) || sameColumns(hb[i]!, hb[j]!, g, ctx.em))) j++;
    const group = hb.slice(i, j).flat();
    if (j - i > 1 && g !== undefined) {
      const split = splitAt(group, g);
      if (validSplit(split, unionBox(group.map((x) => x.bbox)), ctx)) {
        out.push(...emit(split, group.length, ctx, depth));
        prevPlain = false;
        i = j;
        continue;
      }
    }
    for (const b of hb.slice(i, j)) {
      let sub = cut(b, ctx, depth + 1);
      if (inherited !== undefined && sub.length === 1 && sub[0]!.column === undefined) {
        const split = splitAt(b, inherited);
        const l = split.parts[0];
        if (split.parts.length === 1 && l && 'columns' in l && l.columns.every((c) => c.some((x) => x.frag)) && sharedRows(l.columns[0]!, l.columns[1]!, 1) < 0.5) {
          sub = emit(split, b.length, ctx, depth + 1);
        }
      }
      // Note: consecutive single-column bands stay one region (paragraph pitch, list numbering and
      // tables are judged over the whole column, not band by band).
      const prev = out[out.length - 1];
      if (sub.length === 1 && sub[0]!.column === undefined && prev && prev.column === undefined && prevPlain) {
        prev.items.push(...sub[0]!.items);
        continue;
      }
      out.push(...sub);
      prevPlain = sub.length === 1 && sub[0]!.column === undefined;
    }
    i = j;
  }
  return out;
}
