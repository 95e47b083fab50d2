import { z } from 'zod';
import { stableHash, DOCMILL_VERSION } from '@docmill/core';

/**
 * Options of one job, as the API accepts them and the workers read them
 * (validated on enqueue and on dequeue from this one schema).
 *
 * `_faultPages` and `_pageDelayMs` are test-only fault injection: they are
 * accepted by the schema but ignored by the workers unless DOCMILL_TEST=1.
 */
export const JobOptionsSchema = z.object({
  engine: z.enum(['local', 'openai', 'mistral']).optional(),
  /** Page ranges, 1-based, inclusive ("1-3,7"). */
  pages: z.string().max(4096).optional(),
  ocr: z.enum(['auto', 'always', 'never']).optional(),
  /** OCR languages, tesseract codes joined by + ("deu", "deu+fra"); unset: English and accented Latin. */
  lang: z.string().max(200).regex(/^(script\/)?[A-Za-z][A-Za-z_]{1,30}(\+(script\/)?[A-Za-z][A-Za-z_]{1,30})*$/).optional(),
  password: z.string().max(1024).optional(),
  /** Render and keep page PNGs (jobs/<id>/pages/0001.png). */
  keepImages: z.boolean().optional(),
  pageTimeoutMs: z.number().int().positive().optional(),
  /** Test only (DOCMILL_TEST=1): 0-based pages whose every attempt throws a retryable error. */
  _faultPages: z.array(z.number().int().min(0)).max(10000).optional(),
  /** Test only (DOCMILL_TEST=1): wait this long in each page job before working. */
  _pageDelayMs: z.number().int().min(0).max(60000).optional(),
}).strict();

export type JobOptions = z.infer<typeof JobOptionsSchema>;

export type EngineName = NonNullable<JobOptions['engine']>;

/**
 * The fingerprint of what changes a result (engine, OCR mode, OCR languages, pages, kept images,
 * docmill's version): two submissions of the same bytes with the same fingerprint
 * may share a result. Does not include the password, timeouts or test options.
 */
export function jobOptionsHash(opts: JobOptions): string {
  return stableHash({ v: DOCMILL_VERSION, pages: opts.pages ?? 'all', ocr: opts.ocr ?? 'auto', engine: opts.engine ?? 'local', keepImages: !!opts.keepImages, ...(opts.lang ? { lang: opts.lang } : {}) });
}

/** True when test-only options may take effect (DOCMILL_TEST=1). */
export function testFaultsEnabled(): boolean {
  return process.env.DOCMILL_TEST === '1';
}

/** The options without secrets and test-only fields, as shown in job records and manifests. */
export function publicOptions(opts: JobOptions): Omit<JobOptions, 'password' | '_faultPages' | '_pageDelayMs'> {
  const { password: _p, _faultPages: _f, _pageDelayMs: _d, ...rest } = opts;
  return rest;
}
