// Page transcription: the `page` family (local engine, CPU, pool threads = cores)
// and the `vision` family (model servers over HTTP, high concurrency).
// Run: node --import tsx workers/vision.ts; DOCMILL_WORKER_QUEUES=page or =vision serves one of them.
import { runWorkerProcess, type QueueFamily } from '@docmill/jobs';

const queues = (process.env.DOCMILL_WORKER_QUEUES ?? 'page,vision').split(',').map((q) => q.trim()) as QueueFamily[];
await runWorkerProcess(queues);
