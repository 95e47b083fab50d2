/**
 * The reading-order content of a converted document as a flat list of units
 * (headings with levels, text blocks), each on its 1-based page. Chunking and
 * passage retrieval both start here.
 */
import type { Block, DocumentResult, PageResult } from '@docmill/core';

export type Unit =
  | { kind: 'heading'; level: number; text: string; page: number; article?: number }
  | { kind: 'text'; text: string; page: number; article?: number };

const SKIP: ReadonlySet<Block['type']> = new Set(['header', 'footer', 'page-number']);

/**
 * Lists the document's units in reading order.
 * @param doc a converted document
 * Uses each page's typed blocks; a page without blocks (a result made by an
 * engine that only gave Markdown) is read from its Markdown (ATX headings and
 * blank-line separated paragraphs). Running headers, footers and page numbers
 * are left out. Heading levels come from the block's `level`, else from the
 * rank of its font size among the document's headings, else 1. Units of an
 * article (`doc.articles`) carry its index.
 */
export function documentUnits(doc: DocumentResult): Unit[] {
  const levelOf = headingLevels(doc.pages);
  // Which article each block belongs to ("page:block" → index in doc.articles).
  const articleOf = new Map<string, number>();
  doc.articles?.forEach((a, ai) => { for (const r of a.blocks) articleOf.set(`${r.page}:${r.block}`, ai); });
  const out: Unit[] = [];
  for (const page of doc.pages) {
    const n = page.index + 1;
    if (page.blocks.length === 0) {
      out.push(...markdownUnits(page.markdown, n));
      continue;
    }
    page.blocks.forEach((b, bi) => {
      if (SKIP.has(b.type)) return;
      const text = blockText(b);
      if (!text) return;
      const ai = articleOf.get(`${page.index}:${bi}`);
      const art = ai !== undefined ? { article: ai } : {};
      if (b.type === 'heading') out.push({ kind: 'heading', level: levelOf(b), text, page: n, ...art });
      else out.push({ kind: 'text', text, page: n, ...art });
    });
  }
  return out;
}

function blockText(b: Block): string {
  if (b.type === 'table' && b.rows) return b.rows.map((r) => r.join(' | ')).join('\n').trim();
  if (b.type === 'table') return b.text.replace(/\t/g, ' | ').trim();
  if (b.type === 'list-item') return `${b.marker ?? '-'} ${b.text}`.trim();
  return b.text.trim();
}

function headingLevels(pages: readonly PageResult[]): (b: Block) => number {
  const sizes = new Set<number>();
  for (const p of pages) for (const b of p.blocks) if (b.type === 'heading' && b.level === undefined && b.fontSize) sizes.add(Math.round(b.fontSize * 2) / 2);
  const ranked = [...sizes].sort((a, b) => b - a);
  return (b) => {
    if (b.level !== undefined) return Math.min(6, Math.max(1, b.level));
    if (!b.fontSize) return 1;
    return Math.min(6, ranked.indexOf(Math.round(b.fontSize * 2) / 2) + 1);
  };
}

/** Units from a page's Markdown: ATX headings, blank-line separated paragraphs, page anchors dropped. */
export function markdownUnits(markdown: string, page: number): Unit[] {
  const out: Unit[] = [];
  let para: string[] = [];
  const flush = () => {
    const text = para.join('\n').trim();
    if (text) out.push({ kind: 'text', text, page });
    para = [];
  };
  for (const line of markdown.split('\n')) {
    const h = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      flush();
      if (h[2]) out.push({ kind: 'heading', level: h[1]!.length, text: h[2], page });
    } else if (/^\s*<!--.*-->\s*$/.test(line) || line.trim() === '') {
      flush();
    } else {
      para.push(line);
    }
  }
  flush();
  return out;
}
