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
 * Words of two recognised lines (the last word of a line has no trailing space) are cut apart
 * wherever they are a word space apart or more.
 * Note: a headline spanning two columns has a word gap over the gutter by chance now and then; it
 * is set larger than the text around it, and a gap in it is a gutter only when it is wide for its
 * own size (an em), which word spaces are not.
 * @param rules vertical rules found from the '|' OCR read off them (see `barRules`): a run is cut
 *   at any word gap a rule runs through, however narrow.
 */
export function gutterCutter(spans: readonly TextSpan[], rules: readonly RuleLine[] = []): (run: readonly TextSpan[], size: number) => number[] {
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
      if (rules.some((r) => yc >= r.y0 && yc <= r.y1 && r.x >= g0 - 0.5 * h && r.x <= g1 + 0.5 * h)) { cuts.push(i); continue; }
      if (gap < 0.35 * body || (large && gap < h)) continue;
      // The last word of one recognised line and a word of another on the same row, a word space or
      // more apart: the recogniser itself saw two lines there (its words end in a space but the last).
      if (!/\s$/.test(run[i - 1]!.text)) { cuts.push(i); continue; }
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

/** A vertical rule between columns, as found from the bars OCR read off it. */
export interface RuleLine { x: number; y0: number; y1: number }

const BAR = /[|¦]/;

/**
 * Takes the '|' that OCR reads off drawn rules out of the words, and finds the rules they lie on.
 * @param spans word spans of an OCR page
 * Returns the spans without bars (a word with a bar inside, "unzuftic-|cutta", becomes two words,
 * their boxes shared out by characters; a lone bar goes) and the vertical rules: at least four bars
 * within half an em of one x, the rule running from the first to the last of them and two lines on.
 * Does not look at the image: a rule OCR read no bar off is not found here.
 */
export function barRules(spans: readonly TextSpan[]): { spans: TextSpan[]; rules: RuleLine[] } {
  const out: TextSpan[] = [];
  const bars: Array<{ x: number; y: number; h: number }> = [];
  for (const s of spans) {
    if (!BAR.test(s.text)) { out.push(s); continue; }
    const text = s.text;
    const n = Math.max(1, text.trimEnd().length);
    const w = s.bbox[2] - s.bbox[0];
    const at = (k: number) => s.bbox[0] + (w * k) / n;
    let start = 0;
    const pieces: Array<[number, number]> = [];
    for (let k = 0; k <= text.length; k++) {
      if (k < text.length && !BAR.test(text[k]!)) continue;
      if (k < text.length) bars.push({ x: at(k + 0.5), y: (s.bbox[1] + s.bbox[3]) / 2, h: s.bbox[3] - s.bbox[1] });
      if (text.slice(start, k).trim()) pieces.push([start, k]);
      start = k + 1;
    }
    pieces.forEach(([a, b], i) => {
      const t = text.slice(a, b).trim();
      out.push({ ...s, text: i < pieces.length - 1 || /\s$/.test(text) ? `${t} ` : t, bbox: [at(a), s.bbox[1], at(b), s.bbox[3]] });
    });
  }
  const rules: RuleLine[] = [];
  bars.sort((a, b) => a.x - b.x);
  let i = 0;
  while (i < bars.length) {
    const h = median(bars.map((b) => b.h)) || 10;
    let j = i + 1;
    while (j < bars.length && bars[j]!.x - bars[j - 1]!.x <= 0.5 * h) j++;
    if (j - i >= 4) {
      const group = bars.slice(i, j);
      const ys = group.map((b) => b.y);
      rules.push({ x: median(group.map((b) => b.x)), y0: Math.min(...ys) - 2 * h, y1: Math.max(...ys) + 2 * h });
    }
    i = j;
  }
  return { spans: out, rules };
}
