import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnrecoverableError } from 'bullmq';
import { CATALOGUE, CAPPED_BACKOFF_MAX_MS, QUEUE_FAMILIES, assembleAttempts, cappedBackoff, checkPayload, parsePayload, publicOptions, JobOptionsSchema } from '../src/index.js';
import { harness } from './fixtures.js';

const sha = 'ab'.repeat(32);

test('every family has a payload schema and a retry policy with backoff and jitter (exponential; capped for assemble)', () => {
  for (const f of QUEUE_FAMILIES) {
    const { policy } = CATALOGUE[f];
    assert.ok(policy.attempts >= 2, f);
    assert.equal(policy.backoff.type, f === 'assemble' ? 'capped' : 'exponential', f);
    assert.ok(policy.backoff.jitter > 0 && policy.backoff.jitter <= 1, f);
  }
});

test('row 6: assemble retries span DOCMILL_ASSEMBLE_RETRY_MS with waits doubling up to 30 s', () => {
  assert.equal(assembleAttempts(0), 1);
  assert.equal(assembleAttempts(3000), 3, '1 s + 2 s');
  // 1+2+4+8+16 = 31 s, then 30 s each: ten minutes need 5 + 19 waits.
  assert.equal(assembleAttempts(600_000), 25);
  for (let n = 1; n < 12; n++) {
    const d = cappedBackoff(n, 1000, 0.5);
    const full = Math.min(CAPPED_BACKOFF_MAX_MS, 1000 * 2 ** (n - 1));
    assert.ok(d <= full && d >= full / 2, `attempt ${n}: ${d} ms`);
  }
});

test('payloads are validated: a bad one is rejected with the field named', () => {
  const good = { jobId: 'j1', sha256: sha, options: {}, index: 0, total: 3 };
  assert.deepEqual(checkPayload('page', good), good);
  assert.throws(() => checkPayload('page', { ...good, index: -1 }), (e: unknown) => (e as { code?: string }).code === 'DOCMILL_ERR_USAGE_BAD_ARGUMENT' && /index/.test((e as Error).message));
  assert.throws(() => checkPayload('page', { ...good, sha256: 'zz' }), /sha256/);
  assert.throws(() => checkPayload('page', { ...good, extra: 1 }), /Bad page payload/);
  assert.throws(() => checkPayload('ingest', { jobId: 'j1', tenant: 't', sha256: sha, options: { engine: 'gpt' }, submittedAt: 1 }), /options\.engine/);
  assert.throws(() => checkPayload('webhook', { jobId: 'j1', tenant: 't', url: 'not a url', event: 'job.succeeded', body: '{}' }), /url/);
  // On dequeue the same schema answers with UnrecoverableError (a retry cannot fix a payload).
  assert.throws(() => parsePayload('page', { ...good, total: 0 }), (e: unknown) => e instanceof UnrecoverableError && /DOCMILL_ERR_USAGE_BAD_ARGUMENT/.test((e as Error).message));
});

test('a bad payload is rejected on enqueue and nothing reaches the queue', async (t) => {
  const h = await harness(t);
  await assert.rejects(
    h.service.ctx.enqueue('page', { jobId: 'j1', sha256: sha, options: {}, index: 0, total: 0 }),
    { code: 'DOCMILL_ERR_USAGE_BAD_ARGUMENT' },
  );
  const counts = await h.service.ctx.queue('page').getJobCounts('waiting', 'delayed', 'prioritized');
  assert.equal((counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0), 0);
  await h.service.ctx.enqueue('page', { jobId: 'j1', sha256: sha, options: {}, index: 0, total: 1 }, { jobId: 'j1-p0' });
  const job = await h.service.ctx.queue('page').getJob('j1-p0');
  assert.equal(job?.opts.attempts, CATALOGUE.page.policy.attempts, 'the policy travels with the job');
  assert.deepEqual(job?.opts.backoff, CATALOGUE.page.policy.backoff);
});

test('submit validates options and refuses unknown ones', async (t) => {
  const h = await harness(t);
  const bytes = new Uint8Array([1]);
  await assert.rejects(h.service.submit({ tenant: 'a', bytes, options: { ocr: 'sometimes' } as never }), { code: 'DOCMILL_ERR_USAGE_BAD_ARGUMENT' });
  await assert.rejects(h.service.submit({ tenant: 'a', bytes, options: { colour: true } as never }), { code: 'DOCMILL_ERR_USAGE_BAD_ARGUMENT' });
  await assert.rejects(h.service.submit({ tenant: 'a', bytes, options: {}, callback: { url: 'ftp://x', secret: 's' } }), { code: 'DOCMILL_ERR_USAGE_BAD_ARGUMENT' });
  assert.equal((await h.service.list('a')).jobs.length, 0);
});

test('job options are the document options plus test hooks; public options hide the password and the hooks', () => {
  assert.throws(() => JobOptionsSchema.parse({ lang: 'x', nonsense: 1 }));
  assert.deepEqual(publicOptions(JobOptionsSchema.parse({ password: 'x', pages: '2', _pageDelayMs: 5 })), { pages: '2' });
});
