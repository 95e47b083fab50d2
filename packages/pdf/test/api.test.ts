import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as pdf from '../src/index.js';

test('public API of @docmill/pdf is pinned', () => {
  assert.deepEqual(Object.keys(pdf).sort(), ['FileRanges', 'encodeRender', 'judgeTextLayer', 'openPdf', 'sniffType']);
});
