import { z } from 'zod';
import { DocumentOptionsSchema } from '@docmill/core';

/**
 * Options of one job, as the API accepts them and the workers read them
 * (validated on enqueue and on dequeue from this one schema): the document
 * options of `@docmill/core` plus test-only fault injection.
 *
 * `_faultPages` and `_pageDelayMs` are test-only fault injection: they are
 * accepted by the schema but ignored by the workers unless DOCMILL_TEST=1.
 */
export const JobOptionsSchema = DocumentOptionsSchema.extend({
  /** Test only (DOCMILL_TEST=1): 0-based pages whose every attempt throws a retryable error. */
  _faultPages: z.array(z.number().int().min(0)).max(10000).optional(),
  /** Test only (DOCMILL_TEST=1): wait this long in each page job before working. */
  _pageDelayMs: z.number().int().min(0).max(60000).optional(),
}).strict();

export type JobOptions = z.infer<typeof JobOptionsSchema>;

/** True when test-only options may take effect (DOCMILL_TEST=1). */
export function testFaultsEnabled(): boolean {
  return process.env.DOCMILL_TEST === '1';
}

/** The options without secrets and test-only fields, as shown in job records and manifests. */
export function publicOptions(opts: JobOptions): Omit<JobOptions, 'password' | '_faultPages' | '_pageDelayMs'> {
  const { password: _p, _faultPages: _f, _pageDelayMs: _d, ...rest } = opts;
  return rest;
}
