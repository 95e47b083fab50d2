import type { Root, Table } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { tableRow } from '../to-mdast/table.js';
import { plainLines } from './text.js';

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const DELIMITER_CELL = /^\s*:?-{1,}:?\s*$/;

/**
 * Rebuilds tables that did not parse as GFM tables: a paragraph whose every line (two or more) is a pipe row
 * `| a | b |` — what a model writes when the delimiter row is missing or has the wrong number of cells.
 * Delimiter-like rows (`|---|:--:|`) are dropped, the first remaining row is the header; the ragged-row repair
 * (`repairTables`) then pads or truncates rows to it.
 * @param root the tree, changed in place
 * @param warnings one string per rebuilt table
 * Note: this reads the paragraph's plain text (inline formatting in the cells is lost; table rows are strings),
 * it never edits Markdown source. A paragraph with a single pipe line is left alone: it may be prose.
 */
export function rebuildPipeParagraphs(root: Root, warnings: string[]): void {
  visit(root, 'paragraph', (node, index, parent) => {
    if (parent === undefined || index === undefined) return;
    const lines = plainLines(node).filter((l) => l.trim() !== '');
    if (lines.length < 2 || !lines.every((l) => PIPE_ROW.test(l))) return;
    const rows = lines.map(splitRow).filter((cells) => !cells.every((c) => DELIMITER_CELL.test(c)));
    const header = rows[0];
    if (!header || header.length < 2) return;
    const table: Table = { type: 'table', align: header.map(() => null), children: rows.map((r) => tableRow(r, r.length)) };
    parent.children.splice(index, 1, table);
    warnings.push('rebuilt a table that had no valid delimiter row');
    return [SKIP, index + 1];
  });
}

/**
 * `| a | b |` → ["a", "b"]: splits on pipes, outer pipes dropped.
 * Known limit: the parser has already unescaped `\|`, so an escaped pipe in such a broken row splits its cell.
 */
function splitRow(line: string): string[] {
  const inner = line.trim().slice(1, -1);
  return inner.split('|').map((c) => c.trim());
}
