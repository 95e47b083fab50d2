import type { BBox } from '@docmill/core';
import { IDENTITY, isFiniteBox, multiply, roundBox, transformBox, type Matrix } from './geometry.js';
import type { PdfJs } from './pdfjs.js';

/** What the operator list tells about a page beyond its text content. */
export interface OperatorFacts {
  /** Non-blank glyphs shown in an invisible text render mode (3 or 7). */
  invisibleChars: number;
  /** All non-blank glyphs shown. */
  totalChars: number;
  /** Lines and thin rectangles, top-left origin, points. */
  rules: BBox[];
  /** Painted images, top-left origin, points. */
  figures: BBox[];
  /** Painting operations other than text: path fills and strokes, images, shadings. */
  paintOps: number;
  /** Images painted whole (image XObjects and inline images): their area on the page (points) and their own size in pixels. */
  images?: Array<{ box: BBox; width: number; height: number }>;
}

/** A rule is at most this thick (points). */
const RULE_MAX_THICKNESS = 2;
/** …and at least this long (points): shorter marks are dots, bullets, glyph parts. */
const RULE_MIN_LENGTH = 4;
/** A figure smaller than this on a side (points) is decoration, not a figure. */
const FIGURE_MIN_SIDE = 4;
/** Bounds the work and output on pathological pages (maps with 10⁵ strokes). */
const MAX_ITEMS = 5000;

// pdf.js 5 DrawOPS codes inside a constructPath buffer (src/shared/util.js).
const DRAW_MOVE = 0;
const DRAW_LINE = 1;
const DRAW_CURVE = 2;
const DRAW_QUAD = 3;
const DRAW_CLOSE = 4;

interface GState {
  ctm: Matrix;
  textRenderMode: number;
}

/**
 * Scans a page's operator list: counts visible and invisible glyphs, and collects
 * rules (for table borders) and image areas (figures).
 * @param pdfjs the loaded pdf.js module (for its OPS codes)
 * @param fnArray, argsArray the page's operator list
 * @param viewportTransform user space → top-left page points (the page viewport at scale 1)
 * Never throws: on a malformed list it returns what it gathered so far and no rules.
 * Does not look inside annotation appearances (form fields, stamps), which the
 * text content does not include either, nor inside Type3 glyph procedures.
 */
