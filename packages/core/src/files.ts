import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file atomically: a hidden temporary file in the same directory,
 * written and fsynced, then renamed over the path, so a crash leaves the old
 * file or the new one, never a part; then the directory is fsynced (best
 * effort: some filesystems refuse to open a directory for sync).
 * @param path the file to write (its directory is created)
 * @param data the bytes, a string (UTF-8), or strings written one after another (a large file never joined in memory)
 * Throws what the filesystem throws; the temporary file is removed first.
 * Does not lock: two writers of one path race, and the last rename wins.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string> | AsyncIterable<Uint8Array>): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, 'w', 0o644);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
      else for await (const chunk of data) await (typeof chunk === 'string' ? fh.write(chunk) : fh.write(chunk));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  try {
    const dh = await open(dir, 'r');
    try { await dh.sync(); } finally { await dh.close(); }
  } catch { /* durable enough without it */ }
}
