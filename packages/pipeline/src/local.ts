import { applyOutline, layoutPage, type OutlineHeading } from '@docmill/layout';
import type { OcrEngine, OcrResult } from '@docmill/ocr';
import { DocmillError, createLogger, toDocmillError, type PageDraft, type PageFlag, type PositionedPage, type RenderedImage, type TextVerdict } from '@docmill/core';
import { cachedSource } from './source-cache.js';
import { cpuSlots } from './cpu-slots.js';
import type { ConvertOptions } from './options.js';
import type { PageInput, SourcePage } from './sources.js';

/** Least resolution at which pages are rendered for PP-OCR (the detector downsizes; recognition crops keep detail). */
export const OCR_DPI = 200;
/** Resolution at which pages that are not a scan are rendered for tesseract (its documentation asks for 300 dpi). */
const TESSERACT_DPI = 300;
/**
 * Most pixels a page is rendered with for OCR: a scan is read at its own resolution up to
 * this (a 4,200 × 5,600 px newspaper page is 23.5 Mpx). Bounds memory per page thread to
 * about 40 Mpx × (4 canvas + 3 RGB + 1 grey) bytes ≈ 320 MB at the peak.
 */
export const MAX_OCR_PIXELS = 40_000_000;

/**
 * The resolution to render a page at for OCR, capped so that the page has at most MAX_OCR_PIXELS:
 * - tesseract: the page's scan at its own pixels when the page is one image, else TESSERACT_DPI;
 * - PP-OCR: the scan's own pixels too, but at least OCR_DPI (its line crops are sampled
 *   from the page, and a 150 dpi page read at 1× misread "1" as "I" where 2× did not: images test).
 * Never resamples a scan below its own pixels unless the cap demands it.
 * @param scanDpi the scan's resolution (PdfPage.scanDpi), undefined when the page is no scan
 * @param size the page in points
 * @param recogniser which engine reads the rendering
 */
export function ocrDpi(scanDpi: number | undefined, size: { width: number; height: number }, recogniser: 'ppocr' | 'tesseract' = 'ppocr'): number {
  const want = recogniser === 'tesseract' ? (scanDpi ?? TESSERACT_DPI) : Math.max(scanDpi ?? 0, OCR_DPI);
  const px = (size.width / 72) * (size.height / 72) * want * want;
  return px > MAX_OCR_PIXELS ? want * Math.sqrt(MAX_OCR_PIXELS / px) : want;
}

const log = createLogger('pipeline');

let ocrEngine: Promise<OcrEngine> | undefined;

/** The thread's OCR engine, created on first use and reused (ONNX sessions are expensive to create). */
export function sharedOcrEngine(): Promise<OcrEngine> {
  // Note: loaded on first use — a thread that only reads text layers never maps onnxruntime (~60 MB).
  ocrEngine ??= import('@docmill/ocr').then(({ OcrEngine }) => OcrEngine.create({ threads: 1 }));
  ocrEngine.catch(() => {
    ocrEngine = undefined;
  });
  return ocrEngine;
}

/** Which path a page takes with the embedded engine. */
export function routePage(verdict: TextVerdict, mode: ConvertOptions['ocr']): 'text' | 'ocr' {
  if (mode === 'always') return 'ocr';
  if (mode === 'never') return 'text';
  return verdict.trustworthy ? 'text' : 'ocr';
}

/**
 * One page with the embedded engine, in the calling thread: the text layer when
 * it can be trusted, otherwise OCR on a rendering of the page; then layout.
 * @param bytes the whole input or a file read by ranges (the same object for every page of a document, for the source cache)
 * @param index 0-based page
 * @param opts conversion options (ocr mode, password)
 * Page-level failures come back as a draft with `error` and the 'error' flag; errors about
 * the whole input (encrypted, corrupt) are thrown, since no page of it can succeed.
 */
export async function transcribePageLocal(bytes: PageInput, index: number, opts: ConvertOptions & { signal?: AbortSignal } = {}): Promise<PageDraft> {
  const source = await cachedSource(bytes, { ...(opts.password !== undefined ? { password: opts.password } : {}) });
  let page: SourcePage | undefined;
  try {
    page = await source.getPage(index);
    const label = source.labels?.[index];
    const outline = (await source.outline()).filter((e) => e.page === index);
    return await transcribeSourcePage(page, opts, label, outline);
  } catch (e) {
    const err = toDocmillError(e);
    if (err.retryable) throw err;
    return failedDraft(index, page ? { width: page.width, height: page.height } : { width: 0, height: 0 }, err);
  } finally {
    page?.release();
  }
}

/** A draft for a page that could not be made: kept, flagged, never dropped. */
export function failedDraft(index: number, size: { width: number; height: number }, err: DocmillError, flags: PageFlag[] = []): PageDraft {
  return {
    index,
    dimensions: { width: size.width, height: size.height, dpi: 72 },
    blocks: [],
    path: 'none',
    engine: 'local',
    flags: [...new Set<PageFlag>(['error', ...flags])],
    error: { code: err.code, message: err.message },
  };
}

