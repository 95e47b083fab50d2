import * as ort from 'onnxruntime-node';
import { quadSize, sampleQuad } from './crop.js';
import type { Point } from './geometry.js';
import type { RgbImage } from './image.js';

/** The direction classifier's input: 3 x 48 x 192, lines squeezed into 192 px when longer. */
const CLS_H = 48;
const CLS_W = 192;

/** Per line: probability that it reads upside down (label "180"). */
export type FlipScores = Float32Array;

/**
 * Runs the text-line direction classifier (0° vs 180°) on line crops, in batches.
 * @param session the cls session (input [N,3,48,192], output [N,2] = P(0°), P(180°))
 * @param img source image
 * @param quads line corners in reading frame (TL, TR, BR, BL)
 * @param batchSize lines per run
 * Returns P(180°) per line. Does not flip anything.
 */
export async function classifyLines(session: ort.InferenceSession, img: RgbImage, quads: Point[][], batchSize = 24): Promise<FlipScores> {
  const scores = new Float32Array(quads.length);
  for (let start = 0; start < quads.length; start += batchSize) {
    const n = Math.min(batchSize, quads.length - start);
    const data = new Float32Array(n * 3 * CLS_H * CLS_W);
    for (let k = 0; k < n; k++) {
      const q = quads[start + k]!;
      const { w, h } = quadSize(q);
      const drawW = Math.max(1, Math.min(CLS_W, Math.ceil((CLS_H * w) / Math.max(1, h))));
      sampleQuad(img, q, data, k, CLS_H, CLS_W, drawW);
    }
    const res = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', data, [n, 3, CLS_H, CLS_W]) });
    const out = res[session.outputNames[0]!]!.data as Float32Array;
    for (let k = 0; k < n; k++) scores[start + k] = out[k * 2 + 1]!;
  }
  return scores;
}
