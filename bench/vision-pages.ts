/** Synthetic page images for benches: text set with SVG (DejaVu via fontconfig), rendered by sharp. Not a test fixture. */
import sharp from 'sharp';
import type { PreparedPage, RenderedImage } from '@docmill/core';

const WORDS = 'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her one all we can there been if more when will would who so no'.split(' ');

/**
 * A text page: a heading, justified-looking lines of words, a small table grid.
 * @param seed varies the words
 * @param width px
 * @param height px
 */
export async function textPageImage(seed: number, width = 1190, height = 1540): Promise<Buffer> {
  let s = seed * 7919 + 1;
  const word = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return WORDS[s % WORDS.length]!;
  };
  const lines: string[] = [];
  const fs = Math.round(height / 70);
  for (let y = Math.round(height * 0.14); y < height * 0.62; y += Math.round(fs * 1.5)) {
    const ws: string[] = [];
    while (ws.join(' ').length < 88) ws.push(word());
    lines.push(`<text x="${Math.round(width * 0.08)}" y="${y}" font-family="DejaVu Serif" font-size="${fs}">${ws.join(' ')}</text>`);
  }
  const rows: string[] = [];
  for (let r = 0; r < 8; r++) {
    const y = Math.round(height * 0.66 + r * fs * 1.8);
    rows.push(`<line x1="${width * 0.08}" y1="${y - fs * 1.2}" x2="${width * 0.92}" y2="${y - fs * 1.2}" stroke="black" stroke-width="1"/>`);
    for (let c = 0; c < 4; c++) rows.push(`<text x="${Math.round(width * (0.1 + c * 0.21))}" y="${y}" font-family="DejaVu Sans" font-size="${fs}">${r === 0 ? `Column ${c + 1}` : (s % 1000) + r * 17 + c}</text>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>` +
    `<text x="${Math.round(width * 0.08)}" y="${Math.round(height * 0.08)}" font-family="DejaVu Sans" font-weight="bold" font-size="${fs * 2}">Report section ${seed}</text>${lines.join('')}${rows.join('')}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A scan-like version of a page: grey paper, blur, sensor noise. */
export async function scannedPageImage(seed: number, width = 1190, height = 1540): Promise<Buffer> {
  const clean = await textPageImage(seed, width, height);
  const { data, info } = await sharp(clean).greyscale().blur(0.6).raw().toBuffer({ resolveWithObject: true });
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    data[i] = Math.max(0, Math.min(255, Math.round(data[i]! * 0.88 + 14 + ((s >> 16) % 17) - 8)));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } }).png().toBuffer();
}

/**
 * n letter-size pages with no text layer, each the same text page image (seed), as the vision
 * engines receive them after preparation: what the outage benches send to the doubles.
 */
export async function preparedTextPages(n: number, seed: number): Promise<PreparedPage[]> {
  const data = await textPageImage(seed);
  const image: RenderedImage = { data, mime: 'image/png', width: 1190, height: 1540, dpi: 140, rotation: 0 };
  return Array.from({ length: n }, (_, i) => ({
    index: i,
    dimensions: { width: 612, height: 792, dpi: 140 },
    textLayer: { index: i, width: 612, height: 792, spans: [], source: 'text-layer' as const },
    verdict: { trustworthy: false, flags: ['needs_ocr' as const], chars: 0, garbageShare: 0, invisibleShare: 0 },
    image,
  }));
}
