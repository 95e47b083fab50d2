import type { Article, Block } from '@docmill/core';

/** What articles are cut from: each page's body blocks in reading order, and whether it continues the previous page. */
export interface ArticlePage {
  index: number;
  blocks: readonly Block[];
  continuesPrevious?: boolean;
}

/** Blocks that are no article's text: marginals that survived assembly. */
const OUTSIDE = new Set<Block['type']>(['header', 'footer', 'page-number']);

/**
 * Cuts a document into articles: each headline with the blocks that follow it in reading order
 * (its column or columns, since layout reads column by column) until the next headline.
 * @param pages assembled pages in document order (headings already typed)
 * Consecutive headings make one article (a headline and its sub-headline); the title is the first.
 * Text before the first headline of the document is an untitled article marked `continued` (it
 * began on a page that is not here); on later pages, text before a page's first headline belongs
 * to the article running at the end of the previous page (the article goes on over the page break,
 * as a newspaper article goes on in the next column), which then lists both pages.
 * Returns no articles for a document without headings: there is nothing to cut at.
 * Does not follow "continued on page N" jumps, and does not tell a section heading from a headline.
 */
export function findArticles(pages: readonly ArticlePage[]): Article[] {
  if (!pages.some((p) => p.blocks.some((b) => b.type === 'heading'))) return [];
  const out: Article[] = [];
  let cur: Article | undefined;
  let lastWasHeading = false;
  const add = (a: Article, page: number, block: number) => {
    a.blocks.push({ page, block });
    if (!a.pages.includes(page)) a.pages.push(page);
  };
  pages.forEach((p, pi) => {
    // Note: pages that are not neighbours (a page-range conversion) do not run on into each other.
    const neighbour = pi > 0 && pages[pi - 1]!.index + 1 === p.index;
    if (!neighbour && cur && cur.blocks.length) { cur = undefined; lastWasHeading = false; }
    p.blocks.forEach((b, bi) => {
      if (OUTSIDE.has(b.type)) return;
      if (b.type === 'heading') {
        const text = b.text.trim();
        if (cur && lastWasHeading) { add(cur, p.index, bi); return; }
        cur = { title: text, pages: [], blocks: [] };
        out.push(cur);
        add(cur, p.index, bi);
        lastWasHeading = true;
        return;
      }
      if (!b.text.trim() && b.type !== 'figure' && b.type !== 'table') return;
      if (!cur) {
        cur = { title: '', pages: [], blocks: [], continued: true };
        out.push(cur);
      }
      add(cur, p.index, bi);
      lastWasHeading = false;
    });
  });
  return out.filter((a) => a.blocks.length > 0);
}
