import type { Html } from 'mdast';
import type { NodeHandler } from './context.js';

/**
 * Block HTML left after cleaning (HTML tables are already GFM tables) → a 'paragraph' of its text, tags dropped;
 * comments and tag-only HTML give nothing. A warning names what was read as text.
 * Note: the tag stripping reads HTML, not Markdown; nothing is written back from it.
 */
export const html: NodeHandler<Html> = (node, ctx) => {
  const text = node.value
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
  if (text === '') return [];
  ctx.warnings.push(`read block HTML as text: "${text.slice(0, 60)}"`);
  return [{ type: 'paragraph', text, bbox: [...ctx.bbox] }];
};
