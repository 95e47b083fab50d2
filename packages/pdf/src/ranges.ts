import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Input read by ranges instead of held whole: what pdf.js asks for is read when it asks.
 * Every read returns a fresh plain buffer (pdf.js keeps and may transfer what it is given).
 */
export interface ByteRanges {
  readonly byteLength: number;
  /**
   * Copies bytes [begin, end) (end clipped to the input's length).
   * @param begin first byte
   * @param end one past the last byte
   */
  read(begin: number, end: number): Uint8Array;
}

/** Bytes in memory seen as ranges (input in shared memory that several threads read). */
export function memoryRanges(bytes: Uint8Array): ByteRanges {
  return { byteLength: bytes.byteLength, read: (begin, end) => bytes.slice(begin, Math.min(end, bytes.byteLength)) };
}

/**
 * A file read by ranges through its own descriptor, opened on the first read and
 * again after `close()`: the file is never whole in memory, only the ranges asked for.
 * Note: the length is taken once, when made; a file that changes afterwards is read as
 * it is then (callers hash what they convert from the same reads, see pipeline's ingest).
 * Does not lock the file or watch it.
 */
export class FileRanges implements ByteRanges {
  readonly path: string;
  readonly byteLength: number;
  #fd: number | undefined;

  /**
   * @param path the file
   * Throws the file system's error (ENOENT…) uncoded: callers say what it means.
   */
  constructor(path: string) {
    this.path = path;
    this.#fd = openSync(path, 'r');
    this.byteLength = fstatSync(this.#fd).size;
  }

  read(begin: number, end: number): Uint8Array {
    this.#fd ??= openSync(this.path, 'r');
    const length = Math.max(0, Math.min(end, this.byteLength) - begin);
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.#fd, out, done, length - done, begin + done);
      if (n === 0) break;
      done += n;
    }
    // Note: a file that shrank while read gives what was there, as readFile would.
    return done === length ? out : out.slice(0, done);
  }

  /** Closes the descriptor (a later read opens it again). */
  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}
