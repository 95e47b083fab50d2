import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { chunkDocument, SearchIndex, type Chunk } from '../src/index.js';
import { searchTerms } from '../src/text.js';
import { filler, makeDoc } from './helpers.js';
import { deleteKeys } from '@docmill/fixtures';

const url = process.env.DOCMILL_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `docmill-test:ask:${randomUUID()}`;
let redis: Redis;
let index: SearchIndex;

before(() => {
  redis = new Redis(url);
  index = new SearchIndex({ redis, prefix });
});
after(async () => {
  // Clean up every key this file made.
  await deleteKeys(redis, prefix);
  await redis.quit();
});

const report = makeDoc([
  { blocks: [{ type: 'heading', level: 1, text: 'Harbour survey' }, { type: 'paragraph', text: `${filler(1, 4)} The harbour holds 412 moorings in the east basin.` }] },
  { blocks: [{ type: 'paragraph', text: `${filler(2, 4)} Dredging of the west basin began in March.` }] },
]);
const minutes = makeDoc([
  { blocks: [{ type: 'paragraph', text: `${filler(3, 4)} The council approved the dredging budget of 3.2 million euros.` }] },
]);

test('add and search: ranked hits with job, page, chunk, snippet and highlight offsets', async () => {
  await index.add('acme', 'job-report', chunkDocument(report, { maxChars: 400 }));
  await index.add('acme', 'job-minutes', chunkDocument(minutes, { maxChars: 400 }));
  const hits = await index.search('acme', 'dredging budget', 10);
  assert.ok(hits.length >= 2);
  assert.deepEqual([hits[0]!.jobId, hits[0]!.page], ['job-minutes', 1], 'the chunk with both words ranks first');
  assert.ok(hits.some((h) => h.jobId === 'job-report' && h.page === 2));
  for (const h of hits) {
    assert.ok(h.highlights.length > 0);
    for (const [s, e] of h.highlights) assert.match(h.snippet.slice(s, e).toLowerCase(), /^(dredging|budget)$/);
    assert.ok(h.score > 0);
  }
  assert.ok(hits[0]!.score >= hits[1]!.score);
  const moorings = await index.search('acme', 'How many moorings?', 5);
  assert.equal(moorings.length, 1);
  assert.deepEqual([moorings[0]!.jobId, moorings[0]!.page, moorings[0]!.chunkId], ['job-report', 1, 'c0001']);
});

test('tenants are isolated', async () => {
  await index.add('globex', 'job-g', chunkDocument(makeDoc([{ blocks: [{ type: 'paragraph', text: 'Globex dredging plans are secret moorings.' }] }])));
  const acme = await index.search('acme', 'secret globex', 10);
  assert.deepEqual(acme, []);
  const globex = await index.search('globex', 'dredging', 10);
  assert.deepEqual(globex.map((h) => h.jobId), ['job-g']);
  // No key of one tenant is named after the other.
  const keys = await redis.keys(`${prefix}:v3:{globex}:*`);
  assert.ok(keys.length > 0);
});

test('remove drops a job from search; re-adding replaces instead of duplicating', async () => {
  assert.deepEqual(await index.indexedJobs('acme'), ['job-minutes', 'job-report']);
  await index.remove('acme', 'job-minutes');
  assert.deepEqual(await index.indexedJobs('acme'), ['job-report']);
  const hits = await index.search('acme', 'dredging budget council', 10);
  assert.ok(hits.every((h) => h.jobId !== 'job-minutes'));
  assert.ok(hits.some((h) => h.jobId === 'job-report'));
  const chunks: Chunk[] = chunkDocument(report, { maxChars: 400 });
  await index.add('acme', 'job-report', chunks);
  await index.add('acme', 'job-report', chunks);
  const again = await index.search('acme', 'moorings', 10);
  assert.equal(again.length, 1);
  await index.remove('acme', 'job-report');
  assert.deepEqual(await index.search('acme', 'moorings', 10), []);
  assert.equal(Number(await redis.hget(`${prefix}:v3:{acme}:s`, 'docs')), 0, 'document count back to zero');
  await index.remove('acme', 'never-added');
});

test('dropTenant deletes all of a tenant and nothing else', async () => {
  await index.add('initech', 'j1', chunkDocument(makeDoc([{ blocks: [{ type: 'paragraph', text: 'Initech staplers.' }] }])));
  await index.dropTenant('initech');
  assert.deepEqual(await redis.keys(`${prefix}:v3:{initech}:*`), []);
  assert.equal((await index.search('globex', 'dredging', 10)).length, 1);
});

test('row 10 (issue 15): a mostly-Chinese document is found by its Chinese words and by the Latin words glued to them', async () => {
  const zh = makeDoc([
    { blocks: [{ type: 'paragraph', text: '本文介绍docmill系统的设计，包括搜索索引和页面溯源。东京都的港口记录了四百条泊位。' }] },
  ]);
  await index.add('cjk', 'job-zh', chunkDocument(zh, { maxChars: 400 }));
  for (const q of ['搜索', '索引', 'docmill', '港口', 'DocMill 系统']) {
    const hits = await index.search('cjk', q, 5);
    assert.equal(hits[0]?.jobId, 'job-zh', q);
    assert.ok(hits[0]!.highlights.length > 0, `${q}: highlighted`);
  }
  const [hit] = await index.search('cjk', 'docmill', 1);
  const [s, e] = hit!.highlights[0]!;
  assert.equal(hit!.snippet.slice(s, e), 'docmill', 'the highlight is the word, not the whole run');
  assert.deepEqual(await index.search('cjk', '天气', 5), [], 'a word that is not there finds nothing');
});

