import type { Block, BlockType } from '@docmill/core';
import type { Root, RootContent } from 'mdast';
import { stringifyMarkdown } from '../processor.js';
import { caption } from './caption.js';
import { code } from './code.js';
import { figure } from './figure.js';
import { footnote } from './footnote.js';
import { formula } from './formula.js';
import { heading } from './heading.js';
import { lists } from './list.js';
import { paragraph } from './paragraph.js';
import { table } from './table.js';
import type { BlockHandler, BlocksToMdastOptions } from './types.js';

type Furniture = 'header' | 'footer' | 'page-number';

/** Blocks that are page furniture, not body: never written. */
function isFurniture(type: BlockType): type is Furniture {
  return type === 'header' || type === 'footer' || type === 'page-number';
}

const HANDLERS: Record<Exclude<BlockType, 'list-item' | Furniture>, BlockHandler> = {
  heading,
  paragraph,
  table,
  code,
  formula,
  figure,
  caption,
  footnote,
};

/**
 * Body blocks → an mdast Root, one handler per block type; consecutive 'list-item' blocks become lists.
 * @param blocks the page's blocks in reading order
 * @param opts `figureAlt`: alt text of figure images
 * Header, footer and page-number blocks are skipped (they are page furniture); empty blocks produce nothing.
 * Does not join anything across pages (see `documentMarkdown`).
 */
export function blocksToMdast(blocks: readonly Block[], opts: BlocksToMdastOptions = {}): Root {
  const children: RootContent[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (isFurniture(block.type)) continue;
    if (block.type === 'list-item') {
      let j = i;
      while (j + 1 < blocks.length && blocks[j + 1]!.type === 'list-item') j++;
      children.push(...lists(blocks.slice(i, j + 1)));
      i = j;
      continue;
    }
    children.push(...HANDLERS[block.type](block, opts));
  }
  return { type: 'root', children };
}

/**
 * One page's Markdown (used for `PageResult.markdown`).
 * @param blocks the page's blocks in reading order
 * Does not add a page anchor (that is `documentMarkdown`'s).
 */
export function pageMarkdown(blocks: readonly Block[]): string {
  return stringifyMarkdown(blocksToMdast(blocks));
}
