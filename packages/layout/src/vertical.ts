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
