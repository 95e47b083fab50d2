/**
 * The job system while the vision servers are down (real Redis, real page
 * rendering, the openai engine against the project's test double): the vision
 * queue stops taking pages, the waiting pages keep their place, it resumes by
 * itself, and no page falls back because of the outage.
 */
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createOpenAIEngine } from '@docmill/vision';
import { startOpenAIDouble } from '@docmill/vision/testing';
import { follow, harness, makeDocument, closeSharedPool } from './fixtures.js';

after(() => closeSharedPool());

const PAGES = 6;

// Note: page jobs carry a BullMQ priority (their document's page count), so pages that wait in the
// queue are in its 'prioritized' list, not 'wait': both count as waiting here.
test('every vision server down mid-job: the vision queue pauses, pages keep their place, it resumes and no page falls back', { timeout: 60_000 }, async (t) => {
  const h = await harness(t);
  const double = await startOpenAIDouble({ model: 'm', reply: (r) => ({ text: `## Page read by the model\n\nRequest ${r.seq} was answered in full by the model.`, delayMs: 100 }) });
  t.after(() => double.close());
  const engine = createOpenAIEngine({ baseUrls: [double.baseUrl], model: 'm', concurrency: 2, servers: { probeBaseMs: 50, probeMaxMs: 200, probeTimeoutMs: 2000 } });
  t.after(() => engine.close());
  const running = await h.startWorkers({ queues: ['ingest', 'vision', 'assemble'], vision: () => engine, concurrency: { vision: 2 } });
  const worker = running.workers.get('vision')!;

  // The first page is answered; then the server goes away.
  const firstAnswer = once(double.events, 'request');
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(PAGES), options: { engine: 'openai' } });
  await firstAnswer;
  const paused = once(worker, 'paused');
  await double.stop();
  await paused;
  assert.equal(engine.availability.available, false);

  // While it is down: nothing fails, the pages not yet taken wait in the queue.
  let probes = 0;
  await new Promise<void>((resolve) => {
    const on = (p: { ok: boolean }) => {
      if (!p.ok && ++probes >= 3) {
        engine.pool.off('probe', on);
        resolve();
      }
    };
    engine.pool.on('probe', on);
  });
  const vision = h.service.ctx.queue('vision');
  const c = await vision.getJobCounts('wait', 'prioritized', 'active', 'failed', 'delayed', 'completed');
  const counts = { wait: (c.wait ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, failed: c.failed ?? 0, delayed: c.delayed ?? 0, completed: c.completed ?? 0 };
  assert.equal(counts.failed, 0);
  assert.equal(counts.delayed, 0, 'no page job was sent back for a retry');
  assert.ok(counts.active <= 2, `at most the worker's concurrency in hand (${counts.active})`);
  assert.equal(counts.wait + counts.active + counts.completed, PAGES, JSON.stringify(counts));
  assert.ok(counts.wait > 0, 'pages are waiting in the queue');

  const resumed = once(worker, 'resumed');
  await double.start();
  await resumed;
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'succeeded', JSON.stringify(final.error));
  assert.equal(final.degraded, undefined);
  const doc = await h.service.result('acme', job.id);
  assert.deepEqual(doc.pages.map((p) => p.path), Array(PAGES).fill('vision'));
  assert.deepEqual(doc.pages.filter((p) => p.flags.includes('fallback')).map((p) => p.index), []);
  assert.equal(doc.usage.pagesFallback, 0);
  assert.deepEqual(doc.pages.map((p) => p.usage?.attempts), Array(PAGES).fill(1), 'the outage cost no page an attempt');
  for (const j of await vision.getJobs(['completed'])) assert.equal(j.attemptsStarted, 1, `page job ${j.id} ran once`);
});

