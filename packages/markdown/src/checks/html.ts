import type { Html, Parent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { plainText } from '../clean/text.js';
import type { AnswerFinding } from './types.js';

/**
 * Named check `truncated_html`: an HTML table (what models write for merged cells) that never reaches
 * its `</table>` — the answer stopped inside it, and whatever the page had after the table is missing.
 * A table broken by blank lines spans several sibling nodes; they are read together, as the cleaning does.
 * Repair: the table is closed (an html node `</table>` per open table after its last node), so the rows
 * it has become a table like any other. A row cut inside a cell keeps the cells it has.
 * @param root the parsed answer (changed only when `repair`)
 * @param repair close the tables in place
 * Note: this counts tags in HTML nodes; it never edits Markdown.
 */
export function truncatedHtmlTables(root: Root, repair: boolean): AnswerFinding[] {
  const findings: AnswerFinding[] = [];
  visit(root, (node) => {
    if (!('children' in node) || node.type === 'paragraph' || node.type === 'heading' || node.type === 'table') return;
    const parent = node as Parent;
    const kids = parent.children as RootContent[];
    for (let i = 0; i < kids.length; i++) {
      if (kids[i]!.type !== 'html' || openTables(htmlOf(kids[i]!)) <= 0) continue;
      let open = 0;
      let j = i;
      for (; j < kids.length; j++) {
        open += openTables(htmlOf(kids[j]!));
        if (open <= 0) break;
      }
      if (open <= 0) {
        i = j;
        continue;
      }
      findings.push({ defect: 'truncated_html', detail: `an HTML table is cut off before </table> (${open} table(s) left open)` });
      if (repair) {
        const close: Html = { type: 'html', value: '</table>'.repeat(open) };
        kids.push(close);
      }
      break;
    }
  });
  return findings;
}

function htmlOf(node: RootContent): string {
  return node.type === 'html' ? node.value : plainText(node);
}

function openTables(html: string): number {
  return (html.match(/<table\b/gi) ?? []).length - (html.match(/<\/table\s*>/gi) ?? []).length;
}
