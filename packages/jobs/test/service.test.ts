import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { convertDocument } from '@docmill/pipeline';
import { DocmillError, loadConfig, type DocumentResult, type VisionEngine } from '@docmill/core';
import type { Store } from '@docmill/store';
import { verifyWebhook, type JobRecord } from '../src/index.js';
import { SearchIndex } from '@docmill/ask';
import { backfillSearch } from '../src/effects.js';
import { follow, harness, makeDocument, brokenPdf, sharedPool, closeSharedPool } from './fixtures.js';
import { encryptedPdf } from '@docmill/fixtures';

// Test-only options (_faultPages, _pageDelayMs) act only with DOCMILL_TEST=1 (npm test sets it too).
process.env.DOCMILL_TEST = '1';
/** A safety net so that a job stuck in running fails its test instead of hanging it (not a timing assertion). */
const LIMIT = 180_000;
after(closeSharedPool);

/** A result without what legitimately differs between two runs (wall-clock seconds). */
function comparable(doc: DocumentResult): unknown {
  return { ...doc, usage: { ...doc.usage, seconds: 0 } };
}

test('a multi-page PDF goes submit → events → result, identical to the in-process convertDocument', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const bytes = await makeDocument(5);
  const job = await h.service.submit({ tenant: 'acme', bytes, filename: 'report.pdf', options: {} });
  assert.equal(job.status, 'queued');
  assert.equal(job.filename, 'report.pdf');

  const { events, final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'succeeded', JSON.stringify(final.error));
  assert.deepEqual(final.progress, { pagesDone: 5, pagesTotal: 5 });
  assert.equal(events[0]?.type, 'status', 'the current state comes first');
  const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress.pagesDone] : []));
  assert.ok(progress.length >= 1 && progress.at(-1) === 5, `progress events: ${progress.join(',')}`);
  assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes back');
  assert.ok(final.timings.totalMs !== undefined && final.timings.ingestMs !== undefined);
  assert.equal(final.usage?.pages, 5);

  const viaQueue = await h.service.result('acme', job.id);
  const inProcess = await convertDocument(bytes, { pool: sharedPool() });
  assert.deepEqual(comparable(viaQueue), comparable(inProcess));
  assert.equal(await h.service.markdown('acme', job.id), inProcess.markdown);
  assert.match(inProcess.markdown, /Section 3/);
  assert.deepEqual(await h.service.page('acme', job.id, 2), inProcess.pages[1]);
  await assert.rejects(h.service.page('acme', job.id, 9), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });
  // No image was kept: page 1 is drawn from the stored input on demand, then kept; page 9 does not exist.
  assert.equal(await h.store.get(`jobs/${job.id}/pages/0001.png`), undefined, 'no images kept by the job');
  const drawn = await h.service.pageImage('acme', job.id, 1);
  assert.deepEqual([...drawn.subarray(1, 4)], [...Buffer.from('PNG')]);
  assert.deepEqual(await h.store.get(`jobs/${job.id}/pages/0001.png`), drawn, 'kept for the next request');
  await assert.rejects(h.service.pageImage('acme', job.id, 9), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });

  // The manifest is written and says succeeded.
  const manifest = JSON.parse((await h.store.get(`jobs/${job.id}/manifest.json`))!.toString('utf8'));
  assert.equal(manifest.status, 'succeeded');
  assert.equal(manifest.pages.length, 5);
  assert.equal(manifest.sha256, job.sha256);
  const { jobs } = await h.service.list('acme');
  assert.deepEqual(jobs.map((j) => j.id), [job.id]);
  // Another tenant sees nothing.
  await assert.rejects(h.service.get('other', job.id), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });
  await assert.rejects(h.service.result('other', job.id), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });
  await assert.rejects(h.service.cancel('other', job.id), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });
  assert.deepEqual((await h.service.list('other')).jobs, []);

  const m = await h.service.metrics();
  assert.equal(m.jobs.succeeded, 1);
  assert.equal(m.pagesDone, 5);
  assert.equal(m.pageLatencyMs.length, 5);
  assert.equal(m.queues.page?.waiting, 0);
  assert.equal(await h.service.ping(), true);
});

