/**
 * Questions over documents, measured: retrieval recall@3 of the answer's page
 * (BM25 over page passages, the ranking that retrieval mode and image picking
 * use) and the page accuracy of the extractive answer (engine 'local': is the
 * first cited page one that holds the answer?).
 *
 *   node --import @docmill/core/loader bench/ask.ts [--fresh]
 *
 * The documents are converted with convertDocument (engine local) and cached
 * in $TMPDIR/docmill-bench-ask/<sha256>.json (--fresh reconverts). The corpus
 * documents come from /work/shared/corpus (not part of the repository); the
 * question set and the pages holding each answer were written by reading the
 * converted pages. No model is called.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, sha256, type DocumentResult } from '@docmill/core';
import { closeCachedSources, convertDocument } from '@docmill/pipeline';
import { askDocument, PassageIndex } from '@docmill/ask';

interface Question {
  q: string;
  /** 1-based pages that hold the answer (any of them counts). */
  pages: number[];
}

const root = new URL('..', import.meta.url).pathname;
const corpus = join(root, '../shared/corpus');

const SET: Array<{ file: string; questions: Question[] }> = [
  {
    file: join(corpus, 'pdfjs/pdf/tracemonkey.pdf'),
    questions: [
      { q: 'What is the oracle consulted for when compiling loops?', pages: [5] },
      { q: 'What kind of garbage collector does SpiderMonkey use?', pages: [8] },
      { q: 'Why does the VM need to preempt the user program periodically?', pages: [9] },
      { q: 'Which agency sponsored parts of this effort under grants?', pages: [13] },
      { q: 'On how many of the 26 SunSpider benchmarks is TraceMonkey the fastest VM?', pages: [10, 12] },
      { q: 'Which benchmark got the 25x speedup?', pages: [10, 11] },
      { q: 'What does the soft-float filter do?', pages: [8] },
      { q: 'How does the register allocator pick a value to spill?', pages: [8] },
      { q: 'What is Psyco?', pages: [12] },
      { q: 'What is trace stitching?', pages: [9] },
      { q: 'How are type-unstable loops handled?', pages: [5, 6] },
      { q: 'What is LuaJIT?', pages: [12] },
    ],
  },
  {
    file: join(corpus, 'pdfjs/pdf/TAMReview.pdf'),
    questions: [
      { q: 'Who proposed the Technology Acceptance Model, and where?', pages: [2] },
      { q: 'How are perceived usefulness and perceived ease of use defined?', pages: [6] },
      { q: 'How many experienced computer users were interviewed in the pretesting phase?', pages: [6] },
      { q: 'Who proposed TAM2?', pages: [15] },
      { q: 'How many knowledge workers took part in the TAM2 field study?', pages: [15] },
      { q: 'Why is self-reported use data a weakness of TAM studies?', pages: [17] },
      { q: 'Which five applications did Adams, Nelson and Todd test?', pages: [12] },
      { q: 'Why did Bagozzi call TAM a deterministic model?', pages: [18] },
      { q: 'Has research on TAM reached a saturation level?', pages: [18] },
      { q: 'Who proposed the Theory of Reasoned Action?', pages: [3, 4] },
      { q: 'How many knowledge workers were in Subramanian\'s voice mail study?', pages: [12] },
      { q: 'What changes did Davis make to the Theory of Reasoned Action?', pages: [5] },
    ],
  },
  {
    file: join(root, 'examples/report.pdf'),
    questions: [
      { q: 'How many newspaper pages were converted?', pages: [2] },
      { q: 'What share of the letters needed OCR?', pages: [2] },
      { q: 'What happens to page headers and footers?', pages: [1] },
      { q: 'Why is a two-column layout a trap for naive converters?', pages: [1] },
      { q: 'What makes the archive searchable and citable?', pages: [3] },
      { q: 'Is any page silently dropped?', pages: [2] },
    ],
  },
];

async function load(file: string, fresh: boolean): Promise<DocumentResult> {
  const bytes = new Uint8Array(await readFile(file));
  const dir = join(tmpdir(), 'docmill-bench-ask');
  const cached = join(dir, `${sha256(bytes)}.json`);
  if (!fresh && existsSync(cached)) return JSON.parse(await readFile(cached, 'utf8')) as DocumentResult;
  const doc = await convertDocument(bytes, { path: file, config: loadConfig() });
  await mkdir(dir, { recursive: true });
  await writeFile(cached, JSON.stringify(doc));
  return doc;
}

/** All loaded documents' pages as one long document (a binder), for retrieval in a bigger haystack. */
function binder(docs: DocumentResult[]): { doc: DocumentResult; offsets: number[] } {
  const offsets: number[] = [];
  const pages: DocumentResult['pages'] = [];
  for (const d of docs) {
    offsets.push(pages.length);
    for (const p of d.pages) pages.push({ ...p, index: pages.length });
  }
  const first = docs[0]!;
  return { doc: { ...first, pages, markdown: pages.map((p) => p.markdown).join('\n\n'), source: { ...first.source, pages: pages.length } }, offsets };
}

