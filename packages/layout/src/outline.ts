import type { Block } from '@docmill/core';

/** An outline (bookmark) entry that points at the page being laid out. */
export interface OutlineHeading {
  title: string;
  /** 1 for a top-level entry, 2 for its children, … */
  depth: number;
}

/** Text as outline titles and blocks are compared: letters and digits only, case folded. */
const key = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Blocks that can be the heading an outline entry names (not tables, figures, captions or notes). */
const CAN_HEAD = new Set<Block['type']>(['heading', 'paragraph', 'list-item']);

/**
 * Makes the blocks that the PDF's outline (bookmarks) names into headings (blocks modified in place).
 * @param blocks one page's blocks from `layoutPage`
 * @param entries the outline entries that point at this page, in outline order
 * A block is named when its whole text (a list item's with its marker), compared on letters and
 * digits only, is an entry's title; the first such block not yet taken is used. It becomes a heading
 * with `outlineDepth` set; assembly turns the depth into a level. Entries whose title is not on the
 * page ("Title", "p. 219", a caption) change nothing: outline titles are not always printed text.
 * Does not split blocks (a title merged into a paragraph stays a paragraph).
 */
export function applyOutline(blocks: Block[], entries: readonly OutlineHeading[]): void {
  const taken = new Set<Block>();
  for (const e of entries) {
    const k = key(e.title);
    if (k.length < 2) continue;
    const b = blocks.find((x) => !taken.has(x) && CAN_HEAD.has(x.type) && x.text.length <= 300
      && key(x.type === 'list-item' && x.marker ? `${x.marker} ${x.text}` : x.text) === k);
    if (!b) continue;
    taken.add(b);
    if (b.type === 'list-item') {
      const full = b.marker ? `${b.marker} ${b.text}` : b.text;
      if (b.inlines) b.inlines = [{ text: full.slice(0, full.length - b.text.length) }, ...b.inlines];
      b.text = full;
      delete b.ordered; delete b.marker; delete b.depth;
    }
    b.type = 'heading';
    b.outlineDepth = e.depth;
    delete b.open;
  }
}
