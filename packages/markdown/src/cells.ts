import type { PhrasingContent, TableCell } from 'mdast';
import { inlinesText, phrasingToInlines } from './inlines.js';

/**
 * One table cell's plain text → an mdast `tableCell`.
 * @param text the cell text; a newline becomes an inline `<br>` html node (a GFM cell cannot hold a line break,
 *   GitHub renders `<br>` as one), runs of other whitespace stay as they are
 * Does not escape '|': remark-gfm does that when writing.
 */
export function textCell(text: string): TableCell {
  const children: PhrasingContent[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (i > 0) children.push({ type: 'html', value: '<br>' });
    if (line.length > 0) children.push({ type: 'text', value: line });
  });
  return { type: 'tableCell', children };
}

/**
 * Plain text of a parsed cell: `<br>` (and hard breaks) become "\n", formatting is dropped (table rows are strings),
 * surrounding whitespace is trimmed.
 * @param cell an mdast table cell
 */
export function cellText(cell: TableCell): string {
  return inlinesText(phrasingToInlines(cell.children)).trim();
}
