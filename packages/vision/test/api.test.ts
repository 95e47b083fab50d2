import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vision from '../src/index.js';
import * as testing from '../src/testing/index.js';

test('public API of @docmill/vision is pinned', () => {
  assert.deepEqual(Object.keys(vision).sort(), [
    'ANCHOR_MAX_CHARS', 'BLANK_PAGE_MAX_CHARS', 'DEFAULT_POLICY', 'DEFAULT_TEMPERATURE', 'MODEL_CELL_PX', 'MODEL_MAX_SIDE',
    'OpenAICompatClient', 'PAGE_SYSTEM_PROMPT', 'PAGE_TEXT_MIN_CHARS', 'PROMPT_VERSION', 'ServerPool',
    'abortableSleep', 'anchorText', 'attemptPage', 'checkBlank', 'classifyAnswer',
    'createMistralEngine', 'createOpenAIEngine', 'detectRepetition', 'encodeForModel', 'engineFromConfig',
    'fitForModel', 'imageTokens', 'isModelLoading', 'isRefusal', 'logCircuit', 'normalizeBaseUrl', 'ocrCall', 'ocrPage', 'outcomeError',
    'pageMessages', 'parseRetryAfter', 'rotateImage', 'serverOutcomeOf', 'splitFrontMatter', 'textLayerRotation', 'transcribeWithPolicy',
    'viaPool',
  ]);
});

test('public API of @docmill/vision/testing is pinned', () => {
  assert.deepEqual(Object.keys(testing).sort(), ['OpenAIDouble', 'startOpenAIDouble']);
});
