import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, type DocumentResult } from '@docmill/core';

export interface OutputPaths {
  markdown: string;
  json: string;
  imagesDir: string;
}

export function outputPaths(outDir: string, stem: string): OutputPaths {
  const base = join(outDir, stem);
  return { markdown: `${base}.md`, json: `${base}.json`, imagesDir: `${base}.pages` };
}

/**
 * Is the existing output for this input up to date? True when X.json exists, is a
 * finished result (no error) of the same bytes (sha256) made by the same docmill
 * version with the same options, and X.md exists.
 */
export async function isUpToDate(paths: OutputPaths, sha256: string, optionsHash: string, version: string): Promise<boolean> {
  try {
    const prev = JSON.parse(await readFile(paths.json, 'utf8')) as Partial<DocumentResult> & { error?: unknown };
    if (prev.error || !prev.source || !prev.producer) return false;
    if (prev.source.sha256 !== sha256 || prev.producer.optionsHash !== optionsHash || prev.producer.version !== version) return false;
    await readFile(paths.markdown);
    return true;
  } catch {
    return false;
  }
}

/** Writes X.md then X.json (the JSON, written last, is what marks the output complete). */
export async function writeResult(paths: Pick<OutputPaths, 'markdown' | 'json'>, result: DocumentResult): Promise<void> {
  await writeFileAtomic(paths.markdown, result.markdown);
  await writeFileAtomic(paths.json, resultJsonChunks(result));
}

/**
 * The result as JSON, piece by piece: one page per line inside `pages`, so a
 * 5,000-page document is never one giant string in memory.
 */
export function* resultJsonChunks(result: DocumentResult): Generator<string> {
  const { pages, ...rest } = result;
  const head = Object.entries(rest);
  yield '{\n';
  for (const [k, v] of head) yield `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`;
  yield '  "pages": [';
  for (let i = 0; i < pages.length; i++) yield `${i ? ',' : ''}\n    ${JSON.stringify(pages[i])}`;
  yield '\n  ]\n}\n';
}

/** Records a failed input: X.json with its coded error (a later run retries it). */
export async function writeFailure(paths: OutputPaths, path: string, sha256: string | undefined, error: { code: string; message: string }): Promise<void> {
  await writeFileAtomic(paths.json, `${JSON.stringify({ source: { path, ...(sha256 ? { sha256 } : {}) }, error, pages: [] }, null, 2)}\n`);
}

