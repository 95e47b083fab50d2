/**
 * Plane geometry for text boxes: convex hull, minimum-area rectangle by
 * rotating calipers, unclipping, and the reading-order sort. Pure functions
 * over plain numbers; no image access.
 */

export type Point = [number, number];

/** A rotated rectangle: centre, unit reading axis `u` (the one nearer horizontal, u.x > 0) and half extents. */
export interface RotatedRect {
  cx: number;
  cy: number;
  /** Unit vector along the text line (x component >= 0, |ux| >= |uy|). */
  ux: number;
  uy: number;
  /** Half length along u. */
  hw: number;
  /** Half length along the normal v = (-uy, ux), which points down the page. */
  hh: number;
}

/**
 * Convex hull by Andrew's monotone chain.
 * @param xs x coordinates
 * @param ys y coordinates (same length)
 * Returns hull points counter-clockwise in maths orientation; collinear points are dropped.
 * Does not copy or sort the inputs in place.
 */
export function convexHull(xs: ArrayLike<number>, ys: ArrayLike<number>): Point[] {
  const n = xs.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]! || ys[a]! - ys[b]!);
  if (n < 3) return idx.map((i) => [xs[i]!, ys[i]!]);
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const i of idx) {
    const p: Point = [xs[i]!, ys[i]!];
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let k = idx.length - 1; k >= 0; k--) {
    const i = idx[k]!;
    const p: Point = [xs[i]!, ys[i]!];
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/**
 * Minimum-area enclosing rectangle of a convex polygon (rotating calipers over
 * its edges; O(h²), hulls of text lines are small).
 * @param hull convex polygon from convexHull
 * Returns the rectangle with its reading axis chosen as the axis nearer horizontal.
 * A degenerate hull (a point or a segment) gives a rectangle with zero extent on one side.
 */
export function minAreaRect(hull: Point[]): RotatedRect {
  const n = hull.length;
  if (n === 0) return { cx: 0, cy: 0, ux: 1, uy: 0, hw: 0, hh: 0 };
  let best = { area: Infinity, ux: 1, uy: 0, minU: 0, maxU: 0, minV: 0, maxV: 0 };
  const edges = Math.max(1, n);
  for (let e = 0; e < edges; e++) {
    const a = hull[e]!;
    const b = hull[(e + 1) % n]!;
    let dx = b[0] - a[0];
    let dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    if (len === 0) {
      dx = 1;
      dy = 0;
    } else {
      dx /= len;
      dy /= len;
    }
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const p of hull) {
      const pu = p[0] * dx + p[1] * dy;
      const pv = -p[0] * dy + p[1] * dx;
      if (pu < minU) minU = pu;
      if (pu > maxU) maxU = pu;
      if (pv < minV) minV = pv;
      if (pv > maxV) maxV = pv;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < best.area - 1e-9) best = { area, ux: dx, uy: dy, minU, maxU, minV, maxV };
  }
  const { ux, uy, minU, maxU, minV, maxV } = best;
  const cu = (minU + maxU) / 2;
  const cv = (minV + maxV) / 2;
  // centre back in x/y: p = cu*u + cv*v with v = (-uy, ux)
  const cx = cu * ux - cv * uy;
  const cy = cu * uy + cv * ux;
  return canonicalRect(cx, cy, ux, uy, (maxU - minU) / 2, (maxV - minV) / 2);
}

/** Picks, of the rectangle's two axes, the one nearer horizontal as the reading axis, pointing right. */
export function canonicalRect(cx: number, cy: number, ux: number, uy: number, hu: number, hv: number): RotatedRect {
  // The other axis is v = (-uy, ux).
  let ax = ux, ay = uy, hw = hu, hh = hv;
  if (Math.abs(uy) > Math.abs(ux)) {
    ax = -uy;
    ay = ux;
    hw = hv;
    hh = hu;
  }
  if (ax < 0 || (ax === 0 && ay < 0)) {
    ax = -ax;
    ay = -ay;
  }
  return { cx, cy, ux: ax, uy: ay, hw, hh };
}

/**
 * Grows a rectangle the way DB's "unclip" does: offset the polygon outwards by
 * distance = area * ratio / perimeter. For a rectangle the offset polygon's
 * minimum-area rectangle is the rectangle grown by that distance on every side,
 * so no general polygon clipper is needed.
 * @param r the rectangle (shrunk text kernel from the probability map)
 * @param ratio unclip ratio (PaddleOCR uses 1.5)
 */
export function unclipRect(r: RotatedRect, ratio: number): RotatedRect {
  const w = 2 * r.hw;
  const h = 2 * r.hh;
  const perimeter = 2 * (w + h);
  if (perimeter <= 0) return r;
  const d = (w * h * ratio) / perimeter;
  return { ...r, hw: r.hw + d, hh: r.hh + d };
}

/** The four corners, clockwise on screen from the top-left of the reading frame: TL, TR, BR, BL. */
export function rectCorners(r: RotatedRect): Point[] {
  const vx = -r.uy;
  const vy = r.ux;
  const ax = r.ux * r.hw, ay = r.uy * r.hw;
  const bx = vx * r.hh, by = vy * r.hh;
  return [
    [r.cx - ax - bx, r.cy - ay - by],
    [r.cx + ax - bx, r.cy + ay - by],
    [r.cx + ax + bx, r.cy + ay + by],
    [r.cx - ax + bx, r.cy - ay + by],
  ];
}

/** Axis-aligned bounds [x0, y0, x1, y1] of points. */
export function boundsOf(pts: readonly Point[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of pts) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/**
 * Sorts quadrilaterals top-to-bottom, then left-to-right within a line: boxes
 * whose top edges differ by less than half the smaller box height count as one
 * line (PaddleOCR uses a fixed 10 px; relative is resolution-independent).
 * @param boxes items with `box` corners TL, TR, BR, BL
 * Does not attempt columns: reading order across columns is the layout stage's job.
 */
export function sortReadingOrder<T extends { box: Point[] }>(boxes: T[]): T[] {
  const key = (b: T) => ({ x: b.box[0]![0], y: b.box[0]![1], h: Math.abs(b.box[3]![1] - b.box[0]![1]) });
  const out = boxes.slice().sort((a, b) => key(a).y - key(b).y || key(a).x - key(b).x);
  // Bubble neighbours on the same line into x order (as PaddleOCR's sorted_boxes does).
  for (let i = 0; i < out.length - 1; i++) {
    for (let j = i; j >= 0; j--) {
      const a = key(out[j]!);
      const b = key(out[j + 1]!);
      if (Math.abs(b.y - a.y) < 0.5 * Math.min(a.h, b.h) && b.x < a.x) {
        const t = out[j]!;
        out[j] = out[j + 1]!;
        out[j + 1] = t;
      } else break;
    }
  }
  return out;
}
