// API memory under concurrent endless URL downloads (issue 15 row 3):
//   node --import @docmill/core/loader bench/api-memory.ts [--downloads 4] [--max-mb 256]
// Starts its own redis-server on a free port, a local HTTP server that streams a
// "PDF" forever, and the API in this process (buildApp, listening on port 0);
// posts `--downloads` URL jobs at once and samples this process's RSS every 100 ms
// until every one is refused at DOCMILL_MAX_BYTES (413). Not part of `npm test`.
import { createServer } from 'node:http';
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig, silentLogger } from '@docmill/core';
import { JobService } from '@docmill/jobs';
import { FsStore } from '@docmill/store';
import { buildApp, ApiKeys } from '../services/api/src/index.js';
import { PrivateRedis, tempDir } from '../test/jobs/helpers.js';

const { values } = parseArgs({ options: { downloads: { type: 'string', default: '4' }, 'max-mb': { type: 'string', default: '256' } } });
const downloads = Number(values.downloads);
const maxBytes = Number(values['max-mb']) * 1024 * 1024;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const redis = await PrivateRedis.start();
const root = await tempDir('docmill-bench-mem-');
const chunk = Buffer.alloc(256 * 1024, 0x20);
const endless = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/pdf' });
  res.write('%PDF-1.7\n');
  const pump = () => {
    while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', pump);
  };
  pump();
});
await new Promise<void>((r) => endless.listen(0, '127.0.0.1', r));
const port = (endless.address() as { port: number }).port;

const config = loadConfig({
  DOCMILL_REDIS_URL: redis.url, DOCMILL_STORE: root, DOCMILL_QUEUE_PREFIX: 'bench', DOCMILL_ALLOW_PRIVATE_URLS: '1',
  DOCMILL_MAX_BYTES: String(maxBytes), DOCMILL_URL_TIMEOUT_MS: '600000',
});
const jobs = new JobService({ redisUrl: redis.url, store: new FsStore(root), prefix: 'bench', logger: silentLogger });
const app = buildApp({ jobs, config, apiKeys: new ApiKeys([{ key: 'bench-key-0001', tenant: 'bench' }]) });
const base = await app.listen({ host: '127.0.0.1', port: 0 });

global.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 100);
const started = Date.now();
const statuses = await Promise.all(Array.from({ length: downloads }, async (_, i) => {
  const res = await fetch(`${base}/v1/jobs`, {
    method: 'POST', headers: { authorization: 'Bearer bench-key-0001', 'content-type': 'application/json' },
    body: JSON.stringify({ url: `http://127.0.0.1:${port}/endless-${i}.pdf` }),
  });
  await res.arrayBuffer();
  return res.status;
}));
const seconds = (Date.now() - started) / 1000;
clearInterval(sampler);
global.gc?.();
const after = process.memoryUsage().rss;

console.log(`${downloads} concurrent endless downloads, limit ${mb(maxBytes)} each (${mb(downloads * maxBytes)} streamed in ${seconds.toFixed(1)} s)`);
console.log(`answers: ${statuses.join(', ')}`);
console.log(`RSS before ${mb(before)}, peak ${mb(peak)} (+${mb(peak - before)}), after ${mb(after)}`);

await app.close();
await jobs.close();
endless.closeAllConnections();
endless.close();
await redis.stop();
await rm(root, { recursive: true, force: true });
