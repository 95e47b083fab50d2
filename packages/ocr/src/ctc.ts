/**
 * Greedy CTC decoding of the recogniser's per-step character distribution.
 */

export interface Decoded {
  text: string;
  /** Probability of each emitted character (of its first frame). */
  charConfidences: number[];
  /** Mean of charConfidences (0 when no character was emitted). */
  confidence: number;
  /** Time step of each emitted character, for spacing heuristics and tests. */
  steps: number[];
}

/**
 * Decodes one sequence: argmax per step, merge repeats, drop the blank.
 * @param probs the softmax output, [steps, classes] for this sequence (a view)
 * @param steps number of time steps
 * @param classes classes per step (blank at 0, then the keys, then space)
 * @param keys the character list, keys[i-1] is class i
 * Does not apply a language model or a confidence cut.
 */
export function ctcGreedy(probs: Float32Array, steps: number, classes: number, keys: readonly string[]): Decoded {
  const chars: string[] = [];
  const confs: number[] = [];
  const at: number[] = [];
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const off = t * classes;
    let best = 0;
    let bestP = probs[off]!;
    for (let c = 1; c < classes; c++) {
      const p = probs[off + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== prev) {
      chars.push(keys[best - 1] ?? '');
      confs.push(bestP);
      at.push(t);
    }
    prev = best;
  }
  const confidence = confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : 0;
  return { text: chars.join(''), charConfidences: confs, confidence, steps: at };
}
