import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME, makePdf, world } from './helpers.js';
import { sanitizeFilename } from '../src/routes/submit.js';

// Issue 15 row 8: what the submit route accepts.

async function multipart(w: Awaited<ReturnType<typeof world>>, fields: Record<string, string>, name = 'report.pdf', bytes?: Uint8Array, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([bytes ?? (await makePdf(1))]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const encoded = new Response(form);
  return w.app.inject({
    method: 'POST', url: '/v1/jobs',
    headers: { ...ACME, ...headers, 'content-type': encoded.headers.get('content-type')! },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
}

test('row 8: an unknown multipart field is refused (400) like an unknown JSON field; nothing is queued', async (t) => {
  const w = await world(t);
  const typo = await multipart(w, { page: '1' });
  assert.equal(typo.statusCode, 400, typo.body);
  assert.equal((typo.json() as { error: { code: string; message: string } }).error.code, 'DOCMILL_ERR_USAGE_BAD_ARGUMENT');
  assert.match((typo.json() as { error: { message: string } }).error.message, /additional properties|page/i);
  assert.equal((await multipart(w, { pages: '1' })).statusCode, 202, 'the right name passes');
  assert.equal((await w.jobs.list('acme')).jobs.length, 1);
});

test('row 8: filenames are sanitised, capped and documented in the OpenAPI document', async (t) => {
  const w = await world(t);
  const sneaky = await multipart(w, {}, 'C:\\Users\\eve\\..\\invoice\u202Efdp.exe');
  assert.equal(sneaky.statusCode, 202, sneaky.body);
  assert.equal((sneaky.json() as { filename: string }).filename, 'invoicefdp.exe');
  const long = await multipart(w, { filename: `../../${'é'.repeat(254)}.pdf` });
  assert.equal(long.statusCode, 400, 'a filename field over 255 characters is refused');
  const named = await multipart(w, { filename: `../../etc/${'a'.repeat(200)}.pdf` });
  assert.equal((named.json() as { filename: string }).filename, `${'a'.repeat(200)}.pdf`);
  assert.equal(sanitizeFilename('x'.repeat(300))?.length, 255, 'a header filename is cut, not refused');
  assert.equal(sanitizeFilename('\u0000\u0007'), undefined);
  assert.equal(sanitizeFilename('a\tb\n c.pdf'), 'a b c.pdf');

  const spec = (await w.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: { properties: Record<string, { maxLength?: number }>; additionalProperties?: boolean } }> } } }>;
  };
  const content = spec.paths['/v1/jobs']!.post!.requestBody.content;
  for (const type of ['multipart/form-data', 'application/json']) {
    assert.equal(content[type]!.schema.properties.filename?.maxLength, 255, type);
    assert.equal(content[type]!.schema.additionalProperties, false, type);
  }
});

test('row 8: the same Idempotency-Key with another document or other options → 422 IDEMPOTENCY_MISMATCH', async (t) => {
  const w = await world(t);
  const headers = { 'idempotency-key': 'sha-and-options-1' };
  const a = await makePdf(1);
  const first = await multipart(w, { pages: '1' }, 'a.pdf', a, headers);
  assert.equal(first.statusCode, 202);
  const same = await multipart(w, { pages: '1' }, 'renamed.pdf', a, headers);
  assert.equal(same.statusCode, 200, 'the same bytes and options under another name: the same request');
  assert.equal((same.json() as { id: string }).id, (first.json() as { id: string }).id);
  const otherFile = await multipart(w, { pages: '1' }, 'a.pdf', await makePdf(2), headers);
  assert.equal(otherFile.statusCode, 422, otherFile.body);
  assert.equal((otherFile.json() as { error: { code: string } }).error.code, 'DOCMILL_ERR_IDEMPOTENCY_MISMATCH');
  const otherOptions = await multipart(w, { pages: '1', ocr: 'never' }, 'a.pdf', a, headers);
  assert.equal(otherOptions.statusCode, 422);
  assert.equal((await w.jobs.list('acme')).jobs.length, 1, 'no second job');
});
