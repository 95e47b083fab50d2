import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { OpenAICompatClient, ServerPool, createOpenAIEngine } from '../src/index.js';
import { startOpenAIDouble } from '../src/testing/index.js';
import { fakeSleep, pageImage, preparedPage, someSpans } from './fixtures.js';

const MD = '# Page\n\nSome text on the page.';

test('ServerPool picks the server with the fewest requests in flight (ties: the one picked longest ago)', async () => {
  const a = new OpenAICompatClient({ baseUrl: 'http://127.0.0.1:1' });
  const b = new OpenAICompatClient({ baseUrl: 'http://127.0.0.1:2' });
  const pool = new ServerPool([a, b], { concurrency: 3 });
  const l1 = await pool.acquire();
  const l2 = await pool.acquire();
  const l3 = await pool.acquire();
  assert.deepEqual([l1.client, l2.client, l3.client], [a, b, a]);
  l2.release(); // b now has 0 in flight, a has 2
  await new Promise((r) => setImmediate(r));
  const l4 = await pool.acquire();
  assert.equal(l4.client, b);
  const l5 = await pool.acquire();
  assert.equal(l5.client, b); // a 2, b 1 → b
  const l6 = await pool.acquire();
  assert.equal(l6.client, a); // 2 vs 2, a picked longer ago
  const l7 = await pool.acquire();
  assert.equal(l7.client, b); // a 3 (full), b 2
  // both full: the next one waits, FIFO, and gets the first slot freed
  let got: OpenAICompatClient | undefined;
  const waiting = pool.acquire().then((l) => (got = l.client));
  await new Promise((r) => setImmediate(r));
  assert.equal(got, undefined);
  assert.equal(pool.waiting, 1);
  l1.release();
  await waiting;
  assert.equal(got, a);
  assert.deepEqual(pool.stats().map((s) => [s.inFlight, s.maxInFlight, s.requests]), [[3, 3, 4], [3, 3, 4]]);
});

test('ServerPool: an aborted waiter leaves the queue without taking a slot', async () => {
  const pool = new ServerPool([new OpenAICompatClient({ baseUrl: 'http://127.0.0.1:1' })], { concurrency: 1 });
  const l1 = await pool.acquire();
  const ac = new AbortController();
  const p = pool.acquire(ac.signal);
  ac.abort(new Error('gone'));
  await assert.rejects(p, /gone/);
  assert.equal(pool.waiting, 0);
  l1.release();
  await new Promise((r) => setImmediate(r));
  assert.equal(pool.stats()[0]!.inFlight, 0);
});

test('two pools on the same server URL share nothing: one closed and down, the other up, its own slots, its own counters', async () => {
  const url = 'http://127.0.0.1:1';
  const a = new ServerPool([new OpenAICompatClient({ baseUrl: url })], { concurrency: 1, probeBaseMs: 10_000 });
  const b = new ServerPool([new OpenAICompatClient({ baseUrl: url })], { concurrency: 1, probeBaseMs: 10_000 });
  const la = await a.acquire();
  a.markDown(url, 'test');
  a.close();
  assert.equal(a.stats()[0]!.state, 'down');
  assert.equal(b.stats()[0]!.state, 'up');
  assert.equal(b.available, true);
  const lb = await b.acquire();
  assert.deepEqual(b.stats().map((s) => [s.inFlight, s.requests, s.outages]), [[1, 1, 0]]);
  lb.release();
  la.release();
  b.close();
});

