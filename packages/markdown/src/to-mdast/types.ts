import type { Block } from '@docmill/core';
import type { RootContent } from 'mdast';

/** Options of `blocksToMdast`. */
export interface BlocksToMdastOptions {
  /** Alt text of figure images (default "figure"). */
  figureAlt?: string;
}

/** One block kind → mdast nodes (none when the block has nothing to show). */
export type BlockHandler = (block: Block, opts: BlocksToMdastOptions) => RootContent[];
