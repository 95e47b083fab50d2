/**
 * A SIMULATED GPU inference server for the vision throughput bench (never used
 * by tests, never a model): it speaks just enough of the OpenAI chat-completions
 * protocol and schedules requests like vLLM's continuous batching:
 *
 * - the engine runs in steps; each step decodes one token for every running sequence;
 * - a step takes `stepMs + stepMsPerSeq × batch` (latency grows with the batch),
 *   plus `prefillMs` for each request admitted into the batch at that step;
 * - at most `maxBatch` sequences run at once; further requests queue (FIFO);
 * - each request needs `tokens` decode steps, then its answer is sent.
 *
 * Steps are timed against absolute deadlines so timer overshoot does not
 * accumulate: while the server is busy its throughput is what the model says.
 *
 * Capacity (pages/s) with a full batch B and T tokens per page:
 *   (B/T) / (stepMs + stepMsPerSeq·B + (B/T)·prefillMs)
 *
 * Run as a server (no terminal needed; stops on SIGTERM/SIGINT):
 *   node --import @docmill/core/loader bench/vision-sim-gpu.ts ['{"maxBatch":48,...}'] [--port 8000] [--exit-with-stdin]
 * prints {"port":…,"capacity":…} on stdout once listening (port 0, the default, picks a free one).
 * `--exit-with-stdin`: also exit when stdin ends (the benches spawn it so, holding its stdin).
 * GET /health → 200 (as vLLM once its model is loaded); GET /v1/models → the model;
 * GET /stats → counters; POST /stats/reset → zero them.
 *
 * Live check against it (what scripts/vision-live-check.ts does against a real server):
 *   DOCMILL_OPENAI_BASE_URL=http://127.0.0.1:<port>/v1 DOCMILL_MODEL=sim-mistral-small \
 *     node --import @docmill/core/loader scripts/vision-live-check.ts examples/<file>.pdf --pages 1-2
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimGpuOptions {
  prefillMs: number;
  stepMs: number;
  stepMsPerSeq: number;
  maxBatch: number;
  tokens: number;
  model: string;
}

/**
 * Note: scaled to real page times: one page is ~200 decode steps of ~70 ms at a full batch (~14 s, real vLLM
 * pages with ~800 output tokens take 10–30 s) and 3.3 pages/s per server (olmOCR reports 4.5 pages/s per H100
 * with a 7B model; a 24B model is slower). Shorter pages make the client's per-request overhead weigh more:
 * `--quick` uses 50 tokens and 50 ms prefill as a stress variant.
 */
export const DEFAULT_SIM: SimGpuOptions = { prefillMs: 100, stepMs: 24, stepMsPerSeq: 0.5, maxBatch: 48, tokens: 200, model: 'sim-mistral-small' };

/** Theoretical pages/s of one simulated server (full batch, all the time). */
export function simCapacity(o: SimGpuOptions): number {
  const perStep = o.maxBatch / o.tokens;
  return perStep / ((o.stepMs + o.stepMsPerSeq * o.maxBatch + perStep * o.prefillMs) / 1000);
}

/**
 * What the simulated server does with `pages` requests all queued at time 0
 * (ramp-up and drain included): the best any client can get out of it.
 * Returns the seconds it takes and the mean batch over its steps.
 */
export function simIdeal(o: SimGpuOptions, pages: number): { seconds: number; meanBatch: number } {
  let waiting = pages;
  let running: number[] = [];
  let t = 0;
  let steps = 0;
  let batchSum = 0;
  while (waiting > 0 || running.length > 0) {
    const admitted = Math.min(waiting, o.maxBatch - running.length);
    waiting -= admitted;
    for (let i = 0; i < admitted; i++) running.push(o.tokens);
    t += o.stepMs + o.stepMsPerSeq * running.length + admitted * o.prefillMs;
    steps++;
    batchSum += running.length;
    running = running.map((l) => l - 1).filter((l) => l > 0);
  }
  return { seconds: t / 1000, meanBatch: steps ? batchSum / steps : 0 };
}

interface Seq {
  res: ServerResponse;
  left: number;
  id: number;
}

const ANSWER = '# Section heading\n\nA paragraph of transcribed text from the page, with numbers 12.5 and 7 and a [link](x).\n\n| Year | Value |\n|---|---|\n| 2024 | 10 |\n| 2025 | 12 |\n';

