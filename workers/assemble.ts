// The assemble family: page drafts → the finished document in the store.
// Run: node --import @docmill/core/loader workers/assemble.ts
import { runWorkerProcess } from '@docmill/jobs';

await runWorkerProcess(['assemble']);