test('a broken PDF fails at once with its coded error, without retries', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const job = await h.service.submit({ tenant: 'acme', bytes: brokenPdf(), options: {} });
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'failed');
  assert.equal(final.error?.code, 'DOCMILL_ERR_PDF_CORRUPT', JSON.stringify(final.error));
  // The record fails in the step itself; BullMQ files the step as failed just after (waited for).
  const ingestJob = await h.service.ctx.queue('ingest').getJob(job.id);
  assert.ok(ingestJob);
  while ((await ingestJob.getState()) !== 'failed') await new Promise((r) => setTimeout(r, 20));
  assert.equal((await h.service.ctx.queue('ingest').getJob(job.id))?.attemptsMade, 1, 'an unrecoverable input error is not retried');
  await assert.rejects(h.service.result('acme', job.id), { code: 'DOCMILL_ERR_JOB_FAILED' });
  const notPdf = await h.service.submit({ tenant: 'acme', bytes: new TextEncoder().encode('hello, plain text'), options: {} });
  assert.equal((await follow(h.service, 'acme', notPdf.id)).final.error?.code, 'DOCMILL_ERR_INPUT_UNSUPPORTED_TYPE');
});

test('a page that keeps failing uses up only its own attempts; the job succeeds with that page flagged', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(4), options: { _faultPages: [2] } });
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'succeeded');
  assert.deepEqual(final.failedPages, [2]);
  assert.ok(final.degraded, '1 failed page of 4 is past the 10 % degraded share');
  const doc = await h.service.result('acme', job.id);
  assert.equal(doc.pages.length, 4);
  const bad = doc.pages[2]!;
  assert.ok(bad.flags.includes('error'));
  assert.equal(bad.error?.code, 'DOCMILL_ERR_PAGE_FAILED');
  assert.match(bad.error?.message ?? '', /Injected fault on page 3/);
  assert.equal(doc.usage.pagesFailed, 1);
  const q = h.service.ctx.queue('page');
  for (const i of [0, 1, 2, 3]) {
    const pj = await q.getJob(`${job.id}-p${i}`);
    assert.equal(pj?.attemptsMade, i === 2 ? 3 : 1, `attempts of page ${i}`);
  }
});

test('every page failing fails the job, naming a page', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(2), options: { _faultPages: [0, 1] } });
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'failed');
  assert.equal(final.error?.code, 'DOCMILL_ERR_PAGE_FAILED');
  assert.match(final.error?.message ?? '', /Every page failed; page 1/);
});

test('cancel stops a running job: it ends canceled, remaining pages are skipped, no result is written', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers({ concurrency: { page: 1 } });
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(8), options: { _pageDelayMs: 200 } });
  let canceled: JobRecord | undefined;
  const seen: string[] = [];
  for await (const ev of h.service.events('acme', job.id)) {
    seen.push(ev.type === 'status' ? ev.job.status : `p${ev.progress.pagesDone}`);
    if (ev.type === 'progress' && ev.progress.pagesDone >= 1 && !canceled) canceled = await h.service.cancel('acme', job.id);
  }
  assert.equal(canceled?.status, 'canceled');
  assert.equal(seen.at(-1), 'canceled');
  // Wait for the queues to drain (a condition, not a fixed sleep), then check nothing moved on.
  const q = h.service.ctx.queue('page');
  for (;;) {
    const c = await q.getJobCounts('waiting', 'active', 'delayed');
    if ((c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const rec = await h.service.get('acme', job.id);
  assert.equal(rec.status, 'canceled');
  assert.ok(rec.progress.pagesDone < 8, `pages done after cancel: ${rec.progress.pagesDone}`);
  assert.equal(await h.store.exists(`jobs/${job.id}/document.json`), false);
  await assert.rejects(h.service.result('acme', job.id), { code: 'DOCMILL_ERR_JOB_CANCELED' });
  // Canceling again is a no-op.
  assert.equal((await h.service.cancel('acme', job.id)).status, 'canceled');
});

test('content addressing: the same bytes and options for the same tenant reuse the finished result', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const bytes = await makeDocument(3, 7);
  const first = await h.service.submit({ tenant: 'acme', bytes, options: { ocr: 'auto' } });
  assert.equal((await follow(h.service, 'acme', first.id)).final.status, 'succeeded');

  const again = await h.service.submit({ tenant: 'acme', bytes: new Uint8Array(bytes), options: { ocr: 'auto' } });
  assert.notEqual(again.id, first.id);
  assert.equal(again.status, 'succeeded', 'finished at once');
  assert.deepEqual(again.reused, { from: first.id });
  // A late subscriber gets the final state at once.
  const { events } = await follow(h.service, 'acme', again.id);
  assert.equal(events.length, 1);
  assert.deepEqual(await h.service.result('acme', again.id), await h.service.result('acme', first.id));
  const manifest = JSON.parse((await h.store.get(`jobs/${again.id}/manifest.json`))!.toString('utf8'));
  assert.deepEqual(manifest.reused, { from: first.id });

  // Different options, or another tenant: converted anew.
  const otherOptions = await h.service.submit({ tenant: 'acme', bytes, options: { pages: '1' } });
  assert.equal(otherOptions.reused, undefined);
  const otherTenant = await h.service.submit({ tenant: 'globex', bytes, options: { ocr: 'auto' } });
  assert.equal(otherTenant.reused, undefined);
  assert.equal((await follow(h.service, 'acme', otherOptions.id)).final.progress.pagesTotal, 1);
  assert.equal((await follow(h.service, 'globex', otherTenant.id)).final.status, 'succeeded');

  // Deleting the first job does not break the copy made from it.
  await h.service.delete('acme', first.id);
  await assert.rejects(h.service.get('acme', first.id), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });
  assert.deepEqual(await h.store.list(`jobs/${first.id}/`), []);
  assert.equal((await h.service.result('acme', again.id)).pages.length, 3);
});

