import * as ort from 'onnxruntime-node';
import { findComponents } from './components.js';
import { convexHull, minAreaRect, rectCorners, unclipRect, type Point, type RotatedRect } from './geometry.js';
import { resizeRgb, type RgbImage } from './image.js';

/** DB post-processing knobs (PaddleOCR's names in brackets). */
export interface DetParams {
  /** Long side of the detector input, px [det_limit_side_len]. */
  limitSide: number;
  /** Binarisation threshold of the probability map [det_db_thresh]. */
  threshold: number;
  /** Minimum mean probability inside a region [det_db_box_thresh]. */
  boxThreshold: number;
  /** Unclip ratio [det_db_unclip_ratio]. */
  unclipRatio: number;
}

/**
 * PaddleOCR's thresholds; the long side 1280 rather than its 960 because 200-dpi
 * pages have small print (measured with bench/ocr.ts: 960 px doubled the CER on
 * tracemonkey.pdf p1 for 0.25 s less CPU). Unclip 1.5 measured better than 1.8
 * or 2.0 (larger boxes make smaller text in the 48 px recogniser input).
 */
export const DEFAULT_DET: DetParams = { limitSide: 1280, threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5 };

/** A detected text line in source-image pixels. */
export interface DetBox {
  /** Corners TL, TR, BR, BL of the reading frame (parallelogram after the non-uniform resize back). */
  box: Point[];
  /** The line's rectangle in source pixels (before any aspect correction). */
  rect: RotatedRect;
  score: number;
}

/** ImageNet mean and std, in the BGR channel order the detector was trained with. */
const MEAN_BGR = [0.406, 0.456, 0.485] as const;
const STD_BGR = [0.225, 0.224, 0.229] as const;

/**
 * Detector input size: keep aspect, long side at most `limitSide`, both sides
 * rounded to multiples of 32 (at least 32).
 */
export function detInputSize(width: number, height: number, limitSide: number): { w: number; h: number } {
  const ratio = Math.max(width, height) > limitSide ? limitSide / Math.max(width, height) : 1;
  const round32 = (v: number) => Math.max(32, Math.round(v / 32) * 32);
  return { w: round32(width * ratio), h: round32(height * ratio) };
}

/**
 * Runs the DB text detector on an RGB image and turns its probability map
 * into line boxes: threshold, connected components, convex hull, minimum-area
 * rectangle, score filter, unclip, map back to image pixels.
 * @param session the detection session (input "x" [N,3,H,W], output [N,1,H,W])
 * @param img source image
 * @param p thresholds and sizes
 * Returns boxes in source pixels, unsorted. Does not classify orientation.
 */
export async function detect(session: ort.InferenceSession, img: RgbImage, p: DetParams): Promise<DetBox[]> {
  const { w, h } = detInputSize(img.width, img.height, p.limitSide);
  const small = await resizeRgb(img, w, h);
  const plane = w * h;
  const input = new Float32Array(3 * plane);
  const src = small.data;
  const s0 = 1 / (255 * STD_BGR[0]), s1 = 1 / (255 * STD_BGR[1]), s2 = 1 / (255 * STD_BGR[2]);
  const m0 = MEAN_BGR[0] / STD_BGR[0], m1 = MEAN_BGR[1] / STD_BGR[1], m2 = MEAN_BGR[2] / STD_BGR[2];
  for (let i = 0, o = 0; i < plane; i++, o += 3) {
    input[i] = src[o + 2]! * s0 - m0; // B
    input[i + plane] = src[o + 1]! * s1 - m1; // G
    input[i + 2 * plane] = src[o]! * s2 - m2; // R
  }
  const feeds: Record<string, ort.Tensor> = { [session.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, h, w]) };
  const result = await session.run(feeds);
  const out = result[session.outputNames[0]!]!;
  const prob = out.data as Float32Array;
  const [, , mh, mw] = out.dims as number[];
  const mapH = mh ?? h, mapW = mw ?? w;
  const comps = findComponents(prob, mapW, mapH, p.threshold);
  const sx = img.width / mapW;
  const sy = img.height / mapH;
  const boxes: DetBox[] = [];
  for (const c of comps) {
    if (c.score < p.boxThreshold) continue;
    const rect = minAreaRect(convexHull(c.xs, c.ys));
    if (Math.min(rect.hw, rect.hh) * 2 < 2) continue; // short side under ~3 px (hull on pixel centres)
    const grown = unclipRect(rect, p.unclipRatio);
    if (Math.min(grown.hw, grown.hh) * 2 < 5) continue;
    // Pixel centres → continuous coordinates, then to the source image.
    const corners = rectCorners({ ...grown, cx: grown.cx + 0.5, cy: grown.cy + 0.5 }).map(([x, y]): Point => [
      Math.min(img.width, Math.max(0, x * sx)),
      Math.min(img.height, Math.max(0, y * sy)),
    ]);
    const srcRect: RotatedRect = {
      cx: (grown.cx + 0.5) * sx,
      cy: (grown.cy + 0.5) * sy,
      ux: grown.ux,
      uy: grown.uy,
      hw: grown.hw * Math.hypot(grown.ux * sx, grown.uy * sy),
      hh: grown.hh * Math.hypot(grown.uy * sx, grown.ux * sy),
    };
    if (Math.min(srcRect.hw, srcRect.hh) * 2 < 3) continue; // under 3 px in the source: nothing legible
    boxes.push({ box: corners, rect: srcRect, score: c.score });
  }
  return boxes;
}
