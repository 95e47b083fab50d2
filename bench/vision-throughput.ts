/**
 * Vision engine throughput against SIMULATED GPU servers (bench/vision-sim-gpu.ts,
 * one child process each, on loopback): pages/s achieved by the `openai` engine as
 * a fraction of the servers' theoretical capacity, with 1 and 2 servers, pages of
 * one document or of many documents at once, and two per-server concurrency caps.
 * Also measures PNG vs JPEG for the page image and the image tokens per render size.
 *
 * Run: node --import @docmill/core/loader bench/vision-throughput.ts [--pages 300] [--quick] [--servers 1,2] [--concurrency 32,64] [--sim '{"tokens":100}']
 * The full run takes ~12 minutes (8 runs of 300 pages at realistic page times); --quick (short pages, 120 per run) ~2.
 * Results: printed, and written to bench/results/vision-throughput.json (or --out NAME → NAME.json).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadavg } from 'node:os';
import type { PreparedPage, RenderedImage, TextSpan } from '@docmill/core';
import { createOpenAIEngine, encodeForModel, fitForModel, imageTokens } from '@docmill/vision';
import { DEFAULT_SIM, simCapacity, simIdeal, type SimGpuOptions } from './vision-sim-gpu.js';
import { scannedPageImage, textPageImage } from './vision-pages.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const pagesArg = args.indexOf('--pages');
const PAGES = pagesArg >= 0 ? Number(args[pagesArg + 1]) : quick ? 120 : 300;
const listArg = (name: string, def: number[]) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]!.split(',').map(Number) : def;
};
const simArg = args.indexOf('--sim');
const sim: SimGpuOptions = { ...DEFAULT_SIM, ...(quick ? { tokens: 50, prefillMs: 50 } : {}), ...(simArg >= 0 ? (JSON.parse(args[simArg + 1]!) as Partial<SimGpuOptions>) : {}) };
const SERVER_COUNTS = listArg('--servers', [1, 2]);
const CONCURRENCIES = listArg('--concurrency', [32, 64]);

async function startSim(): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', '@docmill/core/loader', new URL('./vision-sim-gpu.ts', import.meta.url).pathname, JSON.stringify(sim), '--exit-with-stdin'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    rl.once('line', resolve);
    proc.once('exit', (c) => reject(new Error(`sim server exited (${c})`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return { url: `http://127.0.0.1:${port}`, proc };
}

function spans(seed: number): TextSpan[] {
  // ~3,000 characters of text layer → anchor text, as on a dense page.
  return Array.from({ length: 40 }, (_, i) => ({ text: `Line ${i} of page ${seed}: the committee met twelve times and approved the budget.`, bbox: [72, 72 + i * 16, 540, 84 + i * 16] as [number, number, number, number], fontSize: 11 }));
}

async function preparedPages(): Promise<PreparedPage[]> {
  const out: PreparedPage[] = [];
  for (let i = 0; i < 6; i++) {
    const data = await textPageImage(i + 1);
    const image: RenderedImage = { data, mime: 'image/png', width: 1190, height: 1540, dpi: 140, rotation: 0 };
    const sp = spans(i);
    out.push({
      index: i,
      dimensions: { width: 612, height: 792, dpi: 140 },
      textLayer: { index: i, width: 612, height: 792, spans: sp, source: 'text-layer' },
      verdict: { trustworthy: true, flags: [], chars: sp.reduce((n, s) => n + s.text.length, 0), garbageShare: 0, invisibleShare: 0 },
      image,
    });
  }
  return out;
}

interface RunResult {
  servers: number;
  concurrency: number;
  mode: 'one document' | 'many documents';
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  capacity: number;
  /** pages/s ÷ capacity (ramp-up and drain count against it). */
  fraction: number;
  /** Seconds an ideal client with the same per-server cap needs (all pages queued at once, split evenly), ramp-up and drain included. */
  idealSeconds: number;
  /** idealSeconds ÷ seconds: how close the engine came to keeping the servers full. */
  fractionOfIdeal: number;
  /** (idealSeconds + the servers' own lag) ÷ seconds: the same with the machine's load on the simulated servers taken out. */
  fractionOfIdealLagAdjusted: number;
  meanBatch: number[];
  /** Mean batch of the ideal run (same pages, all queued at once). */
  idealMeanBatch: number;
  /** Sum of how late the simulated servers' steps fired (machine load), ms. */
  simLagMs: number[];
  /** Seconds from the start until the first request reached a server (first pages' encoding, connections). */
  startupSeconds: number;
  /** idealSeconds ÷ (first arrival → last answer): the servers' busy window against the ideal. */
  fractionOfIdealInWindow: number;
  /** Requests each server got. */
  requests: number[];
  /** Steps each server ran with room in its batch and nothing queued, before its last request arrived: the client's fault. */
  hungrySteps: number[];
  steps: number[];
  /** CPU time of this process per page (ms): what the engine itself costs. */
  engineCpuMsPerPage: number;
  failed: number;
}

