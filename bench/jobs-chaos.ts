// The job system under real faults (issue 15, "Done when"): real processes, real Redis, real HTTP.
//   node --import @docmill/core/loader bench/jobs-chaos.ts [--jobs 30] [--kill-every 10] [--redis-restart-at 25]
//   node --import @docmill/core/loader bench/jobs-chaos.ts --load [--small 300] [--big 50] [--big-pages 50] [--clients 20]
// Starts a private redis-server with AOF (appendfsync always) on a free port, the API
// (`docmill serve`) and two workers (`docmill worker`, every queue) as child processes, and
// a local HTTP receiver for webhooks. Submits the jobs over HTTP (generated PDFs with a
// word of their own, and real text PDFs from ../shared/corpus), each with a callback and an
// Idempotency-Key (a submit refused while Redis is away is retried with the same key).
// Meanwhile it SIGKILLs one worker every --kill-every seconds (and starts it again) and
// kills Redis once (SIGKILL, restarted on its AOF). Then it checks, and prints, per job:
// succeeded; every page exactly once (document.json pages = 0..n-1, none flagged error);
// one signed webhook (verified; repeats share X-Docmill-Delivery: the receiver refuses
// every third job's first delivery); the job's SSE stream
// ended in its final state; search finds it. Exit code 1 when any check fails.
// --load (issue 15's load figures): --clients API keys (tenants) submit at once, half of
// them --big documents of --big-pages pages, the other half --small 2-page documents, one
// every --small-every seconds each while the big ones run; a worker is SIGKILLed every
// --kill-every seconds (default 30 here) and Redis restarted once. Same checks but SSE
// (not followed: hundreds of streams would load the machine being measured); prints
// throughput (pages/s, first submit to last finish), the small jobs' latency (submit to
// finish, by the job records' times) and the load average seen during the run.
// Not part of `npm test` (it takes minutes).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { SseParser } from '@docmill/core';
import { freePort, PrivateRedis } from '@docmill/fixtures';
import { verifyWebhook } from '@docmill/jobs';
import { ROOT, tempDir } from '../test/jobs/helpers.js';

const { values } = parseArgs({ options: {
  jobs: { type: 'string', default: '30' },
  'kill-every': { type: 'string' },
  'redis-restart-at': { type: 'string', default: '25' },
  'keep-logs': { type: 'boolean', default: false },
  load: { type: 'boolean', default: false },
  small: { type: 'string', default: '300' },
  big: { type: 'string', default: '50' },
  'big-pages': { type: 'string', default: '50' },
  clients: { type: 'string', default: '20' },
  'small-every': { type: 'string', default: '4' },
} });
const LOAD = values.load;
const JOBS = Number(values.jobs);
const KILL_EVERY_MS = Number(values['kill-every'] ?? (LOAD ? 30 : 10)) * 1000;
const REDIS_RESTART_AT_MS = Number(values['redis-restart-at']) * 1000;
const LIMIT_MS = (LOAD ? 40 : 15) * 60_000;

interface Tenant { key: string; tenant: string; secret: string }
const TENANTS: Tenant[] = LOAD
  ? Array.from({ length: Number(values.clients) }, (_, i) => ({ key: `load-key-client-${String(i).padStart(2, '0')}-x`, tenant: `client${i}`, secret: `whsec-client${i}-load` }))
  : [
    { key: 'chaos-key-acme-0001', tenant: 'acme', secret: 'whsec-acme-chaos' },
    { key: 'chaos-key-globex-002', tenant: 'globex', secret: 'whsec-globex-chaos' },
  ];
const CORPUS = ['160F-2019.pdf', 'bug1997343.pdf', 'canvas.pdf', 'issue11913.pdf', 'issue13201.pdf', 'issue14117.pdf', 'issue14297.pdf', 'bigboundingbox.pdf']
  .map((f) => new URL(`../../../shared/corpus/pdfjs/pdf/${f}`, import.meta.url).pathname);

const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A word of letters only, different for each n (searchable, never a dictionary word). */
function codeword(n: number): string {
  const a = 'bcdfghjklmnpqrstvwxz';
  let s = 'qx';
  for (let i = 0, v = n + 7919; i < 5; i++, v = Math.floor(v / a.length)) s += a[v % a.length]! + 'aeiou'[(v + i) % 5]!;
  return s;
}

