import * as ort from 'onnxruntime-node';
import { inkMeasure, quadSize, sampleQuad } from './crop.js';
import { ctcGreedy, type Decoded } from './ctc.js';
import type { Point } from './geometry.js';
import type { RgbImage } from './image.js';
import { isSmallCaps, upperCaseLine } from './smallcaps.js';
import { latinPunctuation } from './text.js';
import { monoScore } from './typewriter.js';

/** PP-OCRv4 recogniser input height. */
export const REC_H = 48;

/** Recognition knobs (defaults measured with bench/ocr.ts; see packages/ocr/README.md). */
export interface RecParams {
  /** Most lines in one run. */
  maxBatch: number;
  /** Most padded pixels of width in one run (lines × batch width): wide lines run alone. */
  maxBatchWidth: number;
  /** Narrowest input width in px (PaddleOCR pads to 320; short words need far less). */
  minWidth: number;
  /** Widest input in px: longer lines are squeezed to fit. */
  maxWidth: number;
  /** Horizontal scale of the crop (1 keeps the aspect; below 1 squeezes, which is cheaper). */
  widthScale: number;
  /** See ctcGreedy: restore spaces the blank won over (0 disables). */
  spaceHint: number;
}

/**
 * Measured with bench/ocr.ts on 2 CPU cores: widthScale 0.8 costs 20% less
 * recogniser time than 1 with no loss of accuracy (0.7 lost accuracy on small
 * print); minWidth 64 instead of PaddleOCR's 320 saves the padding of short words
 * with no change in CER.
 */
export const DEFAULT_REC: RecParams = { maxBatch: 8, maxBatchWidth: 2048, minWidth: 64, maxWidth: 3200, widthScale: 0.8, spaceHint: 0.08 };

/** Width over height of a line's crop as the recogniser sees it (widthScale applied). */
export function lineAspect(q: Point[], p: RecParams = DEFAULT_REC): number {
  const { w, h } = quadSize(q);
  return (p.widthScale * w) / Math.max(1, h);
}

/**
 * Input width for a line of this aspect alone in a batch.
 * Note: widths are rounded up to the recogniser's stride (8 px a CTC step); coarser
 * buckets (64, 128 px) were measured and changed nothing on CPU time.
 */
export function inputWidth(aspect: number, p: RecParams = DEFAULT_REC): number {
  return Math.min(p.maxWidth, Math.max(p.minWidth, Math.ceil((REC_H * aspect) / 8) * 8));
}

/** Columns the line's crop fills in an input `outW` wide (the rest is padding). */
export function drawnWidth(aspect: number, outW: number): number {
  return Math.max(1, Math.min(outW, Math.ceil(REC_H * aspect)));
}

/**
 * Recognises line crops in batches: lines are sorted by aspect ratio so that a
 * batch pads little, each batch is as wide as its widest line, and the CTC
 * output is decoded greedily with per-character confidences.
 * @param session the rec session (input [N,3,48,W], output [N,W/8,classes])
 * @param img source image
 * @param quads line corners in reading frame (TL, TR, BR, BL)
 * @param keys character list (class i is keys[i-1]; the last class is a space)
 * @param p batching and sizing knobs
 * Note: on this CPU a batch of N wide lines costs more than N single runs
 * (measured: 48×1280, 1 line ≈ 30 ms CPU per 320 px, 8 lines ≈ 40 ms), so the
 * batch is bounded by total width as well as by count: short lines (words, cells,
 * numbers) share runs, long lines run alone.
 * Returns one decoding per quad, in input order. Does not drop low-confidence lines.
 */
export async function recognizeLines(session: ort.InferenceSession, img: RgbImage, quads: Point[][], keys: readonly string[], p: RecParams = DEFAULT_REC): Promise<Decoded[]> {
  const ratios = quads.map((q) => lineAspect(q, p));
  const widthOf = (i: number) => inputWidth(ratios[i]!, p);
  const order = ratios.map((_, i) => i).sort((a, b) => ratios[a]! - ratios[b]!);
  const results: Decoded[] = new Array(quads.length);
  let start = 0;
  while (start < order.length) {
    // Sorted ascending, so the last line taken sets the batch width.
    let end = start + 1;
    while (end < order.length && end - start < p.maxBatch && (end - start + 1) * widthOf(order[end]!) <= p.maxBatchWidth) end++;
    const idx = order.slice(start, end);
    start = end;
    const outW = widthOf(idx[idx.length - 1]!);
    const n = idx.length;
    const data = new Float32Array(n * 3 * REC_H * outW); // zeros = mid grey after normalisation, as PaddleOCR pads
    const inks = idx.map((qi, k) => {
      const drawW = drawnWidth(ratios[qi]!, outW);
      sampleQuad(img, quads[qi]!, data, k, REC_H, outW, drawW);
      const m = inkMeasure(data, k, REC_H, outW, drawW);
      // Crop rows → source pixels: the crop is REC_H rows for the quad's height.
      return { ...m, band: (m.band * quadSize(quads[qi]!).h) / REC_H };
    });
    const res = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', data, [n, 3, REC_H, outW]) });
    const out = res[session.outputNames[0]!]!;
    const [, steps, classes] = out.dims as [number, number, number];
    const probs = out.data as Float32Array;
    idx.forEach((qi, k) => {
      const d = ctcGreedy(probs.subarray(k * steps * classes, (k + 1) * steps * classes), steps, classes, keys, p.spaceHint);
      const ink = inks[k]!;
      // Small capitals come out of the recogniser as lower case: put them back.
      if (isSmallCaps(d.text, d.charSteps, outW / steps, ink, REC_H)) d.text = upperCaseLine(d.text);
      const text = latinPunctuation(d.text);
      const mono = monoScore(text, d.charSteps);
      results[qi] = { ...d, text, inkBand: ink.band, inkSpan: [ink.left, ink.right], ...(mono !== undefined ? { monoScore: mono } : {}) };
    });
  }
  return results;
}
