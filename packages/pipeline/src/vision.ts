import type { PageDraft, PreparedPage, RenderRequest, RenderedImage, VisionEngine } from '@docmill/core';
import { cachedSource } from './source-cache.js';
import { transcribePageLocal } from './local.js';
import type { ConvertOptions } from './options.js';

/**
 * A page made ready for a vision engine: its text layer (anchor text), the
 * verdict, and an image at the engine's size.
 * @param opts.longestSide the engine's image size (Mistral Small 3.1: at most 1540 px)
 */
export async function preparePage(bytes: Uint8Array, index: number, opts: ConvertOptions & { longestSide: number }): Promise<PreparedPage> {
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
export async function renderPage(bytes: Uint8Array, index: number, req: RenderRequest, opts: ConvertOptions = {}): Promise<RenderedImage> {
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
 * @param local how to run the embedded engine (in-process by default; the CLI passes its worker pool)
 */
export async function transcribePageVision(
  bytes: Uint8Array,
  prepared: PreparedPage,
  engine: VisionEngine,
  opts: ConvertOptions & { signal?: AbortSignal },
  local: (index: number) => Promise<PageDraft> = (i) => transcribePageLocal(bytes, i, opts),
  render: (req: RenderRequest) => Promise<RenderedImage> = (req) => renderPage(bytes, prepared.index, req, opts),
): Promise<PageDraft> {
  const outcome = await engine.transcribe(prepared, { ...(opts.signal ? { signal: opts.signal } : {}), render });
  if (outcome.ok) return outcome.draft;
  const draft = await local(prepared.index);
  return {
    ...draft,
    flags: [...new Set([...draft.flags, 'fallback' as const])],
    fallback: { from: engine.name, reason: `${outcome.error.code}: ${outcome.error.message}` },
    ...(outcome.usage ? { usage: outcome.usage } : {}),
  };
}