test('row 10 (issue 15): with a chunks reader no chunk text is kept in Redis, and snippets come from the reader', async () => {
  const sentence = 'The lighthouse keeper logged nine tankers before dawn.';
  const chunks = chunkDocument(makeDoc([{ blocks: [{ type: 'paragraph', text: `${filler(5, 3)} ${sentence}` }] }, { blocks: [{ type: 'paragraph', text: filler(6, 3) }] }]), { maxChars: 400 });
  const reads: string[] = [];
  const lean = new SearchIndex({ redis, prefix, chunks: async (jobId) => { reads.push(jobId); return jobId === 'job-lean' ? chunks : undefined; } });
  await lean.add('lean', 'job-lean', chunks);
  // Every value the tenant's keys hold, as text: the sentence is in none of them.
  const keys = await redis.keys(`${prefix}:v3:{lean}:*`);
  assert.ok(keys.length > 0);
  for (const k of keys) {
    const type = await redis.type(k);
    const dump = type === 'hash' ? JSON.stringify(await redis.hgetall(k)) : type === 'set' ? JSON.stringify(await redis.smembers(k)) : String(await redis.getBuffer(k));
    assert.ok(!dump.includes('lighthouse keeper'), `${k} holds no text`);
  }
  const [hit] = await lean.search('lean', 'tankers lighthouse', 5);
  assert.equal(hit?.jobId, 'job-lean');
  assert.ok(hit!.snippet.includes('nine tankers'), hit!.snippet);
  assert.deepEqual(hit!.highlights.map(([a, b]) => hit!.snippet.slice(a, b).toLowerCase()).sort(), ['lighthouse', 'tankers']);
  assert.deepEqual(reads, ['job-lean'], 'the text of the hits\' job only, read once');
  await lean.remove('lean', 'job-lean');
  assert.deepEqual(await redis.keys(`${prefix}:v3:{lean}:b*`), [], 'removing the job takes back every posting');
});

test('layout v3: a tenant that outgrows a level\'s buckets goes on in the next; every job stays found and removable', async () => {
  // Buckets of 16 bytes on average: each of these jobs fills a level, so the next one starts another.
  const small = new SearchIndex({ redis, prefix, bucketBytes: 16 });
  const names = ['quarzite', 'basaltic', 'obsidian', 'feldspar', 'dolomite', 'porphyry'];
  for (const [i, name] of names.entries()) {
    const text = `${filler(20 + i, 3)} The ${name} survey of the shared quarry, part ${i}.`;
    await small.add('levels', `job-${name}`, chunkDocument(makeDoc([{ blocks: [{ type: 'paragraph', text }] }])));
  }
  const levels = new Set((await redis.keys(`${prefix}:v3:{levels}:b*`)).map((k) => /:b(\d+):/.exec(k)![1]));
  assert.ok(levels.size >= 3, `levels in use: ${[...levels].join(', ')}`);
  for (const name of names) assert.deepEqual((await small.search('levels', name, 10)).map((h) => h.jobId), [`job-${name}`], name);
  assert.deepEqual((await small.search('levels', 'quarry survey', 10)).map((h) => h.jobId).sort(), names.map((n) => `job-${n}`).sort());
  for (const name of names.slice(0, 3)) await small.remove('levels', `job-${name}`);
  assert.deepEqual((await small.search('levels', 'quarry', 10)).map((h) => h.jobId).sort(), names.slice(3).map((n) => `job-${n}`).sort());
  for (const name of names.slice(3)) await small.remove('levels', `job-${name}`);
  assert.deepEqual(await redis.keys(`${prefix}:v3:{levels}:b*`), [], 'every bucket emptied and deleted');
  assert.deepEqual(await small.indexedJobs('levels'), []);
});

test('layout v3: a posting takes about two bytes; term frequency and chunk length still rank', async () => {
  const once = `${filler(30, 2)} A single mention of the granary.`;
  const often = 'The granary, the granary roof, the granary door, the granary yard and the granary bell.';
  const more = Array.from({ length: 12 }, (_, i) => ({ blocks: [{ type: 'heading' as const, level: 1, text: `Part ${i}` }, { type: 'paragraph' as const, text: filler(40 + i, 6) }] }));
  const chunks = chunkDocument(makeDoc([{ blocks: [{ type: 'paragraph', text: once }] }, { blocks: [{ type: 'heading', level: 1, text: 'Yard' }, { type: 'paragraph', text: often }] }, ...more]), { maxChars: 400 });
  assert.equal(chunks.length, 14);
  await index.add('codec', 'job-codec', chunks);
  const hits = await index.search('codec', 'granary', 5);
  assert.deepEqual(hits.map((h) => h.chunkId), ['c0002', 'c0001'], 'five mentions (tf ≥ 4 is stored apart) rank above one');
  // Every posting and term of the job, against the bytes its buckets hold.
  let postings = 0;
  const terms = new Set<string>();
  for (const c of chunks) {
    const ts = new Set(searchTerms(`${c.headingPath.join(' ')} ${c.text}`));
    postings += ts.size;
    for (const t of ts) terms.add(t);
  }
  let bytes = 0;
  const buckets = await redis.keys(`${prefix}:v3:{codec}:b*`);
  for (const k of buckets) bytes += await redis.strlen(k);
  // A record's header is 8 bytes per bucket, a term's 5 or 6 (its id and its postings' length).
  assert.ok(bytes <= 2.3 * postings + 6 * terms.size + 8 * buckets.length, `${bytes} bytes for ${postings} postings of ${terms.size} terms in ${buckets.length} buckets`);
});
