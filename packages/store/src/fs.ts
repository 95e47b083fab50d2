import { createReadStream } from 'node:fs';
import { readdir, readFile, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { DocmillError, writeFileAtomic } from '@docmill/core';
import { checkKey } from './keys.js';
import type { Store } from './store.js';

const TEMP = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * A store in a directory (one machine, or a shared volume).
 *
 * Writes are atomic: the bytes go to a temporary file in the same directory,
 * are fsynced, then renamed over the key, so a crash leaves the old object or
 * the new one (and at worst a hidden `.name.<rand>.tmp` file that `list` skips).
 * Does not lock: two writers of one key race, and the last rename wins.
 */
export class FsStore implements Store {
  readonly root: string;
  readonly description: string;

  /** @param root the directory (created on first write) */
  constructor(root: string) {
    this.root = resolve(root);
    this.description = `fs:${this.root}`;
  }

  #path(key: string): string {
    checkKey(key);
    return join(this.root, key);
  }

  async put(key: string, data: Buffer | string, _contentType?: string): Promise<void> {
    const path = this.#path(key);
    try {
      await writeFileAtomic(path, data);
    } catch (e) {
      throw new DocmillError('STORE_FAILED', `Cannot write ${key} in ${this.root}.`, { cause: e });
    }
  }

  async putStream(key: string, source: AsyncIterable<Uint8Array>, _contentType?: string): Promise<void> {
    const path = this.#path(key);
    try {
      await writeFileAtomic(path, source);
    } catch (e) {
      // The source's own coded error (a size limit) goes through as it is.
      if (e instanceof DocmillError) throw e;
      throw new DocmillError('STORE_FAILED', `Cannot write ${key} in ${this.root}.`, { cause: e });
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.#path(key));
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw new DocmillError('STORE_FAILED', `Cannot read ${key} in ${this.root}.`, { cause: e });
    }
  }

  async getStream(key: string): Promise<Readable | undefined> {
    const path = this.#path(key);
    if (!(await this.exists(key))) return undefined;
    return createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.#path(key))).isFile();
    } catch (e) {
      if (isMissing(e)) return false;
      throw new DocmillError('STORE_FAILED', `Cannot stat ${key} in ${this.root}.`, { cause: e });
    }
  }

  async list(prefix: string): Promise<string[]> {
    checkKey(prefix, true);
    // Start at the deepest directory the prefix names, then filter by string.
    const cut = prefix.lastIndexOf('/');
    const dirKey = cut < 0 ? '' : prefix.slice(0, cut);
    const out: string[] = [];
    await walk(join(this.root, dirKey), dirKey, out);
    return out.filter((k) => k.startsWith(prefix)).sort();
  }

  async delete(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    for (const k of keys) await unlink(join(this.root, k)).catch((e) => { if (!isMissing(e)) throw e; });
    // Remove directories left empty, deepest first, but never the root.
    const dirs = new Set<string>();
    for (const k of keys) {
      for (let d = dirname(k); d !== '.' && d !== ''; d = dirname(d)) dirs.add(d);
    }
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
      await rmdir(join(this.root, d)).catch(() => undefined);
    }
    return keys.length;
  }

  /**
   * Removes `.name.<hex>.tmp` files (writes cut short by a crash) not touched for `olderThanMs`.
   * Note: a write in progress keeps its file fresh; a grace of minutes or more never races one.
   */
  async sweepTemporary(olderThanMs: number): Promise<number> {
    const found: Array<{ path: string; mtimeMs: number }> = [];
    await temporaries(this.root, found);
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const f of found) {
      if (f.mtimeMs > cutoff) continue;
      await unlink(f.path).then(() => removed++, (e) => { if (!isMissing(e)) throw e; });
    }
    return removed;
  }
}

/** Every temporary file under `dir` (any depth) with its modification time. */
async function temporaries(dir: string, out: Array<{ path: string; mtimeMs: number }>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (isMissing(e)) return;
    throw new DocmillError('STORE_FAILED', `Cannot list ${dir}.`, { cause: e });
  }
  for (const ent of entries) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) await temporaries(p, out);
    else if (ent.isFile() && TEMP.test(ent.name)) {
      const st = await stat(p).catch(() => undefined);
      if (st) out.push({ path: p, mtimeMs: st.mtimeMs });
    }
  }
}

async function walk(dir: string, key: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (isMissing(e) || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return;
    throw new DocmillError('STORE_FAILED', `Cannot list ${dir}.`, { cause: e });
  }
  for (const ent of entries) {
    const k = key ? `${key}/${ent.name}` : ent.name;
    if (ent.isDirectory()) await walk(join(dir, ent.name), k, out);
    else if (ent.isFile() && !TEMP.test(ent.name)) out.push(k);
  }
}

function isMissing(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'ENOENT';
}
