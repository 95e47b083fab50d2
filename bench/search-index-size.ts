// Redis memory of the search index per page, on real documents:
//   node --import @docmill/core/loader bench/search-index-size.ts [pdf …]
// Converts each PDF in-process (local engine), chunks it as the job system does,
// indexes it in a fresh tenant of a private prefix on DOCMILL_REDIS_URL (default
// 127.0.0.1:6379) and sums MEMORY USAGE (SAMPLES 0) of the index's keys: each
// document alone in a tenant, then all of them in one tenant. Keys are deleted afterwards.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { SearchIndex, chunkDocument, type Chunk } from '@docmill/ask';
import { PagePool, convertDocument } from '@docmill/pipeline';
import { deleteKeys } from '@docmill/fixtures';

const corpus = new URL('../../../shared/corpus/', import.meta.url).pathname;
const files = process.argv.slice(2).length ? process.argv.slice(2) : [
  `${corpus}pdfjs/pdf/tracemonkey.pdf`, `${corpus}pdfjs/pdf/TAMReview.pdf`, `${corpus}pypdf/pdf/GeoTopo-komprimiert.pdf`,
];
const redis = new Redis(process.env.DOCMILL_REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `dmsize-${randomBytes(4).toString('hex')}`;
// As the job system runs it: chunk text read back from the store (here: from memory) for snippets, not kept in Redis.
const texts = new Map<string, Chunk[]>();
const index = new SearchIndex({ redis, prefix: `${prefix}:search`, chunks: async (jobId) => texts.get(jobId) });
const pool = new PagePool({ size: 2 });

async function bytesOf(match: string): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) total += Number(await redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '0'));
  } while (cursor !== '0');
  return total;
}

try {
  const docs = [];
  for (const f of files) {
    const doc = await convertDocument(new Uint8Array(readFileSync(f)), { pool });
    docs.push({ name: f.split('/').pop()!, pages: doc.pages.length, chars: doc.markdown.length, chunks: chunkDocument(doc) });
  }
  let allPages = 0;
  for (const [i, d] of docs.entries()) {
    texts.set(`job${i}`, d.chunks);
    await index.add(`alone${i}`, `job${i}`, d.chunks);
    const b = await bytesOf(`${prefix}:search:*{alone${i}}*`);
    allPages += d.pages;
    console.log(`${d.name}: ${d.pages} pages, ${d.chunks.length} chunks, ${d.chars} Markdown chars; index alone ${b} B = ${(b / d.pages / 1024).toFixed(2)} KB/page`);
  }
  for (const [i, d] of docs.entries()) await index.add('all', `job${i}`, d.chunks);
  const b = await bytesOf(`${prefix}:search:*{all}*`);
  console.log(`all ${docs.length} documents in one tenant: ${allPages} pages, ${b} B = ${(b / allPages / 1024).toFixed(2)} KB/page`);
  const hits = await index.search('all', 'trace compilation loop', 3);
  console.log(`a search: ${hits.map((h) => `${h.jobId} p${h.page} "${h.snippet.slice(0, 60)}…"`).join('; ')}`);
} finally {
  await pool.close();
  await deleteKeys(redis, prefix);
  redis.disconnect();
}
