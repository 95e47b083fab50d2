import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vision from '../src/index.js';
import * as testing from '../src/testing/index.js';

test('public API of @docmill/vision is pinned', () => {
  assert.deepEqual(Object.keys(vision).sort(), [
    'ANCHOR_MAX_CHARS', 'BLANK_PAGE_MAX_CHARS', 'DEFAULT_POLICY', 'DEFAULT_TEMPERATURE', 'DEFECT_FLAGS', 'MODEL_CELL_PX', 'MODEL_MAX_SIDE',
    'OpenAICompatClient', 'PAGE_SYSTEM_PROMPT', 'PAGE_TEXT_MIN_CHARS', 'PROMPT_VERSION', 'SEAM_MIN_OVERLAP', 'ServerPool',
    'abortableSleep', 'anchorText', 'answerWithPolicy', 'attemptPage', 'checkBlank', 'classifyAnswer', 'continueRequest',
    'createMistralEngine', 'createOpenAIEngine', 'detectRepetition', 'encodeForModel', 'engineFromConfig',
    'fitForModel', 'imageTokens', 'isRefusal', 'normalizeBaseUrl', 'ocrPage', 'outcomeError',
    'pageMessages', 'parseRetryAfter', 'rotateImage', 'splitFrontMatter', 'stitchContinuation', 'textLayerRotation', 'transcribeWithPolicy',
  ]);
});

test('public API of @docmill/vision/testing is pinned', () => {
  assert.deepEqual(Object.keys(testing).sort(), ['OpenAIDouble', 'startOpenAIDouble']);
});
