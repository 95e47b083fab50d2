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
 * comma, colon or semicolon, and the text after it must start a sentence (a capital). Bold leads
 * are split under stricter terms (see `boldRunIn`); bullets and unnumbered italic openings
 * ("*Nature* reported…") are not.
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
  const bold = boldRunIn(b);
  if (bold) return bold;
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

/** Bold leads that label a paragraph rather than head a section. */
const LABEL_LEAD = /^(abstract|keywords?|key ?words|index terms|note|notes|proof|example|definition|theorem|lemma|warning|caution|tip)\b/i;

/**
 * A bold run-in heading: a paragraph led by one to six bold words that start with a capital and end
 * in a letter or a full stop, then a sentence in regular type ("**Aim** To test the ability…",
 * "**Class Recognizers.** The first step…", "**Nearest neighbour search** We retrieve…").
 * @param b a paragraph block
 * Returns the heading (the lead without its full stop) and the paragraph, or undefined. Needs at least
 * 60 characters after the lead, none of them bold, and a capital after it (a definition list, "**Term** is …", is no
 * section), and leaves labels ("Abstract.", "Keywords", "Note.", "Proof.") in their paragraphs.
 */
function boldRunIn(b: Block): [Block, Block] | undefined {
  if (b.type !== 'paragraph' || !b.inlines) return undefined;
  const [first, after] = b.inlines;
  if (!first || !after || !first.bold || first.italic || after.bold) return undefined;
  const lead = first.text.trim();
  const words = lead.split(/\s+/).length;
  if (words > 6 || !/^\p{Lu}/u.test(lead) || !/(\p{L}|\p{L}\.|\))$/u.test(lead) || (lead.match(/\p{L}/gu) ?? []).length < 3) return undefined;
  if (LABEL_LEAD.test(lead) || /\d/.test(lead)) return undefined;
  const spaced = /\s$/.test(first.text) || /^\s/.test(after.text);
  if (!spaced || !/^\s*\p{Lu}/u.test(after.text)) return undefined;
  const rest = b.inlines.slice(1);
  const restText = rest.map((r) => r.text).join('').trim();
  // Note: more bold further on is a line of labels and values ("**Contact** Lenze … **Tel.** +31 …").
  if (restText.length < 60 || rest.some((r) => r.bold && r.text.trim())) return undefined;
  const title = lead.replace(/\.$/, '');
  const size = b.fontSize ?? 10;
  const heading: Block = {
    type: 'heading',
    text: title,
    bbox: [b.bbox[0], b.bbox[1], b.bbox[2], Math.min(b.bbox[3], b.bbox[1] + 1.2 * size)],
    bold: true,
  };
  if (b.fontSize !== undefined) heading.fontSize = b.fontSize;
  if (b.column !== undefined) heading.column = b.column;
  const body = normalizeRuns([{ ...rest[0]!, text: rest[0]!.text.trimStart() }, ...rest.slice(1)]);
  const para: Block = { ...b, text: body.map((r) => r.text).join(''), inlines: body };
  delete para.bold;
  if (!hasFormatting(body)) delete para.inlines;
  return [heading, para];
}
