// Tuning aid (not part of npm test): every block of a real PDF's text-layer pages with its place, and
// which ones the document-wide pass moved to `removed`.
// Usage: node --import @docmill/core/loader packages/layout/bench/furniture.ts file.pdf [firstPage-lastPage] [--all]
import { assembleBlocks } from '../src/index.js';
import { layoutPdfPages } from './pages.js';

const args = process.argv.slice(2);
const flags = args.filter((x) => x.startsWith('--'));
const [file, range] = args.filter((x) => !x.startsWith('--'));
if (!file) throw new Error('usage: furniture.ts file.pdf [a-b] [--all]');
const pages = await layoutPdfPages(file, range, true);
const assembled = assembleBlocks(pages);
pages.forEach((p, pi) => {
  const kept = new Set(assembled[pi]!.blocks.map((bl) => bl.bbox.join(',')));
  console.log(`=== page ${p.index + 1} (${p.width} x ${p.height})`);
  for (const bl of p.blocks) {
    if (bl.type === 'figure' && !flags.includes('--all')) continue;
    const cy = (bl.bbox[1] + bl.bbox[3]) / 2 / p.height;
    const mark = kept.has(bl.bbox.join(',')) ? ' ' : 'X';
    console.log(`${mark} ${bl.type.padEnd(9)} ${bl.bbox.map((v) => Math.round(v)).join(',').padEnd(16)} y=${cy.toFixed(3)} fs=${bl.fontSize ?? '-'} ${JSON.stringify(bl.text.slice(0, 90))}`);
  }
});
