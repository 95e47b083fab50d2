// Benchmark of `docmill convert` (embedded engine) against `pdftotext -layout`
// (poppler-utils) on the development corpus, in the same run:
//   node --import @docmill/core/loader bench/convert.ts [--corpus ../shared/corpus] [--big 2000] [--small 1000]
//     [--real ../shared/corpus/pdfjs/pdf/tracemonkey.pdf --real-pages 216,2016]
// Reports pages/s of both, their ratio, the ceiling pdf.js alone sets (bench/pdfjs-text-only.ts), docmill's peak RSS, what happened to each
// adversarial file (coded error, converted, crash, hang), the same on --small one-page PDFs, peak RSS on a generated
// long PDF (memory must stay flat in page count), and with --real peak RSS on a real PDF joined
// with itself (pdfunite, then qpdf to the exact page count) to each of --real-pages. Not part of `npm test`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: resolve(import.meta.dirname, '../../shared/corpus') }, big: { type: 'string', default: '2000' }, small: { type: 'string', default: '1000' }, real: { type: 'string' }, 'real-pages': { type: 'string', default: '216,2016' }, timeout: { type: 'string', default: '900' } } });
const root = resolve(import.meta.dirname, '..');
const corpus = values.corpus!;
const docmill = join(root, 'node_modules/.bin/docmill');

interface Row { file: string; pages: number | null; kind: string; special: string }
function readCorpusTable(): Row[] {
  const md = readFileSync(join(corpus, 'README.md'), 'utf8');
  const rows: Row[] = [];
  for (const line of md.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 8 || !cells[1]?.endsWith('.pdf')) continue;
    rows.push({ file: join(corpus, cells[1]!), pages: cells[2] === 'None' ? null : Number(cells[2]), kind: cells[3]!, special: cells[7] ?? '' });
  }
  return rows;
}

function run(cmd: string, args: string[], timeoutS: number): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; seconds: number; timedOut: boolean }> {
  return new Promise((res) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutS * 1000);
    child.on('close', (code, signal) => { clearTimeout(timer); res({ code, signal, stdout, stderr, seconds: (performance.now() - t0) / 1000, timedOut }); });
  });
}

async function pdftotextAll(files: string[], parallel: number): Promise<{ seconds: number; pages: number; failures: string[] }> {
  const t0 = performance.now();
  let pages = 0;
  const failures: string[] = [];
  const queue = [...files];
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (queue.length) {
      const f = queue.shift()!;
      const r = await run('pdftotext', ['-layout', f, '-'], 20);
      if (r.code !== 0 || r.timedOut) failures.push(`${f.split('/').pop()}: ${r.timedOut ? 'timeout 20s' : `exit ${r.code}`}`);
      else pages += (r.stdout.match(/\f/g) ?? []).length;
    }
  }));
  return { seconds: (performance.now() - t0) / 1000, pages, failures };
}

async function makeLongPdf(pages: number, path: string): Promise<void> {
  if (existsSync(path)) return;
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let i = 1; i <= pages; i++) {
    const p = doc.addPage([612, 792]);
    p.drawText(`Chapter ${i}`, { x: 72, y: 720, size: 16, font: bold });
    for (let l = 0; l < 40; l++) p.drawText(`Line ${l + 1} of page ${i}: the quick brown fox jumps over the lazy dog, again and again.`, { x: 72, y: 690 - l * 15, size: 10, font });
    p.drawText(`${i}`, { x: 300, y: 40, size: 9, font });
  }
  writeFileSync(path, await doc.save());
}

const rows = readCorpusTable();
const files = rows.map((r) => r.file);
const threads = availableParallelism();
console.log(`corpus: ${files.length} PDFs (${rows.filter((r) => r.kind === 'adversarial').length} adversarial), ${threads} cores`);

