import { randomUUID } from 'node:crypto';
import { DEFAULT_CONFIG, DocmillError, Semaphore, toDocmillError, type Config, type DocumentResult, type PageDraft, type VisionEngine } from '@docmill/core';
import { assembleDocument, type AssembleOptions } from './assemble.js';
import { StreamingAssembly, type DocumentSink, type StreamedDocument } from './assemble-stream.js';
import type { IngestInfo } from './ingest.js';
import type { ConvertOptions } from './options.js';
import { PagePool, shareBytes } from './pool.js';
import type { PoolDocument } from './pool-tasks.js';
import { FileRanges } from '@docmill/pdf';
import { transcribePage, type PageContext } from './transcribe.js';

export interface RunnerOptions extends ConvertOptions {
  /** Input path, recorded in the result. */
  path?: string;
  /** A pool shared across documents (the CLI's); one is made (and closed) per call otherwise. */
  pool?: PagePool;
  /** Threads when no pool is given. */
  concurrency?: number;
  /** The vision engine for engine 'openai' | 'mistral' (shared across documents: its concurrency is global). */
  vision?: VisionEngine;
  /** Resolution of kept page images (with keepImages). */
  imageDpi?: number;
  /**
   * The entry point's configuration: DOCMILL_CONCURRENCY (threads when neither pool nor concurrency
   * is given), DOCMILL_PAGE_TIMEOUT_MS, DOCMILL_MAX_PAGES, DOCMILL_MAX_BYTES (when the options set none),
   * DOCMILL_VISION_CONCURRENCY, DOCMILL_DEGRADED_SHARE. Default: `DEFAULT_CONFIG`, never the environment.
   */
  config?: Readonly<Config>;
}

export interface RunnerHooks {
  /** Called as each page finishes, in completion order, with its image when keepImages is set. */
  onPage?: (draft: PageDraft, done: number, total: number, image?: Uint8Array) => void;
  /** Called once the input is validated and its pages counted. */
  onIngest?: (info: IngestInfo) => void;
  signal?: AbortSignal;
}

/** Time limit for validating and opening an input (pdf.js repairing a broken file). */
const INGEST_TIMEOUT_MS = 60_000;

/**
 * The in-process runner: validates the input, transcribes its pages on worker
 * threads with bounded concurrency and per-page time limits, and assembles the
 * document. A page that fails or times out is kept and flagged; the call throws
 * only for errors about the whole input (coded: encrypted, corrupt, not a PDF…).
 * @param bytes the input
 * @param opts conversion options plus runner settings
 * @param hooks progress callbacks and cancellation
 */
export async function convertDocument(bytes: Uint8Array, opts: RunnerOptions = {}, hooks: RunnerHooks = {}): Promise<DocumentResult> {
  const drafts: PageDraft[] = [];
  return runDocument(bytes, opts, hooks, (draft) => drafts.push(draft), (info, assembleOpts) => assembleDocument(info, drafts, assembleOpts));
}

/** An input file given by its path: the pool's threads read it by ranges themselves, so it is never whole in memory. */
export interface InputFile {
  path: string;
}

/**
 * `convertDocument` for long documents: finished pages go to a spool file instead of
 * memory, and the document is written to `sink` page by page once every page is done
 * (see `StreamingAssembly`); what the sink receives, joined, is `convertDocument`'s result.
 * @param input the input's bytes, or its file (read by ranges in the threads: memory does not grow with the file)
 * @param opts conversion options plus runner settings
 * @param hooks progress callbacks and cancellation
 * @param sink receives the Markdown and the pages in order
 * Returns the document's other fields and an outline of its pages. Throws as `convertDocument`.
 */
export async function convertDocumentTo(input: Uint8Array | InputFile, opts: RunnerOptions, hooks: RunnerHooks, sink: DocumentSink): Promise<StreamedDocument> {
  const assembly = new StreamingAssembly();
  try {
    return await runDocument(input, opts, hooks, (draft) => assembly.add(draft), (info, assembleOpts) => assembly.finish(info, assembleOpts, sink));
  } finally {
    assembly.close();
  }
}

