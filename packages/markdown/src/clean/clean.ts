import type { Root } from 'mdast';
import { trimEdges } from './edges.js';
import { unwrapPageFence } from './fence.js';
import { removeEmptyHeadings } from './headings.js';
import { htmlTablesToGfm } from './html-tables.js';
import { repairDollarText } from './math.js';
import { rebuildPipeParagraphs } from './pipe-tables.js';
import { repairTables } from './tables.js';

/**
 * Cleans a vision model's page as a tree, in this order:
 * 1. model chatter, lone page numbers and horizontal rules at the start and end are removed;
 * 2. a code fence wrapping the whole page is unwrapped (its content parsed), then step 1 runs again inside;
 * 3. HTML tables become GFM tables (merged cells repeated);
 * 4. empty headings are removed; pipe rows that did not parse as a table are rebuilt into one; tables are
 *    repaired (empty rows, ragged rows, one-column tables);
 * 5. `$…$` that is really prices ("$5 and $10") goes back to text.
 * @param root the parsed page; it is not modified (a copy is cleaned)
 * @returns the cleaned tree, and one warning string per repair (empty when the page needed none)
 * Does not fix the content (spelling, reading order) nor judge whether the page is a refusal.
 */
export function cleanModelTree(root: Root): { root: Root; warnings: string[] } {
  const tree = structuredClone(root);
  const warnings: string[] = [];
  trimEdges(tree, warnings);
  if (unwrapPageFence(tree, warnings)) trimEdges(tree, warnings);
  htmlTablesToGfm(tree);
  removeEmptyHeadings(tree, warnings);
  rebuildPipeParagraphs(tree, warnings);
  repairTables(tree, warnings);
  repairDollarText(tree, warnings);
  return { root: tree, warnings };
}
