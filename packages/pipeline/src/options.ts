import { z } from 'zod';
import { stableHash, DOCMILL_VERSION } from '@docmill/core';

/** Options of one conversion, shared by the CLI, the API and the workers (validated at every boundary). */
export const ConvertOptionsSchema = z.object({
  /** Page ranges, 1-based, "1-3,7". */
  pages: z.string().optional(),
  password: z.string().optional(),
  ocr: z.enum(['auto', 'always', 'never']).optional(),
  /** OCR languages, tesseract codes joined by + ("deu", "deu+fra"); unset: English and accented Latin, decided per page. */
  lang: z.string().max(200).regex(/^(script\/)?[A-Za-z][A-Za-z_]{1,30}(\+(script\/)?[A-Za-z][A-Za-z_]{1,30})*$/, 'tesseract language codes joined by +, e.g. "deu+fra"').optional(),
  engine: z.enum(['local', 'openai', 'mistral']).optional(),
  /** Render and keep page images (PNG). */
  keepImages: z.boolean().optional(),
  pageTimeoutMs: z.number().int().positive().optional(),
  maxPages: z.number().int().positive().optional(),
  maxBytes: z.number().int().positive().optional(),
});

export type ConvertOptions = z.infer<typeof ConvertOptionsSchema>;

/**
 * The fingerprint of what changes a result: engine, OCR mode, OCR languages, pages, docmill's version.
 * Does not include limits, timeouts or the password (they do not change a successful result).
 */
export function optionsHash(opts: ConvertOptions): string {
  return stableHash({ v: DOCMILL_VERSION, pages: opts.pages ?? 'all', ocr: opts.ocr ?? 'auto', engine: opts.engine ?? 'local', keepImages: !!opts.keepImages, ...(opts.lang ? { lang: opts.lang } : {}) });
}
