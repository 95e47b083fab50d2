// One pool thread: opens documents it is given and runs page tasks on them.
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { DocmillError, toDocmillError } from '@docmill/core';
import { FileRanges } from '@docmill/pdf';
import { ingest } from './ingest.js';
import { transcribePageLocal } from './local.js';
import { preparePage, renderPage } from './vision.js';
import { closeCachedSources, releaseSource } from './source-cache.js';
import type { PoolReply, PoolRequest, PoolTask } from './pool-tasks.js';
import type { PageInput } from './sources.js';
import { setCpuSlots, sharedCpuSlots } from './cpu-slots.js';

// Note: libvips keeps a cache of recent operations and its own threads; page threads
// already run one per core, so neither helps here and both cost memory on OCR pages.
sharp.cache(false);
sharp.concurrency(1);

const { cpu } = workerData as { cpu?: { budget: Int32Array; held: Int32Array; size: number } };
if (cpu) setCpuSlots(sharedCpuSlots(cpu.budget, cpu.held, cpu.size));

const port = parentPort!;
/** The documents this thread holds, most recent first (the source cache keys on these very objects). */
const docs: Array<{ id: string; bytes: PageInput }> = [];

function bytesFor(req: PoolRequest): PageInput | undefined {
  const hit = docs.find((d) => d.id === req.docId);
  if (hit) return hit.bytes;
  if (!req.input) return undefined;
  // Note: a view of the shared bytes, not a copy: nothing here writes them, and openPdf never hands
  // them to pdf.js as they are (it reads shared input by ranges, other input from its own copy).
  // A file is read by ranges through this thread's own descriptor.
  const bytes = 'path' in req.input ? openInput(req.input.path) : new Uint8Array(req.input.bytes);
  docs.unshift({ id: req.docId, bytes });
  if (docs.length > 2) forget(docs.pop()!.bytes);
  return bytes;
}

/** A file read by ranges; a file that cannot be opened is the whole input's error. */
function openInput(path: string): FileRanges {
  try {
    return new FileRanges(path);
  } catch (e) {
    throw new DocmillError('INPUT_NOT_FOUND', `The input cannot be read (${(e as NodeJS.ErrnoException).code ?? e}).`, { cause: e });
  }
}

/** Closes a file's descriptor (it opens again on a later read, should a cached source still read it). */
function forget(bytes: PageInput): void {
  if (bytes instanceof FileRanges) bytes.close();
}

async function run(bytes: PageInput, task: PoolTask): Promise<unknown> {
  switch (task.kind) {
    case 'ingest':
      return ingest(bytes, task.opts);
    case 'local': {
      const draft = await transcribePageLocal(bytes, task.index, task.opts);
      if (task.imageDpi && !draft.error) {
        // Note: turned as the page was read (a sideways page, an OCR page turned upright), so its boxes fit the image.
        const image = await renderPage(bytes, task.index, { dpi: task.imageDpi, format: 'png', ...(draft.rotation ? { rotation: draft.rotation } : {}) }, task.opts).catch(() => undefined);
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
    for (const d of docs.splice(0)) forget(d.bytes);
    port.close();
    return;
  }
  if ('release' in req) {
    // The document is done: drop its bytes and its opened source (pdf.js caches) from this thread.
    const i = docs.findIndex((d) => d.id === req.release);
    if (i >= 0) {
      const { bytes } = docs.splice(i, 1)[0]!;
      await releaseSource(bytes);
      forget(bytes);
    }
    return;
  }
  try {
    const bytes = bytesFor(req);
    if (!bytes) {
      port.postMessage({ id: req.id, needBytes: true } satisfies PoolReply);
      return;
    }
    const value = await run(bytes, req.task);
    port.postMessage({ id: req.id, ok: true, value } satisfies PoolReply);
  } catch (e) {
    const err = toDocmillError(e);
    port.postMessage({ id: req.id, ok: false, error: { code: err.code, message: err.message } } satisfies PoolReply);
  }
});
