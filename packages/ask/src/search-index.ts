/**
 * A search index per tenant across documents, kept in Redis so that every API
 * process shares it.
 *
 * Note: an inverted index in packed buckets (layout v3, see postings.ts). A
 * term is hashed (md5: a 32-bit id, and 32 other bits that pick its bucket);
 * a bucket is one Redis string holding, for each job with terms in it, one
 * record of those terms' postings (chunk index, tf and the chunk's length, a
 * few bytes each). A job's records go into the buckets of one **level**: level
 * L has 2^L buckets, and a job goes to the lowest level (from 3) whose buckets
 * stay under BUCKET_BYTES on average with it, so a small tenant has a handful
 * of keys and a large one many, each of bounded size. A search reads, per term,
 * one bucket of each level in use (a pipeline of GETs), decodes the term's
 * postings, ranks chunks by BM25 and then reads the description of the hits'
 * jobs only (chunk ids, pages, and text when no `chunks` reader is given); it
 * never reads a list of the tenant's jobs. Adding and removing a job are one
 * Lua step each (src/lua), touching only its buckets; all of a tenant's keys
 * share a `{tenant}` hash tag, so this works on Redis Cluster too.
 *
 * Why not a hash per term (layout v2): each distinct term of a tenant was a
 * Redis key of its own, about 90 bytes before its first posting, most of the
 * index's size. The cost of buckets: a search reads a bucket's other terms too
 * (BUCKET_BYTES on average per level), and no prefix or fuzzy matching.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import type { Chunk } from './chunk.js';
import { encodeRecord, hashTerm, readPostings, type Posting, type TermHash } from './postings.js';
import { searchTerms, words } from './text.js';

export interface SearchHit {
  jobId: string;
  /** 1-based page (the chunk's first page). */
  page: number;
  chunkId: string;
  /** A window of the chunk's text around the first match (line breaks as spaces). */
  snippet: string;
  /** [start, end) offsets of matched words in `snippet`. */
  highlights: Array<[number, number]>;
  score: number;
}

export interface SearchIndexOptions {
  /** A Redis connection to share (not closed by `close()`), or a URL to open one (closed by `close()`). */
  redis: Redis | string;
  /** Key prefix (default "docmill:search"). */
  prefix?: string;
  /**
   * Reads a job's chunks back (the job system's `chunks.jsonl`) for the snippets of hits.
   * Given, the index keeps no chunk text in Redis; without it, the text is kept.
   */
  chunks?: (jobId: string) => Promise<readonly Chunk[] | undefined>;
  /** The average size a level's buckets may reach before jobs go to the next level (default 8 KiB; tests make it small). */
  bucketBytes?: number;
}

/** What add() wrote for a job (deflated JSON), so that remove() takes exactly that back and hits get their ids. */
interface JobEntry {
  /** The job id. */
  id: string;
  /** Its level and the buckets of that level it has records in (ascending). */
  level: number;
  buckets: number[];
  /** Bytes of its records. */
  bytes: number;
  /** Sum of the chunks' lengths in terms. */
  len: number;
  /** Per chunk (by index): id, first page, and text when the index keeps it. */
  ids: string[];
  pages: number[];
  texts?: string[];
}

const K1 = 1.2;
const B = 0.75;
const SNIPPET_CHARS = 240;
/** Skipping very common query terms starts at this many chunks per tenant. */
const COMMON_AFTER = 1000;
/** Version of the key layout, part of every key (an index of another layout is simply not read). */
const LAYOUT = 'v3';
/** The layout before (a hash per term), found and dropped by a backfill (see previousLayout). */
const PREVIOUS_LAYOUT = 'v2';
const FIRST_LEVEL = 3;
const LAST_LEVEL = 20;
const BUCKET_BYTES = 8192;

const LUA = (name: string) => readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
const SCRIPTS = { searchAdd: LUA('searchAdd'), searchDrop: LUA('searchDrop') };
type ScriptArg = string | number | Buffer;
interface SearchCommands {
  searchAdd(numKeys: number, ...args: ScriptArg[]): Promise<number>;
  searchDrop(numKeys: number, ...args: ScriptArg[]): Promise<number>;
}

/** The per-tenant search index (BM25 over chunks) in Redis. */
export class SearchIndex {
  readonly #redis: Redis & SearchCommands;
  readonly #own: boolean;
  readonly #prefix: string;
  readonly #chunks: SearchIndexOptions['chunks'];
  readonly #bucketBytes: number;

