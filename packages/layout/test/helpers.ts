import type { BBox, PositionedPage, TextSpan } from '@docmill/core';

/** Average glyph width as a share of the font size (Helvetica-ish). */
const CHAR_W = 0.5;

export interface WordOpts {
  size?: number;
  bold?: boolean;
  italic?: boolean;
  link?: string;
  dir?: 'ltr' | 'rtl';
}

/** A span for `text` whose left edge is at x and whose baseline is at y (top-left origin). */
export function span(text: string, x: number, y: number, o: WordOpts = {}): TextSpan {
  const size = o.size ?? 10;
  const bbox: BBox = [x, y - 0.8 * size, x + text.length * CHAR_W * size, y + 0.2 * size];
  const s: TextSpan = { text, bbox, fontSize: size };
  if (o.bold) s.bold = true;
  if (o.italic) s.italic = true;
  if (o.link) s.link = o.link;
  if (o.dir) s.dir = o.dir;
  return s;
}

/**
 * Lays out a line of text word by word (one span per word, like a text layer), starting at x on baseline y.
 * Returns the spans and the x where the line ended.
 */
export function words(text: string, x: number, y: number, o: WordOpts = {}): TextSpan[] {
  const size = o.size ?? 10;
  const out: TextSpan[] = [];
  let cx = x;
  for (const w of text.split(/\s+/).filter(Boolean)) {
    out.push(span(w, cx, y, o));
    cx += (w.length + 1) * CHAR_W * size; // one space of 0.5 em
  }
  return out;
}

/** Width of text in points at a size, with the helper's metrics. */
export function textWidth(text: string, size = 10): number {
  return text.length * CHAR_W * size;
}

/**
 * Wraps prose into lines of at most `width` points and lays them out from (x, y) with the given leading.
 * Returns spans and the baseline after the last line.
 */
export function paragraph(text: string, x: number, y: number, width: number, o: WordOpts & { leading?: number; indent?: number } = {}): { spans: TextSpan[]; y: number; lines: string[] } {
  const size = o.size ?? 10;
  const leading = o.leading ?? 1.2 * size;
  const maxChars = Math.floor(width / (CHAR_W * size));
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(/\s+/).filter(Boolean)) {
    const limit = lines.length === 0 && o.indent ? maxChars - Math.ceil(o.indent / (CHAR_W * size)) : maxChars;
    if (cur && cur.length + 1 + w.length > limit) { lines.push(cur); cur = w; }
    else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  const spans: TextSpan[] = [];
  let by = y;
  lines.forEach((l, i) => {
    spans.push(...words(l, x + (i === 0 && o.indent ? o.indent : 0), by, o));
    by += leading;
  });
  return { spans, y: by, lines };
}

/** A text-layer page of US-letter size. */
export function page(spans: TextSpan[], extra: Partial<PositionedPage> = {}): PositionedPage {
  return { index: 0, width: 612, height: 792, spans, source: 'text-layer', ...extra };
}

/** Prose with enough words to fill several lines. */
export const LOREM = [
  'the quick brown fox jumps over the lazy dog while the cat watches from the window and',
  'nothing much happens in the garden except that the bees keep working on the flowers until',
  'evening comes and the light fades slowly behind the hills where the old mill still stands',
].join(' ');

export function prose(seed: number, wordsCount = 60): string {
  const w = LOREM.split(' ');
  const out: string[] = [];
  for (let i = 0; i < wordsCount; i++) out.push(w[(i * 7 + seed * 13) % w.length]!);
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/** A span of a page taken from a real PDF: text, box (x0, y0, x1, y1), font size, bold. */
export type SpanRow = [string, number, number, number, number, number, boolean?];

/**
 * Spans from rows of a real page's text layer (a fixture at the page's own places); `family` names the regular and
 * bold faces (omitted: no font name).
 */
export function spansOf(rows: readonly SpanRow[], family?: readonly [regular: string, bold: string]): TextSpan[] {
  return rows.map(([text, x0, y0, x1, y1, fontSize, bold]) => ({
    text, bbox: [x0, y0, x1, y1], fontSize,
    ...(family ? { fontName: bold ? family[1] : family[0] } : {}),
    ...(bold ? { bold } : {}),
  }));
}
