// Memory of the document-wide pass of `docmill convert` (`StreamingAssembly`) on a long document,
// without the page threads: a real PDF's pages are transcribed once, then repeated to --pages pages
// and assembled as a conversion would (add every draft, then finish into a sink that drops what it gets).
//   node --expose-gc --import @docmill/core/loader bench/assembly-memory.ts
//     [--pdf ../shared/corpus/pdfjs/pdf/tracemonkey.pdf] [--pages 2016]
// Reports the heap held between add and finish, the live heap while pages are written (a full
// collection after the first page and every 500 pages), what is left after finish (the document's
// head and page outlines), and the CPU time of finish. Not part of `npm test`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PageDraft } from '@docmill/core';
import { FileRanges } from '@docmill/pdf';
import { StreamingAssembly, closeCachedSources, transcribePageLocal } from '@docmill/pipeline';

const { values } = parseArgs({ options: { pdf: { type: 'string', default: resolve(import.meta.dirname, '../../shared/corpus/pdfjs/pdf/tracemonkey.pdf') }, pages: { type: 'string', default: '2016' } } });
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc.');
const n = Number(values.pages);
const cacheDir = resolve(import.meta.dirname, '.cache');
const cached = join(cacheDir, `drafts-${basename(values.pdf!, '.pdf')}.json`);
if (!existsSync(cached)) {
  const input = new FileRanges(values.pdf!);
  const { openSource } = await import('@docmill/pipeline');
  const count = (await openSource(input)).pageCount;
  const drafts: PageDraft[] = [];
  for (let i = 0; i < count; i++) drafts.push(await transcribePageLocal(input, i, {}));
  await closeCachedSources();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, JSON.stringify(drafts));
}
const json = (JSON.parse(readFileSync(cached, 'utf8')) as PageDraft[]).map((d) => JSON.stringify(d));
const mb = (b: number): string => (b / 1e6).toFixed(1);

gc();
const h0 = process.memoryUsage().heapUsed;
const assembly = new StreamingAssembly();
for (let i = 0; i < n; i++) {
  const d = JSON.parse(json[i % json.length]!) as PageDraft;
  d.index = i;
  assembly.add(d);
}
gc();
const h1 = process.memoryUsage().heapUsed;
let peak = h1;
let written = 0;
const c0 = process.cpuUsage();
const info = { sha256: '0'.repeat(64), mime: 'application/pdf' as const, bytes: 0, pageCount: n, selected: [...Array(n).keys()] };
await assembly.finish(info, {}, {
  markdown: () => {},
  page: () => {
    if (++written % 500 === 1) {
      gc!();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  },
});
const cpu = process.cpuUsage(c0);
gc();
const h2 = process.memoryUsage().heapUsed;
console.log(`${n} pages (${json.length}-page ${basename(values.pdf!)} repeated): held between add and finish ${mb(h1 - h0)} MB (${((h1 - h0) / n / 1024).toFixed(2)} KB a page); live while writing up to ${mb(peak - h0)} MB; after finish ${mb(h2 - h0)} MB; finish ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; long texts read back ${assembly.textReads} times`);
