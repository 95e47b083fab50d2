import type { Block } from '@docmill/core';
import type { List, RootContent } from 'mdast';
import { phrasingToInlines } from '../inlines.js';
import { textBlock, type NodeHandler } from './context.js';
import { letterBlocks, splitLetterItems } from './letter-items.js';

/**
 * A list → one 'list-item' block per item (`ordered`, `marker` "1."/"2."… or "-", `depth` from 0), items of
 * nested lists following their parent item with `depth + 1`.
 * The item's paragraphs make its text (joined by newlines); other content inside an item (code, tables)
 * follows the item as blocks of its own; lines of the item starting "a)", "(b)"… become ordered items one level
 * deeper (CommonMark has no lettered lists). A task item keeps its box as "[ ] " / "[x] " before the text.
 * Does not keep the original bullet character ('*', '+'): mdast does not record it.
 */
export const list: NodeHandler<List> = (node, ctx, depth) => {
  const out: Block[] = [];
  const start = node.start ?? 1;
  node.children.forEach((item, i) => {
    const paragraphs = item.children.filter((c) => c.type === 'paragraph');
    const inlines = paragraphs.flatMap((p, k) => [...(k > 0 ? [{ text: '\n' }] : []), ...phrasingToInlines(p.children)]);
    if (item.checked === true || item.checked === false) inlines.unshift({ text: item.checked ? '[x] ' : '[ ] ' });
    // Lettered sub-items ("a) …") written under a numbered item are continuation lines of its paragraph.
    const split = splitLetterItems(inlines);
    const block = textBlock('list-item', split ? split.lead : inlines, ctx);
    block.ordered = node.ordered === true;
    block.marker = node.ordered ? `${start + i}.` : '-';
    block.depth = depth;
    out.push(block);
    if (split) out.push(...letterBlocks({ lead: [], items: split.items }, ctx, depth + 1));
    const rest = item.children.filter((c) => c.type !== 'paragraph') as RootContent[];
    out.push(...ctx.blocks(rest, depth + 1));
  });
  return out;
};
