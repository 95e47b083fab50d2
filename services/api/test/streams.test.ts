import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ACME, world } from './helpers.js';

// Issue 15 row 3: uploads and downloads stream into the store; the size limit fires as bytes arrive.

const LIMIT = 1024 * 1024;
/** Safety net of the senders below (64 × the limit): never reached when the server refuses in time. */
const SEND_AT_MOST = 64 * LIMIT;

/** Files left under the store's jobs/ (staged inputs included), hidden temporary files too. */
async function storedFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(join(dir, e.name));
      else out.push(join(dir, e.name));
    }
  };
  await walk(join(root, 'jobs'));
  return out;
}

test('row 3: a multipart upload over the limit is refused (413) before the client has sent it all; nothing stays in the store', { timeout: 120_000 }, async (t) => {
  const w = await world(t, { DOCMILL_MAX_BYTES: String(LIMIT) });
  const base = new URL(await w.listen());
  const boundary = 'docmill-test-boundary';
  let sent = 0;
  const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, method: 'POST', path: '/v1/jobs', headers: { ...ACME, 'content-type': `multipart/form-data; boundary=${boundary}` } }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => { body += c; });
      r.on('end', () => {
        resolve({ status: r.statusCode ?? 0, body });
        req.destroy(); // the rest of the body is not wanted: hang up
      });
    });
    let answered = false;
    req.on('response', () => { answered = true; });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    req.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="endless.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.7\n`);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    // Keep sending until the server answers (a condition), never more than the safety net.
    const pump = () => {
      while (!answered && sent < SEND_AT_MOST) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
  assert.equal(res.status, 413, res.body);
  assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'DOCMILL_ERR_INPUT_TOO_LARGE');
  assert.ok(sent < SEND_AT_MOST, `answered after ${sent} bytes sent, before the whole body`);
  assert.deepEqual(await storedFiles(w.config.DOCMILL_STORE), [], 'no staged input or temporary file left');
  assert.deepEqual((await w.jobs.list('acme')).jobs, []);
});

test('row 3: a URL that streams forever is cut at the limit (413) while it streams; a fitting one is stored as it arrives', { timeout: 120_000 }, async (t) => {
  const w = await world(t, { DOCMILL_MAX_BYTES: String(LIMIT), DOCMILL_ALLOW_PRIVATE_URLS: '1' });
  let served = 0;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    if (req.url === '/small.pdf') return res.end('%PDF-1.7\n' + 'x'.repeat(1000));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    res.write('%PDF-1.7\n');
    const pump = () => {
      while (served < SEND_AT_MOST && !res.destroyed) {
        served += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const port = (server.address() as { port: number }).port;

  const endless = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { url: `http://127.0.0.1:${port}/endless.pdf` } });
  assert.equal(endless.statusCode, 413, endless.body);
  assert.ok(served < SEND_AT_MOST, `the download stopped after ${served} bytes`);
  assert.deepEqual(await storedFiles(w.config.DOCMILL_STORE), []);

  const small = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { url: `http://127.0.0.1:${port}/small.pdf` } });
  assert.equal(small.statusCode, 202, small.body);
  const id = (small.json() as { id: string; filename: string }).id;
  assert.equal((small.json() as { filename: string }).filename, 'small.pdf');
  assert.equal((await w.store.get(`jobs/${id}/input`))?.length, 1009);
});
