// Tuning aid: prints the raw blocks of one page as JSON lines.
import { readFileSync } from 'node:fs';
import { openPdf } from '@docmill/pdf';
import { layoutPage } from '../src/index.js';
const [file, pg] = process.argv.slice(2);
const doc = await openPdf(new Uint8Array(readFileSync(file!)));
const p = await doc.getPage(Number(pg) - 1);
const { page } = await p.extractText();
console.log('page', page.width, page.height);
for (const b of layoutPage(page)) console.log(JSON.stringify({ ...b, text: b.text.slice(0, 60), inlines: undefined }));
await doc.close();
