// Where the time goes on born-digital pages, stage by stage, in one thread (no pool):
//   [DOCMILL_CORPUS=../shared/corpus] node --import @docmill/core/loader bench/profile-text.ts [files...]
// Default files: the born-digital ("text") PDFs of ../shared/corpus. Pass 1 times pdf.js's raw calls on
// fresh page objects (getTextContent, getOperatorList, getAnnotations); pass 2 runs docmill's own page path
// (extractText = those calls + our scans, then layout) and the structured clone a page draft costs between
// threads; then assembly, Markdown and JSON for the document. Figures are reported, not asserted.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPdf } from '@docmill/pdf';
import { layoutPage } from '@docmill/layout';
import { assembleDocument } from '@docmill/pipeline';
import type { PageDraft } from '@docmill/core';
import { loadPdfJs } from '../packages/pdf/src/pdfjs.js';

const corpus = process.env.DOCMILL_CORPUS ?? resolve(import.meta.dirname, '../../shared/corpus');
let files = process.argv.slice(2);
if (!files.length) {
  files = readFileSync(join(corpus, 'README.md'), 'utf8').split('\n').map((l) => l.split('|').map((c) => c.trim()))
    .filter((c) => c.length >= 8 && c[1]?.endsWith('.pdf') && c[3] === 'text').map((c) => join(corpus, c[1]!));
}
const t: Record<string, number> = {};
const time = async <T>(k: string, f: () => Promise<T> | T): Promise<T> => {
  const s = performance.now();
  try { return await f(); } finally { t[k] = (t[k] ?? 0) + performance.now() - s; }
};
let pages = 0;
await loadPdfJs();
const cpu0 = process.cpuUsage();
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  // Raw pdf.js calls, on their own document so that nothing is cached from the pipeline pass.
  const pdfjs = await loadPdfJs();
  let d2;
  try { d2 = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0, useSystemFonts: false }).promise; } catch { continue; }
  for (let i = 1; i <= d2.numPages; i++) {
    const p = await d2.getPage(i);
    await time('pdf.js getTextContent', () => p.getTextContent().catch(() => undefined));
    await time('pdf.js getOperatorList', () => p.getOperatorList().catch(() => undefined));
    await time('pdf.js getAnnotations', () => p.getAnnotations().catch(() => undefined));
    p.cleanup();
  }
  await d2.destroy();
  // Pass 2: docmill's page path.
  let doc3;
  try { doc3 = await time('open (openPdf: pdf.js parses xref, page tree)', () => openPdf(bytes)); } catch { continue; }
  const drafts: PageDraft[] = [];
  for (let i = 0; i < doc3.pageCount; i++) {
    const page = await doc3.getPage(i);
    const { page: positioned, verdict } = await time('docmill extractText (pdf.js calls + operator scan + spans + verdict)', () => page.extractText());
    const blocks = await time('layout (layoutPage)', () => layoutPage(positioned));
    const draft: PageDraft = { index: i, dimensions: { width: page.width, height: page.height, dpi: 72 }, blocks, path: verdict.trustworthy ? 'text' : 'ocr', engine: 'local', flags: [], confidence: 1 };
    await time('thread hand-off (structuredClone of the draft)', () => structuredClone(draft));
    drafts.push(draft);
    page.release();
    pages++;
  }
  await doc3.close();
  const info = { sha256: '', mime: 'application/pdf', bytes: bytes.byteLength, pageCount: drafts.length, selected: drafts.map((d) => d.index) };
  const result = await time('assemble + Markdown (assembleDocument)', () => assembleDocument(info, drafts));
  await time('JSON (stringify pages)', () => result.pages.map((p) => JSON.stringify(p)).join(','));
}
const cpu = process.cpuUsage(cpu0);
console.log(`${files.length} files, ${pages} pages, one thread; CPU time ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (wall-clock stage times below are inflated by other load; CPU time less so)`);
console.log('| stage | ms total | ms/page |');
console.log('|---|---|---|');
for (const [k, v] of Object.entries(t)) console.log(`| ${k} | ${v.toFixed(0)} | ${(v / pages).toFixed(2)} |`);
