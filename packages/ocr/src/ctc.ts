/**
 * Greedy CTC decoding of the recogniser's per-step character distribution.
 */

export interface Decoded {
  text: string;
  /** Probability of each character of `text` (of its first frame; for a restored space, the space class's peak). No leading, trailing or doubled spaces. */
  charConfidences: number[];
  /**
   * Where each character of `text` was read, in time steps: the centre of its
   * class's probability over its run of frames and the frame on each side
   * (finer than a step). A restored space: the first frame of the character after it.
   */
  charSteps: number[];
  /** Mean probability of the characters the model emitted itself (0 when none). */
  confidence: number;
  /** Set by recognizeLines: the line's ink band (x-height or cap height) in source pixels, 0 when unmeasured. */
  inkBand?: number;
  /** Set by recognizeLines: see typewriter.ts monoScore (absent: too few letters to judge). */
  monoScore?: number;
  /** Set by recognizeLines: where the ink starts and ends along the line, as fractions of its length. */
  inkSpan?: [number, number];
}

/**
 * Decodes one sequence: argmax per step, merge repeats, drop the blank.
 * @param probs the softmax output, [steps, classes] for this sequence (a view)
 * @param steps number of time steps
 * @param classes classes per step (blank at 0, then the keys, the last one a space)
 * @param keys the character list, keys[i-1] is class i
 * @param spaceHint restore a space between two characters when the space class
 *   reached this probability on the blank frames between them (0 disables)
 * Note: the Chinese PP-OCRv4 recogniser often lets the blank win over the space
 * between Latin words, though the space class still rises there (0.1–0.5, while
 * it stays under 0.01 inside words); restoring those spaces is what makes its
 * English output usable. Does not apply a language model or a confidence cut.
 */
export function ctcGreedy(probs: Float32Array, steps: number, classes: number, keys: readonly string[], spaceHint = 0.08): Decoded {
  const chars: string[] = [];
  const confs: number[] = [];
  const at: number[] = [];
  const classOf: number[] = [];
  const space = classes - 1;
  let sum = 0;
  let emitted = 0;
  let prev = -1;
  let gapSpace = 0;
  for (let t = 0; t < steps; t++) {
    const off = t * classes;
    let best = 0;
    let bestP = probs[off]!;
    // Note: the row is a softmax, so a class above 0.5 wins outright; most
    // frames are blanks above 0.5, which skips the scan over 6 625 classes.
    if (bestP <= 0.5) {
      for (let c = 1; c < classes; c++) {
        const p = probs[off + c]!;
        if (p > bestP) {
          bestP = p;
          best = c;
          if (p > 0.5) break;
        }
      }
    }
    if (best === 0) {
      const sp = probs[off + space]!;
      if (sp > gapSpace) gapSpace = sp;
    } else if (best !== prev) {
      const ch = keys[best - 1] ?? '';
      const last = chars[chars.length - 1];
      if (ch === ' ' && (last === undefined || last === ' ')) {
        // No leading or doubled spaces: text and confidences stay aligned without a later trim.
        prev = best;
        gapSpace = 0;
        continue;
      }
      if (spaceHint > 0 && gapSpace >= spaceHint && last !== undefined && last !== ' ' && ch !== ' ') {
        chars.push(' ');
        confs.push(gapSpace);
        at.push(t);
        classOf.push(-1);
      }
      chars.push(ch);
      confs.push(bestP);
      at.push(t);
      classOf.push(best);
      sum += bestP;
      emitted++;
      gapSpace = 0;
    }
    prev = best;
  }
  while (chars[chars.length - 1] === ' ') {
    chars.pop();
    confs.pop();
    at.pop();
    classOf.pop();
  }
  for (let i = 0; i < at.length; i++) if (classOf[i]! >= 0) at[i] = centre(probs, steps, classes, classOf[i]!, at[i]!);
  return { text: chars.join(''), charConfidences: confs, charSteps: at, confidence: emitted ? sum / emitted : 0 };
}

/** Probability-weighted centre of class c's run of frames that starts at `first`, one frame either side included. */
function centre(probs: Float32Array, steps: number, classes: number, c: number, first: number): number {
  let w = 0, m = 0;
  const add = (t: number) => {
    const p = probs[t * classes + c]!;
    w += p;
    m += p * t;
  };
  if (first > 0) add(first - 1);
  let t = first;
  add(t);
  // The run goes on while the class stays above half (the argmax of a softmax row).
  while (t + 1 < steps && probs[(t + 1) * classes + c]! > 0.5) add(++t);
  if (t + 1 < steps) add(t + 1);
  return w > 0 ? m / w : first;
}
