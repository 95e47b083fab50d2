import sharp from 'sharp';
import type { RenderedImage, Rotation } from '@docmill/core';

/** Mistral Small 3.1's vision grid: 14 px patches merged 2×2, so one image token covers a 28 px cell. */
export const MODEL_CELL_PX = 28;
/** The largest side Mistral Small 3.1's vision encoder takes (mistral-common `max_image_size`). */
export const MODEL_MAX_SIDE = 1540;

/**
 * Image tokens Mistral Small 3.1 spends on an image of this size (as sent, i.e.
 * after any downscaling): rows × (cols + 1), cols = ceil(W/28), rows = ceil(H/28);
 * the +1 is the [IMG_BREAK] ending each row (the last one becomes [IMG_END]).
 * @param width pixels
 * @param height pixels
 * Does not downscale: call `fitForModel` first for images larger than the model takes.
 */
export function imageTokens(width: number, height: number): number {
  const cols = Math.ceil(width / MODEL_CELL_PX);
  const rows = Math.ceil(height / MODEL_CELL_PX);
  return rows * (cols + 1);
}

/**
 * The size an image must be sent at so that its longest side is at most `longest`
 * (scaling like mistral-common: divide both sides by the ratio, rounded).
 * @param width pixels
 * @param height pixels
 * @param longest the largest allowed side (default 1540, the model's limit; values above it are clamped to it)
 * Never upscales: a small image keeps its size (scale 1).
 */
export function fitForModel(width: number, height: number, longest = MODEL_MAX_SIDE): { width: number; height: number; scale: number; tokens: number } {
  const limit = Math.min(Math.max(1, Math.floor(longest)), MODEL_MAX_SIDE);
  const ratio = Math.max(width / limit, height / limit);
  if (ratio <= 1) return { width, height, scale: 1, tokens: imageTokens(width, height) };
  const w = Math.max(1, Math.min(limit, Math.round(width / ratio)));
  const h = Math.max(1, Math.min(limit, Math.round(height / ratio)));
  return { width: w, height: h, scale: w / width, tokens: imageTokens(w, h) };
}

/** An image ready to go into a chat message. */
export interface ModelImage {
  dataUrl: string;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  /** Bytes of the encoded image (before base64). */
  bytes: number;
  /** Image tokens by `imageTokens` (our formula, not the server's count). */
  tokens: number;
}

export type ImageFormatChoice = 'png' | 'jpeg' | 'auto';

/** 'auto' sends a PNG of at most this many bytes per pixel as it is, without trying JPEG. */
const AUTO_PNG_MAX_BYTES_PER_PX = 0.3;

/**
 * Turns a rendered page into a `data:` URL the model accepts: downscaled to fit
 * `longest`, encoded as PNG, JPEG, or (auto) whichever of the two is smaller.
 * @param image the rendered page (PNG or JPEG)
 * @param opts.longest the longest side to send (≤ 1540)
 * @param opts.format 'auto' (default): a compact PNG (≤ 0.3 bytes/px, typical of rendered text) goes as it is;
 *   otherwise JPEG (quality 90) is tried against the PNG and the smaller is kept
 * Note: for clean born-digital renders PNG is usually smaller (few colours, long runs); for
 * scans and photos JPEG wins by a wide margin — hence 'auto'. The bench measures both.
 * Does not crop or change colours.
 */
