#!/usr/bin/env node
// docmill's command line. TypeScript sources run through docmill's own loader
// hooks (esbuild, cached by content): no build step.
import '@docmill/core/loader';

const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
