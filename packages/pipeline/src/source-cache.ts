import { openSource, type DocumentSource, type OpenSourceOptions, type PageInput } from './sources.js';

interface Entry {
  bytes: PageInput;
  password: string | undefined;
  source: Promise<DocumentSource>;
  uses: number;
  /** Pages it serves before it is opened again (`recycleAfter` of its page count, once open). */
  limit: number;
}

/**
 * Pages served from one opened document before it is closed and opened again (at least; see `recycleAfter`).
 * Note: pdf.js keeps fonts and parsed objects for the life of a document; on a
 * 2,000-page PDF that grew each thread by ~100 MB. Reopening costs one xref parse.
 * At 200, a 2,016-page real report (a 14-page paper joined 144 times, a font set per
 * copy) peaked at 968 MB; at 50 it stayed near 600 MB from the first minute to the end.
 */
export const RECYCLE_AFTER = 50;

/** Most times a document is opened for its pages, over all threads, when they share its pages evenly. */
export const MAX_OPENS = 50;

/**
 * Pages served from one opening of a document of `pageCount` pages: `RECYCLE_AFTER`, or more on
 * documents of more than `MAX_OPENS` × `RECYCLE_AFTER` pages, so that it is opened at most ~`MAX_OPENS` times.
 * @param pageCount the document's pages
 * Note: an opening parses the whole cross-reference table, which grows with the document: on a real
 * report joined to 20,000 pages (1.4 million objects) ~2.5 s of CPU and ~125 MB of heap each time. Every
 * 50 pages, that was 400 openings (quadratic in the page count); now it is at most ~50. Between
 * openings `cachedSource` drops pdf.js's fonts every `RECYCLE_AFTER` pages: on that file one opening's
 * heap stayed at 153–159 MB over 250 pages with it, and grew from 158 to 199 MB without it.
 */
export function recycleAfter(pageCount: number): number {
  return Math.max(RECYCLE_AFTER, Math.ceil(pageCount / MAX_OPENS));
}

/** How many opened documents a thread keeps (a worker moves from document to document). */
const KEEP = 2;
const entries: Entry[] = [];

/**
 * The opened source for this input, reusing the last ones opened in this thread
 * (page after page of one document must not re-parse the PDF).
 * @param bytes identity matters: pass the same input object for pages of one document
 * Does not hash the bytes: callers that reload bytes per page should keep their own buffer cache.
 */
export function cachedSource(bytes: PageInput, opts: OpenSourceOptions): Promise<DocumentSource> {
  const hit = entries.find((e) => e.bytes === bytes && e.password === opts.password);
  if (hit && ++hit.uses <= hit.limit) {
    // Note: between reopenings, pdf.js's fonts go every RECYCLE_AFTER pages (the thread runs one page at a time;
    // a cleanup pdf.js refuses costs only memory, not the page).
    if ((hit.uses - 1) % RECYCLE_AFTER === 0) return hit.source.then(async (s) => { await s.cleanup().catch(() => {}); return s; });
    return hit.source;
  }
  if (hit) {
    entries.splice(entries.indexOf(hit), 1);
    hit.source.then((s) => s.close()).catch(() => {});
  }
  const source = openSource(bytes, opts);
  // Note: a failed open is not cached; the next call reports the same coded error again.
  source.catch(() => {
    const i = entries.findIndex((e) => e.source === source);
    if (i >= 0) entries.splice(i, 1);
  });
  const entry: Entry = { bytes, password: opts.password, source, uses: 1, limit: RECYCLE_AFTER };
  source.then((s) => { entry.limit = recycleAfter(s.pageCount); }, () => {});
  entries.unshift(entry);
  while (entries.length > KEEP) {
    const old = entries.pop()!;
    old.source.then((s) => s.close()).catch(() => {});
  }
  return source;
}

/** Closes every cached source (end of a run, worker shutdown). */
export async function closeCachedSources(): Promise<void> {
  const all = entries.splice(0);
  await Promise.all(all.map((e) => e.source.then((s) => s.close()).catch(() => {})));
}

/** Closes and forgets every source opened on these bytes (a finished document). */
export async function releaseSource(bytes: PageInput): Promise<void> {
  const gone = entries.filter((e) => e.bytes === bytes);
  for (const e of gone) entries.splice(entries.indexOf(e), 1);
  await Promise.all(gone.map((e) => e.source.then((s) => s.close()).catch(() => {})));
}
