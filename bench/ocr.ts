/**
 * OCR benchmark: docmill's embedded OCR (@docmill/ocr) against tesseract on the
 * same images, in the same run.
 *
 *   node --import @docmill/core/loader bench/ocr.ts [--dpi 200] [--threads 1] [--det 1280]
 *
 * (a) born-digital PDF pages from ../shared/corpus rendered at 200 dpi with
 *     pdf.js + @napi-rs/canvas; the reference is the page's text layer.
 * (b) the real scans in ../shared/corpus/scans/img with their ground truth.
 *
 * CER = edit distance / reference length after folding whitespace. Neither
 * engine's raw output order is the reference's reading order on multi-column
 * pages (docmill's OCR leaves column analysis to the layout stage), so the main
 * figure takes, for each engine and page, the lower of its "raw CER" (its own
 * line order) and its "ordered CER" (each hypothesis line placed where it aligns
 * best in the reference text, an approximate substring match, then compared);
 * the same rule for both engines. Seconds per page: ours is decode + det + cls
 * + rec in this process (models loaded once, not counted); tesseract's is
 * `OMP_THREAD_LIMIT=1 tesseract img.png -` (its process start and model load
 * included, as a user would run it). Both wall time and CPU time (user + system)
 * are recorded: on a shared machine CPU time is the steadier comparison.
 * Rendering is timed separately and is the same for both. Writes
 * bench/results/ocr.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { OcrEngine, charErrorRate } from '@docmill/ocr';
import { PagePool, closeCachedSources, convertDocument } from '@docmill/pipeline';
import { parseMarkdown, textOf } from '@docmill/fixtures';
import type { Root, RootContent } from 'mdast';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '../../shared/corpus');
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const DPI = arg('dpi', 200);
const THREADS = arg('threads', 1);
const DET = arg('det', 1280);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const PDF_PAGES: Array<{ file: string; pages: number[] }> = [
  { file: 'pdfjs/pdf/tracemonkey.pdf', pages: [1, 2, 3] },
  { file: 'pypdf/pdf/pdflatex-4-pages.pdf', pages: [1, 2, 3, 4] },
  // Note: TAMReview page 2 on is set in a font without a usable ToUnicode map:
  // its text layer is glyph garbage, so it cannot serve as a reference.
  { file: 'pdfjs/pdf/TAMReview.pdf', pages: [1] },
];

interface Sample {
  name: string;
  kind: 'rendered' | 'scan';
  png: string;
  reference: string;
  renderSeconds: number;
}

/**
 * Where `pattern` fits best inside `text`: the end indices of the substrings of
 * `text` with the least edit distance to `pattern` (semi-global alignment:
 * free start and end in `text`).
 */
function bestEnd(pattern: string[], text: string[]): number[] {
  const n = text.length;
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let i = 1; i <= pattern.length; i++) {
    cur[0] = i;
    const c = pattern[i - 1];
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (c === text[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  let min = Infinity;
  for (let j = 1; j <= n; j++) if (prev[j]! < min) min = prev[j]!;
  const ends: number[] = [];
  for (let j = 1; j <= n; j++) if (prev[j] === min) ends.push(j);
  return ends;
}

/**
 * Puts hypothesis lines in the reference's reading order: each line goes where
 * it aligns best in the (whitespace-folded) reference text; among equally good
 * places the first after the previous line's; ties keep the hypothesis order. Line breaks in the reference do not matter.
 */
function orderLikeReference(ref: string, hyp: string): string {
  const text = Array.from(ref.replace(/\s+/g, ' ').trim());
  let cursor = 0;
  const placed = hyp
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((h, i) => {
      // Repeated text (boilerplate, lorem ipsum) fits in several places: take
      // the first one at or after the previous line's, else the first.
      const len = Array.from(h).length;
      const ends = bestEnd(Array.from(h), text);
      const end = ends.find((e) => e - len >= cursor - 2) ?? ends[0]!;
      cursor = end;
      return { h, at: end - len, i };
    });
  placed.sort((a, b) => a.at - b.at || a.i - b.i);
  return placed.map((p) => p.h).join('\n');
}

async function renderPdfPages(tmp: string): Promise<Sample[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const out: Sample[] = [];
  for (const { file, pages } of PDF_PAGES) {
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(readFileSync(join(corpus, file))),
      standardFontDataUrl: join(root, 'standard_fonts/'),
      cMapUrl: join(root, 'cmaps/'),
      cMapPacked: true,
      useSystemFonts: false,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
    for (const n of pages) {
      if (n > doc.numPages) continue;
      const page = await doc.getPage(n);
      const t0 = performance.now();
      const viewport = page.getViewport({ scale: DPI / 72 });
      const w = Math.round(viewport.width), h = Math.round(viewport.height);
      const canvas = createCanvas(w, h);
      const ctx = canvas.getContext('2d');
      type P = Parameters<typeof page.render>[0];
      await page.render({ canvas: canvas as unknown as P['canvas'], canvasContext: ctx as unknown as P['canvasContext'], viewport, background: 'rgb(255,255,255)' } as P).promise;
      const rgba = ctx.getImageData(0, 0, w, h).data;
      const png = join(tmp, `${basename(file, '.pdf')}-p${n}.png`);
      await sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), { raw: { width: w, height: h, channels: 4 } })
        .flatten({ background: '#ffffff' })
        .png({ compressionLevel: 1 })
        .toFile(png);
      const renderSeconds = (performance.now() - t0) / 1000;
      const tc = await page.getTextContent();
      let reference = '';
      for (const item of tc.items) {
        if (!('str' in item)) continue;
        reference += item.str + (item.hasEOL ? '\n' : '');
      }
      if (process.env.BENCH_KEEP) writeFileSync(png.replace(/\.png$/, '.txt'), reference);
      out.push({ name: `${basename(file)} p${n}`, kind: 'rendered', png, reference, renderSeconds });
    }
    await doc.destroy();
  }
  return out;
}

