/**
 * Connected components of a thresholded probability map, reduced to what the
 * DB post-processing needs: each component's row extremes (enough for its
 * convex hull), its pixel count and its mean probability.
 */

export interface Component {
  /** Hull candidate points: per row the leftmost and rightmost pixel centres. */
  xs: Float64Array;
  ys: Float64Array;
  pixels: number;
  /** Mean probability over the component's pixels (DB "box score"). */
  score: number;
}

/**
 * Labels 8-connected regions of `prob > threshold`.
 * @param prob probability map, row-major, width*height
 * @param width map width
 * @param height map height
 * @param threshold binarisation threshold (PaddleOCR: 0.3)
 * @param minPixels components smaller than this are skipped (noise)
 * @param maxComponents stop after this many (PaddleOCR's max_candidates, 1000)
 * Does not fit boxes or filter by score; the caller does.
 */
export function findComponents(prob: Float32Array, width: number, height: number, threshold: number, minPixels = 4, maxComponents = 1000): Component[] {
  const n = width * height;
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  const members = new Int32Array(n);
  const out: Component[] = [];
  for (let start = 0; start < n; start++) {
    if (seen[start] || !(prob[start]! > threshold)) continue;
    // Flood fill from `start`.
    let sp = 0;
    let count = 0;
    let sum = 0;
    let minY = height, maxY = -1;
    stack[sp++] = start;
    seen[start] = 1;
    while (sp > 0) {
      const p = stack[--sp]!;
      members[count++] = p;
      sum += prob[p]!;
      const y = (p / width) | 0;
      const x = p - y * width;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width || (dx === 0 && dy === 0)) continue;
          const q = yy * width + xx;
          if (!seen[q] && prob[q]! > threshold) {
            seen[q] = 1;
            stack[sp++] = q;
          }
        }
      }
    }
    if (count < minPixels) continue;
    const rows = maxY - minY + 1;
    const rowMin = new Int32Array(rows).fill(width);
    const rowMax = new Int32Array(rows).fill(-1);
    for (let k = 0; k < count; k++) {
      const p = members[k]!;
      const y = (p / width) | 0;
      const x = p - y * width;
      const r = y - minY;
      if (x < rowMin[r]!) rowMin[r] = x;
      if (x > rowMax[r]!) rowMax[r] = x;
    }
    const xs = new Float64Array(rows * 2);
    const ys = new Float64Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      xs[2 * r] = rowMin[r]!;
      xs[2 * r + 1] = rowMax[r]!;
      ys[2 * r] = ys[2 * r + 1] = r + minY;
    }
    out.push({ xs, ys, pixels: count, score: sum / count });
    if (out.length >= maxComponents) break;
  }
  return out;
}
