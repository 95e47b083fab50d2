// Regenerates the example inputs shipped in examples/ (made by us, Apache-2.0 like the code):
//   node --import @docmill/core/loader scripts/make-examples.ts
import { writeFile, mkdir } from 'node:fs/promises';
import { makeReport, makeScannedPage } from '@docmill/fixtures';

const dir = new URL('../examples/', import.meta.url);
await mkdir(dir, { recursive: true });
await writeFile(new URL('report.pdf', dir), await makeReport());
await writeFile(new URL('scanned-letter.pdf', dir), await makeScannedPage());
process.stderr.write('examples written\n');