/** A text PDF of `pages` pages that carries `word` on every page. */
async function generated(pages: number, word: string, seed: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const words = 'harbour ledger winter copper signal orchard meadow lantern quarry basalt'.split(' ');
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Chaos report ${seed}, part ${p + 1}`, { x: 72, y: 760, size: 18, font });
    for (let l = 0; l < 12; l++) {
      const line = Array.from({ length: 9 }, (_, i) => words[(seed * 3 + p * 5 + l * 7 + i) % words.length]).join(' ');
      page.drawText(l === 4 ? `${line} ${word}.` : `${line}.`, { x: 72, y: 720 - l * 16, size: 11, font });
    }
  }
  return doc.save();
}

/** The fault run's inputs: real corpus PDFs (each once: the same bytes twice would be served by result reuse) and generated ones. */
async function chaosInputs(): Promise<Input[]> {
  const inputs: Input[] = [];
  const tenant = () => TENANTS[inputs.length % TENANTS.length]!;
  for (const path of CORPUS) if (existsSync(path) && inputs.length < Math.min(8, JOBS)) inputs.push({ bytes: readFileSync(path), word: '', pages: 0, source: path.split('/').pop()!, tenant: tenant() });
  for (let i = 0; inputs.length < JOBS; i++) {
    // Every fourth one is OCRed (3 pages, seconds each), the others have a text layer (6..38 pages).
    const ocr = i % 4 === 3;
    const pages = ocr ? 3 : 6 + (i % 5) * 8;
    const word = codeword(i);
    inputs.push({ bytes: await generated(pages, word, i), word, pages, source: `generated ${pages}p${ocr ? ' ocr' : ''}`, ...(ocr ? { ocr } : {}), tenant: tenant() });
  }
  return inputs;
}

/** The load run's inputs: the first half of the clients send the big documents, the other half the small ones. */
async function loadInputs(): Promise<Input[]> {
  const inputs: Input[] = [];
  const half = Math.max(1, Math.floor(TENANTS.length / 2));
  const bigPages = Number(values['big-pages']);
  for (let i = 0; i < Number(values.big); i++) {
    const word = codeword(i);
    inputs.push({ bytes: await generated(bigPages, word, i), word, pages: bigPages, source: `big ${bigPages}p`, tenant: TENANTS[i % half]! });
  }
  for (let i = 0; i < Number(values.small); i++) {
    const word = codeword(10_000 + i);
    inputs.push({ bytes: await generated(2, word, 10_000 + i), word, pages: 2, source: 'small 2p', tenant: TENANTS[half + (i % (TENANTS.length - half))]! });
  }
  return inputs;
}

interface Proc { name: string; proc: ChildProcess; exited: Promise<number | null>; log: string[] }

function start(name: string, args: string[], env: Record<string, string>, readyLine: RegExp): { p: Proc; ready: Promise<void> } {
  const proc = spawn(process.execPath, [`${ROOT}packages/cli/bin/docmill.js`, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const p: Proc = { name, proc, exited: new Promise((r) => proc.once('exit', (c) => r(c))), log: lines };
  const ready = new Promise<void>((resolve, reject) => {
    const take = (c: Buffer) => {
      const text = c.toString('utf8');
      lines.push(text);
      if (lines.length > 4000) lines.splice(0, 2000);
      if (readyLine.test(text)) resolve();
    };
    proc.stdout!.on('data', take);
    proc.stderr!.on('data', take);
    proc.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${lines.join('').slice(-3000)}`)));
  });
  ready.catch(() => undefined);
  return { p, ready };
}

interface Delivery { job: string; delivery: string; event: string; valid: boolean; at: number }
interface Input { bytes: Uint8Array; word: string; pages: number; source: string; ocr?: boolean; tenant: Tenant }
interface Submitted { id: string; tenant: Tenant; word: string; pages: number; source: string; sse?: Promise<SseOutcome>; submitAttempts: number; small: boolean }
interface SseOutcome { final?: string; reconnects: number; events: number }

