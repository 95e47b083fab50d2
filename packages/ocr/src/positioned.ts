import type { BBox, PositionedPage, TextSpan } from '@docmill/core';
import type { OcrResult } from './types.js';

/**
 * The ink band (see inkMeasure in crop.ts) as a share of the em: for lines with
 * lower-case letters, and for lines of capitals and digits. Fitted on the
 * report fixture (10, 12, 14, 22 pt; 150 and 300 dpi).
 */
const X_BAND = 0.45;
const CAP_BAND = 0.66;
/** A line's box height as a multiple of its median word's box height (words with and without descenders). */
const WORD_TO_LINE = 1.2;

/**
 * A line's font size (em) in px: from its ink band (the x-height of lower-case
 * text, the cap height of capitals and digits) when it was measured and is
 * plausible, else from the height of its box.
 * Note: box heights vary by up to 50 % between lines of one size (descenders,
 * capitals, the detector's margins), which broke paragraphs at every jump in
 * "size" and made body lines into headings; ink bands stay within about 5–10 %
 * (report fixture at 150 and 300 dpi; engine test). A band under a fifth of the
 * box height is a failed measure, not small print.
 */
function fontSizeOf(text: string, band: number | undefined, boxHeight: number): number {
  if (!band || band < boxHeight / 5) return boxHeight;
  return /\p{Ll}/u.test(text) ? band / X_BAND : band / CAP_BAND;
}

/**
 * OCR lines → the layout stage's positioned text (source 'ocr'): one span per
 * line, coordinates in points (px × 72 / dpi), fontSize = the line's height in
 * points (measured across the line, so a skewed line is not taller), confidence set; one span per
 * word instead when the line carries its words.
 * @param result OCR of the page image
 * @param page the page's 0-based index and the resolution the image was rendered or scanned at
 * Does not merge lines into blocks or guess styles (bold, italic): that is layout's job.
 */
export function ocrToPositionedPage(result: OcrResult, page: { index: number; dpi: number }): PositionedPage {
  const f = 72 / page.dpi;
  const spans: TextSpan[] = result.lines.flatMap((line, lineIndex) => {
    const [tl, , , bl] = line.box;
    const h = tl && bl ? Math.hypot(bl[0] - tl[0], bl[1] - tl[1]) : line.bbox[3] - line.bbox[1];
    // Note: tesseract's paragraph (else block) id rides along as a hint (region): layout reads each as a unit.
    const mono = { ...(line.monospace ? { monospace: true } : {}), ...((line.paragraph ?? line.block) !== undefined ? { region: (line.paragraph ?? line.block)! } : {}) };
    const words = (line.words ?? []).filter((w) => w.text.trim() !== '');
    if (words.length < 2) {
      const bbox: BBox = [line.bbox[0] * f, line.bbox[1] * f, line.bbox[2] * f, line.bbox[3] * f];
      return [{ text: line.text, bbox, fontSize: fontSizeOf(line.text, line.inkBand, h) * f, confidence: line.confidence, ...mono }];
    }
    // Note: one span per word, each as tall as its stretch of the line (words closer than a word's
    // height to each other), so that the words of a stretch stay on one row whatever their ascenders,
    // while a line that runs on across a gutter into a row of the next column set a little higher or
    // lower does not drag that row into its own. A space after every word but the last: layout joins
    // them again and cuts the line wherever a column gutter runs through it.
    const heights = words.map((w) => w.bbox[3] - w.bbox[1]).sort((a, b) => a - b);
    const wordH = heights[heights.length >> 1]!;
    // Note: the median word's height, not the line's box: a recogniser line that wanders across a
    // gutter into a row set higher or lower has a box much taller than its type.
    const fontSize = fontSizeOf(line.text, line.inkBand, Math.min(h, WORD_TO_LINE * wordH)) * f;
    const spansOut: TextSpan[] = [];
    let start = 0;
    for (let i = 1; i <= words.length; i++) {
      if (i < words.length && words[i]!.bbox[0] - words[i - 1]!.bbox[2] <= wordH) continue;
      const group = words.slice(start, i);
      const y0 = Math.min(...group.map((w) => w.bbox[1])), y1 = Math.max(...group.map((w) => w.bbox[3]));
      group.forEach((w, k) => spansOut.push({
        text: start + k < words.length - 1 ? `${w.text.trim()} ` : w.text.trim(),
        bbox: [w.bbox[0] * f, y0 * f, w.bbox[2] * f, y1 * f],
        fontSize,
        confidence: w.confidence ?? line.confidence,
        ...mono,
        ...(mono.region !== undefined ? { line: lineIndex } : {}),
      }));
      start = i;
    }
    return spansOut;
  });
  return { index: page.index, width: result.width * f, height: result.height * f, spans, source: 'ocr' };
}
