import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { stat, readdir, realpath } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { DocmillError } from '@docmill/core';
import { displayPath as show } from './summary.js';

/** Extensions picked up when walking a directory (named files are read whatever their name). */
export const INPUT_EXTENSIONS = ['.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.webp'];

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Output stem relative to the output directory, without extension ("reports/2024/q1"). */
  stem: string;
}

/**
 * Expands command-line inputs into files with their output stems. Directories are
 * walked recursively and mirrored under the output directory; globs (quoted, so the
 * shell leaves them) expand relative to the current directory; named files keep
 * their base name. Missing inputs are returned in `missing`, never thrown.
 */
export async function expandInputs(args: string[], cwd = process.cwd()): Promise<{ files: InputFile[]; missing: string[] }> {
  const files: InputFile[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (path: string, stem: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, stem });
  };
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    const st = await stat(abs).catch(() => undefined);
    if (st?.isDirectory()) {
      for (const f of await walk(abs)) add(f, stemOf(relative(abs, f)));
    } else if (st?.isFile()) {
      add(abs, stemOf(basename(abs)));
    } else if (isDynamicPattern(arg)) {
      const matches = (await glob(arg, { cwd, absolute: true, onlyFiles: true })).sort();
      if (matches.length === 0) missing.push(arg);
      const base = resolve(cwd, globBase(arg));
      for (const m of matches) add(m, stemOf(relative(base, m)));
    } else {
      missing.push(arg);
    }
  }
  return { files, missing };
}

async function walk(dir: string, seen = new Set<string>()): Promise<string[]> {
  const out: string[] = [];
  const real = await realpath(dir);
  if (seen.has(real)) return out; // a link loop
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    // Note: symbolic links are followed (archives are often assembled from links); a broken one is skipped.
    const kind = e.isSymbolicLink() ? await stat(p).catch(() => undefined) : e;
    if (!kind) continue;
    if (kind.isDirectory()) out.push(...(await walk(p, seen)));
    else if (kind.isFile() && INPUT_EXTENSIONS.includes(extname(e.name).toLowerCase())) out.push(p);
  }
  return out;
}

function stemOf(rel: string): string {
  const ext = extname(rel);
  return (ext ? rel.slice(0, -ext.length) : rel).split(sep).join('/');
}

/** The directory part of a glob before its first magic segment ("docs/**\/*.pdf" → "docs"). */
function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const p of parts) {
    if (isDynamicPattern(p)) break;
    fixed.push(p);
  }
  return fixed.length === parts.length ? fixed.slice(0, -1).join('/') || '.' : fixed.join('/') || '.';
}

/** sha256 of a file, read as a stream (a large file is never whole in memory). */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (e) {
    throw new DocmillError('INPUT_NOT_FOUND', `${show(path)} cannot be read (${(e as NodeJS.ErrnoException).code ?? e}).`);
  }
  return hash.digest('hex');
}
