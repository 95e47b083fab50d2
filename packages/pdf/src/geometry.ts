import type { BBox } from '@docmill/core';

/** An affine transform [a, b, c, d, e, f] as in PDF: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** The transform that applies `m1` first, then `m2` (PDF order: `m1 × m2`). */
export function multiply(m1: readonly number[], m2: readonly number[]): Matrix {
  const [a1 = 1, b1 = 0, c1 = 0, d1 = 1, e1 = 0, f1 = 0] = m1;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = m2;
  return [
    a1 * a2 + b1 * c2,
    a1 * b2 + b1 * d2,
    c1 * a2 + d1 * c2,
    c1 * b2 + d1 * d2,
    e1 * a2 + f1 * c2 + e2,
    e1 * b2 + f1 * d2 + f2,
  ];
}

/** Applies `m` to the point (x, y). */
export function apply(m: readonly number[], x: number, y: number): [number, number] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m;
  return [a * x + c * y + e, b * x + d * y + f];
}

/** The axis-aligned box around points given as a flat [x0, y0, x1, y1, …] list. */
export function boundsOf(points: readonly number[]): BBox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/** The axis-aligned box around a rectangle [x0, y0, x1, y1] after transforming it by `m`. */
export function transformBox(m: readonly number[], x0: number, y0: number, x1: number, y1: number): BBox {
  return boundsOf([...apply(m, x0, y0), ...apply(m, x1, y0), ...apply(m, x1, y1), ...apply(m, x0, y1)]);
}

/** True when every coordinate is a finite number. */
export function isFiniteBox(b: BBox): boolean {
  return b.every(Number.isFinite);
}

/** Rounds a box to 1/100 pt, which keeps JSON output small and diffs stable. */
export function roundBox(b: BBox): BBox {
  return [round2(b[0]), round2(b[1]), round2(b[2]), round2(b[3])];
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
