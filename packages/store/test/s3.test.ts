import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { S3Store } from '../src/index.js';
import { storeContract } from './contract.js';
import { freePort } from '@docmill/fixtures';

// A real S3-protocol server on loopback: moto's server (Python), where installed.
// Without it this test is skipped (and says so) rather than faked.
const haveMoto = spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;

async function startMoto(): Promise<{ proc: ChildProcess; endpoint: string }> {
  const port = await freePort();
  const proc = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.status < 500) return { proc, endpoint };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error('moto_server did not start');
}

test('S3Store follows the store contract against a real S3-protocol server (moto)', { skip: haveMoto ? false : 'moto_server not installed (pip install "moto[server]")' }, async (t) => {
  const { proc, endpoint } = await startMoto();
  t.after(() => { proc.kill('SIGTERM'); });
  const options = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const store = new S3Store('s3://docmill-test/some/prefix', options);
  await store.client.send(new CreateBucketCommand({ Bucket: 'docmill-test' }));
  await storeContract(store);
  // Keys outside the prefix are invisible to the store.
  const other = new S3Store('s3://docmill-test/other', options);
  await other.put('jobs/zz/manifest.json', '{}');
  assert.deepEqual(await store.list('jobs/'), ['jobs/ab/manifest.json']);
  assert.equal(store.description, 's3://docmill-test/some/prefix/');
});
