import type { Block } from '@docmill/core';
import type { Html, Paragraph } from 'mdast';
import type { BlocksToMdastOptions } from './types.js';

/**
 * A 'figure' block → `![figure](path)` when its crop was saved (`block.image`), else an html comment
 * `<!-- figure -->` that marks the place without a broken image link.
 * @param block the figure
 * @param opts `figureAlt` overrides the alt text "figure"
 * Does not write the figure's own text (labels inside a chart are not body text).
 */
export function figure(block: Block, opts: BlocksToMdastOptions): Array<Paragraph | Html> {
  if (block.image) {
    return [{ type: 'paragraph', children: [{ type: 'image', url: block.image, alt: opts.figureAlt ?? 'figure', title: null }] }];
  }
  return [{ type: 'html', value: '<!-- figure -->' }];
}
