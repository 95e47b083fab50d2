/**
 * Dense pages as tiles. Mistral Small 3.1 sees at most 1540 px a side; a newspaper page in 6-pt type
 * shrunk to that is unreadable. When the text would be too small at the model's scale, the page is
 * rendered larger and sent as overlapping tiles (each ≤ 1540 px, sized in whole 28-px cells), each with
 * its position in the prompt, and the answers are stitched in reading order (`stitchTileAnswers`).
 *
 * The rule: the page is tiled when the x-height of its body text at the model's size is under
 * `DENSE_XHEIGHT_PX` (7 px, about a 10-px line). The x-height is estimated, in this order of trust, from
 * the text layer's font sizes (character-weighted median × 0.5), from OCR line heights (median × 0.42),
 * or from the ink rows of the image (median text-line height × 0.5, read in six vertical strips so that
 * columns do not merge their lines). The page is rendered so that the x-height reaches 7 px (at most
 * `MAX_TILE_SCALE` × the model's size) and cut into a grid: column bands of equal width with their edges
 * moved into the emptiest nearby gutter, each band cut into rows overlapping by `TILE_OVERLAP_PX`.
 *
 * Cost: each tile costs rows × (cols + 1) image tokens over its 28-px cells, so a page cut into r × c tiles
 * of 1540 × 1540 costs r·c·3,080 image tokens instead of ~2,420 for one Letter page at 1540 px.
 */
import sharp from 'sharp';
import type { PreparedPage, RenderedImage, TextSpan } from '@docmill/core';
import { MODEL_CELL_PX, MODEL_MAX_SIDE, imageTokens } from './image.js';
import type { TilePosition } from './prompts.js';

/** x-height in px at the model's size under which a page is sent as tiles. */
export const DENSE_XHEIGHT_PX = 7;
/** Overlap of vertically neighbouring tiles, in px of the tiled render (4 cells: two or three lines of small type). */
export const TILE_OVERLAP_PX = 112;
/** Largest enlargement of the model's size for tiling (3 × 1540 = 4620 px). */
export const MAX_TILE_SCALE = 3;

/** How the x-height was estimated. */
export interface TextScale {
  /** x-height of the body text in px when the page's longest side is `longestSide`. */
  xHeightPx: number;
  source: 'text-layer' | 'ocr' | 'ink';
}

/**
 * One tile: where it sits in the grid and on the page (the TilePosition its prompt names),
 * and its rectangle in the tiled render.
 */
export interface Tile extends TilePosition {
  /** The rectangle in px of the tiled render. */
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The x-height of the page's body text at the model's size.
 * @param page the prepared page (text layer and verdict)
 * @param longestSide the model's image size (px of the longest side)
 * @param image the page image, for the ink measure when there is no usable text
 * @returns undefined when nothing can be measured (a blank page, a picture)
 */
export async function estimateTextScale(page: PreparedPage, longestSide: number, image?: RenderedImage): Promise<TextScale | undefined> {
  const pageLongest = Math.max(page.textLayer.width, page.textLayer.height);
  const spans = page.textLayer.spans.filter((s) => s.text.trim() !== '' && s.fontSize > 0);
  const fromText = page.textLayer.source === 'ocr' || page.verdict.trustworthy;
  if (fromText && pageLongest > 0 && chars(spans) >= 200) {
    const ocr = page.textLayer.source === 'ocr';
    const size = weightedMedian(spans);
    return { xHeightPx: size * (ocr ? 0.42 : 0.5) * (longestSide / pageLongest), source: ocr ? 'ocr' : 'text-layer' };
  }
  if (!image || image.mime === 'application/octet-stream') return undefined;
  const line = await inkLineHeight(image.data);
  if (line === undefined) return undefined;
  return { xHeightPx: line * 0.5 * (longestSide / Math.max(image.width, image.height)), source: 'ink' };
}

function chars(spans: readonly TextSpan[]): number {
  return spans.reduce((n, s) => n + s.text.replace(/\s/g, '').length, 0);
}

/** The font size half of the page's characters are set in or below. */
function weightedMedian(spans: readonly TextSpan[]): number {
  const sorted = spans.map((s) => ({ size: s.fontSize, n: s.text.replace(/\s/g, '').length })).sort((a, b) => a.size - b.size);
  const half = sorted.reduce((n, s) => n + s.n, 0) / 2;
  let seen = 0;
  for (const s of sorted) {
    seen += s.n;
    if (seen >= half) return s.size;
  }
  return sorted[sorted.length - 1]?.size ?? 0;
}

/**
 * The median height of text lines on an image, from ink rows: the image in six vertical strips, each
 * thresholded; a line is a run of rows with ink whose mean ink share is that of print (2–60 %) and whose
 * rows cross 4 strokes or more on average (solid bars and rules are one stretch of ink: not text).
 * Needs 10 lines or more.
 * @param data an encoded image
 */
async function inkLineHeight(data: Buffer): Promise<number | undefined> {
  const { data: px, info } = await sharp(data).flatten({ background: '#ffffff' }).greyscale().threshold(128).raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const strips = 6;
  const heights: number[] = [];
  for (let s = 0; s < strips; s++) {
    const x0 = Math.floor((s * width) / strips);
    const x1 = Math.floor(((s + 1) * width) / strips);
    const share = new Float32Array(height);
    const strokes = new Float32Array(height);
    for (let y = 0; y < height; y++) {
      let ink = 0;
      let segments = 0;
      let prev = false;
      for (let x = x0; x < x1; x++) {
        const dark = px[y * width + x]! < 128;
        if (dark) ink++;
        if (dark && !prev) segments++;
        prev = dark;
      }
      share[y] = ink / Math.max(1, x1 - x0);
      strokes[y] = segments;
    }
    let start = -1;
    for (let y = 0; y <= height; y++) {
      const inked = y < height && share[y]! > 0.01;
      if (inked && start < 0) start = y;
      if (!inked && start >= 0) {
        const h = y - start;
        let sum = 0;
        let segs = 0;
        for (let k = start; k < y; k++) {
          sum += share[k]!;
          segs += strokes[k]!;
        }
        const mean = sum / h;
        // Note: a row of print crosses many strokes across the strip; a bar or a rule is one stretch of ink.
        if (h >= 3 && h <= height / 10 && mean >= 0.02 && mean <= 0.6 && segs / h >= 4 && !solidRun(share, start, y)) heights.push(h);
        start = -1;
      }
    }
  }
  if (heights.length < 10) return undefined;
  heights.sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)]!;
}

