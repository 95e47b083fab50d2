import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as pipeline from '../src/index.js';

test('public API of @docmill/pipeline is pinned', () => {
  assert.deepEqual(Object.keys(pipeline).sort(), [
    'ConvertOptionsSchema', 'MAX_OCR_PIXELS', 'OCR_DPI', 'PagePool', 'StreamingAssembly', 'assembleDocument', 'closeCachedSources', 'convertDocument', 'convertDocumentTo', 'failedDraft',
    'ingest', 'ocrDpi', 'openSource', 'preparePage', 'renderPage', 'routePage', 'shareBytes', 'sharedOcrEngine',
    'transcribePage', 'transcribePageLocal', 'transcribePageVision',
  ]);
});
