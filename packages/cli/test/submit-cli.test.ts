// docmill submit against a real API (Fastify on a free port), real workers
// (in-process, the real processors) and the test Redis; the CLI runs as a child
// process, as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, readFile, readdir, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { makeReport, makeNumberedPages, makeScannedPage, encryptedPdf } from '@docmill/fixtures';
import type { DocumentResult } from '@docmill/core';
import { world, closedPort, KEYS } from '../../../services/api/test/helpers.js';
import { ApiClient } from '../src/client.js';
import { followJob } from '../src/follow.js';
import { docmill } from './run.js';

const KEY = { DOCMILL_API_KEY: KEYS[0]!.key };
const TENANT = KEYS[0]!.tenant;

async function tempTree(t: { after: (fn: () => Promise<void>) => void }, files: Record<string, Uint8Array | string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docmill-submit-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(join(dir, 'in', name, '..'), { recursive: true });
    await writeFile(join(dir, 'in', name), bytes);
  }
  return dir;
}

/** Every file under dir (relative paths, dot files left out), with its mtime. */
async function tree(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || e.name.startsWith('.')) continue;
    const p = join(e.parentPath, e.name);
    out.set(relative(dir, p), (await stat(p)).mtimeMs);
  }
  return out;
}

test('submit over a folder tree: exit 0, the same outputs as convert; a second run makes no job and rewrites nothing', { timeout: 240_000 }, async (t) => {
  const w = await world(t);
  const base = await w.listen();
  await w.startWorkers();
  const dir = await tempTree(t, {
    'report.pdf': await makeReport(),
    'nested/pages.pdf': await makeNumberedPages(4),
    'nested/deeper/one.pdf': await makeNumberedPages(1),
    'scans/letter.pdf': await makeScannedPage(),
  });
  const first = await docmill(['submit', join(dir, 'in'), '-o', join(dir, 'out'), '--server', base, '--json'], undefined, KEY);
  assert.equal(first.code, 0, first.stderr);
  const s1 = JSON.parse(first.stdout);
  assert.equal(s1.converted, 4);
  assert.equal(s1.pages, 9);

  const conv = await docmill(['convert', join(dir, 'in'), '-o', join(dir, 'conv'), '--json']);
  assert.equal(conv.code, 0, conv.stderr);

  const submitted = await tree(join(dir, 'out'));
  assert.deepEqual([...submitted.keys()].sort(), [...(await tree(join(dir, 'conv'))).keys()].sort());
  assert.equal(submitted.size, 8);
  for (const stem of ['report', 'nested/pages', 'nested/deeper/one', 'scans/letter']) {
    const md = await readFile(join(dir, 'out', `${stem}.md`), 'utf8');
    assert.equal(md, await readFile(join(dir, 'conv', `${stem}.md`), 'utf8'), `${stem}.md`);
    const a = JSON.parse(await readFile(join(dir, 'out', `${stem}.json`), 'utf8')) as DocumentResult;
    const b = JSON.parse(await readFile(join(dir, 'conv', `${stem}.json`), 'utf8')) as DocumentResult;
    assert.deepEqual(a.pages, b.pages, `${stem}.json pages`);
    assert.deepEqual(a.source, b.source, `${stem}.json source`);
    assert.deepEqual(a.producer, b.producer, `${stem}.json producer`);
    assert.equal(a.markdown, b.markdown);
    // Only the time differs: the cluster's submit-to-assembled against convert's own.
    assert.deepEqual({ ...a, usage: { ...a.usage, seconds: 0 } }, { ...b, usage: { ...b.usage, seconds: 0 } });
  }
  assert.match(await readFile(join(dir, 'out/scans/letter.md'), 'utf8'), /Archive Committee/);
  const jobs = (await w.jobs.list(TENANT, { limit: 100 })).jobs;
  assert.equal(jobs.length, 4);
  // A finished run leaves no journal behind.
  await assert.rejects(stat(join(dir, 'out/.docmill-submit.jsonl')));

  const second = await docmill(['submit', join(dir, 'in'), '-o', join(dir, 'out'), '--server', base, '--json'], undefined, KEY);
  assert.equal(second.code, 0, second.stderr);
  const s2 = JSON.parse(second.stdout);
  assert.equal(s2.skipped, 4);
  assert.equal(s2.converted, 0);
  assert.equal((await w.jobs.list(TENANT, { limit: 100 })).jobs.length, 4, 'no new job');
  assert.deepEqual(await tree(join(dir, 'out')), submitted, 'nothing rewritten');
});

