import type { Block } from '@docmill/core';
import type { MathNode } from '../processor.js';

/**
 * A 'formula' block → a display math node, written as a `$$` block on its own lines.
 * @param block LaTeX source in `text` (surrounding whitespace trimmed)
 * Note: `$$…$$` (remark-math) rather than a ```math fence: both render on GitHub, but `$$` also renders in
 * most other Markdown viewers with math support, and it is what vision models emit, so it round-trips.
 */
export function formula(block: Block): MathNode[] {
  const value = block.text.trim();
  if (value === '') return [];
  return [{ type: 'math', meta: null, value }];
}
