import type { Block, Inline } from '@docmill/core';
import { textBlock, type FromMdastContext } from './context.js';

/** A letter or lowercase roman list marker at the start of a line: "a)", "(b)", "iv)", "c.", "(ii)". */
const MARKER = /^(\((?:[a-z]|[ivx]{1,4})\)|(?:[a-z]|[ivx]{1,4})[.)])[ \t]+(?=\S)/;

export interface LetterSplit {
  /** Lines before the first marked line (a paragraph, or the list item's own text). */
  lead: Inline[];
  /** One entry per marked line, with the lines that continue it. */
  items: Array<{ marker: string; inlines: Inline[] }>;
}

/**
 * Splits inline runs at lines that start with a letter or roman list marker. CommonMark has no lettered lists,
 * so "a) red" / "b) blue" (which the vision prompt asks models to keep) parse as the lines of one paragraph,
 * or as continuation lines of a numbered item.
 * @param inlines a paragraph's runs (line breaks are "\n" in text runs)
 * @returns undefined when no line carries such a marker; "a." / "i." forms count only when two or more lines
 *   carry a marker (a lone "v. Smith" is prose)
 * The markers must count from "a" or "i" in order ("a) b) c)", "i) ii) iii)"): a wrapped line that happens to
 * start with "(b) shows…" is not a list. Does not nest: all split items are siblings.
 */
export function splitLetterItems(inlines: readonly Inline[]): LetterSplit | undefined {
  const lines = toLines(inlines);
  const marked = lines.map((line) => MARKER.exec(lineText(line))?.[1]);
  const count = marked.filter((m) => m !== undefined).length;
  if (count === 0) return undefined;
  if (marked.every((m) => m === undefined || m.endsWith('.')) && count < 2) return undefined;
  if (!inSequence(marked.filter((m): m is string => m !== undefined))) return undefined;
  const split: LetterSplit = { lead: [], items: [] };
  lines.forEach((line, i) => {
    const marker = marked[i];
    if (marker !== undefined) {
      split.items.push({ marker, inlines: dropChars(line, MARKER.exec(lineText(line))![0].length) });
      return;
    }
    const target = split.items.at(-1)?.inlines ?? split.lead;
    if (target.length > 0) target.push({ text: '\n' });
    target.push(...line);
  });
  return split;
}

function toLines(inlines: readonly Inline[]): Inline[][] {
  const lines: Inline[][] = [[]];
  for (const run of inlines) {
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part !== '') lines.at(-1)!.push({ ...run, text: part });
    });
  }
  return lines.filter((line) => line.some((r) => r.text.trim() !== ''));
}

function lineText(line: readonly Inline[]): string {
  return line.map((r) => r.text).join('').trimStart();
}

/** The line without its first `n` characters (after leading whitespace). */
function dropChars(line: readonly Inline[], n: number): Inline[] {
  const out: Inline[] = [];
  let left = n;
  let leading = true;
  for (const run of line) {
    let text = leading ? run.text.trimStart() : run.text;
    if (text !== '') leading = false;
    const cut = Math.min(left, text.length);
    text = text.slice(cut);
    left -= cut;
    if (text !== '') out.push({ ...run, text });
  }
  return out;
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv'];

/** True when the markers' labels run a, b, c… or i, ii, iii… from the first. */
function inSequence(markers: readonly string[]): boolean {
  const labels = markers.map((m) => m.replace(/[().]/g, ''));
  const letters = labels.every((l, i) => l === String.fromCharCode(97 + i));
  const romans = labels.every((l, i) => l === ROMAN[i]);
  return letters || romans;
}

/**
 * Blocks for a split paragraph: the lead lines as a paragraph (or skipped when empty), then one ordered
 * 'list-item' per marked line at `depth`.
 * @param split from `splitLetterItems`
 * @param ctx for the bbox
 * @param depth nesting depth of the items
 */
export function letterBlocks(split: LetterSplit, ctx: FromMdastContext, depth: number): Block[] {
  const out: Block[] = [];
  const lead = textBlock('paragraph', split.lead, ctx);
  if (lead.text !== '') out.push(lead);
  for (const item of split.items) {
    const block = textBlock('list-item', item.inlines, ctx);
    block.ordered = true;
    block.marker = item.marker;
    block.depth = depth;
    out.push(block);
  }
  return out;
}
