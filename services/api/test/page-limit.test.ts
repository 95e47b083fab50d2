import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME, followSse, makePdf, world } from './helpers.js';

// Note: the page limit is the ingest worker's (DOCMILL_MAX_PAGES of the configuration
// its process loaded, given to startWorkers), not the API's.

test('page count over DOCMILL_MAX_PAGES: the job fails at ingest with INPUT_TOO_MANY_PAGES (413 in the catalogue)', async (t) => {
  const w = await world(t, { DOCMILL_MAX_PAGES: '2' });
  await w.startWorkers();
  const base = await w.listen();
  const posted = await fetch(`${base}/v1/jobs`, {
    method: 'POST',
    headers: { ...ACME, 'content-type': 'application/json' },
    body: JSON.stringify({ document_base64: Buffer.from(await makePdf(3)).toString('base64') }),
  });
  assert.equal(posted.status, 202);
  const { id } = (await posted.json()) as { id: string };
  const { events } = await followSse(`${base}/v1/jobs/${id}/events`, ACME);
  const final = JSON.parse(events.at(-1)!.data) as { status: string; error: { code: string; message: string } };
  assert.equal(final.status, 'failed');
  assert.equal(final.error.code, 'DOCMILL_ERR_INPUT_TOO_MANY_PAGES');
  const result = await fetch(`${base}/v1/jobs/${id}/result`, { headers: ACME });
  assert.equal(result.status, 409);
  const body = (await result.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'DOCMILL_ERR_JOB_FAILED');
  assert.match(body.error.message, /INPUT_TOO_MANY_PAGES/);
  // Two pages are within the limit.
  const ok = await w.app.inject({ method: 'POST', url: '/v1/jobs', headers: ACME, payload: { document_base64: Buffer.from(await makePdf(2)).toString('base64') } });
  let status = '';
  for await (const ev of w.jobs.events('acme', (ok.json() as { id: string }).id)) if (ev.type === 'status') status = ev.job.status;
  assert.equal(status, 'succeeded');
});
