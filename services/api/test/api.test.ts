import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../src/index.js';

test('public API of @docmill/api is pinned', () => {
  assert.deepEqual(Object.keys(api).sort(), [
    'ApiKeys', 'bearerToken', 'buildApp', 'downloadUrl', 'isForbiddenAddress', 'loadApiKeys', 'parseApiKeys', 'parseIp',
    'principalOf', 'startServer',
  ]);
});
