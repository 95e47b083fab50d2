import type { Point } from './geometry.js';
import type { RgbImage } from './image.js';

type Bounds = readonly [number, number, number, number];

/** A place where a drop capital may stand: the line it starts, and the ink's box. */
export interface DropCapCandidate {
  /** Index of the line the capital begins (the first line beside it). */
  line: number;
  /** The capital's ink, with a small margin, as a quadrilateral to read (TL, TR, BR, BL). */
  quad: Point[];
}

/**
 * How far (in line heights) the column's edge must lie left of the line: the
 * first line's box starts right after the capital (8071_093.3B: 1.08 heights);
 * a paragraph's first-line indent is as deep, but its notch is one line tall
 * and holds no ink.
 */
const NOTCH = 0.8;

/** Lines below the first one to look at for the column's left edge (a drop capital spans 2–4 lines). */
const SPAN = 5;

/**
 * Finds drop capitals the detector left out. The detector finds lines of text,
 * and a single letter two to four lines tall beside the first lines of a
 * paragraph is none ("S" of "SHE MOPED." in 8071_093.3B): the paragraph then
 * starts with its first letter lost.
 * @param img the working image
 * @param bounds each line's box [x0, y0, x1, y1] in the image (upright lines only; others undefined)
 * Note: a candidate is a notch: a line (and any after it) starting at least
 * NOTCH line heights right of a line below it that overlaps it, with ink in
 * the notch that no line box covers, top-aligned with the first line (within
 * 0.6 heights; the search starts 1.5 heights above, so a capital beside
 * earlier lines is not taken for this one's), at least 1.6 line heights tall
 * and no taller than the notch plus half a line. The caller reads it and
 * keeps it only if it is one capital letter.
 * Does not look at lines turned 90° or read upside down.
 */
export function dropCapCandidates(img: RgbImage, bounds: ReadonlyArray<Bounds | undefined>): DropCapCandidate[] {
  const out: DropCapCandidate[] = [];
  const order = bounds.map((_, i) => i).filter((i) => bounds[i]).sort((a, b) => bounds[a]![1] - bounds[b]![1]);
  for (const [oi, i] of order.entries()) {
    const b = bounds[i]!;
    const h = b[3] - b[1];
    if (!(h > 4)) continue;
    // The first line below that overlaps this one across and starts well left of it: the column's edge.
    let edge: Bounds | undefined;
    let seen = 0;
    for (let k = oi + 1; k < order.length && seen < SPAN; k++) {
      const o = bounds[order[k]!]!;
      if (o[1] > b[3] + SPAN * h) break;
      if (Math.min(o[2], b[2]) <= Math.max(o[0], b[0]) || o[1] < b[3] - 0.3 * h) continue;
      seen++;
      if (o[0] < b[0] - NOTCH * h) {
        edge = o;
        break;
      }
    }
    if (!edge) continue;
    const rx0 = Math.max(0, Math.floor(edge[0] - 0.3 * h)), rx1 = Math.floor(b[0] - 0.05 * h);
    const ry0 = Math.max(0, Math.floor(b[1] - 1.5 * h)), ry1 = Math.min(img.height, Math.ceil(edge[1] + 0.2 * h));
    // (No height check here: the ink must be 1.6 line heights tall below, which a short region cannot hold.)
    if (rx1 - rx0 < 0.3 * h) continue;
    const ink = inkBox(img, rx0, ry0, rx1, ry1, bounds);
    if (!ink) continue;
    const [x0, y0, x1, y1] = ink;
    const ih = y1 - y0, iw = x1 - x0;
    if (ih < 1.6 * h || ih > edge[1] - b[1] + 0.5 * h || Math.abs(y0 - b[1]) > 0.6 * h || iw < 0.3 * h) continue;
    const m = 0.05 * ih;
    out.push({ line: i, quad: [[x0 - m, y0 - m], [x1 + m, y0 - m], [x1 + m, y1 + m], [x0 - m, y1 + m]] });
  }
  return out;
}

/**
 * Box of the dark pixels in a region that no line box covers (darker than
 * halfway between the region's lightest and darkest), or undefined when the
 * region has no contrast or no such pixels.
 */
function inkBox(img: RgbImage, rx0: number, ry0: number, rx1: number, ry1: number, bounds: ReadonlyArray<Bounds | undefined>): Bounds | undefined {
  const { data, width } = img;
  const gray = (x: number, y: number) => {
    const p = (y * width + x) * 3;
    return data[p]! + data[p + 1]! + data[p + 2]!;
  };
  let lo = Infinity, hi = -Infinity;
  for (let y = ry0; y < ry1; y++) for (let x = rx0; x < rx1; x++) {
    const v = gray(x, y);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi - lo > 3 * 64)) return undefined;
  const cut = (lo + hi) / 2;
  const covers = bounds.filter((o): o is Bounds => !!o && o[0] < rx1 && o[2] > rx0 && o[1] < ry1 && o[3] > ry0);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let y = ry0; y < ry1; y++) for (let x = rx0; x < rx1; x++) {
    if (gray(x, y) >= cut) continue;
    if (covers.some((o) => x >= o[0] && x < o[2] && y >= o[1] && y < o[3])) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x1 >= x0 ? [x0, y0, x1 + 1, y1 + 1] : undefined;
}

/**
 * Drop capitals the detector did find, as lines of their own: a line read as
 * one capital letter, at least 1.6 times as tall as the line beside it whose
 * top it shares (from half that line's height above its box's top to 0.9
 * below: the boxes' margins differ with their size) and which starts right
 * of it, less than two line heights away. Returns, for each, the capital's line
 * and the line it begins.
 * @param bounds each line's box [x0, y0, x1, y1] (undefined: not considered)
 * @param texts each line's text
 */
export function detectedDropCaps(bounds: ReadonlyArray<Bounds | undefined>, texts: readonly string[]): Array<{ cap: number; line: number }> {
  const out: Array<{ cap: number; line: number }> = [];
  bounds.forEach((c, ci) => {
    if (!c || !/^\p{Lu}$/u.test(texts[ci] ?? '')) return;
    let best = -1;
    bounds.forEach((b, i) => {
      if (!b || i === ci) return;
      const h = b[3] - b[1];
      if (c[3] - c[1] < 1.6 * h || c[1] < b[1] - 0.5 * h || c[1] > b[1] + 0.9 * h || b[0] < c[2] - 0.5 * h || b[0] > c[2] + 2 * h) return;
      if (best < 0 || b[0] < bounds[best]![0]) best = i;
    });
    if (best >= 0) out.push({ cap: ci, line: best });
  });
  return out;
}