function scanSamples(): Sample[] {
  const dir = join(corpus, 'scans/img');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(tif|tiff|png|jpg)$/i.test(f))
    .sort()
    .map((f) => ({
      name: `scan ${f}`,
      kind: 'scan' as const,
      png: join(dir, f),
      reference: readFileSync(join(corpus, 'scans/gt', f.replace(/\.[^.]+$/, '.txt')), 'utf8'),
      renderSeconds: 0,
    }));
}

interface Row {
  name: string;
  kind: string;
  refChars: number;
  renderSeconds: number;
  ours: { cer: number; rawCer: number; seconds: number; cpuSeconds: number; lines: number; rotation: number; confidence: number };
  tesseract: { cer: number; rawCer: number; seconds: number; cpuSeconds: number } | null;
  /** Text as delivered: docmill's Markdown after layout, tesseract's text, both dehyphenated (see `delivered`). */
  delivered?: { ours: number; tesseract: number | null };
  tessText?: string;
}

/**
 * Plain text of docmill's Markdown: one line per block, list item or table row
 * (cells separated by spaces); the image comments and markup are dropped.
 */
function markdownText(md: string): string {
  const out: string[] = [];
  const walk = (n: RootContent | Root): void => {
    if (n.type === 'table') {
      for (const row of n.children) out.push(row.children.map((c) => textOf(c)).join(' '));
      return;
    }
    if (n.type === 'list') {
      for (const item of n.children) walk(item);
      return;
    }
    if (n.type === 'root' || n.type === 'listItem' || n.type === 'blockquote') {
      for (const c of n.children) walk(c);
      return;
    }
    if (n.type === 'html') return;
    out.push(textOf(n));
  };
  walk(parseMarkdown(md));
  return out.join('\n');
}

/** Joins words broken at line ends ("compa-\nnies" → "companies"): docmill's Markdown does, plain OCR text does not. */
const dehyphenate = (t: string) => t.replace(/(\p{Ll})-[ \t]*\n\s*(\p{Ll})/gu, '$1$2');

