/**
 * When a question needs page images, and which pages: questions about figures,
 * charts, diagrams, photos or the look of a page, and pages whose text is too
 * thin to answer from (a scanned chart).
 */
import type { DocumentResult } from '@docmill/core';
import { squash } from './text.js';

const VISUAL = /\b(figures?|fig\.|charts?|diagrams?|graphs?|plots?|images?|pictures?|photos?|photographs?|illustrations?|drawings?|maps?|logos?|screenshots?|sketch(?:es)?|colou?rs?|look(?:s|ing)?|appearance|layout|visual(?:ly)?|shown|depicted|drawn|axis|axes|legend)\b/i;

/**
 * Whether the wording of a question asks about something visual.
 * @param question the question
 * Does not look at the document (see `pickImagePages` for thin pages).
 */
export function isVisualQuestion(question: string): boolean {
  return VISUAL.test(question) || /\btable\s+image\b/i.test(question);
}

/** Characters of real text on a page (Markdown markup and whitespace aside). */
export function pageTextChars(markdown: string): number {
  return squash(markdown.replace(/<!--[\s\S]*?-->/g, '').replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/[#*_`|>\-[\]()]/g, ' ')).length;
}

/** Pages with fewer text characters than this are "thin": their image says more than their text. */
export const THIN_PAGE_CHARS = 200;

export interface ImagePick {
  /** True when images should go with the question. */
  visual: boolean;
  /** Why (for the answer's note and logs). */
  reason?: 'wording' | 'thin-page';
  /** 1-based pages whose images to attach, most relevant first, at most `max`. */
  pages: number[];
}

/**
 * Picks the pages whose images should accompany a question.
 * @param doc the document
 * @param question the question
 * @param ranked pages ranked for the question (BM25), best first
 * @param max the server's image limit
 * Relevant pages are, in order: pages the question names ("page 4"), pages
 * holding the figure or table it names ("Figure 3", "Table 2"), the best
 * ranked pages. The question is visual when its wording says so, or when one
 * of the relevant pages is thin (or, when nothing ranks, any page of a short
 * document is thin). Does not fetch or size images.
 */
export function pickImagePages(doc: DocumentResult, question: string, ranked: ReadonlyArray<{ page: number }>, max: number): ImagePick {
  const n = doc.pages.length;
  const named: number[] = [];
  for (const m of question.matchAll(/\bp(?:ages?|p?\.)\s*(\d+)(?:\s*(?:-|–|to|and)\s*(\d+))?/gi)) {
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (let p = from; p <= Math.min(to, from + max); p++) if (p >= 1 && p <= n) named.push(p);
  }
  for (const m of question.matchAll(/\b(fig(?:ure)?s?\.?|tables?|charts?|diagrams?|plates?)\s*(\d+[a-z]?)\b/gi)) {
    const kind = m[1]!.toLowerCase().startsWith('fig') ? '(?:fig(?:ure)?\\.?)' : m[1]!.toLowerCase().replace(/s$/, '');
    const re = new RegExp(`\\b${kind}\\s*${m[2]}\\b`, 'i');
    const holding = doc.pages.filter((p) => re.test(p.markdown)).map((p) => p.index + 1);
    // Note: the page with the caption is the likeliest home of the figure;
    // captions start a block, mentions sit inside sentences.
    const caption = doc.pages.find((p) => p.blocks.some((b) => b.type === 'caption' && re.test(b.text)));
    if (caption) named.push(caption.index + 1);
    named.push(...holding.slice(0, 2));
  }
  const top = ranked.slice(0, Math.max(3, max)).map((r) => r.page);
  const relevant = unique([...named, ...top]);
  const chars = doc.pages.map((p) => pageTextChars(p.markdown));
  const median = [...chars].sort((a, b) => a - b)[Math.floor(chars.length / 2)] ?? 0;
  // Note: little text alone is not enough (a short document has short pages):
  // the page must also hold a figure, or have been scanned, or carry far less
  // text than the document's typical page.
  const thin = (p: number) => {
    const page = doc.pages[p - 1];
    const c = chars[p - 1] ?? 0;
    if (!page || c >= THIN_PAGE_CHARS) return false;
    const figure = page.images.length > 0 || page.blocks.some((b) => b.type === 'figure');
    const scanned = page.path === 'ocr' || page.path === 'vision' || page.flags.some((f) => f === 'needs_ocr' || f === 'no_text_layer' || f === 'ocr');
    return figure || scanned || c < 0.25 * median;
  };
  let reason: ImagePick['reason'];
  if (isVisualQuestion(question)) reason = 'wording';
  else if (relevant.slice(0, 3).some(thin) || (relevant.length === 0 && n <= max && doc.pages.some((p) => thin(p.index + 1)))) reason = 'thin-page';
  if (!reason) return { visual: false, pages: [] };
  // Note: images are costly (up to ~2,400 tokens each): the pages the question
  // names and the three best ranked for a visual wording; only the thin ones
  // among the relevant pages when thinness is the reason.
  let pages = reason === 'wording' ? unique([...named, ...top.slice(0, 3)]) : unique([...named, ...relevant.filter(thin)]);
  if (pages.length === 0) pages = doc.pages.map((p) => p.index + 1).filter(thin);
  if (pages.length === 0) pages = doc.pages.map((p) => p.index + 1);
  return { visual: true, reason, pages: pages.slice(0, max) };
}

function unique(xs: number[]): number[] {
  return [...new Set(xs)];
}
