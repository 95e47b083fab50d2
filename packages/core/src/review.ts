// Which pages a person should look at. Kept free of runtime imports: the
// review app bundles this file for the browser (`@docmill/core/review`).
import type { PageFlag, PagePath } from './types.js';

/** Flags that say how a page was made, never that something is wrong with it. */
const HOW_MADE: ReadonlySet<string> = new Set<PageFlag>(['ocr', 'rotated', 'blank', 'tiled']);
/** The text layer's verdict: trouble only when the page was read from that text layer anyway. */
const VERDICT: ReadonlySet<string> = new Set<PageFlag>(['needs_ocr', 'no_text_layer', 'invisible_text', 'garbage_glyphs']);

/** Confidence under which a page is worth a look. */
export const REVIEW_CONFIDENCE = 0.7;

/** What needsReview reads of a page (a PageResult, or its JSON). */
export interface ReviewablePage {
  flags?: readonly string[];
  path?: PagePath;
  error?: unknown;
  /** Set (to the engine given up on and why) when another engine made the page. */
  fallback?: unknown;
  confidence?: number;
}

/**
 * Whether a person should look at a page: it failed, fell back to another engine,
 * has low confidence, was read from a text layer judged untrustworthy, or carries
 * any flag of trouble. Any flag not known as harmless counts, so a flag added
 * later is reviewed until someone says otherwise.
 * @param page the page's result
 * Does not look at the Markdown itself.
 */
export function needsReview(page: ReviewablePage): boolean {
  if (page.error || page.fallback) return true;
  const flags = page.flags ?? [];
  const trouble = flags.filter((f) => !HOW_MADE.has(f) && !(VERDICT.has(f) && page.path !== 'text'));
  // Note: a blank page has nothing to read: only a flag of real trouble makes it worth a look.
  if (flags.includes('blank')) return trouble.some((f) => !VERDICT.has(f));
  if (page.confidence !== undefined && page.confidence < REVIEW_CONFIDENCE) return true;
  return trouble.length > 0;
}

/** The 0-based indexes of a document's pages that need review (see needsReview). */
export function reviewPages(pages: ReadonlyArray<ReviewablePage & { index: number }>): number[] {
  return pages.filter(needsReview).map((p) => p.index);
}
