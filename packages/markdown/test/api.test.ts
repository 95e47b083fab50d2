import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as markdown from '../src/index.js';

test('public API of @docmill/markdown is pinned', () => {
  assert.deepEqual(Object.keys(markdown).sort(), [
    'DocumentMarkdownWriter', 'blocksToMdast', 'checkModelAnswer', 'checkModelTree', 'cleanModelTree', 'documentMarkdown', 'markdownToBlocks', 'pageMarkdown', 'stitchTileAnswers', 'stringifyMarkdown',
  ]);
});
