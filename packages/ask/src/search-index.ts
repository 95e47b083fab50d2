/**
 * A search index per tenant across documents, kept in Redis so that every API
 * process shares it.
 *
 * Note: the index is an inverted index in Redis hashes, one hash per (tenant,
 * term), rather than a serialised minisearch per tenant. A serialised index
 * has to be loaded whole for every search and rewritten whole for every added
 * or deleted job (with a lock, or concurrent writers lose updates); a tenant
 * with tens of thousands of documents makes both slow and large. With hashes,
 * a search reads only the postings of the query's terms, adding and removing a
 * job touch only that job's terms (in one MULTI), nothing of another tenant is
 * ever read, and all of a tenant's keys share a `{tenant}` hash tag so MULTI
 * works on Redis Cluster too. The cost: no prefix or fuzzy matching, and BM25
 * is computed in the API process from the postings.
 *
 * Note: compact by layout. A chunk is a short per-tenant number (base 36), so a
 * posting is a few bytes (`<chunk>` → `<tf>:<chunk length>`) and small term
 * hashes stay in Redis's packed (listpack) encoding. With a `chunks` reader the
 * chunks' text stays out of Redis (snippets are cut from the text read back for
 * the hits only). What a job added is kept as one deflated value, so removing it
 * touches exactly its postings.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Redis } from 'ioredis';
import type { Chunk } from './chunk.js';
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
   * Given, the index keeps no chunk text in Redis (most of its size); without it, the text is kept.
   */
  chunks?: (jobId: string) => Promise<readonly Chunk[] | undefined>;
}

/** What add() wrote for a job, so that remove() takes exactly that back. */
interface JobEntry {
  /** Chunk numbers (base 36). */
  n: string[];
  /** Sum of the chunks' lengths in terms. */
  len: number;
  /** term → the chunk numbers it was posted for. */
  t: Record<string, string[]>;
}

const K1 = 1.2;
const B = 0.75;
const SNIPPET_CHARS = 240;
/** Skipping very common query terms starts at this many chunks per tenant. */
const COMMON_AFTER = 1000;
/** Version of the key layout, part of every key (an index of another layout is simply not read). */
const LAYOUT = 'v2';

/** The per-tenant search index (BM25 over chunks) in Redis. */
export class SearchIndex {
  readonly #redis: Redis;
  readonly #own: boolean;
  readonly #prefix: string;
  readonly #chunks: SearchIndexOptions['chunks'];

  constructor(opts: SearchIndexOptions) {
    this.#own = typeof opts.redis === 'string';
    this.#redis = typeof opts.redis === 'string' ? new Redis(opts.redis, { maxRetriesPerRequest: 2, lazyConnect: false }) : opts.redis;
    this.#prefix = opts.prefix ?? 'docmill:search';
    this.#chunks = opts.chunks;
  }

