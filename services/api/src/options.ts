import { z } from 'zod';
import { DocmillError, DocumentOptionsSchema, OPTION_NAMES, OPTION_SURFACES, optionValueKind, parsePageRanges, type OptionName } from '@docmill/core';
import { JobOptionsSchema, type JobOptions } from '@docmill/jobs';

const boolish = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1')]);

/** The options the API accepts, as it spells them (snake_case), each with the core option it sets. */
const API_OPTIONS: Array<[api: string, name: OptionName]> = OPTION_NAMES.flatMap((name) => {
  const api = OPTION_SURFACES[name].api;
  return api ? [[api, name] as [string, OptionName]] : [];
});

/**
 * One option's schema as the API reads it: the core schema, except that
 * booleans and numbers also come as the strings of a multipart form.
 */
function apiField(name: OptionName): z.ZodType {
  const field = DocumentOptionsSchema.shape[name];
  switch (optionValueKind(name).kind) {
    case 'boolean':
      return boolish.optional();
    case 'number': {
      const number = field.unwrap() as z.ZodType<number, number>;
      return z.union([number, z.string().regex(/^\d+$/).transform(Number).pipe(number)]).optional();
    }
    default:
      return field;
  }
}

const ApiOptionsSchema = z.strictObject(Object.fromEntries(API_OPTIONS.map(([api, name]) => [api, apiField(name)])));

/**
 * The JSON Schema of the API's option fields (for the request schemas and the
 * OpenAPI document), derived from the core schema so that the two cannot differ.
 */
export const optionProperties: Record<string, Record<string, unknown>> = Object.fromEntries(
  API_OPTIONS.map(([api, name]) => [api, jsonSchemaOf(DocumentOptionsSchema.shape[name].unwrap() as z.ZodType)]),
);

/** A zod schema as a JSON Schema fragment for Fastify and the OpenAPI document. */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _s, ...out } = z.toJSONSchema(schema) as Record<string, unknown>;
  const props = (out.properties ?? { _: out }) as Record<string, Record<string, unknown>>;
  // Note: zod bounds integers by Number.MAX_SAFE_INTEGER; that is noise in an API document.
  for (const p of Object.values(props)) if (p.maximum === Number.MAX_SAFE_INTEGER) delete p.maximum;
  return out;
}

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
  for (const [api] of API_OPTIONS) if (fields[api] !== undefined) merged[api] = fields[api];
  const parsed = ApiOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DocmillError('USAGE_BAD_ARGUMENT', `Option ${issue?.path.join('.') || '?'}: ${issue?.message ?? 'invalid'}.`);
  }
  const values = parsed.data as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [api, name] of API_OPTIONS) if (values[api] !== undefined) out[name] = values[api];
  const options = JobOptionsSchema.parse(out);
  // Note: parsing against a one-page document checks the syntax without expanding "5-" to millions of pages.
  if (options.pages !== undefined) parsePageRanges(options.pages, 1);
  return options;
}

/**
 * The JSON Schema of a job record's `options` (camelCase, as the job service
 * keeps them): every core option but the password, which is never shown back.
 */
export const recordOptionProperties = jsonSchemaOf(DocumentOptionsSchema.omit({ password: true })).properties as Record<string, Record<string, unknown>>;
