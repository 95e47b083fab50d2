import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cli from '../src/index.js';

test('public API of @docmill/cli is pinned', () => {
  assert.deepEqual(Object.keys(cli).sort(), ['expandInputs', 'main', 'runConvert']);
});