const fresh = process.argv.includes('--fresh');
const loaded: Array<{ doc: DocumentResult; questions: Question[] }> = [];
let total = 0;
let at1 = 0;
let at3 = 0;
let extractiveRight = 0;
let extractiveAny = 0;
for (const { file, questions } of SET) {
  if (!existsSync(file)) {
    console.log(`skipped ${file} (not found)`);
    continue;
  }
  const t0 = performance.now();
  const doc = await load(file, fresh);
  loaded.push({ doc, questions });
  const name = file.split('/').pop();
  console.log(`\n${name}: ${doc.pages.length} pages (${Math.round(performance.now() - t0)} ms to load/convert)`);
  const index = new PassageIndex(doc);
  for (const { q, pages } of questions) {
    const top = index.rankPages(q).slice(0, 3).map((r) => r.page);
    const a = await askDocument(doc, q, { engine: 'local' });
    const cited = a.citations.map((c) => c.page);
    const r1 = top[0] !== undefined && pages.includes(top[0]);
    const r3 = top.some((p) => pages.includes(p));
    const ex = cited[0] !== undefined && pages.includes(cited[0]);
    total++;
    if (r1) at1++;
    if (r3) at3++;
    if (ex) extractiveRight++;
    if (cited.some((p) => pages.includes(p))) extractiveAny++;
    console.log(`  ${r3 ? 'hit ' : 'MISS'} ${ex ? 'ok ' : 'BAD'}  answer p.${pages.join('/')}  top3 ${top.join(',') || '-'}  cited ${cited.join(',') || '-'}  ${q}`);
  }
}
await closeCachedSources();
const pct = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`;
console.log(`\n${total} questions`);
console.log(`retrieval recall@1 of the answer page: ${at1}/${total} = ${pct(at1)}`);
console.log(`retrieval recall@3 of the answer page: ${at3}/${total} = ${pct(at3)}`);
console.log(`extractive answer, first cited page right: ${extractiveRight}/${total} = ${pct(extractiveRight)}`);
console.log(`extractive answer, some cited page right: ${extractiveAny}/${total} = ${pct(extractiveAny)}`);

// The same questions against all documents bound into one (every page a distractor for the others' questions).
const { doc: all, offsets } = binder(loaded.map((l) => l.doc));
const allIndex = new PassageIndex(all);
let bound3 = 0;
let boundEx = 0;
for (const [i, { questions }] of loaded.entries()) {
  for (const { q, pages } of questions) {
    const want = pages.map((p) => p + offsets[i]!);
    if (allIndex.rankPages(q).slice(0, 3).some((r) => want.includes(r.page))) bound3++;
    const a = await askDocument(all, q, { engine: 'local' });
    if (a.citations[0] && want.includes(a.citations[0].page)) boundEx++;
  }
}
console.log(`\nall documents bound into one (${all.pages.length} pages):`);
console.log(`retrieval recall@3 of the answer page: ${bound3}/${total} = ${pct(bound3)}`);
console.log(`extractive answer, first cited page right: ${boundEx}/${total} = ${pct(boundEx)}`);

// The shared search index on Redis: index the documents as many jobs, then time searches.
{
  const { Redis } = await import('ioredis');
  const { SearchIndex, chunkDocument } = await import('@docmill/ask');
  const url = process.env.DOCMILL_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const prefix = `docmill-bench-ask-${process.pid}`;
    const index = new SearchIndex({ redis, prefix });
    const copies = 50;
    const chunkSets = loaded.map((l) => chunkDocument(l.doc));
    const t0 = performance.now();
    let chunkCount = 0;
    for (let c = 0; c < copies; c++) {
      for (const [i, chunks] of chunkSets.entries()) {
        await index.add('bench', `job-${c}-${i}`, chunks);
        chunkCount += chunks.length;
      }
    }
    const addMs = performance.now() - t0;
    const queries = loaded.flatMap((l) => l.questions.map((q) => q.q));
    const t1 = performance.now();
    for (const q of queries) await index.search('bench', q, 10);
    const searchMs = (performance.now() - t1) / queries.length;
    console.log(`\nsearch index (${url}): ${copies * chunkSets.length} jobs, ${chunkCount} chunks added in ${Math.round(addMs)} ms (${(addMs / (copies * chunkSets.length)).toFixed(1)} ms a job); mean search ${searchMs.toFixed(1)} ms over ${queries.length} queries`);
    await index.dropTenant('bench');
  } catch (e) {
    console.log(`\nsearch index: skipped (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    redis.disconnect();
  }
}
