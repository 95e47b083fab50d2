import type { BBox, Block } from '@docmill/core';
import type { Fragment } from './lines.js';

/**
 * A section's label drawn in a box of its own (an e-invoice's "Acheteur", "Totaux", "Notes" in a tab of four rules
 * at the head of each section) is a heading, though set in the body's type: the box is its style. Found before lines
 * are grouped, so that the label is not read into the paragraph over or under it.
 * @param frags a page's line pieces
 * @param rules the rules drawn on the page (thin boxes, `PositionedPage.rules`)
 * @param em the body's size in points
 * @returns the pieces that are boxed labels
 * A label: one piece of at most `LABEL_WORDS` words with a letter and no digit, not ending in a colon (a field's name).
 * Its box: rules on its four sides, each within `BOX_GAP_EM` of its text, the top and bottom no longer than the text
 * and `BOX_PAD_EM` either way (a cell of a wider grid, a frame around a section, is not its box). No other piece on
 * the page stands in the box's height: a label boxed in a row of fields is a form's cell.
 */
export function boxedLabels(frags: readonly Fragment[], rules: readonly BBox[], em: number): Set<Fragment> {
  const found = new Set<Fragment>();
  if (rules.length < 4 || em <= 0) return found;
  const flat = rules.filter((r) => r[3] - r[1] <= RULE_THICK && r[2] - r[0] > RULE_THICK);
  const upright = rules.filter((r) => r[2] - r[0] <= RULE_THICK && r[3] - r[1] > RULE_THICK);
  const gap = BOX_GAP_EM * em, pad = BOX_PAD_EM * em;
  for (const f of frags) {
    if (!isLabel(f.text)) continue;
    const [x0, y0, x1, y1] = f.bbox;
    const left = upright.find((r) => r[0] <= x0 && r[0] >= x0 - gap && r[1] <= y0 && r[3] >= y1);
    const right = upright.find((r) => r[0] >= x1 && r[0] <= x1 + gap && r[1] <= y0 && r[3] >= y1);
    if (!left || !right) continue;
    const side = (r: BBox) => r[0] <= left[0] + 1 && r[2] >= right[0] - 1 && r[0] >= x0 - pad && r[2] <= x1 + pad;
    const top = flat.find((r) => r[1] <= y0 && r[1] >= y0 - gap && side(r));
    const bottom = flat.find((r) => r[1] >= y1 && r[1] <= y1 + gap && side(r));
    if (!top || !bottom) continue;
    if (frags.some((o) => o !== f && o.bbox[1] < bottom[1] && o.bbox[3] > top[1])) continue;
    found.add(f);
  }
  return found;
}

/** A boxed label's heading block (see `boxedLabels`). */
export function boxedHeading(f: Fragment): Block {
  const block: Block = { type: 'heading', text: f.text, bbox: f.bbox, fontSize: f.fontSize, boxed: true };
  if (f.boldChars > f.chars / 2) block.bold = true;
  return block;
}

/** Thickest rule (pt): a line or a thin rectangle, not a filled area. */
const RULE_THICK = 1.5;
/** Widest gap (em) between a label's text and a side of its box. */
const BOX_GAP_EM = 1;
/** Farthest (em) the box's top or bottom runs past the label's text, either way. */
const BOX_PAD_EM = 1.5;
/** Most words in a label. */
const LABEL_WORDS = 5;

function isLabel(text: string): boolean {
  const t = text.trim();
  return /\p{L}/u.test(t) && !/\p{N}/u.test(t) && !/[:：]$/.test(t) && !t.includes('\n') && t.split(/\s+/).length <= LABEL_WORDS;
}
