import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDocmillError, loadConfig } from '@docmill/core';
import { JobService } from '@docmill/jobs';
import { storeFromConfig } from '@docmill/store';
import { startServer } from '../src/server.js';
import { REDIS_URL, makePdf } from './helpers.js';

/** The environment of a `docmill serve` for one test: its own store directory and key prefix, one API key for tenant acme. */
async function serveEnv(t: { after: (fn: () => Promise<void>) => void }, key: string) {
  const root = await mkdtemp(join(tmpdir(), 'docmill-api-serve-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  return {
    DOCMILL_REDIS_URL: REDIS_URL,
    DOCMILL_QUEUE_PREFIX: `dmserve-${randomBytes(4).toString('hex')}`,
    DOCMILL_STORE: root,
    DOCMILL_HOST: '127.0.0.1',
    DOCMILL_PORT: '0',
    DOCMILL_API_KEYS: `${key}:acme`,
  };
}

test('startServer configures from the environment, listens, serves, and closes', async (t) => {
  const env = await serveEnv(t, 'serve-key-0001');
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

test('with DOCMILL_JOB_TTL_HOURS the server deletes expired finished jobs on its own', async (t) => {
  const env = await serveEnv(t, 'ttl-key-00001');
  const root = env.DOCMILL_STORE;
  // A finished job (canceled: final without any worker) left by an earlier run.
  const jobs = JobService.fromConfig(loadConfig(env), storeFromConfig(loadConfig(env)));
  const job = await jobs.submit({ tenant: 'acme', bytes: await makePdf(1), options: {} });
  await jobs.cancel('acme', job.id);
  await jobs.close();
  const auth = { authorization: 'Bearer ttl-key-00001' };

  const keeping = await startServer({ env, logger: false });
  try {
    assert.equal((await fetch(`${keeping.url}/v1/jobs/${job.id}`, { headers: auth })).status, 200, 'without a TTL, kept');
  } finally {
    await keeping.close();
  }
  // A TTL of 3.6 µs: the job expired long ago; the first sweep runs as the server starts.
  const server = await startServer({ env: { ...env, DOCMILL_JOB_TTL_HOURS: '0.000000001' }, logger: false });
  try {
    let status = 200;
    for (let i = 0; i < 200 && status === 200; i++) {
      status = (await fetch(`${server.url}/v1/jobs/${job.id}`, { headers: auth })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 25));
    }
    assert.equal(status, 404);
    // The record goes first, then the stored objects (waited for as a condition).
    const left = () => readdir(join(root, 'jobs')).catch(() => []);
    for (let i = 0; i < 200 && (await left()).length > 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.deepEqual(await left(), []);
  } finally {
    await server.close();
  }
});
