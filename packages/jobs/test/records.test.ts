import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, makeDocument } from './fixtures.js';
import { isJobId } from '../src/index.js';

test('listing is per tenant, newest first, paged by cursor without gaps or repeats, filterable by status', async (t) => {
  const h = await harness(t);
  const bytes = await makeDocument(1);
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) ids.push((await h.service.submit({ tenant: 'acme', bytes, options: { pages: String(i + 1) } })).id);
  await h.service.submit({ tenant: 'globex', bytes, options: {} });
  await h.service.cancel('acme', ids[3]!);

  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await h.service.list('acme', { limit: 3, ...(cursor ? { cursor } : {}) });
    seen.push(...page.jobs.map((j) => j.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  assert.deepEqual(seen, [...ids].reverse());
  assert.equal(pages, 3);
  assert.ok(ids.every(isJobId));

  const canceled = await h.service.list('acme', { status: 'canceled' });
  assert.deepEqual(canceled.jobs.map((j) => j.id), [ids[3]]);
  assert.equal(canceled.nextCursor, undefined);
  const queued = await h.service.list('acme', { status: 'queued', limit: 5 });
  assert.equal(queued.jobs.length, 5);
  assert.ok(queued.nextCursor);
  assert.equal((await h.service.list('acme', { status: 'queued', cursor: queued.nextCursor! })).jobs.length, 1);
  await assert.rejects(h.service.list('acme', { cursor: 'nonsense' }), { code: 'DOCMILL_ERR_USAGE_BAD_ARGUMENT' });

  const m = await h.service.metrics();
  assert.equal(m.jobs.queued, 7);
  assert.equal(m.jobs.canceled, 1);
  assert.equal(m.queues.ingest?.waiting, 7, 'the canceled job was taken off the ingest queue');
});

test('status changes are guarded: a finished job never moves again', async (t) => {
  const h = await harness(t);
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(1), options: {} });
  const r = h.service.ctx.records;
  assert.equal(await r.transition(job.id, 'canceled', ['queued', 'running']), true);
  assert.equal(await r.transition(job.id, 'succeeded', ['queued', 'running']), false);
  assert.equal((await h.service.get('acme', job.id)).status, 'canceled');
  assert.equal(await r.transition('j0000000000000000000000', 'running', ['queued']), false);
});

test('a page saved twice is stored once (re-running a page overwrites it); only a running job takes pages', async (t) => {
  const h = await harness(t);
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(1), options: {} });
  const r = h.service.ctx.records;
  assert.equal(await r.savePage(job.id, 4, '{"try":0}', 10), -1, 'a queued job takes no pages');
  assert.equal(await r.transition(job.id, 'running', ['queued']), true);
  assert.equal(await r.savePage(job.id, 4, '{"try":1}', 10), 1);
  assert.equal(await r.savePage(job.id, 4, '{"try":2}', 10), 1);
  assert.equal(await r.savePage(job.id, 5, '{"try":1}', 10), 2);
  assert.deepEqual([...(await r.drafts(job.id)).entries()], [[4, '{"try":2}'], [5, '{"try":1}']]);
  assert.equal((await h.service.get('acme', job.id)).progress.pagesDone, 2);
  await h.service.cancel('acme', job.id);
  assert.equal(await h.redis.exists(r.keys.drafts(job.id)), 0, 'drafts go with the final status');
  assert.equal(await r.savePage(job.id, 6, '{}', 10), -1, 'a canceled job takes no pages (none left behind)');
  assert.equal(await h.redis.exists(r.keys.drafts(job.id)), 0);
  await h.service.delete('acme', job.id);
  assert.equal(await r.savePage(job.id, 6, '{}', 10), -1);
  assert.equal(await h.redis.exists(r.keys.job(job.id)), 0, 'no half record is resurrected');
});
