import { createHash } from 'node:crypto';
import { parsePageRanges } from '@docmill/core';
import { cachedSource } from './source-cache.js';
import type { ConvertOptions } from './options.js';
import type { PageInput } from './sources.js';

export interface IngestInfo {
  sha256: string;
  mime: string;
  bytes: number;
  pageCount: number;
  /** 0-based indices of the pages to convert (from `pages`). */
  selected: number[];
  labels?: string[];
}

/**
 * Validates an input and says what it is: sniffs the type, hashes the bytes,
 * opens it under the limits and counts pages.
 * @param bytes the whole input, or a file read by ranges (hashed a range at a time)
 * @param opts password, page selection, limits
 * Throws coded errors (INPUT_EMPTY, INPUT_UNSUPPORTED_TYPE, INPUT_TOO_LARGE, PDF_ENCRYPTED,
 * PDF_BAD_PASSWORD, PDF_CORRUPT, PDF_NO_PAGES, INPUT_TOO_MANY_PAGES, USAGE_BAD_PAGES).
 * Does not extract or render anything.
 */
export async function ingest(bytes: PageInput, opts: ConvertOptions = {}): Promise<IngestInfo> {
  const source = await cachedSource(bytes, {
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
  });
  const selected = parsePageRanges(opts.pages, source.pageCount);
  return {
    sha256: hashInput(bytes),
    mime: source.mime,
    bytes: bytes.byteLength,
    pageCount: source.pageCount,
    selected,
    ...(source.labels ? { labels: source.labels } : {}),
  };
}

/** Bytes hashed at a time when the input is read by ranges. */
const HASH_CHUNK = 1 << 22;

/** The input's sha256, a range at a time when it is read by ranges (a file is never whole in memory). */
function hashInput(input: PageInput): string {
  const hash = createHash('sha256');
  if (input instanceof Uint8Array) return hash.update(input).digest('hex');
  for (let at = 0; at < input.byteLength; at += HASH_CHUNK) hash.update(input.read(at, at + HASH_CHUNK));
  return hash.digest('hex');
}
