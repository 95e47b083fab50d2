import type { DocumentResult } from '@docmill/core';
import type { Answer } from './answer.js';
import type { PassageIndex } from './passages.js';
import { searchTerms, sentences, squash } from './text.js';
import { verifyCitations, type QuoteFinder } from './verify.js';

/** What the extractive answer says about itself, word for word (the CLI and API show it). */
export const EXTRACTIVE_NOTE =
  'No model was asked: the local engine has no generative model, so this answer is the passages of the document that best match the question, quoted with their pages. It may not answer the question directly.';

/**
 * The `local` engine's answer: the best-matching passages (BM25) with their pages.
 * @param doc the document
 * @param question the question (already checked)
 * @param index the document's passage index
 * @param finder the document's quote finder (citations are checked like a model's)
 * @param limit passages to quote (default 3)
 * Each citation quotes the passage's sentence that shares the most terms with
 * the question. Does not summarise, rephrase or call any model.
 */
export function extractiveAnswer(doc: DocumentResult, question: string, index: PassageIndex, finder: QuoteFinder, limit = 3): Answer {
  const started = performance.now();
  // Note: passages scoring under a third of the best are left out: they
  // match a stray word of the question, and quoting them reads as an answer.
  const all = index.search(question, limit);
  const top = all[0]?.score ?? 0;
  const hits = all.filter((h) => h.score >= top / 3);
  const terms = new Set(searchTerms(question));
  const cites = hits.map((h) => ({ page: h.passage.page, quote: bestSentence(h.passage.text, terms) }));
  const verified = verifyCitations(finder, cites);
  const answer =
    hits.length === 0
      ? 'No passage of the document matches the words of the question.'
      : hits.map((h) => `[p. ${h.passage.page}] ${excerpt(h.passage.text, 600, true)}`).join('\n\n');
  return {
    answer,
    citations: verified.citations,
    mode: 'extractive',
    usage: { promptTokens: 0, completionTokens: 0, imageTokens: 0, latencyMs: Math.round(performance.now() - started), contextTokens: 0, budgetTokens: 0, tokenCount: 'none', pagesInContext: 0, pageCount: doc.pages.length, images: 0 },
    note: EXTRACTIVE_NOTE,
  };
}

function bestSentence(text: string, terms: ReadonlySet<string>): string {
  let best = '';
  let bestScore = -1;
  for (const s of text.split(/\n+/).flatMap((line) => sentences(line))) {
    const t = searchTerms(s);
    const score = t.filter((w) => terms.has(w)).length / Math.sqrt(Math.max(4, t.length));
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return excerpt(best || text, 300);
}

/** The text squashed (line breaks kept when asked) and cut at a word boundary to at most `max` characters (with an ellipsis when cut). */
function excerpt(text: string, max: number, keepLines = false): string {
  const s = keepLines ? text.replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim() : squash(text);
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
