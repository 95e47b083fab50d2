import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from '../src/index.js';

test('public API of @docmill/core is pinned', () => {
  assert.deepEqual(Object.keys(core).sort(), [
    'ConfigSchema', 'DEFAULT_CONFIG', 'DOCMILL_VERSION', 'DocmillError', 'DocumentOptionsSchema', 'ERRORS', 'LANG_CODES', 'OPTION_NAMES', 'OPTION_SURFACES',
    'REVIEW_CONFIDENCE', 'Semaphore', 'SseParser', 'createLogger', 'errorCode', 'formatPageRanges', 'isDocmillError', 'isForbiddenAddress',
    'loadConfig', 'needsReview', 'optionDescription', 'optionValueKind', 'optionsHash', 'parseIp', 'parsePageRanges',
    'pinnedLookup', 'resolveChecked', 'reviewPages', 'sha256', 'silentLogger', 'stableHash', 'stableStringify', 'systemResolve',
    'toDocmillError', 'writeFileAtomic',
  ]);
});
