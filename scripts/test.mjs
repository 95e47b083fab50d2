#!/usr/bin/env node
// `npm test`: type-checks the workspace, starts a private redis-server on a free
// port (tests never touch a Redis they did not start), runs every *.test.ts
// with Node's own test runner, and stops Redis again.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function haveRedis() {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** tesseract 5 and the traineddata the OCR tests read (eng, deu, fra, the Fraktur script). */
const TESSERACT_PACKAGES = ['tesseract-ocr', 'tesseract-ocr-eng', 'tesseract-ocr-deu', 'tesseract-ocr-fra', 'tesseract-ocr-script-frak'];

function haveTesseract() {
  const r = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  if (r.status !== 0) return false;
  const langs = new Set(r.stdout.split('\n').slice(1).map((l) => l.trim().replace(/^script\//, '')));
  return ['eng', 'deu', 'fra', 'Fraktur'].every((l) => langs.has(l));
}

function haveChromium() {
  return existsSync(process.env.DOCMILL_CHROMIUM ?? '/usr/bin/chromium');
}

let aptUpdated = false;
/**
 * Installs Debian packages that the tests need when `present()` says they are
 * missing and this process may (root, with apt-get), as on a newcomer's machine.
 * Returns whether they are present afterwards.
 */
function ensureDebian(present, packages) {
  if (present()) return true;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log(`${packages.join(', ')}: not found, installing the Debian package(s)`);
    if (!aptUpdated) spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    aptUpdated = true;
    spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  return present();
}

async function startRedis() {
  if (!ensureDebian(haveRedis, ['redis-server'])) {
    console.error('npm test needs redis-server on PATH: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis).');
    process.exit(1);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'docmill-test-redis-'));
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG') return { proc, url, dir };
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  console.error(`redis-server did not start on port ${port}`);
  process.exit(1);
}

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('type check failed (tsc -b)');
  process.exit(1);
}

if (!ensureDebian(haveTesseract, TESSERACT_PACKAGES)) {
  console.error(`npm test needs tesseract 5 with eng, deu, fra and Fraktur: install ${TESSERACT_PACKAGES.join(' ')} (Debian/Ubuntu apt-get).`);
  process.exit(1);
}
if (!ensureDebian(haveChromium, ['chromium'])) {
  console.error('npm test drives Chromium for the review app: install it (Debian/Ubuntu: sudo apt-get install chromium), or set DOCMILL_CHROMIUM to its path.');
  process.exit(1);
}
const redis = await startRedis();
const files = findTests(root).filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort();
console.log(`running ${files.length} test files (Redis at ${redis.url})`);
const child = spawn(
  process.execPath,
  ['--import', '@docmill/core/loader', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files.map((f) => relative(root, f))],
  { cwd: root, stdio: 'inherit', env: { ...process.env, DOCMILL_REDIS_URL: redis.url, DOCMILL_TEST: '1' } },
);
const stop = () => {
  redis.proc.kill('SIGTERM');
  rmSync(redis.dir, { recursive: true, force: true });
};
process.on('SIGINT', () => { child.kill('SIGINT'); });
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
