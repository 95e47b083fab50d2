// Tuning aid: renders one page to a PNG for comparing with the dumped blocks.
// Usage: node --import @docmill/core/loader packages/layout/bench/render.ts file.pdf page out.png
import { readFileSync, writeFileSync } from 'node:fs';
import { openPdf } from '@docmill/pdf';
const [file, pg, out] = process.argv.slice(2);
const doc = await openPdf(new Uint8Array(readFileSync(file!)));
const p = await doc.getPage(Number(pg) - 1);
const img = await p.render({ dpi: 60 });
writeFileSync(out!, img.data);
await doc.close();