  constructor(opts: SearchIndexOptions) {
    this.#own = typeof opts.redis === 'string';
    const redis = typeof opts.redis === 'string' ? new Redis(opts.redis, { maxRetriesPerRequest: 2, lazyConnect: false }) : opts.redis;
    // Note: without numberOfKeys, ioredis takes the number of keys as the first argument (it varies here).
    for (const [name, lua] of Object.entries(SCRIPTS)) if (!(name in redis)) redis.defineCommand(name, { lua });
    this.#redis = redis as Redis & SearchCommands;
    this.#prefix = opts.prefix ?? 'docmill:search';
    this.#chunks = opts.chunks;
    this.#bucketBytes = opts.bucketBytes ?? BUCKET_BYTES;
  }

  #key(tenant: string): string {
    return `${this.#prefix}:${LAYOUT}:{${encodeURIComponent(tenant)}}`;
  }

  /** Counts, indexed jobs, job descriptions: the first three keys of both scripts. */
  #fixedKeys(k: string): [string, string, string] {
    return [`${k}:s`, `${k}:jobs`, `${k}:m`];
  }

  /**
   * Indexes a job's chunks for a tenant, replacing what was indexed for that job before.
   * @param tenant the owner
   * @param jobId the job (document)
   * @param chunks from chunkDocument
   * Does not guard against two processes indexing the same job at the same
   * moment (the job system indexes a job once, when it completes): the second
   * finds it indexed and leaves it.
   */
  async add(tenant: string, jobId: string, chunks: readonly Chunk[]): Promise<void> {
    await this.remove(tenant, jobId);
    const k = this.#key(tenant);
    if (chunks.length === 0) {
      await this.#redis.hset(`${k}:jobs`, jobId, '0');
      return;
    }
    // term id → bucket spread and postings (chunk index ascending).
    const terms = new Map<number, { hash: TermHash; postings: Array<Omit<Posting, 'job'>> }>();
    const hashes = new Map<string, TermHash>();
    let len = 0;
    chunks.forEach((c, chunk) => {
      const ts = searchTerms(`${c.headingPath.join(' ')} ${c.text}`);
      const tf = new Map<string, number>();
      for (const t of ts) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, f] of tf) {
        let hash = hashes.get(t);
        if (!hash) hashes.set(t, (hash = hashTerm(t)));
        let entry = terms.get(hash.id);
        if (!entry) terms.set(hash.id, (entry = { hash, postings: [] }));
        entry.postings.push({ chunk, tf: f, dl: ts.length });
      }
      len += ts.length;
    });
    const stats = await this.#redis.hgetall(`${k}:s`);
    // The job's size, estimated before it is encoded (about 2 bytes a posting, 6 a term), picks its level.
    const estimate = [...terms.values()].reduce((n, t) => n + 6 + 2 * t.postings.length, 0);
    let level = FIRST_LEVEL;
    while (level < LAST_LEVEL && Number(stats[`b${level}`] ?? 0) + estimate > 2 ** level * this.#bucketBytes) level++;
    const perBucket = new Map<number, Map<number, Array<Omit<Posting, 'job'>>>>();
    for (const { hash, postings } of terms.values()) {
      const b = hash.spread % 2 ** level;
      let m = perBucket.get(b);
      if (!m) perBucket.set(b, (m = new Map()));
      m.set(hash.id, postings);
    }
    const num = await this.#redis.incr(`${k}:n`);
    const buckets = [...perBucket.keys()].sort((a, b) => a - b);
    const records = buckets.map((b) => encodeRecord(num, perBucket.get(b)!));
    const bytes = records.reduce((n, r) => n + r.length, 0);
    const entry: JobEntry = {
      id: jobId, level, buckets, bytes, len,
      ids: chunks.map((c) => c.id), pages: chunks.map((c) => c.pages[0] ?? 1),
      ...(this.#chunks ? {} : { texts: chunks.map((c) => c.text) }),
    };
    await this.#redis.searchAdd(
      3 + buckets.length, ...this.#fixedKeys(k), ...buckets.map((b) => `${k}:b${level}:${b}`),
      jobId, num, deflateRawSync(JSON.stringify(entry)), chunks.length, len, `b${level}`, bytes, ...records,
    );
  }

  /**
   * The jobs indexed for a tenant (to reconcile the index with the job list).
   * @param tenant the owner
   */
  async indexedJobs(tenant: string): Promise<string[]> {
    return (await this.#redis.hkeys(`${this.#key(tenant)}:jobs`)).sort();
  }

  /**
   * Removes a job's chunks from a tenant's index (nothing happens when it has none).
   * @param tenant the owner
   * @param jobId the job
   */
  async remove(tenant: string, jobId: string): Promise<void> {
    const k = this.#key(tenant);
    const num = await this.#redis.hget(`${k}:jobs`, jobId);
    if (num === null) return;
    const raw = num === '0' ? null : await this.#redis.hgetBuffer(`${k}:m`, num);
    if (!raw) {
      // Indexed without chunks (or its description is gone): only its name is left.
      await this.#redis.hdel(`${k}:jobs`, jobId);
      return;
    }
    const e = JSON.parse(inflateRawSync(raw).toString('utf8')) as JobEntry;
    const head = Buffer.alloc(4);
    head.writeUInt32BE(Number(num));
    await this.#redis.searchDrop(
      3 + e.buckets.length, ...this.#fixedKeys(k), ...e.buckets.map((b) => `${k}:b${e.level}:${b}`),
      jobId, num, head, e.ids.length, e.len, `b${e.level}`, e.bytes,
    );
  }

  /**
   * Searches a tenant's documents.
   * @param tenant the owner (no other tenant's keys are read)
   * @param q free text; stop words are ignored
   * @param limit at most this many hits (default 10, at most 100)
   * @returns chunks ranked by BM25, best first
   * In a tenant of 1,000 chunks or more, terms that occur in more than half of
   * them are skipped when the query has rarer ones (they barely change the
   * ranking). Reads one bucket per term and level in use, then the descriptions
   * of the hits' jobs and their text only, never a list of the tenant's jobs.
   */
  async search(tenant: string, q: string, limit = 10): Promise<SearchHit[]> {
    const k = this.#key(tenant);
    const terms = [...new Set(searchTerms(q))];
    if (terms.length === 0) return [];
    const stats = await this.#redis.hgetall(`${k}:s`);
    const N = Number(stats.docs ?? 0);
    if (N <= 0) return [];
    const avgdl = Math.max(1, Number(stats.len ?? 0) / N);
    const levels = Object.entries(stats).flatMap(([f, v]) => (/^b\d+$/.test(f) && Number(v) > 0 ? [Number(f.slice(1))] : []));
    const hashes = terms.map(hashTerm);
    const pipe = this.#redis.pipeline();
    for (const h of hashes) for (const L of levels) pipe.getBuffer(`${k}:b${L}:${h.spread % 2 ** L}`);
    const got = ((await pipe.exec()) ?? []).map(([err, v]) => {
      if (err) throw err;
      return v as Buffer | null;
    });
    let postings = hashes.map((h, i) => got.slice(i * levels.length, (i + 1) * levels.length).flatMap((b) => (b ? readPostings(b, h.id) : [])));
    postings = postings.filter((p) => p.length > 0);
    if (N >= COMMON_AFTER) {
      const rare = postings.filter((p) => p.length <= N / 2);
      if (rare.length > 0) postings = rare;
    }
    // Chunk key: job number and chunk index.
    const scores = new Map<string, { job: number; chunk: number; score: number }>();
    for (const post of postings) {
      const idf = Math.log(1 + (N - post.length + 0.5) / (post.length + 0.5));
      for (const { job, chunk, tf, dl } of post) {
        const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * dl) / avgdl));
        const key = `${job}:${chunk}`;
        const cur = scores.get(key) ?? { job, chunk, score: 0 };
        cur.score += s;
        scores.set(key, cur);
      }
    }
    const top = [...scores.values()]
      .sort((a, b) => b.score - a.score || a.job - b.job || a.chunk - b.chunk)
      .slice(0, Math.max(1, Math.min(100, limit)));
    if (top.length === 0) return [];
    const nums = [...new Set(top.map((t) => t.job))];
    const raw = await this.#redis.hmgetBuffer(`${k}:m`, ...nums.map(String));
    const entries = new Map(nums.map((n, i) => [n, raw[i] ? (JSON.parse(inflateRawSync(raw[i]!).toString('utf8')) as JobEntry) : undefined]));
    const found = top.flatMap(({ job, chunk, score }) => {
      const e = entries.get(job);
      if (!e || chunk >= e.ids.length) return [];
      return [{ jobId: e.id, chunkId: e.ids[chunk]!, page: e.pages[chunk]!, text: e.texts?.[chunk], score }];
    });
    const texts = await this.#texts(found.filter((f) => f.text === undefined).map((f) => f.jobId));
    const wanted = new Set(terms);
    return found.map((f) => ({
      jobId: f.jobId, page: f.page, chunkId: f.chunkId,
      ...snippet(f.text ?? texts.get(f.jobId)?.get(f.chunkId) ?? '', wanted),
      score: Math.round(f.score * 1000) / 1000,
    }));
  }

  /** The chunks' text of the given jobs, read back once per job (the `chunks` option). */
  async #texts(jobIds: string[]): Promise<Map<string, Map<string, string>>> {
    const out = new Map<string, Map<string, string>>();
    if (!this.#chunks) return out;
    await Promise.all([...new Set(jobIds)].map(async (jobId) => {
      const chunks = await this.#chunks!(jobId).catch(() => undefined);
      out.set(jobId, new Map((chunks ?? []).map((c) => [c.id, c.text])));
    }));
    return out;
  }

  /**
   * Deletes every key of a tenant's index (the tenant is gone, or a test cleans up).
   * @param tenant the owner
   */
  async dropTenant(tenant: string): Promise<void> {
    await this.#scan(`${globEscape(this.#key(tenant))}:*`, (keys) => this.#redis.del(...keys));
  }

  /**
   * The tenants that still have an index of the previous layout (v2) under this prefix, with the
   * jobs it held, so that they can be indexed anew (then `dropPrevious`).
   * Does not read the v2 postings: indexing again from the jobs' chunks is what moves them.
   */
  async previousLayout(): Promise<Array<{ tenant: string; jobIds: string[] }>> {
    const head = `${this.#prefix}:${PREVIOUS_LAYOUT}:{`;
    const tenants = new Set<string>();
    await this.#scan(`${globEscape(head)}*`, async (keys) => {
      for (const k of keys) tenants.add(k.slice(head.length, k.indexOf('}', head.length)));
    });
    return Promise.all([...tenants].sort().map(async (t) => ({
      tenant: decodeURIComponent(t), jobIds: (await this.#redis.smembers(`${head}${t}}:jobs`)).sort(),
    })));
  }

  /**
   * Deletes a tenant's index of the previous layout (v2).
   * @param tenant the owner
   */
  async dropPrevious(tenant: string): Promise<void> {
    await this.#scan(`${globEscape(`${this.#prefix}:${PREVIOUS_LAYOUT}:{${encodeURIComponent(tenant)}}`)}:*`, (keys) => this.#redis.del(...keys));
  }

  /** Runs `each` on the keys that match a SCAN pattern, a batch at a time. */
  async #scan(match: string, each: (keys: string[]) => Promise<unknown>): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await each(keys);
    } while (cursor !== '0');
  }

  /** Closes the connection when this index opened it. */
  async close(): Promise<void> {
    if (this.#own) await this.#redis.quit();
  }
}