const keep = process.env.BENCH_KEEP;
const tmp = keep ? (mkdirSync(keep, { recursive: true }), keep) : mkdtempSync(join(tmpdir(), 'docmill-bench-ocr-'));
try {
  const samples = [...(await renderPdfPages(tmp)), ...scanSamples()].filter((s) => !ONLY || s.name.includes(ONLY));
  const tCreate = performance.now();
  const engine = await OcrEngine.create({ threads: THREADS, detLimitSide: DET });
  const createSeconds = (performance.now() - tCreate) / 1000;
  let haveTesseract = true;
  try {
    execFileSync('tesseract', ['--version'], { stdio: 'ignore' });
  } catch {
    haveTesseract = false;
    process.stderr.write('tesseract not found (apt-get install -y tesseract-ocr): its columns stay empty\n');
  }
  const rows: Row[] = [];
  for (const s of samples) {
    const bytes = readFileSync(s.png);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await engine.recognize(bytes, { orientation: true });
    const seconds = (performance.now() - t0) / 1000;
    const c1 = process.cpuUsage(c0);
    const cpuSeconds = (c1.user + c1.system) / 1e6;
    const hyp = r.lines.map((l) => l.text).join('\n');
    const conf = r.lines.length ? r.lines.reduce((a, l) => a + l.confidence, 0) / r.lines.length : 0;
    const ours = {
      cer: Math.min(charErrorRate(s.reference, hyp), charErrorRate(s.reference, orderLikeReference(s.reference, hyp))),
      rawCer: charErrorRate(s.reference, hyp),
      seconds,
      cpuSeconds,
      lines: r.lines.length,
      rotation: r.rotation,
      confidence: conf,
    };
    let tess: Row['tesseract'] = null;
    let tessText: string | undefined;
    if (haveTesseract) {
      const t1 = performance.now();
      // bash's `times` prints the CPU time of its children after the run.
      const out = execFileSync('bash', ['-c', 'tesseract "$1" - 2>/dev/null; echo "@@TIMES@@"; times', 'bash', s.png], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const tSeconds = (performance.now() - t1) / 1000;
      const [text = '', times = ''] = out.split('@@TIMES@@');
      const child = times.trim().split('\n')[1] ?? '';
      const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      const tCpu = (secs[0] ?? 0) + (secs[1] ?? 0);
      tessText = text;
      tess = { cer: Math.min(charErrorRate(s.reference, text), charErrorRate(s.reference, orderLikeReference(s.reference, text))), rawCer: charErrorRate(s.reference, text), seconds: tSeconds, cpuSeconds: tCpu };
    }
    rows.push({ name: s.name, kind: s.kind, refChars: s.reference.replace(/\s+/g, ' ').trim().length, renderSeconds: s.renderSeconds, ours, tesseract: tess, ...(tessText !== undefined ? { tessText } : {}) });
    if (process.env.BENCH_DUMP) {
      // Each engine's text in its own order and in the reference's order (what the CER was taken on), to diff by hand.
      const stem = join(process.env.BENCH_DUMP, s.name.replace(/\W+/g, '_'));
      writeFileSync(`${stem}.ours.txt`, `${hyp}\n`);
      writeFileSync(`${stem}.ours.ordered.txt`, `${orderLikeReference(s.reference, hyp)}\n`);
      if (tessText !== undefined) writeFileSync(`${stem}.tess.ordered.txt`, `${orderLikeReference(s.reference, tessText)}\n`);
      writeFileSync(`${stem}.ref.txt`, s.reference);
    }
  }
  // Orientation: the small scans turned by 90/180/270 must come back upright.
  const orientation: Array<{ name: string; turned: number; rotation: number; ok: boolean; cer: number }> = [];
  for (const s of samples.filter((x) => x.kind === 'scan' && /eurotext|phototest/.test(x.name))) {
    for (const turned of [90, 180, 270]) {
      const img = await sharp(readFileSync(s.png)).rotate(turned).png().toBuffer();
      const r = await engine.recognize(img, { orientation: true });
      const cer = charErrorRate(s.reference, r.lines.map((l) => l.text).join('\n'));
      orientation.push({ name: s.name, turned, rotation: r.rotation, ok: r.rotation === (360 - turned) % 360, cer });
    }
  }
  await engine.close();

  // What each tool delivers: docmill's Markdown (OCR, then the layout stage: columns,
  // paragraphs, hyphenation repaired) against tesseract's text, the reference and
  // both texts dehyphenated alike. Same rule as above: the lower of raw and reference-ordered CER.
  const pool = new PagePool({ size: 1 });
  try {
    for (const [k, s] of samples.entries()) {
      const row = rows[k]!;
      const doc = await convertDocument(new Uint8Array(readFileSync(s.png)), { pool });
      const ref = dehyphenate(s.reference);
      const score = (hyp: string) => Math.min(charErrorRate(ref, hyp), charErrorRate(ref, orderLikeReference(ref, hyp)));
      row.delivered = { ours: score(dehyphenate(markdownText(doc.markdown))), tesseract: row.tessText !== undefined ? score(dehyphenate(row.tessText)) : null };
      delete row.tessText;
    }
  } finally {
    await pool.close();
    await closeCachedSources();
  }

  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const pad = (v: string, n: number) => v.padStart(n);
  const lines = [
    `OCR benchmark: ${DPI} dpi renders, docmill threads=${THREADS}, detLimitSide=${DET}; tesseract with OMP_THREAD_LIMIT=1`,
    `${'page'.padEnd(34)} ${pad('chars', 6)} ${pad('ours CER', 9)} ${pad('(raw)', 7)} ${pad('tess CER', 9)} ${pad('(raw)', 7)} ${pad('ours s', 7)} ${pad('tess s', 7)} ${pad('ours cpu', 8)} ${pad('tess cpu', 8)} ${pad('render s', 8)} rot`,
  ];
  for (const r of rows) {
    lines.push(
      `${r.name.padEnd(34)} ${pad(String(r.refChars), 6)} ${pad(pct(r.ours.cer), 9)} ${pad(pct(r.ours.rawCer), 7)} ${pad(r.tesseract ? pct(r.tesseract.cer) : '-', 9)} ${pad(r.tesseract ? pct(r.tesseract.rawCer) : '-', 7)} ${pad(r.ours.seconds.toFixed(2), 7)} ${pad(r.tesseract ? r.tesseract.seconds.toFixed(2) : '-', 7)} ${pad(r.ours.cpuSeconds.toFixed(2), 8)} ${pad(r.tesseract ? r.tesseract.cpuSeconds.toFixed(2) : '-', 8)} ${pad(r.renderSeconds.toFixed(2), 8)} ${r.ours.rotation}`,
    );
  }
  const summary = (kind?: string) => {
    const sel = rows.filter((r) => !kind || r.kind === kind);
    const chars = sel.reduce((a, r) => a + r.refChars, 0) || 1;
    // Character-weighted CER (pages with more text weigh more), mean seconds per page.
    const wcer = (f: (r: Row) => number | undefined) => sel.reduce((a, r) => a + (f(r) ?? 0) * r.refChars, 0) / chars;
    const mean = (f: (r: Row) => number | undefined) => sel.reduce((a, r) => a + (f(r) ?? 0), 0) / (sel.length || 1);
    return {
      pages: sel.length,
      ours: { cer: wcer((r) => r.ours.cer), rawCer: wcer((r) => r.ours.rawCer), secondsPerPage: mean((r) => r.ours.seconds), cpuSecondsPerPage: mean((r) => r.ours.cpuSeconds) },
      tesseract: haveTesseract
        ? { cer: wcer((r) => r.tesseract?.cer), rawCer: wcer((r) => r.tesseract?.rawCer), secondsPerPage: mean((r) => r.tesseract?.seconds), cpuSecondsPerPage: mean((r) => r.tesseract?.cpuSeconds) }
        : null,
      renderSecondsPerPage: mean((r) => r.renderSeconds),
    };
  };
  const all = { rendered: summary('rendered'), scan: summary('scan'), all: summary() };
  for (const [k, v] of Object.entries(all)) {
    lines.push(
      `${`TOTAL ${k} (${v.pages} pages)`.padEnd(34)} ${pad('', 6)} ${pad(pct(v.ours.cer), 9)} ${pad(pct(v.ours.rawCer), 7)} ${pad(v.tesseract ? pct(v.tesseract.cer) : '-', 9)} ${pad(v.tesseract ? pct(v.tesseract.rawCer) : '-', 7)} ${pad(v.ours.secondsPerPage.toFixed(2), 7)} ${pad(v.tesseract ? v.tesseract.secondsPerPage.toFixed(2) : '-', 7)} ${pad(v.ours.cpuSecondsPerPage.toFixed(2), 8)} ${pad(v.tesseract ? v.tesseract.cpuSecondsPerPage.toFixed(2) : '-', 8)} ${pad(v.renderSecondsPerPage.toFixed(2), 8)}`,
    );
  }
  lines.push('', `delivered text (docmill Markdown after layout vs tesseract's text; both and the reference dehyphenated)`, `${'page'.padEnd(34)} ${pad('docmill', 9)} ${pad('tesseract', 9)}`);
  for (const r of rows) lines.push(`${r.name.padEnd(34)} ${pad(r.delivered ? pct(r.delivered.ours) : '-', 9)} ${pad(r.delivered?.tesseract != null ? pct(r.delivered.tesseract) : '-', 9)}`);
  const deliveredTotal = (kind?: string) => {
    const sel = rows.filter((r) => (!kind || r.kind === kind) && r.delivered);
    const chars = sel.reduce((a, r) => a + r.refChars, 0) || 1;
    const w = (f: (r: Row) => number | null | undefined) => sel.reduce((a, r) => a + (f(r) ?? 0) * r.refChars, 0) / chars;
    return { pages: sel.length, ours: w((r) => r.delivered?.ours), tesseract: w((r) => r.delivered?.tesseract) };
  };
  const delivered = { rendered: deliveredTotal('rendered'), scan: deliveredTotal('scan'), all: deliveredTotal() };
  for (const [k, v] of Object.entries(delivered)) lines.push(`${`TOTAL ${k} (${v.pages} pages)`.padEnd(34)} ${pad(pct(v.ours), 9)} ${pad(pct(v.tesseract), 9)}`);
  lines.push(`(model load once: ${createSeconds.toFixed(2)} s; CER is character-weighted, the lower of raw and reference-ordered; "raw" = each engine's own line order; load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  if (orientation.length) {
    lines.push(
      `orientation: ${orientation.filter((o) => o.ok).length}/${orientation.length} turned scans put upright; ` +
        orientation.map((o) => `${o.name.replace('scan ', '')}@${o.turned}→${o.rotation} CER ${pct(o.cer)}`).join(', '),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(
    join(here, 'results/ocr.json'),
    `${JSON.stringify({ date: new Date().toISOString(), dpi: DPI, threads: THREADS, detLimitSide: DET, modelLoadSeconds: createSeconds, summary: all, delivered, rows, orientation }, null, 2)}\n`,
  );
} finally {
  if (!keep) rmSync(tmp, { recursive: true, force: true });
}
