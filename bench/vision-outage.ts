/**
 * The GPU path through a server outage, against a SIMULATED GPU server
 * (bench/vision-sim-gpu.ts, a child process on loopback: killed and restarted on
 * the same port, as a crashed or restarted vLLM is):
 *
 * - mid:  `--pages` pages (60) sent at once; `--at` s (5) into the job the server is
 *         killed (requests in flight are reset), `--outage` s (40) later it listens again;
 * - cold: `--cold-pages` pages (5) sent while the server is not listening yet
 *         (a model still loading); it starts `--cold` s (30) later;
 * - hung: `--pages` pages; `--at` s into the job the server process is frozen (SIGSTOP:
 *         the kernel still accepts its connections, nothing answers) and thawed
 *         (SIGCONT) `--hang` s (30) later; reports when the circuit found it;
 * - none: the same `--pages` pages with no outage (the baseline for "after return").
 *
 * Reports per scenario: pages that would fall back (the engine's `{ok:false}`, which the
 * pipeline turns into a local page flagged `fallback`), the attempts pages spent, the
 * wall time, and the time from the server's return to the last page. Not part of `npm test`.
 *
 * Run: node --import @docmill/core/loader bench/vision-outage.ts [--pages 60] [--at 5] [--outage 40]
 *        [--cold-pages 5] [--cold 30] [--hang 30] [--scenario none,mid,cold,hung] [--concurrency 64] [--sim '{"tokens":100}']
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadavg } from 'node:os';
import type { PreparedPage, VisionOutcome } from '@docmill/core';
import { createOpenAIEngine } from '@docmill/vision';
import { DEFAULT_SIM, type SimGpuOptions } from './vision-sim-gpu.js';
import { preparedTextPages } from './vision-pages.js';

const args = process.argv.slice(2);
const num = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const str = (name: string, def: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : def;
};
const simArg = args.indexOf('--sim');
const sim: SimGpuOptions = { ...DEFAULT_SIM, ...(simArg >= 0 ? (JSON.parse(args[simArg + 1]!) as Partial<SimGpuOptions>) : {}) };
const CONCURRENCY = num('--concurrency', 64);
const scenarios = str('--scenario', 'none,mid,cold,hung').split(',');

/** Starts the simulated server (on `port`, 0 = a free one) and resolves once it listens. */
async function startSim(port = 0): Promise<{ port: number; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', '@docmill/core/loader', new URL('./vision-sim-gpu.ts', import.meta.url).pathname, JSON.stringify(sim), '--port', String(port), '--exit-with-stdin'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    rl.once('line', resolve);
    proc.once('exit', (c) => reject(new Error(`sim server exited (${c})`)));
  });
  return { port: (JSON.parse(line) as { port: number }).port, proc };
}