/** The runner both entry points share: ingest, pages on the pool (each finished draft to `collect`), then `assemble`. */
async function runDocument<T>(input: Uint8Array | InputFile, opts: RunnerOptions, hooks: RunnerHooks, collect: (draft: PageDraft) => void, assemble: (info: IngestInfo, opts: AssembleOptions) => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const config = opts.config ?? DEFAULT_CONFIG;
  const pool = opts.pool ?? new PagePool({ size: opts.concurrency ?? config.DOCMILL_CONCURRENCY });
  const { pool: _p, vision, path, concurrency: _c, imageDpi, config: _config, ...convertOpts } = opts;
  const pageTimeoutMs = opts.pageTimeoutMs ?? config.DOCMILL_PAGE_TIMEOUT_MS;
  const doc: PoolDocument = input instanceof Uint8Array ? { id: randomUUID(), bytes: shareBytes(input) } : { id: randomUUID(), path: input.path };
  // Note: read on the vision path only (transcribePage); a file opens on its first read.
  let pageInput: Uint8Array | FileRanges | undefined;
  const bytes = () => (pageInput ??= input instanceof Uint8Array ? input : new FileRanges(input.path));
  try {
    const info = await pool.run<IngestInfo>(doc, { kind: 'ingest', opts: { ...convertOpts, maxPages: opts.maxPages ?? config.DOCMILL_MAX_PAGES, maxBytes: opts.maxBytes ?? config.DOCMILL_MAX_BYTES } }, INGEST_TIMEOUT_MS).catch((e) => {
      // Note: a timeout or a dead thread while opening is about the whole input.
      const err = toDocmillError(e);
      if (err.code === 'DOCMILL_ERR_PAGE_TIMEOUT') throw new DocmillError('PDF_CORRUPT', `Opening the input took longer than ${INGEST_TIMEOUT_MS} ms.`);
      throw err;
    });
    hooks.onIngest?.(info);
    const total = info.selected.length;
    let done = 0;
    const finish = (draft: PageDraft, image?: Uint8Array) => {
      collect(draft);
      hooks.onPage?.(draft, ++done, total, image);
    };
    const page: PageContext = {
      pool, doc, bytes, opts: convertOpts, timeoutMs: pageTimeoutMs, imageDpi: imageDpi ?? 150,
      ...(vision ? { vision } : {}), ...(hooks.signal ? { signal: hooks.signal } : {}),
    };
    const one = async (index: number) => {
      hooks.signal?.throwIfAborted();
      const { draft, image } = await transcribePage(page, index);
      finish(draft, image);
    };
    if ((convertOpts.engine ?? 'local') === 'local') {
      await Promise.all(info.selected.map(one));
    } else {
      // Note: without a vision engine transcribePage throws ENGINE_NOT_CONFIGURED on the first page, and the runner with it.
      // Note: backpressure — at most this many rendered pages wait in memory for the model.
      const inFlight = new Semaphore(config.DOCMILL_VISION_CONCURRENCY + pool.size);
      await Promise.all(info.selected.map((index) => inFlight.run(() => one(index))));
    }
    const seconds = (performance.now() - started) / 1000;
    // Note: every page is done, so the threads let go of the document (pdf.js caches, fonts) before
    // assembly rather than after; the finally below then has nothing left to do.
    if (opts.pool) pool.release(doc.id);
    return await assemble(info, { ...convertOpts, ...(path ? { path } : {}), seconds, degradedShare: config.DOCMILL_DEGRADED_SHARE });
  } finally {
    // Note: a shared pool's threads drop this document's bytes and pdf.js caches
    // (the message is handled between tasks, on success and on failure alike).
    if (opts.pool) pool.release(doc.id);
    else await pool.close();
    if (pageInput instanceof FileRanges) pageInput.close();
  }
}
