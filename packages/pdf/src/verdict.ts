import type { PageFlag, TextSpan, TextVerdict } from '@docmill/core';
import { countGarbage } from './garbage.js';

const ALNUM = /[\p{L}\p{N}]/u;

/** Counts from the operator list that the spans alone cannot tell. */
export interface TextLayerStats {
  /** Non-blank glyphs drawn invisibly (text render mode 3 or 7). */
  invisibleChars: number;
  /** All non-blank glyphs drawn. */
  totalChars: number;
  /** Share of the page area covered by images, 0..1 (optional). */
  imageCoverage?: number;
  /** Painting operations other than text (paths, images, shadings), when known. */
  paintOps?: number;
}

/** Above this share of invisible glyphs the text layer is an OCR layer we do not trust. */
const MAX_INVISIBLE_SHARE = 0.5;
/** Above this share of garbage characters the text layer is unusable. */
const MAX_GARBAGE_SHARE = 0.3;
/** A page with fewer visible characters than this and a big image is a scan. */
const MIN_CHARS_WITH_IMAGE = 5;
/** "A big image": at least this share of the page. */
const BIG_IMAGE_COVERAGE = 0.3;
/** One glyph repeated as this share of all letters and digits… */
const REPEATED_GLYPH_SHARE = 0.9;
/** …on a page with at least this many letters and digits (short pages repeat innocently). */
const REPEATED_GLYPH_MIN = 20;

/**
 * Decides whether a page's text layer can be used as is, or the page needs OCR.
 * @param spans the page's positioned text (invisible text included, as pdf.js reports it)
 * @param stats glyph counts from the operator list (see `TextLayerStats`)
 * Untrusted when there is no visible text ('no_text_layer'; also when only a
 * handful of characters sit on a page with a big image), when most text is
 * invisible ('invisible_text': an OCR layer under a scan), or when too much of
 * it is glyph garbage ('garbage_glyphs': private-use code points, U+FFFD,
 * "(cid:NN)", control characters, words mixing unrelated scripts — see
 * `countGarbage` — or one glyph repeated as nearly all text).
 * A page with no text and nothing painted also gets 'blank' (still needs_ocr by
 * the rules above: the caller may skip it).
 * Does not judge language or spelling.
 */
export function judgeTextLayer(spans: TextSpan[], stats: TextLayerStats): TextVerdict {
  let total = 0;
  let garbage = 0;
  const alnumCounts = new Map<string, number>();
  let alnum = 0;
  for (const span of spans) {
    const counts = countGarbage(span.text);
    total += counts.total;
    garbage += counts.garbage;
    for (const ch of span.text) {
      if (ALNUM.test(ch)) {
        alnum++;
        alnumCounts.set(ch, (alnumCounts.get(ch) ?? 0) + 1);
      }
    }
  }
  // Note: spans do not say which of them were drawn invisibly (pdf.js reports all
  // text alike), so the visible count is the span count scaled by the operator
  // list's visible share.
  const invisibleShare = stats.totalChars > 0 ? Math.min(1, Math.max(0, stats.invisibleChars / stats.totalChars)) : 0;
  const chars = Math.round(total * (1 - invisibleShare));

  let garbageShare = total > 0 ? garbage / total : 0;
  if (alnum >= REPEATED_GLYPH_MIN) {
    const top = Math.max(...alnumCounts.values());
    if (top / alnum >= REPEATED_GLYPH_SHARE) garbageShare = Math.max(garbageShare, top / total);
  }

  const reasons: PageFlag[] = [];
  const bigImage = (stats.imageCoverage ?? 0) >= BIG_IMAGE_COVERAGE;
  // Note: an invisible OCR layer is reported as such, not also as "no text layer".
  if (invisibleShare > MAX_INVISIBLE_SHARE) reasons.push('invisible_text');
  else if (chars === 0 || (chars < MIN_CHARS_WITH_IMAGE && bigImage)) reasons.push('no_text_layer');
  // Note: 'blank' only when nothing at all is painted; outlined text (glyphs as
  // paths) and scans paint something, so they still go to OCR.
  if (total === 0 && stats.totalChars === 0 && stats.paintOps === 0) reasons.push('blank');
  if (garbageShare > MAX_GARBAGE_SHARE) reasons.push('garbage_glyphs');
  return {
    trustworthy: reasons.length === 0,
    flags: reasons.length === 0 ? [] : ['needs_ocr', ...reasons],
    chars,
    garbageShare: Math.round(garbageShare * 1000) / 1000,
    invisibleShare: Math.round(invisibleShare * 1000) / 1000,
  };
}
