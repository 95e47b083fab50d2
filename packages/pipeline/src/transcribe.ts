import { DocmillError, toDocmillError, type PageDraft, type PreparedPage, type RenderedImage, type VisionEngine } from '@docmill/core';
import { failedDraft } from './local.js';
import type { ConvertOptions } from './options.js';
import type { PagePool } from './pool.js';
import type { PoolDocument } from './pool-tasks.js';
import type { PageInput } from './sources.js';
import { transcribePageVision } from './vision.js';

/** What `transcribePage` needs to know about the document and the run. */
export interface PageContext {
  /** The pool whose threads do the CPU work (text layer, OCR, rendering). */
  pool: PagePool;
  /** The document as the pool knows it. */
  doc: PoolDocument;
  /** The input for this thread's own reads (the vision path's); called only on that path. */
  bytes: () => PageInput;
  opts: ConvertOptions;
  /** Time limit of each pool task. */
  timeoutMs: number;
  /** The vision engine, for engine 'openai' | 'mistral'. */
  vision?: VisionEngine;
  /** Resolution of the kept page image, with opts.keepImages. */
  imageDpi: number;
  signal?: AbortSignal;
  /**
   * Throw the embedded engine's retryable failures instead of flagging the page (the job system
   * has a retry policy; the in-process runner does not).
   */
  throwRetryable?: boolean;
}

/**
 * One page, whatever the engine: the embedded engine on a pool thread, or the vision engine on the
 * page prepared on a pool thread, falling back to the embedded engine (flagged `fallback`, with the
 * reason) when the page cannot be prepared or the engine gives up. The one page path of the CLI's
 * runner and the job system's page worker, so both give the same pages.
 * @param ctx the document, the pool, the options
 * @param index 0-based page index
 * A failed or timed-out page comes back flagged (`error`, `timeout`), never thrown, but for
 * retryable failures with `throwRetryable` and for a missing vision engine (ENGINE_NOT_CONFIGURED).
 */
export async function transcribePage(ctx: PageContext, index: number): Promise<{ draft: PageDraft; image?: Uint8Array }> {
  const { pool, doc, opts, timeoutMs, vision } = ctx;
  const local = async (i: number): Promise<{ draft: PageDraft; image?: Uint8Array }> => {
    try {
      return await pool.run<{ draft: PageDraft; image?: Uint8Array }>(doc, { kind: 'local', index: i, opts, ...(opts.keepImages ? { imageDpi: ctx.imageDpi } : {}) }, timeoutMs);
    } catch (e) {
      const err = toDocmillError(e);
      if (err.retryable && ctx.throwRetryable) throw err;
      return { draft: failedDraft(i, { width: 0, height: 0 }, err, err.code === 'DOCMILL_ERR_PAGE_TIMEOUT' ? ['timeout'] : []) };
    }
  };
  const engine = opts.engine ?? 'local';
  if (engine === 'local') return local(index);
  if (!vision) throw new DocmillError('ENGINE_NOT_CONFIGURED', `No ${engine} engine was given for this page.`);
  let prepared: PreparedPage;
  try {
    prepared = await pool.run<PreparedPage>(doc, { kind: 'prepare', index, opts, longestSide: vision.renderLongestSide }, timeoutMs);
  } catch (e) {
    const err = toDocmillError(e);
    const { draft, image } = await local(index);
    return { draft: { ...draft, flags: [...new Set([...draft.flags, 'fallback' as const])], fallback: { from: vision.name, reason: `${err.code}: ${err.message}` } }, ...(image ? { image } : {}) };
  }
  const draft = await transcribePageVision(
    ctx.bytes(),
    prepared,
    vision,
    { ...opts, ...(ctx.signal ? { signal: ctx.signal } : {}) },
    async (i) => (await local(i)).draft,
    (req) => pool.run<RenderedImage>(doc, { kind: 'render', index, opts, req }, timeoutMs),
  );
  const image = opts.keepImages ? prepared.image?.data : undefined;
  return { draft, ...(image ? { image } : {}) };
}
