import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACME, GLOBEX, makePdf, world } from './helpers.js';

const errorCode = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

test('API keys: missing → 401 AUTH_MISSING, wrong → 401 AUTH_INVALID, public routes need none', async (t) => {
  const w = await world(t);
  for (const url of ['/v1/jobs', '/v1/jobs/01JD0000000000000000000000', '/v1/jobs/x/result.md']) {
    const none = await w.app.inject({ method: 'GET', url });
    assert.equal(none.statusCode, 401, url);
    assert.equal(errorCode(none.body), 'DOCMILL_ERR_AUTH_MISSING');
    const basic = await w.app.inject({ method: 'GET', url, headers: { authorization: 'Basic a2V5LWFjbWUtMDAwMTo=' } });
    assert.equal(errorCode(basic.body), 'DOCMILL_ERR_AUTH_MISSING');
    const wrong = await w.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer key-acme-0002' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(errorCode(wrong.body), 'DOCMILL_ERR_AUTH_INVALID');
  }
  const post = await w.app.inject({ method: 'POST', url: '/v1/jobs', payload: { url: 'http://example.com/x.pdf' } });
  assert.equal(post.statusCode, 401, 'nothing is fetched or queued without a key');
  assert.equal((await w.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  const unknown = await w.app.inject({ method: 'GET', url: '/v2/nothing' });
  assert.equal(unknown.statusCode, 404);
  assert.equal(errorCode(unknown.body), 'DOCMILL_ERR_ROUTE_NOT_FOUND');
});

test("another tenant's job answers 404 JOB_NOT_FOUND on every route; DELETE then GET → 404", async (t) => {
  const w = await world(t);
  const bytes = await makePdf(1);
  const posted = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: Buffer.from(bytes).toString('base64') } });
  assert.equal(posted.statusCode, 202, posted.body);
  const id = (posted.json() as { id: string }).id;
  for (const [method, url] of [
    ['GET', `/v1/jobs/${id}`], ['GET', `/v1/jobs/${id}/result`], ['GET', `/v1/jobs/${id}/result.md`], ['GET', `/v1/jobs/${id}/pages/1`],
    ['GET', `/v1/jobs/${id}/pages/1/image`], ['GET', `/v1/jobs/${id}/events`], ['DELETE', `/v1/jobs/${id}`],
  ] as const) {
    const res = await w.app.inject({ method, url, headers: GLOBEX });
    assert.equal(res.statusCode, 404, `${method} ${url}`);
    assert.equal(errorCode(res.body), 'DOCMILL_ERR_JOB_NOT_FOUND', `${method} ${url}`);
  }
  // Nobody worked on it: still there for its owner, and not finished.
  const mine = await w.app.inject({ method: 'GET', url: `/v1/jobs/${id}`, headers: ACME });
  assert.equal(mine.statusCode, 200);
  assert.equal((mine.json() as { status: string }).status, 'queued');
  const early = await w.app.inject({ method: 'GET', url: `/v1/jobs/${id}/result`, headers: ACME });
  assert.equal(early.statusCode, 409);
  assert.equal(errorCode(early.body), 'DOCMILL_ERR_JOB_NOT_FINISHED');

  const del = await w.app.inject({ method: 'DELETE', url: `/v1/jobs/${id}`, headers: ACME });
  assert.equal(del.statusCode, 204);
  assert.equal(del.body, '');
  const gone = await w.app.inject({ method: 'GET', url: `/v1/jobs/${id}`, headers: ACME });
  assert.equal(gone.statusCode, 404);
  assert.equal(errorCode(gone.body), 'DOCMILL_ERR_JOB_NOT_FOUND');
  assert.equal((await w.app.inject({ method: 'DELETE', url: `/v1/jobs/${id}`, headers: ACME })).statusCode, 404);
});

test('upload size: multipart and base64 over DOCMILL_MAX_BYTES → 413 INPUT_TOO_LARGE; nothing queued', async (t) => {
  const w = await world(t, { DOCMILL_MAX_BYTES: '4096' });
  const base = await w.listen();
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(8192, 0x20)]);
  const form = new FormData();
  form.append('file', new Blob([big]), 'big.pdf');
  const multipart = await fetch(`${base}/v1/jobs`, { method: 'POST', headers: ACME, body: form });
  assert.equal(multipart.status, 413);
  assert.equal(((await multipart.json()) as { error: { code: string } }).error.code, 'DOCMILL_ERR_INPUT_TOO_LARGE');
  const b64 = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: big.toString('base64') } });
  assert.equal(b64.statusCode, 413);
  assert.equal(errorCode(b64.body), 'DOCMILL_ERR_INPUT_TOO_LARGE');
  // Just under the JSON body limit, over the byte limit once decoded.
  const justOver = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x20)]);
  const decoded = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: justOver.toString('base64') } });
  assert.equal(decoded.statusCode, 413);
  const list = await w.app.inject({ method: 'GET', url: '/v1/jobs', headers: ACME });
  assert.deepEqual((list.json() as { jobs: unknown[] }).jobs, []);
});

