import type { Root } from 'mdast';
import { parseMarkdown } from '../processor.js';

/** Fence languages that mean "this is the page's Markdown", not a code listing. */
const MARKDOWN_LANGS = new Set(['markdown', 'md', 'gfm', 'mdx']);

/**
 * When the whole page is one code fence of Markdown (```markdown … ```, or a bare ``` fence), replaces the tree
 * with the parse of the fence's content.
 * @param root the tree, changed in place
 * @param warnings gets one string when the fence is unwrapped
 * @returns true when it unwrapped
 * Note: a bare fence (no language) counts too: models wrap pages in plain ``` as often as in ```markdown.
 * A fence that is not the only node (a real code listing among text) is left alone, and so is a bare fence whose
 * content looks like code (see `looksLikeCode`).
 */
export function unwrapPageFence(root: Root, warnings: string[]): boolean {
  const only = root.children.length === 1 ? root.children[0] : undefined;
  if (!only || only.type !== 'code') return false;
  const lang = only.lang?.trim().toLowerCase() ?? '';
  if (lang !== '' && !MARKDOWN_LANGS.has(lang)) return false;
  if (lang === '' && looksLikeCode(only.value)) return false;
  root.children = parseMarkdown(only.value).children;
  warnings.push(`unwrapped a ${lang === '' ? 'bare' : lang} code fence around the whole page`);
  return true;
}

/**
 * True when some line is indented by two or more spaces (or a tab) without being a nested list item:
 * a model's page Markdown does not indent anything else, source code nearly always does.
 * @param value the fence's content
 * Judges only; never edits the content. Unindented code (shell, SQL) in a bare fence is still unwrapped.
 */
function looksLikeCode(value: string): boolean {
  return value.split('\n').some((line) => /^(?: {2,}|\t)(?![-*+] |\d+[.)] )\S/.test(line));
}