test('an idempotency key returns the same job; another key makes another job', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  const bytes = await makeDocument(1);
  const [a, b] = await Promise.all([
    h.service.submit({ tenant: 'acme', bytes, options: {}, idempotencyKey: 'k-1' }),
    h.service.submit({ tenant: 'acme', bytes, options: {}, idempotencyKey: 'k-1' }),
  ]);
  assert.equal(a.id, b.id);
  const c = await h.service.submit({ tenant: 'acme', bytes, options: {}, idempotencyKey: 'k-2' });
  assert.notEqual(c.id, a.id);
  const d = await h.service.submit({ tenant: 'globex', bytes, options: {}, idempotencyKey: 'k-1' });
  assert.notEqual(d.id, a.id, 'keys are per tenant');
  assert.equal((await h.service.list('acme')).jobs.length, 2);
});

/** Waits until `check` holds (a condition, polled; not a fixed sleep). */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 25));
}

test('a finished job writes chunks.jsonl and the search relay indexes it; deleting it removes it from search', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(3), options: {} });
  assert.equal((await follow(h.service, 'acme', job.id)).final.status, 'succeeded');
  const raw = await h.store.get(`jobs/${job.id}/chunks.jsonl`);
  const chunks = raw!.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { pages: number[]; text: string });
  assert.deepEqual([...new Set(chunks.flatMap((c) => c.pages))], [1, 2, 3]);
  const index = new SearchIndex({ redis: h.service.ctx.redis, prefix: `${h.prefix}:search` });
  await until(async () => (await index.indexedJobs('acme')).includes(job.id));
  const hits = await index.search('acme', 'docmill results item', 3);
  assert.ok(hits.length > 0 && hits.every((x) => x.jobId === job.id), JSON.stringify(hits));
  assert.deepEqual(await index.search('globex', 'docmill results item', 3), [], 'another tenant sees nothing');
  await h.service.delete('acme', job.id);
  await until(async () => (await index.indexedJobs('acme')).length === 0);
  assert.deepEqual(await index.search('acme', 'docmill results item', 3), []);
});

test('an index of search layout v2 is moved to v3 by the search relay\'s processes: its succeeded jobs are found again, its keys dropped', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(2), options: {} });
  assert.equal((await follow(h.service, 'acme', job.id)).final.status, 'succeeded');
  const redis = h.service.ctx.redis;
  const index = new SearchIndex({ redis, prefix: `${h.prefix}:search` });
  await until(async () => (await index.indexedJobs('acme')).includes(job.id));
  // As an index written before v3: the job (and one deleted since) in v2's job set, a posting; nothing in v3.
  await index.remove('acme', job.id);
  const v2 = `${h.prefix}:search:v2:{acme}`;
  await redis.sadd(`${v2}:jobs`, job.id, 'j-deleted-since');
  await redis.hset(`${v2}:t:docmill`, '1', '1:10');
  assert.deepEqual(await index.search('acme', 'docmill results item', 3), []);
  assert.equal(await backfillSearch(h.service.ctx, index), 1);
  assert.deepEqual(await index.indexedJobs('acme'), [job.id]);
  assert.ok((await index.search('acme', 'docmill results item', 3)).some((x) => x.jobId === job.id));
  assert.deepEqual(await redis.keys(`${v2}:*`), [], 'the v2 keys are gone');
  assert.equal(await backfillSearch(h.service.ctx, index), 0, 'nothing left to move');
});

