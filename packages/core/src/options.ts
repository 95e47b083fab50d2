import { z } from 'zod';
import { stableHash } from './hash.js';
import { DOCMILL_VERSION } from './version.js';

/**
 * The options of one document conversion: the one schema that the CLI's flags,
 * the API's fields and JSON Schema, the job payloads and the result fingerprint
 * are all derived from. Adding an option means adding it here (and, if it is
 * spelled on a surface, to OPTION_SURFACES below); nothing else lists options.
 */
/** Tesseract language codes joined by +: "deu", "deu+fra", "script/Fraktur". */
export const LANG_CODES = /^(script\/)?[A-Za-z][A-Za-z_]{1,30}(\+(script\/)?[A-Za-z][A-Za-z_]{1,30})*$/;

export const DocumentOptionsSchema = z.strictObject({
  engine: z.enum(['local', 'openai', 'mistral']).optional().describe('Page engine: local (embedded CPU engine), openai (an OpenAI-compatible server such as vLLM), mistral (Mistral\'s API). Default local.'),
  pages: z.string().max(4096).optional().describe('Pages to convert, 1-based, inclusive: "1-3,7", "5-". Default all.'),
  ocr: z.enum(['auto', 'always', 'never']).optional().describe('When to OCR a page: auto (no trustworthy text layer), always, never. Default auto.'),
  password: z.string().max(1024).optional().describe('User password of an encrypted PDF (never shown back).'),
  keepImages: z.boolean().optional().describe('Keep the rendered pages as PNG.'),
  pageTimeoutMs: z.number().int().positive().optional().describe('Time limit per page in milliseconds.'),
  lang: z
    .string()
    .max(200)
    .regex(LANG_CODES, 'expected tesseract language codes joined by +, e.g. "deu" or "deu+fra"')
    .optional()
    .describe('OCR languages, tesseract codes joined by +: "deu", "deu+fra", "eng". Default DOCMILL_LANG, else English and accented Latin. German reads Antiqua and Fraktur.'),
  onServerDown: z
    .enum(['wait', 'fallback', 'fail'])
    .optional()
    .describe('When every model server stays down past DOCMILL_VISION_MAX_WAIT: wait, fallback (the local engine, pages flagged), fail (pages flagged error). Default DOCMILL_ON_SERVER_DOWN, wait.'),
});

export type DocumentOptions = z.infer<typeof DocumentOptionsSchema>;
export type OptionName = keyof DocumentOptions;
export type EngineName = NonNullable<DocumentOptions['engine']>;

/** How one option is spelled on each surface, and whether it changes the result. */
export interface OptionSurface {
  /** Field name in the REST API (multipart fields, JSON bodies, `options`); absent: not accepted there. */
  api?: string;
  /** Commander flags of `docmill convert` / `submit` ("-p, --pages <ranges>"); absent: no flag. */
  cli?: string;
  /**
   * Part of the result fingerprint (optionsHash), with the value an unset option counts as.
   * Note: an option that cannot change a successful result (password, time limits) is left out,
   * so that changing it does not reconvert.
   */
  fingerprint?: { key: string; unset: unknown };
}

export const OPTION_SURFACES: Record<OptionName, OptionSurface> = {
  engine: { api: 'engine', cli: '--engine <name>', fingerprint: { key: 'engine', unset: 'local' } },
  pages: { api: 'pages', cli: '-p, --pages <ranges>', fingerprint: { key: 'pages', unset: 'all' } },
  ocr: { api: 'ocr', cli: '--ocr <mode>', fingerprint: { key: 'ocr', unset: 'auto' } },
  password: { api: 'password', cli: '--password <password>' },
  keepImages: { api: 'keep_images', cli: '--images', fingerprint: { key: 'keepImages', unset: false } },
  pageTimeoutMs: { cli: '--page-timeout <ms>' },
  // Note: unset counts as absent (not as a default language), so results made before the option keep their fingerprint.
  lang: { api: 'lang', cli: '--lang <codes>', fingerprint: { key: 'lang', unset: undefined } },
  onServerDown: { api: 'on_server_down', cli: '--on-server-down <policy>' },
};

export const OPTION_NAMES = Object.keys(DocumentOptionsSchema.shape) as OptionName[];

/**
 * The fingerprint of what changes a result: every option marked `fingerprint`
 * (unset options count as their default) and docmill's version. Two conversions
 * of the same bytes with the same fingerprint give the same result, so the CLI
 * skips up-to-date outputs and the job service may reuse a result.
 * @param opts the options (extra fields, such as limits or test hooks, are ignored)
 */
export function optionsHash(opts: Partial<DocumentOptions>): string {
  const parts: Record<string, unknown> = { v: DOCMILL_VERSION };
  for (const name of OPTION_NAMES) {
    const fp = OPTION_SURFACES[name].fingerprint;
    if (!fp) continue;
    const value = opts[name];
    // Note: booleans count as !!value so that `false` and unset agree, as they always did.
    parts[fp.key] = typeof fp.unset === 'boolean' ? !!(value ?? fp.unset) : (value ?? fp.unset);
  }
  return stableHash(parts);
}


/** What an option's value is, for surfaces that read options from text (flags, form fields). */
export type OptionValueKind = { kind: 'enum'; choices: string[] } | { kind: 'number' } | { kind: 'boolean' } | { kind: 'string' };

/**
 * The kind of value an option takes (and its choices, for an enum), read from the schema.
 * @param name the option
 */
export function optionValueKind(name: OptionName): OptionValueKind {
  const schema = DocumentOptionsSchema.shape[name].unwrap();
  if (schema instanceof z.ZodEnum) return { kind: 'enum', choices: schema.options.map(String) };
  if (schema instanceof z.ZodNumber) return { kind: 'number' };
  if (schema instanceof z.ZodBoolean) return { kind: 'boolean' };
  return { kind: 'string' };
}

/** An option's description (the schema's), for `--help` and the API document. */
export function optionDescription(name: OptionName): string {
  return DocumentOptionsSchema.shape[name].description ?? name;
}
