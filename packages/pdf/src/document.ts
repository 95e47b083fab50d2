import { DocmillError, isDocmillError } from '@docmill/core';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { wrapPage, type PdfPage } from './page.js';
import { decoderWarmupPdf } from './decoders.js';
import { PDFJS_ASSETS, loadPdfJs, type PdfJs } from './pdfjs.js';
import { saslprep } from './password.js';
import { memoryRanges, type ByteRanges } from './ranges.js';
import { sniffType } from './sniff.js';

export interface OpenPdfOptions {
  /** User (or owner) password of an encrypted PDF. */
  password?: string;
  /** Refuse documents with more pages than this (INPUT_TOO_MANY_PAGES). Default 20000. */
  maxPages?: number;
  /** Images with more pixels than this are skipped, not decoded (decompression bombs). Default 1e8. */
  maxImagePixels?: number;
}

/** One entry of a PDF's outline (bookmarks), flattened in document order. */
export interface OutlineEntry {
  title: string;
  /** 1 for a top-level entry, 2 for its children, … */
  depth: number;
  /** 0-based index of the page it points at. */
  page: number;
}

/** An open PDF. Call `close()` when done. */
export interface PdfDocument {
  readonly pageCount: number;
  readonly encrypted: boolean;
  /** A tagged PDF (MarkInfo /Marked true): its pages' heading elements (H1–H6) give spans a `heading` level. */
  readonly tagged: boolean;
  /**
   * The outline (bookmarks), flattened: entries that point at a page of the document, in order.
   * Read once, on first call. Entries whose destination cannot be resolved are left out; an
   * unreadable outline is an empty one. Does not check that a title is printed on its page.
   */
  outline(): Promise<OutlineEntry[]>;
  readonly metadata: { title?: string; author?: string; producer?: string };
  /** Printed page labels (/PageLabels), one per page, or undefined. */
  readonly labels: string[] | undefined;
  /** Opens page `index` (0-based). */
  getPage(index: number): Promise<PdfPage>;
  /**
   * Lets go of pdf.js's caches of fonts, colour spaces and images (pdf.js `cleanup()`); the
   * cross-reference table and what pdf.js keeps per page read stay until `close()`.
   * Call it between pages, never while a page is being read or rendered.
   */
  cleanup(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_MAX_PAGES = 20_000;
const DEFAULT_MAX_IMAGE_PIXELS = 1e8;
// pdf.js PasswordResponses.
const NEED_PASSWORD = 1;
const INCORRECT_PASSWORD = 2;

/**
 * Opens a PDF with pdf.js under limits.
 * @param data the file's bytes (copied: pdf.js takes ownership of what it is given), or the file
 *   read by ranges (`FileRanges`), as are bytes in shared memory: pdf.js then holds only what it read
 * @param opts password, page limit, image pixel limit
 * Errors (coded): INPUT_EMPTY, INPUT_UNSUPPORTED_TYPE (not a PDF), PDF_CORRUPT,
 * PDF_ENCRYPTED (no password given), PDF_BAD_PASSWORD, PDF_NO_PAGES, INPUT_TOO_MANY_PAGES.
 * A PDF encrypted with an empty user password opens without one.
 * Does not time out by itself; callers bound the time per document or page.
 */
export async function openPdf(data: Uint8Array | ByteRanges, opts: OpenPdfOptions = {}): Promise<PdfDocument> {
  if (data.byteLength === 0) throw new DocmillError('INPUT_EMPTY');
  const type = sniffType(data);
  if (type !== 'application/pdf') {
    throw new DocmillError('INPUT_UNSUPPORTED_TYPE', type ? `Expected a PDF, got ${type}.` : 'The input does not start with a PDF header.');
  }
  const pdfjs = await loadPdfJs();
  await warmDecoders(pdfjs);
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const maxImagePixels = opts.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  let doc: PDFDocumentProxy;
  try {
    doc = await load(pdfjs, data, opts.password, maxImagePixels);
  } catch (e) {
    // Note: pdf.js does not SASLprep passwords, which AES-256 (revision 6) files
    // require; a password that differs once prepared gets a second try.
    const prepared = opts.password === undefined ? undefined : saslprep(opts.password);
    if (!isDocmillError(e, 'PDF_BAD_PASSWORD') || prepared === undefined || prepared === opts.password) throw e;
    doc = await load(pdfjs, data, prepared, maxImagePixels);
  }
  try {
    return await describe(pdfjs, doc, maxPages);
  } catch (e) {
    await doc.destroy().catch(() => undefined);
    if (isDocmillError(e)) throw e;
    throw new DocmillError('PDF_CORRUPT', `pdf.js could not read the document structure: ${message(e)}.`, { cause: e });
  }
}

let warming: Promise<void> | undefined;

/**
 * Loads pdf.js's WebAssembly image decoders (JBIG2/CCITT and OpenJPEG) once per thread, on a document
 * made for it (`decoderWarmupPdf`), before the thread's first real document is opened.
 * Note: pdf.js (5.6) fetches a decoder's .wasm file the first time an image needs it, through a
 * message handler it keeps in a static field: that of the document opened last in the thread. When that
 * document has been destroyed, the fetch waits forever and so does the page. Seen in the page pool: a
 * page with inline CCITT images hung until its time limit whenever its thread had opened another
 * document after it and released that one first. Once the .wasm bytes are held, pdf.js never fetches
 * them again (its cleanup drops the module, not the bytes), so loading them here removes the race.
 * Never fails: a warm-up that goes wrong leaves pdf.js as it was.
 */
function warmDecoders(pdfjs: PdfJs): Promise<void> {
  warming ??= (async () => {
    const doc = await load(pdfjs, decoderWarmupPdf(), undefined, DEFAULT_MAX_IMAGE_PIXELS).catch(() => undefined);
    if (!doc) return;
    try {
      await (await doc.getPage(1)).getOperatorList();
    } catch {
      // Note: the images are made to fail decoding; the decoders are loaded before that.
    } finally {
      await doc.destroy().catch(() => undefined);
    }
  })();
  return warming;
}

/** One pdf.js open attempt; failures come back as coded errors. */
async function load(pdfjs: PdfJs, data: Uint8Array | ByteRanges, password: string | undefined, maxImagePixels: number): Promise<PDFDocumentProxy> {
  const task = pdfjs.getDocument({
    ...source(pdfjs, data),
    ...(password !== undefined ? { password } : {}),
    isEvalSupported: false,
    verbosity: 0,
    maxImageSize: maxImagePixels,
    cMapPacked: true,
    ...PDFJS_ASSETS,
    // Note: fonts must not fall back to whatever the host has installed: output
    // would differ between machines.
    useSystemFonts: false,
  });
  try {
    return await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw openError(e, password);
  }
}

async function describe(pdfjs: PdfJs, doc: PDFDocumentProxy, maxPages: number): Promise<PdfDocument> {
  const pageCount = doc.numPages;
  if (!(pageCount > 0)) throw new DocmillError('PDF_NO_PAGES');
  if (pageCount > maxPages) {
    throw new DocmillError('INPUT_TOO_MANY_PAGES', `The PDF has ${pageCount} pages; the limit is ${maxPages}.`, { details: { pages: pageCount, maxPages } });
  }
  let info: Record<string, unknown> = {};
  try {
    info = ((await doc.getMetadata()).info ?? {}) as Record<string, unknown>;
  } catch {
    // Note: unreadable metadata (a broken /Info reference) must not cost the document.
  }
  let labels: string[] | undefined;
  try {
    const raw = await doc.getPageLabels();
    labels = raw && raw.length === pageCount ? raw : undefined;
  } catch {
    labels = undefined;
  }
  const metadata: PdfDocument['metadata'] = {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const title = str(info.Title);
  const author = str(info.Author);
  const producer = str(info.Producer);
  if (title) metadata.title = title;
  if (author) metadata.author = author;
  if (producer) metadata.producer = producer;
  let tagged = false;
  try {
    tagged = (await doc.getMarkInfo())?.Marked === true;
  } catch {
    tagged = false;
  }
  let closed = false;
  let outline: Promise<OutlineEntry[]> | undefined;
  return {
    pageCount,
    encrypted: typeof info.EncryptFilterName === 'string' && info.EncryptFilterName !== '',
    tagged,
    outline() {
      outline ??= readOutline(doc).catch(() => []);
      return outline;
    },
    metadata,
    labels,
    async getPage(index: number): Promise<PdfPage> {
      if (closed) throw new DocmillError('INTERNAL', 'getPage() called after close().');
      if (!Number.isInteger(index) || index < 0 || index >= pageCount) {
        throw new DocmillError('USAGE_BAD_PAGES', `Page index ${index} is outside 0..${pageCount - 1}.`);
      }
      try {
        const proxy = await doc.getPage(index + 1);
        return wrapPage(pdfjs, proxy, index, labels?.[index], tagged);
      } catch (e) {
        throw new DocmillError('PAGE_FAILED', `Page ${index + 1} could not be read: ${message(e)}.`, { cause: e, retryable: false, details: { page: index } });
      }
    },
    async cleanup() {
      if (!closed) await doc.cleanup();
    },
    async close() {
      if (closed) return;
      closed = true;
      await doc.destroy();
    },
  };
}

/** Most outline entries read (a generated outline can list every paragraph). */
const MAX_OUTLINE = 5000;

/** The document's outline, flattened, each entry with the page its destination points at. */
async function readOutline(doc: PDFDocumentProxy): Promise<OutlineEntry[]> {
  const out: OutlineEntry[] = [];
  type Item = { title: string; dest: string | unknown[] | null; items: Item[] };
  const walk = async (items: Item[] | null | undefined, depth: number): Promise<void> => {
    for (const it of items ?? []) {
      if (out.length >= MAX_OUTLINE) return;
      const page = await destinationPage(doc, it.dest).catch(() => undefined);
      const title = typeof it.title === 'string' ? it.title.replace(/\s+/g, ' ').trim() : '';
      if (page !== undefined && title) out.push({ title, depth, page });
      await walk(it.items, depth + 1);
    }
  };
  await walk((await doc.getOutline()) as Item[] | null, 1);
  return out;
}

/** The 0-based page a destination (named, or explicit `[page ref or index, /XYZ …]`) points at. */
async function destinationPage(doc: PDFDocumentProxy, dest: string | unknown[] | null): Promise<number | undefined> {
  const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
  const target = Array.isArray(explicit) ? explicit[0] : undefined;
  if (typeof target === 'number') return Number.isInteger(target) && target >= 0 && target < doc.numPages ? target : undefined;
  if (target && typeof target === 'object' && 'num' in target) return doc.getPageIndex(target as { num: number; gen: number });
  return undefined;
}

/** Ranges pdf.js asks for at a time when it reads shared input (see `source`). */
export const RANGE_CHUNK = 1 << 18;

/**
 * How pdf.js gets the bytes. Input read by ranges (a file, `FileRanges`) and input in shared
 * memory (a page pool's threads all read one copy) are served by ranges, as a browser reads a
 * PDF over HTTP: pdf.js only ever holds the parts it read (its buffer is the file's length,
 * but pages never touched take no memory). Other input is copied, because pdf.js transfers
 * (detaches) the buffer it gets and rejects Node Buffers outright.
 * Note: on a 144 MB PDF, a copy per thread was 144 MB per thread for the whole run.
 */
function source(pdfjs: PdfJs, data: Uint8Array | ByteRanges): { data: Uint8Array } | { range: InstanceType<PdfJs['PDFDataRangeTransport']>; rangeChunkSize: number; disableAutoFetch: true; disableStream: true } {
  if (data instanceof Uint8Array && !(data.buffer instanceof SharedArrayBuffer)) return { data: new Uint8Array(data) };
  const input = data instanceof Uint8Array ? memoryRanges(data) : data;
  class Ranges extends pdfjs.PDFDataRangeTransport {
    override requestDataRange(begin: number, end: number): void {
      // Note: answered on a later tick, as a network would; every read is a plain buffer pdf.js may keep.
      const chunk = input.read(begin, end);
      queueMicrotask(() => this.onDataRange(begin, chunk));
    }
  }
  const range = new Ranges(input.byteLength, input.read(0, RANGE_CHUNK));
  return { range, rangeChunkSize: RANGE_CHUNK, disableAutoFetch: true, disableStream: true };
}

/** Maps what pdf.js threw while opening to a coded error. */
function openError(e: unknown, password: string | undefined): DocmillError {
  if (isDocmillError(e)) return e;
  const err = e as { name?: unknown; code?: unknown } | undefined;
  if (err?.name === 'PasswordException') {
    if (err.code === INCORRECT_PASSWORD || (err.code === NEED_PASSWORD && password !== undefined && password !== '')) {
      return new DocmillError('PDF_BAD_PASSWORD', undefined, { cause: e });
    }
    return new DocmillError('PDF_ENCRYPTED', undefined, { cause: e });
  }
  // Note: everything else pdf.js rejects at open time (InvalidPDFException,
  // FormatError, "Invalid Root reference"…) means its repair gave up too.
  return new DocmillError('PDF_CORRUPT', `pdf.js: ${message(e).replace(/\.+$/, '')}.`, { cause: e });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
