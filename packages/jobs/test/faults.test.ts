import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '@docmill/core';
import { encryptedPdf } from '@docmill/fixtures';
import { follow, harness, closeSharedPool } from './fixtures.js';

// The job system under faults and attacks (issue 15): each test names the row it covers.
process.env.DOCMILL_TEST = '1';
const LIMIT = 180_000;
after(closeSharedPool);

test('row 1: an encrypted PDF converted with its password is never served to a request without it', { timeout: LIMIT }, async (t) => {
  const h = await harness(t);
  await h.startWorkers();
  const password = 'harbour-vault-7';
  const bytes = encryptedPdf({ userPassword: password, ownerPassword: 'owner-pw', text: 'The secret ledger of the harbour office.' });
  const opened = await h.service.submit({ tenant: 'acme', bytes, options: { password } });
  assert.equal((await follow(h.service, 'acme', opened.id)).final.status, 'succeeded');

  // The same tenant, the same bytes, no password: converted anew, and refused by the PDF itself.
  const without = await h.service.submit({ tenant: 'acme', bytes: new Uint8Array(bytes), options: {} });
  assert.equal(without.reused, undefined, 'not a copy of the result opened with the password');
  const { final } = await follow(h.service, 'acme', without.id);
  assert.equal(final.status, 'failed');
  assert.equal(final.error?.code, 'DOCMILL_ERR_PDF_ENCRYPTED');
  await assert.rejects(h.service.markdown('acme', without.id), { code: 'DOCMILL_ERR_JOB_FAILED' });

  // A wrong password is no proof either.
  const wrong = await h.service.submit({ tenant: 'acme', bytes, options: { password: 'guess' } });
  assert.equal(wrong.reused, undefined);
  assert.equal((await follow(h.service, 'acme', wrong.id)).final.error?.code, 'DOCMILL_ERR_PDF_BAD_PASSWORD');
});

test('row 1: with DOCMILL_SECRET_KEY the password waits in Redis sealed, and the job still opens the PDF', { timeout: LIMIT }, async (t) => {
  const secretKey = 'a-deployment-secret-of-some-length';
  const h = await harness(t, { secretKey });
  const password = 'nobody-reads-this-in-the-aof';
  const bytes = encryptedPdf({ userPassword: password, ownerPassword: 'owner-pw', text: 'Sealed at rest.' });
  const job = await h.service.submit({ tenant: 'acme', bytes, options: { password } });
  // What Redis holds (and so what its AOF and snapshots hold) while the job waits.
  const stored = await h.redis.get(h.service.ctx.records.keys.password(job.id));
  assert.ok(stored, 'the password is kept until the job ends');
  assert.ok(!stored.includes(password), 'not in clear');
  const dump = JSON.stringify(await h.redis.hgetall(h.service.ctx.records.keys.job(job.id)));
  assert.ok(!dump.includes(password), 'nor in the record');

  await h.startWorkers({ config: loadConfig({ ...process.env, DOCMILL_SECRET_KEY: secretKey }) });
  const { final } = await follow(h.service, 'acme', job.id);
  assert.equal(final.status, 'succeeded', JSON.stringify(final.error));
  assert.match(await h.service.markdown('acme', job.id), /Sealed at rest/);
  assert.equal(await h.redis.exists(h.service.ctx.records.keys.password(job.id)), 0, 'dropped at the end');
});
