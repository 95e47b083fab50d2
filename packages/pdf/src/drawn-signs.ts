import type { BBox, TextSpan } from '@docmill/core';

/** A "C" standing alone at the end of an item, or at its start ("C pro Jahr"). */
const LONE_C = /(?:^|\s)C\s*$/u;
const FIRST_C = /^\s*C(?=\s)/u;

/**
 * The euro sign as LaTeX's eurosym package draws it by default (`gen`): a "C" of the text font with two short
 * horizontal bars struck across its middle, drawn as rules. Such a "C" becomes "€", and its bars are no rules
 * (they would be table borders to the layout).
 * @param spans the page's spans; @param rules its rules
 * The "C" stands alone at the end of its item ("C", "600 C") or at its start ("C pro Jahr"). A bar lies inside the
 * glyph's box (the item's last em or first, to a point across), in its middle three fifths down, is thin (under a point) and narrower than the glyph; two of them make
 * the sign. A "C" with one bar, or none, is a letter.
 */
export function drawnEuro(spans: readonly TextSpan[], rules: readonly BBox[]): { spans: TextSpan[]; rules: BBox[] } {
  const used = new Set<number>();
  const out = spans.map((s) => {
    const last = LONE_C.test(s.text);
    if (!last && !FIRST_C.test(s.text)) return s;
    // Note: the text layer may give the "C" alone, at the end of the item before it ("600 C") or at the start of the
    // words after it ("C pro Jahr"): the glyph is the item's last em, or its first.
    const [, y0, , y1] = s.bbox;
    const x0 = last ? Math.max(s.bbox[0], s.bbox[2] - s.fontSize) : s.bbox[0];
    const x1 = last ? s.bbox[2] : Math.min(s.bbox[2], s.bbox[0] + s.fontSize);
    const h = y1 - y0;
    const bars: number[] = [];
    rules.forEach((r, i) => {
      if (used.has(i) || r[3] - r[1] > 1 || r[2] - r[0] > x1 - x0 || r[0] < x0 - 1 || r[2] > x1 + 1) return;
      if (r[1] < y0 + 0.2 * h || r[3] > y1 - 0.2 * h) return;
      bars.push(i);
    });
    if (bars.length !== 2) return s;
    for (const i of bars) used.add(i);
    return { ...s, text: s.text.replace(last ? LONE_C : FIRST_C, (m) => m.replace('C', '€')) };
  });
  return { spans: out, rules: used.size ? rules.filter((_, i) => !used.has(i)) : [...rules] };
}
