import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as layout from '../src/index.js';

test('public API of @docmill/layout is pinned', () => {
  assert.deepEqual(Object.keys(layout).sort(), ['applyOutline', 'assembleBlocks', 'continues', 'findArticles', 'joinBlock', 'joinedInto', 'layoutPage']);
});
