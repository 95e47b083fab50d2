import sharp, { type Metadata, type Sharp } from 'sharp';
import { DocmillError } from '@docmill/core';

/** Raw interleaved RGB pixels (3 bytes a pixel, row-major). */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

/** What `OcrEngine.recognize` accepts: encoded bytes, or raw RGB(A) pixels. */
export type OcrInput = Buffer | { data: Buffer; width: number; height: number; channels: 3 | 4 };

/** Smallest side that can hold legible text. */
export const MIN_SIDE = 16;
/** Above this many pixels the working copy is downscaled (coordinates are mapped back). */
export const MAX_WORKING_PIXELS = 50_000_000;
/** Decoder limit: more pixels than this is refused as IMAGE_TOO_LARGE rather than decoded. */
export const MAX_DECODE_PIXELS = 1_000_000_000;

/**
 * Decodes the input into an RGB working image, honouring EXIF orientation.
 * @param input encoded image bytes, or raw RGB/RGBA pixels
 * Returns the working image and `scale` = original px per working px (1 unless
 * the image had more than MAX_WORKING_PIXELS, when it is downscaled).
 * Throws IMAGE_CORRUPT for undecodable bytes, IMAGE_TOO_SMALL under 16 px a side,
 * IMAGE_TOO_LARGE past the decoder limit. Does not rotate for text orientation.
 */
export async function decodeToRgb(input: OcrInput): Promise<{ image: RgbImage; scale: number; width: number; height: number }> {
  let pipeline: Sharp;
  let width: number;
  let height: number;
  if (Buffer.isBuffer(input)) {
    if (input.length === 0) throw new DocmillError('IMAGE_CORRUPT', 'The image has zero bytes.');
    let meta: Metadata;
    try {
      meta = await sharp(input, { limitInputPixels: MAX_DECODE_PIXELS }).metadata();
    } catch (e) {
      throw new DocmillError('IMAGE_CORRUPT', `Cannot read the image header (${(e as Error).message}).`, { cause: e });
    }
    if (!meta.width || !meta.height) throw new DocmillError('IMAGE_CORRUPT', 'The image has no size.');
    if (meta.width * meta.height > MAX_DECODE_PIXELS) {
      throw new DocmillError('IMAGE_TOO_LARGE', `The image has ${meta.width}x${meta.height} px.`);
    }
    // EXIF orientations 5-8 swap width and height.
    const swap = (meta.orientation ?? 1) >= 5;
    width = swap ? meta.height : meta.width;
    height = swap ? meta.width : meta.height;
    pipeline = sharp(input, { limitInputPixels: MAX_DECODE_PIXELS }).rotate();
  } else {
    const { data, width: w, height: h, channels } = input;
    if (!Number.isInteger(w) || !Number.isInteger(h) || w <= 0 || h <= 0 || data.length < w * h * channels) {
      throw new DocmillError('IMAGE_CORRUPT', `Raw pixels do not match ${w}x${h}x${channels}.`);
    }
    width = w;
    height = h;
    pipeline = sharp(data, { raw: { width: w, height: h, channels }, limitInputPixels: MAX_DECODE_PIXELS });
  }
  if (width < MIN_SIDE || height < MIN_SIDE) throw new DocmillError('IMAGE_TOO_SMALL', `The image is ${width}x${height} px.`);
  let scale = 1;
  if (width * height > MAX_WORKING_PIXELS) {
    scale = Math.sqrt((width * height) / MAX_WORKING_PIXELS);
    pipeline = pipeline.resize(Math.max(MIN_SIDE, Math.floor(width / scale)), Math.max(MIN_SIDE, Math.floor(height / scale)), { fit: 'fill' });
  }
  try {
    // Note: flatten puts transparent areas on white (text on transparent PNGs is usually dark).
    const { data, info } = await pipeline.flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return { image: { data, width: info.width, height: info.height }, scale: width / info.width, width, height };
  } catch (e) {
    throw new DocmillError('IMAGE_CORRUPT', `The image could not be decoded (${(e as Error).message}).`, { cause: e });
  }
}

/**
 * Rotates an RGB image clockwise by a multiple of 90 degrees.
 * @param img the image
 * @param degrees 90, 180 or 270 (0 returns the same object)
 */
export async function rotateRgb(img: RgbImage, degrees: 0 | 90 | 180 | 270): Promise<RgbImage> {
  if (degrees === 0) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 }, limitInputPixels: false })
    .rotate(degrees)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Resizes an RGB image to exactly width x height (aspect not kept).
 * @param img the image
 * @param width target width
 * @param height target height
 */
export async function resizeRgb(img: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (width === img.width && height === img.height) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 }, limitInputPixels: false })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
