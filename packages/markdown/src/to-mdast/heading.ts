import type { Block } from '@docmill/core';
import type { Heading } from 'mdast';
import { blockPhrasing } from '../inlines.js';

/** Level used when a heading block has none (layout leaves levels to assembly). */
export const DEFAULT_HEADING_LEVEL = 2;

/**
 * A 'heading' block → an ATX heading.
 * @param block `level` 1..6 (clamped); missing → `DEFAULT_HEADING_LEVEL`
 * Line breaks inside the heading become spaces. Does not decide levels across the document (that is assembly's job); an empty heading yields nothing.
 */
export function heading(block: Block): Heading[] {
  if (block.text.trim() === '' && !(block.inlines ?? []).some((r) => r.text.trim() !== '')) return [];
  const level = Math.min(6, Math.max(1, Math.round(block.level ?? DEFAULT_HEADING_LEVEL))) as Heading['depth'];
  // Note: an ATX heading is one line; remark would fall back to a setext heading for a multi-line one.
  const oneLine = (t: string): string => t.replace(/\s*\n\s*/g, ' ');
  let inlines = block.inlines?.map((r) => ({ ...r, text: oneLine(r.text) }));
  // Note: headings are usually set in bold; `# **Title**` says nothing more than `# Title`.
  if (inlines && inlines.every((r) => r.bold || r.text.trim() === '')) inlines = inlines.map(({ bold: _bold, ...r }) => r);
  return [{ type: 'heading', depth: level, children: blockPhrasing({ text: oneLine(block.text.trim()), inlines }) }];
}
