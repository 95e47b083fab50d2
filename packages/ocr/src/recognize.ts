import * as ort from 'onnxruntime-node';
import { quadSize, sampleQuad } from './crop.js';
import { ctcGreedy, type Decoded } from './ctc.js';
import type { Point } from './geometry.js';
import type { RgbImage } from './image.js';

/** PP-OCRv4 recogniser input height. */
export const REC_H = 48;
/** Narrowest batch width: the model was trained on 320 px wide inputs. */
const REC_MIN_W = 320;
/** Widest input: longer lines are squeezed (a 2 000 px line at 48 px high is ~40 heights long). */
const REC_MAX_W = 3200;

/**
 * Recognises line crops in batches grouped by aspect ratio: lines are sorted
 * by width/height so that each batch pads little, every batch is as wide as its
 * widest line (at least 320 px), and the CTC output is decoded greedily.
 * @param session the rec session (input [N,3,48,W], output [N,W/8,classes])
 * @param img source image
 * @param quads line corners in reading frame (TL, TR, BR, BL)
 * @param keys character list (class i is keys[i-1]; the last class is a space)
 * @param batchSize lines per run
 * Returns one decoding per quad, in input order. Does not drop low-confidence lines.
 */
export async function recognizeLines(session: ort.InferenceSession, img: RgbImage, quads: Point[][], keys: readonly string[], batchSize = 12): Promise<Decoded[]> {
  const ratios = quads.map((q) => {
    const { w, h } = quadSize(q);
    return w / Math.max(1, h);
  });
  const order = ratios.map((_, i) => i).sort((a, b) => ratios[a]! - ratios[b]!);
  const results: Decoded[] = new Array(quads.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const idx = order.slice(start, start + batchSize);
    const maxRatio = Math.max(...idx.map((i) => ratios[i]!));
    const outW = Math.min(REC_MAX_W, Math.max(REC_MIN_W, Math.ceil(REC_H * maxRatio / 8) * 8));
    const n = idx.length;
    const data = new Float32Array(n * 3 * REC_H * outW); // zeros = mid grey after normalisation, as PaddleOCR pads
    idx.forEach((qi, k) => {
      const drawW = Math.max(1, Math.min(outW, Math.ceil(REC_H * ratios[qi]!)));
      sampleQuad(img, quads[qi]!, data, k, REC_H, outW, drawW);
    });
    const res = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', data, [n, 3, REC_H, outW]) });
    const out = res[session.outputNames[0]!]!;
    const [, steps, classes] = out.dims as [number, number, number];
    const probs = out.data as Float32Array;
    idx.forEach((qi, k) => {
      results[qi] = ctcGreedy(probs.subarray(k * steps * classes, (k + 1) * steps * classes), steps, classes, keys);
    });
  }
  return results;
}
