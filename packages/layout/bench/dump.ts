// Tuning aid (not part of npm test): lays out real PDFs and prints the blocks in order.
// Usage: node --import @docmill/core/loader packages/layout/bench/dump.ts <file.pdf> [firstPage-lastPage] [--raw]
import { readFileSync } from 'node:fs';
import { openPdf } from '@docmill/pdf';
import { assembleBlocks, layoutPage, type DocumentPageBlocks } from '../src/index.js';

const [file, range, ...flags] = process.argv.slice(2);
if (!file) throw new Error('usage: dump.ts file.pdf [a-b]');
const doc = await openPdf(new Uint8Array(readFileSync(file)));
const [a, b] = (range ?? `1-${doc.pageCount}`).split('-').map(Number);
const pages: DocumentPageBlocks[] = [];
let ms = 0;
for (let i = (a ?? 1) - 1; i < Math.min(b ?? doc.pageCount, doc.pageCount); i++) {
  const p = await doc.getPage(i);
  const { page } = await p.extractText();
  p.release();
  if (flags.includes('--raw')) for (const s of page.spans) console.log(JSON.stringify(s));
  const t0 = performance.now();
  const blocks = layoutPage(page);
  ms += performance.now() - t0;
  pages.push({ index: i, width: page.width, height: page.height, blocks });
}
const t0 = performance.now();
const assembled = assembleBlocks(pages);
ms += performance.now() - t0;
for (const p of assembled) {
  console.log(`=== page ${p.index + 1}${p.continuesPrevious ? ' (continues)' : ''} removed: ${JSON.stringify(p.removed)}`);
  for (const bl of p.blocks) {
    const tag = bl.type === 'heading' ? `H${bl.level}` : bl.type === 'list-item' ? `LI${bl.depth}${bl.marker}` : bl.type;
    const t = bl.type === 'table' ? `[${bl.rows?.length}x${bl.rows?.[0]?.length}] ${bl.rows?.[0]?.join(' | ')}` : bl.text;
    console.log(`${tag.padEnd(10)} c${bl.column ?? '-'} ${(bl.fontSize ?? 0).toFixed(1)}${bl.bold ? 'b' : ' '}${bl.open ? 'o' : ' '} ${t.slice(0, 110).replace(/\n/g, ' / ')}`);
  }
}
console.error(`layout+assemble: ${ms.toFixed(1)} ms for ${pages.length} pages`);
await doc.close();
