import { DocmillError, type PageDraft, type PreparedPage, type RenderRequest, type RenderedImage, type VisionEngine } from '@docmill/core';
import { cachedSource } from './source-cache.js';
import { failedDraft, transcribePageLocal } from './local.js';
import type { ConvertOptions } from './options.js';
import type { PageInput } from './sources.js';

/**
 * A page made ready for a vision engine: its text layer (anchor text), the
 * verdict, and an image at the engine's size.
 * @param opts.longestSide the engine's image size (Mistral Small 3.1: at most 1540 px)
 */
export async function preparePage(bytes: PageInput, index: number, opts: ConvertOptions & { longestSide: number }): Promise<PreparedPage> {
  const source = await cachedSource(bytes, opts.password !== undefined ? { password: opts.password } : {});
  const page = await source.getPage(index);
  try {
    const { page: textLayer, verdict } = await page.extractText();
    const image = await page.render({ longestSide: opts.longestSide, format: 'png' });
    const label = source.labels?.[index];
    return { index, dimensions: { width: page.width, height: page.height, dpi: image.dpi }, textLayer, verdict, image, ...(label ? { label } : {}) };
  } finally {
    page.release();
  }
}

/** Re-renders one page (rotation retries of the vision policy). */
export async function renderPage(bytes: PageInput, index: number, req: RenderRequest, opts: ConvertOptions = {}): Promise<RenderedImage> {
  const source = await cachedSource(bytes, opts.password !== undefined ? { password: opts.password } : {});
  const page = await source.getPage(index);
  try {
    return await page.render(req);
  } finally {
    page.release();
  }
}

/**
 * A vision engine on a prepared page; when the engine gives up, the page is made
 * by the embedded engine instead and flagged `fallback` with the reason — never dropped.
 * Server outages make the engine wait (they are not the page's failures); when every
 * server stayed down past DOCMILL_VISION_MAX_WAIT and the page's `onServerDown` is
 * 'fail', the page is flagged `error` with ENGINE_UNAVAILABLE instead of falling back.
 * @param opts.onServerDown the page's policy (default: the engine's, DOCMILL_ON_SERVER_DOWN)
 * @param local how to run the embedded engine (in-process by default; the CLI passes its worker pool)
 */
export async function transcribePageVision(
  bytes: PageInput,
  prepared: PreparedPage,
  engine: VisionEngine,
  opts: ConvertOptions & { signal?: AbortSignal },
  local: (index: number) => Promise<PageDraft> = (i) => transcribePageLocal(bytes, i, opts),
  render: (req: RenderRequest) => Promise<RenderedImage> = (req) => renderPage(bytes, prepared.index, req, opts),
): Promise<PageDraft> {
  const outcome = await engine.transcribe(prepared, { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onServerDown ? { onServerDown: opts.onServerDown } : {}), render });
  if (outcome.ok) return outcome.draft;
  if (outcome.error.code === 'DOCMILL_ERR_ENGINE_UNAVAILABLE' && outcome.error.details?.onServerDown === 'fail') {
    return { ...failedDraft(prepared.index, prepared.dimensions, new DocmillError('ENGINE_UNAVAILABLE')), error: { code: outcome.error.code, message: outcome.error.message } };
  }
  const draft = await local(prepared.index);
  return {
    ...draft,
    flags: [...new Set([...draft.flags, 'fallback' as const])],
    fallback: { from: engine.name, reason: `${outcome.error.code}: ${outcome.error.message}` },
    ...(outcome.usage ? { usage: outcome.usage } : {}),
  };
}
