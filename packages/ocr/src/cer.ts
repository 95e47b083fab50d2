/** Collapses every run of whitespace to one space and trims the ends. */
export function foldWhitespace(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}

/**
 * Levenshtein distance between two strings, counted in code points, with two rolling rows.
 * @param a first string
 * @param b second string
 */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Int32Array(y.length + 1);
  let cur = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const sub = prev[j - 1]! + (xi === y[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[y.length]!;
}

/**
 * Character error rate: edit distance between reference and hypothesis after
 * folding whitespace in both, divided by the reference length (in code points).
 * @param ref the true text
 * @param hyp the recognised text
 * Returns 0 for two empty texts and hyp's length when the reference is empty.
 * Does not change case or normalise Unicode: a wrong accent is an error.
 */
export function charErrorRate(ref: string, hyp: string): number {
  const r = foldWhitespace(ref);
  const h = foldWhitespace(hyp);
  return editDistance(r, h) / Math.max(1, Array.from(r).length);
}
