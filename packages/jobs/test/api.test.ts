import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jobs from '../src/index.js';

test('public API of @docmill/jobs is pinned', () => {
  assert.deepEqual(Object.keys(jobs).sort(), [
    'AnswerPayload', 'AssemblePayload', 'CAPPED_BACKOFF_MAX_MS', 'CATALOGUE', 'FINAL_STATUSES', 'IngestInfoSchema', 'IngestPayload',
    'JobOptionsSchema', 'JobService', 'PagePayload', 'QUEUE_FAMILIES', 'WEBHOOK_TOLERANCE_S', 'WebhookPayload', 'assembleAttempts', 'cappedBackoff',
    'checkPayload', 'closeOnSignals', 'copyResult', 'defaultConcurrency', 'isJobId', 'jobOptionsFor', 'manifestOf', 'pagePriority',
    'parsePayload', 'publicOptions', 'runWorkerProcess', 'signWebhook', 'startWorkers', 'testFaultsEnabled', 'unrecoverable', 'verifyWebhook',
    'workerSettingsFromEnv', 'writeResult',
  ]);
});
