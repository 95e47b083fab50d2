// One pool thread: opens documents it is given and runs page tasks on them.
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { toDocmillError } from '@docmill/core';
import { ingest } from './ingest.js';
import { transcribePageLocal } from './local.js';
import { preparePage, renderPage } from './vision.js';
import { closeCachedSources, releaseSource } from './source-cache.js';
import type { PoolReply, PoolRequest, PoolTask } from './pool-tasks.js';
import { setCpuSlots, sharedCpuSlots } from './cpu-slots.js';

// Note: libvips keeps a cache of recent operations and its own threads; page threads
// already run one per core, so neither helps here and both cost memory on OCR pages.
sharp.cache(false);
sharp.concurrency(1);

const { cpu } = workerData as { cpu?: { budget: Int32Array; held: Int32Array; size: number } };
if (cpu) setCpuSlots(sharedCpuSlots(cpu.budget, cpu.held, cpu.size));

const port = parentPort!;
/** The documents this thread holds, most recent first (the source cache keys on these very arrays). */
const docs: Array<{ id: string; bytes: Uint8Array }> = [];

function bytesFor(req: PoolRequest): Uint8Array | undefined {
  const hit = docs.find((d) => d.id === req.docId);
  if (hit) return hit.bytes;
  if (!req.bytes) return undefined;
  // Note: a view of the shared bytes, not a copy: nothing here writes them, and openPdf never hands
  // them to pdf.js as they are (it reads shared input by ranges, other input from its own copy).
  const bytes = new Uint8Array(req.bytes);
  docs.unshift({ id: req.docId, bytes });
  if (docs.length > 2) docs.pop();
  return bytes;
}

async function run(bytes: Uint8Array, task: PoolTask): Promise<unknown> {
  switch (task.kind) {
    case 'ingest':
      return ingest(bytes, task.opts);
    case 'local': {
      const draft = await transcribePageLocal(bytes, task.index, task.opts);
      if (task.imageDpi && !draft.error) {
        const image = await renderPage(bytes, task.index, { dpi: task.imageDpi, format: 'png' }, task.opts).catch(() => undefined);
        return { draft, image: image?.data };
      }
      return { draft };
    }
    case 'prepare':
      return preparePage(bytes, task.index, { ...task.opts, longestSide: task.longestSide });
    case 'render':
      return renderPage(bytes, task.index, task.req, task.opts);
    default: {
      const never: never = task;
      throw new Error(`unknown task ${JSON.stringify(never)}`);
    }
  }
}

port.on('message', async (req: PoolRequest | { close: true } | { release: string }) => {
  if ('close' in req) {
    await closeCachedSources();
    port.close();
    return;
  }
  if ('release' in req) {
    // The document is done: drop its bytes and its opened source (pdf.js caches) from this thread.
    const i = docs.findIndex((d) => d.id === req.release);
    if (i >= 0) await releaseSource(docs.splice(i, 1)[0]!.bytes);
    return;
  }
  const bytes = bytesFor(req);
  if (!bytes) {
    port.postMessage({ id: req.id, needBytes: true } satisfies PoolReply);
    return;
  }
  try {
    const value = await run(bytes, req.task);
    port.postMessage({ id: req.id, ok: true, value } satisfies PoolReply);
  } catch (e) {
    const err = toDocmillError(e);
    port.postMessage({ id: req.id, ok: false, error: { code: err.code, message: err.message } } satisfies PoolReply);
  }
});