export function scanOperators(pdfjs: PdfJs, fnArray: readonly number[], argsArray: readonly unknown[], viewportTransform: readonly number[]): OperatorFacts {
  const OPS = pdfjs.OPS;
  const facts: OperatorFacts = { invisibleChars: 0, totalChars: 0, rules: [], figures: [], paintOps: 0 };
  const stack: GState[] = [];
  let gs: GState = { ctm: [...IDENTITY], textRenderMode: 0 };
  let inAnnotation = 0;
  const toPage = (): Matrix => multiply(gs.ctm, viewportTransform);
  const addFigure = (m: Matrix): void => {
    facts.paintOps++;
    const box = transformBox(m, 0, 0, 1, 1);
    if (facts.figures.length < MAX_ITEMS && isFiniteBox(box) && box[2] - box[0] >= FIGURE_MIN_SIDE && box[3] - box[1] >= FIGURE_MIN_SIDE) {
      facts.figures.push(roundBox(box));
    }
  };
  try {
    for (let i = 0; i < fnArray.length; i++) {
      const fn = fnArray[i];
      const args = argsArray[i] as unknown[] | null | undefined;
      switch (fn) {
        case OPS.save:
          stack.push({ ctm: [...gs.ctm], textRenderMode: gs.textRenderMode });
          break;
        case OPS.restore:
          gs = stack.pop() ?? gs;
          break;
        case OPS.transform:
          if (args && args.length >= 6) gs.ctm = multiply(args as number[], gs.ctm);
          break;
        case OPS.paintFormXObjectBegin: {
          stack.push({ ctm: [...gs.ctm], textRenderMode: gs.textRenderMode });
          const matrix = args?.[0];
          if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) gs.ctm = multiply(Array.from(matrix as ArrayLike<number>), gs.ctm);
          break;
        }
        case OPS.paintFormXObjectEnd:
          gs = stack.pop() ?? gs;
          break;
        case OPS.beginAnnotation:
          inAnnotation++;
          break;
        case OPS.endAnnotation:
          inAnnotation = Math.max(0, inAnnotation - 1);
          break;
        case OPS.setTextRenderingMode:
          gs.textRenderMode = Number(args?.[0] ?? 0);
          break;
        case OPS.showText:
        case OPS.showSpacedText:
        case OPS.nextLineShowText:
        case OPS.nextLineSetSpacingShowText: {
          if (inAnnotation) break;
          const glyphs = args?.[args.length - 1];
          const n = Array.isArray(glyphs) ? countGlyphs(glyphs) : 0;
          facts.totalChars += n;
          // Note: 3 is "neither fill nor stroke" (the OCR-layer mode); 7 only adds to the clip path.
          if (gs.textRenderMode === 3 || gs.textRenderMode === 7) facts.invisibleChars += n;
          break;
        }
        case OPS.paintImageXObject:
        case OPS.paintInlineImageXObject:
        case OPS.paintImageMaskXObject: {
          if (inAnnotation) break;
          addFigure(toPage());
          const size = imagePixels(args);
          if (size && (facts.images ??= []).length < MAX_ITEMS) facts.images.push({ box: roundBox(transformBox(toPage(), 0, 0, 1, 1)), ...size });
          break;
        }
        case OPS.paintImageXObjectRepeat: {
          // args: [objId, scaleX, scaleY, positions[x0, y0, x1, y1, …]]
          if (inAnnotation || !args) break;
          const [, sx, sy, positions] = args as [unknown, number, number, ArrayLike<number>];
          const base = toPage();
          for (let k = 0; positions && k + 1 < positions.length && facts.figures.length < MAX_ITEMS; k += 2) {
            addFigure(multiply([sx, 0, 0, sy, positions[k]!, positions[k + 1]!], base));
          }
          break;
        }
        case OPS.constructPath:
          if (inAnnotation || !args) break;
          if (args[0] !== OPS.endPath) facts.paintOps++;
          if (facts.rules.length < MAX_ITEMS) collectRules(OPS, args, toPage(), facts.rules);
          break;
        case OPS.shadingFill:
        // Grouped small images (bitmap glyphs, patterns of marks): painted, but not figures.
        case OPS.paintImageMaskXObjectGroup:
        case OPS.paintInlineImageXObjectGroup:
        case OPS.paintImageMaskXObjectRepeat:
        case OPS.paintSolidColorImageMask:
          if (!inAnnotation) facts.paintOps++;
          break;
        default:
          break;
      }
    }
  } catch {
    // Note: best effort by contract; a surprise in pdf.js's internal op format
    // must cost the page its rules, never its text.
    facts.rules = [];
  }
  facts.rules = unique(facts.rules);
  return facts;
}

/**
 * The pixel size of a painted image from its operator's arguments: pdf.js 5 gives
 * paintImageXObject [objId, width, height] and the inline/mask ops an image-data object
 * with width and height. Undefined when the arguments do not say.
 */
function imagePixels(args: unknown[] | null | undefined): { width: number; height: number } | undefined {
  if (!args) return undefined;
  const [a, b, c] = args;
  if (typeof b === 'number' && typeof c === 'number') return b > 0 && c > 0 ? { width: b, height: c } : undefined;
  if (a && typeof a === 'object') {
    const { width, height } = a as { width?: unknown; height?: unknown };
    if (typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0) return { width, height };
  }
  return undefined;
}

