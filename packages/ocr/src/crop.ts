import type { Point } from './geometry.js';
import type { RgbImage } from './image.js';

/**
 * Samples the quadrilateral `q` (TL, TR, BR, BL in the reading frame) of `img`
 * into a slot of a CHW float tensor, de-skewing and scaling in one pass, and
 * normalises as PaddleOCR does: (x/255 - 0.5) / 0.5, channels in BGR order
 * (the models were trained on OpenCV's BGR images).
 * @param img source RGB image
 * @param q the line's corners; the TL→TR edge becomes the crop's top edge
 * @param out tensor data, shape [N, 3, outH, outW]
 * @param slot which N index to write
 * @param outH tensor height (48)
 * @param outW tensor width (the batch's padded width)
 * @param drawW width to fill with the line (the rest keeps its padding value)
 * Note: an affine map from TL, TR, BL is exact for the rotated rectangles the
 * detector gives; with downscaling, kx×ky bilinear samples per output pixel keep
 * thin strokes from aliasing away. Does not pad: the caller zero-fills `out`.
 */
export function sampleQuad(img: RgbImage, q: Point[], out: Float32Array, slot: number, outH: number, outW: number, drawW: number): void {
  const [tl, tr, , bl] = q as [Point, Point, Point, Point];
  const ex = tr[0] - tl[0], ey = tr[1] - tl[1]; // along the line
  const fx = bl[0] - tl[0], fy = bl[1] - tl[1]; // down the line
  const srcH = Math.hypot(fx, fy);
  const srcW = Math.hypot(ex, ey);
  const kx = Math.max(1, Math.min(4, Math.ceil(srcW / drawW)));
  const ky = Math.max(1, Math.min(4, Math.ceil(srcH / outH)));
  const { data, width, height } = img;
  const plane = outH * outW;
  const base = slot * 3 * plane;
  const inv = 1 / (kx * ky);
  const maxX = width - 1, maxY = height - 1;
  // Position of output pixel (i, j), sub-sample (si, sj), in the source:
  // tl + u·e + v·f with u = (i + (si+.5)/kx) / drawW and v = (j + (sj+.5)/ky) / outH,
  // minus half a pixel (pixel centres). Affine in i: walk it by increments.
  const dux = ex / drawW, duy = ey / drawW;
  for (let j = 0; j < outH; j++) {
    const rowOut = base + j * outW;
    for (let i = 0; i < drawW; i++) {
      let r = 0, g = 0, b = 0;
      for (let sj = 0; sj < ky; sj++) {
        const v = (j + (sj + 0.5) / ky) / outH;
        const bx = tl[0] + v * fx - 0.5, by = tl[1] + v * fy - 0.5;
        for (let si = 0; si < kx; si++) {
          const ui = i + (si + 0.5) / kx;
          let x = bx + ui * dux;
          let y = by + ui * duy;
          if (x < 0) x = 0; else if (x > maxX) x = maxX;
          if (y < 0) y = 0; else if (y > maxY) y = maxY;
          const x0 = x | 0, y0 = y | 0;
          const sx = x0 < maxX ? 3 : 0;
          const sy = y0 < maxY ? width * 3 : 0;
          const ax = x - x0, ay = y - y0;
          const p00 = (y0 * width + x0) * 3, p01 = p00 + sx, p10 = p00 + sy, p11 = p10 + sx;
          const w11 = ax * ay, w01 = ax - w11, w10 = ay - w11, w00 = 1 - ax - ay + w11;
          r += data[p00]! * w00 + data[p01]! * w01 + data[p10]! * w10 + data[p11]! * w11;
          g += data[p00 + 1]! * w00 + data[p01 + 1]! * w01 + data[p10 + 1]! * w10 + data[p11 + 1]! * w11;
          b += data[p00 + 2]! * w00 + data[p01 + 2]! * w01 + data[p10 + 2]! * w10 + data[p11 + 2]! * w11;
        }
      }
      const o = rowOut + i;
      // BGR planes; (x/255 - 0.5)/0.5 = x/127.5 - 1
      out[o] = (b * inv) / 127.5 - 1;
      out[o + plane] = (g * inv) / 127.5 - 1;
      out[o + 2 * plane] = (r * inv) / 127.5 - 1;
    }
  }
}

/** Length of the TL→TR edge and of the TL→BL edge of a quadrilateral. */
export function quadSize(q: Point[]): { w: number; h: number } {
  const [tl, tr, br, bl] = q as [Point, Point, Point, Point];
  const w = Math.max(Math.hypot(tr[0] - tl[0], tr[1] - tl[1]), Math.hypot(br[0] - bl[0], br[1] - bl[1]));
  const h = Math.max(Math.hypot(bl[0] - tl[0], bl[1] - tl[1]), Math.hypot(br[0] - tr[0], br[1] - tr[1]));
  return { w, h };
}

/** The same quadrilateral read upside down (turned 180°): BR, BL, TL, TR. */
export function flipQuad(q: Point[]): Point[] {
  return [q[2]!, q[3]!, q[0]!, q[1]!];
}

/** The quadrilateral read with its TL→BL edge as the line (turned 90° counter-clockwise, as PaddleOCR does for tall boxes): TR, BR, BL, TL. */
export function turnQuad(q: Point[]): Point[] {
  return [q[1]!, q[2]!, q[3]!, q[0]!];
}

