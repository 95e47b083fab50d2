import * as ort from 'onnxruntime-node';
import { quadSize, sampleQuad, subQuad } from './crop.js';
import type { Point } from './geometry.js';
import type { RgbImage } from './image.js';

/** The direction classifier's input: 3 x 48 x 192 (four line heights). */
const CLS_H = 48;
const CLS_W = 192;
/** Lines longer than this many heights are judged on three windows instead of squeezed whole. */
const WINDOW_RATIO = CLS_W / CLS_H;

/** Per line: probability that it reads upside down (label "180"). */
export type FlipScores = Float32Array;

/**
 * Runs the text-line direction classifier (0° vs 180°) on line crops, in batches.
 * @param session the cls session (input [N,3,48,192], output [N,2] = P(0°), P(180°))
 * @param img source image
 * @param quads line corners in reading frame (TL, TR, BR, BL)
 * @param batchSize crops per run
 * Note: PaddleOCR squeezes a whole line into 192 px; a long line squeezed 8:1
 * is unreadable and the classifier then guesses, sometimes with more than 0.9
 * confidence, and a correct line gets read upside down (measured on a
 * full-width caption line of tracemonkey.pdf). Long lines are therefore judged
 * on three windows of four line heights at their natural aspect (start, middle,
 * end), and the window probabilities are averaged.
 * Returns P(180°) per line. Does not flip anything.
 */
export async function classifyLines(session: ort.InferenceSession, img: RgbImage, quads: Point[][], batchSize = 24): Promise<FlipScores> {
  const crops: Array<{ line: number; quad: Point[]; drawW: number }> = [];
  quads.forEach((q, line) => {
    const { w, h } = quadSize(q);
    const ratio = w / Math.max(1, h);
    if (ratio <= WINDOW_RATIO * 1.25) {
      crops.push({ line, quad: q, drawW: Math.max(1, Math.min(CLS_W, Math.ceil(CLS_H * ratio))) });
      return;
    }
    const span = WINDOW_RATIO / ratio;
    for (const centre of [1 / 6, 1 / 2, 5 / 6]) {
      const u0 = Math.min(1 - span, Math.max(0, centre - span / 2));
      crops.push({ line, quad: subQuad(q, u0, u0 + span), drawW: CLS_W });
    }
  });
  const sum = new Float32Array(quads.length);
  const count = new Uint8Array(quads.length);
  for (let start = 0; start < crops.length; start += batchSize) {
    const batch = crops.slice(start, start + batchSize);
    const n = batch.length;
    const data = new Float32Array(n * 3 * CLS_H * CLS_W);
    batch.forEach((c, k) => sampleQuad(img, c.quad, data, k, CLS_H, CLS_W, c.drawW));
    const res = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', data, [n, 3, CLS_H, CLS_W]) });
    const out = res[session.outputNames[0]!]!.data as Float32Array;
    batch.forEach((c, k) => {
      sum[c.line] = sum[c.line]! + out[k * 2 + 1]!;
      count[c.line] = count[c.line]! + 1;
    });
  }
  return sum.map((s, i) => s / Math.max(1, count[i]!));
}
