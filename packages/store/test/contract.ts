import assert from 'node:assert/strict';
import type { Store } from '../src/index.js';

/** The behaviour every Store must have; run against FsStore and, where a server exists, S3Store. */
export async function storeContract(store: Store): Promise<void> {
  assert.equal(await store.get('jobs/a/document.md'), undefined);
  assert.equal(await store.exists('jobs/a/document.md'), false);

  await store.put('jobs/a/document.md', '# Hello\n', 'text/markdown');
  await store.put('jobs/a/pages/0002.png', Buffer.from([1, 2, 3]), 'image/png');
  await store.put('jobs/a/pages/0001.png', Buffer.from([4, 5]), 'image/png');
  await store.put('jobs/ab/manifest.json', '{}');
  await store.put('inputs/x', Buffer.from('pdf'));

  assert.equal((await store.get('jobs/a/document.md'))?.toString('utf8'), '# Hello\n');
  assert.deepEqual(await store.get('jobs/a/pages/0002.png'), Buffer.from([1, 2, 3]));
  assert.equal(await store.exists('jobs/a/pages/0001.png'), true);

  // Listing is by string prefix and sorted; "jobs/a/" does not include "jobs/ab/".
  assert.deepEqual(await store.list('jobs/a/'), ['jobs/a/document.md', 'jobs/a/pages/0001.png', 'jobs/a/pages/0002.png']);
  assert.deepEqual(await store.list('jobs/a'), ['jobs/a/document.md', 'jobs/a/pages/0001.png', 'jobs/a/pages/0002.png', 'jobs/ab/manifest.json']);
  assert.deepEqual(await store.list('nothing/'), []);

  // Overwrite replaces the whole object.
  await store.put('jobs/a/document.md', 'short');
  assert.equal((await store.get('jobs/a/document.md'))?.toString('utf8'), 'short');

  if (store.getStream) {
    const s = await store.getStream('jobs/a/pages/0002.png');
    assert.ok(s);
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(Buffer.from(c as Uint8Array));
    assert.deepEqual(Buffer.concat(chunks), Buffer.from([1, 2, 3]));
    assert.equal(await store.getStream('jobs/a/none.png'), undefined);
  }

  assert.equal(await store.delete('jobs/a/'), 3);
  assert.deepEqual(await store.list('jobs/'), ['jobs/ab/manifest.json']);
  assert.equal(await store.exists('inputs/x'), true);
  assert.equal(await store.delete('jobs/a/'), 0);

  for (const bad of ['../etc/passwd', '/abs', 'a//b', 'a/./b', '']) {
    await assert.rejects(store.put(bad, 'x'), (e: unknown) => (e as { code?: string }).code === 'DOCMILL_ERR_USAGE_BAD_ARGUMENT', bad);
  }
}
