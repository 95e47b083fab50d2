// Page transcription: the `page` family (local engine, CPU, pool threads = cores)
// and the `vision` family (model servers over HTTP, high concurrency; engines
// from DOCMILL_OPENAI_BASE_URL / MISTRAL_API_KEY).
// Run: node --import @docmill/core/loader workers/vision.ts; DOCMILL_WORKER_QUEUES=page or =vision serves one of them.
import { loadConfig, type VisionEngine } from '@docmill/core';
import { runWorkerProcess, type QueueFamily } from '@docmill/jobs';
import { engineFromConfig } from '@docmill/vision';

const queues = (process.env.DOCMILL_WORKER_QUEUES ?? 'page,vision').split(',').map((q) => q.trim()) as QueueFamily[];
const config = loadConfig();
// One engine per name for the whole process, so that its per-server concurrency is global.
const engines = new Map<string, VisionEngine>();
const vision = (name: 'openai' | 'mistral'): VisionEngine => {
  let engine = engines.get(name);
  if (!engine) engines.set(name, (engine = engineFromConfig(config, name)));
  return engine;
};
await runWorkerProcess(queues, { vision, config });
