import type { BBox, Block, Inline } from '@docmill/core';
import type { RootContent } from 'mdast';
import { hasFormatting, inlinesText } from '../inlines.js';

/** What every node handler needs: the page box (every block gets it) and the way back for nested content. */
export interface FromMdastContext {
  bbox: BBox;
  warnings: string[];
  /** Maps nested block content (inside a blockquote or a list item) the same way as top-level content. */
  blocks(nodes: readonly RootContent[], depth: number): Block[];
}

/** One mdast block node → blocks. */
export type NodeHandler<T extends RootContent = RootContent> = (node: T, ctx: FromMdastContext, depth: number) => Block[];

/**
 * A block of `type` from inline runs: `text` is their plain text, `inlines` is set only when some run is formatted.
 * @param type the block type
 * @param inlines the runs
 * @param ctx for the bbox
 */
export function textBlock(type: Block['type'], inlines: Inline[], ctx: FromMdastContext): Block {
  const block: Block = { type, text: inlinesText(inlines).trim(), bbox: [...ctx.bbox] };
  if (hasFormatting(inlines)) block.inlines = inlines;
  return block;
}
