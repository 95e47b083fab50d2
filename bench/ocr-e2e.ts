/**
 * End-to-end OCR throughput: `docmill convert --ocr always` on born-digital PDFs
 * (every page rendered and OCRed, as a scanned PDF would be) against poppler's
 * `pdftoppm -r 200` followed by `tesseract`, on the same pages, in the same run.
 *
 *   node --import @docmill/core/loader bench/ocr-e2e.ts [--pdf a.pdf --pdf b.pdf]
 *
 * Three figures per engine: wall seconds per page as each is run on this machine
 * (docmill with its default page threads, one per core; tesseract single-threaded
 * with OMP_THREAD_LIMIT=1 as issue 3 asks, and also one process per core), and CPU
 * seconds per page (user + system, children included), the per-core cost. Start-up
 * (node, models, the first render) is included for docmill; process start-up is
 * included for tesseract. Needs poppler-utils and tesseract-ocr. Writes
 * bench/results/ocr-e2e.json.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '../../shared/corpus');
const given = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--pdf' ? [a] : []));
const pdfs = given.length ? given : [join(corpus, 'pdfjs/pdf/tracemonkey.pdf'), join(corpus, 'pypdf/pdf/pdflatex-4-pages.pdf')];
const cores = cpus().length;

/** Runs a shell command and returns its wall and CPU seconds (children included, via bash's `times`). */
function timed(script: string, env: NodeJS.ProcessEnv = {}): { wall: number; cpu: number } {
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', `${script} >/dev/null 2>&1; echo "@@"; times`], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  const child = (r.stdout.split('@@')[1] ?? '').trim().split('\n')[1] ?? '';
  const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return { wall, cpu: (secs[0] ?? 0) + (secs[1] ?? 0) };
}

const tmp = mkdtempSync(join(tmpdir(), 'docmill-ocr-e2e-'));
try {
  const inDir = join(tmp, 'in');
  mkdirSync(inDir);
  for (const p of pdfs) copyFileSync(p, join(inDir, basename(p)));
  const docmill = join(here, '../packages/cli/bin/docmill.js');
  const ours = timed(`node ${JSON.stringify(docmill)} convert ${JSON.stringify(inDir)} --ocr always -o ${JSON.stringify(join(tmp, 'out'))} -q -f`);

  const png = join(tmp, 'png');
  mkdirSync(png);
  const render = timed(readdirSync(inDir).map((f) => `pdftoppm -r 200 -png ${JSON.stringify(join(inDir, f))} ${JSON.stringify(join(png, f.replace(/\.pdf$/, '')))}`).join(' && '));
  const pages = readdirSync(png).filter((f) => f.endsWith('.png')).length;
  const tessOne = timed(`for f in ${JSON.stringify(png)}/*.png; do tesseract "$f" - ; done`, { OMP_THREAD_LIMIT: '1' });
  const tessPar = timed(`ls ${JSON.stringify(png)}/*.png | xargs -P ${cores} -I{} tesseract {} -`, { OMP_THREAD_LIMIT: '1' });
  const png2 = join(tmp, 'png2');
  mkdirSync(png2);
  const renderPar = timed(`ls ${JSON.stringify(inDir)}/*.pdf | xargs -P ${cores} -I{} sh -c 'pdftoppm -r 200 -png "{}" "${png2}/$(basename "{}" .pdf)"'`);

  const per = (x: number) => (x / pages).toFixed(2);
  const rows = [
    ['docmill convert --ocr always (one page thread per core)', ours.wall, ours.cpu],
    ['pdftoppm -r 200 + tesseract, 1 process (OMP_THREAD_LIMIT=1)', render.wall + tessOne.wall, render.cpu + tessOne.cpu],
    [`pdftoppm -r 200 + tesseract, ${cores} processes (OMP_THREAD_LIMIT=1)`, renderPar.wall + tessPar.wall, renderPar.cpu + tessPar.cpu],
  ] as const;
  const lines = [
    `OCR end to end: ${pages} pages from ${pdfs.map((p) => basename(p)).join(', ')}; ${cores} cores; docmill ${ours.wall.toFixed(1)} s wall`,
    `${'run'.padEnd(64)} ${'wall s/page'.padStart(12)} ${'CPU s/page'.padStart(11)}`,
    ...rows.map(([name, wall, cpu]) => `${name.padEnd(64)} ${per(wall).padStart(12)} ${per(cpu).padStart(11)}`),
    `(rendering alone: pdftoppm ${per(render.wall)} s/page; tesseract alone ${per(tessOne.wall)} s/page; rendering runs one process per PDF in the parallel row; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(
    join(here, 'results/ocr-e2e.json'),
    `${JSON.stringify({ date: new Date().toISOString(), cores, pages, pdfs: pdfs.map((p) => basename(p)), docmill: ours, pdftoppm: render, tesseractOneProcess: tessOne, tesseractParallel: tessPar }, null, 2)}\n`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
