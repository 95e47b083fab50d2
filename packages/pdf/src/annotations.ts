import type { BBox, TextSpan } from '@docmill/core';
import { isFiniteBox, roundBox, round2, transformBox } from './geometry.js';
import type { LinkArea } from './text.js';

/** The part of pdf.js annotation data we read. */
interface RawAnnotation {
  subtype?: unknown;
  url?: unknown;
  rect?: unknown;
  fieldType?: unknown;
  textContent?: unknown;
  hidden?: unknown;
  defaultAppearanceData?: { fontSize?: unknown } | null;
}

function pageRect(ann: RawAnnotation, vt: readonly number[]): BBox | undefined {
  const rect = ann.rect as number[] | undefined;
  if (!rect || rect.length < 4) return undefined;
  const box = transformBox(vt, rect[0]!, rect[1]!, rect[2]!, rect[3]!);
  return isFiniteBox(box) ? box : undefined;
}

/**
 * URI link annotations as areas in top-left page points.
 * @param annotations `page.getAnnotations()`
 * @param vt user space → top-left page points
 * Internal links (destinations) are left out, and so are unsafe schemes: only
 * `url`, which pdf.js sets for safe ones, is read (`unsafeUrl` may be javascript:).
 */
export function linkAreas(annotations: readonly unknown[], vt: readonly number[]): LinkArea[] {
  const out: LinkArea[] = [];
  for (const a of annotations) {
    const ann = a as RawAnnotation;
    if (ann.subtype !== 'Link' || typeof ann.url !== 'string' || ann.url === '') continue;
    const bbox = pageRect(ann, vt);
    if (bbox) out.push({ url: ann.url, bbox });
  }
  return out;
}

const DEFAULT_FONT_SIZE = 10;

/**
 * Text that lives in annotation appearances rather than in the page content:
 * filled-in form fields and free-text comments. pdf.js leaves it out of
 * `getTextContent()` but draws it, so a converter must not lose it.
 * @param annotations `page.getAnnotations()` fetched after `page.getOperatorList()`
 *   (pdf.js extracts an annotation's `textContent` while building the operator list)
 * @param vt user space → top-left page points
 * One span per line of text; lines are stacked from the top of the annotation's
 * box (one line is centred in it). Horizontal position is the box's: glyph
 * positions inside appearances are not available. Check boxes and radio buttons
 * (whose "text" is a ZapfDingbats tick) are skipped.
 */
export function annotationSpans(annotations: readonly unknown[], vt: readonly number[]): TextSpan[] {
  const out: TextSpan[] = [];
  for (const a of annotations) {
    const ann = a as RawAnnotation;
    if (ann.subtype === 'Link' || ann.subtype === 'Popup' || ann.hidden === true || ann.fieldType === 'Btn') continue;
    if (!Array.isArray(ann.textContent)) continue;
    const lines = ann.textContent.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
    if (lines.length === 0) continue;
    const box = pageRect(ann, vt);
    if (!box) continue;
    const [x0, y0, x1, y1] = box;
    const daSize = Number(ann.defaultAppearanceData?.fontSize);
    const fontSize = daSize > 0 ? daSize : Math.min(DEFAULT_FONT_SIZE, (y1 - y0) / lines.length);
    const lineHeight = fontSize * 1.2;
    const top = lines.length === 1 ? Math.max(y0, (y0 + y1 - lineHeight) / 2) : y0;
    lines.forEach((text, i) => {
      const ly0 = Math.min(top + i * lineHeight, y1);
      out.push({ text, bbox: roundBox([x0, ly0, x1, Math.min(ly0 + lineHeight, y1)]), fontSize: round2(fontSize) });
    });
  }
  return out;
}
