import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDocmillError, optionsHash as jobOptionsHash } from '@docmill/core';
import { JobOptionsSchema } from '@docmill/jobs';
import { toJobOptions } from '../src/options.js';

test('option lang: tesseract codes joined by +, top-level or nested, part of the job fingerprint', () => {
  assert.deepEqual(toJobOptions({ lang: 'deu+fra' }), { lang: 'deu+fra' });
  assert.deepEqual(toJobOptions({}, JSON.stringify({ lang: 'Fraktur', ocr: 'always' })), { ocr: 'always', lang: 'Fraktur' });
  assert.throws(() => toJobOptions({ lang: 'deu fra' }), (e: unknown) => isDocmillError(e) && e.code === 'DOCMILL_ERR_USAGE_BAD_ARGUMENT');
  assert.equal(JobOptionsSchema.safeParse({ lang: 'deu;rm' }).success, false);
  assert.notEqual(jobOptionsHash({ lang: 'deu' }), jobOptionsHash({}));
  assert.equal(jobOptionsHash({ ocr: 'auto' }), jobOptionsHash({}));
});
