import type { Code } from 'mdast';
import type { NodeHandler } from './context.js';

/** Fence languages that hold LaTeX: such a fence is a formula (GitHub renders ```math as display math). */
const MATH_LANGS = new Set(['math', 'latex', 'tex', 'katex']);

/** A code block → a 'code' block (verbatim), or a 'formula' block for ```math / ```latex fences. */
export const code: NodeHandler<Code> = (node, ctx) => {
  if (node.value.trim() === '') return [];
  const isMath = MATH_LANGS.has(node.lang?.trim().toLowerCase() ?? '');
  return [{ type: isMath ? 'formula' : 'code', text: isMath ? node.value.trim() : node.value, bbox: [...ctx.bbox] }];
};