test('kept page images are stored as PNG per page', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(2), options: { keepImages: true } });
  assert.equal((await follow(h.service, 'acme', job.id)).final.status, 'succeeded');
  const png = await h.service.pageImage('acme', job.id, 2);
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(await h.store.list(`jobs/${job.id}/pages/`), [`jobs/${job.id}/pages/0001.png`, `jobs/${job.id}/pages/0002.png`]);
});

test('webhooks: the final record is POSTed with a valid signature, and retried after a 500', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  // The receiver listens on 127.0.0.1: a private address, refused unless allowed.
  await h.startWorkers({ config: loadConfig({ ...process.env, DOCMILL_ALLOW_PRIVATE_URLS: '1' }) });
  const deliveries: Array<{ status: number; body: string; headers: IncomingHttpHeaders }> = [];
  let delivered!: () => void;
  const done = new Promise<void>((r) => { delivered = r; });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = deliveries.length === 0 ? 500 : 204;
      deliveries.push({ status, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(status).end();
      if (status === 204) delivered();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const port = (server.address() as { port: number }).port;

  const secret = 'whsec-test';
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(1), options: {}, callback: { url: `http://127.0.0.1:${port}/hook`, secret } });
  await follow(h.service, 'acme', job.id);
  await done;
  assert.equal(deliveries.length, 2);
  for (const d of deliveries) {
    assert.equal(d.headers['x-docmill-event'], 'job.succeeded');
    const sig = d.headers['x-docmill-signature'] as string;
    const ts = d.headers['x-docmill-timestamp'] as string;
    assert.match(ts, /^\d+$/, 'a timestamp in Unix seconds');
    assert.ok(verifyWebhook(d.body, secret, sig, ts), 'signature verifies');
    assert.equal(verifyWebhook(d.body, 'wrong', sig, ts), false);
    // The timestamp is signed: a replay with a fresh one fails, and an old one is refused.
    assert.equal(verifyWebhook(d.body, secret, sig, String(Number(ts) + 1)), false, 'the timestamp is part of the signed input');
    assert.equal(verifyWebhook(d.body, secret, sig, ts, { nowS: Number(ts) + 3600 }), false, 'an hour-old delivery is refused');
    assert.equal(verifyWebhook(d.body, secret, sig, undefined), false);
  }
  assert.equal(deliveries[0]!.headers['x-docmill-delivery'], `${job.id}-webhook`);
  assert.equal(deliveries[1]!.headers['x-docmill-delivery'], deliveries[0]!.headers['x-docmill-delivery'], 'a retry carries the same delivery id');
  assert.equal(deliveries[0]!.body, deliveries[1]!.body, 'a retry sends the same body');
  const body = JSON.parse(deliveries[1]!.body) as JobRecord;
  assert.equal(body.id, job.id);
  assert.equal(body.status, 'succeeded');
  assert.ok(!deliveries[1]!.body.includes(secret), 'the secret never travels');
  assert.ok(!JSON.stringify(await h.service.get('acme', job.id)).includes(secret), 'nor shows in the record');
  const wj = (await h.service.ctx.queue('webhook').getJobs(['completed']))[0];
  assert.equal(wj?.attemptsMade, 2);
});

test('a webhook whose host is (or has become) a private address is not delivered: refused at delivery, not retried', { timeout: LIMIT }, async (t) => {
  // The API checks callback URLs at submission; a name can be pointed elsewhere afterwards (DNS rebinding).
  const h = await harness(t);
  await h.startWorkers();
  let hits = 0;
  const server = createServer((_req, res) => { hits++; res.writeHead(204).end(); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const port = (server.address() as { port: number }).port;
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(1), options: {}, callback: { url: `http://localhost:${port}/hook`, secret: 'whsec-x' } });
  assert.equal((await follow(h.service, 'acme', job.id)).final.status, 'succeeded');
  const q = h.service.ctx.queue('webhook');
  let failed = await q.getJobs(['failed']);
  while (failed.length === 0) {
    await new Promise((r) => setTimeout(r, 50));
    failed = await q.getJobs(['failed']);
  }
  assert.match(failed[0]!.failedReason, /localhost resolves to (127\.0\.0\.1|::1)/);
  assert.equal(failed[0]!.attemptsMade, 1, 'not retried');
  assert.equal(hits, 0);
});

