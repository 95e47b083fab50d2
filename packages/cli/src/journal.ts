import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@docmill/core';

/** The journal's file name inside the output directory. */
export const JOURNAL_NAME = '.docmill-submit.jsonl';

interface Entry {
  server: string;
  key: string;
  job: string;
}

/**
 * `<out>/.docmill-submit.jsonl`: which job each Idempotency-Key named on which
 * server, one JSON line per submission, appended as jobs are created. A run
 * started again after a kill reads it to re-attach to its jobs without
 * uploading the files again; without it (deleted, or a line lost in the kill)
 * the re-upload carries the same key and the server answers the same job, so
 * the journal saves bytes, never correctness.
 * Does not hold results, passwords or keys of the API.
 */
export class SubmitJournal {
  readonly #path: string;
  readonly #server: string;
  readonly #jobs = new Map<string, string>();
  readonly #other: Entry[] = [];

  private constructor(path: string, server: string) {
    this.#path = path;
    this.#server = server;
  }

  /**
   * Reads the journal of an output directory (a missing or damaged file reads as empty lines).
   * @param outDir the output directory
   * @param server the API's base URL: entries of other servers are kept but not used
   */
  static async open(outDir: string, server: string): Promise<SubmitJournal> {
    const j = new SubmitJournal(join(outDir, JOURNAL_NAME), server);
    const text = await readFile(j.#path, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let e: Partial<Entry>;
      try {
        e = JSON.parse(line) as Partial<Entry>;
      } catch {
        continue; // a line cut short by a kill
      }
      if (typeof e.server !== 'string' || typeof e.key !== 'string' || typeof e.job !== 'string') continue;
      if (e.server === server) j.#jobs.set(e.key, e.job);
      else j.#other.push(e as Entry);
    }
    await mkdir(outDir, { recursive: true });
    return j;
  }

  /** The job this key named, if the journal knows it. */
  job(key: string): string | undefined {
    return this.#jobs.get(key);
  }

  /** Records that the key names this job (appended at once: a kill right after keeps it). */
  async add(key: string, job: string): Promise<void> {
    if (this.#jobs.get(key) === job) return;
    this.#jobs.set(key, job);
    await appendFile(this.#path, `${JSON.stringify({ server: this.#server, key, job } satisfies Entry)}\n`);
  }

  /**
   * Rewrites the journal with only the entries still useful: other servers' and
   * this server's for `keep` (inputs that failed, to be retried). Deletes the
   * file when nothing is left. Called at the end of a run that was not stopped.
   */
  async compact(keep: Iterable<string>): Promise<void> {
    const lines: string[] = this.#other.map((e) => JSON.stringify(e));
    for (const key of keep) {
      const job = this.#jobs.get(key);
      if (job) lines.push(JSON.stringify({ server: this.#server, key, job } satisfies Entry));
    }
    if (lines.length === 0) await rm(this.#path, { force: true });
    else await writeFileAtomic(this.#path, `${lines.join('\n')}\n`);
  }
}
