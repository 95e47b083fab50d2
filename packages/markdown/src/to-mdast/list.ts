import type { Block, Inline } from '@docmill/core';
import type { List, ListItem } from 'mdast';
import { blockPhrasing } from '../inlines.js';

/**
 * A run of consecutive 'list-item' blocks → tight lists.
 * @param items the run, in reading order
 * Items with the same `ordered` at the same `depth` share one list; a change of `ordered` starts a new list; a
 * deeper item nests under the previous item (at most one level deeper than the current nesting, whatever
 * `depth` says). An ordered list starts at the number in its first item's marker ("3." → 3; "a)" → 1).
 * A marker printed at the start of the item's text (layout may leave it there) is removed, since Markdown writes
 * its own. Does not keep bullet glyphs or letter markers: Markdown has only '-' and numbers (with "." or ")",
 * which is kept).
 */
export function lists(items: readonly Block[]): List[] {
  const roots: List[] = [];
  const stack: List[] = [];
  for (const item of items) {
    const ordered = item.ordered === true;
    const level = Math.min(Math.max(0, Math.round(item.depth ?? 0)), stack.length);
    stack.length = Math.min(stack.length, level + 1);
    let list = stack[level];
    if (!list || list.ordered !== ordered) {
      list = { type: 'list', ordered, start: ordered ? startOf(item.marker) : null, spread: false, children: [] };
      // Note: "1)" is CommonMark too; the list keeps the delimiter it was printed with (see processor.ts).
      if (ordered && /^\d{1,9}\)$/.test(item.marker?.trim() ?? '')) list.data = { ...list.data, delimiter: ')' } as List['data'];
      stack.length = level;
      const parent = stack[level - 1]?.children.at(-1);
      if (parent) parent.children.push(list);
      else roots.push(list);
      stack.push(list);
    }
    list.children.push(listItem(item));
  }
  return roots;
}

function startOf(marker: string | undefined): number {
  const m = /\d+/.exec(marker ?? '');
  return m ? Number.parseInt(m[0], 10) : 1;
}

function listItem(item: Block): ListItem {
  const content = withoutMarker(item);
  const children = blockPhrasing(content);
  const empty = !children.some((c) => c.type !== 'text' || c.value.trim() !== '');
  return { type: 'listItem', spread: false, checked: null, children: empty ? [] : [{ type: 'paragraph', children }] };
}

function withoutMarker(item: Block): { text: string; inlines?: Inline[] } {
  const marker = item.marker?.trim();
  // Note: only the start is touched; a first run's trailing space separates it from the next run.
  const strip = (s: string): string => (marker && s.trimStart().startsWith(marker) ? s.trimStart().slice(marker.length).trimStart() : s.trimStart());
  if (item.inlines && item.inlines.length > 0) {
    const [first, ...rest] = item.inlines;
    return { text: strip(item.text), inlines: [{ ...first!, text: strip(first!.text) }, ...rest] };
  }
  return { text: strip(item.text) };
}
