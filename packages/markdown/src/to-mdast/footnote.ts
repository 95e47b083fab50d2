import type { Block } from '@docmill/core';
import type { Paragraph } from 'mdast';
import { paragraph } from './paragraph.js';

/**
 * A 'footnote' block → a plain paragraph, where the page put it (end of the page's body).
 * @param block the footnote
 * Deliberately not a GFM footnote definition: the reference mark in the body cannot be tied to it reliably.
 */
export function footnote(block: Block): Paragraph[] {
  return paragraph(block);
}
