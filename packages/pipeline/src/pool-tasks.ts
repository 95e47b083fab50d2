import type { RenderRequest } from '@docmill/core';
import type { ConvertOptions } from './options.js';

/** The work a pool thread does; every kind is a plain stage function of this package. */
export type PoolTask =
  | { kind: 'ingest'; opts: ConvertOptions }
  | { kind: 'local'; index: number; opts: ConvertOptions; imageDpi?: number }
  | { kind: 'prepare'; index: number; opts: ConvertOptions; longestSide: number }
  | { kind: 'render'; index: number; opts: ConvertOptions; req: RenderRequest };

/** A message from the pool to a thread. */
export interface PoolRequest {
  id: number;
  /** The document: its id and, the first time a thread sees it, its bytes (shared, not copied). */
  docId: string;
  bytes?: SharedArrayBuffer;
  task: PoolTask;
}

export type PoolReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: string; message: string } } | { id: number; needBytes: true };
