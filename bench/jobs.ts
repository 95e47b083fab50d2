// Throughput of the job system (queue path) against the in-process runner, on
// the same generated PDFs, and how it grows from 1 to 2 page-worker processes:
//   node --import @docmill/core/loader bench/jobs.ts [--docs 6] [--pages 40] [--ocr-docs 2] [--ocr-pages 4]
// Starts its own redis-server (no persistence) on a free port and worker
// processes from workers/*.ts, like an operator would. Not part of `npm test`.
//
// Measured: pages/s from the first submit to the last final state (queue), or
// over convertDocument calls one after another (in-process), after a warm-up
// document in both so that thread start-up (tsx, pdf.js, ONNX) is not counted.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { silentLogger } from '@docmill/core';
import { JobService } from '@docmill/jobs';
import { FsStore } from '@docmill/store';
import { PagePool, convertDocument } from '@docmill/pipeline';
import { makeDocument } from '../packages/jobs/test/fixtures.js';
import { PrivateRedis, startWorkerProcess, tempDir, waitFor, type WorkerProcess } from '../test/jobs/helpers.js';

const { values } = parseArgs({ options: {
  docs: { type: 'string', default: '6' }, pages: { type: 'string', default: '40' },
  'ocr-docs': { type: 'string', default: '2' }, 'ocr-pages': { type: 'string', default: '4' },
} });
const cores = availableParallelism();

interface Workload { name: string; docs: Uint8Array[]; options: { ocr?: 'always' } }

async function workloads(): Promise<Workload[]> {
  const text: Uint8Array[] = [];
  for (let i = 0; i < Number(values.docs); i++) text.push(await makeDocument(Number(values.pages), 100 + i));
  const ocr: Uint8Array[] = [];
  for (let i = 0; i < Number(values['ocr-docs']); i++) ocr.push(await makeDocument(Number(values['ocr-pages']), 200 + i));
  return [
    { name: `text layer (${text.length} docs × ${values.pages} pages)`, docs: text, options: {} },
    { name: `OCR forced (${ocr.length} docs × ${values['ocr-pages']} pages)`, docs: ocr, options: { ocr: 'always' } },
  ];
}

const pagesOf = (w: Workload) => w.docs.length * Number(w.options.ocr ? values['ocr-pages'] : values.pages);

async function inProcess(w: Workload, threads: number): Promise<number> {
  const pool = new PagePool({ size: threads });
  try {
    await convertDocument(await makeDocument(2, 999), { pool, ...w.options }); // warm-up
    const t0 = performance.now();
    await Promise.all(w.docs.map((d) => convertDocument(d, { pool, ...w.options })));
    return pagesOf(w) / ((performance.now() - t0) / 1000);
  } finally {
    await pool.close();
  }
}

async function viaQueue(redisUrl: string, w: Workload, pageProcs: number, threadsPerProc: number): Promise<number> {
  const prefix = `dmbench-${randomBytes(4).toString('hex')}`;
  const root = await tempDir('docmill-bench-store-');
  const store = new FsStore(root);
  const env = { DOCMILL_REDIS_URL: redisUrl, DOCMILL_STORE: root, DOCMILL_QUEUE_PREFIX: prefix, DOCMILL_CONCURRENCY: String(threadsPerProc) };
  const procs: WorkerProcess[] = [
    startWorkerProcess('workers/ingest.ts', env),
    startWorkerProcess('workers/assemble.ts', env),
    ...Array.from({ length: pageProcs }, () => startWorkerProcess('workers/vision.ts', { ...env, DOCMILL_WORKER_QUEUES: 'page' })),
  ];
  const service = new JobService({ redisUrl, store, prefix, logger: silentLogger });
  try {
    await Promise.all(procs.map((p) => p.ready));
    const finish = async (id: string) => waitFor(`job ${id}`, async () => {
      const r = await service.get('bench', id);
      if (r.status === 'failed' || r.status === 'canceled') throw new Error(`job ${id} ${r.status}: ${JSON.stringify(r.error)}`);
      return r.status === 'succeeded';
    }, 900_000);
    // Warm-up: one document per page process so that every process has started its threads.
    const warm = await Promise.all(Array.from({ length: pageProcs * 2 }, async (_, i) => (await service.submit({ tenant: 'bench', bytes: await makeDocument(threadsPerProc * 2, 900 + i), options: w.options })).id));
    await Promise.all(warm.map(finish));
    const t0 = performance.now();
    const ids = await Promise.all(w.docs.map(async (bytes) => (await service.submit({ tenant: 'bench', bytes, options: w.options })).id));
    await Promise.all(ids.map(finish));
    return pagesOf(w) / ((performance.now() - t0) / 1000);
  } finally {
    await service.close();
    for (const p of procs) p.proc.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));
    await rm(root, { recursive: true, force: true });
  }
}

const redis = await PrivateRedis.start();
try {
  const { loadavg } = await import('node:os');
  console.log(`machine: ${cores} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start; redis ${redis.url}`);
  for (const w of await workloads()) {
    console.log(`\n## ${w.name}: ${pagesOf(w)} pages`);
    const ip = await inProcess(w, cores);
    console.log(`in-process convertDocument, ${cores} threads:        ${ip.toPrecision(3)} pages/s`);
    const q = await viaQueue(redis.url, w, 1, cores);
    console.log(`queue, 1 page process × ${cores} threads:            ${q.toPrecision(3)} pages/s  (ratio to in-process ${(q / ip).toFixed(2)})`);
    const q1 = await viaQueue(redis.url, w, 1, 1);
    console.log(`queue, 1 page process × 1 thread:              ${q1.toPrecision(3)} pages/s`);
    const q2 = await viaQueue(redis.url, w, 2, 1);
    console.log(`queue, 2 page processes × 1 thread:            ${q2.toPrecision(3)} pages/s  (×${(q2 / q1).toFixed(2)} from 1 to 2 processes)`);
  }
} finally {
  await redis.stop();
}
