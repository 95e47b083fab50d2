export * from './types.js';
export * from './engine.js';
export { ocrToPositionedPage } from './positioned.js';
export { recognizeWithTesseract, ensureTesseractLanguages, type TesseractOptions } from './tesseract.js';
export { guessLanguage } from './language.js';
export { charErrorRate } from './cer.js';
export type { OcrInput } from './image.js';
