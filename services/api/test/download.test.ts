import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDocmillError } from '@docmill/core';
import { downloadUrl } from '../src/url/download.js';
import { isForbiddenAddress } from '@docmill/core';

const payload = Buffer.from('%PDF-1.4 pretend document body '.repeat(64));
let server: Server;
let base: string;
let port: number;
const hits: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/doc.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': payload.length });
      return res.end(payload);
    }
    if (u.pathname === '/named') {
      res.writeHead(200, { 'content-disposition': 'attachment; filename="report 2024.pdf"' });
      return res.end(payload);
    }
    if (u.pathname === '/chunked-big') {
      // No Content-Length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(16 * 1024, 0x41);
      let sent = 0;
      const pump = () => {
        let ok = true;
        while (sent < 64 && ok) {
          sent++;
          ok = res.write(chunk);
        }
        if (sent < 64) res.once('drain', pump);
        else res.end();
      };
      return pump();
    }
    if (u.pathname === '/redirect') {
      res.writeHead(302, { location: u.searchParams.get('to') ?? '/doc.pdf' });
      return res.end();
    }
    if (u.pathname === '/loop') {
      const n = Number(u.searchParams.get('n') ?? 0);
      res.writeHead(301, { location: `/loop?n=${n + 1}` });
      return res.end();
    }
    if (u.pathname === '/hang') return; // never answers
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** A policy for tests: 127.0.0.1 stands in for a public host; everything else as in production. */
const loopbackIsPublic = (ip: string) => ip !== '127.0.0.1' && isForbiddenAddress(ip);

test('a loopback URL is refused by default, before any connection', async () => {
  const before = hits.length;
  await assert.rejects(downloadUrl(`${base}/doc.pdf`, { maxBytes: 1 << 20 }), (e) => isDocmillError(e, 'INPUT_URL_FORBIDDEN'));
  await assert.rejects(downloadUrl(`http://localhost:${port}/doc.pdf`, { maxBytes: 1 << 20 }), (e) => isDocmillError(e, 'INPUT_URL_FORBIDDEN'));
  await assert.rejects(downloadUrl(`http://[::ffff:127.0.0.1]:${port}/doc.pdf`, { maxBytes: 1 << 20 }), (e) => isDocmillError(e, 'INPUT_URL_FORBIDDEN'));
  // Numeric and hex spellings of 127.0.0.1 (the URL parser normalises them).
  for (const host of ['2130706433', '0x7f.1', '127.1', '[::127.0.0.1]']) {
    await assert.rejects(downloadUrl(`http://${host}:${port}/doc.pdf`, { maxBytes: 1 << 20 }), (e) => isDocmillError(e, 'INPUT_URL_FORBIDDEN'), host);
  }
  assert.equal(hits.length, before, 'the server was never contacted');
});

test('allowed with allowPrivate: bytes, final URL and file name come back', async () => {
  const got = await downloadUrl(`${base}/doc.pdf`, { maxBytes: 1 << 20, allowPrivate: true });
  assert.deepEqual(got.bytes, payload);
  assert.equal(got.filename, 'doc.pdf');
  assert.equal(got.contentType, 'application/pdf');
  const named = await downloadUrl(`${base}/named`, { maxBytes: 1 << 20, allowPrivate: true });
  assert.equal(named.filename, 'report 2024.pdf');
});

test('only http and https; no credentials in URLs', async () => {
  for (const url of ['file:///etc/passwd', 'ftp://example.com/x.pdf', 'gopher://x/', `http://user:pw@127.0.0.1:${port}/doc.pdf`]) {
    await assert.rejects(downloadUrl(url, { maxBytes: 1 << 20, allowPrivate: true }), (e) => isDocmillError(e, 'INPUT_URL_FORBIDDEN'), url);
  }
  await assert.rejects(downloadUrl('not a url', { maxBytes: 1 }), (e) => isDocmillError(e, 'INPUT_DOWNLOAD_FAILED'));
});

