/** Fixtures built in the tests themselves: page images (sharp) and prepared pages. */
import sharp from 'sharp';
import type { PreparedPage, RenderRequest, RenderedImage, Rotation, TextSpan } from '@docmill/core';

/**
 * A page image: white, with `lines` dark bars standing for lines of text (no fonts needed).
 * @param width px
 * @param height px
 * @param lines number of text-like bars (0 gives a blank page)
 */
export async function pageImage(width: number, height: number, lines = 12, rotation: Rotation = 0): Promise<RenderedImage> {
  const bars = Array.from({ length: lines }, (_, i) => ({
    input: { create: { width: Math.floor(width * 0.7), height: Math.max(2, Math.floor(height / 120)), channels: 3 as const, background: '#222222' } },
    left: Math.floor(width * 0.1),
    top: Math.floor(height * 0.1) + i * Math.floor(height / 40),
  })).filter((b) => b.top + 10 < height);
  const data = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).composite(bars).png().toBuffer();
  return { data, mime: 'image/png', width, height, dpi: 144, rotation };
}

export function span(text: string, x: number, y: number, fontSize = 10): TextSpan {
  return { text, bbox: [x, y, x + text.length * fontSize * 0.5, y + fontSize], fontSize };
}

/**
 * A prepared page (US Letter in points) with an optional image and text layer.
 * @param opts.spans text-layer spans (their characters count as the verdict's chars)
 * @param opts.trustworthy the text-layer verdict (default: true when there are spans)
 */
export function preparedPage(opts: { index?: number; image?: RenderedImage; spans?: TextSpan[]; trustworthy?: boolean } = {}): PreparedPage {
  const spans = opts.spans ?? [];
  const chars = spans.reduce((n, s) => n + s.text.replace(/\s/g, '').length, 0);
  const trustworthy = opts.trustworthy ?? spans.length > 0;
  const page: PreparedPage = {
    index: opts.index ?? 0,
    dimensions: { width: 612, height: 792, dpi: 72 },
    textLayer: { index: opts.index ?? 0, width: 612, height: 792, spans, source: 'text-layer' },
    verdict: { trustworthy, flags: trustworthy ? [] : ['needs_ocr', 'no_text_layer'], chars, garbageShare: 0, invisibleShare: 0 },
  };
  if (opts.image) page.image = opts.image;
  return page;
}

/** Some ordinary text-layer spans (enough characters to count as a page with text). */
export function someSpans(): TextSpan[] {
  return [span('Annual Report 2025', 72, 72, 18), span('The committee met twelve times this year.', 72, 110), span('Results are shown in Table 1.', 72, 124)];
}

/** A render function that draws a fresh page image and records what it was asked. */
export function recordingRender(width = 1190, height = 1540): { render: (req: RenderRequest) => Promise<RenderedImage>; calls: RenderRequest[] } {
  const calls: RenderRequest[] = [];
  return {
    calls,
    render: async (req) => {
      calls.push(req);
      const r = req.rotation ?? 0;
      const sideways = r === 90 || r === 270;
      return pageImage(sideways ? height : width, sideways ? width : height, 12, r);
    },
  };
}

/** A sleep that does not wait, recording the delays asked for. */
export function fakeSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}
