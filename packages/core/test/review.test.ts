import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsReview, reviewPages } from '../src/index.js';

test('pages to review: failures, fallbacks, low confidence, untrusted text layers and unknown flags; not how a page was made', () => {
  // Made well: a trusted text layer, an OCR'd scan (its text-layer verdict is why it was OCR'd), a blank page.
  assert.equal(needsReview({ path: 'text', flags: [], confidence: 1 }), false);
  assert.equal(needsReview({ path: 'ocr', flags: ['needs_ocr', 'no_text_layer', 'ocr', 'rotated'], confidence: 0.93 }), false);
  assert.equal(needsReview({ path: 'text', flags: ['blank', 'no_text_layer'], confidence: 0 }), false);
  assert.equal(needsReview({ path: 'vision', flags: ['tiled'], confidence: 0.95 }), false, 'a dense page sent as tiles');
  assert.equal(needsReview({ path: 'vision', flags: ['tiled', 'repetition'], confidence: 0.6 }), true, 'repaired answers are reviewed');
  // Worth a look.
  assert.equal(needsReview({ path: 'none', flags: ['error'], error: { code: 'X' } }), true);
  assert.equal(needsReview({ path: 'ocr', flags: ['ocr'], fallback: { from: 'openai', reason: 'loop' }, confidence: 0.9 }), true);
  assert.equal(needsReview({ path: 'ocr', flags: ['ocr', 'low_confidence'], confidence: 0.5 }), true);
  assert.equal(needsReview({ path: 'text', flags: ['needs_ocr', 'no_text_layer'], confidence: 0 }), true, 'a scan read without OCR');
  assert.equal(needsReview({ path: 'ocr', flags: ['ocr', 'unreadable'], confidence: 0 }), true);
  assert.equal(needsReview({ path: 'vision', flags: ['some_flag_added_later'], confidence: 0.95 }), true, 'unknown flags count');
  assert.equal(needsReview({ path: 'ocr', flags: ['blank', 'ocr', 'timeout'] }), true, 'a blank page that also timed out');
  assert.deepEqual(reviewPages([{ index: 0, path: 'text', confidence: 1 }, { index: 1, path: 'none', error: {} }]), [1]);
});
