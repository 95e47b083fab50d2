import type { Block } from '@docmill/core';
import type { Paragraph } from 'mdast';
import { blockPhrasing } from '../inlines.js';

/**
 * A 'paragraph' block → a paragraph with its inlines (bold, italic, code, links, `$…$` math).
 * @param block the paragraph; empty text yields nothing
 * Does not escape: a paragraph starting with "1." or "#" stays a paragraph because remark-stringify escapes it.
 */
export function paragraph(block: Block): Paragraph[] {
  const children = blockPhrasing(block);
  if (!children.some((c) => c.type !== 'text' || c.value.trim() !== '')) return [];
  return [{ type: 'paragraph', children }];
}
