import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOpenAIDouble } from '@docmill/vision/testing';
import { ACME, GLOBEX, makePdf, world, type World } from './helpers.js';

/** Submits a PDF for a tenant and waits (on the job's events) until it is final. */
async function converted(w: World, headers: Record<string, string>, bytes: Uint8Array, tenant: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'doc.pdf');
  const res = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers, payload: form as never });
  assert.equal(res.statusCode, 202, res.body);
  const id = (res.json() as { id: string }).id;
  for await (const ev of w.jobs.events(tenant, id)) if (ev.type === 'status' && ['succeeded', 'failed', 'canceled'].includes(ev.job.status)) break;
  return id;
}

async function submitForm(w: World, headers: Record<string, string>, bytes: Uint8Array, tenant: string): Promise<string> {
  return converted(w, headers, bytes, tenant);
}

test('questions: extractive answer with a checked page citation; bad input and other tenants', async (t) => {
  const w = await world(t);
  await w.startWorkers();
  const id = await submitForm(w, ACME, await makePdf(3), 'acme');
  // makePdf: page p is "Chapter p: the <colour> ledger", colours red/green/blue/amber/violet by p % 5.
  const ask = (question: unknown, headers = ACME, job = id) => w.app.inject({ method: 'POST', url: `/v1/jobs/${job}/questions`, headers, payload: { question } });

  const res = await ask('Which chapter is about the blue ledger?');
  assert.equal(res.statusCode, 200, res.body);
  const a = res.json() as { answer: string; citations: Array<{ page: number; quote: string }>; mode: string; note: string };
  assert.equal(a.mode, 'extractive');
  assert.equal(a.citations[0]?.page, 2);
  assert.match(a.note, /No model was asked/);

  const empty = await ask('  ');
  assert.equal(empty.statusCode, 400);
  assert.equal((empty.json() as { error: { code: string } }).error.code, 'DOCMILL_ERR_ASK_EMPTY_QUESTION');
  const long = await ask('q'.repeat(w.config.DOCMILL_MAX_QUESTION_CHARS + 1));
  assert.equal(long.statusCode, 413);
  assert.equal((long.json() as { error: { code: string } }).error.code, 'DOCMILL_ERR_ASK_QUESTION_TOO_LONG');
  const huge = await ask('q'.repeat(10 * 1024 * 1024));
  assert.equal(huge.statusCode, 413, 'a 10 MB question is refused');
  const other = await ask('Which chapter?', GLOBEX);
  assert.equal(other.statusCode, 404);
  assert.equal((other.json() as { error: { code: string } }).error.code, 'DOCMILL_ERR_JOB_NOT_FOUND');
  const unknownField = await w.app.inject({ method: 'POST', url: `/v1/jobs/${id}/questions`, headers: ACME, payload: { question: 'x', temperature: 2 } });
  assert.equal(unknownField.statusCode, 400);

  const failedId = await submitForm(w, ACME, new TextEncoder().encode('%PDF-1.7\nthis is not a PDF body at all\n%%EOF'), 'acme');
  const failed = await ask('Anything?', ACME, failedId);
  assert.equal(failed.statusCode, 409);
  assert.equal((failed.json() as { error: { code: string } }).error.code, 'DOCMILL_ERR_JOB_FAILED');

  assert.equal((await w.app.inject({ method: 'DELETE', url: `/v1/jobs/${id}`, headers: ACME })).statusCode, 204);
  assert.equal((await ask('Which chapter is about the blue ledger?')).statusCode, 404, 'a deleted job');
});

test('questions with a model server (test double): full context, citations checked', async (t) => {
  const double = await startOpenAIDouble({ model: 'm' });
  t.after(() => double.close());
  const w = await world(t, { DOCMILL_OPENAI_BASE_URL: double.baseUrl, DOCMILL_MODEL: 'm' });
  await w.startWorkers();
  const id = await submitForm(w, ACME, await makePdf(2), 'acme');
  double.enqueue({ text: JSON.stringify({ answer: 'The green ledger.', citations: [{ page: 2, quote: 'Chapter 1: the green ledger' }, { page: 1, quote: 'a purple ledger' }] }) });
  const res = await w.app.inject({ method: 'POST', url: `/v1/jobs/${id}/questions`, headers: ACME, payload: { question: 'What is chapter 1 about?' } });
  assert.equal(res.statusCode, 200, res.body);
  const a = res.json() as { mode: string; citations: Array<{ page: number; quote: string }>; model: string };
  assert.equal(a.mode, 'full-context');
  assert.equal(a.model, 'm');
  assert.deepEqual(a.citations, [{ page: 1, quote: 'Chapter 1: the green ledger' }], 'moved to the right page; the invented quote dropped');
  const sent = double.chatRequests.at(-1)!;
  assert.deepEqual([...sent.text.matchAll(/<page number="(\d+)">/g)].map((m) => Number(m[1])), [1, 2]);
});

test('chunks as JSON lines; search across a tenant\'s jobs, isolated, updated on delete', async (t) => {
  const w = await world(t);
  await w.startWorkers();
  const a = await submitForm(w, ACME, await makePdf(3), 'acme');
  const g = await submitForm(w, GLOBEX, await makePdf(4), 'globex');

  const chunks = await w.app.inject({ method: 'GET', url: `/v1/jobs/${a}/chunks?max_chars=300`, headers: ACME });
  assert.equal(chunks.statusCode, 200);
  assert.match(String(chunks.headers['content-type']), /^application\/x-ndjson/);
  const lines = chunks.body.trim().split('\n').map((l) => JSON.parse(l) as { id: string; pages: number[]; headingPath: string[]; text: string });
  assert.ok(lines.length >= 3);
  for (const c of lines) assert.ok(c.text.length <= 300 && c.pages.length >= 1);
  assert.deepEqual([...new Set(lines.flatMap((c) => c.pages))], [1, 2, 3]);
  assert.equal((await w.app.inject({ method: 'GET', url: `/v1/jobs/${a}/chunks`, headers: GLOBEX })).statusCode, 404);

  const search = async (q: string, headers = ACME) => {
    const r = await w.app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(q)}&limit=5`, headers });
    assert.equal(r.statusCode, 200, r.body);
    return (r.json() as { hits: Array<{ jobId: string; page: number; snippet: string; highlights: Array<[number, number]> }> }).hits;
  };
  const hits = await search('blue ledger');
  assert.ok(hits.length > 0);
  assert.ok(hits.every((h) => h.jobId === a), 'only acme\'s job');
  assert.equal(hits[0]!.page, 2);
  const [s, e] = hits[0]!.highlights[0]!;
  assert.match(hits[0]!.snippet.slice(s, e).toLowerCase(), /^(blue|ledger)$/);
  assert.ok((await search('amber ledger', GLOBEX)).every((h) => h.jobId === g));

  assert.equal((await w.app.inject({ method: 'DELETE', url: `/v1/jobs/${a}`, headers: ACME })).statusCode, 204);
  assert.deepEqual(await search('blue ledger'), [], 'a deleted job is gone from search at once');
  const bad = await w.app.inject({ method: 'GET', url: '/v1/search?q=', headers: ACME });
  assert.equal(bad.statusCode, 400);
});