  #key(tenant: string): string {
    return `${this.#prefix}:${LAYOUT}:{${encodeURIComponent(tenant)}}`;
  }

  /**
   * Indexes a job's chunks for a tenant, replacing what was indexed for that job before.
   * @param tenant the owner
   * @param jobId the job (document)
   * @param chunks from chunkDocument
   * Does not guard against two processes indexing the same job at the same
   * moment (the job system indexes a job once, when it completes).
   */
  async add(tenant: string, jobId: string, chunks: readonly Chunk[]): Promise<void> {
    await this.remove(tenant, jobId);
    const k = this.#key(tenant);
    if (chunks.length === 0) {
      await this.#redis.sadd(`${k}:jobs`, jobId);
      return;
    }
    const last = await this.#redis.incrby(`${k}:n`, chunks.length);
    const postings = new Map<string, string[]>();
    const entry: JobEntry = { n: [], len: 0, t: {} };
    const stored: string[] = [];
    chunks.forEach((c, i) => {
      const num = (last - chunks.length + 1 + i).toString(36);
      const terms = searchTerms(`${c.headingPath.join(' ')} ${c.text}`);
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, f] of tf) {
        const list = postings.get(t) ?? [];
        list.push(num, `${f}:${terms.length}`);
        postings.set(t, list);
        (entry.t[t] ??= []).push(num);
      }
      entry.n.push(num);
      // jobId, chunk id, first page[, text]: tab-separated (the text comes last and may hold tabs).
      stored.push(num, [jobId, c.id, c.pages[0] ?? 1, ...(this.#chunks ? [] : [c.text])].join('\t'));
      entry.len += terms.length;
    });
    const multi = this.#redis.multi();
    for (const [t, list] of postings) multi.hset(`${k}:t:${t}`, ...list);
    multi.hset(`${k}:c`, ...stored);
    multi.set(`${k}:j:${encodeURIComponent(jobId)}`, deflateRawSync(JSON.stringify(entry)));
    multi.hincrby(`${k}:s`, 'docs', entry.n.length);
    multi.hincrby(`${k}:s`, 'len', entry.len);
    multi.sadd(`${k}:jobs`, jobId);
    await multi.exec();
  }

  /**
   * The jobs indexed for a tenant (to reconcile the index with the job list).
   * @param tenant the owner
   */
  async indexedJobs(tenant: string): Promise<string[]> {
    return (await this.#redis.smembers(`${this.#key(tenant)}:jobs`)).sort();
  }

  /**
   * Removes a job's chunks from a tenant's index (nothing happens when it has none).
   * @param tenant the owner
   * @param jobId the job
   */
  async remove(tenant: string, jobId: string): Promise<void> {
    const k = this.#key(tenant);
    const jobKey = `${k}:j:${encodeURIComponent(jobId)}`;
    const raw = await this.#redis.getBuffer(jobKey);
    if (!raw) {
      await this.#redis.srem(`${k}:jobs`, jobId);
      return;
    }
    const entry = JSON.parse(inflateRawSync(raw).toString('utf8')) as JobEntry;
    const multi = this.#redis.multi();
    multi.srem(`${k}:jobs`, jobId);
    for (const [t, nums] of Object.entries(entry.t)) multi.hdel(`${k}:t:${t}`, ...nums);
    if (entry.n.length > 0) multi.hdel(`${k}:c`, ...entry.n);
    multi.hincrby(`${k}:s`, 'docs', -entry.n.length);
    multi.hincrby(`${k}:s`, 'len', -entry.len);
    multi.del(jobKey);
    await multi.exec();
  }

  /**
   * Searches a tenant's documents.
   * @param tenant the owner (no other tenant's keys are read)
   * @param q free text; stop words are ignored
   * @param limit at most this many hits (default 10, at most 100)
   * @returns chunks ranked by BM25, best first
   * In a tenant of 1,000 chunks or more, terms that occur in more than half of
   * them are skipped when the query has rarer ones (they barely change the ranking and their
   * postings are the largest to read). Reads the postings of the query's terms and the
   * text of the hits only, never a list of the tenant's jobs.
   */
  async search(tenant: string, q: string, limit = 10): Promise<SearchHit[]> {
    const k = this.#key(tenant);
    const terms = [...new Set(searchTerms(q))];
    if (terms.length === 0) return [];
    const stats = await this.#redis.hgetall(`${k}:s`);
    const N = Number(stats.docs ?? 0);
    if (N <= 0) return [];
    const avgdl = Math.max(1, Number(stats.len ?? 0) / N);
    const dfs = await Promise.all(terms.map((t) => this.#redis.hlen(`${k}:t:${t}`)));
    let use = terms.filter((_, i) => dfs[i]! > 0);
    if (N >= COMMON_AFTER) {
      const rare = use.filter((t) => dfs[terms.indexOf(t)]! <= N / 2);
      if (rare.length > 0) use = rare;
    }
    const scores = new Map<string, number>();
    const postings = await Promise.all(use.map((t) => this.#redis.hgetall(`${k}:t:${t}`)));
    use.forEach((_, i) => {
      const post = postings[i]!;
      const df = Object.keys(post).length;
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      for (const [member, v] of Object.entries(post)) {
        const [tf = 0, dl = 0] = v.split(':').map(Number);
        const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * dl) / avgdl));
        scores.set(member, (scores.get(member) ?? 0) + s);
      }
    });
    const top = [...scores.entries()].sort((a, b) => b[1] - a[1] || parseInt(a[0], 36) - parseInt(b[0], 36)).slice(0, Math.max(1, Math.min(100, limit)));
    if (top.length === 0) return [];
    const raw = await this.#redis.hmget(`${k}:c`, ...top.map(([m]) => m));
    const found = top.flatMap(([, score], i) => {
      const row = raw[i];
      if (!row) return [];
      const [j = '', c = '', page = '1', ...text] = row.split('\t');
      return [{ jobId: j, chunkId: c, page: Number(page), text: text.length ? text.join('\t') : undefined, score }];
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
    const match = `${this.#key(tenant)}:*`.replace(/[?*[\]\\]/g, (ch, i: number, s: string) => (i === s.length - 1 ? ch : `\\${ch}`));
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await this.#redis.del(...keys);
    } while (cursor !== '0');
  }

  /** Closes the connection when this index opened it. */
  async close(): Promise<void> {
    if (this.#own) await this.#redis.quit();
  }
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
