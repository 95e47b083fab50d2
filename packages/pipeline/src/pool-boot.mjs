// Bootstraps a pool thread: docmill's TypeScript loader, then the real worker module.
import { workerData } from 'node:worker_threads';
import '@docmill/core/loader';

await import(workerData.impl);
