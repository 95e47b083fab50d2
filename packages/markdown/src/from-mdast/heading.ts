import type { Heading } from 'mdast';
import { phrasingToInlines } from '../inlines.js';
import { textBlock, type NodeHandler } from './context.js';

/** A heading → a 'heading' block with `level` = its depth. Empty headings give nothing. */
export const heading: NodeHandler<Heading> = (node, ctx) => {
  const block = textBlock('heading', phrasingToInlines(node.children), ctx);
  if (block.text === '') return [];
  block.level = node.depth;
  return [block];
};
