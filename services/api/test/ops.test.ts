import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME, GLOBEX, closedPort, followSse, makePdf, world } from './helpers.js';

/** Every route of the API, as OpenAPI paths. */
const ROUTES: Array<[string, string]> = [
  ['post', '/v1/jobs'],
  ['get', '/v1/jobs'],
  ['get', '/v1/jobs/{id}'],
  ['delete', '/v1/jobs/{id}'],
  ['get', '/v1/jobs/{id}/result'],
  ['get', '/v1/jobs/{id}/result.md'],
  ['get', '/v1/jobs/{id}/pages/{n}'],
  ['get', '/v1/jobs/{id}/pages/{n}/image'],
  ['get', '/v1/jobs/{id}/events'],
  ['post', '/v1/jobs/{id}/questions'],
  ['get', '/v1/jobs/{id}/chunks'],
  ['get', '/v1/search'],
  ['get', '/healthz'],
  ['get', '/readyz'],
  ['get', '/metrics'],
  ['get', '/openapi.json'],
];

test('GET /openapi.json documents every route, with schemas and the bearer scheme', async (t) => {
  const w = await world(t);
  const res = await w.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(res.statusCode, 200);
  const spec = res.json() as {
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: { content: Record<string, unknown> }; security?: unknown[] }>>;
    components: { securitySchemes: Record<string, { scheme: string }> };
  };
  assert.match(spec.openapi, /^3\./);
  for (const [method, path] of ROUTES) {
    const op = spec.paths[path]?.[method];
    assert.ok(op, `${method.toUpperCase()} ${path} is documented`);
    assert.ok(Object.keys(op.responses).length > 0, `${method} ${path} has responses`);
    if (path.startsWith('/v1/')) assert.deepEqual(op.security, [{ apiKey: [] }], `${method} ${path} asks for the key`);
  }
  // Nothing registered that the list above does not name (HEAD twins aside).
  const documented = Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => m !== 'head').map((m) => `${m} ${p}`));
  assert.deepEqual(documented.sort(), ROUTES.map(([m, p]) => `${m} ${p}`).sort());
  assert.deepEqual(Object.keys(spec.paths['/v1/jobs']!.post!.requestBody!.content).sort(), ['application/json', 'multipart/form-data']);
  assert.equal(spec.components.securitySchemes.apiKey?.scheme, 'bearer');
  assert.deepEqual(Object.keys((spec.components as { schemas?: object }).schemas ?? {}).sort(), ['Error', 'Job', 'Page']);
  // Every documented path answers something other than "no such route".
  for (const [method, path] of ROUTES) {
    const url = path.replace('{id}', '01JD0000000000000000000000').replace('{n}', '1');
    const r = await w.app.inject({ method: method.toUpperCase() as 'GET', url, headers: ACME, ...(method === 'post' ? { payload: {} } : {}) });
    const json = String(r.headers['content-type']).startsWith('application/json');
    assert.notEqual(json ? (r.json() as { error?: { code: string } }).error?.code : undefined, 'DOCMILL_ERR_ROUTE_NOT_FOUND', `${method} ${url}`);
  }
});