function kill(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

/** A free loopback port (for the cold start: the engine is pointed at it before anything listens). */
async function freePort(): Promise<number> {
  const s = await startSim(0);
  await kill(s.proc);
  return s.port;
}

function pages(n: number): Promise<PreparedPage[]> {
  return preparedTextPages(n, 1);
}

interface ScenarioResult {
  scenario: string;
  pages: number;
  downSeconds: number;
  fallbackPages: number;
  failedCodes: string[];
  attempts: Record<string, number>;
  wallSeconds: number;
  /** From the server listening again to the last page done. */
  afterReturnSeconds: number;
  outages: number;
  serverFailures: number;
  probes: number;
  /** Hung scenario: seconds from the freeze to the circuit opening. */
  detectedAfterSeconds?: number;
}

function summarise(name: string, outs: VisionOutcome[], t0: number, backAt: number, downSeconds: number, stats: { outages: number; serverFailures: number; probes: number }): ScenarioResult {
  const end = performance.now();
  const attempts: Record<string, number> = {};
  for (const o of outs) {
    const a = String(o.ok ? o.draft.usage?.attempts ?? 0 : o.attempts);
    attempts[a] = (attempts[a] ?? 0) + 1;
  }
  return {
    scenario: name,
    pages: outs.length,
    downSeconds,
    fallbackPages: outs.filter((o) => !o.ok).length,
    failedCodes: outs.flatMap((o) => (o.ok ? [] : [o.error.code])),
    attempts,
    wallSeconds: Math.round((end - t0) / 100) / 10,
    afterReturnSeconds: Math.round((end - backAt) / 100) / 10,
    outages: stats.outages,
    serverFailures: stats.serverFailures,
    probes: stats.probes,
  };
}

async function mid(): Promise<ScenarioResult> {
  const n = num('--pages', 60);
  const at = num('--at', 5);
  const outage = num('--outage', 40);
  let sim1 = await startSim();
  const engine = createOpenAIEngine({ baseUrls: [`http://127.0.0.1:${sim1.port}`], model: sim.model, concurrency: CONCURRENCY, timeoutMs: 600_000 });
  const list = await pages(n);
  const t0 = performance.now();
  const all = Promise.all(list.map((p) => engine.transcribe(p, {})));
  await new Promise((r) => setTimeout(r, at * 1000));
  await kill(sim1.proc);
  const downAt = performance.now();
  process.stderr.write(`mid: server killed ${at} s into the job; back in ${outage} s\n`);
  await new Promise((r) => setTimeout(r, outage * 1000));
  sim1 = await startSim(sim1.port);
  const backAt = performance.now();
  const outs = await all;
  const result = summarise('mid', outs, t0, backAt, (backAt - downAt) / 1000, engine.pool.stats()[0]!);
  await engine.close();
  await kill(sim1.proc);
  return result;
}

async function cold(): Promise<ScenarioResult> {
  const n = num('--cold-pages', 5);
  const wait = num('--cold', 30);
  const port = await freePort();
  const engine = createOpenAIEngine({ baseUrls: [`http://127.0.0.1:${port}`], model: sim.model, concurrency: CONCURRENCY, timeoutMs: 600_000 });
  const list = await pages(n);
  const t0 = performance.now();
  const all = Promise.all(list.map((p) => engine.transcribe(p, {})));
  process.stderr.write(`cold: server not listening for ${wait} s\n`);
  await new Promise((r) => setTimeout(r, wait * 1000));
  const s = await startSim(port);
  const backAt = performance.now();
  const outs = await all;
  const result = summarise('cold', outs, t0, backAt, (backAt - t0) / 1000, engine.pool.stats()[0]!);
  await engine.close();
  await kill(s.proc);
  return result;
}

async function none(): Promise<ScenarioResult> {
  const n = num('--pages', 60);
  const s = await startSim();
  const engine = createOpenAIEngine({ baseUrls: [`http://127.0.0.1:${s.port}`], model: sim.model, concurrency: CONCURRENCY, timeoutMs: 600_000 });
  const list = await pages(n);
  const t0 = performance.now();
  const outs = await Promise.all(list.map((p) => engine.transcribe(p, {})));
  const result = summarise('none', outs, t0, t0, 0, engine.pool.stats()[0]!);
  await engine.close();
  await kill(s.proc);
  return result;
}

async function hung(): Promise<ScenarioResult> {
  const n = num('--pages', 60);
  const at = num('--at', 5);
  const hang = num('--hang', 30);
  const s = await startSim();
  const engine = createOpenAIEngine({ baseUrls: [`http://127.0.0.1:${s.port}`], model: sim.model, concurrency: CONCURRENCY, timeoutMs: 180_000 });
  const list = await pages(n);
  const t0 = performance.now();
  const all = Promise.all(list.map((p) => engine.transcribe(p, {})));
  await new Promise((r) => setTimeout(r, at * 1000));
  s.proc.kill('SIGSTOP');
  const frozeAt = performance.now();
  let detectedAt: number | undefined;
  engine.pool.once('server-down', () => (detectedAt = performance.now()));
  process.stderr.write(`hung: server frozen ${at} s into the job; thawed in ${hang} s (generation timeout 180 s)\n`);
  await new Promise((r) => setTimeout(r, hang * 1000));
  s.proc.kill('SIGCONT');
  const backAt = performance.now();
  const outs = await all;
  const result = summarise('hung', outs, t0, backAt, (backAt - frozeAt) / 1000, engine.pool.stats()[0]!);
  if (detectedAt !== undefined) result.detectedAfterSeconds = Math.round((detectedAt - frozeAt) / 100) / 10;
  await engine.close();
  await kill(s.proc);
  return result;
}

const results: ScenarioResult[] = [];
for (const sc of scenarios) {
  if (sc === 'none') results.push(await none());
  else if (sc === 'mid') results.push(await mid());
  else if (sc === 'cold') results.push(await cold());
  else if (sc === 'hung') results.push(await hung());
  else throw new Error(`unknown scenario ${sc} (none, mid, cold, hung)`);
}
const load = loadavg().map((l) => l.toFixed(2)).join(' ');
process.stdout.write(`vision outage bench (sim ${JSON.stringify(sim)}, concurrency ${CONCURRENCY}), load average at end ${load}\n`);
process.stdout.write('| scenario | pages | server down (s) | fallback pages | attempts per page | wall (s) | last page after return (s) | outages | requests sent again | probes | hang found after (s) |\n|---|---|---|---|---|---|---|---|---|---|---|\n');
for (const r of results) {
  process.stdout.write(`| ${r.scenario} | ${r.pages} | ${r.downSeconds.toFixed(1)} | ${r.fallbackPages}${r.failedCodes.length ? ` (${[...new Set(r.failedCodes)].join(', ')})` : ''} | ${Object.entries(r.attempts).map(([a, c]) => `${c}×${a}`).join(', ')} | ${r.wallSeconds} | ${r.afterReturnSeconds} | ${r.outages} | ${r.serverFailures} | ${r.probes} | ${r.detectedAfterSeconds ?? '–'} |\n`);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/vision-outage.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), loadavgAtEnd: loadavg(), sim, concurrency: CONCURRENCY, results }, null, 2)}\n`);
process.exit(0);
