import { openSource, type DocumentSource, type OpenSourceOptions } from './sources.js';

interface Entry {
  bytes: Uint8Array;
  password: string | undefined;
  source: Promise<DocumentSource>;
}

/** How many opened documents a thread keeps (a worker moves from document to document). */
const KEEP = 2;
const entries: Entry[] = [];

/**
 * The opened source for these bytes, reusing the last ones opened in this thread
 * (page after page of one document must not re-parse the PDF).
 * @param bytes identity matters: pass the same Uint8Array for pages of one document
 * Does not hash the bytes: callers that reload bytes per page should keep their own buffer cache.
 */
export function cachedSource(bytes: Uint8Array, opts: OpenSourceOptions): Promise<DocumentSource> {
  const hit = entries.find((e) => e.bytes === bytes && e.password === opts.password);
  if (hit) return hit.source;
  const source = openSource(bytes, opts);
  // Note: a failed open is not cached; the next call reports the same coded error again.
  source.catch(() => {
    const i = entries.findIndex((e) => e.source === source);
    if (i >= 0) entries.splice(i, 1);
  });
  entries.unshift({ bytes, password: opts.password, source });
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