test('/healthz and /readyz; readyz answers 503 REDIS_UNAVAILABLE when Redis is unreachable', async (t) => {
  const w = await world(t);
  assert.equal((await w.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  const ready = await w.app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(ready.statusCode, 200, ready.body);
  assert.equal((ready.json() as { status: string }).status, 'ready');

  const down = await world(t, { DOCMILL_REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
  assert.equal((await down.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'the process is alive');
  const notReady = await down.app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(notReady.statusCode, 503);
  assert.equal((notReady.json() as { error: { code: string } }).error.code, 'DOCMILL_ERR_REDIS_UNAVAILABLE');
});

test('/metrics speaks the Prometheus text format with the job-system metrics', async (t) => {
  const w = await world(t, { DOCMILL_METRICS_TOKEN: 'scrape-token-1' });
  await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: Buffer.from(await makePdf(1)).toString('base64') } });
  const res = await w.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-token-1' } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain/);
  for (const name of ['docmill_jobs', 'docmill_queue_depth', 'docmill_pages_processed_total', 'docmill_page_latency_seconds', 'docmill_http_requests_total']) {
    assert.match(res.body, new RegExp(`^# TYPE ${name} `, 'm'), name);
  }
  assert.match(res.body, /^docmill_jobs\{state="queued"\} 1$/m);
  assert.match(res.body, /^docmill_queue_depth\{queue="ingest",state="waiting"\} 1$/m);
  assert.match(res.body, /^docmill_page_latency_seconds_bucket\{le="1"\} 0$/m);
});

test('row 9: /metrics is closed without DOCMILL_METRICS_TOKEN, and asks for it when it is set', async (t) => {
  const off = await world(t);
  const res = await off.app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(res.statusCode, 401);
  assert.match((res.json() as { error: { message: string } }).error.message, /DOCMILL_METRICS_TOKEN/);

  const w = await world(t, { DOCMILL_METRICS_TOKEN: 'scrape-token-1' });
  assert.equal((await w.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
  const wrong = await w.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-token-2' } });
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json().error.code, 'DOCMILL_ERR_AUTH_INVALID');
  assert.equal((await w.app.inject({ method: 'GET', url: '/metrics', headers: ACME })).statusCode, 401, 'an API key is not the metrics token');
  const ok = await w.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-token-1' } });
  assert.equal(ok.statusCode, 200);
  assert.match(ok.body, /^# TYPE docmill_jobs /m);
});

test('events: unknown job → 404 before streaming; heartbeats while waiting; the stream ends when the server closes', async (t) => {
  const w = await world(t, {}, { heartbeatMs: 50 });
  const base = await w.listen();
  const missing = await fetch(`${base}/v1/jobs/01JD0000000000000000000000/events`, { headers: ACME });
  assert.equal(missing.status, 404);
  assert.match(String(missing.headers.get('content-type')), /application\/json/);

  // No workers: the job stays queued, so the stream stays open.
  const posted = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: Buffer.from(await makePdf(1)).toString('base64') } });
  const id = (posted.json() as { id: string }).id;
  const other = await fetch(`${base}/v1/jobs/${id}/events`, { headers: GLOBEX });
  assert.equal(other.status, 404);

  const beat = await followSse(`${base}/v1/jobs/${id}/events`, ACME, (_e, comments) => comments.includes('heartbeat'));
  assert.equal(beat.events[0]?.event, 'status');
  assert.equal((JSON.parse(beat.events[0]!.data) as { status: string }).status, 'queued');
  // The client left: the server stops following the job's events.
  const subscribers = async () => w.jobs.eventFollowers;
  for (let i = 0; i < 200 && (await subscribers()) > 0; i++) await new Promise((r) => setTimeout(r, 25));
  assert.equal(await subscribers(), 0);

  // A client still listening when the server shuts down sees the stream end.
  let opened: () => void = () => undefined;
  const first = new Promise<void>((r) => (opened = r));
  const open = followSse(`${base}/v1/jobs/${id}/events`, ACME, undefined, (events) => {
    if (events.length > 0) opened();
  });
  await first;
  assert.equal(await subscribers(), 1);
  await w.app.close();
  const ended = await open;
  assert.equal(ended.res.statusCode, 200);
  assert.equal(ended.events.length, 1, 'only the current state: nothing happened');
});

test('GET /v1/jobs pages with a cursor, newest first, and filters by status', async (t) => {
  const w = await world(t);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: Buffer.from(await makePdf(1)).toString('base64'), pages: String(i + 1) } });
    ids.push((res.json() as { id: string }).id);
  }
  const first = (await w.app.inject({ method: 'GET', url: '/v1/jobs?limit=2', headers: ACME })).json() as { jobs: Array<{ id: string }>; nextCursor?: string };
  assert.deepEqual(first.jobs.map((j) => j.id), [ids[2], ids[1]]);
  assert.ok(first.nextCursor);
  const second = (await w.app.inject({ method: 'GET', url: `/v1/jobs?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`, headers: ACME })).json() as { jobs: Array<{ id: string }>; nextCursor?: string };
  assert.deepEqual(second.jobs.map((j) => j.id), [ids[0]]);
  assert.equal(second.nextCursor, undefined);
  assert.equal(((await w.app.inject({ method: 'GET', url: '/v1/jobs?status=queued', headers: ACME })).json() as { jobs: unknown[] }).jobs.length, 3);
  assert.deepEqual(((await w.app.inject({ method: 'GET', url: '/v1/jobs?status=succeeded', headers: ACME })).json() as { jobs: unknown[] }).jobs, []);
  assert.equal((await w.app.inject({ method: 'GET', url: '/v1/jobs?status=done', headers: ACME })).statusCode, 400);
});
