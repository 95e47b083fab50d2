/**
 * What a named answer check can find in a model's page (each is also the name of the check):
 * - `unclosed_fence`: a code fence never closed, so the rest of the page became code;
 * - `repetition`: text repeated where the page has it once (a repeated block, a run of repeated
 *   sentences, a word n-gram repeated more than 30 times back to back);
 * - `duplicate_rows`: table rows repeated back to back (a unit of 1–3 rows, 5 copies or more);
 * - `truncated_html`: an HTML table that never reaches its `</table>`.
 */
export type AnswerDefect = 'unclosed_fence' | 'repetition' | 'duplicate_rows' | 'truncated_html';

/** One finding of a named check: what it found, said for a log or a warning. */
export interface AnswerFinding {
  defect: AnswerDefect;
  detail: string;
}
