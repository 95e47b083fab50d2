// Tuning aid: layout + assembly + the markdown package's serializer on a real PDF (prints Markdown).
// Usage: node --import @docmill/core/loader packages/layout/bench/markdown.ts file.pdf [a-b]
import { readFileSync } from 'node:fs';
import { openPdf } from '@docmill/pdf';
import { documentMarkdown } from '@docmill/markdown';
import { assembleBlocks, layoutPage, type DocumentPageBlocks } from '../src/index.js';

const [file, range] = process.argv.slice(2);
const doc = await openPdf(new Uint8Array(readFileSync(file!)));
const [a, b] = (range ?? `1-${doc.pageCount}`).split('-').map(Number);
const pages: DocumentPageBlocks[] = [];
for (let i = (a ?? 1) - 1; i < Math.min(b ?? doc.pageCount, doc.pageCount); i++) {
  const p = await doc.getPage(i);
  const { page } = await p.extractText();
  p.release();
  pages.push({ index: i, width: page.width, height: page.height, blocks: layoutPage(page) });
}
const assembled = assembleBlocks(pages);
console.log(documentMarkdown(assembled.map((p) => ({ index: p.index, blocks: p.blocks, continuesPrevious: p.continuesPrevious })), { pageAnchors: true }));
await doc.close();
