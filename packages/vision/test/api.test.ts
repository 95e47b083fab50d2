import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vision from '../src/index.js';
import * as testing from '../src/testing/index.js';

test('public API of @docmill/vision is pinned', () => {
  assert.deepEqual(Object.keys(vision).sort(), [
    'ANCHOR_MAX_CHARS', 'BLANK_PAGE_MAX_CHARS', 'DEFAULT_POLICY', 'DEFAULT_TEMPERATURE', 'DEFECT_FLAGS',
    'DENSE_XHEIGHT_PX', 'MAX_TILE_SCALE', 'MODEL_CELL_PX', 'MODEL_MAX_SIDE', 'OpenAICompatClient',
    'PAGE_SYSTEM_PROMPT', 'PAGE_TEXT_MIN_CHARS', 'PROMPT_VERSION', 'SEAM_MIN_OVERLAP', 'ServerPool',
    'TILE_OVERLAP_PX', 'TILE_PROMPT_VERSION', 'abortableSleep', 'anchorText', 'answerWithPolicy', 'attemptPage',
    'checkBlank', 'classifyAnswer', 'continueRequest', 'createMistralEngine', 'createOpenAIEngine', 'cropTile',
    'detectRepetition', 'draftFromAnswer', 'encodeForModel', 'engineFromConfig', 'estimateTextScale', 'fitForModel',
    'imageTokens', 'inkColumns', 'isModelLoading', 'isRefusal', 'logCircuit', 'normalizeBaseUrl', 'ocrCall',
    'ocrPage', 'outcomeError', 'pageMessages', 'parseRetryAfter', 'planTiles', 'rotateImage', 'serverOutcomeOf',
    'spansInTile', 'splitFrontMatter', 'stitchContinuation', 'textLayerRotation', 'tileInstruction', 'tileTokens',
    'tiledLongestSide', 'transcribeWithPolicy', 'viaPool',
  ]);
});

test('public API of @docmill/vision/testing is pinned', () => {
  assert.deepEqual(Object.keys(testing).sort(), ['OpenAIDouble', 'startOpenAIDouble']);
});
