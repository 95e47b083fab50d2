// The ceiling pdf.js sets on the born-digital path: pdf.js alone, with nothing of docmill's, reading
// the text content of every page of the given files on N threads (whole documents per thread, so no
// document is parsed twice), with the options docmill opens documents with:
//   node --import @docmill/core/loader bench/pdfjs-text-only.ts [--threads N] [--ops] files...
// --ops adds getOperatorList per page (what docmill also needs: rules, figures, invisible text, font styles).
// Prints one JSON line: { pages, seconds, cpuSeconds } — seconds from this process's start (node start-up
// and pdf.js loading included, as they are in `docmill convert` and in pdftotext's per-file processes).
// bench/convert.ts runs it in the same run as docmill and pdftotext. Not part of `npm test`.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { loadPdfJs, PDFJS_ASSETS } from '../packages/pdf/src/pdfjs.js';

interface Job { file: string }
interface Done { pages: number }

if (isMainThread) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { threads: { type: 'string' }, ops: { type: 'boolean', default: false } } });
  const threads = Number(values.threads ?? availableParallelism());
  const queue = [...positionals];
  let pages = 0;
  await Promise.all(Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { ops: values.ops }, execArgv: ['--import', '@docmill/core/loader'] });
    const next = () => {
      const file = queue.shift();
      if (file) w.postMessage({ file } satisfies Job);
      else void w.terminate().then(() => resolve());
    };
    w.on('message', (m: Done) => { pages += m.pages; next(); });
    w.on('error', reject);
    w.once('online', next);
  })));
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ pages, seconds: performance.now() / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
} else {
  const pdfjs = await loadPdfJs();
  parentPort!.on('message', async ({ file }: Job) => {
    let pages = 0;
    try {
      const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false, verbosity: 0, useSystemFonts: false, ...PDFJS_ASSETS }).promise;
      for (let i = 1; i <= doc.numPages; i++) {
        const page = await doc.getPage(i);
        await page.getTextContent().catch(() => undefined);
        if (workerData.ops) await page.getOperatorList().catch(() => undefined);
        page.cleanup();
        pages++;
      }
      await doc.destroy();
    } catch {
      // Note: a file pdf.js cannot open counts no pages (docmill would report a coded error).
    }
    parentPort!.postMessage({ pages } satisfies Done);
  });
}
