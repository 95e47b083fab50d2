import type { BBox, TextSpan } from '@docmill/core';

/** Least white space between a drawn bullet and its line's text, in the text's font size… */
const MIN_GAP_EM = 0.15;
/** …and most. */
const MAX_GAP_EM = 2.5;
/** A bullet is at most this tall, in its line's font size (a disc in the middle of the line, not a box around it). */
const MAX_HEIGHT_EM = 0.8;
/** White space left of a bullet, in the line's font size: nothing of its line comes closer (the bullet starts the line). */
const CLEAR_LEFT_EM = 2;
/** Bullets of one list are drawn at one x (points). */
const SAME_X = 1;

/**
 * List bullets that a page draws as small filled shapes (a browser's discs and squares, some word
 * processors' exports) instead of as a glyph: the text layer has no "•", so the list would come out
 * as paragraphs. Returns a "•" span for each mark (`OperatorFacts.marks`) that starts a line of text:
 * centred on that line's height and at most `MAX_HEIGHT_EM` of its font size tall, `MIN_GAP_EM` to
 * `MAX_GAP_EM` ems before the line's first text, with nothing of the line within `CLEAR_LEFT_EM` ems
 * left of it and no text over it; and only where two marks or more so placed share one x and their
 * lines' text one indent (a list, not a lone dot beside a word nor a diagram's dots beside their labels). The span has the line's height and size, so layout reads "• text".
 * @param marks small filled shapes of the page, top-left origin, points
 * @param spans the page's text
 * Does not look at turned or vertical text, nor at right-to-left lines (their bullets are on the right).
 */
export function drawnBullets(marks: readonly BBox[], spans: readonly TextSpan[]): TextSpan[] {
  const lineText = spans.filter((s) => s.text.trim() !== '' && s.turned === undefined && s.dir !== 'ttb' && s.dir !== 'rtl');
  const found: Array<{ mark: BBox; span: TextSpan }> = [];
  const seen = new Set<string>();
  for (const mark of marks) {
    // Note: a shape filled and stroked, or drawn twice, is one bullet.
    const key = mark.map((v) => Math.round(v)).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const cy = (mark[1] + mark[3]) / 2;
    let best: TextSpan | undefined;
    for (const s of lineText) {
      if (cy < s.bbox[1] || cy > s.bbox[3] || mark[3] - mark[1] > MAX_HEIGHT_EM * s.fontSize) continue;
      const gap = s.bbox[0] - mark[2];
      if (gap < MIN_GAP_EM * s.fontSize || gap > MAX_GAP_EM * s.fontSize) continue;
      if (!best || s.bbox[0] < best.bbox[0]) best = s;
    }
    if (!best) continue;
    const em = best.fontSize;
    const line = lineText.filter((s) => s !== best && s.bbox[1] < cy && s.bbox[3] > cy);
    // Nothing of the line between the mark and its text, just left of it, or over it.
    if (line.some((s) => s.bbox[2] > mark[0] - CLEAR_LEFT_EM * em && s.bbox[0] < best!.bbox[0])) continue;
    if (spans.some((s) => s.text.trim() !== '' && s.bbox[0] < mark[2] && s.bbox[2] > mark[0] && s.bbox[1] < mark[3] && s.bbox[3] > mark[1])) continue;
    if (!found.some((f) => f.span === best)) found.push({ mark, span: best });
  }
  // Note: a list's bullets share one x and its items' text one indent; labels beside a diagram's dots do not.
  return found
    .filter((f) => found.some((o) => o !== f && Math.abs(o.mark[0] - f.mark[0]) <= SAME_X && Math.abs(o.span.bbox[0] - f.span.bbox[0]) <= SAME_X))
    .map(({ mark, span }) => ({
      text: '•',
      bbox: [mark[0], span.bbox[1], mark[2], span.bbox[3]] as BBox,
      fontSize: span.fontSize,
      ...(span.fontName ? { fontName: span.fontName } : {}),
    }));
}
