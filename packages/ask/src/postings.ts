/**
 * The binary layout of the search index's buckets (see SearchIndex): what a
 * job posts into one bucket, and reading a term's postings back out of a
 * bucket's bytes.
 *
 * A bucket is a Redis string, a run of records, one per job that has terms in it:
 *
 * ```
 * record  = job number (uint32 BE) · payload length (uint32 BE) · term*
 * term    = term id (uint32 BE) · postings length (varint) · posting*
 * posting = chunk index, delta from the term's previous posting (varint) · tf and length (uint8) [· tf − 4 (varint)]
 * ```
 *
 * The fixed-width record header is what the Lua scripts read to drop a job's
 * record without decoding the rest. The chunk's length rides in each posting
 * so that ranking a term needs no other read: the byte after the chunk index
 * holds tf − 1 in its top two bits (3: tf is 4 or more, given by a varint that
 * follows) and the chunk's length in its low six, in units of LENGTH_UNIT terms.
 * Most postings thus take two bytes.
 */
import { createHash } from 'node:crypto';

/** A term posted in a chunk. */
export interface Posting {
  /** The job's number in its tenant. */
  job: number;
  /** The chunk's index in the job (0-based). */
  chunk: number;
  tf: number;
  /** The chunk's length in terms (quantised: a multiple of LENGTH_UNIT). */
  dl: number;
}

/** A term's identity in the index: the id stored in a bucket and the number that picks its bucket. */
export interface TermHash {
  id: number;
  spread: number;
}

/** Chunk lengths are stored in units of this many terms (six bits: up to 504 terms; longer ones count as 504). */
export const LENGTH_UNIT = 8;

/**
 * Hashes a term: 32 bits stored with its postings, 32 other bits choose its bucket.
 * @param term a normalised search term
 * Note: two terms of a tenant with the same 32-bit id in the same bucket would share postings;
 * the bucket's bits make that 32 + level (3 or more) bits of hash: one chance in 3·10^10 per pair of terms, or less.
 */
export function hashTerm(term: string): TermHash {
  const d = createHash('md5').update(term).digest();
  return { id: d.readUInt32BE(0), spread: d.readUInt32BE(4) };
}

function pushVarint(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

/** Reads a varint at `pos`: [value, next position]. */
function readVarint(buf: Buffer, pos: number): [number, number] {
  let v = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++]!;
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [v, pos];
    shift += 7;
  }
}

/**
 * Encodes one job's record for one bucket.
 * @param job the job's number in its tenant
 * @param terms term id → postings of the job, chunk indexes ascending
 */
export function encodeRecord(job: number, terms: ReadonlyMap<number, ReadonlyArray<Omit<Posting, 'job'>>>): Buffer {
  const body: number[] = [];
  for (const [id, postings] of terms) {
    const list: number[] = [];
    let prev = 0;
    for (const p of postings) {
      pushVarint(list, p.chunk - prev);
      list.push((Math.min(p.tf, 4) - 1) << 6 | Math.min(63, Math.ceil(p.dl / LENGTH_UNIT)));
      if (p.tf >= 4) pushVarint(list, p.tf - 4);
      prev = p.chunk;
    }
    body.push(id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff);
    pushVarint(body, list.length);
    for (const b of list) body.push(b);
  }
  const out = Buffer.alloc(8 + body.length);
  out.writeUInt32BE(job, 0);
  out.writeUInt32BE(body.length, 4);
  Buffer.from(body).copy(out, 8);
  return out;
}

/**
 * The postings of one term in a bucket's bytes, every job's.
 * @param bucket the bucket's value (GET)
 * @param id the term's id (hashTerm)
 */
export function readPostings(bucket: Buffer, id: number): Posting[] {
  const out: Posting[] = [];
  for (let pos = 0; pos + 8 <= bucket.length;) {
    const job = bucket.readUInt32BE(pos);
    const end = pos + 8 + bucket.readUInt32BE(pos + 4);
    for (let at = pos + 8; at < end;) {
      const tid = bucket.readUInt32BE(at);
      const [len, from] = readVarint(bucket, at + 4);
      at = from + len;
      if (tid !== id) continue;
      let chunk = 0;
      for (let q = from; q < at;) {
        let d: number;
        [d, q] = readVarint(bucket, q);
        const b = bucket[q++]!;
        let tf = (b >> 6) + 1;
        if (tf === 4) {
          let more: number;
          [more, q] = readVarint(bucket, q);
          tf += more;
        }
        chunk += d;
        out.push({ job, chunk, tf, dl: (b & 0x3f) * LENGTH_UNIT });
      }
    }
    pos = end;
  }
  return out;
}
