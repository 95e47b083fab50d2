// Bootstraps a pool thread: TypeScript through tsx, then the real worker module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.impl);