/** Runs `count` items with at most `limit` in flight. */
async function bounded(count: number, limit: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

async function run(urls: string[], concurrency: number, mode: RunResult['mode'], templates: PreparedPage[], PAGES_RUN = PAGES): Promise<RunResult> {
  const engine = createOpenAIEngine({ baseUrls: urls, model: sim.model, concurrency, timeoutMs: 600_000 });
  await Promise.all(urls.map((u) => fetch(`${u}/stats/reset`, { method: 'POST' })));
  const done: number[] = [];
  let failed = 0;
  const capacitySlots = urls.length * concurrency;
  const cpu0 = process.cpuUsage();
  const wall0 = Date.now();
  const t0 = performance.now();
  const page = async (i: number) => {
    const tpl = templates[i % templates.length]!;
    const out = await engine.transcribe({ ...tpl, index: i }, {});
    if (!out.ok) failed++;
    done.push(performance.now() - t0);
  };
  if (mode === 'one document') {
    // The pipeline's page window for one document: enough to keep every slot busy, bounded (memory).
    await bounded(PAGES_RUN, Math.ceil(capacitySlots * 1.5), page);
  } else {
    // 16 documents at once, each with its own small page window: pages interleave across documents.
    const docs = 16;
    const per = Math.ceil(PAGES_RUN / docs);
    await Promise.all(Array.from({ length: docs }, (_, d) => bounded(per, Math.max(2, Math.ceil((capacitySlots * 1.5) / docs)), (i) => page(d * per + i))));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const stats = await Promise.all(urls.map(async (u) => (await (await fetch(`${u}/stats`)).json()) as { meanBatch: number; lagMs: number; requests: number; steps: number; hungryBeforeLastArrival: number; firstArrivalAt: number; lastCompletionAt: number }));
  // The servers' own window: from the first request's arrival to the last answer (start-up and the last responses' transit excluded).
  const window = (Math.max(...stats.map((s) => s.lastCompletionAt)) - Math.min(...stats.map((s) => s.firstArrivalAt))) / 1000;
  const startup = (Math.min(...stats.map((s) => s.firstArrivalAt)) - wall0) / 1000;
  const n = done.length;
  const capacity = urls.length * simCapacity(sim);
  // Note: the ideal client is held to the same per-server cap: with a cap below the server's batch, capacity is out of reach by construction.
  const ideal = simIdeal({ ...sim, maxBatch: Math.min(sim.maxBatch, concurrency) }, Math.ceil(n / urls.length));
  const idealSeconds = ideal.seconds;
  const lag = Math.max(...stats.map((s) => s.lagMs)) / 1000;
  return {
    servers: urls.length,
    concurrency,
    mode,
    pages: n,
    seconds,
    pagesPerSecond: n / seconds,
    capacity,
    fraction: n / seconds / capacity,
    idealSeconds,
    fractionOfIdeal: idealSeconds / seconds,
    fractionOfIdealLagAdjusted: Math.min(1, (idealSeconds + lag) / seconds),
    idealMeanBatch: Math.round(ideal.meanBatch * 10) / 10,
    meanBatch: stats.map((s) => Math.round(s.meanBatch * 10) / 10),
    simLagMs: stats.map((s) => Math.round(s.lagMs)),
    requests: stats.map((s) => s.requests),
    startupSeconds: Math.round(startup * 100) / 100,
    fractionOfIdealInWindow: Math.min(1, idealSeconds / window),
    hungrySteps: stats.map((s) => s.hungryBeforeLastArrival),
    steps: stats.map((s) => s.steps),
    engineCpuMsPerPage: Math.round(((cpu.user + cpu.system) / 1000 / n) * 10) / 10,
    failed,
  };
}

async function formats(): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  for (const [kind, make] of [['text page', textPageImage], ['scan', scannedPageImage]] as const) {
    for (const side of [1024, 1288, 1540]) {
      const w = Math.round((side * 1190) / 1540);
      const data = await make(3, w, side);
      const img = { data, mime: 'image/png' as const, width: w, height: side };
      const t0 = performance.now();
      const png = await encodeForModel(img, { format: 'png' });
      const t1 = performance.now();
      const jpeg = await encodeForModel(img, { format: 'jpeg' });
      const t2 = performance.now();
      const auto = await encodeForModel(img, { format: 'auto' });
      const t3 = performance.now();
      rows.push({ kind, longestSide: side, size: `${w}x${side}`, imageTokens: imageTokens(w, side), pngKB: Math.round(png.bytes / 1024), pngBytesPerPx: +(png.bytes / (w * side)).toFixed(3), jpegKB: Math.round(jpeg.bytes / 1024), autoSends: auto.mime, pngMs: Math.round(t1 - t0), jpegMs: Math.round(t2 - t1), autoMs: Math.round(t3 - t2) });
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const letter = [1024, 1288, 1540].map((s) => {
    const f = fitForModel(2550, 3300, s);
    return `${s}px → ${f.width}x${f.height}, ${f.tokens} image tokens`;
  });
  console.log(`US Letter page image: ${letter.join('; ')}`);
  const fmt = await formats();
  console.table(fmt);

  const servers = await Promise.all(Array.from({ length: Math.max(...SERVER_COUNTS) }, () => startSim()));
  const stop = () => servers.forEach((s) => s.proc.kill('SIGTERM'));
  process.on('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));
  try {
    const templates = await preparedPages();
    console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (this bench wants an idle machine; other processes slow the simulated servers — see "sim lag")`);
    console.log(`simulated server: ${JSON.stringify(sim)} → capacity ${simCapacity(sim).toFixed(2)} pages/s each; ${PAGES} pages per run`);
    // warm-up (connections, JIT, sharp)
    await run([servers[0]!.url], 16, 'one document', templates.slice(0, 2), 32).catch(() => undefined);
    const results: RunResult[] = [];
    for (const n of SERVER_COUNTS) {
      for (const concurrency of CONCURRENCIES) {
        for (const mode of ['one document', 'many documents'] as const) {
          const r = await run(servers.slice(0, n).map((s) => s.url), concurrency, mode, templates);
          results.push(r);
          console.log(
            `${n} server(s), concurrency ${concurrency}/server, ${mode}: ${r.pagesPerSecond.toFixed(2)} pages/s = ${(r.fraction * 100).toFixed(1)} % of capacity ${r.capacity.toFixed(2)}; ` +
              `${r.seconds.toFixed(1)} s vs ideal ${r.idealSeconds.toFixed(1)} s = ${(r.fractionOfIdeal * 100).toFixed(1)} % of ideal ` +
              `(${(r.fractionOfIdealLagAdjusted * 100).toFixed(1)} % without the servers' lag of ${r.simLagMs.join('/')} ms; ` +
              `${(r.fractionOfIdealInWindow * 100).toFixed(1)} % from first arrival to last answer, start-up ${r.startupSeconds} s); ` +
              `mean batch ${r.meanBatch.join('/')} (ideal ${r.idealMeanBatch}) of ${sim.maxBatch}; requests ${r.requests.join('/')}; ` +
              `hungry steps ${r.hungrySteps.join('/')} of ${r.steps.join('/')}; engine CPU ${r.engineCpuMsPerPage} ms/page; failed ${r.failed}`,
          );
        }
      }
    }
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    const outArg = args.indexOf('--out');
    const outName = outArg >= 0 ? args[outArg + 1]! : quick ? 'vision-throughput-quick' : 'vision-throughput';
    writeFileSync(new URL(`./results/${outName}.json`, import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), loadavgAtEnd: loadavg(), sim, pages: PAGES, formats: fmt, results }, null, 2)}\n`);
  } finally {
    stop();
  }
}

await main();
