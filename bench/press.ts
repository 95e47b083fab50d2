/**
 * Press archives: docmill against tesseract on newspaper and periodical scans with
 * ground truth (../shared/corpus/press, see its README).
 *
 *   node --import @docmill/core/loader bench/press.ts [--corpus DIR] [--ids a,b] [--all] [--out DIR] [--no-tesseract] [--batch]
 *
 * For each page (default: the first 19 of provenance.jsonl, the development set of
 * issue 11; --all for every page), in the same run and one page at a time:
 * - `docmill convert pdf/<id>.pdf --lang <lang> -o OUT/docmill` (the page's language from
 *   provenance.jsonl: `deu` for the German pages, whose tesseract language is deu+Fraktur;
 *   docmill picks Antiqua or Fraktur itself), timed wall-clock, node start-up included;
 * - `tesseract img/<id>.<ext> - -l <tess_lang>` with OMP_THREAD_LIMIT=1, as the corpus
 *   baseline was made (the image, not the PDF), timed the same way.
 * CPU seconds (user + system, children included) are measured beside wall seconds: on a
 * loaded machine they say more than the wall clock.
 * With --batch, the pages are converted once more as an archive would: one `docmill convert <folder>`
 * per language over a folder of the pages' PDFs (node start-up and model loading paid once per run,
 * files sharing the thread pool), timed the same way, beside tesseract's per-page sums.
 * Then `python3 score.py OUT/<tool> --json` (with --md for docmill's Markdown) and a table of
 * CER, WER, bag-of-words F1, order_fuzzy and s/page per source and overall, and per page.
 * Results go to bench/results/press.json (not committed).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpus = resolve(value('--corpus') ?? join(here, '../../shared/corpus/press'));
const outDir = resolve(value('--out') ?? join(here, 'results/press'));
const docmill = join(here, '../packages/cli/bin/docmill.js');

interface Provenance { id: string; source: string; lang: string; tess_lang: string; pdf: { dest: string }; image: { dest: string } }
const all: Provenance[] = readFileSync(join(corpus, 'provenance.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Provenance);
const wanted = value('--ids')?.split(',');
const pages = wanted ? all.filter((p) => wanted.includes(p.id)) : flag('--all') ? all : all.slice(0, 19);
if (!pages.length) throw new Error('no pages selected');

rmSync(outDir, { recursive: true, force: true });
const tools = flag('--no-tesseract') ? (['docmill'] as const) : (['docmill', 'tesseract'] as const);
for (const t of tools) mkdirSync(join(outDir, t), { recursive: true });
const timing: Record<string, Record<string, number>> = { docmill: {}, tesseract: {} };
const cpuTime: Record<string, Record<string, number>> = { docmill: {}, tesseract: {} };
const loads: number[] = [];

/**
 * Runs a command through bash, its stdout to `out` (or kept), and measures wall seconds and
 * the CPU seconds (user + system) of it and its children (bash's `times`).
 */
function timed(cmd: string, argv: string[], env: NodeJS.ProcessEnv = {}, out?: string): { seconds: number; cpu: number; stdout: string } {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = `${[cmd, ...argv].map(q).join(' ')} ${out ? `> ${q(out)}` : '> /dev/stderr'} 2>/dev/null || exit 99; echo @@; times`;
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', script], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status})`);
  const children = r.stdout.split('@@')[1]!.trim().split('\n')[1] ?? '';
  const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
  return { seconds, cpu, stdout: r.stdout };
}

