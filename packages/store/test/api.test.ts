import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as store from '../src/index.js';

test('public API of @docmill/store is pinned', () => {
  assert.deepEqual(Object.keys(store).sort(), ['FsStore', 'S3Store', 'checkKey', 'inputKey', 'jobKeys', 'parseS3Url', 'storeFromConfig']);
});
