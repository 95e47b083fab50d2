/**
 * Citation checks: every quote an answer returns must occur on the page it
 * cites. Quotes are compared word by word after normalisation (case, Unicode
 * forms, typographic quotes and dashes, punctuation and Markdown markup do not
 * count; a word hyphenated across a line break matches the joined word).
 */
import type { DocumentResult } from '@docmill/core';
import { squash, words, type Word } from './text.js';

export interface Citation {
  /** 1-based page. */
  page: number;
  quote: string;
}

export interface VerifyOptions {
  /**
   * Least similarity (0..1, Dice over the aligned words) for a quote that is
   * not found exactly; its page text then replaces the quote. Default 0.85.
   */
  fuzzyThreshold?: number;
  /** Quotes shorter than this many words must match exactly (default 4). */
  minFuzzyWords?: number;
}

export interface VerifyOutcome {
  citations: Citation[];
  /** Citations kept as given. */
  kept: number;
  /** Citations whose page or quote was corrected. */
  repaired: number;
  /** Citations whose quote is on no page. */
  dropped: number;
}

interface PageText {
  source: string;
  words: Word[];
  norms: string[];
  /** Normalised words concatenated without separators. */
  joined: string;
  /** Offset of each word in `joined`. */
  at: number[];
  /** Word-start offsets in `joined` (for boundary checks). */
  startSet: Set<number>;
  endSet: Set<number>;
}

/** The pages of one document prepared for quote look-ups (build once, check many quotes). */
export class QuoteFinder {
  readonly #pages: PageText[];

  /** @param doc the document whose page Markdown the model saw */
  constructor(doc: DocumentResult) {
    this.#pages = doc.pages.map((p) => prepare(p.markdown));
  }

  get pageCount(): number {
    return this.#pages.length;
  }

  /**
   * Whether the quote occurs (after normalisation) on a 1-based page.
   * @returns true on an exact match of the normalised words
   */
  occursOn(quote: string, page: number): boolean {
    const p = this.#pages[page - 1];
    if (!p) return false;
    return exact(p, words(quote).map((w) => w.norm));
  }

  /**
   * Finds the best approximate occurrence of a quote on a page.
   * @returns the page's own text for the aligned span and the similarity, or undefined below `threshold`
   */
  fuzzyOn(quote: string, page: number, threshold: number, minWords: number): { text: string; score: number } | undefined {
    const p = this.#pages[page - 1];
    if (!p) return undefined;
    const q = words(quote).map((w) => w.norm);
    // Note: a quote of more than 200 words must match exactly (the alignment is quadratic in its length).
    if (q.length < minWords || q.length > 200) return undefined;
    return fuzzy(p, q, threshold);
  }
}

/**
 * Checks and repairs citations against the document.
 * @param doc the document
 * @param citations what the model returned (pages 1-based)
 * @param opts similarity threshold for approximate quotes
 * For each citation: kept when its quote occurs on its page; moved to the
 * nearest page where it occurs exactly; else replaced by the page's own text
 * when an approximate match passes the threshold (cited page first, then the
 * others); else dropped. Duplicates are merged. Does not judge whether the
 * quote supports the answer, only that it is really in the document.
 */
