import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDocmillError } from '@docmill/core';
import { startServer } from '../src/server.js';
import { REDIS_URL } from './helpers.js';

test('startServer configures from the environment, listens, serves, and closes', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'docmill-api-serve-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const env = {
    DOCMILL_REDIS_URL: REDIS_URL,
    DOCMILL_QUEUE_PREFIX: `dmserve-${randomBytes(4).toString('hex')}`,
    DOCMILL_STORE: root,
    DOCMILL_HOST: '127.0.0.1',
    DOCMILL_PORT: '0',
    DOCMILL_API_KEYS: 'serve-key-0001:acme',
  };
  const server = await startServer({ env, logger: false });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    const list = await fetch(`${server.url}/v1/jobs`, { headers: { authorization: 'Bearer serve-key-0001' } });
    assert.equal(list.status, 200);
    assert.deepEqual(await list.json(), { jobs: [] });
  } finally {
    await server.close();
  }
  await assert.rejects(fetch(`${server.url}/healthz`), 'no longer listening');
  await assert.rejects(startServer({ env: { ...env, DOCMILL_API_KEYS: '' }, logger: false }), (e) => isDocmillError(e, 'USAGE_BAD_ARGUMENT'));
});
