import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { FsStore } from '@docmill/store';
import { JobService, startWorkers, type JobEvent, type JobRecord, type RunningWorkers, type StartWorkersOptions } from '../src/index.js';
import { silentLogger } from '@docmill/core';
import { PagePool } from '@docmill/pipeline';
import { deleteKeys } from '@docmill/fixtures';

let pool: PagePool | undefined;

/** One pool of page threads for a whole test file (threads start slowly); close it in an after() hook. */
export function sharedPool(): PagePool {
  pool ??= new PagePool({ size: 2 });
  return pool;
}

export async function closeSharedPool(): Promise<void> {
  await pool?.close();
  pool = undefined;
}

export const REDIS_URL = process.env.DOCMILL_REDIS_URL ?? 'redis://127.0.0.1:6379';

const WORDS = 'alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega river stone field light paper'.split(' ');

/**
 * A born-digital PDF of `pages` pages: a running header and footer on each, a
 * heading, two paragraphs and a short list whose words depend on the page, so
 * each page's Markdown is different and checkable.
 */
export async function makeDocument(pages: number, seed = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    const draw = (text: string, x: number, y: number, size: number, font = regular) => page.drawText(text, { x, y, size, font, color: rgb(0, 0, 0) });
    draw('Docmill test report', 72, 800, 9);
    draw(`Section ${p + 1}: ${WORDS[(p + seed) % WORDS.length]} results`, 72, 740, 18, bold);
    let y = 700;
    for (let para = 0; para < 2; para++) {
      for (let line = 0; line < 4; line++) {
        const words = Array.from({ length: 11 }, (_, i) => WORDS[(p * 7 + para * 5 + line * 3 + i + seed) % WORDS.length]);
        draw(`${words.join(' ')}${line === 3 ? '.' : ''}`, 72, y, 11);
        y -= 14;
      }
      y -= 12;
    }
    for (let item = 0; item < 3; item++) {
      draw(`\u2022 item ${item + 1} on page ${p + 1}`, 84, y, 11);
      y -= 14;
    }
    draw(`Page ${p + 1}`, 290, 40, 9);
  }
  return doc.save();
}

/** Bytes that start like a PDF and are not one. */
export function brokenPdf(): Uint8Array {
  return new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF garbage garbage');
}

export interface Harness {
  prefix: string;
  store: FsStore;
  storeRoot: string;
  service: JobService;
  redis: Redis;
  startWorkers(extra?: Partial<StartWorkersOptions>): Promise<RunningWorkers>;
}

/**
 * A private world for one test: its own queue/key prefix on the test Redis, its
 * own store directory, a JobService; everything is closed and deleted afterwards.
 */
export async function harness(t: { after: (fn: () => Promise<void>) => void }, opts: { secretKey?: string } = {}): Promise<Harness> {
  const prefix = `dmtest-${randomBytes(6).toString('hex')}`;
  const storeRoot = await mkdtemp(join(tmpdir(), 'docmill-jobs-'));
  const store = new FsStore(storeRoot);
  const service = new JobService({ redisUrl: REDIS_URL, store, prefix, logger: silentLogger, ...opts });
  const redis = new Redis(REDIS_URL);
  const running: RunningWorkers[] = [];
  t.after(async () => {
    await Promise.allSettled(running.map((r) => r.close()));
    await service.close();
    await deleteKeys(redis, prefix);
    redis.disconnect();
    await rm(storeRoot, { recursive: true, force: true });
  });
  return {
    prefix, store, storeRoot, service, redis,
    async startWorkers(extra = {}) {
      const w = await startWorkers({
        queues: ['ingest', 'page', 'assemble', 'webhook'], redisUrl: REDIS_URL, store, prefix, logger: silentLogger,
        pool: sharedPool(), ...extra,
      });
      running.push(w);
      return w;
    },
  };
}

/** Follows a job's events to its final state; returns every event and the final record. */
export async function follow(service: JobService, tenant: string, id: string): Promise<{ events: JobEvent[]; final: JobRecord }> {
  const events: JobEvent[] = [];
  for await (const ev of service.events(tenant, id)) events.push(ev);
  const last = events.at(-1);
  if (!last || last.type !== 'status') throw new Error('the event stream ended without a status');
  return { events, final: last.job };
}
