import type { Block } from '@docmill/core';
import type { Code } from 'mdast';

/**
 * A 'code' block → a fenced code block (no language: blocks do not carry one).
 * @param block the code; its text is kept verbatim, trailing newlines dropped
 */
export function code(block: Block): Code[] {
  const value = block.text.replace(/\s+$/, '');
  if (value.trim() === '') return [];
  return [{ type: 'code', lang: null, meta: null, value }];
}
