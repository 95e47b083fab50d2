import { spawn } from 'node:child_process';

const BIN = new URL('../bin/docmill.js', import.meta.url).pathname;

/**
 * Runs the docmill command as a newcomer would (a child process), CI=1 so no
 * progress bar, without model servers configured.
 */
export function docmill(args: string[], cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: '1' };
    delete env.DOCMILL_OPENAI_BASE_URL;
    delete env.MISTRAL_API_KEY;
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