function linkDir(list: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'docmill-bench-in-'));
  for (const f of list) spawnSync('ln', ['-s', f, join(dir, f.split('/').pop()!)]);
  return dir;
}
type Summary = { converted: number; failed: number; pages: number; seconds: number; maxRssMb: number; documents: Array<{ input: string; status: string; pages?: number; error?: { code: string } }> };
async function docmillRun(list: string[], out: string, extra: string[] = []): Promise<{ summary?: Summary; raw: Awaited<ReturnType<typeof run>> }> {
  const raw = await run(docmill, ['convert', linkDir(list), '-o', out, '--json', '--force', '--quiet', ...extra], Number(values.timeout));
  try { return { summary: JSON.parse(raw.stdout) as Summary, raw }; } catch { return { raw }; }
}

// 1. Speed on the born-digital files (kind "text"): docmill vs pdftotext, same files, same run.
const textFiles = rows.filter((r) => r.kind === 'text').map((r) => r.file);
const outText = mkdtempSync(join(tmpdir(), 'docmill-bench-'));
// Note: with --ocr never docmill does what pdftotext does (text layer only, plus layout and Markdown);
// the default (--ocr auto) also OCRs pages whose text layer is garbage, which pdftotext cannot.
const d = await docmillRun(textFiles, outText, ['--ocr', 'never']);
const p = await pdftotextAll(textFiles, threads);
// The ceiling pdf.js sets: pdf.js alone (text content; then text content and operator list) on as many threads.
const ceiling = async (extra: string[]) => {
  const r = await run(process.execPath, ['--import', '@docmill/core/loader', join(root, 'bench/pdfjs-text-only.ts'), '--threads', String(threads), ...extra, ...textFiles], Number(values.timeout));
  try { return JSON.parse(r.stdout) as { pages: number; seconds: number; cpuSeconds: number }; } catch { return undefined; }
};
const textOnly = await ceiling([]);
const textOps = await ceiling(['--ops']);
const auto = await docmillRun(textFiles, mkdtempSync(join(tmpdir(), 'docmill-bench-')));
const summary = d.summary;
console.log(`\nborn-digital files (${textFiles.length}):`);
console.log('| tool | pages | seconds | pages/s | peak RSS |');
console.log('|---|---|---|---|---|');
if (summary) console.log(`| docmill convert --ocr never (${threads} threads) | ${summary.pages} | ${summary.seconds.toFixed(1)} | ${(summary.pages / summary.seconds).toFixed(1)} | ${summary.maxRssMb} MB |`);
if (auto.summary) console.log(`| docmill convert --ocr auto (${threads} threads; OCRs garbage text layers) | ${auto.summary.pages} | ${auto.summary.seconds.toFixed(1)} | ${(auto.summary.pages / auto.summary.seconds).toFixed(1)} | ${auto.summary.maxRssMb} MB |`);
for (const [label, c] of [['pdf.js getTextContent alone', textOnly], ['pdf.js getTextContent + getOperatorList alone', textOps]] as const) {
  if (c) console.log(`| ${label} (${threads} threads, no docmill code) | ${c.pages} | ${c.seconds.toFixed(1)} | ${(c.pages / c.seconds).toFixed(1)} | – |`);
}
console.log(`| pdftotext -layout (${threads} processes) | ${p.pages} | ${p.seconds.toFixed(1)} | ${(p.pages / p.seconds).toFixed(1)} | – |`);
const ratio = (pages: number, seconds: number) => ((pages / seconds) / (p.pages / p.seconds)).toFixed(2);
if (summary) console.log(`ratio docmill/pdftotext pages/s: ${ratio(summary.pages, summary.seconds)}`);
if (textOnly && textOps) console.log(`ceiling set by pdf.js, ratio to pdftotext: text content alone ${ratio(textOnly.pages, textOnly.seconds)}, with the operator list ${ratio(textOps.pages, textOps.seconds)}`);
else console.log(`docmill crashed or hung: exit ${d.raw.code} signal ${d.raw.signal} timedOut ${d.raw.timedOut}\n${d.raw.stderr.slice(-2000)}`);
if (summary?.failed) console.log(`docmill failures: ${summary.documents.filter((x) => x.status === 'failed').map((x) => `${x.input.split('/').pop()} ${x.error?.code}`).join('; ')}`);
if (p.failures.length) console.log(`pdftotext failures: ${p.failures.join('; ')}`);

