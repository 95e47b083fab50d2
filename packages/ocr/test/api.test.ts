import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ocr from '../src/index.js';

test('public API of @docmill/ocr is pinned', () => {
  assert.deepEqual(Object.keys(ocr).sort(), ['OcrEngine', 'charErrorRate', 'ensureTesseractLanguages', 'guessLanguage', 'ocrToPositionedPage', 'recognizeWithTesseract']);
});
