/**
 * Advance widths of a proportional face (Times-Roman's, in 1/1000 em), for the
 * characters that tell a proportional line from a typewriter one.
 */
const WIDTH: Record<string, number> = {
  a: 444, b: 500, c: 444, d: 500, e: 444, f: 333, g: 500, h: 500, i: 278, j: 278, k: 500, l: 278, m: 778,
  n: 500, o: 500, p: 500, q: 500, r: 333, s: 389, t: 278, u: 500, v: 500, w: 722, x: 500, y: 500, z: 444,
  A: 722, B: 667, C: 667, D: 722, E: 611, F: 556, G: 722, H: 722, I: 333, J: 389, K: 722, L: 611, M: 889,
  N: 722, O: 722, P: 556, Q: 722, R: 667, S: 556, T: 611, U: 722, V: 722, W: 944, X: 722, Y: 722, Z: 611,
  '.': 250, ',': 250, ':': 278, ';': 278, "'": 180, '"': 408, '(': 333, ')': 333, '[': 333, ']': 333,
  '-': 333, '/': 278, '!': 333, '|': 200, '`': 333,
};
const widthOf = (c: string) => WIDTH[c] ?? 500;

/** Fewest letter pairs inside words a line needs before its pitch is judged. */
const MIN_PAIRS = 8;

/** A line whose constant-advance fit is this much better than the proportional one is monospaced. */
export const MONO_SCORE = 1.5;
/** A line scoring at least this (or a short one, whatever it scores), between two monospaced lines, is taken as monospaced too. */
export const MONO_NEIGHBOURED = 1;
/** Characters in a line short enough to go with its typewriter neighbours whatever it scores (an instruction of a listing). */
const SHORT_LINE = 24;

/**
 * How much better a recognised line's character positions fit a typewriter
 * (monospaced) face than a proportional one: in a monospaced line the step
 * from one character to the next is the same for "il" as for "mw"; in a
 * proportional one it follows the letters' widths.
 * @param text the decoded line
 * @param charSteps where the recogniser placed each character of `text` (ctcGreedy)
 * Note: pairs are taken inside words only (the recogniser's spaces do not keep
 * their count). Both models are fitted to the steps by least squares (a
 * constant advance; an advance proportional to the two letters' mean width in
 * Times-Roman), and the score is the proportional fit's squared error over the
 * constant one's. Measured on a 200 dpi render of tracemonkey.pdf p3 (a
 * typewriter listing beside Times prose): prose lines score 0.46–1.2 (two of
 * 38 at 1.65), listing lines 0.56–16 (45 of 54 over 1.5); no line of
 * pdflatex-4-pages.pdf pp. 1–2 scores over 1.3.
 * Returns undefined for a line with fewer than MIN_PAIRS pairs (no evidence).
 */
export function monoScore(text: string, charSteps: readonly number[]): number | undefined {
  const chars = Array.from(text);
  const d: number[] = [];
  const w: number[] = [];
  for (let i = 1; i < chars.length; i++) {
    if (chars[i] === ' ' || chars[i - 1] === ' ') continue;
    d.push(charSteps[i]! - charSteps[i - 1]!);
    w.push((widthOf(chars[i]!) + widthOf(chars[i - 1]!)) / 2);
  }
  if (d.length < MIN_PAIRS) return undefined;
  const n = d.length;
  const mean = d.reduce((a, b) => a + b, 0) / n;
  const constErr = d.reduce((a, b) => a + (b - mean) ** 2, 0);
  // Least squares through the origin: d ≈ k·w.
  const k = d.reduce((a, b, i) => a + b * w[i]!, 0) / w.reduce((a, b) => a + b * b, 0);
  const propErr = d.reduce((a, b, i) => a + (b - k * w[i]!) ** 2, 0);
  return propErr / Math.max(constErr, 1e-3);
}

/**
 * Which lines of a page are set in a typewriter face: those scoring MONO_SCORE
 * (see monoScore), and those too short to judge, of at most SHORT_LINE
 * characters, or scoring at least MONO_NEIGHBOURED, whose nearest lines above
 * and below (overlapping them across, within two line heights) both scored
 * MONO_SCORE, or that share their row with such a line less than ten line
 * heights away: short
 * instructions of a listing ("xf v5", "push esi") go with the listing and
 * its comments. A line taken in this way vouches for its neighbours in turn
 * (three passes at most); prose lines, long and scoring low, never qualify.
 * @param bounds each line's axis-aligned box [x0, y0, x1, y1]
 * @param scores each line's monoScore (undefined: too few letters)
 */
export function typewriterLines(bounds: ReadonlyArray<readonly [number, number, number, number]>, scores: ReadonlyArray<{ text: string; monoScore?: number }>): boolean[] {
  const mono = scores.map((s) => s.monoScore !== undefined && s.monoScore >= MONO_SCORE);
  // Most pages have no typewriter line at all: nothing can vouch for a neighbour.
  if (!mono.includes(true)) return mono;
  const eligible = scores.map((s) => s.monoScore === undefined || s.monoScore >= MONO_NEIGHBOURED || Array.from(s.text).length <= SHORT_LINE);
  const overlapsAcross = (a: readonly number[], b: readonly number[]) => Math.min(a[2]!, b[2]!) > Math.max(a[0]!, b[0]!);
  // A line taken in goes on to vouch for its neighbours: a few passes settle a listing.
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    bounds.forEach((b, i) => {
      if (mono[i] || !eligible[i]) return;
      const h = b[3] - b[1];
      const cy = (b[1] + b[3]) / 2;
      let above = -1, below = -1;
      bounds.forEach((o, j) => {
        if (j === i || !overlapsAcross(o, b)) return;
        if (o[3] <= cy && cy - o[3] < 2 * h && (above < 0 || o[3] > bounds[above]![3])) above = j;
        if (o[1] >= cy && o[1] - cy < 2 * h && (below < 0 || o[1] < bounds[below]![1])) below = j;
      });
      const between = above >= 0 && below >= 0 && mono[above]! && mono[below]!;
      // Beside a typewriter line on its row (a listing's comment column), not far off.
      const beside = bounds.some((o, j) => mono[j]! && j !== i && Math.min(o[3], b[3]) - Math.max(o[1], b[1]) > 0.5 * Math.min(h, o[3] - o[1]) && Math.max(o[0], b[0]) - Math.min(o[2], b[2]) < 10 * h);
      if (between || beside) {
        mono[i] = true;
        changed = true;
      }
    });
    if (!changed) break;
  }
  return mono;
}