/** Escapes SCAN/KEYS glob characters. */
function globEscape(s: string): string {
  return s.replace(/[?*[\]\\]/g, (ch) => `\\${ch}`);
}

/** A window of `text` around the first word that matches, with the offsets of every matching word in it. */
function snippet(text: string, wanted: ReadonlySet<string>): { snippet: string; highlights: Array<[number, number]> } {
  const ws = words(text);
  const first = ws.find((w) => wanted.has(w.norm));
  let start = first ? Math.max(0, first.start - 80) : 0;
  if (start > 0) {
    const space = text.lastIndexOf(' ', start);
    start = space >= 0 && first && space < first.start ? space + 1 : start;
  }
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + SNIPPET_CHARS / 2) end = space;
  }
  const highlights: Array<[number, number]> = ws
    .filter((w) => w.start >= start && w.end <= end && wanted.has(w.norm))
    .map((w) => {
      const tok = text.slice(w.start, w.end);
      const lead = tok.search(/[\p{L}\p{N}]/u);
      const tail = tok.length - tok.replace(/[^\p{L}\p{N}]+$/u, '').length;
      return [w.start + Math.max(0, lead) - start, w.end - tail - start];
    });
  return { snippet: text.slice(start, end).replace(/[\r\n\t]/g, ' '), highlights };
}