test('vision engines: pages go to the vision queue; a page the engine gives up on falls back to local, flagged', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  const calls: number[] = [];
  // A stand-in for a model server's engine: it answers even pages and gives up on odd ones.
  const engine: VisionEngine = {
    name: 'stub-vision',
    renderLongestSide: 300,
    async transcribe(page) {
      calls.push(page.index);
      assert.ok(page.image && Math.max(page.image.width, page.image.height) <= 300, 'rendered at the engine size');
      if (page.index % 2) return { ok: false, error: { code: 'DOCMILL_ERR_ENGINE_HTTP', message: 'server said 500' }, attempts: 2 };
      return { ok: true, draft: { index: page.index, dimensions: page.dimensions, blocks: [{ type: 'paragraph', text: `The model read page ${page.index} of this document in full.`, bbox: [72, 300, 520, 320] }], path: 'vision', engine: 'stub-vision', flags: [] } };
    },
  };
  await h.startWorkers({ queues: ['ingest', 'vision', 'assemble'], vision: () => engine });
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(4), options: { engine: 'openai' } });
  assert.equal(job.engine, 'openai');
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'succeeded', JSON.stringify(final.error));
  assert.deepEqual(calls.sort(), [0, 1, 2, 3]);
  const doc = await h.service.result('acme', job.id);
  assert.deepEqual(doc.pages.map((p) => p.path), ['vision', 'text', 'vision', 'text']);
  assert.match(doc.pages[0]!.markdown, /The model read page 0/);
  assert.ok(doc.pages[1]!.flags.includes('fallback'));
  assert.equal(doc.pages[1]!.fallback?.from, 'stub-vision');
  assert.equal(doc.usage.pagesFallback, 2);
  assert.ok(final.degraded);
  assert.ok(await h.service.ctx.queue('vision').getJob(`${job.id}-p0`), 'the page job ran on the vision queue');
  assert.equal(await h.service.ctx.queue('page').getJob(`${job.id}-p0`), undefined);
});

test('an assemble step that keeps failing fails the job; the half-written result never reads as complete', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  // The workers' store refuses to write document.md (a disk that fills up half-way).
  const s = h.store;
  const failing: Store = {
    description: 'failing', get: (k) => s.get(k), exists: (k) => s.exists(k), list: (p) => s.list(p), delete: (p) => s.delete(p),
    async put(key, data, type) {
      if (key.endsWith('/document.md')) throw new DocmillError('STORE_FAILED', 'Disk full (test).');
      return s.put(key, data, type);
    },
  };
  // Assemble waits out a failing store for DOCMILL_ASSEMBLE_RETRY_MS: 3 s here (3 attempts).
  await h.startWorkers({ store: failing, config: loadConfig({ ...process.env, DOCMILL_ASSEMBLE_RETRY_MS: '3000' }) });
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(2), options: {} });
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'failed');
  assert.equal(final.error?.code, 'DOCMILL_ERR_STORE_FAILED');
  const assemble = await h.service.ctx.queue('assemble').getJob(`${job.id}-assemble`);
  assert.equal(assemble?.attemptsMade, assemble?.opts.attempts, 'retried by its policy first');
  assert.equal(await h.store.exists(`jobs/${job.id}/document.json`), true, 'written before the failure');
  assert.equal(await h.store.exists(`jobs/${job.id}/manifest.json`), false, 'so no manifest: not complete');
  await assert.rejects(h.service.result('acme', job.id), { code: 'DOCMILL_ERR_JOB_FAILED' });
});

test('test-only fault options do nothing unless DOCMILL_TEST=1', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  process.env.DOCMILL_TEST = '0';
  t.after(() => { process.env.DOCMILL_TEST = '1'; });
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(2), options: { _faultPages: [0, 1] } });
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'succeeded');
  assert.equal(final.failedPages, undefined);
  assert.deepEqual(final.options, {}, 'test options never show in the record');
});