test('unsupported type: sniffed by content, not by name → 415; empty → 400; no document → 400', async (t) => {
  const w = await world(t);
  const base = await w.listen();
  const form = new FormData();
  form.append('file', new Blob(['just some text, not a document'], { type: 'application/pdf' }), 'fake.pdf');
  const res = await fetch(`${base}/v1/jobs`, { method: 'POST', headers: ACME, body: form });
  assert.equal(res.status, 415);
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'DOCMILL_ERR_INPUT_UNSUPPORTED_TYPE');
  const zip = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: Buffer.from('PK\x03\x04zipzipzip').toString('base64') } });
  assert.equal(zip.statusCode, 415);
  const text = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: { ...ACME, 'content-type': 'text/plain' }, payload: 'hello' });
  assert.equal(text.statusCode, 415);
  const empty = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: '' } });
  assert.equal(errorCode(empty.body), 'DOCMILL_ERR_INPUT_EMPTY');
  const nothing = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { engine: 'local' } });
  assert.equal(nothing.statusCode, 400);
  assert.equal(errorCode(nothing.body), 'DOCMILL_ERR_USAGE_BAD_ARGUMENT');
});

test('options are validated: bad engine, bad page range, unknown field → 400', async (t) => {
  const w = await world(t);
  const doc = Buffer.from(await makePdf(1)).toString('base64');
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ document_base64: doc, engine: 'gpt' }, 'DOCMILL_ERR_USAGE_BAD_ARGUMENT'],
    [{ document_base64: doc, pages: '3-1' }, 'DOCMILL_ERR_USAGE_BAD_PAGES'],
    [{ document_base64: doc, options: { pages: 'x' } }, 'DOCMILL_ERR_USAGE_BAD_PAGES'],
    [{ document_base64: doc, keepImages: true }, 'DOCMILL_ERR_USAGE_BAD_ARGUMENT'],
    [{ document_base64: doc, options: { _faultPages: [0] } }, 'DOCMILL_ERR_USAGE_BAD_ARGUMENT'],
  ];
  for (const [payload, code] of cases) {
    const res = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload });
    assert.equal(res.statusCode, 400, JSON.stringify({ ...payload, document_base64: '…' }));
    assert.equal(errorCode(res.body), code, res.body);
  }
  const list = await w.app.inject({ method: 'GET', url: '/v1/jobs?limit=500', headers: ACME });
  assert.equal(list.statusCode, 400);
});