test('submit killed with SIGKILL after its first upload: a re-run re-attaches, finishes every output, no duplicate job', { timeout: 240_000 }, async (t) => {
  const w = await world(t);
  const base = await w.listen();
  await w.startWorkers();
  const dir = await tempTree(t, {
    'a.pdf': await makeNumberedPages(3),
    'sub/b.pdf': await makeNumberedPages(2),
    'sub/c.pdf': await makeNumberedPages(1),
  });
  const args = ['submit', join(dir, 'in'), '-o', join(dir, 'out'), '--server', base, '-c', '1'];
  let firstUpload = '';
  const killed = await docmill(args, undefined, KEY, (child) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString('utf8');
      const m = /^submitted (\S+) \(job (\w+)\)$/m.exec(err);
      if (m && !firstUpload) {
        firstUpload = m[1]!;
        child.kill('SIGKILL');
      }
    });
  });
  assert.equal(killed.signal, 'SIGKILL', killed.stderr);
  assert.ok(firstUpload, killed.stderr);
  const before = (await w.jobs.list(TENANT, { limit: 100 })).jobs;
  assert.ok(before.length >= 1 && before.length <= 3);

  const again = await docmill([...args, '--json'], undefined, KEY);
  assert.equal(again.code, 0, again.stderr);
  // The job the killed run had submitted is taken up again, not submitted a second time.
  assert.match(again.stderr, new RegExp(`^attached  ${firstUpload.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(job `, 'm'));
  const s = JSON.parse(again.stdout);
  assert.equal(s.converted + s.skipped, 3);
  for (const [stem, pages] of [['a', 3], ['sub/b', 2], ['sub/c', 1]] as const) {
    const json = JSON.parse(await readFile(join(dir, 'out', `${stem}.json`), 'utf8')) as DocumentResult;
    assert.equal(json.pages.length, pages, stem);
    assert.ok((await readFile(join(dir, 'out', `${stem}.md`), 'utf8')).includes(`Section ${pages}`), stem);
  }
  const after = (await w.jobs.list(TENANT, { limit: 100 })).jobs;
  assert.equal(after.length, 3, 'one job per file');
  assert.equal(new Set(after.map((j) => j.sha256)).size, 3);
  for (const j of before) assert.ok(after.some((x) => x.id === j.id), `job ${j.id} of the killed run is kept and used`);
});

test('submit: failed inputs leave X.json with the same coded errors as convert, exit 1; a re-run submits them again', { timeout: 240_000 }, async (t) => {
  const LIMIT = { DOCMILL_MAX_BYTES: '5000' };
  const w = await world(t, LIMIT);
  const base = await w.listen();
  await w.startWorkers();
  const dir = await tempTree(t, {
    'secret.pdf': encryptedPdf({ userPassword: 'opensesame', ownerPassword: 'owner', text: 'The vault opens at midnight.' }),
    'notes.pdf': 'just some text with a .pdf name',
    'empty.pdf': '',
    'big.pdf': await makeReport(),
  });
  assert.ok((await stat(join(dir, 'in/big.pdf'))).size > 5000 && (await stat(join(dir, 'in/secret.pdf'))).size < 5000);
  const run = () => docmill(['submit', join(dir, 'in'), '-o', join(dir, 'out'), '--server', base, '--json'], undefined, KEY);
  const first = await run();
  assert.equal(first.code, 1, first.stderr);
  const conv = await docmill(['convert', join(dir, 'in'), '-o', join(dir, 'conv'), '--json'], undefined, LIMIT);
  assert.equal(conv.code, 1);
  const codes = (stdout: string) => Object.fromEntries(JSON.parse(stdout).documents.map((d: { input: string; error: { code: string } }) => [relative(dir, d.input), d.error.code]));
  assert.deepEqual(codes(first.stdout), codes(conv.stdout));
  assert.equal(codes(first.stdout)['in/secret.pdf'], 'DOCMILL_ERR_PDF_ENCRYPTED');
  assert.equal(codes(first.stdout)['in/big.pdf'], 'DOCMILL_ERR_INPUT_TOO_LARGE');
  for (const stem of ['secret', 'notes', 'empty', 'big']) {
    const json = JSON.parse(await readFile(join(dir, 'out', `${stem}.json`), 'utf8'));
    assert.equal(json.error.code, JSON.parse(await readFile(join(dir, 'conv', `${stem}.json`), 'utf8')).error.code, stem);
  }
  // Only the encrypted file became a job (the others were refused at upload).
  assert.equal((await w.jobs.list(TENANT, { limit: 100 })).jobs.length, 1);

  // A failure is retried on the next run (as convert retries it), as a new job, not the failed one again.
  const second = await run();
  assert.equal(second.code, 1);
  assert.equal((await w.jobs.list(TENANT, { limit: 100 })).jobs.length, 2);
  const right = await docmill(['submit', join(dir, 'in/secret.pdf'), '-o', join(dir, 'out'), '--server', base, '--password', 'opensesame'], undefined, KEY);
  assert.equal(right.code, 0, right.stderr);
  assert.match(await readFile(join(dir, 'out/secret.md'), 'utf8'), /The vault opens at midnight\./);
});

