import type { Code, Parent, Root, RootContent } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { parseMarkdown } from '../processor.js';
import type { AnswerFinding } from './types.js';

/** Fence languages that mean the fence holds the page's Markdown. */
const MARKDOWN_LANGS = new Set(['markdown', 'md', 'gfm', 'mdx']);

/**
 * Named check `unclosed_fence`: a fenced code block that is never closed swallows the rest of the page
 * (CommonMark runs it to the end of its container). Found from the code node's source: its last line is
 * not a closing fence of the opening's character and length.
 * Repair: the fence is closed where the code ends — before the first chunk (lines between blank lines)
 * that reads as Markdown rather than code: a pipe table, prose (sentences, no `;{}<>=`), a list of prose
 * items, or a heading followed by one of those — and the rest is parsed as Markdown. A ```markdown fence is
 * all Markdown. When nothing after the opening reads as Markdown the fence is closed at the end (only the
 * flag changes).
 * @param root the parsed answer (changed only when `repair`)
 * @param source the answer the tree was parsed from (for the code nodes' positions)
 * @param repair close the fences in place
 */
export function unclosedFences(root: Root, source: string, repair: boolean): AnswerFinding[] {
  const findings: AnswerFinding[] = [];
  visit(root, 'code', (node, index, parent) => {
    if (parent === undefined || index === undefined || isClosed(node, source)) return;
    const { code, markdown } = splitFence(node);
    findings.push({ defect: 'unclosed_fence', detail: `a ${node.lang ? `${node.lang} ` : ''}code fence is never closed${markdown ? ` and swallowed ${markdown.split('\n').length} line(s) of Markdown` : ''}` });
    if (!repair) return;
    const replacement: RootContent[] = [];
    if (code.trim() !== '') replacement.push({ ...node, value: code });
    if (markdown.trim() !== '') replacement.push(...parseMarkdown(markdown).children);
    (parent as Parent).children.splice(index, 1, ...replacement);
    return [SKIP, index + replacement.length];
  });
  return findings;
}

function isClosed(node: Code, source: string): boolean {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return true;
  const lines = source.slice(start, end).split('\n');
  const open = /^[ \t>]*(`{3,}|~{3,})/.exec(lines[0] ?? '');
  if (!open) return true; // an indented code block has no fence to close
  const fence = open[1]!;
  const closer = new RegExp(`^[ \\t>]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  return lines.length > 1 && closer.test(lines[lines.length - 1]!);
}

/** Splits an unclosed fence's content into the code and the Markdown that follows it. */
function splitFence(node: Code): { code: string; markdown: string } {
  if (MARKDOWN_LANGS.has(node.lang?.trim().toLowerCase() ?? '')) return { code: '', markdown: node.value };
  const lines = node.value.split('\n');
  const chunks: Array<{ from: number; lines: string[] }> = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const last = chunks[chunks.length - 1];
    if (last && last.from + last.lines.length === i) last.lines.push(line);
    else chunks.push({ from: i, lines: [line] });
  });
  const at = chunks.findIndex((c, k) => readsAsMarkdown(c.lines, chunks[k + 1]?.lines));
  if (at < 0) return { code: node.value, markdown: '' };
  const from = chunks[at]!.from;
  return { code: lines.slice(0, from).join('\n').replace(/\s+$/, ''), markdown: lines.slice(from).join('\n') };
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const HEADING = /^#{1,6}[ \t]+\S/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])[ \t]+(.*)$/;

function readsAsMarkdown(chunk: string[], next: string[] | undefined): boolean {
  if (chunk.length >= 2 && chunk.every((l) => TABLE_ROW.test(l))) return true;
  if (chunk.every((l) => { const m = LIST_ITEM.exec(l); return m !== null && isProse(m[1]!, 3); })) return true;
  if (chunk.length === 1 && HEADING.test(chunk[0]!)) return next !== undefined && next !== chunk && readsAsMarkdown(next, undefined);
  return chunk.every((l) => isProse(l, 1)) && words(chunk.join(' ')) >= 8;
}

/** A line of running text: starts like a sentence, no code punctuation, mostly letters, `minWords` words or more. */
function isProse(line: string, minWords: number): boolean {
  const t = line.trim();
  if (!/^[\p{Lu}\p{N}"'“‘(*_]/u.test(line) || /[;{}<>=]|\)\s*$|^\S+\(/.test(t)) return false;
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  return words(t) >= minWords && letters / t.length >= 0.6;
}

function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}
