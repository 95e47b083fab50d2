import type { DetBox } from './detect.js';

/**
 * Whether the detected lines run vertically: the page lies on its side (90° or
 * 270°). Each elongated box (long side at least twice the short one) votes with
 * its length for "along the page" or "across the page".
 * @param boxes detector output
 * Does not say which side is up; the direction classifier decides that after a turn.
 */
export function looksSideways(boxes: readonly DetBox[]): boolean {
  let along = 0;
  let across = 0;
  for (const { rect } of boxes) {
    const w = rect.hw, h = rect.hh;
    if (Math.max(w, h) < 2 * Math.min(w, h)) continue;
    if (h > w) across += h;
    else along += w;
  }
  return across > along;
}

/**
 * Whether the page reads upside down, by a length-weighted majority of the
 * direction classifier over elongated lines (short boxes such as page numbers
 * are too ambiguous to vote unless nothing else is there).
 * @param boxes detector output
 * @param flipScores P(180°) per box
 */
export function looksUpsideDown(boxes: readonly DetBox[], flipScores: Float32Array): boolean {
  let up = 0;
  let down = 0;
  const vote = (longOnly: boolean) => {
    boxes.forEach(({ rect }, i) => {
      const long = Math.max(rect.hw, rect.hh);
      if (longOnly && long < 3 * Math.min(rect.hw, rect.hh)) return;
      if (flipScores[i]! > 0.5) down += long;
      else up += long;
    });
  };
  vote(true);
  if (up + down === 0) vote(false);
  return down > up;
}

/** Median of numbers (0 for none). */
export function median(values: number[]): number {
  if (!values.length) return 0;
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
