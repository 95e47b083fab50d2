import type { DocumentResult } from '@docmill/core';
import { jobKeys, type Store } from '@docmill/store';
import type { JobRecord } from './types.js';

/** What `jobs/<id>/manifest.json` holds: the job's final state and per-page flags. Written last. */
export interface Manifest {
  jobId: string;
  status: JobRecord['status'];
  sha256: string;
  options: JobRecord['options'];
  engine: JobRecord['engine'];
  timings: JobRecord['timings'];
  usage?: JobRecord['usage'];
  degraded?: JobRecord['degraded'];
  reused?: JobRecord['reused'];
  pages: Array<{ index: number; flags: string[]; path: string; engine: string; error?: { code: string; message: string }; fallback?: { from: string; reason: string } }>;
  producer?: DocumentResult['producer'];
  finishedAt: string;
}

/**
 * Writes a finished document: document.json and document.md first, the manifest last,
 * so a crash in between leaves a job without a manifest, which never reads as complete.
 * @param store the result store
 * @param record the job's record as it will be final (status succeeded)
 * @param doc the assembled document
 */
export async function writeResult(store: Store, record: JobRecord, doc: DocumentResult): Promise<void> {
  const k = jobKeys(record.id);
  await store.put(k.json, JSON.stringify(doc), 'application/json');
  await store.put(k.markdown, doc.markdown, 'text/markdown; charset=utf-8');
  await store.put(k.manifest, JSON.stringify(manifestOf(record, doc), null, 2), 'application/json');
}

/**
 * Copies a finished job's stored objects (document, pages, chunks) to a new job and writes its manifest last.
 * @param fromId the finished job
 * @param record the new job's record (reused)
 */
export async function copyResult(store: Store, fromId: string, record: JobRecord): Promise<void> {
  const from = jobKeys(fromId);
  const to = jobKeys(record.id);
  let doc: DocumentResult | undefined;
  for (const key of await store.list(from.prefix)) {
    if (key === from.manifest) continue;
    const data = await store.get(key);
    if (!data) continue;
    if (key === from.json) doc = JSON.parse(data.toString('utf8')) as DocumentResult;
    await store.put(to.prefix + key.slice(from.prefix.length), data);
  }
  await store.put(to.manifest, JSON.stringify(manifestOf(record, doc), null, 2), 'application/json');
}

export function manifestOf(record: JobRecord, doc: DocumentResult | undefined): Manifest {
  return {
    jobId: record.id, status: record.status, sha256: record.sha256, options: record.options, engine: record.engine,
    timings: record.timings,
    ...(record.usage ? { usage: record.usage } : {}),
    ...(record.degraded ? { degraded: record.degraded } : {}),
    ...(record.reused ? { reused: record.reused } : {}),
    pages: (doc?.pages ?? []).map((p) => ({
      index: p.index, flags: p.flags, path: p.path, engine: p.engine,
      ...(p.error ? { error: p.error } : {}), ...(p.fallback ? { fallback: p.fallback } : {}),
    })),
    ...(doc ? { producer: doc.producer } : {}),
    finishedAt: record.finishedAt ?? new Date().toISOString(),
  };
}
