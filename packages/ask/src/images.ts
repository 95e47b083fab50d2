/**
 * Page images for visual questions: fetched through the caller's provider,
 * sized for Mistral Small 3.1 and counted with its image-token formula.
 */
import { createLogger } from '@docmill/core';
import { encodeForModel } from '@docmill/vision';

const log = createLogger('ask');

/** A page image as a provider returns it (a stored page PNG, or a fresh render). */
export interface PageImage {
  data: Buffer;
  width: number;
  height: number;
  mime: 'image/png' | 'image/jpeg';
}

/**
 * Supplies the image of a page.
 * @param index 0-based page index
 * @param want the longest side the model takes; a larger image is scaled down here
 * Returns undefined when no image can be had (results kept without page images).
 */
export type PageImageProvider = (index: number, want: { longestSide: number }) => Promise<PageImage | undefined>;

export interface AttachedImage {
  /** 1-based page. */
  page: number;
  dataUrl: string;
  tokens: number;
}

/**
 * Fetches, scales and encodes the images of the given pages, stopping at the token cap.
 * @param pages 1-based pages, most relevant first
 * @param provider the image provider
 * @param longestSide the model's longest side (≤ 1540)
 * @param maxTokens total image tokens allowed
 * A page whose image cannot be had or decoded is skipped (logged), never fatal.
 */
export async function fetchImages(pages: readonly number[], provider: PageImageProvider, longestSide: number, maxTokens: number): Promise<AttachedImage[]> {
  const out: AttachedImage[] = [];
  let total = 0;
  for (const page of pages) {
    let img: PageImage | undefined;
    try {
      img = await provider(page - 1, { longestSide });
      if (!img) continue;
      const enc = await encodeForModel(img, { longest: longestSide });
      if (total + enc.tokens > maxTokens) break;
      total += enc.tokens;
      out.push({ page, dataUrl: enc.dataUrl, tokens: enc.tokens });
    } catch (e) {
      log.warn({ page, err: e instanceof Error ? e.message : String(e) }, 'page image skipped');
    }
  }
  return out;
}
