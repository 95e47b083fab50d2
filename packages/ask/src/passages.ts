/**
 * Page passages and their BM25 index: what retrieval ranks pages with and what
 * the extractive answer quotes. A passage never crosses a page, so every hit
 * names exactly one page.
 */
import MiniSearch from 'minisearch';
import type { DocumentResult } from '@docmill/core';
import { packText, searchTerms } from './text.js';
import { documentUnits } from './units.js';

export interface Passage {
  id: number;
  /** 1-based page. */
  page: number;
  /** Title of the nearest heading above it, if any (context for readers). */
  heading?: string;
  text: string;
}

export interface PassageHit {
  passage: Passage;
  score: number;
}

/**
 * Cuts each page into passages of at most `maxChars` (paragraphs packed
 * together while they fit, long ones cut between sentences).
 * @param doc the converted document
 * @param maxChars size bound (default 700)
 * Does not join text across pages.
 */
export function pagePassages(doc: DocumentResult, maxChars = 700): Passage[] {
  const out: Passage[] = [];
  let heading: string | undefined;
  let cur: { page: number; parts: string[]; len: number } | undefined;
  const flush = () => {
    if (cur && cur.parts.length > 0) out.push({ id: out.length, page: cur.page, ...(heading ? { heading } : {}), text: cur.parts.join('\n\n') });
    cur = undefined;
  };
  for (const u of documentUnits(doc)) {
    if (cur && cur.page !== u.page) flush();
    if (u.kind === 'heading') {
      flush();
      heading = u.text;
      continue;
    }
    for (const piece of u.text.length > maxChars ? packText(u.text, maxChars, maxChars) : [u.text]) {
      if (cur && cur.len + 2 + piece.length > maxChars) flush();
      cur ??= { page: u.page, parts: [], len: 0 };
      cur.parts.push(piece);
      cur.len += piece.length + 2;
    }
  }
  flush();
  return out;
}

/** BM25 (minisearch) over a document's page passages. */
export class PassageIndex {
  readonly passages: Passage[];
  readonly #mini: MiniSearch<Passage>;

  /**
   * @param doc the converted document
   * @param maxChars passage size bound
   */
  constructor(doc: DocumentResult, maxChars?: number) {
    this.passages = pagePassages(doc, maxChars);
    // Note: the heading is indexed with a small weight so that a question
    // naming a section finds its first paragraphs, without outranking text.
    this.#mini = new MiniSearch<Passage>({
      fields: ['text', 'heading'],
      tokenize: (text) => searchTerms(text),
      processTerm: (t) => t,
    });
    this.#mini.addAll(this.passages);
  }

  /**
   * The best passages for a query, best first.
   * @param query free text (a question)
   * @param limit at most this many
   * Terms of five letters or more also match as prefixes ("chart" → "charts"),
   * of seven or more with one edit (typos); exact matches score higher.
   */
  search(query: string, limit = 10): PassageHit[] {
    const hits = this.#mini.search(query, {
      boost: { text: 1, heading: 0.3 },
      prefix: (t) => t.length >= 5,
      fuzzy: (t) => (t.length >= 7 ? 1 : false),
      combineWith: 'OR',
    });
    return hits.slice(0, limit).map((h) => ({ passage: this.passages[h.id as number]!, score: h.score }));
  }

  /**
   * Scores pages for a query: the best passage score of each page plus a
   * quarter of the rest (a page with several good passages ranks higher).
   * @returns 1-based pages, best first, with scores
   */
  rankPages(query: string): Array<{ page: number; score: number }> {
    const byPage = new Map<number, number[]>();
    for (const h of this.search(query, Number.MAX_SAFE_INTEGER)) {
      const list = byPage.get(h.passage.page) ?? [];
      list.push(h.score);
      byPage.set(h.passage.page, list);
    }
    return [...byPage.entries()]
      .map(([page, scores]) => {
        const [best = 0, ...rest] = scores.sort((a, b) => b - a);
        return { page, score: best + 0.25 * rest.reduce((s, x) => s + x, 0) };
      })
      .sort((a, b) => b.score - a.score || a.page - b.page);
  }
}
