import { multiply, type Matrix } from './geometry.js';

/** A clockwise quarter-turn count in degrees. */
export type QuarterTurn = 0 | 90 | 180 | 270;

/** Share of a page's characters that must run one way for the page to be laid out that way up. */
const DOMINANT_SHARE = 0.6;
/** Fewer characters than this say nothing about which way a page reads. */
const MIN_CHARS = 20;

/**
 * How far a text item's baseline is turned clockwise from left-to-right on the page: 90 when it
 * reads top to bottom, 180 upside down, 270 bottom to top (to the nearest quarter turn).
 * @param transform the item's text transform (user space)
 * @param viewportTransform user space to the page (y down)
 */
export function baselineTurn(transform: readonly number[], viewportTransform: readonly number[]): QuarterTurn {
  const [a = 0, b = 0] = transform;
  const [va = 1, vb = 0, vc = 0, vd = 1] = viewportTransform;
  const x = va * a + vc * b;
  const y = vb * a + vd * b;
  if (Math.abs(x) >= Math.abs(y)) return x < 0 ? 180 : 0;
  return y > 0 ? 90 : 270;
}

/**
 * The clockwise turn that makes a page's text read left to right, from the direction of its text
 * items on the displayed page (after /Rotate): 90 when most characters run bottom to top (a
 * landscape table printed sideways), 270 when they run top to bottom (a page given /Rotate 90 whose
 * content was drawn upright), 180 when upside down; 0 when most run left to right, when no
 * direction has DOMINANT_SHARE of the characters, or when there are fewer than MIN_CHARS.
 * @param items pdf.js text items (`transform` in user space; other items are skipped)
 * @param viewportTransform the page's viewport transform (user space to displayed page, y down)
 */
export function readingTurn(items: readonly unknown[], viewportTransform: readonly number[]): QuarterTurn {
  const chars = new Map<QuarterTurn, number>();
  let total = 0;
  for (const raw of items) {
    const item = raw as { str?: unknown; transform?: unknown };
    if (typeof item.str !== 'string' || !Array.isArray(item.transform)) continue;
    const n = item.str.replace(/\s/g, '').length;
    const [a = 0, b = 0] = item.transform as number[];
    if (n === 0 || (a === 0 && b === 0)) continue;
    total += n;
    const turn = baselineTurn(item.transform as number[], viewportTransform);
    chars.set(turn, (chars.get(turn) ?? 0) + n);
  }
  if (total < MIN_CHARS) return 0;
  let best: QuarterTurn = 0;
  for (const [turn, n] of chars) if (n > (chars.get(best) ?? 0)) best = turn;
  if (best === 0 || chars.get(best)! < DOMINANT_SHARE * total) return 0;
  // Text turned 270 (bottom to top) reads after a 90° clockwise turn of the page, and so on.
  return ((360 - best) % 360) as QuarterTurn;
}

/**
 * The displayed page's transform followed by a clockwise turn of the page, so that the turned
 * page's top-left corner is the origin again.
 * @param viewportTransform user space to the displayed page (y down)
 * @param turn clockwise degrees
 * @param width the displayed page's width in points
 * @param height its height
 * @returns the transform from user space to the turned page, and the turned page's size
 */
export function turnedTransform(viewportTransform: readonly number[], turn: QuarterTurn, width: number, height: number): { transform: Matrix; width: number; height: number } {
  const vt = viewportTransform as Matrix;
  switch (turn) {
    case 90: return { transform: multiply(vt, [0, 1, -1, 0, height, 0]), width: height, height: width };
    case 180: return { transform: multiply(vt, [-1, 0, 0, -1, width, height]), width, height };
    case 270: return { transform: multiply(vt, [0, -1, 1, 0, 0, width]), width: height, height: width };
    default: return { transform: [...vt] as Matrix, width, height };
  }
}