export async function encodeForModel(image: Pick<RenderedImage, 'data' | 'mime' | 'width' | 'height'>, opts: { longest?: number; format?: ImageFormatChoice; jpegQuality?: number } = {}): Promise<ModelImage> {
  const fit = fitForModel(image.width, image.height, opts.longest ?? MODEL_MAX_SIDE);
  const format = opts.format ?? 'auto';
  const same = fit.scale === 1;
  let png: Buffer | undefined;
  let jpeg: Buffer | undefined;
  const base = () => (same ? sharp(image.data) : sharp(image.data).resize(fit.width, fit.height, { fit: 'fill' }));
  // Note: a JPEG that needs no resizing goes as it is under 'auto' (it is already lossy; a PNG of it is bigger).
  const keepJpeg = format === 'auto' && same && image.mime === 'image/jpeg';
  if (format !== 'jpeg' && !keepJpeg) {
    png = same && image.mime === 'image/png' ? image.data : await base().png().toBuffer();
  }
  // Note: measured (bench/vision-throughput.ts --formats): clean renders of text pages are 0.15–0.21 bytes/px as PNG
  // and JPEG q90 is 25–30 % larger; scans are 0.7–0.8 bytes/px as PNG and JPEG is ~55 % smaller. So 'auto' keeps a
  // compact PNG without trying JPEG (a JPEG encode costs 20–70 ms of CPU per page at these sizes).
  const compactPng = format === 'auto' && png !== undefined && png.length / (fit.width * fit.height) <= AUTO_PNG_MAX_BYTES_PER_PX;
  if (format !== 'png' && !compactPng) {
    jpeg = same && image.mime === 'image/jpeg' ? image.data : await base().flatten({ background: '#ffffff' }).jpeg({ quality: opts.jpegQuality ?? 90 }).toBuffer();
  }
  const useJpeg = jpeg !== undefined && (png === undefined || jpeg.length < png.length);
  const data = useJpeg ? jpeg! : png!;
  const mime = useJpeg ? 'image/jpeg' : 'image/png';
  // Note: `data` may be a plain Uint8Array (the pipeline's renders): Uint8Array#toString is not base64.
  const base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  return { dataUrl: `data:${mime};base64,${base64}`, mime, width: fit.width, height: fit.height, bytes: data.length, tokens: fit.tokens };
}

/** The result of the cheap blank-page check. */
export interface BlankCheck {
  blank: boolean;
  /** Share of pixels that differ clearly from the background (thresholded at mid-grey). */
  inkShare: number;
  /** Largest channel standard deviation. */
  stdev: number;
}

/**
 * A cheap blank-page check on an image, all in libvips (sharp): a page is blank
 * when it is near-uniform (every channel's stdev under 2) or when, thresholded
 * at mid-grey, less than `maxInkShare` of it is ink (either polarity).
 * @param data an encoded image (PNG/JPEG/…)
 * @param maxInkShare default 0.0001 — about two printed characters on a 1540 px page
 * Note: it errs towards "not blank" (a punch hole or a dust line makes a page non-blank);
 * the engine uses it to reject text invented for a blank page, where a false "blank"
 * would throw away a real transcription.
 * Does not look at the text layer (the caller combines both).
 */
export async function checkBlank(data: Buffer, maxInkShare = 0.0001): Promise<BlankCheck> {
  const stats = await sharp(data).stats();
  const stdev = Math.max(...stats.channels.map((c) => c.stdev));
  if (stdev < 2) return { blank: true, inkShare: 0, stdev };
  // Note: stats() reads the input, not the pipeline's output, so the thresholded image is materialised first.
  const bin = await sharp(data).flatten({ background: '#ffffff' }).greyscale().threshold(128).raw().toBuffer({ resolveWithObject: true });
  const binStats = await sharp(bin.data, { raw: { width: bin.info.width, height: bin.info.height, channels: bin.info.channels } }).stats();
  const mean = binStats.channels[0]?.mean ?? 255;
  const inkShare = Math.min(mean, 255 - mean) / 255;
  return { blank: inkShare < maxInkShare, inkShare, stdev };
}

/**
 * Rotates an encoded image clockwise (used when the engine was given no `render`
 * to re-render the page rotated).
 * @param image the image
 * @param rotation clockwise degrees
 */
export async function rotateImage(image: RenderedImage, rotation: Rotation): Promise<RenderedImage> {
  if (rotation === 0) return image;
  const out = await sharp(image.data).rotate(rotation).png().toBuffer({ resolveWithObject: true });
  return { ...image, data: out.data, mime: 'image/png', width: out.info.width, height: out.info.height, rotation: (((image.rotation + rotation) % 360) as Rotation) };
}
