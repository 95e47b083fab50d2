// Note: this test passes alone and fails (times out) after the other circuit tests in one process
// since the merge of the answer checks and the circuit: some state outlives those tests. It runs in
// a file of its own until that is found.
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