test('a vision worker closed during an outage gives its pages in hand back to the queue; another finishes them on the model', { timeout: 60_000 }, async (t) => {
  const h = await harness(t);
  const double = await startOpenAIDouble({ model: 'm', reply: (r) => ({ text: `## Page read by the model\n\nRequest ${r.seq} was answered in full by the model.`, delayMs: 100 }) });
  t.after(() => double.close());
  const servers = { probeBaseMs: 50, probeMaxMs: 200, probeTimeoutMs: 2000 };
  const first = createOpenAIEngine({ baseUrls: [double.baseUrl], model: 'm', concurrency: 2, servers });
  t.after(() => first.close());
  const running = await h.startWorkers({ queues: ['ingest', 'vision', 'assemble'], vision: () => first, concurrency: { vision: 2 } });
  const worker = running.workers.get('vision')!;
  const firstRequest = once(double.events, 'request');
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(4), options: { engine: 'openai' } });
  await firstRequest;
  const paused = once(worker, 'paused');
  await double.stop();
  await paused;

  // A graceful close while the pages in hand wait for the server: it ends, and they are back in the queue.
  await running.close();
  const vision = h.service.ctx.queue('vision');
  const c = await vision.getJobCounts('wait', 'prioritized', 'active', 'failed', 'delayed', 'completed');
  assert.equal((c.active ?? 0) + (c.failed ?? 0) + (c.delayed ?? 0), 0, JSON.stringify(c));
  assert.equal((c.wait ?? 0) + (c.prioritized ?? 0) + (c.completed ?? 0), 4, JSON.stringify(c));
  for (const j of await vision.getJobs(['wait', 'prioritized'])) assert.equal(j.attemptsMade, 0, `page job ${j.id} spent no attempt`);

  await double.start();
  const second = createOpenAIEngine({ baseUrls: [double.baseUrl], model: 'm', concurrency: 2, servers });
  t.after(() => second.close());
  await h.startWorkers({ queues: ['ingest', 'vision', 'assemble'], vision: () => second, concurrency: { vision: 2 } });
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'succeeded', JSON.stringify(final.error));
  const doc = await h.service.result('acme', job.id);
  assert.deepEqual(doc.pages.map((p) => p.path), Array(4).fill('vision'));
  assert.equal(doc.usage.pagesFallback, 0);
});

/**
 * A 2-page openai job submitted while its only model server is down for good (max wait 200 ms),
 * with the given on_server_down policy; followed to its end.
 */
async function outageWithPolicy(t: TestContext, onServerDown: 'fail' | 'fallback') {
  const h = await harness(t);
  const double = await startOpenAIDouble({ model: 'm' });
  t.after(() => double.close());
  await double.stop();
  const engine = createOpenAIEngine({ baseUrls: [double.baseUrl], model: 'm', concurrency: 2, servers: { maxWaitMs: 200, probeBaseMs: 50, probeMaxMs: 100 } });
  t.after(() => engine.close());
  await h.startWorkers({ queues: ['ingest', 'vision', 'assemble'], vision: () => engine, concurrency: { vision: 2 } });
  const job = await h.service.submit({ tenant: 'acme', bytes: await makeDocument(2), options: { engine: 'openai', onServerDown } });
  const { final } = await follow(h.service, 'acme', job.id);
  return { h, double, job, final };
}

test('on_server_down fail: pages whose servers stay down past the max wait are flagged error ENGINE_UNAVAILABLE (the job fails), not fallback', { timeout: 120_000 }, async (t) => {
  const { double, final } = await outageWithPolicy(t, 'fail');
  // every page flagged error → the job fails (the job system's rule), naming the cause
  assert.equal(final.status, 'failed');
  assert.equal(final.error?.code, 'DOCMILL_ERR_PAGE_FAILED');
  assert.match(final.error?.message ?? '', /DOCMILL_ERR_ENGINE_UNAVAILABLE: Every model server has been down/);
  assert.doesNotMatch(final.error?.message ?? '', /fallback/i);
  assert.equal(double.chatRequests.length, 0);
});

test('on_server_down fallback: the same outage makes local pages flagged fallback with the reason', { timeout: 120_000 }, async (t) => {
  const { h, final, job } = await outageWithPolicy(t, 'fallback');
  assert.equal(final.status, 'succeeded', JSON.stringify(final.error));
  const doc = await h.service.result('acme', job.id);
  assert.deepEqual(doc.pages.map((p) => p.path), ['text', 'text']);
  assert.deepEqual(doc.pages.map((p) => p.fallback?.reason.startsWith('DOCMILL_ERR_ENGINE_UNAVAILABLE')), [true, true]);
});
