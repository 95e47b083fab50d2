import type { Nodes, Parent, Root, RootContent, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { plainText } from '../clean/text.js';
import { keepFirstCopies, periodicRuns } from './runs.js';
import type { AnswerFinding } from './types.js';

/** A block whose text is at least this long is never repeated on a real page. */
export const REPEATED_BLOCK_MIN_CHARS = 60;
/** olmOCR's RepeatDetector: a word n-gram (n ≤ 5) repeated more than 30 times back to back is a loop. */
export const NGRAM_MAX_N = 5;
export const NGRAM_MIN_REPEATS = 31;

/** Block types compared as wholes (tables have their own check, `duplicateRows`). */
const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'listItem', 'code', 'math']);

/**
 * Named check `repetition`, anywhere in the page (the engine's end-of-answer loop check only sees the end):
 * - blocks: a paragraph, heading, list item, quote or code block of ≥ 60 characters that appears again among
 *   its siblings, or a unit of 1–3 shorter blocks (≥ 15 characters) repeated 3 times or more back to back;
 * - sentences, inside one text node: a unit of 1–4 sentences repeated back to back, twice when it has
 *   ≥ 60 characters, 3 times when it has ≥ 20;
 * - word n-grams, inside one text node: n ≤ 5 repeated more than 30 times back to back (olmOCR's threshold).
 * Repair: the first copy is kept and the repeats are dropped (blocks removed, text nodes rewritten from
 * their kept sentences or words).
 * @param root the parsed answer (changed only when `repair`)
 * @param repair drop the repeats in place
 */
export function repetitions(root: Root, repair: boolean): AnswerFinding[] {
  const findings: AnswerFinding[] = [];
  visit(root, (node) => {
    if (!('children' in node) || node.type === 'paragraph' || node.type === 'heading' || node.type === 'table' || node.type === 'tableRow') return;
    const parent = node as Parent;
    const kids = parent.children as RootContent[];
    const texts = kids.map((k) => (BLOCKS.has(k.type) ? blockKey(k) : ''));
    // the same long block again, anywhere among the siblings
    const seen = new Set<string>();
    const again = texts.map((t) => {
      if (t.length < REPEATED_BLOCK_MIN_CHARS) return false;
      if (seen.has(t)) return true;
      seen.add(t);
      return false;
    });
    const keys = texts.map((t, i) => (t === '' ? `\u0000${i}` : t));
    const runs = periodicRuns(keys, { maxPeriod: 3, minRepeats: 3, accept: (r) => keys.slice(r.start, r.start + r.period).join('').length >= 15 });
    const drop = new Set<number>();
    for (const r of runs) for (let i = r.start + r.period; i < r.start + r.repeats * r.period; i++) drop.add(i);
    again.forEach((a, i) => a && drop.add(i));
    if (drop.size === 0) return;
    findings.push({ defect: 'repetition', detail: `${drop.size} repeated block(s), e.g. "${texts[[...drop][0]!]!.slice(0, 60)}"` });
    if (repair) parent.children = kids.filter((_, i) => !drop.has(i)) as Parent['children'];
  });
  visit(root, 'text', (node: Text) => {
    const sentences = sentenceRuns(node.value);
    if (sentences) {
      findings.push({ defect: 'repetition', detail: sentences.detail });
      if (repair) node.value = sentences.kept;
    }
    const ngrams = ngramRuns(node.value);
    if (ngrams) {
      findings.push({ defect: 'repetition', detail: ngrams.detail });
      if (repair) node.value = ngrams.kept;
    }
  });
  return findings;
}

function blockKey(node: RootContent): string {
  return plainText(node as Nodes).toLowerCase();
}

/** Sentences with the whitespace after them (so that joining them gives the text back). */
const SENTENCE = /[^.!?\n]*[.!?]+["'”’)]*\s*|[^.!?\n]+\s*|\n+/g;

function sentenceRuns(value: string): { detail: string; kept: string } | undefined {
  const parts = value.match(SENTENCE) ?? [];
  if (parts.length < 2) return undefined;
  const keys = parts.map((p, i) => (p.trim().length < 10 ? `\u0000${i}` : p.trim()));
  const runs = periodicRuns(keys, {
    maxPeriod: 4,
    minRepeats: 2,
    accept: (r) => {
      const chars = keys.slice(r.start, r.start + r.period).join(' ').length;
      return chars >= 60 || (r.repeats >= 3 && chars >= 20);
    },
  });
  if (runs.length === 0) return undefined;
  const r = runs[0]!;
  return { detail: `a run of ${r.period} sentence(s) repeated ${r.repeats} times: "${keys[r.start]!.slice(0, 60)}"`, kept: keepFirstCopies(parts, runs).join('') };
}

function ngramRuns(value: string): { detail: string; kept: string } | undefined {
  const tokens = value.split(/(?<=\s)(?=\S)/); // words with the whitespace after them
  if (tokens.length <= NGRAM_MIN_REPEATS) return undefined;
  const keys = tokens.map((t) => t.trim());
  const runs = periodicRuns(keys, { maxPeriod: NGRAM_MAX_N, minRepeats: NGRAM_MIN_REPEATS });
  if (runs.length === 0) return undefined;
  const r = runs[0]!;
  return { detail: `"${keys.slice(r.start, r.start + r.period).join(' ')}" repeated ${r.repeats} times`, kept: keepFirstCopies(tokens, runs).join('') };
}
