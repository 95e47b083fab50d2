import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsStore, S3Store, inputKey, jobKeys, parseS3Url, storeFromConfig } from '../src/index.js';
import { storeContract } from './contract.js';

async function tempStore(t: { after: (fn: () => Promise<void>) => void }): Promise<{ store: FsStore; root: string }> {
  const root = await mkdtemp(join(tmpdir(), 'docmill-store-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  return { store: new FsStore(root), root };
}

test('FsStore follows the store contract', async (t) => {
  const { store } = await tempStore(t);
  await storeContract(store);
});

test('FsStore writes are atomic: concurrent readers see the old or the new object, whole', async (t) => {
  const { store } = await tempStore(t);
  const a = Buffer.alloc(4 * 1024 * 1024, 0x61);
  const b = Buffer.alloc(3 * 1024 * 1024 + 17, 0x62);
  await store.put('jobs/j/document.json', a);
  let writes = 0;
  let reads = 0;
  const writer = (async () => {
    for (let i = 0; i < 20; i++, writes++) await store.put('jobs/j/document.json', i % 2 ? a : b);
  })();
  const reader = (async () => {
    while (writes < 20) {
      const got = await store.get('jobs/j/document.json');
      reads++;
      assert.ok(got, 'never missing during a rewrite');
      assert.ok(got.equals(a) || got.equals(b), `a torn read of ${got.length} bytes`);
    }
  })();
  await Promise.all([writer, reader]);
  assert.ok(reads > 0);
});

test('FsStore: a write that crashed before its rename leaves nothing that reads as an object', async (t) => {
  const { store, root } = await tempStore(t);
  await store.put('jobs/j/document.md', 'done');
  // What a crash between write and rename leaves behind: a hidden temporary file.
  await writeFile(join(root, 'jobs/j/.manifest.json.0123456789ab.tmp'), '{"status":"succ');
  assert.equal(await store.exists('jobs/j/manifest.json'), false);
  assert.deepEqual(await store.list('jobs/j/'), ['jobs/j/document.md']);
  // And a successful put leaves no temporary file.
  await store.put('jobs/j/manifest.json', '{}');
  const names = await readdir(join(root, 'jobs/j'));
  assert.deepEqual(names.filter((n) => n.endsWith('.tmp')), ['.manifest.json.0123456789ab.tmp']);
  // delete() removes keys only; a crash's leftover is not a key.
  assert.equal(await store.delete('jobs/j/'), 2);
});

test('job layout keys follow DESIGN.md', () => {
  const k = jobKeys('j123');
  assert.equal(k.manifest, 'jobs/j123/manifest.json');
  assert.equal(k.json, 'jobs/j123/document.json');
  assert.equal(k.markdown, 'jobs/j123/document.md');
  assert.equal(k.chunks, 'jobs/j123/chunks.jsonl');
  assert.equal(k.pageImage(0), 'jobs/j123/pages/0001.png');
  assert.equal(k.pageImage(12344), 'jobs/j123/pages/12345.png');
  assert.equal(inputKey('a'.repeat(64)), `inputs/${'a'.repeat(64)}`);
  assert.throws(() => jobKeys('../x'), /Bad job id/);
  assert.throws(() => inputKey('nothex'), /Not a sha256/);
});

test('storeFromConfig picks the backend from DOCMILL_STORE', () => {
  assert.ok(storeFromConfig({ DOCMILL_STORE: '/tmp/x' }) instanceof FsStore);
  const s3 = storeFromConfig({ DOCMILL_STORE: 's3://bucket/some/prefix/' }, { endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  assert.ok(s3 instanceof S3Store);
  assert.equal((s3 as S3Store).bucket, 'bucket');
  assert.equal((s3 as S3Store).prefix, 'some/prefix/');
  assert.deepEqual(parseS3Url('s3://b'), { bucket: 'b', prefix: '' });
  assert.throws(() => parseS3Url('http://b/x'), /Not an S3 URL/);
});
