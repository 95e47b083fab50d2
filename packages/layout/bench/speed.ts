// Layout throughput (not part of npm test): extracts the pages once, then times layoutPage + assembleBlocks alone.
// Usage: node --import @docmill/core/loader packages/layout/bench/speed.ts <file.pdf>...
import { readFileSync } from 'node:fs';
import type { PositionedPage } from '@docmill/core';
import { openPdf } from '@docmill/pdf';
import { assembleBlocks, layoutPage } from '../src/index.js';

for (const file of process.argv.slice(2)) {
  const doc = await openPdf(new Uint8Array(readFileSync(file)));
  const pages: PositionedPage[] = [];
  for (let i = 0; i < doc.pageCount; i++) {
    const p = await doc.getPage(i);
    pages.push((await p.extractText()).page);
    p.release();
  }
  await doc.close();
  for (const p of pages) layoutPage(p); // warm up
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const laid = pages.map((p) => ({ index: p.index, width: p.width, height: p.height, blocks: layoutPage(p) }));
  assembleBlocks(laid);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const spans = pages.reduce((n, p) => n + p.spans.length, 0);
  console.log(`${file.split('/').pop()}: ${pages.length} pages, ${spans} spans, ${ms.toFixed(0)} ms, ${(ms / pages.length).toFixed(2)} ms/page, ${(pages.length / (ms / 1000)).toFixed(0)} pages/s wall; CPU ${(cpuMs / pages.length).toFixed(2)} ms/page`);
}