// 2. The adversarial files: each must end in a coded error or a converted result with flagged pages; never a crash or hang.
const adversarial = rows.filter((r) => r.kind === 'adversarial');
const outAdv = mkdtempSync(join(tmpdir(), 'docmill-bench-'));
const a = await docmillRun(adversarial.map((r) => r.file), outAdv);
const pa = await pdftotextAll(adversarial.map((r) => r.file), threads);
const outcome = { coded: 0, converted: 0, crash: 0 };
console.log(`\nadversarial files (${adversarial.length}; docmill ${a.summary ? `finished in ${a.summary.seconds.toFixed(1)} s, peak RSS ${a.summary.maxRssMb} MB` : `did not finish: exit ${a.raw.code} signal ${a.raw.signal} timedOut ${a.raw.timedOut}`}):`);
for (const r of adversarial) {
  const name = r.file.split('/').pop()!;
  const jsonPath = join(outAdv, name.replace(/\.pdf$/, '.json'));
  let what: string;
  if (!existsSync(jsonPath)) { what = 'CRASH/HANG (no result)'; outcome.crash++; }
  else {
    const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as { error?: { code: string }; pages: Array<{ flags: string[]; error?: { code: string } }> };
    if (json.error) { what = `coded error ${json.error.code}`; outcome.coded++; }
    else {
      const flags = [...new Set(json.pages.flatMap((pg) => pg.flags))].join(',');
      const errs = [...new Set(json.pages.flatMap((pg) => (pg.error ? [pg.error.code] : [])))].join(',');
      what = `converted ${json.pages.length} pages${flags ? ` [${flags}]` : ''}${errs ? ` page errors: ${errs}` : ''}`;
      outcome.converted++;
    }
  }
  const ptt = pa.failures.find((f) => f.startsWith(`${name}:`));
  console.log(`- ${name}: ${what}${ptt ? ` (pdftotext: ${ptt.split(': ')[1]})` : ''}`);
}
console.log(`adversarial: ${outcome.coded} coded errors, ${outcome.converted} converted (pages flagged where needed), ${outcome.crash} crashes or hangs`);

// 3. Many small files: the born-digital files' pages, one PDF each (qpdf --split-pages), repeated to --small files.
const smallCount = Number(values.small);
if (smallCount > 0) {
  const pagesDir = join(root, 'bench/.cache/split');
  mkdirSync(pagesDir, { recursive: true });
  if (!readdirSync(pagesDir).length) {
    for (const f of textFiles) spawnSync('qpdf', ['--split-pages', f, join(pagesDir, `${f.split('/').pop()!.replace(/\.pdf$/, '')}-%d.pdf`)]);
  }
  const pagesSplit = readdirSync(pagesDir).filter((f) => f.endsWith('.pdf')).sort();
  const smallDir = mkdtempSync(join(tmpdir(), 'docmill-bench-small-'));
  const smallFiles: string[] = [];
  for (let i = 0; i < smallCount && pagesSplit.length; i++) {
    const to = join(smallDir, `${String(i).padStart(5, '0')}-${pagesSplit[i % pagesSplit.length]}`);
    spawnSync('ln', ['-s', join(pagesDir, pagesSplit[i % pagesSplit.length]!), to]);
    smallFiles.push(to);
  }
  const ds = await run(docmill, ['convert', smallDir, '-o', mkdtempSync(join(tmpdir(), 'docmill-bench-')), '--json', '--force', '--quiet', '--ocr', 'never'], Number(values.timeout));
  const ps = await pdftotextAll(smallFiles, threads);
  let s: Summary | undefined;
  try { s = JSON.parse(ds.stdout) as Summary; } catch { /* reported below */ }
  console.log(`\nmany small files (${smallFiles.length} one-page PDFs from ${pagesSplit.length} distinct pages):`);
  if (s) console.log(`docmill --ocr never: ${s.pages} pages in ${s.seconds.toFixed(1)} s, ${(s.pages / s.seconds).toFixed(1)} pages/s, peak RSS ${s.maxRssMb} MB, ${s.failed} failed; pdftotext -layout (${threads} processes): ${ps.pages} pages in ${ps.seconds.toFixed(1)} s, ${(ps.pages / ps.seconds).toFixed(1)} pages/s; ratio ${((s.pages / s.seconds) / (ps.pages / ps.seconds)).toFixed(2)}`);
  else console.log(`docmill did not finish: exit ${ds.code} signal ${ds.signal} timedOut ${ds.timedOut}\n${ds.stderr.slice(-2000)}`);
}

