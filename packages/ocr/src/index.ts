export * from './types.js';
export * from './engine.js';
export { ocrToPositionedPage } from './positioned.js';
export { charErrorRate } from './cer.js';
export type { OcrInput } from './image.js';
