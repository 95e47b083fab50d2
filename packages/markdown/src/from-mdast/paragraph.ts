import type { Block } from '@docmill/core';
import type { Image, Paragraph } from 'mdast';
import { phrasingToInlines } from '../inlines.js';
import { textBlock, type NodeHandler } from './context.js';
import { letterBlocks, splitLetterItems } from './letter-items.js';

/** A caption as models and `blocksToMdast` write it: "Figure 2", "Fig. 2", "Table IV"… */
const CAPTION = /^(?:fig(?:ure)?\.?|table|tab\.|chart|plate|exhibit|listing|abbildung|tabelle)\s*[\dIVXivx]/i;

/**
 * A paragraph →
 * - 'figure' blocks when it holds only images (text = alt text);
 * - a 'formula' block when it holds only one `$…$`/`$$…$$` on a line of its own (display math written inline);
 * - a 'caption' block when it is one emphasis starting "Figure 2", "Fig. 2", "Table 3"… (how `blocksToMdast` writes
 *   captions, and how models write them), its italic mark dropped;
 * - lines starting "a)", "(b)", "iii)" (lettered lists, which CommonMark lacks) → 'list-item' blocks, ordered, with
 *   the printed marker, after a paragraph of the lines before them (see `splitLetterItems`);
 * - else a 'paragraph' block with its inlines, followed by a 'figure' block for each image inside it.
 * Note: a figure's `image` stays unset: the model's image reference ("img-0.jpeg") is not a crop docmill saved,
 * and a set `image` would become a broken link in the Markdown.
 */
export const paragraph: NodeHandler<Paragraph> = (node, ctx, depth) => {
  const meaningful = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === '') && c.type !== 'break');
  const images = node.children.filter((c): c is Image => c.type === 'image');
  const figures: Block[] = images.map((img) => ({ type: 'figure', text: (img.alt ?? '').trim(), bbox: [...ctx.bbox] }));
  if (meaningful.length > 0 && meaningful.length === images.length) return figures;
  const only = meaningful.length === 1 ? meaningful[0] : undefined;
  if (only?.type === 'inlineMath') return [{ type: 'formula', text: only.value.trim(), bbox: [...ctx.bbox] }];
  if (only?.type === 'emphasis') {
    const caption = textBlock('caption', phrasingToInlines(only.children), ctx);
    if (CAPTION.test(caption.text)) return [caption];
  }
  const inlines = phrasingToInlines(node.children);
  const split = splitLetterItems(inlines);
  if (split) return [...letterBlocks(split, ctx, depth), ...figures];
  const block = textBlock('paragraph', inlines, ctx);
  return block.text === '' ? figures : [block, ...figures];
};
