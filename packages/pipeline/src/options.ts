import { z } from 'zod';
import { stableHash, DOCMILL_VERSION } from '@docmill/core';

/** Options of one conversion, shared by the CLI, the API and the workers (validated at every boundary). */
export const ConvertOptionsSchema = z.object({
  /** Page ranges, 1-based, "1-3,7". */
  pages: z.string().optional(),
  password: z.string().optional(),
  ocr: z.enum(['auto', 'always', 'never']).optional(),
  engine: z.enum(['local', 'openai', 'mistral']).optional(),
  /** Render and keep page images (PNG). */
  keepImages: z.boolean().optional(),
  pageTimeoutMs: z.number().int().positive().optional(),
  maxPages: z.number().int().positive().optional(),
  maxBytes: z.number().int().positive().optional(),
  /** When every model server stays down past DOCMILL_VISION_MAX_WAIT: wait, fall back to local, or fail the page (default: DOCMILL_ON_SERVER_DOWN). */
  onServerDown: z.enum(['wait', 'fallback', 'fail']).optional(),
});

export type ConvertOptions = z.infer<typeof ConvertOptionsSchema>;

/**
 * The fingerprint of what changes a result: engine, OCR mode, pages, docmill's version.
 * Does not include limits, timeouts or the password (they do not change a successful result).
 */
export function optionsHash(opts: ConvertOptions): string {
  return stableHash({ v: DOCMILL_VERSION, pages: opts.pages ?? 'all', ocr: opts.ocr ?? 'auto', engine: opts.engine ?? 'local', keepImages: !!opts.keepImages });
}
