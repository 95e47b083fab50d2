/**
 * An independent check of the GPU path's outage handling, against the project's
 * OpenAI-protocol test double (in process, real HTTP on loopback) with the engine's
 * PRODUCTION defaults (probes every 0.5 s doubling to 5 s, 5 s probe limit, 15 s
 * liveness, 5 server meetings per request): scenarios that no test or bench was
 * tuned on.
 *
 * - loading: every request (and GET /health) answers 503 "The model is loading" for
 *   `--loading` s (20) from the start of the job, then the model answers;
 * - hung:    `--at` s (2) into the job the server stops answering anything (connections
 *   are accepted, requests and health probes alike are held) for `--hang` s (25);
 * - flap:    two servers; the second goes down and up `--cycles` times (6), `--down` s
 *   (1.5) down and `--up` s (1.5) up, while the first answers slowly; reports whether a
 *   flapping server pushes pages into their retry policy or into fallback.
 *
 * Reports per scenario: pages that would fall back (the engine's `{ok:false}`), attempts
 * per page, wall time, time from the server's return to the last page, the pool's
 * counters. Figures are printed, never asserted. Not part of `npm test`.
 *
 * Run: node --import @docmill/core/loader bench/vision-untuned.ts [--scenario loading,hung,flap] [--pages 12]
 */
import type { PreparedPage, VisionOutcome } from '@docmill/core';
import { createOpenAIEngine, type OpenAIEngine } from '@docmill/vision';
import { startOpenAIDouble, type OpenAIDouble } from '@docmill/vision/testing';
import { loadavg } from 'node:os';
import { preparedTextPages } from './vision-pages.js';

const args = process.argv.slice(2);
const num = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const scenarios = (args.includes('--scenario') ? args[args.indexOf('--scenario') + 1]! : 'loading,hung,flap').split(',');
const PAGES = num('--pages', 12);
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
const ANSWER = (seq: number) => `## Page read by the model\n\nRequest ${seq} was answered in full by the model, with a paragraph of ordinary text.`;

function pages(n: number): Promise<PreparedPage[]> {
  return preparedTextPages(n, 2);
}

function engineOn(doubles: OpenAIDouble[]): OpenAIEngine {
  // Note: no `servers` settings: the production defaults are what is checked.
  return createOpenAIEngine({ baseUrls: doubles.map((d) => d.baseUrl), model: 'm', concurrency: 8, timeoutMs: 180_000 });
}

interface Row { scenario: string; pages: number; fallback: string; attempts: string; wall: number; afterReturn: number; pool: string; note: string }

function row(scenario: string, outs: VisionOutcome[], t0: number, backAt: number, engine: OpenAIEngine, note: string): Row {
  const end = performance.now();
  const attempts: Record<string, number> = {};
  for (const o of outs) {
    const a = String(o.ok ? o.draft.usage?.attempts ?? 0 : o.attempts);
    attempts[a] = (attempts[a] ?? 0) + 1;
  }
  const failed = outs.filter((o) => !o.ok);
  return {
    scenario,
    pages: outs.length,
    fallback: `${failed.length}${failed.length ? ` (${[...new Set(failed.map((o) => (o.ok ? '' : o.error.code)))].join(', ')})` : ''}`,
    attempts: Object.entries(attempts).map(([a, c]) => `${c}×${a}`).join(', '),
    wall: Math.round((end - t0) / 100) / 10,
    afterReturn: Math.round((end - backAt) / 100) / 10,
    pool: engine.pool.stats().map((s) => `outages ${s.outages}, sent again ${s.serverFailures}, probes ${s.probes}`).join(' / '),
    note,
  };
}

async function loading(): Promise<Row> {
  const secs = num('--loading', 20);
  const double = await startOpenAIDouble({ model: 'm', reply: (r) => ({ text: ANSWER(r.seq), delayMs: 300 }) });
  double.state = 'loading';
  const engine = engineOn([double]);
  const list = await pages(PAGES);
  const t0 = performance.now();
  const all = Promise.all(list.map((p) => engine.transcribe(p, {})));
  await sleep(secs);
  double.state = 'up';
  const backAt = performance.now();
  const outs = await all;
  const loadingAnswers = double.requests.filter((r) => r.answered === 'status').length;
  const r = row('loading', outs, t0, backAt, engine, `${loadingAnswers} requests answered 503 loading (chat + probes)`);
  await engine.close();
  await double.close();
  return r;
}

async function hung(): Promise<Row> {
  const at = num('--at', 2);
  const secs = num('--hang', 25);
  const double = await startOpenAIDouble({ model: 'm', reply: (r) => ({ text: ANSWER(r.seq), delayMs: 1500 }) });
  const engine = engineOn([double]);
  const list = await pages(PAGES * 2);
  const t0 = performance.now();
  let foundAt: number | undefined;
  const all = Promise.all(list.map((p) => engine.transcribe(p, {})));
  await sleep(at);
  double.state = 'hung';
  const hungAt = performance.now();
  engine.pool.once('server-down', () => (foundAt = performance.now()));
  await sleep(secs);
  double.state = 'up';
  const backAt = performance.now();
  const outs = await all;
  const r = row('hung', outs, t0, backAt, engine, foundAt === undefined ? 'the circuit never opened' : `hang found after ${((foundAt - hungAt) / 1000).toFixed(1)} s`);
  await engine.close();
  await double.close();
  return r;
}

async function flap(): Promise<Row> {
  const cycles = num('--cycles', 6);
  const down = num('--down', 1.5);
  const up = num('--up', 1.5);
  const steady = await startOpenAIDouble({ model: 'm', reply: (r) => ({ text: ANSWER(r.seq), delayMs: 1000 }) });
  const flappy = await startOpenAIDouble({ model: 'm', reply: (r) => ({ text: ANSWER(r.seq), delayMs: 400 }) });
  const engine = engineOn([steady, flappy]);
  const list = await pages(PAGES * 4);
  const t0 = performance.now();
  const all = Promise.all(list.map((p) => engine.transcribe(p, {})));
  let backAt = t0;
  for (let i = 0; i < cycles; i++) {
    await sleep(up);
    await flappy.stop();
    await sleep(down);
    await flappy.start();
    backAt = performance.now();
  }
  const outs = await all;
  const r = row('flap', outs, t0, backAt, engine, `steady answered ${steady.chatRequests.filter((q) => q.answered === 'answer').length}, flapping answered ${flappy.chatRequests.filter((q) => q.answered === 'answer').length}`);
  await engine.close();
  await steady.close();
  await flappy.close();
  return r;
}

const rows: Row[] = [];
for (const sc of scenarios) {
  process.stderr.write(`${sc}…\n`);
  if (sc === 'loading') rows.push(await loading());
  else if (sc === 'hung') rows.push(await hung());
  else if (sc === 'flap') rows.push(await flap());
  else throw new Error(`unknown scenario ${sc} (loading, hung, flap)`);
}
process.stdout.write(`vision untuned check (the test double, production pool defaults), load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
process.stdout.write('| scenario | pages | fallback pages | attempts per page | wall (s) | last page after return (s) | pool | note |\n|---|---|---|---|---|---|---|---|\n');
for (const r of rows) process.stdout.write(`| ${r.scenario} | ${r.pages} | ${r.fallback} | ${r.attempts} | ${r.wall} | ${r.afterReturn} | ${r.pool} | ${r.note} |\n`);
