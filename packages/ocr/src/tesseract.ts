import { spawn } from 'node:child_process';
import { DocmillError, createLogger } from '@docmill/core';
import { decodeToRgb, type OcrInput } from './image.js';
import type { OcrLine, OcrResult } from './types.js';
import { correctBlackletterWord, tesseractLexicon } from './lexicon.js';

const log = createLogger('ocr');

/** Options of one tesseract reading. */
export interface TesseractOptions {
  /** tesseract language codes joined by '+', as its `-l` takes them (`deu+Fraktur`, `eng`). */
  lang: string;
  /** Page segmentation mode (default 3: fully automatic, columns found by tesseract). */
  psm?: number;
  /** Resolution of the image in dpi, passed as `--dpi` (tesseract's size thresholds depend on it). */
  dpi?: number;
  /**
   * Horizontal bands the page is cut into (default bandCount(height)).
   * Each band is read by its own tesseract process; the cut does not depend on `processes`,
   * so the text does not depend on the machine.
   */
  bands?: number;
  /** tesseract processes run at once for one page (default 1). */
  processes?: number;
  /**
   * CPU slots shared with other pages (the page pool's): each tesseract process waits for
   * one and gives it back when it exits. Without, only `processes` bounds them.
   */
  slots?: { acquire(signal?: AbortSignal): Promise<() => void>; track?(pid: number): () => void };
  /** Aborting kills the tesseract processes; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The tesseract executable (default `tesseract` on the PATH). */
  binary?: string;
}

/** Height in px a band of a page is aimed at (see bandCount). */
export const BAND_HEIGHT = 2400;
/**
 * Pages at least this tall are cut into at least two bands.
 * Note: tesseract finds columns, tables and sidebars from the whole page; a band of a page of
 * 2,000–4,000 px often held too few lines for it (scribe_multicol_07: a table's rows read with the
 * text column beside them, CER 0.62 banded, 0.10 whole; multicol_01 0.31 → 0.10). Only the tall
 * pages of large newspapers (4,600–5,600 px) are banded: each band still holds a long column.
 */
export const MIN_BANDED_HEIGHT = 4000;

/**
 * How many bands a page of `height` px is read in: round(height / BAND_HEIGHT), at least
 * two from MIN_BANDED_HEIGHT on (so that two cores share a scanned page), at most 16.
 * Note: a function of the page alone, so the text never depends on the machine's cores.
 * Each cut costs 2 × BAND_OVERLAP rows read twice (a 5,551 px NZZ page: 9 %).
 */
export function bandCount(height: number): number {
  if (height < MIN_BANDED_HEIGHT) return 1;
  return Math.max(2, Math.min(16, Math.round(height / BAND_HEIGHT)));
}
/** Overlap of neighbouring bands in px (taller than a headline line), lines are kept by the band that owns their centre. */
export const BAND_OVERLAP = 240;

