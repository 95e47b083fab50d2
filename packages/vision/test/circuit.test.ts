/**
 * Server failures are not page failures: the per-server circuit of the openai
 * engine against the test double taken down (port closed), slow to start, loading
 * (503) and hung. Times are scaled down (probes every 50–200 ms, outages of a
 * fraction of a second) and the tests wait for the pool's and the double's events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Logger, VisionOutcome } from '@docmill/core';
import { createOpenAIEngine, type OpenAIEngine, type OpenAIEngineOptions, type ServerPool } from '../src/index.js';
import { startOpenAIDouble, type OpenAIDouble } from '../src/testing/index.js';
import { fakeSleep, pageImage, preparedPage, someSpans } from './fixtures.js';

const MD = '# Page\n\nSome text on the page.';
const FAST = { probeBaseMs: 50, probeMaxMs: 200, probeTimeoutMs: 2000 };

function engineFor(t: { after: (fn: () => unknown) => void }, baseUrls: string[], opts: Partial<OpenAIEngineOptions> = {}): OpenAIEngine {
  const engine = createOpenAIEngine({ baseUrls, model: 'm', concurrency: 4, attempts: 4, timeoutMs: 600_000, sleep: fakeSleep().sleep, ...opts, servers: { ...FAST, ...opts.servers } });
  t.after(() => engine.close());
  return engine;
}

/** Resolves after `n` failed probes of the pool. */
function failedProbes(pool: ServerPool, n: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const on = (p: { ok: boolean }) => {
      if (!p.ok && ++seen >= n) {
        pool.off('probe', on);
        resolve();
      }
    };
    pool.on('probe', on);
  });
}

/** Resolves once the double has answered `n` chat requests. */
function answered(double: OpenAIDouble, n: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (double.chatRequests.filter((r) => r.answered === 'answer').length >= n) {
        double.events.off('request', onRequest);
        resolve();
      }
    };
    // Note: 'request' fires on arrival; the answer of an earlier request has been sent by the time the next one arrives.
    const onRequest = () => setImmediate(check);
    double.events.on('request', onRequest);
    check();
  });
}

function attemptsOf(outs: VisionOutcome[]): number[] {
  return outs.map((o) => (o.ok ? o.draft.usage?.attempts ?? -1 : -1));
}

async function pages(n: number) {
  const image = await pageImage(300, 400);
  return Array.from({ length: n }, (_, i) => preparedPage({ index: i, spans: someSpans(), image }));
}

test('server down in the middle of a job: pages wait for it and all finish on the model, no attempt spent on the outage', { timeout: 60_000 }, async (t) => {
  const double = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD, delayMs: 20 }) });
  t.after(() => double.close());
  const logged: Array<[string, string]> = [];
  const logger = { warn: (_o: unknown, m: string) => logged.push(['warn', m]), info: (_o: unknown, m: string) => logged.push(['info', m]), debug: () => {} } as unknown as Logger;
  const engine = engineFor(t, [double.baseUrl], { logger });
  const all = (await pages(30)).map((p) => engine.transcribe(p, {}));
  await answered(double, 10);
  const down = once(engine.pool, 'server-down');
  await double.stop();
  const [info] = (await down) as [{ reason: string }];
  assert.equal(engine.pool.available, false, 'the only server is down: the engine says so');
  await failedProbes(engine.pool, 3); // a few probes meet the closed port: the outage lasts
  const up = once(engine.pool, 'server-up');
  await double.start();
  await up;
  const outs = await Promise.all(all);
  assert.deepEqual(outs.filter((o) => !o.ok).map((o) => !o.ok && o.error.code), [], 'no page failed (none would fall back)');
  assert.deepEqual(attemptsOf(outs), outs.map(() => 1), 'every page in one attempt: the outage was not the pages\'');
  const [s] = engine.pool.stats();
  assert.equal(s!.outages, 1, info.reason);
  assert.equal(s!.state, 'up');
  assert.ok(s!.serverFailures >= 1, 'the requests in flight when it went down were sent again');
  assert.equal(engine.pool.available, true);
  assert.deepEqual(logged, [['warn', 'vision server down: its pages wait'], ['info', 'vision server back']], 'the outage is logged once, and no page gave up');
});

test('a server not listening at first, then loading (503): no page falls back; they start when it is ready', { timeout: 60_000 }, async (t) => {
  const double = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD }) });
  t.after(() => double.close());
  await double.stop();
  const engine = engineFor(t, [double.baseUrl]);
  const down = once(engine.pool, 'server-down');
  const all = (await pages(5)).map((p) => engine.transcribe(p, {}));
  await down;
  await failedProbes(engine.pool, 2); // connection refused
  double.state = 'loading';
  await double.start();
  await failedProbes(engine.pool, 2); // 503 "model is loading"
  assert.ok(double.requests.some((r) => r.path === '/health'), 'the probe asked /health');
  assert.equal(double.chatRequests.length, 0, 'no page request while it was loading');
  double.state = 'up';
  const outs = await Promise.all(all);
  assert.deepEqual(attemptsOf(outs), [1, 1, 1, 1, 1]);
  assert.equal(double.chatRequests.length, 5);
});

