export * from './sniff.js';
export { openPdf, type OpenPdfOptions, type OutlineEntry, type PdfDocument } from './document.js';
export type { PdfPage } from './page.js';
export { judgeTextLayer, type TextLayerStats } from './verdict.js';
export { encodeRender } from './render.js';
export { FileRanges, type ByteRanges } from './ranges.js';
