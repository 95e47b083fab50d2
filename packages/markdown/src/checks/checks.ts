import type { Root } from 'mdast';
import { parseMarkdown } from '../processor.js';
import { unclosedFences } from './fence.js';
import { truncatedHtmlTables } from './html.js';
import { repetitions } from './repetition.js';
import { duplicateRows } from './rows.js';
import type { AnswerFinding } from './types.js';

/**
 * Runs the named answer checks on a parsed model page, in this order: `unclosed_fence` (so that what a fence
 * swallowed is checked as Markdown), `truncated_html`, `duplicate_rows`, `repetition`.
 * @param root the parsed answer; changed in place only when `repair` (each check then repairs what it found)
 * @param source the Markdown the tree was parsed from (fences are judged from their source lines)
 * @param repair repair what is found
 * @returns one finding per defect found (empty for a sound page)
 * Does not judge content (refusals, invented text, loops at the end of an answer: the vision engine's checks).
 */
export function checkModelTree(root: Root, source: string, repair: boolean): AnswerFinding[] {
  return [...unclosedFences(root, source, repair), ...truncatedHtmlTables(root, repair), ...duplicateRows(root, repair), ...repetitions(root, repair)];
}

/**
 * The named answer checks on a model's page, without changing anything (what the vision engine asks before
 * accepting an answer; `markdownToBlocks` repairs the same defects when an answer is kept with them).
 * @param markdown the model's answer for one page
 */
export function checkModelAnswer(markdown: string): AnswerFinding[] {
  const root = parseMarkdown(markdown);
  const findings = checkModelTree(root, markdown, false);
  remember(markdown, root);
  return findings;
}

// Note: the vision engine checks an answer and, when it keeps it, `markdownToBlocks` parses the same string right
// after; a few recent trees are kept so that a page is parsed once (remark's parse is most of the CPU a page costs).
const recent = new Map<string, Root>();
const RECENT_MAX = 8;

function remember(markdown: string, root: Root): void {
  recent.delete(markdown);
  recent.set(markdown, root);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
}

/**
 * The tree `checkModelAnswer` parsed from exactly this Markdown, handed over once (it is then the caller's to
 * change), or a fresh parse.
 * @param markdown the answer
 */
export function parseAnswer(markdown: string): Root {
  const root = recent.get(markdown);
  if (root === undefined) return parseMarkdown(markdown);
  recent.delete(markdown);
  return root;
}