test('URL ingest: a URL to 127.0.0.1 is refused; allowed with DOCMILL_ALLOW_PRIVATE_URLS=1 and converted', async (t) => {
  const bytes = await makePdf(2);
  let hits = 0;
  const origin = createServer((req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from(bytes));
  });
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => origin.close(() => r())));
  const url = `http://127.0.0.1:${(origin.address() as AddressInfo).port}/files/remote.pdf`;

  const strict = await world(t);
  const refused = await strict.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { url } });
  assert.equal(refused.statusCode, 400);
  assert.equal(errorCode(refused.body), 'DOCMILL_ERR_INPUT_URL_FORBIDDEN');
  const localhost = await strict.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { url: url.replace('127.0.0.1', 'localhost') } });
  assert.equal(errorCode(localhost.body), 'DOCMILL_ERR_INPUT_URL_FORBIDDEN', 'checked after DNS resolution');
  const mapped = await strict.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { url: url.replace('127.0.0.1', '[::ffff:127.0.0.1]') } });
  assert.equal(errorCode(mapped.body), 'DOCMILL_ERR_INPUT_URL_FORBIDDEN');
  const file = await strict.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { url: 'file:///etc/passwd' } });
  assert.equal(errorCode(file.body), 'DOCMILL_ERR_INPUT_URL_FORBIDDEN');
  assert.equal(hits, 0, 'the origin was never contacted');

  const open = await world(t, { DOCMILL_ALLOW_PRIVATE_URLS: '1' });
  await open.startWorkers();
  const accepted = await open.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { url } });
  assert.equal(accepted.statusCode, 202, accepted.body);
  const job = accepted.json() as { id: string; filename: string };
  assert.equal(job.filename, 'remote.pdf');
  let final = '';
  for await (const ev of open.jobs.events('acme', job.id)) if (ev.type === 'status') final = ev.job.status;
  assert.equal(final, 'succeeded');
  const md = await open.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}/result.md`, headers: ACME });
  assert.match(md.body, /Chapter 2/);
});

test('rate limit per key: over the budget → 429 RATE_LIMITED with Retry-After; other keys unaffected', async (t) => {
  const w = await world(t);
  const slow = { authorization: 'Bearer key-slow-0001' };
  const codes: number[] = [];
  for (let i = 0; i < 3; i++) codes.push((await w.app.inject({ method: 'GET', url: '/v1/jobs', headers: slow })).statusCode);
  assert.deepEqual(codes, [200, 200, 200]);
  const limited = await w.app.inject({ method: 'GET', url: '/v1/jobs', headers: slow });
  assert.equal(limited.statusCode, 429);
  assert.equal(errorCode(limited.body), 'DOCMILL_ERR_RATE_LIMITED');
  const retryAfter = Number(limited.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, String(limited.headers['retry-after']));
  assert.equal(limited.headers['ratelimit-remaining'], '0');
  assert.equal((await w.app.inject({ method: 'GET', url: '/v1/jobs', headers: ACME })).statusCode, 200);
  // A second API process on the same Redis shares the budget.
  const other = await world(t, { DOCMILL_QUEUE_PREFIX: w.prefix });
  assert.equal((await other.app.inject({ method: 'GET', url: '/v1/jobs', headers: slow })).statusCode, 429);
});

test('Idempotency-Key: same key and tenant → the same job (200); another tenant → its own job', async (t) => {
  const w = await world(t);
  const payload = { document_base64: Buffer.from(await makePdf(1)).toString('base64') };
  const headers = { ...ACME, 'idempotency-key': 'order-4711' };
  const first = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers, payload });
  assert.equal(first.statusCode, 202);
  const second = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers, payload });
  assert.equal(second.statusCode, 200);
  assert.equal((second.json() as { id: string }).id, (first.json() as { id: string }).id);
  assert.equal(second.headers.location, first.headers.location);
  const globex = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: { ...GLOBEX, 'idempotency-key': 'order-4711' }, payload });
  assert.equal(globex.statusCode, 202);
  assert.notEqual((globex.json() as { id: string }).id, (first.json() as { id: string }).id);
  const fresh = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload });
  assert.equal(fresh.statusCode, 202);
  assert.notEqual((fresh.json() as { id: string }).id, (first.json() as { id: string }).id);
  const bad = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: { ...ACME, 'idempotency-key': 'x'.repeat(300) }, payload });
  assert.equal(bad.statusCode, 400);
});

test('multipart: options as fields or as one JSON field; fields win; bad JSON → 400; a second file → 400', async (t) => {
  const w = await world(t);
  const bytes = await makePdf(1);
  const post = async (fields: Record<string, string>, files = 1) => {
    const form = new FormData();
    for (let i = 0; i < files; i++) form.append(i === 0 ? 'file' : 'extra', new Blob([bytes]), `doc${i}.pdf`);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const encoded = new Response(form);
    return w.app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: { ...ACME, 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
  };
  const json = await post({ options: JSON.stringify({ pages: '1', keep_images: true, ocr: 'never' }), ocr: 'always' });
  assert.equal(json.statusCode, 202, json.body);
  assert.deepEqual((json.json() as { options: unknown }).options, { pages: '1', keepImages: true, ocr: 'always' });
  assert.equal((json.json() as { filename: string }).filename, 'doc0.pdf');
  const fields = await post({ keep_images: 'false', engine: 'local' });
  assert.deepEqual((fields.json() as { options: unknown }).options, { keepImages: false, engine: 'local' });
  const bad = await post({ options: '{pages: 1' });
  assert.equal(bad.statusCode, 400);
  assert.equal(errorCode(bad.body), 'DOCMILL_ERR_USAGE_BAD_ARGUMENT');
  const two = await post({}, 2);
  assert.equal(two.statusCode, 400);
  const noFile = await post({ engine: 'local' }, 0);
  assert.equal(noFile.statusCode, 400);
});

test('row 9: failed API keys are throttled per client address: past the budget, 429 with Retry-After even for a good key', async (t) => {
  const w = await world(t, { DOCMILL_AUTH_FAILURES_PER_MINUTE: '3' });
  const from = (remoteAddress: string, authorization: string) => w.app.inject({ method: 'GET', url: '/v1/jobs', headers: { authorization }, remoteAddress });
  for (let i = 0; i < 3; i++) assert.equal((await from('203.0.113.7', `Bearer wrong-key-${i}x`)).statusCode, 401);
  const barred = await from('203.0.113.7', 'Bearer wrong-key-9x');
  assert.equal(barred.statusCode, 429);
  assert.equal(errorCode(barred.body), 'DOCMILL_ERR_RATE_LIMITED');
  assert.ok(Number(barred.headers['retry-after']) >= 1);
  assert.equal((await from('203.0.113.7', ACME.authorization)).statusCode, 429, 'a right guess now is no use');
  assert.equal((await from('198.51.100.2', ACME.authorization)).statusCode, 200, 'another address is not affected');
  assert.equal((await from('198.51.100.2', 'Bearer wrong-key-1x')).statusCode, 401);
});