test('least-loaded dispatch across two servers: a stalled server keeps only its slots, the other takes the rest', { timeout: 60_000 }, async (t) => {
  let openGate!: () => void;
  const gate = new Promise<void>((r) => (openGate = r));
  const slow = await startOpenAIDouble({ model: 'm', reply: async () => (await gate, { text: MD }) });
  const fast = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD }) });
  t.after(async () => {
    openGate();
    await Promise.all([slow.close(), fast.close()]);
  });
  const engine = createOpenAIEngine({ baseUrls: [slow.baseUrl, fast.baseUrl], model: 'm', concurrency: 2 });
  const image = await pageImage(600, 800);
  const pages = Array.from({ length: 12 }, (_, i) => preparedPage({ index: i, spans: someSpans(), image }));
  let settled = 0;
  let tenDone!: () => void;
  const ten = new Promise<void>((r) => (tenDone = r));
  const results = pages.map((p) => engine.transcribe(p, {}).finally(() => ++settled === 10 && tenDone()));
  // the fast server answers 10 pages while the slow one holds its 2 slots
  await ten;
  assert.equal(slow.chatRequests.length, 2);
  assert.equal(fast.chatRequests.length, 10);
  openGate();
  const all = await Promise.all(results);
  assert.ok(all.every((o) => o.ok));
  assert.equal(fast.maxInFlight <= 2, true);
});

test('the per-server concurrency cap is never exceeded, however many pages come at once', async (t) => {
  const double = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD, delayMs: 50 }) });
  t.after(() => double.close());
  const engine = createOpenAIEngine({ baseUrls: [double.url], model: 'm', concurrency: 3 });
  const image = await pageImage(600, 800);
  // pages of several "documents" at once share the engine and so the cap
  const outs = await Promise.all(Array.from({ length: 24 }, (_, i) => engine.transcribe(preparedPage({ index: i % 6, spans: someSpans(), image }), {})));
  assert.ok(outs.every((o) => o.ok));
  assert.equal(double.chatRequests.length, 24);
  assert.equal(double.maxInFlight, 3);
  assert.equal(engine.pool.stats()[0]!.maxInFlight, 3);
});

test('a server that refuses connections is taken out (circuit open) and the pages go to the other one, none failed', async (t) => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const good = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD }) });
  t.after(() => good.close());
  const { sleep } = fakeSleep();
  const engine = createOpenAIEngine({ baseUrls: [`http://127.0.0.1:${port}`, good.url], model: 'm', concurrency: 4, servers: { probeBaseMs: 60_000 }, sleep });
  t.after(() => engine.close());
  const image = await pageImage(600, 800);
  for (let i = 0; i < 6; i++) {
    const out = await engine.transcribe(preparedPage({ index: i, spans: someSpans(), image }), {});
    assert.ok(out.ok);
    assert.equal(out.draft.usage?.attempts, 1, 'the refused connection was not an attempt of the page');
  }
  const [dead, alive] = engine.pool.stats();
  assert.equal(dead!.serverFailures, 1, 'only the first request went to the dead server');
  assert.equal(dead!.state, 'down');
  assert.equal(dead!.outages, 1);
  assert.equal(alive!.requests, 6);
});

test('serverOutcomeOf: what a failed request says about its server', async () => {
  const { DocmillError } = await import('@docmill/core');
  const { serverOutcomeOf } = await import('../src/index.js');
  const http = (status: number, serverMessage = 'x') => new DocmillError('ENGINE_HTTP', `answered ${status}`, { details: { status, serverMessage } });
  assert.deepEqual(
    [
      serverOutcomeOf(new DocmillError('ENGINE_CONNECTION', 'ECONNREFUSED')),
      serverOutcomeOf(http(502)), serverOutcomeOf(http(503)), serverOutcomeOf(http(504)),
      serverOutcomeOf(http(500, 'The model is currently loading')),
      serverOutcomeOf(http(500)), serverOutcomeOf(http(501)),
      serverOutcomeOf(http(400)), serverOutcomeOf(http(422)),
      serverOutcomeOf(new DocmillError('ENGINE_RATE_LIMITED', '429')),
      serverOutcomeOf(new DocmillError('ENGINE_TIMEOUT', 'slow')),
      serverOutcomeOf(new Error('not ours')),
    ],
    ['server-down', 'server-down', 'server-down', 'server-down', 'server-down', 'server-error', 'server-error', 'ok', 'ok', 'ok', 'none', 'none'],
  );
});
