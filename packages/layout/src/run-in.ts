import type { Block, Inline } from '@docmill/core';
import { hasFormatting, normalizeRuns } from './inlines.js';

/** A section number as it leads a run-in heading: "A.", "IV.", "2.", "2.3", "1)". */
const LEAD_NUMBER = /^(?:[A-H]|[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3})[.)]?$/;

/**
 * Splits run-in section headings off the paragraph they lead: a section number, then a title set in
 * italics, then the section's first sentence on the same line, as some journals set their
 * subsections ("A. *High Performance* The number of scientific libraries…").
 * @param blocks one page's blocks in reading order
 * Returns the new list: the heading ("A. *High Performance*", at the paragraph's first line) before
 * the paragraph. The title must be one to eight words starting with a capital and not ending in a
 * comma, colon or semicolon, and the text after it must start a sentence (a capital). Does not
 * split bold leads (a list of "**Term** Definition" items is a list), bullets, or unnumbered
 * italic openings ("*Nature* reported…").
 */
export function splitRunInHeadings(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const split = runIn(b);
    if (split) out.push(...split);
    else out.push(b);
  }
  return out;
}

function runIn(b: Block): [Block, Block] | undefined {
  if (!b.inlines || b.inlines.length < 2) return undefined;
  let number: string;
  let rest: Inline[];
  if (b.type === 'list-item' && b.ordered && b.marker) {
    number = b.marker;
    rest = b.inlines;
  } else if (b.type === 'paragraph') {
    const first = b.inlines[0]!;
    if (first.italic || first.bold) return undefined;
    number = first.text.trim();
    rest = b.inlines.slice(1);
  } else {
    return undefined;
  }
  if (!LEAD_NUMBER.test(number)) return undefined;
  const [title, after] = rest;
  if (!title || !after || !title.italic || title.bold || after.italic) return undefined;
  const t = title.text.trim();
  const words = t.split(/\s+/).length;
  if (words > 8 || !/^\p{Lu}/u.test(t) || /[,;:]$/.test(t) || !/^\s+\p{Lu}/u.test(after.text)) return undefined;
  const size = b.fontSize ?? 10;
  const heading: Block = {
    type: 'heading',
    text: `${number} ${t}`,
    bbox: [b.bbox[0], b.bbox[1], b.bbox[2], Math.min(b.bbox[3], b.bbox[1] + 1.2 * size)],
    inlines: [{ text: `${number} ` }, { ...title, text: t }],
    bold: false,
  };
  if (b.fontSize !== undefined) heading.fontSize = b.fontSize;
  if (b.column !== undefined) heading.column = b.column;
  const body = normalizeRuns([{ ...after, text: after.text.trimStart() }, ...rest.slice(2)]);
  const para: Block = { ...b, type: 'paragraph', text: body.map((r) => r.text).join(''), inlines: body };
  delete para.ordered; delete para.marker; delete para.depth;
  if (!hasFormatting(body)) delete para.inlines;
  return [heading, para];
}
