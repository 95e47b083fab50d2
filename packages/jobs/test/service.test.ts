import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertDocument } from '@docmill/pipeline';
import type { DocumentResult } from '@docmill/core';
import { follow, harness, makeDocument, brokenPdf } from './fixtures.js';

/** A result without what legitimately differs between two runs (wall-clock seconds). */
function comparable(doc: DocumentResult): unknown {
  return { ...doc, usage: { ...doc.usage, seconds: 0 } };
}

test('a multi-page PDF goes submit → events → result, identical to the in-process convertDocument', async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const bytes = await makeDocument(5);
  const job = await h.service.submit({ tenant: 'acme', bytes, filename: 'report.pdf', options: {} });
  assert.equal(job.status, 'queued');
  assert.equal(job.filename, 'report.pdf');

  const { events, final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'succeeded', JSON.stringify(final.error));
  assert.deepEqual(final.progress, { pagesDone: 5, pagesTotal: 5 });
  assert.equal(events[0]?.type, 'status', 'the current state comes first');
  const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress.pagesDone] : []));
  assert.ok(progress.length >= 1 && progress.at(-1) === 5, `progress events: ${progress.join(',')}`);
  assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes back');
  assert.ok(final.timings.totalMs !== undefined && final.timings.ingestMs !== undefined);
  assert.equal(final.usage?.pages, 5);

  const viaQueue = await h.service.result('acme', job.id);
  const inProcess = await convertDocument(bytes, { concurrency: 2 });
  assert.deepEqual(comparable(viaQueue), comparable(inProcess));
  assert.equal(await h.service.markdown('acme', job.id), inProcess.markdown);
  assert.match(inProcess.markdown, /Section 3/);
  assert.deepEqual(await h.service.page('acme', job.id, 2), inProcess.pages[1]);

  // The manifest is there and says succeeded; the record is listed.
  const manifest = JSON.parse((await h.store.get(`jobs/${job.id}/manifest.json`))!.toString('utf8'));
  assert.equal(manifest.status, 'succeeded');
  assert.equal(manifest.pages.length, 5);
  const { jobs } = await h.service.list('acme');
  assert.deepEqual(jobs.map((j) => j.id), [job.id]);
  // Another tenant sees nothing.
  await assert.rejects(h.service.get('other', job.id), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });
  await assert.rejects(h.service.result('other', job.id), { code: 'DOCMILL_ERR_JOB_NOT_FOUND' });
  assert.deepEqual((await h.service.list('other')).jobs, []);
});

test('a broken PDF fails at once with its coded error, without retries', async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const job = await h.service.submit({ tenant: 'acme', bytes: brokenPdf(), options: {} });
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'failed');
  assert.equal(final.error?.code, 'DOCMILL_ERR_PDF_CORRUPT', JSON.stringify(final.error));
  const ingestJob = await h.service.ctx.queue('ingest').getJob(job.id);
  assert.ok(ingestJob);
  assert.equal(ingestJob.attemptsMade, 1, 'an unrecoverable input error is not retried');
  assert.equal(await ingestJob.getState(), 'failed');
  await assert.rejects(h.service.result('acme', job.id), { code: 'DOCMILL_ERR_JOB_FAILED' });
});
