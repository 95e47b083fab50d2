#!/usr/bin/env node
// docmill's command line. TypeScript runs through tsx: no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