test('a redirect to a private address is refused even when the first host was acceptable', async () => {
  const ok = await downloadUrl(`${base}/redirect?to=/doc.pdf`, { maxBytes: 1 << 20, forbidden: loopbackIsPublic });
  assert.deepEqual(ok.bytes, payload, 'redirects are followed');
  for (const to of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/x.pdf', 'http://[::1]/x.pdf', `http://127.0.0.2:${port}/doc.pdf`]) {
    await assert.rejects(
      downloadUrl(`${base}/redirect?to=${encodeURIComponent(to)}`, { maxBytes: 1 << 20, forbidden: loopbackIsPublic }),
      (e) => isDocmillError(e, 'INPUT_URL_FORBIDDEN'),
      to,
    );
  }
  await assert.rejects(
    downloadUrl(`${base}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`, { maxBytes: 1 << 20, forbidden: loopbackIsPublic }),
    (e) => isDocmillError(e, 'INPUT_URL_FORBIDDEN'),
  );
});

test('at most maxRedirects redirects are followed', async () => {
  const before = hits.length;
  await assert.rejects(downloadUrl(`${base}/loop`, { maxBytes: 1 << 20, allowPrivate: true }), (e) => isDocmillError(e, 'INPUT_DOWNLOAD_FAILED') && /redirects/.test((e as Error).message));
  assert.equal(hits.length - before, 6, 'the first request and 5 redirects');
  const two = downloadUrl(`${base}/loop`, { maxBytes: 1 << 20, allowPrivate: true, maxRedirects: 2 });
  await assert.rejects(two, (e) => isDocmillError(e, 'INPUT_DOWNLOAD_FAILED'));
});

test('the size cap holds on Content-Length and while streaming', async () => {
  await assert.rejects(downloadUrl(`${base}/doc.pdf`, { maxBytes: payload.length - 1, allowPrivate: true }), (e) => isDocmillError(e, 'INPUT_TOO_LARGE'));
  await assert.rejects(downloadUrl(`${base}/chunked-big`, { maxBytes: 100 * 1024, allowPrivate: true }), (e) => isDocmillError(e, 'INPUT_TOO_LARGE'));
  const whole = await downloadUrl(`${base}/chunked-big`, { maxBytes: 1 << 20, allowPrivate: true });
  assert.equal(whole.bytes.length, 64 * 16 * 1024);
});

test('HTTP errors and a server that never answers fail as INPUT_DOWNLOAD_FAILED', async () => {
  await assert.rejects(downloadUrl(`${base}/missing`, { maxBytes: 1 << 20, allowPrivate: true }), (e) => isDocmillError(e, 'INPUT_DOWNLOAD_FAILED') && /404/.test((e as Error).message));
  await assert.rejects(downloadUrl(`${base}/hang`, { maxBytes: 1 << 20, allowPrivate: true, timeoutMs: 300 }), (e) => isDocmillError(e, 'INPUT_DOWNLOAD_FAILED'));
});

test('the connection goes to the address checked (pinned), not to a second DNS answer', async () => {
  // A name only this resolver knows: if the socket re-resolved it, the system resolver would fail.
  const answers = [[{ address: '127.0.0.1', family: 4 as const }], [{ address: '10.9.9.9', family: 4 as const }]];
  let calls = 0;
  const resolve = async (host: string) => {
    assert.equal(host, 'docmill-pinned.invalid');
    return answers[Math.min(calls++, 1)]!;
  };
  const got = await downloadUrl(`http://docmill-pinned.invalid:${port}/doc.pdf`, { maxBytes: 1 << 20, resolve, forbidden: loopbackIsPublic });
  assert.deepEqual(got.bytes, payload);
  assert.equal(calls, 1, 'one resolution per hop');
  // A rebinding name whose next answer is private is refused on the next hop.
  calls = 0;
  const rebinding = async () => answers[Math.min(calls++, 1)]!;
  await assert.rejects(
    downloadUrl(`http://docmill-pinned.invalid:${port}/redirect?to=/doc.pdf`, { maxBytes: 1 << 20, resolve: rebinding, forbidden: loopbackIsPublic }),
    (e) => isDocmillError(e, 'INPUT_URL_FORBIDDEN') && /10\.9\.9\.9/.test((e as Error).message),
  );
});
