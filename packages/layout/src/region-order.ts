import type { BBox } from '@docmill/core';

/** Share of the narrower box's width two boxes must share to count as one above the other (skewed scans touch). */
const X_OVERLAP = 0.1;

/** The boxes share more than X_OVERLAP of the narrower one's width. */
function xOverlaps(u: BBox, v: BBox): boolean {
  const o = Math.min(u[2], v[2]) - Math.max(u[0], v[0]);
  return o > X_OVERLAP * Math.min(u[2] - u[0], v[2] - v[0]);
}

/**
 * Reading order of the regions of a page (text blocks a recogniser's page segmentation found:
 * column pieces, headlines, boxes). The page is first cut into sections at whitespace no region
 * crosses, where text ends above it and starts below it across the page (a masthead above the
 * columns, a feuilleton below its rule; see `minGap` and `near`) and no column of the section
 * above ended long before beside text that runs on (a sidebar), read top to bottom; inside a
 * section, Breuel's rules for text in columns (T. M.
 * Breuel, "High Performance Document Layout Analysis", 2003, as OCRopus orders text lines):
 * - u comes before v when they share a stretch of x (one column) and u's centre is higher;
 * - u comes before v when u lies left of v and no third region w whose centre lies between
 *   their tops and bottoms runs across both (a headline over both columns, a box):
 *   columns of one article are read left to right.
 * The order is a depth-first topological sort of those constraints, visiting regions top to
 * bottom, so regions with no constraint between them are read top to bottom, and a cycle
 * (crossing skewed boxes) is broken instead of failing.
 * @param boxes the regions' boxes, any order
 * @param minGap the least height of the whitespace that ends a section (default 0)
 * @param near how far above and below the gap regions count as ending and starting at it
 *   (default: all): the regions ending there and those starting there must each cover half
 *   of the page's text width, else the gap is a paragraph gap that happens to run across the
 *   columns (one column's paragraph ends where the other's began long before)
 * Returns the indexes of `boxes` in reading order. Left to right only: right-to-left pages
 * are not read by this. Quadratic in regions for the pairs and cubic in the worst case for
 * the separator test; a newspaper page has a few hundred regions.
 * Note: on the press pages sections then columns read CER 0.084 / order 0.84 where
 * tesseract's own block order read 0.105 / 0.80 (first four NZZ pages); "centre between"
 * (not any overlap) keeps a skewed line that grazes the top of a column from cutting that
 * column off from its left neighbour.
 */
export function orderRegions(boxes: readonly BBox[], minGap = 0, near = Infinity): number[] {
  const byTop = [...boxes.keys()].sort((a, b) => boxes[a]![1] - boxes[b]![1]);
  const left = Math.min(...boxes.map((b) => b[0])), right = Math.max(...boxes.map((b) => b[2]));
  // The share of the page's text width that the regions' x-extents cover together.
  const coverage = (ks: number[]) => {
    const iv = ks.map((k) => [boxes[k]![0], boxes[k]![2]] as const).sort((a, b) => a[0] - b[0]);
    let covered = 0, end = -Infinity;
    for (const [a, b] of iv) {
      if (b <= end) continue;
      covered += b - Math.max(a, end);
      end = b;
    }
    return right > left ? covered / (right - left) : 1;
  };
  const sections: number[][] = [];
  let start = 0, bottom = -Infinity;
  byTop.forEach((i, k) => {
    const top = boxes[i]![1];
    if (k > 0 && top > bottom + minGap) {
      // Note: a real section break has text running up to it across the page and text starting
      // below it across the page (a masthead's foot, a rule over the feuilleton); a gap where one
      // column's paragraph ends while the other column ended long before is not one.
      const above = byTop.slice(0, k).filter((j) => boxes[j]![3] >= bottom - near);
      const below = byTop.slice(k).filter((j) => boxes[j]![1] <= top + near);
      // Every column of the section must end there too: a sidebar that ended long before, beside a
      // column that runs on, is read after that column, not before its next paragraph.
      const columnsEnd = byTop.slice(start, k).every((j) => boxes[j]![3] >= bottom - near || above.some((a) => xOverlaps(boxes[a]!, boxes[j]!)));
      if (coverage(above) >= 0.5 && coverage(below) >= 0.5 && columnsEnd) {
        sections.push(byTop.slice(start, k));
        start = k;
      }
    }
    bottom = Math.max(bottom, boxes[i]![3]);
  });
  sections.push(byTop.slice(start));
  return sections.filter((x) => x.length).flatMap((section) => columnOrder(section.map((i) => boxes[i]!)).map((k) => section[k]!));
}

/** Breuel's order of the regions of one section (see orderRegions). */
function columnOrder(boxes: readonly BBox[]): number[] {
  const n = boxes.length;
  const before: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    const u = boxes[i]!;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v = boxes[j]!;
      if (xOverlaps(u, v)) {
        if (u[1] + u[3] < v[1] + v[3]) before[j]!.push(i);
        continue;
      }
      const leftOf = u[0] + u[2] < v[0] + v[2] && u[2] <= v[0] + X_OVERLAP * Math.min(u[2] - u[0], v[2] - v[0]);
      if (!leftOf) continue;
      const top = Math.min(u[1], v[1]), bottom = Math.max(u[3], v[3]);
      let separated = false;
      for (let k = 0; k < n && !separated; k++) {
        if (k === i || k === j) continue;
        const w = boxes[k]!;
        const wc = (w[1] + w[3]) / 2;
        separated = wc >= top && wc <= bottom && xOverlaps(w, u) && xOverlaps(w, v);
      }
      if (!separated) before[j]!.push(i);
    }
  }
  const topDown = (a: number, b: number) => boxes[a]![1] - boxes[b]![1] || boxes[a]![0] - boxes[b]![0];
  const seen = new Uint8Array(n);
  const order: number[] = [];
  // Note: an explicit stack, not recursion: a page of many small regions must not overflow the call stack.
  for (const start of [...Array(n).keys()].sort(topDown)) {
    if (seen[start]) continue;
    seen[start] = 1;
    const stack: Array<{ node: number; preds: number[]; next: number }> = [{ node: start, preds: [...before[start]!].sort(topDown), next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.preds.length) {
        const p = top.preds[top.next++]!;
        if (seen[p]) continue;
        seen[p] = 1;
        stack.push({ node: p, preds: [...before[p]!].sort(topDown), next: 0 });
      } else {
        order.push(top.node);
        stack.pop();
      }
    }
  }
  return order;
}
