import { spawn, type ChildProcess } from 'node:child_process';

const BIN = new URL('../bin/docmill.js', import.meta.url).pathname;

/**
 * Runs the docmill command as a newcomer would (a child process), CI=1 so no
 * progress bar, without model servers configured.
 * @param extraEnv variables for this run (DOCMILL_API_KEY…)
 * @param started called with the child once it runs (to follow its output, or kill it)
 */
export function docmill(args: string[], cwd?: string, extraEnv: Record<string, string> = {}, started?: (child: ChildProcess) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: '1' };
    delete env.DOCMILL_OPENAI_BASE_URL;
    delete env.MISTRAL_API_KEY;
    delete env.DOCMILL_API_KEY;
    delete env.DOCMILL_SERVER;
    Object.assign(env, extraEnv);
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    started?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
