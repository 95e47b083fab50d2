import type { BBox, PositionedPage, TextSpan } from '@docmill/core';
import type { OcrResult } from './types.js';

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
    return { text: line.text, bbox, fontSize: h * f, confidence: line.confidence };
  });
  return { index: page.index, width: result.width * f, height: result.height * f, spans, source: 'ocr' };
}