/** An unbroken dark run over this share of a row is a rule, an underline or a border. */
const RULE_SHARE = 0.3;

/**
 * The part of a line between fractions u0 and u1 of its length.
 * @param q corners TL, TR, BR, BL
 */
export function subQuad(q: Point[], u0: number, u1: number): Point[] {
  const [tl, tr, br, bl] = q as [Point, Point, Point, Point];
  const at = (a: Point, b: Point, u: number): Point => [a[0] + u * (b[0] - a[0]), a[1] + u * (b[1] - a[1])];
  return [at(tl, tr, u0), at(tl, tr, u1), at(bl, br, u1), at(bl, br, u0)];
}

/** What inkMeasure finds in a line crop. */
export interface InkMeasure {
  /** Height in crop rows of the line's densest band of ink (0: not measured). */
  band: number;
  /** First and last inked column of that band, as fractions of the drawn width (0 and 1 when unmeasured). */
  left: number;
  right: number;
  /** Band's first and last row in the crop (fractional; 0 when unmeasured). */
  top: number;
  bottom: number;
  /** Per drawn column: the first and last row with ink (rules excluded), -1 for a column without ink. Empty when unmeasured. */
  inkTop: Int8Array;
  inkBottom: Int8Array;
}

/**
 * The densest band of ink in a line crop and its horizontal extent. The band
 * is about the x-height of lower-case text, the cap height of capitals and
 * digits: on the horizontal projection of the crop's dark pixels (darker than
 * halfway between its lightest and darkest; rules excluded), from the first to
 * the last row at least half as dense as the densest. The extent is where that
 * band has ink: the detector's boxes reach past the letters by their margin,
 * which on a scan with narrow gutters closes the gap between columns.
 * @param out tensor data written by sampleQuad, shape [N, 3, outH, outW]
 * @param slot which N index
 * @param outH crop height (48)
 * @param outW tensor width
 * @param drawW columns holding the line
 * Note: ascenders, descenders and accents fill few of a row's columns, so
 * lines of one font size measure alike.
 */
export function inkMeasure(out: Float32Array, slot: number, outH: number, outW: number, drawW: number): InkMeasure {
  const none: InkMeasure = { band: 0, left: 0, right: 1, top: 0, bottom: 0, inkTop: new Int8Array(0), inkBottom: new Int8Array(0) };
  const plane = outH * outW;
  const base = slot * 3 * plane;
  const value = (j: number, i: number) => {
    const o = base + j * outW + i;
    return out[o]! + out[o + plane]! + out[o + 2 * plane]!;
  };
  let lo = Infinity, hi = -Infinity;
  for (let j = 0; j < outH; j++) {
    for (let i = 0; i < drawW; i++) {
      const v = value(j, i);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi - lo > 0.6)) return none; // under ~10 % contrast: nothing to measure
  const cut = (lo + hi) / 2;
  const density = new Float64Array(outH);
  for (let j = 0; j < outH; j++) {
    let n = 0, run = 0, longest = 0;
    for (let i = 0; i < drawW; i++) {
      if (value(j, i) < cut) {
        n++;
        if (++run > longest) longest = run;
      } else run = 0;
    }
    // A row with an unbroken dark run longer than a few letters is a rule or an
    // underline (or a table border) crossing the crop, not letters.
    density[j] = longest > Math.max(2 * outH, RULE_SHARE * drawW) ? 0 : n / drawW;
  }
  // From the first to the last row at least half as dense as the densest: with
  // serifs the densest rows are the x-height line and the baseline, and the
  // stems between them are sparser, so a run around the peak would stop short.
  let peak = 0;
  for (let j = 1; j < outH; j++) if (density[j]! > density[peak]!) peak = j;
  const half = density[peak]! / 2;
  if (!(half > 0)) return none;
  let top = 0, bottom = outH - 1;
  while (density[top]! < half) top++;
  while (density[bottom]! < half) bottom--;
  const fracTop = top > 0 ? (density[top]! - half) / (density[top]! - density[top - 1]!) : 0.5;
  const fracBottom = bottom < outH - 1 ? (density[bottom]! - half) / (density[bottom]! - density[bottom + 1]!) : 0.5;
  let left = drawW, right = -1;
  for (let i = 0; i < drawW; i++) {
    for (let j = top; j <= bottom; j++) {
      if (density[j]! > 0 && value(j, i) < cut) {
        if (i < left) left = i;
        right = i;
        break;
      }
    }
  }
  if (right < left) return none;
  const inkTop = new Int8Array(drawW).fill(-1);
  const inkBottom = new Int8Array(drawW).fill(-1);
  for (let j = 0; j < outH; j++) {
    if (!(density[j]! > 0)) continue;
    for (let i = 0; i < drawW; i++) {
      if (value(j, i) < cut) {
        if (inkTop[i] === -1) inkTop[i] = j;
        inkBottom[i] = j;
      }
    }
  }
  return { band: bottom - top + fracTop + fracBottom, left: left / drawW, right: (right + 1) / drawW, top: top - fracTop, bottom: bottom + fracBottom, inkTop, inkBottom };
}
