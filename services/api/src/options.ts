import { z } from 'zod';
import { DocmillError, parsePageRanges } from '@docmill/core';
import type { JobOptions } from '@docmill/jobs';

const boolish = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1')]);

/** Options as the API spells them (snake_case). */
const ApiOptionsSchema = z.strictObject({
  engine: z.enum(['local', 'openai', 'mistral']).optional(),
  pages: z.string().max(4096).optional(),
  ocr: z.enum(['auto', 'always', 'never']).optional(),
  lang: z.string().max(200).regex(/^(script\/)?[A-Za-z][A-Za-z_]{1,30}(\+(script\/)?[A-Za-z][A-Za-z_]{1,30})*$/, 'tesseract language codes joined by +, e.g. "deu+fra"').optional(),
  password: z.string().max(1024).optional(),
  keep_images: boolish.optional(),
});

export type ApiOptions = z.input<typeof ApiOptionsSchema>;

const OPTION_NAMES = Object.keys(ApiOptionsSchema.shape) as Array<keyof ApiOptions>;

/**
 * Turns the options of a submission into the job service's options.
 * @param fields the request's fields (top-level option fields win over `options`)
 * @param nested the `options` object, or its JSON text (multipart)
 * Checks the page-range syntax now, so a typo answers 400 instead of a failed job;
 * does not check ranges against the page count (that is ingest's business).
 * Throws USAGE_BAD_ARGUMENT / USAGE_BAD_PAGES.
 */
export function toJobOptions(fields: Record<string, unknown>, nested?: unknown): JobOptions {
  let inner: Record<string, unknown> = {};
  if (typeof nested === 'string') {
    try {
      inner = JSON.parse(nested) as Record<string, unknown>;
    } catch {
      throw new DocmillError('USAGE_BAD_ARGUMENT', 'The "options" field is not valid JSON.');
    }
    if (!inner || typeof inner !== 'object' || Array.isArray(inner)) throw new DocmillError('USAGE_BAD_ARGUMENT', 'The "options" field must be a JSON object.');
  } else if (nested && typeof nested === 'object') {
    inner = nested as Record<string, unknown>;
  }
  const merged: Record<string, unknown> = { ...inner };
  for (const name of OPTION_NAMES) if (fields[name] !== undefined) merged[name] = fields[name];
  const parsed = ApiOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DocmillError('USAGE_BAD_ARGUMENT', `Option ${issue?.path.join('.') || '?'}: ${issue?.message ?? 'invalid'}.`);
  }
  const o = parsed.data;
  // Note: parsing against a one-page document checks the syntax without expanding "5-" to millions of pages.
  if (o.pages !== undefined) parsePageRanges(o.pages, 1);
  const out: JobOptions = {};
  if (o.engine !== undefined) out.engine = o.engine;
  if (o.pages !== undefined) out.pages = o.pages;
  if (o.ocr !== undefined) out.ocr = o.ocr;
  if (o.lang !== undefined) out.lang = o.lang;
  if (o.password !== undefined) out.password = o.password;
  if (o.keep_images !== undefined) out.keepImages = o.keep_images;
  return out;
}
