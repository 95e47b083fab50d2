// The webhook family: signed deliveries of final job states, retried with backoff.
// Run: node --import @docmill/core/loader workers/webhook.ts
import { runWorkerProcess } from '@docmill/jobs';

await runWorkerProcess(['webhook']);
