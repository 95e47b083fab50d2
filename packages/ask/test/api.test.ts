import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ask from '../src/index.js';

test('public API of @docmill/ask is pinned', () => {
  assert.deepEqual(Object.keys(ask).sort(), [
    'ASK_PROMPT_VERSION', 'EXTRACTIVE_NOTE', 'PassageIndex', 'QuoteFinder', 'SearchIndex', 'askClientFromConfig', 'askDocument', 'checkQuestion',
    'chunkDocument', 'estimateTokens', 'isVisualQuestion', 'pagePassages', 'parseReply', 'pickImagePages', 'verifyCitations',
  ]);
});
