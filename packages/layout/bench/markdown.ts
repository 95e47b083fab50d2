// Tuning aid: layout + assembly + the markdown package's serializer on a real PDF (prints Markdown).
// Usage: node --import @docmill/core/loader packages/layout/bench/markdown.ts file.pdf [a-b]
import { documentMarkdown } from '@docmill/markdown';
import { assembleBlocks } from '../src/index.js';
import { layoutPdfPages } from './pages.js';

const [file, range] = process.argv.slice(2);
const pages = await layoutPdfPages(file!, range);
const assembled = assembleBlocks(pages);
console.log(documentMarkdown(assembled.map((p) => ({ index: p.index, blocks: p.blocks, continuesPrevious: p.continuesPrevious })), { pageAnchors: true }));
