import type { BBox, PositionedPage, TextSpan } from '@docmill/core';
import type { OcrResult } from './types.js';

/**
 * The ink band (see inkMeasure in crop.ts) as a share of the em: for lines with
 * lower-case letters, and for lines of capitals and digits. Fitted on the
 * report fixture (10, 12, 14, 22 pt; 150 and 300 dpi).
 */
const X_BAND = 0.45;
const CAP_BAND = 0.66;

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
 * points (measured across the line, so a skewed line is not taller), confidence set.
 * @param result OCR of the page image
 * @param page the page's 0-based index and the resolution the image was rendered or scanned at
 * Does not merge lines into blocks or guess styles (bold, italic): that is layout's job.
 */
export function ocrToPositionedPage(result: OcrResult, page: { index: number; dpi: number }): PositionedPage {
  const f = 72 / page.dpi;
  const spans: TextSpan[] = result.lines.map((line) => {
    const [tl, , , bl] = line.box;
    const h = tl && bl ? Math.hypot(bl[0] - tl[0], bl[1] - tl[1]) : line.bbox[3] - line.bbox[1];
    const bbox: BBox = [line.bbox[0] * f, line.bbox[1] * f, line.bbox[2] * f, line.bbox[3] * f];
    return { text: line.text, bbox, fontSize: fontSizeOf(line.text, line.inkBand, h) * f, confidence: line.confidence, ...(line.monospace ? { monospace: true } : {}), ...(line.block !== undefined ? { region: line.block } : {}) };
  });
  return { index: page.index, width: result.width * f, height: result.height * f, spans, source: 'ocr' };
}
