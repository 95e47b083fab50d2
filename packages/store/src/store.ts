import type { Readable } from 'node:stream';

/**
 * Where job results live: a flat key space of objects ("jobs/<id>/document.json",
 * "inputs/<sha256>"), written whole and atomically.
 *
 * Keys use "/" as separator, never start with "/", and never contain "..".
 */
export interface Store {
  /** A name for logs ("fs:/var/docmill", "s3://bucket/prefix"). */
  readonly description: string;
  /**
   * Writes one object whole: readers see the old object or the new one, never a part.
   * @param key the object key
   * @param data the bytes (strings are written as UTF-8)
   * @param contentType a MIME type kept where the backend can (S3); the filesystem ignores it
   */
  put(key: string, data: Buffer | string, contentType?: string): Promise<void>;
  /**
   * Writes one object from a stream, atomically like put(), holding no more than a chunk in
   * memory. A source that throws (a size limit hit as bytes arrive) leaves no object behind.
   * Optional: stores without it get put() with the bytes collected.
   */
  putStream?(key: string, source: AsyncIterable<Uint8Array>, contentType?: string): Promise<void>;
  /** The object's bytes, or undefined when it does not exist. */
  get(key: string): Promise<Buffer | undefined>;
  /** The object as a stream, or undefined when it does not exist (for large page images). */
  getStream?(key: string): Promise<Readable | undefined>;
  exists(key: string): Promise<boolean>;
  /** Keys under a prefix, sorted; the prefix is matched as a string ("jobs/j1/" lists that job's objects). */
  list(prefix: string): Promise<string[]>;
  /** Deletes every object whose key starts with the prefix; returns how many were deleted. */
  delete(prefix: string): Promise<number>;
  /**
   * Removes temporary files of writes that never finished (a process killed mid-write)
   * older than `olderThanMs`; returns how many. Optional: stores without such files have none.
   */
  sweepTemporary?(olderThanMs: number): Promise<number>;
}
