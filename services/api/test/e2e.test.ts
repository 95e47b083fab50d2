import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DocumentResult } from '@docmill/core';
import { convertDocument } from '@docmill/pipeline';
import { ACME, GLOBEX, followSse, makePdf, world } from './helpers.js';

/** A result without what legitimately differs between two runs (wall-clock seconds). */
const comparable = (doc: DocumentResult) => ({ ...doc, usage: { ...doc.usage, seconds: 0 } });

test('end to end over HTTP: upload, follow the SSE stream, fetch JSON and Markdown — identical to convertDocument', async (t) => {
  const w = await world(t, { DOCMILL_METRICS_TOKEN: 'e2e-scrape' });
  await w.startWorkers();
  const base = await w.listen();
  const bytes = await makePdf(4);

  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'ledger.pdf');
  form.append('ocr', 'auto');
  const posted = await fetch(`${base}/v1/jobs`, { method: 'POST', headers: ACME, body: form });
  assert.equal(posted.status, 202, await posted.clone().text());
  const job = (await posted.json()) as { id: string; status: string; filename: string; tenant: string };
  assert.equal(posted.headers.get('location'), `/v1/jobs/${job.id}`);
  assert.equal(job.filename, 'ledger.pdf');
  assert.equal(job.tenant, 'acme');

  const { events, res } = await followSse(`${base}/v1/jobs/${job.id}/events`, ACME);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/event-stream/);
  assert.equal(events[0]?.event, 'status', 'the current state comes first');
  const last = events.at(-1)!;
  assert.equal(last.event, 'status');
  const final = JSON.parse(last.data) as { status: string; progress: { pagesDone: number; pagesTotal: number } };
  assert.equal(final.status, 'succeeded');
  assert.deepEqual(final.progress, { pagesDone: 4, pagesTotal: 4 });
  const progress = events.filter((e) => e.event === 'progress').map((e) => JSON.parse(e.data) as { pagesDone: number });
  assert.ok(progress.length >= 1, 'progress events arrive');
  assert.deepEqual(progress.map((p) => p.pagesDone), [...progress.map((p) => p.pagesDone)].sort((a, b) => a - b));

  const inProcess = await convertDocument(bytes, { concurrency: 2 });
  const result = await fetch(`${base}/v1/jobs/${job.id}/result`, { headers: ACME });
  assert.equal(result.status, 200);
  assert.deepEqual(comparable((await result.json()) as DocumentResult), comparable(inProcess));

  const md = await fetch(`${base}/v1/jobs/${job.id}/result.md`, { headers: ACME });
  assert.equal(md.status, 200);
  assert.equal(md.headers.get('content-type'), 'text/markdown; charset=utf-8');
  assert.equal(await md.text(), inProcess.markdown);
  assert.match(inProcess.markdown, /Chapter 3/);

  const page = await fetch(`${base}/v1/jobs/${job.id}/pages/3`, { headers: ACME });
  assert.equal(page.status, 200);
  assert.deepEqual(await page.json(), JSON.parse(JSON.stringify(inProcess.pages[2])));
  assert.equal((await fetch(`${base}/v1/jobs/${job.id}/pages/9`, { headers: ACME })).status, 404);
  // No image was kept: the page is drawn on first request, then served again by its tag.
  const drawn = await fetch(`${base}/v1/jobs/${job.id}/pages/1/image`, { headers: ACME });
  assert.equal(drawn.status, 200);
  assert.equal(drawn.headers.get('content-type'), 'image/png');
  assert.match(drawn.headers.get('cache-control') ?? '', /private/);
  const etag = drawn.headers.get('etag')!;
  assert.ok(etag && (await drawn.arrayBuffer()).byteLength > 1000);
  assert.equal((await fetch(`${base}/v1/jobs/${job.id}/pages/1/image`, { headers: { ...ACME, 'if-none-match': etag } })).status, 304);
  assert.equal((await fetch(`${base}/v1/jobs/${job.id}/pages/9/image`, { headers: ACME })).status, 404);

  const got = (await (await fetch(`${base}/v1/jobs/${job.id}`, { headers: ACME })).json()) as { status: string; usage: { pages: number } };
  assert.equal(got.status, 'succeeded');
  assert.equal(got.usage.pages, 4);
  const list = (await (await fetch(`${base}/v1/jobs?status=succeeded`, { headers: ACME })).json()) as { jobs: Array<{ id: string }> };
  assert.deepEqual(list.jobs.map((j) => j.id), [job.id]);
  const globexList = (await (await fetch(`${base}/v1/jobs`, { headers: GLOBEX })).json()) as { jobs: unknown[] };
  assert.deepEqual(globexList.jobs, [], 'another tenant lists nothing');

  // Metrics now reflect the finished job and its pages.
  const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer e2e-scrape' } })).text();
  assert.match(metrics, /^docmill_jobs\{state="succeeded"\} 1$/m);
  assert.match(metrics, /^docmill_pages_processed_total 4$/m);
  assert.match(metrics, /^docmill_page_latency_seconds_count 4$/m);
  assert.match(metrics, /^docmill_queue_depth\{queue="page",state="waiting"\} 0$/m);
  assert.match(metrics, /^docmill_http_requests_total\{method="POST",route="\/v1\/jobs",status="202"\} 1$/m);
});

