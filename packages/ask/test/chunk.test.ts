import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkDocument } from '../src/index.js';
import { filler, makeDoc } from './helpers.js';

test('chunks follow the heading hierarchy and carry their pages', () => {
  const doc = makeDoc([
    { blocks: [
      { type: 'header', text: 'ACME Annual Report' },
      { type: 'heading', level: 1, text: 'Introduction' },
      { type: 'paragraph', text: 'The introduction says hello.' },
      { type: 'heading', level: 2, text: 'Scope' },
      { type: 'paragraph', text: 'Scope covers the harbour.' },
    ] },
    { blocks: [
      { type: 'paragraph', text: 'Scope continues onto page two.' },
      { type: 'heading', level: 1, text: 'Methods' },
      { type: 'heading', level: 2, text: 'Sampling' },
      { type: 'paragraph', text: 'We sampled the meadow.' },
      { type: 'page-number', text: '2' },
    ] },
  ]);
  const chunks = chunkDocument(doc);
  assert.deepEqual(chunks.map((c) => c.headingPath), [['Introduction'], ['Introduction', 'Scope'], ['Methods', 'Sampling']]);
  assert.deepEqual(chunks.map((c) => c.pages), [[1], [1, 2], [2]]);
  assert.match(chunks[1]!.text, /^Scope\n\nScope covers the harbour\.\n\nScope continues onto page two\.$/);
  assert.ok(chunks[2]!.text.startsWith('Methods\n\nSampling'), 'consecutive headings share one chunk');
  assert.ok(chunks.every((c) => !c.text.includes('ACME') && !/\n2$/.test(c.text)), 'running header and page number left out');
  assert.deepEqual(chunks.map((c) => c.id), ['c0001', 'c0002', 'c0003']);
});

test('chunks are bounded and cut between sentences', () => {
  const long = filler(3, 60); // ~3,000 characters, one paragraph
  const doc = makeDoc([{ blocks: [{ type: 'heading', level: 1, text: 'Long' }, { type: 'paragraph', text: long }, { type: 'paragraph', text: filler(4, 5) }] }]);
  const max = 500;
  const chunks = chunkDocument(doc, { maxChars: max });
  assert.ok(chunks.length >= 6, `expected several chunks, got ${chunks.length}`);
  for (const c of chunks) {
    assert.ok(c.text.length <= max, `chunk of ${c.text.length} chars`);
    assert.match(c.text, /\.$/, `chunk ends mid-sentence: …${c.text.slice(-30)}`);
    assert.deepEqual(c.headingPath, ['Long']);
  }
  // Nothing lost: the words of the document come back in order.
  const joined = chunks.map((c) => c.text).join(' ').replace(/\s+/g, ' ');
  assert.equal(joined, `Long ${long} ${filler(4, 5)}`.replace(/\s+/g, ' '));
});

test('a sentence longer than the bound is cut between words', () => {
  const sentence = `${Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ')}.`;
  const chunks = chunkDocument(makeDoc([{ blocks: [{ type: 'paragraph', text: sentence }] }]), { maxChars: 120 });
  assert.ok(chunks.length > 1);
  for (const c of chunks) {
    assert.ok(c.text.length <= 120);
    assert.match(c.text, /^word\d+/);
  }
});

test('a page without blocks is chunked from its Markdown', () => {
  const doc = makeDoc([{ markdown: '# Title\n\nFirst paragraph.\n\n## Part\n\nSecond paragraph.' }]);
  const chunks = chunkDocument(doc);
  assert.deepEqual(chunks.map((c) => [c.headingPath, c.text]), [
    [['Title'], 'Title\n\nFirst paragraph.'],
    [['Title', 'Part'], 'Part\n\nSecond paragraph.'],
  ]);
});

test('chunks never mix two articles, also where an article has no headline of its own', () => {
  const doc = makeDoc([
    { blocks: [
      { type: 'paragraph', text: 'End of an article that began on an earlier page.' },
      { type: 'heading', level: 2, text: 'Bern' },
      { type: 'paragraph', text: 'The council met today.' },
      { type: 'heading', level: 2, text: 'Zurich' },
      { type: 'paragraph', text: 'The lake froze over.' },
    ] },
  ]);
  doc.articles = [
    { title: '', pages: [0], blocks: [{ page: 0, block: 0 }], continued: true },
    { title: 'Bern', pages: [0], blocks: [{ page: 0, block: 1 }, { page: 0, block: 2 }] },
    { title: 'Zurich', pages: [0], blocks: [{ page: 0, block: 3 }, { page: 0, block: 4 }] },
  ];
  const chunks = chunkDocument(doc);
  assert.deepEqual(chunks.map((c) => c.article), [0, 1, 2]);
  assert.deepEqual(chunks.map((c) => c.text), ['End of an article that began on an earlier page.', 'Bern\n\nThe council met today.', 'Zurich\n\nThe lake froze over.']);
  // Without articles the untitled text and the first article may share a chunk as before, and no chunk names an article.
  delete doc.articles;
  assert.ok(chunkDocument(doc).every((c) => c.article === undefined));
});
