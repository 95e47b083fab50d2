/**
 * Smoke test of @docmill/pdf against the real corpus (../shared/corpus, not part
 * of `npm test`): opens every PDF, extracts every page, renders page 1 at 100 dpi.
 *
 *   node --import @docmill/core/loader bench/pdf-smoke.ts [name-filter] [--timeout-ms 20000]
 *
 * Each file runs in its own child process with a time limit (20 s unless
 * --timeout-ms says otherwise), so a hang or a
 * crash (out of memory, native abort) shows up as such instead of stopping the
 * run. Encrypted files listed in the corpus README are opened first without a
 * password (expecting DOCMILL_ERR_PDF_ENCRYPTED) and then with it.
 * The limit starts once the child has loaded pdf.js (under tsx that alone takes
 * seconds, and more on a busy machine); process start has its own 60 s limit.
 * Prints one line per file and writes bench/results/pdf-smoke.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDocmillError, toDocmillError } from '@docmill/core';
import { openPdf } from '@docmill/pdf';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '../../shared/corpus');
const args = process.argv.slice(2);
const timeoutAt = args.indexOf('--timeout-ms');
const TIMEOUT_MS = timeoutAt >= 0 ? Number(args.splice(timeoutAt, 2)[1]) : 20_000;
const STARTUP_MS = 60_000;
const READY = 'READY';

/** User passwords from the corpus README. */
const PASSWORDS: Record<string, string> = {
  'issue3371.pdf': 'ELXRTQWS',
  'issue6010_1.pdf': 'abc',
  // As the README gives it, before SASLprep (openPdf retries the prepared form).
  'saslprep-r6.pdf': 'S\u00aaSL\u00adprep',
  'libreoffice-writer-password.pdf': 'openpassword',
};

interface FileResult {
  file: string;
  ok: boolean;
  error?: string;
  encryptedWithoutPassword?: string;
  pages?: number;
  encrypted?: boolean;
  ms?: number;
  openMs?: number;
  flags?: Record<string, number>;
  pageErrors?: Record<string, number>;
  spans?: number;
  render?: string;
  maxRssMb?: number;
}

async function one(path: string): Promise<FileResult> {
  const file = basename(path);
  const data = new Uint8Array(readFileSync(path));
  const t0 = performance.now();
  const result: FileResult = { file, ok: false };
  let password: string | undefined;
  if (PASSWORDS[file]) {
    try {
      const doc = await openPdf(data);
      await doc.close();
      result.encryptedWithoutPassword = 'opened';
    } catch (e) {
      result.encryptedWithoutPassword = toDocmillError(e).code;
    }
    password = PASSWORDS[file];
  }
  try {
    const doc = await openPdf(data, password ? { password } : {});
    result.openMs = Math.round(performance.now() - t0);
    result.pages = doc.pageCount;
    result.encrypted = doc.encrypted;
    const flags: Record<string, number> = {};
    const pageErrors: Record<string, number> = {};
    let spans = 0;
    for (let i = 0; i < doc.pageCount; i++) {
      try {
        const page = await doc.getPage(i);
        try {
          const { page: text, verdict } = await page.extractText();
          spans += text.spans.length;
          const key = verdict.trustworthy ? 'ok' : verdict.flags.filter((f) => f !== 'needs_ocr').join('+');
          flags[key] = (flags[key] ?? 0) + 1;
          if (i === 0) {
            const img = await page.render({ dpi: 100 });
            result.render = `${img.width}x${img.height}`;
          }
        } finally {
          page.release();
        }
      } catch (e) {
        const code = toDocmillError(e).code;
        pageErrors[code] = (pageErrors[code] ?? 0) + 1;
        if (i === 0 && isDocmillError(e, 'PAGE_TOO_LARGE')) result.render = code;
      }
    }
    await doc.close();
    Object.assign(result, { ok: true, flags, spans, ...(Object.keys(pageErrors).length ? { pageErrors } : {}) });
  } catch (e) {
    result.error = toDocmillError(e).code;
  }
  result.ms = Math.round(performance.now() - t0);
  result.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return result;
}

function runChild(path: string): Promise<FileResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', '@docmill/core/loader', fileURLToPath(import.meta.url), '--one', path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let started = performance.now();
    let timedOut = false;
    const kill = () => {
      timedOut = true;
      child.kill('SIGKILL');
    };
    let timer = setTimeout(kill, STARTUP_MS);
    child.stdout.on('data', (d: Buffer) => {
      const before = out;
      out += d.toString();
      if (!before.includes(READY) && out.includes(READY)) {
        clearTimeout(timer);
        started = performance.now();
        timer = setTimeout(kill, TIMEOUT_MS);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as FileResult);
      } catch {
        const ms = Math.round(performance.now() - started);
        const what = timedOut ? 'TIMEOUT' : `CRASH(code ${code}, signal ${signal}): ${err.trim().split('\n').slice(-2).join(' | ')}`;
        resolve({ file: basename(path), ok: false, error: what, ms });
      }
    });
  });
}

if (args[0] === '--one') {
  // Load pdf.js before the clock starts (see the header).
  await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js's in-process ("fake") worker uses a preloaded worker module when there is one.
  const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // untyped: imported by name
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(workerModule);
  process.stdout.write(`${READY}\n`);
  process.stdout.write(`${JSON.stringify(await one(args[1]!))}\n`);
} else {
  const filter = args[0] ?? '';
  const files = ['pdfjs/pdf', 'pypdf/pdf'].flatMap((d) =>
    existsSync(join(corpus, d)) ? readdirSync(join(corpus, d)).filter((f) => f.endsWith('.pdf') && f.includes(filter)).sort().map((f) => join(corpus, d, f)) : [],
  );
  if (files.length === 0) {
    process.stderr.write(`no PDFs under ${corpus}\n`);
    process.exit(1);
  }
  const results: FileResult[] = [];
  for (const f of files) {
    const r = await runChild(f);
    results.push(r);
    const what = r.ok
      ? `${r.pages}p ${r.ms}ms (open ${r.openMs}) ${JSON.stringify(r.flags)}${r.pageErrors ? ` pageErrors ${JSON.stringify(r.pageErrors)}` : ''} render ${r.render ?? '-'}`
      : `ERROR ${r.error} ${r.ms}ms`;
    const enc = r.encryptedWithoutPassword ? ` [no password: ${r.encryptedWithoutPassword}]` : '';
    process.stdout.write(`${r.file.padEnd(42)} ${what}${enc}${r.maxRssMb ? ` rss ${r.maxRssMb}MB` : ''}\n`);
  }
  const ok = results.filter((r) => r.ok).length;
  const coded = results.filter((r) => !r.ok && r.error?.startsWith('DOCMILL_ERR_')).length;
  const other = results.length - ok - coded;
  process.stdout.write(`\n${results.length} files (limit ${TIMEOUT_MS} ms each): ${ok} opened, ${coded} coded errors, ${other} crashes/timeouts\n`);
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results/pdf-smoke.json'), JSON.stringify(results, null, 2));
}