/** Debian's package for a tesseract traineddata: `tesseract-ocr-deu`, `tesseract-ocr-script-frak`… */
export function debianPackageFor(code: string): string {
  const scripts: Record<string, string> = {
    Fraktur: 'frak', Latin: 'latn', Cyrillic: 'cyrl', Greek: 'grek', Arabic: 'arab', Hebrew: 'hebr', Devanagari: 'deva',
  };
  const bare = code.replace(/^script\//, '');
  if (scripts[bare]) return `tesseract-ocr-script-${scripts[bare]}`;
  return `tesseract-ocr-${bare.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * Splits a `--lang` value into tesseract codes: `deu+fra` → ['deu', 'fra'].
 * Throws USAGE_BAD_ARGUMENT for anything that is not `code(+code)*`.
 */
export function parseLanguages(lang: string): string[] {
  const codes = lang.split('+').map((c) => c.trim());
  if (!codes.length || codes.some((c) => !/^(script\/)?[A-Za-z][A-Za-z_]{1,30}$/.test(c))) {
    throw new DocmillError('USAGE_BAD_ARGUMENT', `"${lang}" is not a language list: use tesseract codes joined by +, e.g. "deu", "deu+fra", "eng".`);
  }
  return codes;
}

const installed = new Map<string, Promise<{ names: Set<string>; dir: string | undefined }>>();

/** `tesseract --list-langs`, asked once per binary per process: the traineddata names and their folder. */
function listLanguages(binary: string): Promise<{ names: Set<string>; dir: string | undefined }> {
  let hit = installed.get(binary);
  if (!hit) {
    hit = run(binary, ['--list-langs'], undefined, undefined).then(({ stdout }) => {
      const [head = '', ...rest] = stdout.split('\n');
      const names = rest.map((l) => l.trim()).filter(Boolean);
      return { names: new Set(names.flatMap((n) => [n, n.replace(/^script\//, '')])), dir: /"([^"]+)"/.exec(head)?.[1] };
    });
    hit.catch(() => installed.delete(binary));
    installed.set(binary, hit);
  }
  return hit;
}

/** The traineddata tesseract can load (`tesseract --list-langs`), asked once per binary per process. */
export async function tesseractLanguages(binary = 'tesseract'): Promise<Set<string>> {
  return (await listLanguages(binary)).names;
}

/**
 * Checks that tesseract is installed and has every language of `lang`.
 * Throws OCR_ENGINE_MISSING (no tesseract binary) or OCR_LANGUAGE_MISSING naming
 * the Debian packages to install. Never falls back to another language.
 */
export async function ensureTesseractLanguages(lang: string, binary = 'tesseract'): Promise<void> {
  const codes = parseLanguages(lang);
  const have = await tesseractLanguages(binary);
  const missing = codes.filter((c) => !have.has(c) && !have.has(c.replace(/^script\//, '')));
  if (missing.length) {
    throw new DocmillError('OCR_LANGUAGE_MISSING', `tesseract has no traineddata for ${missing.join(', ')}; install ${missing.map(debianPackageFor).join(' ')} (apt-get install), or set TESSDATA_PREFIX to a folder holding ${missing.map((c) => `${c}.traineddata`).join(', ')}.`);
  }
}

/**
 * Reads one page image with tesseract 5 (its CLI, TSV output) into docmill's OcrResult:
 * one OcrLine per tesseract text line, confidence the length-weighted mean of its words'
 * (0..1), tesseract's block and paragraph as hints. Tall pages are cut into overlapping
 * horizontal bands read by separate processes (`processes` at once).
 * @param image encoded image bytes or raw RGB(A) pixels (read at their own size: never resampled)
 * @param opts languages, page segmentation mode, dpi, bands, parallel processes, signal
 * The image goes to tesseract as a greyscale PGM on stdin (no temporary file).
 * Throws OCR_ENGINE_MISSING, OCR_LANGUAGE_MISSING, OCR_FAILED, IMAGE_* from decoding.
 * Does not detect orientation (rotation is always 0) and does not order columns beyond tesseract's own order.
 */
export async function recognizeWithTesseract(image: OcrInput, opts: TesseractOptions): Promise<OcrResult & { lang: string }> {
  const binary = opts.binary ?? 'tesseract';
  const { signal } = opts;
  signal?.throwIfAborted();
  const candidates = scriptCandidates(opts.lang);
  for (const c of candidates) await ensureTesseractLanguages(c, binary);
  const decoded = await decodeToRgb(image);
  signal?.throwIfAborted();
  const { width, height, data } = decoded.image;
  const grey = toGrey(data, width * height);
  const started = performance.now();
  const args = (lang: string) => ['-l', lang, '--psm', String(opts.psm ?? 3), ...(opts.dpi ? ['--dpi', String(Math.round(opts.dpi / decoded.scale))] : []), 'tsv'];
  const processes = Math.max(1, opts.processes ?? 1);
  const readRows = async (lang: string, y0: number, y1: number, blockPrefix: string, x0 = 0, x1 = width): Promise<OcrLine[]> => {
    const rows = grey.subarray(y0 * width, y1 * width);
    const pixels = x0 === 0 && x1 === width ? rows : Buffer.concat(Array.from({ length: y1 - y0 }, (_, r) => rows.subarray(r * width + x0, r * width + x1)));
    const pgm = Buffer.concat([Buffer.from(`P5\n${x1 - x0} ${y1 - y0}\n255\n`), pixels]);
    const release = await opts.slots?.acquire(signal);
    let stdout: string;
    try {
      ({ stdout } = await run(binary, ['stdin', 'stdout', ...args(lang)], pgm, signal, opts.slots?.track?.bind(opts.slots)));
    } finally {
      release?.();
    }
    return parseTesseractTsv(stdout, { dx: x0, dy: y0, blockPrefix });
  };
  // The script: each candidate reads the same sample band; the most confident one reads the page.
  let lang = candidates[0]!;
  if (candidates.length > 1) {
    const [y0, y1] = sampleBand(height);
    // Note: the middle half of the band's width (a fifth less CPU than the full width on
    // nzz_17800719), still several lines of type for the confidences.
    const reads = await mapLimit(candidates, processes, (c) => readRows(c, y0, y1, '', Math.floor(width / 4), Math.ceil((3 * width) / 4)));
    const scores = reads.map(meanConfidence);
    lang = candidates[scores.indexOf(Math.max(...scores))]!;
    log.debug({ candidates, scores, lang }, 'tesseract script sample');
  }
  const n = Math.max(1, Math.min(16, opts.bands ?? bandCount(height)));
  const cuts = bandCuts(height, n, BAND_OVERLAP);
  const readBand = async (b: BandCut, k: number): Promise<OcrLine[]> => {
    const lines = await readRows(lang, b.y0, b.y1, n > 1 ? `${k}.` : '');
    return lines.filter((l) => {
      const cy = (l.bbox[1] + l.bbox[3]) / 2;
      return cy >= b.own0 && cy < b.own1;
    });
  };
  const perBand = stitchBands(await mapLimit(cuts, processes, readBand), cuts);
  const s = decoded.scale;
  const fraktur = /(^|\+)((script\/)?Fraktur|frk)(\+|$)/.test(lang);
  const lexicon = fraktur ? await germanLexicon(opts.lang, binary) : undefined;
  const lines = perBand.flat().map((read) => {
    const l = fraktur ? blackletterLine(read, lexicon) : read;
    const band = inkBand(grey, width, height, l.bbox);
    const scaled: OcrLine = s === 1 ? l : { ...l, box: l.box.map(([x, y]) => [x * s, y * s]), bbox: [l.bbox[0] * s, l.bbox[1] * s, l.bbox[2] * s, l.bbox[3] * s] };
    return band ? { ...scaled, inkBand: band * s } : scaled;
  });
  const recMs = performance.now() - started;
  log.debug({ lines: lines.length, bands: n, recMs, lang }, 'tesseract page');
  return { width: decoded.width, height: decoded.height, rotation: 0, skewDegrees: 0, lines, timings: { detMs: 0, clsMs: 0, recMs }, lang };
}

/**
 * The lexicon for correcting a page read by the Fraktur model: German's (from `deu.traineddata`)
 * when `lang` asks for German, else none (the blackletter confusions are German ones).
 */
async function germanLexicon(lang: string, binary: string): Promise<ReadonlySet<string> | undefined> {
  if (!parseLanguages(lang).includes('deu')) return undefined;
  const { dir } = await listLanguages(binary);
  return dir ? tesseractLexicon('deu', dir) : undefined;
}

/**
 * A line read by a Fraktur model, put right word by word: the ch/ck ligature marks
 * (frakturLigatures), then, with a German lexicon, the confusions of blackletter
 * (correctBlackletterWord). Word boxes keep their places; the line's text is its words joined.
 */
function blackletterLine(line: OcrLine, lexicon: ReadonlySet<string> | undefined): OcrLine {
  const fix = (w: string) => {
    const t = frakturLigatures(w);
    return lexicon ? correctBlackletterWord(t, lexicon) : t;
  };
  if (!line.words?.length) return { ...line, text: line.text.split(' ').map(fix).join(' ') };
  const words = line.words.map((w) => ({ ...w, text: fix(w.text) }));
  return { ...line, words, text: words.map((w) => w.text).join(' ') };
}

/**
 * tesseract's Fraktur models write the ch and ck ligatures as `<` and `>` (trained on
 * transcriptions that marked them so): `no<` for noch, `Glü>k` for Glück. Each is put back
 * where it touches a letter (`<h` and `>k` being the ligature's second letter read twice).
 */
export function frakturLigatures(text: string): string {
  return text
    .replace(/(?<=\p{L})<h|<h(?=\p{L})/gu, 'ch')
    .replace(/(?<=\p{L})<|<(?=\p{L})/gu, 'ch')
    .replace(/(?<=\p{L})>k|>k(?=\p{L})/gu, 'ck')
    .replace(/(?<=\p{L})>|>(?=\p{L})/gu, 'ck');
}

/** Languages that were printed in Fraktur (blackletter) as well as in Antiqua (roman type). */
const FRAKTUR_LANGUAGES = new Set(['deu', 'dan', 'swe', 'nor', 'lat']);

/**
 * The language sets to try on a page for `lang`: `lang` itself, and when it names a
 * language once printed in Fraktur (and no Fraktur model already), the same set with
 * that language read by tesseract's Fraktur script model (`deu` → `deu`, `Fraktur`;
 * `deu+fra` → `deu+fra`, `Fraktur+fra`).
 * Note: on the press pages `Fraktur` alone read German blackletter better and twice as
 * fast as `deu+Fraktur` (CER 0.039 against 0.042 on three pages, 12.7 s against 28.5 s on
 * nzz_18711019), so the page is read by one model, chosen on a sample band.
 */
export function scriptCandidates(lang: string): string[] {
  const codes = parseLanguages(lang);
  if (codes.some((c) => /^(script\/)?Fraktur$|^frk$/.test(c))) return [lang];
  if (!codes.some((c) => FRAKTUR_LANGUAGES.has(c))) return [lang];
  return [lang, [...new Set(codes.map((c) => (FRAKTUR_LANGUAGES.has(c) ? 'Fraktur' : c)))].join('+')];
}

/**
 * Rows [y0, y1) of the band the script candidates read: a sixteenth of the page (at least
 * 300 rows: three lines of a 600 dpi book page, seven of a newspaper) from 40 % down, and of
 * those rows the middle half of the width.
 * Note: every candidate reads it: on nzz_17800719 the two full-width reads cost half the page's
 * own read (1.0 + 1.4 s CPU against 4.8 s); the middle half of the width costs 0.8 + 1.2 s.
 */
export function sampleBand(height: number): [number, number] {
  const h = Math.min(height, Math.max(300, Math.round(height / 16)));
  const y0 = Math.max(0, Math.min(height - h, Math.round(height * 0.4)));
  return [y0, y0 + h];
}

/** Character-weighted mean confidence of lines (0 when there are none). */
function meanConfidence(lines: readonly OcrLine[]): number {
  let sum = 0, chars = 0;
  for (const l of lines) {
    sum += l.confidence * l.text.length;
    chars += l.text.length;
  }
  return chars ? sum / chars : 0;
}

export interface BandCut {
  /** Rows read. */
  y0: number;
  y1: number;
  /** Rows whose lines this band keeps (by their centre). */
  own0: number;
  own1: number;
}

/**
 * Gives a paragraph cut in two by a band edge one id: a paragraph of band k+1 that starts at
 * the edge (within two line heights) takes the block and paragraph ids of the band-k paragraph
 * that ends there and shares most of its width (60 % of the narrower), so that layout reads a
 * column that runs across the edge as one region, as tesseract would have on the whole page.
 * @param perBand each band's kept lines, ids prefixed by the band (`k.`)
 * @param cuts the bands' cuts (own0/own1: the rows whose lines each band keeps)
 * Returns the lines with ids rewritten (the inputs are not modified). Paragraphs at the edge with
 * no partner (a headline starting right below it, a column that ends above it) keep their ids.
 */
export function stitchBands(perBand: readonly OcrLine[][], cuts: readonly BandCut[]): OcrLine[][] {
  const out = perBand.map((lines) => lines.map((l) => ({ ...l })));
  const paragraphs = (lines: readonly OcrLine[]) => {
    const m = new Map<string, { box: [number, number, number, number]; heights: number[]; block: string }>();
    for (const l of lines) {
      if (l.paragraph === undefined) continue;
      const p = m.get(l.paragraph);
      if (!p) m.set(l.paragraph, { box: [...l.bbox], heights: [l.bbox[3] - l.bbox[1]], block: l.block ?? l.paragraph });
      else {
        p.box = [Math.min(p.box[0], l.bbox[0]), Math.min(p.box[1], l.bbox[1]), Math.max(p.box[2], l.bbox[2]), Math.max(p.box[3], l.bbox[3])];
        p.heights.push(l.bbox[3] - l.bbox[1]);
      }
    }
    return m;
  };
  const lineHeight = (hs: number[]) => [...hs].sort((a, b) => a - b)[hs.length >> 1]!;
  for (let k = 0; k + 1 < out.length; k++) {
    const edge = cuts[k]!.own1;
    const above = [...paragraphs(out[k]!)].filter(([, p]) => p.box[3] >= edge - 2 * lineHeight(p.heights));
    const taken = new Set<string>();
    const rename = new Map<string, { paragraph: string; block: string }>();
    for (const [id, p] of paragraphs(out[k + 1]!)) {
      if (p.box[1] > edge + 2 * lineHeight(p.heights)) continue;
      let best: string | undefined, bestShare = 0.6, bestBlock = '';
      for (const [aid, a] of above) {
        if (taken.has(aid)) continue;
        const share = (Math.min(a.box[2], p.box[2]) - Math.max(a.box[0], p.box[0])) / Math.min(a.box[2] - a.box[0], p.box[2] - p.box[0]);
        if (share > bestShare) { bestShare = share; best = aid; bestBlock = a.block; }
      }
      if (best === undefined) continue;
      taken.add(best);
      rename.set(id, { paragraph: best, block: bestBlock });
    }
    for (const l of out[k + 1]!) {
      const r = l.paragraph !== undefined ? rename.get(l.paragraph) : undefined;
      if (r) { l.paragraph = r.paragraph; l.block = r.block; }
    }
  }
  return out;
}

/** Cuts `height` rows into n bands of equal share, each widened by `overlap` rows into its neighbours. */
export function bandCuts(height: number, n: number, overlap: number): BandCut[] {
  const cuts: BandCut[] = [];
  for (let k = 0; k < n; k++) {
    const own0 = Math.round((k * height) / n);
    const own1 = k === n - 1 ? height : Math.round(((k + 1) * height) / n);
    cuts.push({ y0: Math.max(0, own0 - overlap), y1: Math.min(height, own1 + overlap), own0: k === 0 ? -Infinity : own0, own1: k === n - 1 ? Infinity : own1 });
  }
  return cuts;
}

/**
 * Parses tesseract's TSV (columns level, page_num, block_num, par_num, line_num,
 * word_num, left, top, width, height, conf, text; level 4 = a line, 5 = a word) into lines.
 * @param tsv the TSV text, header row included
 * @param at `dy` added to every y (the band's top), `blockPrefix` put before block ids
 * A line's text is its words joined by single spaces, and its `words` keep their own boxes;
 * its confidence the mean of its words' conf/100 weighted by their lengths; lines with no
 * word text are dropped.
 */
export function parseTesseractTsv(tsv: string, at: { dx?: number; dy?: number; blockPrefix?: string } = {}): OcrLine[] {
  const dx = at.dx ?? 0, dy = at.dy ?? 0, prefix = at.blockPrefix ?? '';
  interface Acc { bbox: [number, number, number, number]; words: string[]; boxes: NonNullable<OcrLine['words']>; conf: number; chars: number; block: string; paragraph: string }
  const lines: Acc[] = [];
  let current: Acc | undefined;
  let currentKey = '';
  for (const row of tsv.split('\n')) {
    const f = row.replace(/\r$/, '').split('\t');
    if (f.length < 11 || !/^\d+$/.test(f[0]!)) continue; // header, blank or broken rows
    const level = Number(f[0]);
    const key = `${f[1]}.${f[2]}.${f[3]}.${f[4]}`;
    const [left, top, w, h] = [Number(f[6]), Number(f[7]), Number(f[8]), Number(f[9])];
    if (level === 4) {
      current = { bbox: [left + dx, top + dy, left + w + dx, top + h + dy], words: [], boxes: [], conf: 0, chars: 0, block: `${prefix}${f[2]}`, paragraph: `${prefix}${f[2]}.${f[3]}` };
      currentKey = key;
      lines.push(current);
    } else if (level === 5 && current && key === currentKey) {
      const text = (f.slice(11).join('\t') ?? '').trim();
      const conf = Number(f[10]);
      if (!text || !(conf >= 0)) continue;
      current.words.push(text);
      current.boxes.push({ text, bbox: [left + dx, top + dy, left + w + dx, top + h + dy], confidence: Math.min(100, conf) / 100 });
      current.conf += (Math.min(100, conf) / 100) * text.length;
      current.chars += text.length;
    }
  }
  return lines.filter((l) => l.words.length).map((l) => {
    const [x0, y0, x1, y1] = l.bbox;
    return {
      text: l.words.join(' '),
      confidence: l.chars ? l.conf / l.chars : 0,
      box: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]],
      bbox: l.bbox,
      // Note: the words' own boxes let layout cut a line that tesseract ran across a column gutter.
      words: l.boxes,
      block: l.block,
      paragraph: l.paragraph,
    };
  });
}

/** ITU-R 601 luma of interleaved RGB. */
function toGrey(rgb: Buffer, pixels: number): Buffer {
  const out = Buffer.allocUnsafe(pixels);
  for (let i = 0, p = 0; i < pixels; i++, p += 3) out[i] = (rgb[p]! * 77 + rgb[p + 1]! * 150 + rgb[p + 2]! * 29) >> 8;
  return out;
}

/**
 * Height in px of a line's densest band of ink (as crop.ts inkMeasure does for PP-OCR
 * lines: rows at least half as dark as the darkest row, first to last), measured in
 * the grey page inside the line's box; undefined when the box holds no contrast.
 */
function inkBand(grey: Buffer, width: number, height: number, bbox: readonly number[]): number | undefined {
  const x0 = Math.max(0, Math.floor(bbox[0]!)), x1 = Math.min(width, Math.ceil(bbox[2]!));
  const y0 = Math.max(0, Math.floor(bbox[1]!)), y1 = Math.min(height, Math.ceil(bbox[3]!));
  if (x1 - x0 < 2 || y1 - y0 < 3) return undefined;
  let lo = 255, hi = 0;
  for (let y = y0; y < y1; y += 2) for (let x = x0; x < x1; x += 2) {
    const v = grey[y * width + x]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo < 40) return undefined;
  const cut = (lo + hi) / 2;
  const rows: number[] = [];
  let max = 0;
  for (let y = y0; y < y1; y++) {
    let dark = 0;
    const r = y * width;
    for (let x = x0; x < x1; x++) if (grey[r + x]! < cut) dark++;
    rows.push(dark);
    if (dark > max) max = dark;
  }
  if (!max) return undefined;
  const first = rows.findIndex((d) => d >= max / 2);
  let last = rows.length - 1;
  while (last > first && rows[last]! < max / 2) last--;
  return last - first + 1;
}

/** Runs fn over xs with at most `limit` at once, results in input order. */
async function mapLimit<T, R>(xs: readonly T[], limit: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(xs.length);
  let next = 0;
  const worker = async () => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await fn(xs[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, xs.length) }, worker));
  return out;
}

/**
 * Runs tesseract with `input` on stdin, OMP_THREAD_LIMIT=1 (one process per core is the
 * caller's parallelism). Rejects with OCR_ENGINE_MISSING when the binary is absent,
 * OCR_FAILED on a non-zero exit (its stderr in the message), the signal's reason on abort
 * (the child is killed). `track` records the child's pid while it runs (see TesseractOptions.slots).
 */
function run(binary: string, args: string[], input: Buffer | undefined, signal: AbortSignal | undefined, track?: (pid: number) => () => void): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const child = spawn(binary, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const untrack = child.pid !== undefined && track ? track(child.pid) : undefined;
    child.on('exit', () => untrack?.());
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    // Note: tesseract may exit before reading all of stdin (bad arguments); EPIPE is then not the error to report.
    child.stdin.on('error', () => {});
    child.on('error', (e: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      if (e.code === 'ENOENT') reject(new DocmillError('OCR_ENGINE_MISSING', `The OCR engine "${binary}" was not found; install the Debian package tesseract-ocr (apt-get install tesseract-ocr) or put tesseract on the PATH.`, { cause: e }));
      else reject(new DocmillError('OCR_FAILED', `tesseract could not be started (${e.message}).`, { cause: e }));
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(signal.reason);
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0) return reject(new DocmillError('OCR_FAILED', `tesseract exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
    child.stdin.end(input);
  });
}