/** Drops repeated boxes (a filled-and-stroked rule, a table drawn twice). */
function unique(boxes: BBox[]): BBox[] {
  const seen = new Set<string>();
  return boxes.filter((b) => {
    const key = b.join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function countGlyphs(glyphs: unknown[]): number {
  let n = 0;
  for (const g of glyphs) {
    if (g && typeof g === 'object') {
      const glyph = g as { unicode?: string; isSpace?: boolean };
      if (!glyph.isSpace && typeof glyph.unicode === 'string' && glyph.unicode.trim() !== '') n++;
    }
  }
  return n;
}

/**
 * Adds the rules drawn by one pdf.js 5 `constructPath` op.
 * @param args [paintOp, [pathBuffer], minMax]: pathBuffer is a flat list of DrawOPS
 *   codes and user-space coordinates (a Float32Array, or a Path2D once the page has
 *   been rendered); minMax is the user-space bounds [minX, minY, maxX, maxY]
 * @param m user space → top-left page points
 * Stroked segments that are (nearly) horizontal or vertical become rules; filled
 * subpaths become rules when thin. Curves are not rules.
 */
function collectRules(OPS: PdfJs['OPS'], args: unknown[], m: Matrix, out: BBox[]): void {
  const paint = args[0] as number;
  const stroke = paint === OPS.stroke || paint === OPS.closeStroke || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke || paint === OPS.closeEOFillStroke;
  const fill = paint === OPS.fill || paint === OPS.eoFill || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke || paint === OPS.closeEOFillStroke;
  if (!stroke && !fill) return; // endPath: a clip, nothing painted
  const buffer = (args[1] as unknown[] | undefined)?.[0];
  if (!ArrayBuffer.isView(buffer)) {
    // Already turned into a Path2D by a render: fall back to the overall bounds.
    const mm = args[2] as ArrayLike<number> | null | undefined;
    if (mm && mm.length >= 4) {
      const [x0, y0, x1, y1] = transformBox(m, mm[0]!, mm[1]!, mm[2]!, mm[3]!);
      pushIfRule(x0, y0, x1, y1, out);
    }
    return;
  }
  const data = buffer as unknown as ArrayLike<number>;
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m;
  // Note: plain numbers rather than point arrays: dense drawings (plans, maps)
  // send 10⁵ segments through here per page.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let lastX = NaN;
  let lastY = NaN;
  let startX = NaN;
  let startY = NaN;
  let points = 0;
  let hasCurve = false;
  const endSubpath = (): void => {
    if (fill && !hasCurve && points >= 2) pushIfRule(minX, minY, maxX, maxY, out);
    minX = minY = Infinity;
    maxX = maxY = -Infinity;
    points = 0;
    hasCurve = false;
  };
  const to = (ux: number, uy: number): void => {
    const x = a * ux + c * uy + e;
    const y = b * ux + d * uy + f;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    lastX = x;
    lastY = y;
    points++;
  };
  const segmentTo = (ux: number, uy: number): void => {
    const x0 = lastX;
    const y0 = lastY;
    to(ux, uy);
    if (stroke && points >= 2) pushIfRule(Math.min(x0, lastX), Math.min(y0, lastY), Math.max(x0, lastX), Math.max(y0, lastY), out);
  };
  for (let i = 0; i < data.length && out.length < MAX_ITEMS; ) {
    switch (data[i++]) {
      case DRAW_MOVE:
        endSubpath();
        to(data[i++]!, data[i++]!);
        startX = lastX;
        startY = lastY;
        break;
      case DRAW_LINE:
        segmentTo(data[i++]!, data[i++]!);
        break;
      case DRAW_CURVE:
        hasCurve = true;
        to(data[i + 4]!, data[i + 5]!);
        i += 6;
        break;
      case DRAW_QUAD:
        hasCurve = true;
        to(data[i + 2]!, data[i + 3]!);
        i += 4;
        break;
      case DRAW_CLOSE:
        if (points >= 1 && !Number.isNaN(startX) && stroke) {
          pushIfRule(Math.min(lastX, startX), Math.min(lastY, startY), Math.max(lastX, startX), Math.max(lastY, startY), out);
        }
        lastX = startX;
        lastY = startY;
        break;
      default:
        return; // unknown code: the layout of the buffer is not what we expect
    }
  }
  endSubpath();
}

function pushIfRule(x0: number, y0: number, x1: number, y1: number, out: BBox[]): void {
  const w = x1 - x0;
  const h = y1 - y0;
  if (!Number.isFinite(w) || !Number.isFinite(h)) return;
  const thin = Math.min(w, h);
  const long = Math.max(w, h);
  if (thin <= RULE_MAX_THICKNESS && long >= RULE_MIN_LENGTH) out.push(roundBox([x0, y0, x1, y1]));
}
