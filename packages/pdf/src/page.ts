import { createLogger, type PositionedPage, type RenderRequest, type RenderedImage, type TextVerdict } from '@docmill/core';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { fontStyle, type FontStyle } from './fonts.js';
import { annotationSpans, linkAreas } from './annotations.js';
import { drawnEuro } from './drawn-signs.js';
import { scanOperators, type OperatorFacts } from './operators.js';
import type { PdfJs } from './pdfjs.js';
import { renderPage } from './render.js';
import { toSpans, type RawTextStyle } from './text.js';
import { readingTurn, turnedTransform } from './upright.js';
import { judgeTextLayer } from './verdict.js';

const log = createLogger('pdf');

/** One page of an open PDF. */
export interface PdfPage {
  /** 0-based page index. */
  readonly index: number;
  /** Size in points, after the page's /Rotate. */
  readonly width: number;
  readonly height: number;
  /** Printed page label (/PageLabels), when the PDF has labels. */
  readonly label?: string;
  /** Positioned text (source 'text-layer', bbox top-left origin in points), rules, figures, and the verdict. */
  extractText(): Promise<{ page: PositionedPage; verdict: TextVerdict }>;
  /**
   * The resolution (dpi) of the scan the page is made of: of its one image covering at
   * least SCAN_COVERAGE of the page, from the image's own pixels over its painted size
   * (rotation-proof: square root of pixel area over point area). Undefined when the
   * page has no such image, or several. Image inputs give their own resolution.
   */
  scanDpi(): Promise<number | undefined>;
  /** Render: longestSide or dpi, optional clockwise rotation, png|jpeg. */
  render(req: RenderRequest): Promise<RenderedImage>;
  /** Free pdf.js page resources (call after each page: bounded memory on long PDFs). */
  release(): void;
}

/**
 * Wraps a pdf.js page.
 * @param pdfjs the loaded pdf.js module
 * @param proxy the pdf.js page
 * @param index 0-based index
 * @param label printed label, if any
 * @param tagged the document is a tagged PDF (MarkInfo /Marked): spans of heading elements get their level
 */
export function wrapPage(pdfjs: PdfJs, proxy: PDFPageProxy, index: number, label: string | undefined, tagged = false): PdfPage {
  const viewport = proxy.getViewport({ scale: 1 });
  const width = Math.round(viewport.width * 100) / 100;
  const height = Math.round(viewport.height * 100) / 100;
  let images: OperatorFacts['images'] | undefined;
  return {
    index,
    width,
    height,
    ...(label !== undefined ? { label } : {}),
    async extractText() {
      let textFailed = false;
      const [content, ops, headings] = await Promise.all([
        // Note: a content stream pdf.js cannot decode (bad Flate data in a damaged
        // file) leaves the page without a text layer rather than failing it: the
        // verdict then routes it to OCR, which reads whatever still renders.
        proxy.getTextContent(tagged ? { includeMarkedContent: true } : undefined).catch((e: unknown) => {
          textFailed = true;
          log.warn({ page: index, err: e instanceof Error ? e.message : String(e) }, 'text content unreadable; treating the page as having no text layer');
          return { items: [], styles: {} };
        }),
        proxy.getOperatorList().catch(() => undefined),
        // Note: a broken structure tree costs the headings it would have given, not the page.
        tagged ? proxy.getStructTree().then(headingLevels, () => undefined) : undefined,
      ]);
      // Note: after the operator list, which is when pdf.js extracts the text of
      // annotation appearances (form fields, free text).
      const annotations: unknown[] = await proxy.getAnnotations().catch(() => []);
      // Note: a page printed sideways (a landscape table, or /Rotate on upright content) is laid
      // out turned so that its text reads left to right; `rotation` records the turn, as for OCR.
      const turn = readingTurn(content.items, viewport.transform);
      const { transform: vt, width: w, height: h } = turnedTransform(viewport.transform, turn, width, height);
      const facts: OperatorFacts = ops
        ? scanOperators(pdfjs, ops.fnArray, ops.argsArray, vt)
        : { invisibleChars: 0, totalChars: 0, rules: [], figures: [], paintOps: -1 };
      images = facts.images ?? [];
      const links = linkAreas(annotations, vt);
      // Note: a euro sign drawn as a "C" struck with two rules (LaTeX's eurosym) is read as "€", its bars not as rules.
      const { spans, rules } = drawnEuro([
        ...toSpans(content.items, content.styles as Record<string, RawTextStyle>, vt, (id) => styleOf(proxy, id), links, headings?.size ? (id) => headings.get(id) : undefined),
        ...annotationSpans(annotations, vt),
      ], facts.rules);
      const page: PositionedPage = { index, width: w, height: h, spans, source: 'text-layer', ...(turn ? { rotation: turn } : {}) };
      if (rules.length > 0) page.rules = rules;
      if (facts.figures.length > 0) page.figures = facts.figures;
      const verdict = judgeTextLayer(spans, {
        invisibleChars: facts.invisibleChars,
        totalChars: facts.totalChars,
        imageCoverage: coverage(facts.figures, w, h),
        // Note: an unreadable page is not called blank: we do not know what it holds.
        ...(facts.paintOps >= 0 && !textFailed ? { paintOps: facts.paintOps } : {}),
      });
      return { page, verdict };
    },
    async scanDpi() {
      if (!images) {
        const ops = await proxy.getOperatorList().catch(() => undefined);
        images = ops ? (scanOperators(pdfjs, ops.fnArray, ops.argsArray, viewport.transform).images ?? []) : [];
      }
      return scanDpiOf(images, width, height);
    },
    render(req) {
      return renderPage(proxy, req);
    },
    release() {
      proxy.cleanup();
    },
  };
}

