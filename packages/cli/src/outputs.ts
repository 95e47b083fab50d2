import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic, type DocumentResult, type PageResult } from '@docmill/core';
import type { DocumentHead, DocumentSink } from '@docmill/pipeline';

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

/**
 * Writes X.md and X.json while a streamed document arrives (`convertDocumentTo`), so
 * that neither the pages nor the Markdown are ever held whole: the Markdown goes to
 * X.md's temporary file and, JSON-escaped, to a second one; the pages to a third;
 * `commit` then writes X.json from the head and those files, and renames both into
 * place (X.md first, X.json last, as `writeResult`). The files equal `writeResult`'s.
 * Temporary files sit beside the outputs and are removed by `discard` (call it on
 * success and failure alike).
 */
export class ResultFileWriter implements DocumentSink {
  readonly #paths: Pick<OutputPaths, 'markdown' | 'json'>;
  readonly #tmp: { markdown: string; escaped: string; pages: string };
  #files: { markdown: FileHandle; escaped: FileHandle; pages: FileHandle } | undefined;
  #pages = 0;

  private constructor(paths: Pick<OutputPaths, 'markdown' | 'json'>) {
    this.#paths = paths;
    const tag = randomBytes(6).toString('hex');
    const tmp = (path: string, what: string) => join(dirname(path), `.${basename(path)}.${tag}${what}.tmp`);
    this.#tmp = { markdown: tmp(paths.markdown, ''), escaped: tmp(paths.json, '.markdown'), pages: tmp(paths.json, '.pages') };
  }

  /** Opens the temporary files. @param paths where X.md and X.json go */
  static async open(paths: Pick<OutputPaths, 'markdown' | 'json'>): Promise<ResultFileWriter> {
    const w = new ResultFileWriter(paths);
    await mkdir(dirname(paths.json), { recursive: true });
    try {
      w.#files = {
        markdown: await open(w.#tmp.markdown, 'w', 0o644),
        escaped: await open(w.#tmp.escaped, 'w', 0o600),
        pages: await open(w.#tmp.pages, 'w', 0o600),
      };
    } catch (e) {
      await w.discard();
      throw e;
    }
    return w;
  }

  async markdown(chunk: string): Promise<void> {
    await this.#files!.markdown.write(chunk);
    // Note: escaping piece by piece is escaping the whole: no piece ends inside a surrogate pair.
    await this.#files!.escaped.write(JSON.stringify(chunk).slice(1, -1));
  }

  async page(page: PageResult): Promise<void> {
    await this.#files!.pages.write(`${this.#pages++ ? ',' : ''}\n    ${JSON.stringify(page)}`);
  }

  /** Writes X.md, then X.json with the document's other fields. @param head what `convertDocumentTo` returned */
  async commit(head: DocumentHead): Promise<void> {
    const files = this.#files!;
    await files.markdown.sync();
    await Promise.all([files.markdown.close(), files.escaped.close(), files.pages.close()]);
    this.#files = undefined;
    await rename(this.#tmp.markdown, this.#paths.markdown);
    const { source, ...rest } = head;
    const tmp = this.#tmp;
    async function* json(): AsyncGenerator<Uint8Array> {
      const text = (s: string) => Buffer.from(s, 'utf8');
      yield text(`{\n  "source": ${JSON.stringify(source)},\n  "markdown": "`);
      yield* createReadStream(tmp.escaped) as AsyncIterable<Buffer>;
      yield text('",\n');
      for (const [k, v] of Object.entries(rest)) yield text(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`);
      yield text('  "pages": [');
      yield* createReadStream(tmp.pages) as AsyncIterable<Buffer>;
      yield text('\n  ]\n}\n');
    }
    await writeFileAtomic(this.#paths.json, json());
  }

  /** Closes and removes whatever temporary file is left. */
  async discard(): Promise<void> {
    const files = this.#files;
    this.#files = undefined;
    if (files) await Promise.all(Object.values(files).map((f) => f.close().catch(() => {})));
    await Promise.all(Object.values(this.#tmp).map((p) => rm(p, { force: true })));
  }
}

/** Records a failed input: X.json with its coded error (a later run retries it). */
export async function writeFailure(paths: OutputPaths, path: string, sha256: string | undefined, error: { code: string; message: string }): Promise<void> {
  await writeFileAtomic(paths.json, `${JSON.stringify({ source: { path, ...(sha256 ? { sha256 } : {}) }, error, pages: [] }, null, 2)}\n`);
}

