import type { Block } from '@docmill/core';
import type { Paragraph } from 'mdast';
import { inlinesToPhrasing } from '../inlines.js';

/**
 * A 'caption' block → a paragraph holding one emphasis (`*Figure 2. …*`).
 * @param block the caption; italic marks inside are dropped (the whole caption is already emphasis)
 */
export function caption(block: Block): Paragraph[] {
  const runs = block.inlines && block.inlines.length > 0 ? block.inlines : [{ text: block.text }];
  const text = runs.map((r) => r.text).join('');
  if (text.trim() === '') return [];
  const lead = /^\s*/.exec(text)?.[0].length ?? 0;
  const trail = /\s*$/.exec(text)?.[0].length ?? 0;
  // Note: trim the runs so that the emphasis does not start or end with whitespace (it would not parse back).
  const trimmed = runs.map((r) => ({ ...r, italic: false }));
  trimByChars(trimmed, lead, trail);
  return [{ type: 'paragraph', children: [{ type: 'emphasis', children: inlinesToPhrasing(trimmed) }] }];
}

function trimByChars(runs: Array<{ text: string }>, lead: number, trail: number): void {
  for (const r of runs) {
    if (lead <= 0) break;
    const cut = Math.min(lead, r.text.length);
    r.text = r.text.slice(cut);
    lead -= cut;
  }
  for (let i = runs.length - 1; i >= 0 && trail > 0; i--) {
    const r = runs[i]!;
    const cut = Math.min(trail, r.text.length);
    r.text = r.text.slice(0, r.text.length - cut);
    trail -= cut;
  }
}
