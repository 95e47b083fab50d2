import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jobs from '../src/index.js';

test('public API of @docmill/jobs is pinned', () => {
  assert.deepEqual(Object.keys(jobs).sort(), [
    'AnswerPayload', 'AssemblePayload', 'CATALOGUE', 'FINAL_STATUSES', 'IngestInfoSchema', 'IngestPayload', 'JobOptionsSchema',
    'JobService', 'PagePayload', 'QUEUE_FAMILIES', 'WebhookPayload', 'checkPayload', 'closeOnSignals', 'copyResult',
    'defaultConcurrency', 'isJobId', 'jobOptionsFor', 'manifestOf', 'parsePayload', 'publicOptions',
    'runWorkerProcess', 'signWebhook', 'startWorkers', 'testFaultsEnabled', 'unrecoverable', 'verifyWebhook',
    'workerSettingsFromEnv', 'writeResult',
  ]);
});
