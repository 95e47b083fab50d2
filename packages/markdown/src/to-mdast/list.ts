import type { Block, Inline } from '@docmill/core';
import type { List, ListItem, Paragraph } from 'mdast';
import { blockPhrasing } from '../inlines.js';

/** A marker Markdown writes itself: a number closed by "." or ")". */
const MARKDOWN_NUMBER = /^\d{1,9}[.)]$/;

/**
 * A run of consecutive 'list-item' blocks → tight lists.
 * @param items the run, in reading order
 * Items with the same `ordered` at the same `depth` share one list; a change of `ordered` starts a new list; a
 * deeper item nests under the previous item (at most one level deeper than the current nesting, whatever
 * `depth` says). An ordered list starts at the number in its first item's marker ("3." → 3).
 * A marker printed at the start of the item's text (layout may leave it there) is removed, since Markdown writes
 * its own. Does not keep bullet glyphs: Markdown has only '-'.
 * An ordered item whose marker Markdown cannot write ("(4)", "a)", "iv.", "1.1") keeps it as text: at the top level
 * it is a paragraph that starts with its marker (a statute's "(4) Bei …", as printed; "a)" must not become "1)"),
 * under another item an item of a '-' list that starts with it.
 */
export function lists(items: readonly Block[]): Array<List | Paragraph> {
  const roots: Array<List | Paragraph> = [];
  const stack: List[] = [];
  for (const item of items) {
    const literal = item.ordered === true && item.marker !== undefined && !MARKDOWN_NUMBER.test(item.marker.trim());
    const ordered = item.ordered === true && !literal;
    const level = Math.min(Math.max(0, Math.round(item.depth ?? 0)), stack.length);
    if (literal && level === 0) {
      stack.length = 0;
      roots.push({ type: 'paragraph', children: blockPhrasing(withMarker(item)) });
      continue;
    }
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
    list.children.push(listItem(item, literal));
  }
  return roots;
}

function startOf(marker: string | undefined): number {
  const m = /\d+/.exec(marker ?? '');
  return m ? Number.parseInt(m[0], 10) : 1;
}

function listItem(item: Block, literal: boolean): ListItem {
  const content = literal ? withMarker(item) : withoutMarker(item);
  const children = blockPhrasing(content);
  const empty = !children.some((c) => c.type !== 'text' || c.value.trim() !== '');
  return { type: 'listItem', spread: false, checked: null, children: empty ? [] : [{ type: 'paragraph', children }] };
}

/** The item's text led by its marker, once (layout may have left it at the start of the text already). */
function withMarker(item: Block): { text: string; inlines?: Inline[] } {
  const marker = item.marker!.trim();
  const content = withoutMarker(item);
  if (content.inlines && content.inlines.length > 0) return { text: `${marker} ${content.text}`, inlines: [{ text: `${marker} ` }, ...content.inlines] };
  return { text: `${marker} ${content.text}` };
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
