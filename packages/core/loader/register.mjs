// `node --import @docmill/core/loader file.ts` — runs docmill's TypeScript sources on Node 20
// (see hooks.mjs). The CLI, the page threads and `npm test` all start through it.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
