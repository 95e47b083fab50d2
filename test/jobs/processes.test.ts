// Faults with real processes: worker files started as operators start them,
// killed with SIGKILL, and a private Redis (AOF on) killed and restarted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { silentLogger, type DocumentResult } from '@docmill/core';
import { JobService, type JobRecord } from '@docmill/jobs';
import { FsStore } from '@docmill/store';
import { convertDocument } from '@docmill/pipeline';
import { makeDocument } from '../../packages/jobs/test/fixtures.js';
import { PrivateRedis, startWorkerProcess, tempDir, waitFor, type WorkerProcess } from './helpers.js';
import { deleteKeys } from '@docmill/fixtures';

const SHARED_REDIS = process.env.DOCMILL_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface World {
  env: Record<string, string>;
  service: JobService;
  store: FsStore;
  spawn(file: string, extra?: Record<string, string>): WorkerProcess;
}

/** A prefix, a store directory, a service, and worker processes that are all killed afterwards. */
async function world(t: { after: (fn: () => Promise<void>) => void }, redisUrl: string): Promise<World> {
  const prefix = `dmproc-${randomBytes(5).toString('hex')}`;
  const storeRoot = await tempDir('docmill-proc-store-');
  const store = new FsStore(storeRoot);
  const service = new JobService({ redisUrl, store, prefix, logger: silentLogger });
  const env = {
    DOCMILL_REDIS_URL: redisUrl, DOCMILL_STORE: storeRoot, DOCMILL_QUEUE_PREFIX: prefix, DOCMILL_TEST: '1',
    // A killed worker's jobs are taken back within a few seconds.
    DOCMILL_LOCK_MS: '2000', DOCMILL_STALLED_MS: '1000', DOCMILL_CONCURRENCY: '2',
  };
  const procs: WorkerProcess[] = [];
  t.after(async () => {
    for (const p of procs) if (p.proc.exitCode === null) p.proc.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    await service.close();
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    await deleteKeys(redis, prefix);
    redis.disconnect();
    await rm(storeRoot, { recursive: true, force: true });
  });
  return {
    env, service, store,
    spawn(file, extra = {}) {
      const p = startWorkerProcess(file, { ...env, ...extra });
      procs.push(p);
      return p;
    },
  };
}

function comparable(doc: DocumentResult): unknown {
  return { ...doc, usage: { ...doc.usage, seconds: 0 } };
}

function finalOf(service: JobService, tenant: string, id: string): Promise<JobRecord> {
  return waitFor(`job ${id} to finish`, async () => {
    const r = await service.get(tenant, id);
    return ['succeeded', 'failed', 'canceled'].includes(r.status) ? r : undefined;
  }, 240_000);
}

test('kill -9 a page worker in the middle of a 30-page document: a new worker finishes it, every page exactly once', { timeout: 400_000 }, async (t) => {
  const w = await world(t, SHARED_REDIS);
  const ingest = w.spawn('workers/ingest.ts');
  const assemble = w.spawn('workers/assemble.ts');
  const pages1 = w.spawn('workers/vision.ts', { DOCMILL_WORKER_QUEUES: 'page' });
  await Promise.all([ingest.ready, assemble.ready, pages1.ready]);

  const bytes = await makeDocument(30, 3);
  const job = await w.service.submit({ tenant: 'acme', bytes, options: { _pageDelayMs: 150 } });
  // Wait (on events) until some pages are done, then kill the page worker mid-document.
  let doneAtKill = 0;
  for await (const ev of w.service.events('acme', job.id)) {
    if (ev.type === 'progress' && ev.progress.pagesDone >= 5) {
      pages1.proc.kill('SIGKILL');
      doneAtKill = ev.progress.pagesDone;
      break;
    }
  }
  await pages1.exited;
  assert.ok(doneAtKill >= 5 && doneAtKill < 30, `killed at ${doneAtKill} pages`);
  const activeAtKill = await w.service.ctx.queue('page').getJobCounts('active');
  assert.ok((activeAtKill.active ?? 0) >= 1, 'the killed worker held pages');

  const pages2 = w.spawn('workers/vision.ts', { DOCMILL_WORKER_QUEUES: 'page' });
  await pages2.ready;
  const final = await finalOf(w.service, 'acme', job.id);
  assert.equal(final.status, 'succeeded', JSON.stringify(final.error));
  assert.equal(final.failedPages, undefined);

  const doc = await w.service.result('acme', job.id);
  assert.deepEqual(doc.pages.map((p) => p.index), Array.from({ length: 30 }, (_, i) => i), 'every page once, in order');
  for (let n = 1; n <= 30; n++) {
    assert.equal(doc.markdown.split(`Section ${n}:`).length - 1, 1, `"Section ${n}:" appears once`);
  }
  assert.deepEqual(comparable(doc), comparable(await convertDocument(bytes, { concurrency: 2 })));

  // SIGTERM closes a worker process gracefully (exit code 0).
  for (const p of [ingest, assemble, pages2]) p.proc.kill('SIGTERM');
  assert.deepEqual(await Promise.all([ingest.exited, assemble.exited, pages2.exited]), [0, 0, 0]);
});

test('Redis (AOF on) killed and restarted: queued jobs and a job in progress complete after it is back', { timeout: 400_000 }, async (t) => {
  const redis = await PrivateRedis.start();
  const w = await world(t, redis.url);
  t.after(() => redis.stop()); // after hooks run in order: the world's cleanup still has Redis
  const bytes = await makeDocument(3, 11);

  // 1. Jobs queued with no worker running; Redis dies and comes back.
  const queued = [
    await w.service.submit({ tenant: 'acme', bytes, options: {} }),
    await w.service.submit({ tenant: 'acme', bytes: await makeDocument(2, 5), options: {} }),
  ];
  await redis.crash();
  await redis.up();
  assert.equal((await w.service.get('acme', queued[0]!.id)).status, 'queued', 'the record survived the restart');

  const procs = [w.spawn('workers/ingest.ts'), w.spawn('workers/assemble.ts'), w.spawn('workers/vision.ts', { DOCMILL_WORKER_QUEUES: 'page' })];
  await Promise.all(procs.map((p) => p.ready));
  for (const q of queued) assert.equal((await finalOf(w.service, 'acme', q.id)).status, 'succeeded');

  // 2. A job in progress when Redis dies: the workers reconnect and finish it.
  const running = await w.service.submit({ tenant: 'acme', bytes: await makeDocument(10, 2), options: { _pageDelayMs: 300 } });
  // An event stream opened before the crash still ends with the final state.
  const followed = (async () => {
    let last: JobRecord | undefined;
    for await (const ev of w.service.events('acme', running.id)) if (ev.type === 'status') last = ev.job;
    return last;
  })();
  await waitFor('some pages done', async () => (await w.service.get('acme', running.id)).progress.pagesDone >= 2);
  await redis.crash();
  await redis.up();
  const final = await finalOf(w.service, 'acme', running.id);
  assert.equal((await followed)?.status, final.status);
  assert.equal(final.status, 'succeeded', JSON.stringify(final.error));
  const doc = await w.service.result('acme', running.id);
  assert.deepEqual(doc.pages.map((p) => p.index), Array.from({ length: 10 }, (_, i) => i));
  assert.ok(doc.pages.every((p) => !p.error), 'no page lost to the restart');
  for (const p of procs) assert.equal(p.proc.exitCode, null, 'workers survived the restart');
});
