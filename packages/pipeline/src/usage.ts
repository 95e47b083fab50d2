import type { DocumentUsage, PageResult } from '@docmill/core';

/**
 * A document's usage from its pages: pages per path, failed and fallback pages, tokens.
 * @param pages the pages (only path, error, fallback and usage are read)
 * @param seconds wall-clock seconds of the conversion
 */
export function sumUsage(pages: ReadonlyArray<Pick<PageResult, 'path' | 'error' | 'fallback' | 'usage'>>, seconds: number): DocumentUsage {
  const u: DocumentUsage = { pages: pages.length, pagesText: 0, pagesOcr: 0, pagesVision: 0, pagesFailed: 0, pagesFallback: 0, promptTokens: 0, imageTokens: 0, completionTokens: 0, seconds: Math.round(seconds * 1000) / 1000 };
  for (const p of pages) {
    if (p.path === 'text') u.pagesText++;
    else if (p.path === 'ocr') u.pagesOcr++;
    else if (p.path === 'vision') u.pagesVision++;
    if (p.error) u.pagesFailed++;
    if (p.fallback) u.pagesFallback++;
    if (p.usage) {
      u.promptTokens += p.usage.promptTokens;
      u.imageTokens += p.usage.imageTokens;
      u.completionTokens += p.usage.completionTokens;
      if (p.usage.pagesProcessed !== undefined) u.ocrPagesProcessed = (u.ocrPagesProcessed ?? 0) + p.usage.pagesProcessed;
      if (p.usage.docSizeBytes !== undefined) u.ocrDocSizeBytes = (u.ocrDocSizeBytes ?? 0) + p.usage.docSizeBytes;
    }
  }
  return u;
}
