import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/** The pdf.js module (legacy build: the one that runs on Node 20). */
export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

/**
 * Loads pdf.js once per process.
 * Note: loaded lazily so that importing @docmill/pdf for `sniffType` alone does
 * not pay for parsing pdf.js (~2 MB of JavaScript).
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return loading;
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
