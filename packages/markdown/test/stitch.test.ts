import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownToBlocks, stitchTileAnswers } from '../src/index.js';

const texts = (md: string) => markdownToBlocks(md, { width: 612, height: 792 }).blocks.map((b) => b.text);

test('stitchTileAnswers: blocks in the overlap are kept once, the cut blocks joined', () => {
  const upper = '# Title\n\nAlpha beta gamma delta epsilon zeta.\n\n## Heading\n\nEta theta iota';
  const lower = 'gamma delta epsilon zeta.\n\n## Heading\n\nEta theta iota kappa lambda.\n\nLast words.';
  const { markdown, seams } = stitchTileAnswers([[upper, lower]]);
  assert.equal(seams, 1);
  assert.deepEqual(texts(markdown), ['Title', 'Alpha beta gamma delta epsilon zeta.', 'Heading', 'Eta theta iota kappa lambda.', 'Last words.']);
});

test('stitchTileAnswers: a paragraph cut by both edges is joined on its shared words; bands follow each other', () => {
  const { markdown, seams } = stitchTileAnswers([
    ['Second paragraph starts here and goes on', 'starts here and goes on to the end of it.'],
    ['Another band.'],
  ]);
  assert.equal(seams, 1);
  assert.deepEqual(texts(markdown), ['Second paragraph starts here and goes on to the end of it.', 'Another band.']);
  // nothing shared: both kept, in order
  const apart = stitchTileAnswers([['One thing.', 'Another thing.']]);
  assert.equal(apart.seams, 0);
  assert.deepEqual(texts(apart.markdown), ['One thing.', 'Another thing.']);
});

test('stitchTileAnswers: a line half cut by the edge and read differently by the two tiles is joined once', () => {
  // the upper tile saw the bottom line half cut ("rep4ir th"), the lower one the top line half cut ("sailed from")
  const upper = 'The council met on Monday and agreed to repair the bridge before winter, rep4ir th';
  const lower = 'sailed from agreed to repair the bridge before winter, and to pave the square.';
  const { markdown, seams } = stitchTileAnswers([[upper, lower]]);
  assert.equal(seams, 1);
  assert.deepEqual(texts(markdown), ['The council met on Monday and agreed to repair the bridge before winter, and to pave the square.']);
});
