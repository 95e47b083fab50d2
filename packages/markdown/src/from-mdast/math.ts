import type { MathNode } from '../processor.js';
import type { NodeHandler } from './context.js';

/** A `$$…$$` block → a 'formula' block holding the LaTeX source. */
export const math: NodeHandler<MathNode> = (node, ctx) => {
  const text = node.value.trim();
  return text === '' ? [] : [{ type: 'formula', text, bbox: [...ctx.bbox] }];
};
