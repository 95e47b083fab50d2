import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { plainText } from '../clean/text.js';
import { keepFirstCopies, periodicRuns } from './runs.js';
import type { AnswerFinding } from './types.js';

/** Copies of a unit of 1–3 rows, back to back, from which a table is looping. */
export const DUPLICATE_ROWS_MIN_REPEATS = 5;

/**
 * Named check `duplicate_rows`: body rows of a table that repeat back to back — a unit of 1–3 rows
 * copied 5 times or more (a model stuck on a row writes it until the token limit). Rows without a
 * letter or digit never count (empty rows are the cleaning's business; dash and underscore rows are forms).
 * Repair: the first copy of the unit is kept.
 * Note: 5, not 2: real tables do hold a few identical rows (zeros, dashes, "n/a").
 * @param root the parsed answer (changed only when `repair`)
 * @param repair drop the duplicated rows in place
 */
export function duplicateRows(root: Root, repair: boolean): AnswerFinding[] {
  const findings: AnswerFinding[] = [];
  visit(root, 'table', (table) => {
    const [header, ...body] = table.children;
    if (!header) return;
    const keys = body.map((row, i) => {
      const cells = row.children.map((c) => plainText(c));
      // Note: rows without a letter or digit (blank form lines: "—", "____") are never a loop.
      return cells.some((c) => /[\p{L}\p{N}]/u.test(c)) ? cells.join('\u0001') : `\u0000${i}`;
    });
    const runs = periodicRuns(keys, { maxPeriod: 3, minRepeats: DUPLICATE_ROWS_MIN_REPEATS });
    if (runs.length === 0) return;
    const dropped = runs.reduce((n, r) => n + (r.repeats - 1) * r.period, 0);
    findings.push({ defect: 'duplicate_rows', detail: `${dropped} duplicated table row(s), e.g. "${keys[runs[0]!.start]!.replaceAll('\u0001', ' | ').slice(0, 60)}" ${runs[0]!.repeats} times` });
    if (repair) table.children = [header, ...keepFirstCopies(body, runs)];
  });
  return findings;
}