export function verifyCitations(doc: DocumentResult | QuoteFinder, citations: readonly Citation[], opts: VerifyOptions = {}): VerifyOutcome {
  const finder = doc instanceof QuoteFinder ? doc : new QuoteFinder(doc);
  const threshold = opts.fuzzyThreshold ?? 0.85;
  const minWords = opts.minFuzzyWords ?? 4;
  const out: Citation[] = [];
  const seen = new Set<string>();
  let kept = 0;
  let repaired = 0;
  let dropped = 0;
  const push = (c: Citation) => {
    const key = `${c.page}\u0000${words(c.quote).map((w) => w.norm).join(' ')}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  const n = finder.pageCount;
  const byDistance = (from: number) =>
    Array.from({ length: n }, (_, i) => i + 1)
      .filter((p) => p !== from)
      .sort((a, b) => Math.abs(a - from) - Math.abs(b - from) || a - b);

  for (const c of citations) {
    const quote = squash(c.quote ?? '');
    const page = Number.isInteger(c.page) ? c.page : 0;
    if (!quote || words(quote).length === 0) {
      dropped++;
      continue;
    }
    if (page >= 1 && page <= n && finder.occursOn(quote, page)) {
      kept++;
      push({ page, quote });
      continue;
    }
    const others = byDistance(page >= 1 && page <= n ? page : 1);
    const exactElsewhere = others.find((p) => finder.occursOn(quote, p));
    if (exactElsewhere !== undefined) {
      repaired++;
      push({ page: exactElsewhere, quote });
      continue;
    }
    let best: { page: number; text: string; score: number } | undefined;
    for (const p of page >= 1 && page <= n ? [page, ...others] : others) {
      const f = finder.fuzzyOn(quote, p, threshold, minWords);
      if (f && (!best || f.score > best.score)) best = { page: p, ...f };
      if (best && best.page === page) break;
    }
    if (best) {
      repaired++;
      push({ page: best.page, quote: best.text });
    } else {
      dropped++;
    }
  }
  return { citations: out, kept, repaired, dropped };
}

function prepare(source: string): PageText {
  const ws = words(source);
  const norms = ws.map((w) => w.norm);
  const at: number[] = [];
  let joined = '';
  const startSet = new Set<number>();
  const endSet = new Set<number>();
  for (const w of norms) {
    at.push(joined.length);
    startSet.add(joined.length);
    joined += w;
    endSet.add(joined.length);
  }
  return { source, words: ws, norms, joined, at, startSet, endSet };
}

function exact(p: PageText, q: string[]): boolean {
  const needle = q.join('');
  if (!needle) return false;
  for (let i = p.joined.indexOf(needle); i >= 0; i = p.joined.indexOf(needle, i + 1)) {
    if (p.startSet.has(i) && p.endSet.has(i + needle.length)) return true;
  }
  return false;
}

function fuzzy(p: PageText, q: string[], threshold: number): { text: string; score: number } | undefined {
  const n = q.length;
  const m = p.norms.length;
  if (m === 0) return undefined;
  // Bag-of-words overlap over a sliding window of n page words finds the
  // candidate region in O(m); the exact alignment is then an LCS on it.
  const need = new Map<string, number>();
  for (const w of q) need.set(w, (need.get(w) ?? 0) + 1);
  const have = new Map<string, number>();
  let overlap = 0;
  let bestStart = 0;
  let bestOverlap = -1;
  for (let i = 0; i < m; i++) {
    const w = p.norms[i]!;
    const h = (have.get(w) ?? 0) + 1;
    have.set(w, h);
    if (h <= (need.get(w) ?? 0)) overlap++;
    if (i >= n) {
      const old = p.norms[i - n]!;
      const ho = have.get(old)!;
      if (ho <= (need.get(old) ?? 0)) overlap--;
      have.set(old, ho - 1);
    }
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      bestStart = Math.max(0, i - n + 1);
    }
  }
  if (bestOverlap < threshold * n * 0.8) return undefined;
  const slack = Math.ceil(n / 4);
  const from = Math.max(0, bestStart - slack);
  const to = Math.min(m, bestStart + n + slack);
  const span = lcsSpan(q, p.norms.slice(from, to));
  if (!span) return undefined;
  const spanLen = span.last - span.first + 1;
  const score = (2 * span.lcs) / (n + spanLen);
  if (score < threshold) return undefined;
  const first = p.words[from + span.first]!;
  const last = p.words[from + span.last]!;
  return { text: squash(p.source.slice(first.start, last.end)), score };
}

/** Longest common subsequence of a and b, with the first and last index of b it uses. */
function lcsSpan(a: string[], b: string[]): { lcs: number; first: number; last: number } | undefined {
  const n = a.length;
  const m = b.length;
  const dp: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = 1; i <= n; i++) {
    const row = dp[i]!;
    const prev = dp[i - 1]!;
    for (let j = 1; j <= m; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
  }
  const lcs = dp[n]![m]!;
  if (lcs === 0) return undefined;
  let i = n;
  let j = m;
  let first = -1;
  let last = -1;
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      if (last < 0) last = j - 1;
      first = j - 1;
      i--;
      j--;
    } else if (dp[i - 1]![j]! >= dp[i]![j - 1]!) i--;
    else j--;
  }
  return { lcs, first, last };
}