/** A node of pdf.js's structure tree (`getStructTree`): an element with a role, or a marked-content leaf. */
interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/**
 * The heading level of each marked-content id under an H1–H6 element of a page's structure tree
 * (roles as pdf.js gives them, after the document's role map).
 * @param tree `getStructTree()` of the page (null when the page has none)
 * Does not take the generic H element (no level) nor anything below a table cell (a TH set as
 * a heading is the table's).
 */
export function headingLevels(tree: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (n: StructNode, level: number | undefined): void => {
    if (n.type === 'content' && typeof n.id === 'string') {
      if (level !== undefined) out.set(n.id, level);
      return;
    }
    if (n.role === 'TH' || n.role === 'TD' || n.role === 'Table') return;
    const m = /^H([1-6])$/.exec(n.role ?? '');
    for (const c of n.children ?? []) walk(c, m ? Number(m[1]) : level);
  };
  if (tree && typeof tree === 'object') walk(tree as StructNode, undefined);
  return out;
}

/** Share of the page an image must cover to be the page's scan. */
export const SCAN_COVERAGE = 0.85;

/**
 * The resolution of the page's scan: its one image covering SCAN_COVERAGE of the page
 * (other, small images such as a stamp are ignored), as 72 × √(pixels / points²).
 * Undefined when no image or more than one covers that much.
 */
export function scanDpiOf(images: NonNullable<OperatorFacts['images']>, width: number, height: number): number | undefined {
  const area = width * height;
  if (!(area > 0)) return undefined;
  const big = images.filter(({ box: [x0, y0, x1, y1] }) => {
    const w = Math.min(x1, width) - Math.max(x0, 0), h = Math.min(y1, height) - Math.max(y0, 0);
    return w > 0 && h > 0 && (w * h) / area >= SCAN_COVERAGE;
  });
  if (big.length !== 1) return undefined;
  const { box: [x0, y0, x1, y1], width: pw, height: ph } = big[0]!;
  const pts = (x1 - x0) * (y1 - y0);
  return pts > 0 ? Math.round(72 * Math.sqrt((pw * ph) / pts) * 100) / 100 : undefined;
}

/** Font style of a pdf.js font id; fonts are in commonObjs once the operator list was loaded. */
function styleOf(proxy: PDFPageProxy, id: string): FontStyle {
  try {
    if (proxy.commonObjs.has(id)) return fontStyle(proxy.commonObjs.get(id) as Parameters<typeof fontStyle>[0]);
  } catch {
    // Note: a font that failed to load has no style; the span still has its text.
  }
  return fontStyle(undefined);
}

/** Share of the page covered by figures (sum of clipped areas, capped at 1). */
function coverage(figures: readonly [number, number, number, number][], width: number, height: number): number {
  const area = width * height;
  if (!(area > 0)) return 0;
  let sum = 0;
  for (const [x0, y0, x1, y1] of figures) {
    const w = Math.min(x1, width) - Math.max(x0, 0);
    const h = Math.min(y1, height) - Math.max(y0, 0);
    if (w > 0 && h > 0) sum += w * h;
  }
  return Math.min(1, sum / area);
}
