#!/usr/bin/env node
// A stand-in for `docmill convert` that bench/fidelity.ts can run (`--docmill bench/fidelity/standin.mjs`) to check a
// fidelity set without docmill: it writes, for each PDF of <in dir>, <out dir>/<stem>.md holding either the set's
// reference Markdown (FIDELITY_STANDIN=reference, the default; pdftotext's text where a PDF has no reference) or
// pdftotext's text (FIDELITY_STANDIN=pdftotext). It never runs docmill. A set written blind is checked this way:
// every test and heading of a document with a reference must pass on that reference, and every `absent` string
// must occur in pdftotext's text (so that it is furniture that is really printed, not a typo).
//   FIDELITY_STANDIN=reference node --import @docmill/core/loader bench/fidelity.ts --set heldout3 --docmill bench/fidelity/standin.mjs
// The set's folder is found from the PDFs' symlinks (fidelity.ts links <set>/pdf/<name>.pdf into <in dir>).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const args = process.argv.slice(2);
const out = args[args.indexOf('-o') + 1];
const input = args[1];
if (args[0] !== 'convert' || !input || !out || args.indexOf('-o') < 0) {
  process.stderr.write('usage: standin.mjs convert <dir of PDFs> -o <out dir> [-q] [--force]\n');
  process.exit(2);
}
const mode = process.env.FIDELITY_STANDIN ?? 'reference';
if (mode !== 'reference' && mode !== 'pdftotext') {
  process.stderr.write(`FIDELITY_STANDIN must be reference or pdftotext, not ${mode}\n`);
  process.exit(2);
}
mkdirSync(out, { recursive: true });
for (const name of readdirSync(input).filter((f) => f.toLowerCase().endsWith('.pdf'))) {
  const pdf = realpathSync(join(input, name));
  const stem = basename(name).replace(/\.pdf$/i, '');
  const ref = join(dirname(dirname(pdf)), 'reference', `${stem}.md`);
  const md = mode === 'reference' && existsSync(ref)
    ? readFileSync(ref, 'utf8')
    : execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  writeFileSync(join(out, `${stem}.md`), md);
}
