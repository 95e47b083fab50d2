import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentResult, PageResult } from '@docmill/core';
import { ResultFileWriter, writeResult } from '../src/outputs.js';

const page = (index: number, text: string): PageResult => ({
  index, dimensions: { width: 612, height: 792, dpi: 72 }, blocks: [{ type: 'paragraph', text, bbox: [1, 2, 3, 4] }], path: 'text', engine: 'local',
  flags: [], confidence: 1, markdown: text, images: [], removed: [{ type: 'footer', text: String(index + 1) }],
});

/** A result whose Markdown needs every kind of JSON escape: quotes, backslashes, control characters, non-BMP characters. */
function result(): DocumentResult {
  const markdown = '<!-- page 1 -->\n\n# Title "quoted" \\ back\tslash\n\nEmoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u0001 control, ü, \u2028 separator.\n\n<!-- page 2 -->\n\nEnd.\n';
  return {
    source: { path: 'in/x.pdf', sha256: 'b'.repeat(64), pages: 2, mime: 'application/pdf', bytes: 99 },
    pages: [page(0, 'Title "quoted" 😀'), page(1, 'End.')],
    markdown,
    articles: [{ title: 'Title', pages: [0, 1], blocks: [{ page: 0, block: 0 }, { page: 1, block: 0 }] }],
    usage: { pages: 2, pagesText: 2, pagesOcr: 0, pagesVision: 0, pagesFailed: 0, pagesFallback: 0, promptTokens: 0, imageTokens: 0, completionTokens: 0, seconds: 0.5 },
    producer: { name: 'docmill', version: '0.0.0', optionsHash: 'h' },
    degraded: { reason: 'none really', share: 0.5 },
  };
}

test('ResultFileWriter writes the same X.md and X.json as writeResult, and leaves no temporary file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'docmill-writer-'));
  try {
    const r = result();
    await writeResult({ markdown: join(dir, 'a.md'), json: join(dir, 'a.json') }, r);
    const w = await ResultFileWriter.open({ markdown: join(dir, 'b.md'), json: join(dir, 'b.json') });
    try {
      // Pieces cut at code points (never inside a surrogate pair), pages one by one.
      const chars = [...r.markdown];
      for (let i = 0; i < chars.length; i += 7) await w.markdown(chars.slice(i, i + 7).join(''));
      for (const p of r.pages) await w.page(p);
      const { pages: _p, markdown: _m, ...head } = r;
      await w.commit(head);
    } finally {
      await w.discard();
    }
    assert.equal(await readFile(join(dir, 'b.md'), 'utf8'), await readFile(join(dir, 'a.md'), 'utf8'));
    assert.equal(await readFile(join(dir, 'b.json'), 'utf8'), await readFile(join(dir, 'a.json'), 'utf8'));
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'b.json'), 'utf8')), JSON.parse(JSON.stringify(r)));
    assert.deepEqual((await readdir(dir)).sort(), ['a.json', 'a.md', 'b.json', 'b.md']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('ResultFileWriter discarded before commit leaves neither outputs nor temporary files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'docmill-writer-'));
  try {
    const w = await ResultFileWriter.open({ markdown: join(dir, 'c.md'), json: join(dir, 'c.json') });
    await w.markdown('half a document');
    await w.page(page(0, 'x'));
    await w.discard();
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
