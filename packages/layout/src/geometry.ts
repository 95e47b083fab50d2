import type { BBox } from '@docmill/core';

/** Smallest box holding all the given boxes (a zero box for none). */
export function unionBox(boxes: readonly BBox[]): BBox {
  if (boxes.length === 0) return [0, 0, 0, 0];
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of boxes) {
    if (b[0] < x0) x0 = b[0];
    if (b[1] < y0) y0 = b[1];
    if (b[2] > x1) x1 = b[2];
    if (b[3] > y1) y1 = b[3];
  }
  return [x0, y0, x1, y1];
}

/** Length of the overlap of two intervals (0 when disjoint). */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Median of the values (0 for none). Does not modify its input. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The least value at or under which half the weight lies (undefined for none). Does not modify its input. */
export function weightedMedian(items: ReadonlyArray<{ value: number; weight: number }>): number | undefined {
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((n, i) => n + i.weight, 0);
  let acc = 0;
  for (const i of sorted) { acc += i.weight; if (acc >= total / 2) return i.value; }
  return undefined;
}

/**
 * The most common value after rounding to `step`, each value weighted: the weighted mean of the values in the most
 * common class (13.9 pt body text is 13.9, not its class's 14: a heading at 16.1 is 1.16 times it).
 * @param entries value and weight pairs
 * @param step rounding step (0.5 pt groups 10.0 and 10.4 together)
 * Returns 0 for no entries. Ties go to the smaller class (body text is rarely the larger size).
 */
export function weightedMode(entries: ReadonlyArray<readonly [number, number]>, step = 0.5): number {
  const counts = new Map<number, { w: number; sum: number }>();
  for (const [v, w] of entries) {
    const k = Math.round(v / step) * step;
    const c = counts.get(k);
    if (c) { c.w += w; c.sum += v * w; } else counts.set(k, { w, sum: v * w });
  }
  let best = 0, bestW = -1, bestSum = 0;
  for (const [k, { w, sum }] of counts) {
    if (w > bestW || (w === bestW && k < best)) { best = k; bestW = w; bestSum = sum; }
  }
  return bestW > 0 ? bestSum / bestW : best;
}
