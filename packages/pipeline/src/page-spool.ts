import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocmillError, type PageDraft } from '@docmill/core';

/**
 * Per-page values kept on disk, not in memory, until the document is assembled (page drafts;
 * the long block texts of the document-wide pass): one JSON line each in a private temporary
 * file, read back by page index.
 * Note: a long document's drafts (blocks, inlines, table rows) were held for the whole
 * run; here memory holds only an offset and a length per page.
 * Does not survive the process: the file is made in the system's temporary directory and
 * removed from it at once, kept open by its descriptor only, so that nothing is left behind
 * even by a killed process; `close()` gives its space back (call it on success and on failure alike).
 */
export class PageSpool<T = PageDraft> {
  #dir: string | undefined;
  readonly #fd: number;
  readonly #at = new Map<number, { offset: number; length: number }>();
  #end = 0;
  #closed = false;

  /** @param dir where to make the temporary directory (default: the system's) */
  constructor(dir: string = tmpdir()) {
    const made = mkdtempSync(join(dir, 'docmill-spool-'));
    this.#fd = openSync(join(made, 'pages.jsonl'), 'w+', 0o600);
    this.#dir = made;
    // Note: an open file that has no name any more is still read and written; where the system
    // refuses to remove an open file (Windows), it is removed by close() instead.
    try {
      rmSync(made, { recursive: true });
      this.#dir = undefined;
    } catch {
      // kept until close()
    }
  }

  /** The indexes of the pages spooled so far, in no particular order. */
  get indexes(): number[] {
    return [...this.#at.keys()];
  }

  /**
   * Writes one page's value (a later value of the same index replaces the earlier one).
   * @param index the page
   * @param value anything JSON keeps as it is
   */
  put(index: number, value: T): void {
    const bytes = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(this.#fd, bytes, done, bytes.length - done, this.#end + done);
    this.#at.set(index, { offset: this.#end, length: bytes.length });
    this.#end += bytes.length;
  }

  /** Reads a page's value back (a fresh object every call). */
  get(index: number): T {
    const at = this.#at.get(index);
    if (!at) throw new DocmillError('INTERNAL', `Page ${index + 1} was not spooled.`);
    const buf = Buffer.allocUnsafe(at.length);
    let done = 0;
    while (done < at.length) {
      const n = readSync(this.#fd, buf, done, at.length - done, at.offset + done);
      if (n === 0) throw new DocmillError('INTERNAL', `The spool file ended early at page ${index + 1}.`);
      done += n;
    }
    return JSON.parse(buf.toString('utf8')) as T;
  }

  /** Closes the file (its space is given back; its name is already gone). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try { closeSync(this.#fd); } catch { /* already closed */ }
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
  }
}
