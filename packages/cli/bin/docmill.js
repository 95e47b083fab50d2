#!/usr/bin/env node
// docmill's command line. TypeScript sources run through docmill's own loader
// hooks (esbuild, cached by content): no build step.
import '@docmill/core/loader';

// Note: `docmill --help | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