/** True when most rows of a run are inked across most of the strip (a bar, not letters). */
function solidRun(share: Float32Array, from: number, to: number): boolean {
  let solid = 0;
  for (let k = from; k < to; k++) if (share[k]! > 0.6) solid++;
  return solid > (to - from) / 2;
}

/**
 * The longest side to render a dense page at so that its x-height reaches `DENSE_XHEIGHT_PX`, or undefined
 * when the page is not dense.
 * @param scale the estimate (`estimateTextScale`)
 * @param longestSide the model's size
 */
export function tiledLongestSide(scale: TextScale | undefined, longestSide: number): number | undefined {
  if (!scale || scale.xHeightPx <= 0 || scale.xHeightPx >= DENSE_XHEIGHT_PX) return undefined;
  const factor = Math.min(MAX_TILE_SCALE, DENSE_XHEIGHT_PX / scale.xHeightPx);
  return Math.round(longestSide * factor);
}

/**
 * Cuts a render into tiles of at most `maxSide` px (whole 28-px cells where the render allows): column bands
 * when it is wider than `maxSide`, each band cut into rows overlapping by `overlap` px. Band edges are placed
 * in the emptiest column of ink near the even split (a gutter) when `inkColumns` is given.
 * @param width px of the render
 * @param height px of the render
 * @param opts.maxSide default 1540
 * @param opts.overlap default `TILE_OVERLAP_PX`
 * @param opts.inkColumns ink per column of the render (from `inkColumns`)
 * @returns the tiles in reading order: band by band, top to bottom within a band
 */
export function planTiles(width: number, height: number, opts: { maxSide?: number; overlap?: number; inkColumns?: Float32Array } = {}): Tile[] {
  const maxSide = Math.min(opts.maxSide ?? MODEL_MAX_SIDE, MODEL_MAX_SIDE);
  const overlap = opts.overlap ?? TILE_OVERLAP_PX;
  const bands = columnBands(width, maxSide, overlap, opts.inkColumns);
  const rows = height <= maxSide ? 1 : Math.ceil((height - overlap) / (maxSide - overlap));
  const tileHeight = Math.min(height, cells(Math.ceil((height + (rows - 1) * overlap) / rows), maxSide));
  const tiles: Tile[] = [];
  const count = bands.length * rows;
  bands.forEach(([left, right], col) => {
    for (let row = 0; row < rows; row++) {
      const top = rows === 1 ? 0 : Math.round((row * (height - tileHeight)) / (rows - 1));
      tiles.push({
        index: tiles.length,
        count,
        row,
        rows,
        col,
        cols: bands.length,
        left,
        top,
        width: right - left,
        height: tileHeight,
        region: [left / width, top / height, right / width, (top + tileHeight) / height],
      });
    }
  });
  return tiles;
}

