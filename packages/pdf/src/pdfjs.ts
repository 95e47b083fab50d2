import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/** The pdf.js module (legacy build: the one that runs on Node 20). */
export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;
/** pdf.js's worker side (untyped: pdfjs-dist ships no declarations for it). */
const WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/**
 * Loads pdf.js once per process.
 * Note: loaded lazily so that importing @docmill/pdf for `sniffType` alone does
 * not pay for parsing pdf.js (~2 MB of JavaScript).
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const native = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
    try {
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      // Note: the worker side is loaded here, not on the first getDocument, so that its polyfills are undone too;
      // pdf.js's fake worker takes a WorkerMessageHandler found on globalThis.pdfjsWorker.
      const g = globalThis as { pdfjsWorker?: unknown };
      g.pdfjsWorker ??= await import(WORKER_MODULE);
      return pdfjs;
    } finally {
      restoreNatives(native);
    }
  })();
  return loading;
}

/**
 * Puts back the engine's own Array.prototype.push, JSON.parse and JSON.stringify.
 * Note: pdf.js's legacy build bundles core-js, which on Node 20 (V8 11) replaces these for the whole
 * process with JavaScript versions (for spec corners: push on a frozen length, JSON.parse's source
 * text); in a profile of born-digital pages the replaced push alone was ~13 % of CPU time, and every
 * JSON read and written by docmill went through the slow pair. Neither pdf.js nor docmill needs those corners.
 */
function restoreNatives(native: { push: typeof Array.prototype.push; parse: typeof JSON.parse; stringify: typeof JSON.stringify }): void {
  if (Array.prototype.push !== native.push) Object.defineProperty(Array.prototype, 'push', { value: native.push, writable: true, configurable: true, enumerable: false });
  if (JSON.parse !== native.parse) Object.defineProperty(JSON, 'parse', { value: native.parse, writable: true, configurable: true, enumerable: false });
  if (JSON.stringify !== native.stringify) Object.defineProperty(JSON, 'stringify', { value: native.stringify, writable: true, configurable: true, enumerable: false });
}

const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * Where the data files shipped with pdfjs-dist live, as file-system paths with a
 * trailing separator (pdf.js on Node reads them with fs.readFile(url + name)).
 * Note: these make non-embedded standard fonts, CJK CMaps, JPX/JBIG2 decoding and
 * ICC profiles work offline.
 */
export const PDFJS_ASSETS = {
  standardFontDataUrl: join(root, 'standard_fonts') + sep,
  cMapUrl: join(root, 'cmaps') + sep,
  wasmUrl: join(root, 'wasm') + sep,
  iccUrl: join(root, 'iccs') + sep,
} as const;
