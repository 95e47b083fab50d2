// The ingest family: validate and open inputs, fan out page jobs.
// Run: node --import @docmill/core/loader workers/ingest.ts (env: DOCMILL_REDIS_URL, DOCMILL_STORE, DOCMILL_QUEUE_PREFIX)
import { runWorkerProcess } from '@docmill/jobs';

await runWorkerProcess(['ingest']);
