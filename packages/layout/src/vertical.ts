import type { Block, TextSpan } from '@docmill/core';
import { unionBox } from './geometry.js';

/**
 * Blocks for vertical writing (spans with dir 'ttb', as in vertical Japanese): columns of text
 * read top to bottom, columns ordered right to left; neighbouring columns (gap under one column
 * width) make one paragraph, joined without spaces as CJK text is.
 * @param spans the page's vertical spans
 * Does not detect headings, lists or tables in vertical text.
 */
export function verticalBlocks(spans: readonly TextSpan[]): Block[] {
  const live = spans.filter((s) => s.text.trim() !== '' && s.bbox[2] > s.bbox[0]);
  // Vertical lines: spans whose x ranges overlap, right to left.
  const sorted = [...live].sort((a, b) => b.bbox[2] - a.bbox[2] || a.bbox[1] - b.bbox[1]);
  const cols: TextSpan[][] = [];
  for (const s of sorted) {
    const col = cols.find((c) => c.some((o) => Math.min(o.bbox[2], s.bbox[2]) - Math.max(o.bbox[0], s.bbox[0]) > 0.5 * Math.min(o.bbox[2] - o.bbox[0], s.bbox[2] - s.bbox[0])));
    if (col) col.push(s); else cols.push([s]);
  }
  const lines = cols.map((c) => {
    c.sort((a, b) => a.bbox[1] - b.bbox[1]);
    return { text: c.map((s) => s.text.trim()).join(''), bbox: unionBox(c.map((s) => s.bbox)), size: c[0]!.fontSize };
  });
  const out: Block[] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    const w = l.bbox[2] - l.bbox[0];
    if (last && last.bbox[0] - l.bbox[2] < w && Math.abs(last.bbox[1] - l.bbox[1]) < 2 * l.size) {
      last.text += l.text;
      last.bbox = unionBox([last.bbox, l.bbox]);
    } else {
      out.push({ type: 'paragraph', text: l.text, bbox: l.bbox, fontSize: l.size });
    }
  }
  return out;
}

/** Share of the page width, from either edge, that a turned line must lie in to be a margin line. */
const MARGIN_BAND = 0.15;
/** Share of the page width, from either edge, that the middle of a turned line reaching into `MARGIN_BAND` may lie in. */
const MARGIN_REACH = 0.25;

/**
 * True for a span whose text runs up or down the page (turned 90° or 270°) inside the outer band of
 * its left or right margin: arXiv's identifier stamp, a publisher's download stamp, a side running head;
 * or that reaches into that band with its middle in the outer quarter of the width: a banner set large up
 * the side of a newsletter ("WER", "SRI LANKA 2025" in 48 pt), which the body lines beside it must not take in.
 * @param s a span
 * @param width the page width
 */
export function isMarginTurned(s: TextSpan, width: number): boolean {
  if (s.turned !== 90 && s.turned !== 270) return false;
  if (s.bbox[2] <= MARGIN_BAND * width || s.bbox[0] >= (1 - MARGIN_BAND) * width) return true;
  const cx = (s.bbox[0] + s.bbox[2]) / 2;
  return (s.bbox[0] < MARGIN_BAND * width && cx <= MARGIN_REACH * width) || (s.bbox[2] > (1 - MARGIN_BAND) * width && cx >= (1 - MARGIN_REACH) * width);
}

/**
 * Blocks for lines of text turned up or down the page in a side margin (spans with `turned` 90 or
 * 270, see `isMarginTurned`), kept apart from the page's horizontal lines, which they must never join:
 * one paragraph per line (spans whose x ranges overlap and that turn the same way, cut where a gap
 * along it is wider than MARGIN_PIECE_GAP_EM), its spans in reading order (bottom to top for 270,
 * top to bottom for 90), a space where the gap between two is wider than 0.15 em. Lines come left to right. Assembly decides whether such a line is furniture.
 * @param spans the turned margin spans of one page
 */
export function marginLineBlocks(spans: readonly TextSpan[]): Block[] {
  const live = spans.filter((s) => s.text.trim() !== '' && s.bbox[3] > s.bbox[1]);
  const lines: TextSpan[][] = [];
  for (const s of [...live].sort((a, b) => a.bbox[0] - b.bbox[0])) {
    const line = lines.find((l) => l[0]!.turned === s.turned && l.some((o) => Math.min(o.bbox[2], s.bbox[2]) - Math.max(o.bbox[0], s.bbox[0]) > 0.5 * Math.min(o.bbox[2] - o.bbox[0], s.bbox[2] - s.bbox[0])));
    if (line) line.push(s); else lines.push([s]);
  }
  const out: Block[] = [];
  for (const l of lines) {
    const up = l[0]!.turned === 270;
    l.sort((a, b) => (up ? b.bbox[3] - a.bbox[3] : a.bbox[1] - b.bbox[1]));
    let piece: TextSpan[] = [];
    let text = '';
    const flush = () => {
      if (piece.length) {
        const b: Block = { type: 'paragraph', text: text.replace(/\s+/g, ' ').trim(), bbox: unionBox(piece.map((s) => s.bbox)), fontSize: Math.max(...piece.map((s) => s.fontSize)) };
        if (piece.every((s) => s.bold)) b.bold = true;
        out.push(b);
      }
      piece = [];
      text = '';
    };
    for (const s of l) {
      const prev = piece[piece.length - 1];
      const gap = prev ? (up ? prev.bbox[1] - s.bbox[3] : s.bbox[1] - prev.bbox[3]) : 0;
      // Note: labels stacked along one margin (a form's "Income", "Payments") are lines of their own.
      if (prev && gap > MARGIN_PIECE_GAP_EM * s.fontSize) flush();
      // Note: pieces in type of clearly different sizes are different words however close ("WER" in 126 pt, "SRI LANKA" in 48 pt).
      else if (prev && (gap > 0.15 * s.fontSize || Math.min(prev.fontSize, s.fontSize) < 0.75 * Math.max(prev.fontSize, s.fontSize)) && !/\s$/.test(text) && !/^\s/.test(s.text)) text += ' ';
      piece.push(s);
      text += s.text;
    }
    flush();
  }
  return out;
}

/** A gap along a margin line wider than this many ems starts another line. */
const MARGIN_PIECE_GAP_EM = 1.5;
