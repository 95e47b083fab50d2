// The tuning aids' input: a real PDF's pages, laid out (text layer only), ready for `assembleBlocks`.
import { readFileSync } from 'node:fs';
import { openPdf } from '@docmill/pdf';
import { layoutPage, type DocumentPageBlocks } from '../src/index.js';

/**
 * Lays out pages `range` ("a-b", 1-based, default all) of `file`.
 * @param textLayer mark the pages as text-layer pages (the furniture rules that read fonts apply)
 */
export async function layoutPdfPages(file: string, range?: string, textLayer = false): Promise<DocumentPageBlocks[]> {
  const doc = await openPdf(new Uint8Array(readFileSync(file)));
  try {
    const [a, b] = (range ?? `1-${doc.pageCount}`).split('-').map(Number);
    const pages: DocumentPageBlocks[] = [];
    for (let i = (a ?? 1) - 1; i < Math.min(b ?? doc.pageCount, doc.pageCount); i++) {
      const p = await doc.getPage(i);
      const { page } = await p.extractText();
      p.release();
      pages.push({ index: i, width: page.width, height: page.height, blocks: layoutPage(page), ...(textLayer ? { textLayer: true } : {}) });
    }
    return pages;
  } finally {
    await doc.close();
  }
}
