#!/usr/bin/env node
// A stand-in for the docmill CLI that "converts" each PDF of a fidelity set into that set's reference
// Markdown (reference/<stem>.md beside the set's pdf/ folder), to check a set's tests and references
// against each other: every test of a document with a reference must pass on it.
//   node --import @docmill/core/loader bench/fidelity.ts --set <set> --docmill bench/fidelity/reference-as-docmill.mjs
// It takes the arguments bench/fidelity.ts gives the CLI: convert <input dir> -o <output dir> [flags].
// Documents without a reference get an empty Markdown file.
import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const args = process.argv.slice(2);
const inDir = args[1];
const outDir = args[args.indexOf('-o') + 1];
if (args[0] !== 'convert' || !inDir || !outDir) {
  process.stderr.write('usage: reference-as-docmill.mjs convert <input dir> -o <output dir>\n');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(inDir).filter((f) => f.endsWith('.pdf'))) {
  const pdf = realpathSync(join(inDir, name));
  const stem = basename(name, '.pdf');
  const ref = join(dirname(dirname(pdf)), 'reference', `${stem}.md`);
  if (existsSync(ref)) copyFileSync(ref, join(outDir, `${stem}.md`));
  else writeFileSync(join(outDir, `${stem}.md`), '');
}