/** A length rounded up to whole 28-px cells, but never over `max`. */
function cells(n: number, max: number): number {
  return Math.min(max, Math.ceil(n / MODEL_CELL_PX) * MODEL_CELL_PX);
}

/** [left, right) of each column band. */
function columnBands(width: number, maxSide: number, overlap: number, ink: Float32Array | undefined): Array<[number, number]> {
  if (width <= maxSide) return [[0, width]];
  const cols = Math.ceil((width - overlap) / (maxSide - overlap));
  // Note: with a gutter each band reaches half the overlap past it; without ink facts the bands overlap evenly.
  const edges = [0];
  for (let k = 1; k < cols; k++) {
    const ideal = (k * width) / cols;
    edges.push(ink ? gutter(ink, ideal, width / (4 * cols)) : ideal);
  }
  edges.push(width);
  const bands: Array<[number, number]> = [];
  for (let k = 0; k < cols; k++) {
    const left = Math.max(0, Math.round(edges[k]! - (k > 0 ? overlap / 2 : 0)));
    const right = Math.min(width, Math.round(edges[k + 1]! + (k < cols - 1 ? overlap / 2 : 0)));
    bands.push([left, Math.min(right, left + maxSide)]);
  }
  return bands;
}

/** The centre of the emptiest stretch of columns within `reach` of `ideal`. */
function gutter(ink: Float32Array, ideal: number, reach: number): number {
  const from = Math.max(0, Math.floor(ideal - reach));
  const to = Math.min(ink.length - 1, Math.ceil(ideal + reach));
  let best = Infinity;
  for (let x = from; x <= to; x++) best = Math.min(best, ink[x]!);
  // the longest run of columns at the minimum, nearest the ideal on ties
  let bestRun: [number, number] = [Math.round(ideal), Math.round(ideal)];
  let start = -1;
  for (let x = from; x <= to + 1; x++) {
    const low = x <= to && ink[x]! <= best;
    if (low && start < 0) start = x;
    if (!low && start >= 0) {
      const len = x - start;
      const cur = bestRun[1] - bestRun[0];
      if (len > cur || (len === cur && Math.abs((start + x) / 2 - ideal) < Math.abs((bestRun[0] + bestRun[1]) / 2 - ideal))) bestRun = [start, x];
      start = -1;
    }
  }
  return (bestRun[0] + bestRun[1]) / 2;
}

/**
 * Ink per column of an image (dark pixels per column), for placing band edges in gutters.
 * @param data an encoded image
 */
export async function inkColumns(data: Buffer): Promise<Float32Array> {
  const { data: px, info } = await sharp(data).flatten({ background: '#ffffff' }).greyscale().threshold(128).raw().toBuffer({ resolveWithObject: true });
  const ink = new Float32Array(info.width);
  for (let y = 0; y < info.height; y++) for (let x = 0; x < info.width; x++) if (px[y * info.width + x]! < 128) ink[x]!++;
  return ink;
}

/**
 * One tile of a render as an image of its own (PNG).
 * @param image the tiled render
 * @param tile the rectangle
 */
export async function cropTile(image: RenderedImage, tile: Tile): Promise<RenderedImage> {
  const data = await sharp(image.data).extract({ left: tile.left, top: tile.top, width: tile.width, height: tile.height }).png().toBuffer();
  return { data, mime: 'image/png', width: tile.width, height: tile.height, dpi: image.dpi, rotation: image.rotation };
}

/** Image tokens the tiles cost (rows × (cols + 1) over 28-px cells, each tile). */
export function tileTokens(tiles: readonly Tile[]): number {
  return tiles.reduce((n, t) => n + imageTokens(t.width, t.height), 0);
}

/**
 * The text-layer spans inside a tile (their centre in its region), for the tile's anchor text.
 * @param spans the page's spans (points)
 * @param page the page size in points
 * @param tile the tile
 */
export function spansInTile(spans: readonly TextSpan[], page: { width: number; height: number }, tile: Tile): TextSpan[] {
  const [x0, y0, x1, y1] = tile.region;
  return spans.filter((s) => {
    const cx = (s.bbox[0] + s.bbox[2]) / 2 / page.width;
    const cy = (s.bbox[1] + s.bbox[3]) / 2 / page.height;
    return cx >= x0 && cx < x1 && cy >= y0 && cy < y1;
  });
}
