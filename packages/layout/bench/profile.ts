// Tuning aid: prints a page's figures/rules and the x-coverage profile of its spans (letter-width pages).
// Usage: node --import @docmill/core/loader packages/layout/bench/profile.ts file.pdf page
import { readFileSync } from 'node:fs';
import { openPdf } from '@docmill/pdf';
const [file, pg] = process.argv.slice(2);
const doc = await openPdf(new Uint8Array(readFileSync(file!)));
const p = await doc.getPage(Number(pg) - 1);
const { page } = await p.extractText();
console.log('size', page.width, page.height, 'figures', JSON.stringify(page.figures), 'rules', page.rules?.length);
const W = 612; const cover = new Array(W).fill(0);
for (const s of page.spans) { if (!s.text.trim()) continue; for (let x = Math.floor(s.bbox[0]); x < Math.ceil(s.bbox[2]) && x < W; x++) cover[x] += s.bbox[3]-s.bbox[1]; }
console.log(cover.map((c, i) => i % 6 === 0 ? `${i}:${Math.round(c)}` : '').filter(Boolean).join(' '));
for (const s of page.spans) if (s.bbox[0] < 310 && s.bbox[2] > 300) console.log('CROSS', JSON.stringify(s.text), s.bbox.map(Math.round));
