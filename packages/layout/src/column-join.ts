import type { Block } from '@docmill/core';
import { edgeShare, endsWithPageNumber, isStamp } from './assemble/marginals.js';
import { unionBox } from './geometry.js';
import { appendLine } from './hyphenation.js';
import { normalizeRuns } from './inlines.js';
import type { Inline } from '@docmill/core';
import { endsSentence, startsLowercase } from './markers.js';

/**
 * A running line with its page number: a number and words in capitals ("98 AI MAGAZINE", "FALL 2010 95").
 * Set in the body type at a column's foot, it would otherwise take the next column's first paragraph.
 */
const FOLIO_LINE = /^(?:\d{1,4}\s+[\p{Lu}\d][\p{Lu}\d\s.,:&'-]{1,60}|[\p{Lu}\d][\p{Lu}\d\s.,:&'-]{1,60}\s\d{1,4})$/u;

/** A lettered item or heading ("b. Student-Athletes", "c) the third case"): it starts in lower case but goes on from nothing. */
const LETTER_ITEM = /^\(?[a-z][.)]\s/;

/** Blocks that may sit between the two halves of a paragraph (a figure or footnote at the column foot). */
const FLOATING = new Set<Block['type']>(['figure', 'caption', 'footnote', 'table']);

/** White space past the floats between two halves of a paragraph straight below each other, in lines, that parts them. */
const FLOAT_GAP_LINES = 3;

/** The page's outermost band, as a share of its height, where a line alone is a running head or foot ("Instructions for Form 8606 (2012)" atop the page). */
const RUNNING_BAND = 0.07;

/** A web address alone: "https://en.wikipedia.org/wiki/Powder_River_Examiner". */
const LONE_ADDRESS = /^(?:https?:\/\/|www\.)\S+$/i;

/**
 * Joins paragraphs split at a column (or figure) break: an `open` paragraph followed, after
 * at most some floating blocks, by a paragraph of the same size starting with a lowercase letter.
 * @param blocks blocks of one page in reading order
 * @param regionOf region index of each block (same index); only blocks of different regions join
 * @param height the page height (0: unknown); a paragraph of one line in the page's outermost band
 *   (`RUNNING_BAND`) is a running head or foot, which no column's text goes on from
 * Returns the new list; the joined paragraph takes the place of the first half. Also rejoins a
 * caption with the lowercase rest that a style change cut off. Does not join a paragraph that starts
 * straight below the first half after more than a line's gap, nor one after a stamp or journal line
 * (`isStamp`), nor one that opens with a letter item ("b. Student-Athletes"). Does not look across pages (assembly does that).
 */
export function joinAcrossColumns(blocks: Block[], regionOf: number[], height = 0): Block[] {
  // A single line in the page's outermost band (a running head or foot) goes on into no column's text.
  const banded = (a: Block): boolean => height > 0 && a.bbox[3] - a.bbox[1] <= 1.6 * (a.fontSize ?? 10) && edgeShare(a.bbox, height) < RUNNING_BAND;
  const out: Block[] = [];
  const outRegion: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    // A caption whose bold first line was cut off from the rest of it by the change of style.
    const prev = out[out.length - 1];
    if (prev && prev.type === 'caption' && b.type === 'paragraph' && !endsSentence(prev.text) && startsLowercase(b.text)
      && b.bbox[1] - prev.bbox[3] < (prev.fontSize ?? 10) && outRegion[out.length - 1] === regionOf[i]) {
      const merged = mergeParagraphs(prev, b);
      delete merged.open;
      out[out.length - 1] = merged;
      continue;
    }
    // Note: a web address alone starts lower-case but goes on no paragraph (a browser's print header beside the page's text).
    if (b.type === 'paragraph' && startsLowercase(b.text) && !LETTER_ITEM.test(b.text) && !LONE_ADDRESS.test(b.text.trim())) {
      let k = out.length - 1;
      // Skip floats at the column foot: figures, captions, footnotes, and small-type notes (a copyright block).
      while (k >= 0 && (FLOATING.has(out[k]!.type) || (out[k]!.type === 'paragraph' && (out[k]!.fontSize ?? 0) < 0.85 * (b.fontSize ?? 0)))) k--;
      const a = out[k];
      const sameSize = a && Math.abs((a.fontSize ?? 0) - (b.fontSize ?? 0)) <= 0.1 * Math.max(a.fontSize ?? 1, b.fontSize ?? 1);
      // Note: a paragraph goes on at the top of the next column, or past floats; straight below with a
      // paragraph's gap or more between them, the line above is something else (a running head set
      // across the columns). A stamp or journal line ("Federal Register / Vol. 85, No. 152 / …")
      // never starts a paragraph.
      // Past floats, the white space the floats do not fill counts: three lines' worth or more straight below, and the
      // line below is apart (an invoice's foot under its last unfinished line and a small logo).
      const floats = out.slice(k + 1).filter((f) => a !== undefined && f.bbox[1] >= a.bbox[3] - 1 && f.bbox[3] <= b.bbox[1] + 1).reduce((h, f) => h + f.bbox[3] - f.bbox[1], 0);
      const below = a !== undefined && b.bbox[1] >= a.bbox[3] - 1 && (k === out.length - 1
        ? b.bbox[1] - a.bbox[3] > (a.fontSize ?? 10)
        : b.bbox[1] - a.bbox[3] - floats > FLOAT_GAP_LINES * (a.fontSize ?? 10) && b.bbox[0] < a.bbox[2] && b.bbox[2] > a.bbox[0]);
      // Note: one line ending in a page number above, however close, is a running head
      // ("Generalized Estimating Equations 365" over a page whose text goes on from the page before).
      const folioAbove = a !== undefined && b.bbox[1] >= a.bbox[3] - 1 && a.bbox[3] - a.bbox[1] <= 1.6 * (a.fontSize ?? 10) && endsWithPageNumber(a.text.trim());
      if (a && a.type === 'paragraph' && a.open && sameSize && (outRegion[k] !== regionOf[i] || k < out.length - 1) && !below && !folioAbove && !isStamp(a.text) && !FOLIO_LINE.test(a.text.trim()) && !banded(a)) {
        out[k] = mergeParagraphs(a, b);
        continue;
      }
    }
    out.push(b);
    outRegion.push(regionOf[i] ?? -1);
  }
  return out;
}

/** One paragraph from two halves (hyphenation at the seam repaired); the box covers both. */
export function mergeParagraphs(a: Block, b: Block): Block {
  const runs: Inline[] = (a.inlines ?? [{ text: a.text }]).map((r) => ({ ...r }));
  appendLine(runs, (b.inlines ?? [{ text: b.text }]).map((r) => ({ ...r })));
  const merged: Block = { ...a, text: runs.map((r) => r.text).join(''), bbox: unionBox([a.bbox, b.bbox]) };
  if (a.inlines || b.inlines) merged.inlines = normalizeRuns(runs); else delete merged.inlines;
  if (endsSentence(merged.text)) delete merged.open; else merged.open = true;
  if (a.confidence !== undefined && b.confidence !== undefined) merged.confidence = (a.confidence * a.text.length + b.confidence * b.text.length) / Math.max(1, a.text.length + b.text.length);
  return merged;
}