const bigPages = Number(values.big);
if (bigPages > 0) {
  mkdirSync(join(root, 'bench/.cache'), { recursive: true });
  const big = join(root, `bench/.cache/long-${bigPages}.pdf`);
  await makeLongPdf(bigPages, big);
  const small = join(root, 'bench/.cache/long-100.pdf');
  await makeLongPdf(100, small);
  for (const f of [small, big]) {
    const r = await run(docmill, ['convert', f, '-o', join(outText, 'long'), '--json', '--force', '--quiet'], Number(values.timeout));
    const s = JSON.parse(r.stdout) as { pages: number; seconds: number; maxRssMb: number };
    const t = await run('pdftotext', ['-layout', f, '/dev/null'], Number(values.timeout));
    console.log(`long PDF ${s.pages} pages: docmill ${s.seconds.toFixed(1)} s, ${(s.pages / s.seconds).toFixed(1)} pages/s, peak RSS ${s.maxRssMb} MB; pdftotext ${t.seconds.toFixed(1)} s, ${(s.pages / t.seconds).toFixed(1)} pages/s (one process)`);
  }
}

if (values.real) {
  const src = resolve(values.real);
  const per = Number(/^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [src], { encoding: 'utf8' }).stdout)?.[1]);
  mkdirSync(join(root, 'bench/.cache'), { recursive: true });
  const rss: number[] = [];
  for (const n of values['real-pages'].split(',').map(Number)) {
    const out = join(root, `bench/.cache/real-${src.split('/').pop()!.replace(/\.pdf$/, '')}-${n}.pdf`);
    if (!existsSync(out)) {
      const joined = `${out}.joined.pdf`;
      spawnSync('pdfunite', [...Array.from({ length: Math.ceil(n / per) }, () => src), joined]);
      spawnSync('qpdf', ['--empty', '--pages', joined, `1-${n}`, '--', out]);
      spawnSync('rm', ['-f', joined]);
    }
    const r = await run(docmill, ['convert', out, '-o', join(outText, 'real'), '--json', '--force', '--quiet'], Number(values.timeout));
    const s = JSON.parse(r.stdout) as { pages: number; seconds: number; maxRssMb: number };
    const t = await run('pdftotext', ['-layout', out, '/dev/null'], Number(values.timeout));
    rss.push(s.maxRssMb);
    console.log(`real ${src.split('/').pop()} x${Math.ceil(n / per)} = ${s.pages} pages: docmill ${s.seconds.toFixed(1)} s, ${(s.pages / s.seconds).toFixed(1)} pages/s, peak RSS ${s.maxRssMb} MB; pdftotext ${t.seconds.toFixed(1)} s (one process)`);
  }
  if (rss.length > 1) console.log(`peak RSS, largest over smallest: ${(rss.at(-1)! / rss[0]!).toFixed(2)}x`);
}
