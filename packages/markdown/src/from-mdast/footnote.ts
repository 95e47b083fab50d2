import type { FootnoteDefinition } from 'mdast';
import { plainText } from '../clean/text.js';
import type { NodeHandler } from './context.js';

/** A GFM footnote definition (`[^1]: …`) → a 'footnote' block "1 …" (label, then its text). */
export const footnote: NodeHandler<FootnoteDefinition> = (node, ctx) => {
  const text = plainText(node);
  if (text === '') return [];
  return [{ type: 'footnote', text: `${node.label ?? node.identifier} ${text}`, bbox: [...ctx.bbox] }];
};
