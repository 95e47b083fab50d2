import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, type PageDraft } from '@docmill/core';
import { makeNumberedPages } from '@docmill/fixtures';
import { PagePool, assembleDocument, closeCachedSources, convertDocument } from '../src/index.js';
import type { IngestInfo } from '../src/ingest.js';

// Configuration is loaded once by the entry point (CLI command, API server, worker process) and
// passed down: these tests set the environment to something else and check that it is not read.

const pool = new PagePool({ size: 2 });
after(async () => {
  await pool.close();
  await closeCachedSources();
});

/** Runs `fn` with `vars` set in process.env, then puts the environment back. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test('convertDocument takes its page limit from the configuration it is given, not from the environment', async () => {
  const bytes = await makeNumberedPages(3);
  await withEnv({ DOCMILL_MAX_PAGES: '1' }, async () => {
    const result = await convertDocument(bytes, { pool, config: loadConfig({ DOCMILL_MAX_PAGES: '5' }) });
    assert.equal(result.pages.length, 3);
    await assert.rejects(convertDocument(bytes, { pool, config: loadConfig({ DOCMILL_MAX_PAGES: '2' }) }), (e: { code?: string }) => e.code === 'DOCMILL_ERR_INPUT_TOO_MANY_PAGES');
  });
});

test('convertDocument reports a degraded document by the configuration\'s DOCMILL_DEGRADED_SHARE', async () => {
  const bytes = await makeNumberedPages(2);
  await withEnv({ DOCMILL_DEGRADED_SHARE: '0.1' }, async () => {
    // Every page over its time limit: a share of 1, which only a limit of 1 lets pass.
    const tolerant = await convertDocument(bytes, { pool, pageTimeoutMs: 1, config: loadConfig({ DOCMILL_DEGRADED_SHARE: '1' }) });
    assert.equal(tolerant.usage.pagesFailed, 2);
    assert.equal(tolerant.degraded, undefined);
    const strict = await convertDocument(bytes, { pool, pageTimeoutMs: 1, config: loadConfig({ DOCMILL_DEGRADED_SHARE: '0.5' }) });
    assert.deepEqual(strict.degraded?.share, 1);
  });
});

test('assembleDocument without a degradedShare uses the default (0.1), whatever the environment says', async () => {
  const page = (index: number, failed: boolean): PageDraft => ({
    index, dimensions: { width: 612, height: 792, dpi: 72 }, blocks: failed ? [] : [{ type: 'paragraph', text: `Page ${index + 1}.`, bbox: [72, 100, 540, 112], fontSize: 10 }],
    path: failed ? 'none' : 'text', engine: 'local', flags: failed ? ['error'] : [], confidence: failed ? 0 : 1,
    ...(failed ? { error: { code: 'DOCMILL_ERR_PAGE_FAILED', message: 'broken' } } : {}),
  });
  const drafts = [page(0, true), page(1, false), page(2, false), page(3, false)];
  const info: IngestInfo = { sha256: 'b'.repeat(64), mime: 'application/pdf', bytes: 100, pageCount: 4, selected: [0, 1, 2, 3] };
  await withEnv({ DOCMILL_DEGRADED_SHARE: '0.5' }, async () => {
    assert.equal(assembleDocument(info, drafts).degraded?.share, 0.25);
    assert.equal(assembleDocument(info, drafts, { degradedShare: 0.5 }).degraded, undefined);
  });
});
