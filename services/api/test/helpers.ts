import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { SseParser, loadConfig, silentLogger, type Config, type SseEvent } from '@docmill/core';
import { JobService, startWorkers, type RunningWorkers } from '@docmill/jobs';
import { FsStore } from '@docmill/store';
import { ApiKeys, type ApiKeyEntry } from '../src/auth.js';
import { buildApp, type BuildAppOptions } from '../src/app.js';
import { deleteKeys } from '@docmill/fixtures';

export const REDIS_URL = process.env.DOCMILL_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const KEYS: ApiKeyEntry[] = [
  { key: 'key-acme-0001', tenant: 'acme', webhookSecret: 'acme-webhook-secret' },
  { key: 'key-globex-01', tenant: 'globex' },
  { key: 'key-slow-0001', tenant: 'slowpoke', ratePerMinute: 3 },
];
export const ACME = { authorization: 'Bearer key-acme-0001' };
export const GLOBEX = { authorization: 'Bearer key-globex-01' };

/**
 * A born-digital PDF whose pages each carry a heading and text naming the page,
 * so results are checkable page by page.
 */
export async function makePdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Chapter ${p}: the ${['red', 'green', 'blue', 'amber', 'violet'][p % 5]} ledger`, { x: 72, y: 740, size: 18, font: bold });
    let y = 700;
    for (let line = 0; line < 6; line++) {
      page.drawText(`Line ${line + 1} of page ${p} records ${p * 10 + line} crates of paper and ${line + 2} stones${line === 5 ? '.' : ''}`, { x: 72, y, size: 11, font });
      y -= 15;
    }
  }
  return doc.save();
}

export interface World {
  app: FastifyInstance;
  jobs: JobService;
  config: Config;
  store: FsStore;
  prefix: string;
  /** Base URL once listen() ran. */
  base: string;
  listen(): Promise<string>;
  startWorkers(): Promise<RunningWorkers>;
}

/**
 * A private world for API tests: its own queue/key prefix on the test Redis,
 * its own store directory, a real JobService and the app; workers on demand
 * (in-process, the real processors). Everything is closed and deleted after the test.
 * @param env configuration overrides (DOCMILL_MAX_BYTES, DOCMILL_ALLOW_PRIVATE_URLS…)
 * @param app extra buildApp options
 */
export async function world(t: { after: (fn: () => Promise<void>) => void }, env: Record<string, string> = {}, app: Partial<BuildAppOptions> = {}): Promise<World> {
  const prefix = `dmapi-${randomBytes(6).toString('hex')}`;
  const root = await mkdtemp(join(tmpdir(), 'docmill-api-'));
  const store = new FsStore(root);
  const redisUrl = env.DOCMILL_REDIS_URL ?? REDIS_URL;
  const config = loadConfig({ DOCMILL_REDIS_URL: redisUrl, DOCMILL_QUEUE_PREFIX: prefix, DOCMILL_STORE: root, ...env });
  const jobs = new JobService({ redisUrl, store, prefix, logger: silentLogger });
  const instance = buildApp({ jobs, config, apiKeys: new ApiKeys(KEYS), ...app });
  const workers: RunningWorkers[] = [];
  t.after(async () => {
    await instance.close();
    await Promise.allSettled(workers.map((w) => w.close()));
    await jobs.close();
    if (redisUrl === REDIS_URL) {
      const redis = new Redis(REDIS_URL);
      await deleteKeys(redis, prefix);
      redis.disconnect();
    }
    await rm(root, { recursive: true, force: true });
  });
  const w: World = {
    app: instance,
    jobs,
    config,
    store,
    prefix,
    base: '',
    async listen() {
      w.base = await instance.listen({ host: '127.0.0.1', port: 0 });
      return w.base;
    },
    async startWorkers() {
      const running = await startWorkers({ queues: ['ingest', 'page', 'assemble', 'webhook', 'answer'], redisUrl, store, prefix, logger: silentLogger, poolSize: 2, config });
      workers.push(running);
      return running;
    },
  };
  return w;
}

/** A TCP port nothing listens on. */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

/**
 * Follows a server-sent event stream over a real HTTP connection.
 * @param url the events URL
 * @param headers request headers (the API key)
 * @param until stop (and disconnect) once this returns true for the events and comments so far
 * @param seen called after every chunk with the events so far (keeps listening)
 * Resolves with the events, the comment lines and the response when the server
 * ends the stream (or `until` said so).
 */
export function followSse(
  url: string,
  headers: Record<string, string>,
  until?: (events: SseEvent[], comments: string[]) => boolean,
  seen?: (events: SseEvent[]) => void,
): Promise<{ events: SseEvent[]; comments: string[]; res: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const parser = new SseParser((c) => comments.push(c));
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        resolve({ events, comments, res });
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        events.push(...parser.push(chunk));
        seen?.(events);
        if (until?.(events, comments)) {
          finish();
          req.destroy();
        }
      });
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', reject);
    });
    req.on('error', (e) => (until ? undefined : reject(e)));
    req.end();
  });
}
