import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@docmill/fixtures';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** Polls a condition until it holds; `limitMs` is a safety net against hanging, not a timing assertion. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, limitMs = 120_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface WorkerProcess {
  proc: ChildProcess;
  /** Resolves when the process logged that its workers started. */
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Starts one worker file (workers/<name>.ts) as its own process, the way an operator does.
 * @param file e.g. "workers/vision.ts"
 * @param env DOCMILL_* for the process
 */
export function startWorkerProcess(file: string, env: Record<string, string>): WorkerProcess {
  const proc = spawn(process.execPath, ['--import', '@docmill/core/loader', file], {
    cwd: ROOT,
    env: { ...process.env, DOCMILL_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    proc.stderr!.on('data', (c: Buffer) => {
      log += c.toString('utf8');
      if (log.includes('"msg":"workers started"')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it started:\n${log.slice(-2000)}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, ready, exited };
}

/** A private redis-server with AOF on (now in @docmill/fixtures, shared with the API's outage tests). */
export { PrivateRedis } from '@docmill/fixtures';

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