/** Runs a command and returns its stdout (the scorer). */
function output(cmd: string, argv: string[]): string {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

for (const p of pages) {
  loads.push(loadavg()[0]!);
  const d = timed('node', [docmill, 'convert', join(corpus, p.pdf.dest), '--lang', p.lang, '-o', join(outDir, 'docmill'), '-q', '-f', '--page-timeout', '3600000'], {}, '/dev/null');
  timing.docmill![p.id] = round(d.seconds, 2);
  cpuTime.docmill![p.id] = round(d.cpu, 2);
  let line = `${p.id.padEnd(20)} docmill ${d.seconds.toFixed(1).padStart(6)} s (cpu ${d.cpu.toFixed(1)})`;
  if (tools.length > 1) {
    const t = timed('tesseract', [join(corpus, p.image.dest), '-', '-l', p.tess_lang], { OMP_THREAD_LIMIT: '1' }, join(outDir, 'tesseract', `${p.id}.txt`));
    timing.tesseract![p.id] = round(t.seconds, 2);
    cpuTime.tesseract![p.id] = round(t.cpu, 2);
    line += `   tesseract ${t.seconds.toFixed(1).padStart(6)} s (cpu ${t.cpu.toFixed(1)})`;
  }
  console.error(`${line}   load ${loadavg()[0]!.toFixed(1)}`);
}

let batch: { seconds: number; cpu: number } | undefined;
if (flag('--batch')) {
  batch = { seconds: 0, cpu: 0 };
  for (const lang of new Set(pages.map((p) => p.lang))) {
    const folder = join(outDir, 'batch-input', lang);
    mkdirSync(folder, { recursive: true });
    for (const p of pages.filter((x) => x.lang === lang)) symlinkSync(join(corpus, p.pdf.dest), join(folder, `${p.id}.pdf`));
    const b = timed('node', [docmill, 'convert', folder, '--lang', lang, '-o', join(outDir, 'docmill-batch'), '-q', '-f', '--page-timeout', '3600000'], {}, '/dev/null');
    batch.seconds += b.seconds;
    batch.cpu += b.cpu;
  }
}

interface Scores { cer: number; wer: number; bag_f1: number; order_fuzzy: number | null; seconds: number | null; pages?: number }
interface ScoreJson { mean: Scores; by_source: Record<string, Scores>; pages: Array<Scores & { id: string; source: string }> }
const scores: Record<string, ScoreJson> = {};
for (const t of tools) {
  writeFileSync(join(outDir, t, '_timing.json'), JSON.stringify(timing[t], null, 1));
  const argv = [join(corpus, 'score.py'), join(outDir, t), '--json', '--ids', pages.map((p) => p.id).join(','), ...(t === 'docmill' ? ['--md'] : [])];
  scores[t] = JSON.parse(output('python3', argv)) as ScoreJson;
}

const fmt = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? '–' : x.toFixed(d));
const cpuMean = (t: string, ids: string[]) => ids.reduce((s, id) => s + (cpuTime[t]![id] ?? 0), 0) / ids.length;
const row = (t: string, s: Scores | undefined, ids: string[]) => `${fmt(s?.cer)} | ${fmt(s?.wer)} | ${fmt(s?.bag_f1)} | ${fmt(s?.order_fuzzy, 2)} | ${fmt(s?.seconds, 1)} | ${fmt(cpuMean(t, ids), 1)}`;
const sources = [...new Set(pages.map((p) => p.source))];
const meanLoad = loads.reduce((a, b) => a + b, 0) / loads.length;
console.log(`\nPress pages (${pages.length}), load average ${meanLoad.toFixed(1)} (1-min, mean over pages), ${new Date().toISOString().slice(0, 16)}Z`);
console.log('\n| source (pages) | tool | CER | WER | bag-F1 | order_fuzzy | s/page | CPU s/page |');
console.log('|---|---|---|---|---|---|---|---|');
for (const src of [...sources, 'all']) {
  for (const t of tools) {
    const s = src === 'all' ? scores[t]!.mean : scores[t]!.by_source[src];
    const ids = pages.filter((p) => src === 'all' || p.source === src).map((p) => p.id);
    console.log(`| ${src} (${ids.length}) | ${t} | ${row(t, s, ids)} |`);
  }
}
if (batch) {
  const sum = (t: Record<string, number>) => pages.reduce((a, p) => a + (t[p.id] ?? 0), 0) / pages.length;
  const b = JSON.parse(output('python3', [join(corpus, 'score.py'), join(outDir, 'docmill-batch'), '--json', '--md', '--ids', pages.map((p) => p.id).join(',')])) as ScoreJson;
  console.log(`\nOne docmill run per language over the folder (${pages.length} pages): ${(batch.seconds / pages.length).toFixed(1)} s/page (CPU ${(batch.cpu / pages.length).toFixed(1)}), CER ${fmt(b.mean.cer)}; one docmill run per page ${sum(timing.docmill!).toFixed(1)} s/page (CPU ${sum(cpuTime.docmill!).toFixed(1)})${tools.length > 1 ? `; tesseract per page ${sum(timing.tesseract!).toFixed(1)} s/page (CPU ${sum(cpuTime.tesseract!).toFixed(1)})` : ''}`);
}
console.log('\nper page (CER / bag-F1 / order_fuzzy / s / CPU s), docmill vs tesseract:');
for (const p of pages) {
  const cell = (t: string) => {
    const s = scores[t]?.pages.find((x) => x.id === p.id);
    return s ? `${fmt(s.cer)} / ${fmt(s.bag_f1)} / ${fmt(s.order_fuzzy, 2)} / ${fmt(s.seconds, 1)} / ${fmt(cpuTime[t]![p.id], 1)}` : '–';
  };
  console.log(`${p.id.padEnd(20)} ${cell('docmill').padEnd(40)} ${tools.length > 1 ? cell('tesseract') : ''}`);
}
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results/press.json'), JSON.stringify({ date: new Date().toISOString(), load: meanLoad, pages: pages.map((p) => p.id), scores, timing, cpu: cpuTime, ...(batch ? { batch } : {}) }, null, 1));

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
