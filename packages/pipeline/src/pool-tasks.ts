import type { RenderRequest } from '@docmill/core';
import type { ConvertOptions } from './options.js';

/** The work a pool thread does; every kind is a plain stage function of this package. */
export type PoolTask =
  | { kind: 'ingest'; opts: ConvertOptions }
  | { kind: 'local'; index: number; opts: ConvertOptions; imageDpi?: number }
  | { kind: 'prepare'; index: number; opts: ConvertOptions; longestSide: number }
  | { kind: 'render'; index: number; opts: ConvertOptions; req: RenderRequest };

/** Where a thread reads a document: bytes in shared memory, or a file it reads by ranges itself. */
export type PoolInput = { bytes: SharedArrayBuffer } | { path: string };

/** A document given to the pool: any string unique per input, and where to read it. */
export type PoolDocument = { id: string } & PoolInput;

/** A message from the pool to a thread. */
export interface PoolRequest {
  id: number;
  /** The document: its id and, the first time a thread sees it, where to read it (shared bytes, not copied, or a file's path). */
  docId: string;
  input?: PoolInput;
  task: PoolTask;
}

export type PoolReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: string; message: string } } | { id: number; needBytes: true };
