import sharp, { type Metadata } from 'sharp';
import { encodeRender, openPdf, sniffType, type ByteRanges, type OutlineEntry, type PdfPage, type SniffedType } from '@docmill/pdf';
import { DocmillError, type PositionedPage, type RenderRequest, type RenderedImage, type TextVerdict } from '@docmill/core';

/** An input as the stages read it: its bytes, or a file read by ranges (`FileRanges`: never whole in memory). */
export type PageInput = Uint8Array | ByteRanges;

/** One page of any input kind, as the engines see it: image pages take the shape of PDF pages. */
export type SourcePage = PdfPage;

/** An opened input: a PDF or an image (multi-page TIFF is several pages). */
export interface DocumentSource {
  readonly mime: SniffedType;
  readonly pageCount: number;
  readonly labels: string[] | undefined;
  /** The PDF's outline (bookmarks), flattened; empty for images and PDFs without one. */
  outline(): Promise<OutlineEntry[]>;
  getPage(index: number): Promise<SourcePage>;
  /** Lets go of what the opened input caches across pages (a PDF's fonts; nothing for images); call it between pages. */
  cleanup(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenSourceOptions {
  password?: string;
  maxPages?: number;
  maxBytes?: number;
}

/** Images above this many pixels are refused (sharp's own limit is similar). */
const MAX_IMAGE_PIXELS = 268_402_689;

/**
 * Opens an input by its magic bytes, never by name.
 * @param input the whole input, or a file read by ranges (a PDF then never is whole in memory; an image is read whole)
 * @param opts password for encrypted PDFs, page and byte limits
 * Throws coded errors: INPUT_EMPTY, INPUT_TOO_LARGE, INPUT_UNSUPPORTED_TYPE, PDF_*, IMAGE_CORRUPT, INPUT_TOO_MANY_PAGES.
 */
export async function openSource(input: PageInput, opts: OpenSourceOptions = {}): Promise<DocumentSource> {
  if (input.byteLength === 0) throw new DocmillError('INPUT_EMPTY');
  if (opts.maxBytes !== undefined && input.byteLength > opts.maxBytes) {
    throw new DocmillError('INPUT_TOO_LARGE', `The input has ${input.byteLength} bytes (limit ${opts.maxBytes}).`);
  }
  const mime = sniffType(input);
  if (!mime) throw new DocmillError('INPUT_UNSUPPORTED_TYPE');
  if (mime === 'application/pdf') {
    const doc = await openPdf(input, { ...(opts.password !== undefined ? { password: opts.password } : {}), ...(opts.maxPages ? { maxPages: opts.maxPages } : {}) });
    return {
      mime,
      pageCount: doc.pageCount,
      labels: doc.labels,
      outline: () => doc.outline(),
      getPage: (i) => doc.getPage(i),
      cleanup: () => doc.cleanup(),
      close: () => doc.close(),
    };
  }
  return openImage(input instanceof Uint8Array ? input : input.read(0, input.byteLength), mime, opts);
}

async function openImage(bytes: Uint8Array, mime: SniffedType, opts: OpenSourceOptions): Promise<DocumentSource> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  } catch (e) {
    throw new DocmillError('IMAGE_CORRUPT', `The ${mime} image could not be read (${(e as Error).message}).`, { cause: e });
  }
  const pageCount = meta.pages ?? 1;
  // Note: the header can be fine and the pixels truncated; decoding a thumbnail of the first page reads them all.
  await sharp(buf, { limitInputPixels: MAX_IMAGE_PIXELS }).resize(64, 64, { fit: 'inside' }).raw().toBuffer().catch((e: Error) => {
    throw new DocmillError('IMAGE_CORRUPT', `The ${mime} image could not be decoded (${e.message}).`, { cause: e });
  });
  if (opts.maxPages !== undefined && pageCount > opts.maxPages) {
    throw new DocmillError('INPUT_TOO_MANY_PAGES', `The image has ${pageCount} pages (limit ${opts.maxPages}).`);
  }
  return {
    mime,
    pageCount,
    labels: undefined,
    outline: async () => [],
    async getPage(index: number): Promise<SourcePage> {
      if (index < 0 || index >= pageCount) throw new DocmillError('USAGE_BAD_PAGES', `Page ${index + 1} does not exist.`);
      return imagePage(buf, index, pageCount > 1);
    },
    async cleanup() {},
    async close() {},
  };
}

async function imagePage(buf: Buffer, index: number, multi: boolean): Promise<SourcePage> {
  const open = () => sharp(buf, { limitInputPixels: MAX_IMAGE_PIXELS, ...(multi ? { page: index } : {}) });
  let meta: Metadata;
  try {
    meta = await open().metadata();
  } catch (e) {
    throw new DocmillError('IMAGE_CORRUPT', `Page ${index + 1} of the image could not be read.`, { cause: e });
  }
  // Note: EXIF orientations 5-8 swap width and height; sharp's autoOrient applies them.
  const swap = (meta.orientation ?? 1) >= 5;
  const pxW = (swap ? meta.height : meta.width) ?? 0;
  const pxH = (swap ? meta.width : meta.height) ?? 0;
  if (pxW < 16 || pxH < 16) throw new DocmillError('IMAGE_TOO_SMALL', `The image is ${pxW}×${pxH} px.`);
  const dpi = meta.density && meta.density >= 50 && meta.density <= 1200 ? meta.density : 72;
  const scale = 72 / dpi;
  const width = pxW * scale;
  const height = pxH * scale;
  return {
    index,
    width,
    height,
    async extractText() {
      const page: PositionedPage = { index, width, height, spans: [], source: 'text-layer' };
      const verdict: TextVerdict = { trustworthy: false, flags: ['needs_ocr', 'no_text_layer'], chars: 0, garbageShare: 0, invisibleShare: 0 };
      return { page, verdict };
    },
    async scanDpi() {
      return dpi;
    },
    async render(req: RenderRequest): Promise<RenderedImage> {
      let target = 1;
      if (req.longestSide) target = req.longestSide / Math.max(pxW, pxH);
      else if (req.dpi) target = req.dpi / dpi;
      // Never upscale images by more than 2x (it invents nothing and costs memory).
      target = Math.min(target, 2);
      const w = Math.max(1, Math.round(pxW * target));
      const h = Math.max(1, Math.round(pxH * target));
      const rotation = req.rotation ?? 0;
      try {
        let img = open().autoOrient().flatten({ background: '#ffffff' }).resize(w, h, { fit: 'fill' });
        if (rotation) img = img.rotate(rotation);
        const { data, mime, width, height } = await encodeRender(img, req.format ?? 'png');
        return { data, mime, width, height, dpi: dpi * target, rotation };
      } catch (e) {
        throw new DocmillError('IMAGE_CORRUPT', `Page ${index + 1} of the image could not be decoded.`, { cause: e });
      }
    },
    release() {},
  };
}
