import { createCanvas } from '@napi-rs/canvas';
import sharp, { type Sharp } from 'sharp';
import { DocmillError, type RenderRequest, type RenderedImage, type Rotation } from '@docmill/core';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type RenderParams = Parameters<PDFPageProxy['render']>[0];

/** Resolution used when a request gives neither dpi nor longestSide. */
export const DEFAULT_DPI = 150;
/** Canvas pixel cap (~ a US Letter page at 850 dpi); past it the page is refused, not allocated. */
export const MAX_RENDER_PIXELS = 60_000_000;
/** Skia's limit on a canvas side. */
const MAX_SIDE = 32_767;
const JPEG_QUALITY = 90;

/**
 * Renders one page to PNG or JPEG.
 * @param page the pdf.js page
 * @param req size (longestSide wins over dpi; default 150 dpi), clockwise rotation, format
 * @returns the encoded image; `dpi` is the effective resolution, width/height are after rotation
 * Paints on white (PDF pages are transparent), rotates with sharp after rendering.
 * Throws PAGE_TOO_LARGE past MAX_RENDER_PIXELS and PAGE_RENDER_FAILED when pdf.js fails;
 * does not retry, and does not crop to any box other than the page's CropBox.
 */
export async function renderPage(page: PDFPageProxy, req: RenderRequest): Promise<RenderedImage> {
  const base = page.getViewport({ scale: 1 });
  const rotation: Rotation = req.rotation ?? 0;
  const format = req.format ?? 'png';
  let scale: number;
  if (req.longestSide !== undefined) {
    if (!(req.longestSide >= 1)) throw new DocmillError('USAGE_BAD_ARGUMENT', `Render longestSide must be a positive number (got ${req.longestSide}).`);
    scale = req.longestSide / Math.max(base.width, base.height);
  } else {
    const dpi = req.dpi ?? DEFAULT_DPI;
    if (!(dpi > 0)) throw new DocmillError('USAGE_BAD_ARGUMENT', `Render dpi must be positive (got ${dpi}).`);
    scale = dpi / 72;
  }
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  if (width * height > MAX_RENDER_PIXELS || width > MAX_SIDE || height > MAX_SIDE || !Number.isFinite(width * height)) {
    throw new DocmillError('PAGE_TOO_LARGE', `Page ${page.pageNumber} would render at ${width}×${height} px (limit ${MAX_RENDER_PIXELS / 1e6} Mpx).`, {
      details: { page: page.pageNumber - 1, width, height },
    });
  }
  const canvas = createCanvas(width, height);
  let rgba: Uint8ClampedArray;
  try {
    const ctx = canvas.getContext('2d');
    // Note: pdf.js types the canvas as a DOM canvas; @napi-rs/canvas is what
    // pdf.js itself uses on Node, so the cast is only a typing matter.
    await page.render({
      canvas: canvas as unknown as RenderParams['canvas'],
      canvasContext: ctx as unknown as RenderParams['canvasContext'],
      viewport,
      background: 'rgb(255,255,255)',
    }).promise;
    rgba = ctx.getImageData(0, 0, width, height).data;
  } catch (e) {
    throw new DocmillError('PAGE_RENDER_FAILED', `Page ${page.pageNumber} could not be rendered: ${e instanceof Error ? e.message : String(e)}.`, { cause: e });
  } finally {
    // Note: shrinking the canvas frees its pixel memory now rather than at the next GC.
    canvas.width = 0;
    canvas.height = 0;
  }
  let img = sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), { raw: { width, height, channels: 4 } })
    .flatten({ background: '#ffffff' });
  if (rotation !== 0) img = img.rotate(rotation);
  const { data, mime, width: outW, height: outH } = await encodeRender(img, format);
  return {
    data,
    mime,
    width: outW,
    height: outH,
    dpi: Math.round(scale * 72 * 100) / 100,
    rotation,
  };
}

/**
 * Encodes a page image the way a render request asks: PNG, JPEG (quality 90),
 * or raw 8-bit sRGB pixels without alpha (`application/octet-stream`). Shared by
 * PDF pages and image inputs, so a format means the same bytes for both.
 * @param img the page, already sized, flattened and rotated
 * @param format the requested encoding
 */
export async function encodeRender(img: Sharp, format: NonNullable<RenderRequest['format']>): Promise<{ data: Buffer; mime: RenderedImage['mime']; width: number; height: number }> {
  const encoded = format === 'jpeg' ? img.jpeg({ quality: JPEG_QUALITY }) : format === 'raw' ? img.removeAlpha().toColourspace('srgb').raw() : img.png();
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { data, mime: format === 'jpeg' ? 'image/jpeg' : format === 'raw' ? 'application/octet-stream' : 'image/png', width: info.width, height: info.height };
}
