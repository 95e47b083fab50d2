import type { Block, Inline } from '@docmill/core';
import { startsLowercase } from '../markers.js';

const FLOATING = new Set<Block['type']>(['figure', 'caption', 'footnote', 'table']);

/** The last block of a page that body text flows out of (skipping figures, captions, footnotes). */
function lastFlowing(blocks: readonly Block[]): Block | undefined {
  for (let i = blocks.length - 1; i >= 0; i--) if (!FLOATING.has(blocks[i]!.type)) return blocks[i];
  return undefined;
}

/** The first block of a page that body text flows into (skipping figures and captions). */
function firstFlowing(blocks: readonly Block[]): Block | undefined {
  for (const b of blocks) if (b.type !== 'figure' && b.type !== 'caption') return b;
  return undefined;
}

const HYPHEN_END = /(\p{Ll}[\p{L}]*)-$/u;

/**
 * Decides whether a page's first paragraph continues the previous page's last one, and repairs a
 * word hyphenated across the break.
 * @param prev body blocks of the previous page (its last flowing block may be modified)
 * @param next body blocks of this page (its first flowing block may be modified)
 * True when the previous page ends in an `open` paragraph (or one ending in a hyphenated word
 * fragment) and this page starts with a paragraph beginning with a lowercase letter.
 * Note: a hyphenated word is made whole on this side of the break: the fragment ("infor-") moves
 * from the end of the previous block to the start of this one ("information …"), so whoever joins
 * the two paragraphs joins them with a plain space and needs no hyphenation logic.
 */
export function continues(prev: Block[], next: Block[]): boolean {
  const a = lastFlowing(prev);
  const b = firstFlowing(next);
  if (!a || !b) return false;
  const aOk = a.type === 'paragraph' || a.type === 'list-item';
  if (!aOk || b.type !== 'paragraph' || !startsLowercase(b.text)) return false;
  const m = HYPHEN_END.exec(a.text.trimEnd());
  if (!a.open && !m) return false;
  if (m && m[1] !== undefined && a.text.trimEnd().length > m[0].length) {
    const frag = m[1];
    const cut = a.text.trimEnd().length - m[0].length;
    a.text = a.text.trimEnd().slice(0, cut).trimEnd();
    b.text = frag + b.text.trimStart();
    if (a.inlines) a.inlines = cutInlinesEnd(a.inlines, m[0].length);
    if (b.inlines) b.inlines = [{ text: frag }, ...b.inlines];
    a.open = true;
  }
  return true;
}

function cutInlinesEnd(runs: readonly Inline[], count: number): Inline[] {
  const out = runs.map((r) => ({ ...r }));
  while (out.length && /\s$/.test(out[out.length - 1]!.text)) {
    const last = out[out.length - 1]!;
    last.text = last.text.trimEnd();
    if (last.text === '') out.pop(); else break;
  }
  let left = count;
  while (left > 0 && out.length) {
    const last = out[out.length - 1]!;
    if (last.text.length > left) { last.text = last.text.slice(0, -left); left = 0; }
    else { left -= last.text.length; out.pop(); }
  }
  const last = out[out.length - 1];
  if (last) last.text = last.text.trimEnd();
  return out.filter((r) => r.text !== '');
}
