// Benchmark of `docmill submit` (the job API with its workers, each its own process,
// on a private redis-server) against `docmill convert` on the same files, in the same run:
//   node --import @docmill/core/loader bench/submit.ts [--small 200] [--long 2] [--long-pages 50] [-c 4] [--kill-after N]
// Reports seconds, pages/s and peak RSS of both commands, the peak RSS of the API
// and worker processes, whether every X.md is identical between the two, the jobs
// the server holds, and the time of a second (all up to date) submit run. With
// --kill-after N, a first submit is killed with SIGKILL after its Nth "submitted"
// line and the measured run resumes it (the job count shows any duplicate).
// Not part of `npm test`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeNumberedPages, makeReport } from '@docmill/fixtures';

const { values } = parseArgs({ options: { small: { type: 'string', default: '200' }, long: { type: 'string', default: '2' }, 'long-pages': { type: 'string', default: '50' }, c: { type: 'string', default: '4' }, 'kill-after': { type: 'string' } } });
const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages/cli/bin/docmill.js');
const KEY = 'bench-key-0001';

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
}

function run(args: string[], env: Record<string, string>, killAfter?: number): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  return new Promise((res) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CI: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (killAfter !== undefined && (stderr.match(/^submitted /gm) ?? []).length >= killAfter) child.kill('SIGKILL');
    });
    child.on('close', (code) => res({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000 }));
  });
}

/** Peak RSS (VmHWM) of a running process, MB. */
function peakMb(p: ChildProcess): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function files(dir: string, ext: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(ext)).sort();
}

const work = mkdtempSync(join(tmpdir(), 'docmill-bench-submit-'));
const procs: ChildProcess[] = [];
try {
  const input = join(work, 'in');
  const small = Number(values.small);
  for (let i = 0; i < small; i++) {
    const sub = join(input, `box${String(Math.floor(i / 50)).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    // Distinct bytes per file (pdf-lib stamps no date), so the server cannot reuse results.
    writeFileSync(join(sub, `doc${String(i).padStart(4, '0')}.pdf`), await makeNumberedPages(1 + (i % 3)));
  }
  mkdirSync(join(input, 'long'), { recursive: true });
  for (let i = 0; i < Number(values.long); i++) writeFileSync(join(input, 'long', `long${i}.pdf`), await makeNumberedPages(Number(values['long-pages']) + i));
  writeFileSync(join(input, 'report.pdf'), await makeReport());

  const redisPort = await freePort();
  const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', work], { stdio: 'ignore' });
  procs.push(redis);
  for (let i = 0; i < 100 && spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout?.trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 100));
  const apiPort = await freePort();
  const env = { DOCMILL_REDIS_URL: `redis://127.0.0.1:${redisPort}`, DOCMILL_STORE: join(work, 'store'), DOCMILL_API_KEYS: `${KEY}:bench`, DOCMILL_PORT: String(apiPort), DOCMILL_HOST: '127.0.0.1', DOCMILL_RATE_PER_MINUTE: '100000', DOCMILL_LOG_LEVEL: 'warn' };
  const api = spawn(process.execPath, [bin, 'serve'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const worker = spawn(process.execPath, [bin, 'worker'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  procs.push(api, worker);
  const server = `http://127.0.0.1:${apiPort}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${server}/readyz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }

  let killed = '';
  if (values['kill-after']) {
    const k = await run(['submit', input, '-o', join(work, 'out-submit'), '--server', server, '-c', values.c!], { DOCMILL_API_KEY: KEY }, Number(values['kill-after']));
    const outs = files(join(work, 'out-submit'), '.json').length;
    killed = `killed submit: after ${(k.stderr.match(/^submitted /gm) ?? []).length} uploads, ${outs} outputs written; the run below resumes it`;
  }
  const sub = await run(['submit', input, '-o', join(work, 'out-submit'), '--server', server, '-c', values.c!, '--json', '-q'], { DOCMILL_API_KEY: KEY });
  const subLoad = loadavg()[0]!;
  const conv = await run(['convert', input, '-o', join(work, 'out-convert'), '--json', '-q'], {});
  const convLoad = loadavg()[0]!;
  const again = await run(['submit', input, '-o', join(work, 'out-submit'), '--server', server, '-c', values.c!, '--json', '-q'], { DOCMILL_API_KEY: KEY });
  const s = JSON.parse(sub.stdout);
  const c = JSON.parse(conv.stdout);
  const a = JSON.parse(again.stdout);
  const mds = files(join(work, 'out-submit'), '.md');
  const same = mds.filter((f) => readFileSync(join(work, 'out-submit', f), 'utf8') === readFileSync(join(work, 'out-convert', f), 'utf8')).length;
  const jobs: unknown[] = [];
  for (let cursor: string | undefined; ;) {
    const page = (await (await fetch(`${server}/v1/jobs?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { jobs: unknown[]; nextCursor?: string };
    jobs.push(...page.jobs);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const docs = files(input, '.pdf').length;
  console.log(`inputs: ${docs} PDFs, ${s.pages} pages; submit -c ${values.c}`);
  if (killed) console.log(killed);
  console.log(`submit:  exit ${sub.code}, ${s.converted} converted, ${s.skipped} skipped, ${sub.seconds.toFixed(1)} s wall, ${(s.pages / sub.seconds).toFixed(1)} pages/s, peak RSS ${s.maxRssMb} MB (load ${subLoad.toFixed(1)})`);
  console.log(`         api peak RSS ${peakMb(api)} MB, worker peak RSS ${peakMb(worker)} MB (one process for every queue)`);
  console.log(`convert: exit ${conv.code}, ${c.converted} converted, ${conv.seconds.toFixed(1)} s wall, ${(c.pages / conv.seconds).toFixed(1)} pages/s, peak RSS ${c.maxRssMb} MB (load ${convLoad.toFixed(1)})`);
  console.log(`X.md identical: ${same}/${mds.length}`);
  console.log(`server jobs: ${jobs.length} for ${docs} inputs`);
  console.log(`second submit: exit ${again.code}, ${a.skipped} skipped, ${a.converted} converted, ${again.seconds.toFixed(1)} s`);
} finally {
  for (const p of procs.reverse()) p.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(work, { recursive: true, force: true });
}