async function transcribeSourcePage(page: SourcePage, opts: ConvertOptions & { signal?: AbortSignal }, label: string | undefined, outline: readonly OutlineHeading[]): Promise<PageDraft> {
  const { page: textPage, verdict } = await page.extractText();
  opts.signal?.throwIfAborted();
  const path = routePage(verdict, opts.ocr);
  const flags: PageFlag[] = [...verdict.flags];
  const base = { index: page.index, ...(label ? { label } : {}) };
  if (path === 'text') {
    const blocks = layoutPage(textPage);
    // Note: outline titles name headings of the text layer only (an OCR reading may differ in a letter).
    applyOutline(blocks, outline);
    // Note: 'blank' comes with the verdict when nothing at all is painted; a page with no text
    // but a scan or drawing on it, read without OCR (--ocr never), is not blank: it needs OCR.
    // Note: a page printed sideways was laid out turned upright; its size and boxes are the turned page's.
    if (textPage.rotation) flags.push('rotated');
    return {
      ...base, dimensions: { width: textPage.width, height: textPage.height, dpi: 72 }, blocks, path: 'text', engine: 'local', flags: dedupe(flags), confidence: verdict.trustworthy ? 1 : 0,
      ...(textPage.rotation ? { rotation: textPage.rotation } : {}),
    };
  }
  // Note: an asked language tesseract cannot read fails the page before it is rendered.
  if (opts.lang) await (await import('@docmill/ocr')).ensureTesseractLanguages(opts.lang);
  const scanDpi = await page.scanDpi();
  // Raw pixels: a PNG round trip cost ~0.2 s a page of encoding and decoding.
  const renders = new Map<number, Promise<RenderedImage>>();
  const render = (recogniser: 'ppocr' | 'tesseract') => {
    const dpi = ocrDpi(scanDpi, page, recogniser);
    if (!renders.has(dpi)) renders.set(dpi, page.render({ dpi, format: 'raw' }));
    return renders.get(dpi)!;
  };
  const { image, result } = await readPage(render, opts);
  const { ocrToPositionedPage } = await import('@docmill/ocr');
  const positioned: PositionedPage = ocrToPositionedPage(result, { index: page.index, dpi: image.dpi });
  // Note: OCR sees the upright page; when it turned the page, its size in points turns with it.
  const blocks = layoutPage(positioned);
  flags.push('ocr');
  if (result.rotation) flags.push('rotated');
  // Note: no line read is not a blank page: a photograph, a drawing or handwriting has ink
  // that no text line comes from, and calling it blank would hide it.
  if (result.lines.length === 0) flags.push(inkShare(image) < BLANK_INK_SHARE ? 'blank' : 'unreadable');
  const confidence = result.lines.length ? result.lines.reduce((s, l) => s + l.confidence, 0) / result.lines.length : 0;
  if (result.lines.length && confidence < 0.7) flags.push('low_confidence');
  return {
    ...base,
    dimensions: { width: positioned.width, height: positioned.height, dpi: image.dpi },
    blocks,
    path: 'ocr',
    engine: 'local',
    flags: dedupe(flags),
    confidence: round(confidence),
    ...(result.rotation ? { rotation: result.rotation } : {}),
  };
}

/**
 * Reads a page image with the recogniser that fits its languages (DESIGN: every engine
 * gives the same OcrResult; layout never knows which one read a line):
 * - `lang` given: tesseract with those languages (German and the other Fraktur-era
 *   languages: Antiqua or Fraktur model, chosen per page on a sample band);
 * - no `lang`: PP-OCR, whose character list is Chinese-first and lacks ä ö ß ç ñ…; when its
 *   text is clearly in another Latin-script language than English, the page is read again
 *   by tesseract in that language (so that accents come out right).
 * Throws OCR_LANGUAGE_MISSING / OCR_ENGINE_MISSING when an asked language cannot be read;
 * a guessed language without its traineddata keeps PP-OCR's reading, with a warning.
 */
async function readPage(render: (recogniser: 'ppocr' | 'tesseract') => Promise<RenderedImage>, opts: ConvertOptions & { signal?: AbortSignal }): Promise<{ image: RenderedImage; result: OcrResult }> {
  const ocr = await import('@docmill/ocr');
  const raw = (image: RenderedImage) => ({ data: image.data, width: image.width, height: image.height, channels: 3 as const });
  const signal = opts.signal ? { signal: opts.signal } : {};
  const tesseract = async (lang: string, image: RenderedImage) => {
    opts.signal?.throwIfAborted();
    // Note: in a pool, a page's bands run in parallel on the CPU slots free across the pool's threads.
    const slots = cpuSlots();
    return { image, result: await ocr.recognizeWithTesseract(raw(image), { lang, dpi: image.dpi, ...(slots ? { processes: slots.size, slots } : {}), ...signal }) };
  };
  if (opts.lang) return tesseract(opts.lang, await render('tesseract'));
  const image = await render('ppocr');
  opts.signal?.throwIfAborted();
  const engine = await sharedOcrEngine();
  const result = await engine.recognize(raw(image), { orientation: true, ...signal });
  const guessed = ocr.guessLanguage(result.lines.map((l) => l.text).join('\n'));
  // Note: a page PP-OCR turned upright stays with PP-OCR (tesseract reads the page as it is).
  if (!guessed || guessed === 'eng' || result.rotation) return { image, result };
  try {
    await ocr.ensureTesseractLanguages(guessed);
  } catch (e) {
    log.warn({ lang: guessed, err: (e as Error).message }, 'page looks non-English but tesseract cannot read it; keeping PP-OCR (accents may be missing)');
    return { image, result };
  }
  return tesseract(guessed, await render('tesseract'));
}

function dedupe(flags: PageFlag[]): PageFlag[] {
  return [...new Set(flags)];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Most ink a blank page may have (as the vision engines' blank check): about two printed characters on a page. */
const BLANK_INK_SHARE = 0.0001;

/** Share of an RGB image's pixels darker than mid-grey (every other pixel of every other row). */
function inkShare(image: { data: Uint8Array; width: number; height: number }): number {
  const { data, width, height } = image;
  let ink = 0, seen = 0;
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      const p = (y * width + x) * 3;
      if (data[p]! + data[p + 1]! + data[p + 2]! < 384) ink++;
      seen++;
    }
  }
  return seen ? ink / seen : 0;
}
