import type { TextSpan } from '@docmill/core';
import { median } from './geometry.js';

/** Rows above and below a gap that decide whether it is a gutter. */
const WINDOW_ROWS = 8;

/**
 * Finds where recognised lines run across a column gutter, so that they can be cut there.
 * @param spans the page's word spans (OCR pages whose recogniser gives words)
 * Returns a function that, given one chained run of spans on a row (left to right) and its font
 * size, says before which spans to cut it.
 * A gap between two words is a gutter when the rows above and below it (a few lines each way)
 * leave the same x free: words end just left of it and start just right of it in several of those
 * rows, and almost no word of them covers it. Gaps inside a paragraph of justified text are wide
 * too, but they do not line up with free space in the rows around them.
 * Note: a headline spanning two columns has a word gap over the gutter by chance now and then; it
 * is set larger than the text around it, and a gap in it is a gutter only when it is wide for its
 * own size (an em), which word spaces are not.
 * Does not look at rules (drawn column rules come with `PositionedPage.rules` on text-layer pages,
 * and OCR reads them as '|', which layout drops before this).
 */
export function gutterCutter(spans: readonly TextSpan[]): (run: readonly TextSpan[], size: number) => number[] {
  const sorted = spans
    .map((s) => ({ x0: s.bbox[0], x1: s.bbox[2], yc: (s.bbox[1] + s.bbox[3]) / 2, size: s.fontSize }))
    .sort((a, b) => a.yc - b.yc);
  const ys = sorted.map((s) => s.yc);
  const lowerBound = (y: number): number => {
    let lo = 0, hi = ys.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (ys[mid]! < y) lo = mid + 1; else hi = mid; }
    return lo;
  };
  return (run, size) => {
    const cuts: number[] = [];
    if (run.length < 2) return cuts;
    const yc = (Math.min(...run.map((s) => s.bbox[1])) + Math.max(...run.map((s) => s.bbox[3]))) / 2;
    const h = size || 10;
    const a = lowerBound(yc - WINDOW_ROWS * h), b = lowerBound(yc + WINDOW_ROWS * h);
    // Words of the other rows in the window.
    const win = sorted.slice(a, b).filter((s) => Math.abs(s.yc - yc) > 0.5 * h);
    if (win.length < 8) return cuts;
    const body = median(win.map((s) => s.size)) || h;
    const large = h > 1.25 * body;
    for (let i = 1; i < run.length; i++) {
      const g0 = run[i - 1]!.bbox[2], g1 = run[i]!.bbox[0];
      const gap = g1 - g0;
      if (gap < 0.35 * body || (large && gap < h)) continue;
      // The best x inside the gap: fewest words of the window covering it.
      let best = Infinity, bestX = g0;
      const steps = 6;
      for (let k = 1; k < steps; k++) {
        const x = g0 + (gap * k) / steps;
        let c = 0;
        for (const s of win) if (s.x0 < x && s.x1 > x) c++;
        if (c < best) { best = c; bestX = x; }
      }
      let left = 0, right = 0;
      for (const s of win) {
        if (s.x1 <= bestX && s.x1 > bestX - 3 * body) left++;
        if (s.x0 >= bestX && s.x0 < bestX + 3 * body) right++;
      }
      if (left >= 3 && right >= 3 && best <= Math.max(1, 0.15 * Math.min(left, right))) cuts.push(i);
    }
    return cuts;
  };
}