test('a hung server (accepts connections, never answers) is found by the liveness probe and its pages go to the other server', { timeout: 60_000 }, async (t) => {
  const hung = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD }) });
  const good = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD, delayMs: 10 }) });
  t.after(() => Promise.all([hung.close(), good.close()]));
  hung.state = 'hung';
  // generation timeout 10 min: only the circuit can find the hang
  const engine = engineFor(t, [hung.baseUrl, good.baseUrl], { concurrency: 2, servers: { livenessMs: 300, probeTimeoutMs: 300, probeBaseMs: 60_000 } });
  const down = once(engine.pool, 'server-down');
  const all = (await pages(8)).map((p) => engine.transcribe(p, {}));
  const [info] = (await down) as [{ baseUrl: string; reason: string }];
  assert.equal(info.baseUrl, hung.url);
  assert.match(info.reason, /hung/);
  const outs = await Promise.all(all);
  assert.deepEqual(attemptsOf(outs), outs.map(() => 1));
  const [h, g] = engine.pool.stats();
  assert.equal(h!.state, 'down');
  assert.equal(h!.serverFailures, 2, 'the two requests it held were aborted and sent again');
  assert.equal(g!.requests, 8);
});

test('a single hung server: pages wait (no attempt spent) and go on when it answers again', { timeout: 60_000 }, async (t) => {
  const double = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD }) });
  t.after(() => double.close());
  double.state = 'hung';
  const engine = engineFor(t, [double.baseUrl], { servers: { livenessMs: 300, probeTimeoutMs: 300, probeBaseMs: 50, probeMaxMs: 100 } });
  const down = once(engine.pool, 'server-down');
  const all = (await pages(3)).map((p) => engine.transcribe(p, {}));
  await down;
  await failedProbes(engine.pool, 2); // probes time out while it stays hung
  double.state = 'up';
  const outs = await Promise.all(all);
  assert.deepEqual(attemptsOf(outs), [1, 1, 1]);
});

test('a burst of 500s opens the circuit; the page is answered after the probe, with only the 500s as attempts', { timeout: 30_000 }, async (t) => {
  const double = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD }) });
  t.after(() => double.close());
  double.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
  const engine = engineFor(t, [double.baseUrl], { servers: { burstCount: 3 } });
  const down = once(engine.pool, 'server-down');
  const out = engine.transcribe((await pages(1))[0]!, {});
  const [info] = (await down) as [{ reason: string }];
  assert.match(info.reason, /3 server errors/);
  const o = await out;
  assert.ok(o.ok);
  assert.equal(o.draft.usage?.attempts, 3, 'two 500s were the page\'s attempts; the third opened the circuit and was sent again');
});

test('every server down past the max wait: policy fallback/fail → ENGINE_UNAVAILABLE without attempts; wait keeps waiting', { timeout: 30_000 }, async (t) => {
  const double = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD }) });
  t.after(() => double.close());
  await double.stop();
  const engine = engineFor(t, [double.baseUrl], { servers: { maxWaitMs: 300, onServerDown: 'fallback' } });
  const [p1, p2, p3] = await pages(3);
  const down = once(engine.pool, 'server-down');
  const waiting = engine.transcribe(p1!, { onServerDown: 'wait' });
  const fallback = engine.transcribe(p2!, {});
  const fail = engine.transcribe(p3!, { onServerDown: 'fail' });
  await down;
  const [fb, fl] = await Promise.all([fallback, fail]);
  for (const o of [fb, fl]) {
    assert.equal(o.ok, false);
    if (!o.ok) {
      assert.equal(o.error.code, 'DOCMILL_ERR_ENGINE_UNAVAILABLE');
      assert.equal(o.attempts, 0);
    }
  }
  // the engine's own policy is fallback: past the max wait it is available again (pages no longer wait)
  assert.equal(engine.pool.available, true);
  assert.equal(engine.pool.waiting, 1, 'the page whose policy is wait is still waiting');
  await double.start();
  const w = await waiting;
  assert.ok(w.ok);
  assert.equal(w.draft.usage?.attempts, 1);
});


test('the max wait ends even when its timer fires before Date.now() says so (the outage test\'s rare hang)', { timeout: 30_000 }, async (t) => {
  // Date.now() at half the timers' speed: every expiry timer fires "early" by the pool's own clock,
  // as one does now and then by a millisecond on a loaded machine.
  const realNow = Date.now;
  const t0 = realNow();
  Date.now = () => t0 + Math.floor((realNow() - t0) / 2);
  t.after(() => {
    Date.now = realNow;
  });
  const double = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD }) });
  t.after(() => double.close());
  await double.stop();
  const engine = engineFor(t, [double.baseUrl], { servers: { maxWaitMs: 100, onServerDown: 'fallback' } });
  let guard: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    guard = setTimeout(() => resolve('hung'), 5000);
  });
  const o = await Promise.race([engine.transcribe((await pages(1))[0]!, {}), hung]);
  clearTimeout(guard);
  assert.notEqual(o, 'hung', 'the page still waited 5 s after a 100 ms max wait');
  if (o !== 'hung') {
    assert.equal(o.ok, false);
    if (!o.ok) assert.equal(o.error.code, 'DOCMILL_ERR_ENGINE_UNAVAILABLE');
  }
});
test('availability: false while the only server is down (policy wait), true when it is back', { timeout: 30_000 }, async (t) => {
  const double = await startOpenAIDouble({ model: 'm', reply: () => ({ text: MD }) });
  t.after(() => double.close());
  const engine = engineFor(t, [double.baseUrl], { servers: { maxWaitMs: 50 } });
  const seen: boolean[] = [];
  const unsubscribe = engine.availability.subscribe((a) => seen.push(a));
  t.after(unsubscribe);
  await double.stop();
  const down = once(engine.pool, 'availability');
  const p = engine.transcribe((await pages(1))[0]!, {});
  await down;
  await failedProbes(engine.pool, 3); // well past maxWaitMs: with policy wait the engine stays unavailable
  assert.equal(engine.pool.available, false);
  await double.start();
  assert.ok((await p).ok);
  assert.deepEqual(seen, [false, true]);
});
