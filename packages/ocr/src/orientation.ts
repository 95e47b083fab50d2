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
 * Whether the page reads upside down: only on strong evidence, since turning an upright page
 * makes garbage of all of it, while an upside-down page left alone is rare and easy to see.
 * @param boxes detector output (the lines the classifier read)
 * @param flipScores P(180°) per box
 * Lines the classifier is sure of (P ≥ 0.8 or ≤ 0.2) vote with their length; unsure ones abstain.
 * Elongated lines vote (short boxes such as page numbers are too ambiguous unless nothing else is
 * there). Upside down needs at least half of the voting lines to be sure, at least
 * min(3, voters) sure "down" lines, and "down" to carry 75 % of the sure length.
 * Note: on a dense page of small or unfamiliar type (Fraktur, 6-pt newspaper columns) the
 * classifier hovers around 0.5 for most lines; a bare majority of such votes turned upright pages.
 */
export function looksUpsideDown(boxes: readonly DetBox[], flipScores: Float32Array): boolean {
  let up = 0, down = 0, nDown = 0, sure = 0, voters = 0;
  const vote = (longOnly: boolean) => {
    boxes.forEach(({ rect }, i) => {
      const long = Math.max(rect.hw, rect.hh);
      if (longOnly && long < 3 * Math.min(rect.hw, rect.hh)) return;
      voters++;
      const p = flipScores[i]!;
      if (p >= SURE_DOWN) { down += long; nDown++; sure++; }
      else if (p <= 1 - SURE_DOWN) { up += long; sure++; }
    });
  };
  vote(true);
  if (voters === 0) vote(false);
  if (voters === 0 || sure < 0.5 * voters) return false;
  return nDown >= Math.min(3, voters) && down >= 0.75 * (up + down);
}

/** Probability of 180° from which the classifier counts as sure a line is upside down (and 1 − it, upright). */
const SURE_DOWN = 0.8;

/** Median of numbers (0 for none). */
export function median(values: number[]): number {
  if (!values.length) return 0;
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