test('keep_images: the rendered page comes back as PNG; JSON body with document_base64 and nested options', async (t) => {
  const w = await world(t);
  await w.startWorkers();
  const bytes = await makePdf(2);
  const posted = await w.app.inject({
    method: 'POST',
    url: '/v1/jobs',
    headers: ACME,
    payload: { document_base64: Buffer.from(bytes).toString('base64'), filename: 'two.pdf', options: { keep_images: true, pages: '2' } },
  });
  assert.equal(posted.statusCode, 202, posted.body);
  const job = posted.json() as { id: string; options: Record<string, unknown> };
  assert.deepEqual(job.options, { keepImages: true, pages: '2' });
  for await (const ev of w.jobs.events('acme', job.id)) if (ev.type === 'status' && ev.job.status !== 'queued' && ev.job.status !== 'running') break;
  const img = await w.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}/pages/2/image`, headers: ACME });
  assert.equal(img.statusCode, 200, img.body);
  assert.equal(img.headers['content-type'], 'image/png');
  assert.deepEqual([...img.rawPayload.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const doc = (await w.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}/result`, headers: ACME })).json() as DocumentResult;
  assert.deepEqual(doc.pages.map((p) => p.index), [1], 'only page 2 was converted');
});

test('a callback_url is delivered signed with the webhook secret of the key; the secret never appears in the job', async (t) => {
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  let delivered: () => void = () => undefined;
  const arrived = new Promise<void>((r) => (delivered = r));
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
      delivered();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => receiver.close(() => r())));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const w = await world(t, { DOCMILL_ALLOW_PRIVATE_URLS: '1' });
  await w.startWorkers();
  const bytes = await makePdf(1);
  const refused = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: GLOBEX, payload: { document_base64: Buffer.from(bytes).toString('base64'), callback_url: hookUrl } });
  assert.equal(refused.statusCode, 400, 'a key without webhook secret cannot ask for callbacks');

  const posted = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: Buffer.from(bytes).toString('base64'), callback_url: hookUrl } });
  assert.equal(posted.statusCode, 202, posted.body);
  assert.doesNotMatch(posted.body, /acme-webhook-secret/);
  await arrived;
  const hit = received[0]!;
  // What a receiver computes: the HMAC of "<X-Docmill-Timestamp>.<raw body>".
  const expected = `sha256=${createHmac('sha256', 'acme-webhook-secret').update(`${hit.headers['x-docmill-timestamp'] as string}.${hit.body}`).digest('hex')}`;
  assert.equal(hit.headers['x-docmill-signature'], expected);
  assert.equal((JSON.parse(hit.body) as { id: string }).id, (posted.json() as { id: string }).id);
  const again = await w.app.inject({ method: 'GET', url: `/v1/jobs/${(posted.json() as { id: string }).id}`, headers: ACME });
  assert.doesNotMatch(again.body, /acme-webhook-secret|callback/);
});