test('delete while running: the job is canceled, then its record and stored objects are gone', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers({ concurrency: { page: 1 } });
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(6), options: { _pageDelayMs: 200, keepImages: true } });
  for await (const ev of h.service.events('acme', job.id)) {
    if (ev.type === 'progress' && ev.progress.pagesDone >= 1) break;
  }
  await h.service.delete('acme', job.id);
  await assert.rejects(h.service.get('acme', job.id), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });
  await assert.rejects(h.service.delete('acme', job.id), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });
  // Let the page queue drain (a condition, not a fixed sleep): nothing may reappear.
  const q = h.service.ctx.queue('page');
  for (;;) {
    const c = await q.getJobCounts('waiting', 'active', 'delayed');
    if ((c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.deepEqual(await h.store.list(`jobs/${job.id}/`), []);
  assert.equal(await h.redis.exists(h.service.ctx.records.keys.job(job.id)), 0);
  assert.deepEqual((await h.service.list('acme')).jobs, []);
});

test('a job keeps its own copy of the upload, gone with the job; one stored the old shared way still converts', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  const bytes = await makeDocument(2);
  const job = await h.service.submit({ tenant: 'acme', bytes, options: {} });
  const input = `jobs/${job.id}/input`;
  assert.deepEqual(await h.store.get(input), Buffer.from(bytes));
  assert.deepEqual(await h.store.list('inputs/'), [], 'nothing shared');

  // A job queued by an earlier version: its bytes in inputs/<sha256> only.
  const legacy = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(3), options: {} });
  const legacyBytes = (await h.store.get(`jobs/${legacy.id}/input`))!;
  await h.store.put(`inputs/${legacy.sha256}`, legacyBytes);
  await h.store.delete(`jobs/${legacy.id}/input`);

  await h.startWorkers();
  assert.equal((await follow(h.service, 'acme', job.id)).final.status, 'succeeded');
  assert.equal((await follow(h.service, 'acme', legacy.id)).final.status, 'succeeded');
  await h.service.delete('acme', job.id);
  assert.equal(await h.store.get(input), undefined);
  assert.deepEqual(await h.store.list(`jobs/${job.id}/`), []);
});

test('sweepExpired deletes the jobs finished longer ago than the TTL, whole, and nothing else', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  const bytes = await makeDocument(1);
  const done = await h.service.submit({ tenant: 'acme', bytes, options: {} });
  const canceled = await h.service.submit({ tenant: 'globex', bytes, options: { pages: '1' } });
  await h.service.cancel('globex', canceled.id);
  const workers = await h.startWorkers();
  assert.equal((await follow(h.service, 'acme', done.id)).final.status, 'succeeded');
  const again = await h.service.submit({ tenant: 'acme', bytes, options: {} });
  assert.equal(again.reused?.from, done.id, 'a copy of a finished job is finished at once');
  await workers.close();
  const pending = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(2), options: {} });

  assert.equal(await h.service.sweepExpired(3_600_000), 0, 'nothing finished an hour ago');
  assert.equal((await h.service.get('acme', done.id)).status, 'succeeded');

  assert.equal(await h.service.sweepExpired(0), 3);
  for (const [tenant, id] of [['acme', done.id], ['globex', canceled.id], ['acme', again.id]] as const) {
    await assert.rejects(h.service.get(tenant, id), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });
    assert.deepEqual(await h.store.list(`jobs/${id}/`), []);
  }
  assert.equal((await h.service.get('acme', pending.id)).status, 'queued', 'an unfinished job stays');
  assert.deepEqual(await h.store.list(`jobs/${pending.id}/`), [`jobs/${pending.id}/input`]);
  assert.equal(await h.redis.zcard(h.service.ctx.records.keys.finished), 0);
  assert.equal(await h.service.sweepExpired(0), 0, 'a second sweep finds nothing');
});

test('an encrypted PDF converts with its password, which no queue payload carries and which is gone when the job ends', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const password = 'vault-opens-at-midnight';
  const bytes = encryptedPdf({ userPassword: password, ownerPassword: 'owner-pw', text: 'The ledger of the harbour office.' });
  const locked = await h.service.submit({ tenant: 'acme', bytes, options: {} });
  assert.equal((await follow(h.service, 'acme', locked.id)).final.error?.code, 'DOCMILL_ERR_PDF_ENCRYPTED');
  const job = await h.service.submit({ tenant: 'acme', bytes, options: { password } });
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'succeeded', JSON.stringify(final.error));
  assert.match(await h.service.markdown('acme', job.id), /ledger of the harbour office/);
  const payloads: unknown[] = [];
  for (const family of ['ingest', 'page', 'assemble'] as const) {
    for (const j of await h.service.ctx.queue(family).getJobs(['completed', 'failed'])) payloads.push(j.data);
  }
  assert.ok(payloads.length >= 3, `${payloads.length} payloads`);
  assert.ok(!JSON.stringify(payloads).includes(password), 'no payload holds the password');
  assert.equal(await h.redis.exists(h.service.ctx.records.keys.password(job.id)), 0, 'the password is dropped at the end');
});
