import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDocmillError } from '@docmill/core';
import { ApiKeys, bearerToken, loadApiKeys, parseApiKeys } from '../src/auth.js';

test('DOCMILL_API_KEYS items are key:tenant[:webhookSecret]', () => {
  assert.deepEqual(parseApiKeys(' key-aaaaaaaa:acme , key-bbbbbbbb:globex:whs:with:colons ,'), [
    { key: 'key-aaaaaaaa', tenant: 'acme' },
    { key: 'key-bbbbbbbb', tenant: 'globex', webhookSecret: 'whs:with:colons' },
  ]);
  assert.throws(() => parseApiKeys('lonely-key-without-tenant'), (e) => isDocmillError(e, 'USAGE_BAD_ARGUMENT'));
});

test('lookup finds the principal of a key, nothing for other strings', () => {
  const keys = new ApiKeys([
    { key: 'key-aaaaaaaa', tenant: 'acme', webhookSecret: 's1' },
    { key: 'key-bbbbbbbb', tenant: 'globex', ratePerMinute: 5 },
  ]);
  const a = keys.lookup('key-aaaaaaaa');
  assert.equal(a?.tenant, 'acme');
  assert.equal(a?.webhookSecret, 's1');
  assert.match(a!.keyId, /^[0-9a-f]{12}$/);
  assert.equal(keys.lookup('key-bbbbbbbb')?.ratePerMinute, 5);
  assert.notEqual(keys.lookup('key-bbbbbbbb')?.keyId, a?.keyId);
  for (const wrong of ['', 'key-aaaaaaa', 'key-aaaaaaaaa', 'KEY-AAAAAAAA', 'acme']) assert.equal(keys.lookup(wrong), undefined, wrong);
});

test('bad key sets are refused: short keys, bad tenants, duplicates, none at all', () => {
  assert.throws(() => new ApiKeys([{ key: 'short', tenant: 'acme' }]), (e) => isDocmillError(e, 'USAGE_BAD_ARGUMENT'));
  assert.throws(() => new ApiKeys([{ key: 'key-aaaaaaaa', tenant: 'a/b' }]), (e) => isDocmillError(e, 'USAGE_BAD_ARGUMENT'));
  assert.throws(() => new ApiKeys([{ key: 'key-aaaaaaaa', tenant: 'a' }, { key: 'key-aaaaaaaa', tenant: 'b' }]), (e) => isDocmillError(e, 'USAGE_BAD_ARGUMENT'));
  assert.throws(() => loadApiKeys({}), (e) => isDocmillError(e, 'USAGE_BAD_ARGUMENT'));
});

test('keys come from the env variable and the JSON file together', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docmill-api-keys-'));
  try {
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify([{ key: 'file-key-1234', tenant: 'initech', webhookSecret: 'w', ratePerMinute: 7 }]));
    const keys = loadApiKeys({ DOCMILL_API_KEYS: 'env-key-12345:acme', DOCMILL_API_KEYS_FILE: file });
    assert.equal(keys.size, 2);
    assert.equal(keys.lookup('env-key-12345')?.tenant, 'acme');
    assert.deepEqual({ ...keys.lookup('file-key-1234'), keyId: undefined }, { tenant: 'initech', keyId: undefined, webhookSecret: 'w', ratePerMinute: 7 });
    writeFileSync(file, '{"not": "an array"}');
    assert.throws(() => loadApiKeys({ DOCMILL_API_KEYS_FILE: file }), (e) => isDocmillError(e, 'USAGE_BAD_ARGUMENT'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bearerToken reads "Bearer <key>" and refuses anything else as AUTH_MISSING', () => {
  assert.equal(bearerToken('Bearer abc.def'), 'abc.def');
  assert.equal(bearerToken('bearer   xyz '), 'xyz');
  for (const h of [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b']) {
    assert.throws(() => bearerToken(h), (e) => isDocmillError(e, 'AUTH_MISSING'), String(h));
  }
});