function main(): void {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args[portAt + 1]) : 0;
  const json = args.find((a, i) => a.startsWith('{') && (i === 0 || args[i - 1] !== '--port'));
  const o: SimGpuOptions = { ...DEFAULT_SIM, ...(JSON.parse(json ?? '{}') as Partial<SimGpuOptions>) };
  const waiting: Seq[] = [];
  let running: Seq[] = [];
  let deadline = 0;
  let timer: NodeJS.Timeout | undefined;
  let ids = 0;
  // hungry: steps that ran with room in the batch and nobody waiting although more requests came later
  // (the client did not keep the server fed); steps after the last arrival are the inherent drain.
  const stats = { requests: 0, completed: 0, steps: 0, batchSum: 0, maxWaiting: 0, busyMs: 0, lagMs: 0, hungry: 0, hungrySinceArrival: 0, firstArrivalAt: 0, lastCompletionAt: 0 };

  const planStep = () => {
    if (timer || (running.length === 0 && waiting.length === 0)) return;
    const now = performance.now();
    const admitted = Math.min(waiting.length, o.maxBatch - running.length);
    for (let i = 0; i < admitted; i++) running.push(waiting.shift()!);
    const stepTime = o.stepMs + o.stepMsPerSeq * running.length + admitted * o.prefillMs;
    // Note: busy back to back → chain deadlines (no drift); after idling → start from now.
    deadline = Math.max(deadline, now) + stepTime;
    stats.steps++;
    stats.batchSum += running.length;
    if (running.length < o.maxBatch && waiting.length === 0) {
      stats.hungry++;
      stats.hungrySinceArrival++;
    }
    stats.busyMs += stepTime;
    timer = setTimeout(() => {
      timer = undefined;
      // How late this step fired (event-loop or CPU contention on the bench machine, not the client's doing).
      stats.lagMs += Math.max(0, performance.now() - deadline);
      const still: Seq[] = [];
      for (const s of running) {
        s.left--;
        if (s.left > 0) still.push(s);
        else finish(s);
      }
      running = still;
      planStep();
    }, Math.max(0, deadline - performance.now()));
  };

  const finish = (s: Seq) => {
    stats.completed++;
    stats.lastCompletionAt = Date.now();
    if (s.res.destroyed) return;
    const body = JSON.stringify({
      id: `sim-${s.id}`,
      object: 'chat.completion',
      model: o.model,
      choices: [{ index: 0, message: { role: 'assistant', content: ANSWER }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3000, completion_tokens: o.tokens, total_tokens: 3000 + o.tokens },
    });
    s.res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    s.res.end(body);
  };

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return;
    }
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: o.model, object: 'model', owned_by: 'vision-sim-gpu', max_model_len: 131072 }] }));
      return;
    }
    if (req.method === 'GET' && req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...stats, hungryBeforeLastArrival: stats.hungry - stats.hungrySinceArrival, meanBatch: stats.steps ? stats.batchSum / stats.steps : 0, waiting: waiting.length, running: running.length }));
      return;
    }
    if (req.method === 'POST' && req.url === '/stats/reset') {
      Object.assign(stats, { requests: 0, completed: 0, steps: 0, batchSum: 0, maxWaiting: 0, busyMs: 0, lagMs: 0, hungry: 0, hungrySinceArrival: 0, firstArrivalAt: 0, lastCompletionAt: 0 });
      res.end('{}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Note: no JSON.parse of the ~400 KB body (it would cost the simulated GPU CPU time it does not model);
      // the model name and the messages key are checked by text.
      const text = Buffer.concat(chunks).toString('utf8');
      if (req.url !== '/v1/chat/completions' || !text.includes(`"model":${JSON.stringify(o.model)}`) || !text.includes('"messages":[')) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"bad request"}}');
        return;
      }
      stats.requests++;
      stats.hungrySinceArrival = 0;
      if (!stats.firstArrivalAt) stats.firstArrivalAt = Date.now();
      waiting.push({ res, left: o.tokens, id: ++ids });
      stats.maxWaiting = Math.max(stats.maxWaiting, waiting.length);
      planStep();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, capacity: simCapacity(o) })}\n`);
  });
  const stop = () => {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  if (args.includes('--exit-with-stdin')) {
    // A bench holds our stdin open: when it goes away (even killed), so do we.
    process.stdin.on('end', () => process.exit(0));
    process.stdin.resume();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