async function main(): Promise<number> {
  const redis = await PrivateRedis.start();
  const storeRoot = await tempDir('docmill-chaos-store-');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  // The webhook receiver.
  const deliveries: Delivery[] = [];
  const seenJobs = new Set<string>();
  const refused = new Set<string>();
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const h: IncomingHttpHeaders = req.headers;
      const tenant = TENANTS.find((t) => req.url === `/hook/${t.tenant}`);
      let job = '';
      try { job = (JSON.parse(body) as { id: string }).id; } catch { /* counted as invalid */ }
      const first = !seenJobs.has(job);
      seenJobs.add(job);
      deliveries.push({
        job, delivery: String(h['x-docmill-delivery']), event: String(h['x-docmill-event']), at: Date.now(),
        valid: !!tenant && verifyWebhook(body, tenant.secret, h['x-docmill-signature'] as string, h['x-docmill-timestamp'] as string),
      });
      // Every third job's first delivery is refused (503), so repeats, and their shared delivery id, are seen.
      const refuse = first && seenJobs.size % 3 === 1;
      if (refuse) refused.add(job);
      res.writeHead(refuse ? 503 : 204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookBase = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

  const env: Record<string, string> = {
    DOCMILL_REDIS_URL: redis.url, DOCMILL_STORE: storeRoot, DOCMILL_QUEUE_PREFIX: 'chaos',
    DOCMILL_API_KEYS: TENANTS.map((t) => `${t.key}:${t.tenant}:${t.secret}`).join(','),
    DOCMILL_HOST: '127.0.0.1', DOCMILL_PORT: String(port), DOCMILL_ALLOW_PRIVATE_URLS: '1',
    DOCMILL_SECRET_KEY: 'chaos-secret-key-0123456789', DOCMILL_LOG_LEVEL: 'info', DOCMILL_CONCURRENCY: '1',
    // A killed worker's jobs are taken over after about 10 s (the defaults are 30 s + 30 s).
    DOCMILL_LOCK_MS: '5000', DOCMILL_STALLED_MS: '5000',
    // Twenty clients polling their jobs every second would hit the per-key rate limit (600 a minute).
    DOCMILL_RATE_PER_MINUTE: '100000',
  };
  const api = start('api', ['serve'], env, /listening|Server listening/i);
  const workers: Proc[] = [];
  const startWorker = async (slot: number) => {
    const w = start(`worker${slot}`, ['worker'], env, /"msg":"workers started"/);
    workers[slot] = w.p;
    await w.ready;
  };
  await Promise.all([api.ready, startWorker(0), startWorker(1)]);
  log(`redis ${redis.url} (AOF), API ${base}, 2 workers, store ${storeRoot}`);

  // Chaos: a worker SIGKILLed every KILL_EVERY_MS (alternating), started again; Redis killed once.
  let chaos = true;
  let kills = 0;
  let redisRestarts = 0;
  // The load average, every 10 s while the run lasts.
  const loads: number[] = [loadavg()[0]!];
  const sampler = setInterval(() => loads.push(loadavg()[0]!), 10_000);
  const chaosLoop = (async () => {
    let next = 0;
    while (chaos) {
      await sleep(KILL_EVERY_MS);
      if (!chaos) break;
      const slot = next++ % 2;
      const w = workers[slot]!;
      w.proc.kill('SIGKILL');
      await w.exited;
      kills++;
      log(`SIGKILL ${w.name} (kill ${kills})`);
      await startWorker(slot).catch((e: unknown) => log(`restart of worker${slot} failed: ${String(e)}`));
    }
  })();
  const redisLoop = (async () => {
    await sleep(REDIS_RESTART_AT_MS);
    if (!chaos) return;
    log('SIGKILL redis-server');
    await redis.crash();
    await sleep(2000);
    await redis.up();
    redisRestarts++;
    log('redis-server back (AOF)');
  })();

  const inputs = LOAD ? await loadInputs() : await chaosInputs();
  const submitted: Submitted[] = [];
  // A submit refused while Redis is away (503) is retried with the same Idempotency-Key.
  const submit = async (i: number, input: Input) => {
    const { tenant } = input;
    const form = new FormData();
    form.set('file', new Blob([input.bytes], { type: 'application/pdf' }), `chaos-${i}.pdf`);
    form.set('callback_url', `${hookBase}/${tenant.tenant}`);
    if (input.ocr) form.set('ocr', 'always');
    let attempts = 0;
    for (;;) {
      attempts++;
      const res = await fetch(`${base}/v1/jobs`, { method: 'POST', headers: { authorization: `Bearer ${tenant.key}`, 'idempotency-key': `chaos-${i}` }, body: form }).catch((e: unknown) => e as Error);
      if (!(res instanceof Error) && (res.status === 202 || res.status === 200)) {
        const job = (await res.json()) as { id: string };
        const s: Submitted = { id: job.id, tenant, word: input.word, pages: input.pages, source: input.source, submitAttempts: attempts, small: input.source.startsWith('small') };
        if (!LOAD) s.sse = followSse(base, tenant.key, job.id);
        submitted.push(s);
        return;
      }
      const why = res instanceof Error ? res.message : `${res.status} ${res.headers.get('retry-after') ? `Retry-After ${res.headers.get('retry-after')}` : ''} ${(await res.text()).slice(0, 160)}`;
      log(`submit ${i}: ${why}; retrying with the same Idempotency-Key`);
      if (attempts > 60) throw new Error(`submit ${i} refused 60 times`);
      await sleep(1000);
    }
  };
  if (LOAD) {
    // Each client submits its own inputs one after another, all clients at once; small ones paced.
    const every = Number(values['small-every']) * 1000;
    await Promise.all(TENANTS.map(async (t) => {
      for (const [i, input] of inputs.entries()) {
        if (input.tenant !== t) continue;
        await submit(i, input);
        if (input.source.startsWith('small')) await sleep(every);
      }
    }));
  } else {
    // Spread over time so that some meet the Redis outage.
    for (const [i, input] of inputs.entries()) {
      await submit(i, input);
      await sleep(300);
    }
  }
  log(`${submitted.length} jobs submitted`);

  // Wait for every job to end (polling the API; the SSE followers run beside).
  const finals = new Map<string, { status: string; pagesTotal: number; error?: unknown; createdAt: string; finishedAt?: string }>();
  const until = Date.now() + LIMIT_MS;
  while (finals.size < submitted.length && Date.now() < until) {
    for (const s of submitted) {
      if (finals.has(s.id)) continue;
      const res = await fetch(`${base}/v1/jobs/${s.id}`, { headers: { authorization: `Bearer ${s.tenant.key}` } }).catch(() => undefined);
      if (!res?.ok) continue;
      const j = (await res.json()) as { status: string; progress: { pagesTotal: number }; error?: unknown; createdAt: string; finishedAt?: string };
      if (['succeeded', 'failed', 'canceled'].includes(j.status)) finals.set(s.id, { status: j.status, pagesTotal: j.progress.pagesTotal, error: j.error, createdAt: j.createdAt, ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}) });
    }
    await sleep(1000);
  }
  chaos = false;
  log(`${finals.size} of ${submitted.length} jobs ended; ${kills} worker kills, ${redisRestarts} Redis restart(s)`);
  // Webhooks of the last jobs may still be on their way (retries back off): wait for them, a while.
  const webhookUntil = Date.now() + 120_000;
  const delivered = (id: string) => deliveries.filter((d) => d.job === id).length >= (refused.has(id) ? 2 : 1);
  while (Date.now() < webhookUntil && submitted.some((s) => !delivered(s.id))) await sleep(500);

  // Checks.
  const problems: string[] = [];
  const rows: string[] = [];
  const pageCount = { delivered: 0, doubled: 0, lost: 0 };
  for (const s of submitted) {
    const f = finals.get(s.id);
    const auth = { authorization: `Bearer ${s.tenant.key}` };
    const mine = deliveries.filter((d) => d.job === s.id);
    const ids = new Set(mine.map((d) => d.delivery));
    const sse = s.sse ? await Promise.race([s.sse, sleep(30_000).then(() => ({ final: 'still open', reconnects: -1, events: -1 }) as SseOutcome)]) : undefined;
    let pagesOk = false;
    let pageNote = '';
    let found = false;
    if (f?.status === 'succeeded') {
      const doc = (await (await fetch(`${base}/v1/jobs/${s.id}/result`, { headers: auth })).json()) as { pages: Array<{ index: number; flags?: string[]; error?: { code: string; message: string } }>; markdown: string };
      const idx = doc.pages.map((p) => p.index);
      pageCount.delivered += idx.length;
      pageCount.doubled += idx.length - new Set(idx).size;
      pageCount.lost += Math.max(0, (s.pages || f.pagesTotal) - new Set(idx).size);
      const failed = doc.pages.filter((p) => p.error || p.flags?.includes('error'));
      const errors = failed.length;
      for (const p of failed) problems.push(`${s.id} page ${p.index + 1}: ${JSON.stringify(p.error ?? p.flags)}`);
      pagesOk = idx.length === f.pagesTotal && idx.every((v, i) => v === i) && errors === 0 && (s.pages === 0 || idx.length === s.pages);
      pageNote = `${idx.length}/${f.pagesTotal} pages${errors ? `, ${errors} flagged error` : ''}`;
      const word = s.word || longestWord(doc.markdown);
      // Note: the search relay indexes a job a moment after it succeeds; an outbox entry a killed
      // worker's relay held is claimed again after 30 s (XAUTOCLAIM), so a miss is asked again for 90 s (the claim runs every 15 s).
      const since = Date.now();
      for (;;) {
        const hits = (await (await fetch(`${base}/v1/search?q=${encodeURIComponent(word)}&limit=100`, { headers: auth })).json()) as { hits: Array<{ jobId: string }> };
        found = hits.hits.some((h) => h.jobId === s.id);
        if (found || Date.now() - since > 90_000) break;
        await sleep(2000);
      }
      if (!found) pageNote += ` (search "${word}")`;
      else if (Date.now() - since > 1000) pageNote += ` (found by search after ${((Date.now() - since) / 1000).toFixed(0)} s)`;
    }
    const checks = {
      succeeded: f?.status === 'succeeded',
      pagesOnce: pagesOk,
      webhook: mine.length >= (refused.has(s.id) ? 2 : 1) && ids.size === 1 && mine.every((d) => d.valid && d.event === 'job.succeeded'),
      sse: !sse || sse.final === f?.status,
      search: found,
    };
    const bad = Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k);
    if (bad.length) problems.push(`${s.id} (${s.source}): ${bad.join(', ')}; status ${f?.status ?? 'none'} ${f?.error ? JSON.stringify(f.error) : ''}`);
    rows.push(`${s.id} ${s.tenant.tenant.padEnd(6)} ${s.source.padEnd(20)} ${String(f?.status).padEnd(9)} ${pageNote.padEnd(16)} webhooks ${mine.length} (ids ${ids.size}) sse ${sse ? `${sse.final} (reconnects ${sse.reconnects})` : 'not followed'} search ${found ? 'yes' : 'NO'} submits ${s.submitAttempts}`);
  }
  console.log(rows.join('\n'));
  if (LOAD) console.log(loadFigures(submitted, finals, pageCount, loads));
  const stray = deliveries.filter((d) => !submitted.some((s) => s.id === d.job));
  if (stray.length) problems.push(`${stray.length} deliveries for unknown jobs`);
  const invalid = deliveries.filter((d) => !d.valid).length;
  log(`deliveries: ${deliveries.length} (${invalid} not verifying), for ${new Set(deliveries.map((d) => d.job)).size} jobs; repeats ${deliveries.length - new Set(deliveries.map((d) => d.delivery)).size} (${refused.size} first deliveries refused with 503)`);

  chaos = false;
  clearInterval(sampler);
  await Promise.race([chaosLoop, sleep(20_000)]);
  await redisLoop;
  for (const p of [api.p, ...workers]) if (p.proc.exitCode === null) p.proc.kill('SIGTERM');
  await Promise.race([Promise.all([api.p, ...workers].map((p) => p.exited)), sleep(15_000)]);
  for (const p of [api.p, ...workers]) if (p.proc.exitCode === null) p.proc.kill('SIGKILL');
  receiver.close();
  if (problems.length && values['keep-logs']) for (const p of [api.p, ...workers]) console.log(`--- ${p.name} log tail\n${p.log.join('').slice(-4000)}`);
  await redis.stop();
  await rm(storeRoot, { recursive: true, force: true });
  if (problems.length) {
    console.log(`\nFAILED (${problems.length}):\n${problems.join('\n')}`);
    return 1;
  }
  console.log(`\nOK: ${submitted.length} jobs succeeded, every page once, one signed webhook each, ${LOAD ? 'SSE not followed' : 'SSE ended final'}, search finds each; ${kills} worker kills, ${redisRestarts} Redis restart(s), ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return 0;
}

/** The load run's figures: throughput, the small jobs' latency, pages lost or doubled, the load average. */
function loadFigures(
  submitted: Submitted[], finals: Map<string, { status: string; createdAt: string; finishedAt?: string }>,
  pages: { delivered: number; doubled: number; lost: number }, loads: number[],
): string {
  const done = submitted.flatMap((s) => {
    const f = finals.get(s.id);
    return f?.status === 'succeeded' && f.finishedAt ? [{ s, from: Date.parse(f.createdAt), to: Date.parse(f.finishedAt) }] : [];
  });
  if (done.length === 0) return 'load figures: no job succeeded';
  const first = Math.min(...done.map((d) => d.from));
  const last = Math.max(...done.map((d) => d.to));
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const latency = (pick: (d: (typeof done)[number]) => boolean) => {
    const xs = done.filter(pick).map((d) => (d.to - d.from) / 1000).sort((a, b) => a - b);
    return xs.length ? `${xs.length} jobs: median ${pct(xs, 50).toFixed(1)} s, p90 ${pct(xs, 90).toFixed(1)} s, max ${xs[xs.length - 1]!.toFixed(1)} s` : 'none';
  };
  // A small job "while the big ones run": submitted before the last big job finished.
  const bigEnd = Math.max(...done.filter((d) => !d.s.small).map((d) => d.to));
  const wall = (last - first) / 1000;
  return [
    `load figures: ${done.length} of ${submitted.length} jobs succeeded, ${pages.delivered} pages in ${wall.toFixed(0)} s = ${(pages.delivered / wall).toFixed(1)} pages/s (first submit to last finish)`,
    `pages lost ${pages.lost}, doubled ${pages.doubled}`,
    `small jobs submitted while big ones ran, submit to finish: ${latency((d) => d.s.small && d.from < bigEnd)}`,
    `small jobs, all: ${latency((d) => d.s.small)}`,
    `big jobs: ${latency((d) => !d.s.small)}`,
    `load average (1 min) during the run: min ${Math.min(...loads).toFixed(1)}, median ${[...loads].sort((a, b) => a - b)[Math.floor(loads.length / 2)]!.toFixed(1)}, max ${Math.max(...loads).toFixed(1)}`,
  ].join('\n');
}

/** Follows a job's SSE stream to its final status, reconnecting when the connection breaks (as EventSource does). */
async function followSse(base: string, key: string, id: string): Promise<SseOutcome> {
  let reconnects = -1;
  let events = 0;
  const until = Date.now() + LIMIT_MS;
  while (Date.now() < until) {
    reconnects++;
    try {
      const res = await fetch(`${base}/v1/jobs/${id}/events`, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' } });
      if (!res.ok || !res.body) throw new Error(`SSE ${res.status}`);
      const parser = new SseParser();
      const decoder = new TextDecoder();
      let last: string | undefined;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        for (const ev of parser.push(decoder.decode(chunk, { stream: true }))) {
          events++;
          if (ev.event === 'status') last = (JSON.parse(ev.data) as { status: string }).status;
        }
      }
      if (last && ['succeeded', 'failed', 'canceled'].includes(last)) return { final: last, reconnects, events };
    } catch { /* reconnect */ }
    await sleep(1000);
  }
  return { reconnects, events };
}

/** The most frequent lower-case word of 5 to 14 letters in a Markdown text (a query that finds its document). */
function longestWord(md: string): string {
  const counts = new Map<string, number>();
  for (const w of md.match(/(?<![\p{L}\p{N}])\p{Ll}{5,14}(?![\p{L}\p{N}])/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'the';
}

process.exitCode = await main();