test('submit: a bad key, an unreachable server, no key', async (t) => {
  const w = await world(t);
  const base = await w.listen();
  const dir = await tempTree(t, { 'a.pdf': await makeNumberedPages(1) });
  const out = join(dir, 'out');
  const bad = await docmill(['submit', join(dir, 'in'), '-o', out, '--server', base], undefined, { DOCMILL_API_KEY: 'not-a-key-at-all' });
  assert.equal(bad.code, 3, bad.stderr);
  assert.match(bad.stderr, /DOCMILL_ERR_AUTH_INVALID/);
  const gone = await docmill(['submit', join(dir, 'in'), '-o', out, '--server', `http://127.0.0.1:${await closedPort()}`], undefined, KEY);
  assert.equal(gone.code, 3, gone.stderr);
  assert.match(gone.stderr, /DOCMILL_ERR_API_UNREACHABLE/);
  const nokey = await docmill(['submit', join(dir, 'in'), '-o', out, '--server', base]);
  assert.equal(nokey.code, 2);
  assert.match(nokey.stderr, /DOCMILL_API_KEY/);
  await assert.rejects(stat(out), 'nothing written');
  const help = await docmill(['submit', '--help']);
  for (const opt of ['--output', '--server', '--api-key', '--pages', '--concurrency', '--force', '--quiet', '--json', '--password', '--ocr', '--engine']) assert.ok(help.stdout.includes(opt), opt);
});

test('the client waits out 429 for Retry-After and retries 5xx with backoff, then gives the coded error', async (t) => {
  const answers: Array<[number, Record<string, string>, unknown]> = [
    [429, { 'retry-after': '0' }, { error: { code: 'DOCMILL_ERR_RATE_LIMITED', message: 'slow down' } }],
    [503, {}, { error: { code: 'DOCMILL_ERR_REDIS_UNAVAILABLE', message: 'no redis' } }],
    [200, {}, { id: 'j1', status: 'running', sha256: 'x', createdAt: '', progress: { pagesDone: 0, pagesTotal: 0 } }],
    [500, {}, { error: { code: 'DOCMILL_ERR_STORE_FAILED', message: 'disk full' } }],
    [500, {}, { error: { code: 'DOCMILL_ERR_STORE_FAILED', message: 'disk full' } }],
  ];
  const seen: string[] = [];
  const srv = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    const [status, headers, body] = answers.shift() ?? [500, {}, {}];
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  t.after(() => new Promise<void>((r) => srv.close(() => r())));
  const port = (srv.address() as { port: number }).port;
  const client = new ApiClient(`http://127.0.0.1:${port}`, 'secret-key', { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2, jitter: 0, rateLimitedAttempts: 3 } });
  const job = await client.job('j1');
  assert.equal(job.status, 'running');
  assert.equal(seen.length, 3);
  assert.ok(seen.every((s) => s === 'GET /v1/jobs/j1 Bearer secret-key'));
  await assert.rejects(client.job('j1'), (e: { code?: string; message?: string }) => e.code === 'DOCMILL_ERR_STORE_FAILED' && e.message === 'disk full');
  assert.equal(seen.length, 5, 'two attempts for the 5xx, no more');
});

test('jobs are followed by their event stream; without one (or when it breaks off) by polling', async (t) => {
  const job = (status: string, pagesDone: number) => ({ id: 'j1', status, sha256: 'x', createdAt: '', progress: { pagesDone, pagesTotal: 2 } });
  let mode: 'stream' | 'none' | 'broken' = 'stream';
  const polls: string[] = [];
  let pollAnswers: string[] = [];
  const srv = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/v1/jobs/j1/events') {
      if (mode === 'none') return res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'DOCMILL_ERR_ROUTE_NOT_FOUND', message: 'no' } }));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`retry: 3000\n\nid: 1\nevent: status\ndata: ${JSON.stringify(job('running', 0))}\n\n: heartbeat\n\n`);
      if (mode === 'broken') return res.destroy();
      res.write(`id: 2\nevent: progress\ndata: {"pagesDone":1,"pagesTotal":2}\n\nid: 3\nevent: progress\ndata: {"pagesDone":2,"pagesTotal":2}\n\n`);
      return res.end(`id: 4\nevent: status\ndata: ${JSON.stringify(job('succeeded', 2))}\n\n`);
    }
    polls.push(req.url ?? '');
    const status = pollAnswers.shift() ?? 'succeeded';
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(job(status, status === 'succeeded' ? 2 : 1)));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  t.after(() => new Promise<void>((r) => srv.close(() => r())));
  const client = new ApiClient(`http://127.0.0.1:${(srv.address() as { port: number }).port}`, 'secret-key');
  const start = job('queued', 0) as Parameters<typeof followJob>[1];

  const seen: number[] = [];
  const streamed = await followJob(client, start, (p) => seen.push(p.pagesDone));
  assert.equal(streamed.status, 'succeeded');
  assert.deepEqual(seen, [0, 1, 2, 2]);
  assert.deepEqual(polls, [], 'no polling while the stream works');

  mode = 'none';
  pollAnswers = ['running', 'running'];
  assert.equal((await followJob(client, start, () => {})).status, 'succeeded');
  assert.deepEqual(polls, ['/v1/jobs/j1', '/v1/jobs/j1', '/v1/jobs/j1']);

  mode = 'broken';
  polls.length = 0;
  pollAnswers = ['running'];
  assert.equal((await followJob(client, start, () => {})).status, 'succeeded');
  assert.equal(polls.length, 2, 'one poll after each broken stream, until the final state');
});
