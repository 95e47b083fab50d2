import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block } from '@docmill/core';
import { findArticles } from '../src/index.js';

const b = (type: Block['type'], text: string): Block => ({ type, text, bbox: [0, 0, 10, 10] });

test('articles: each headline with the blocks after it until the next headline', () => {
  const pages = [
    { index: 0, blocks: [
      b('paragraph', 'ended here.'),
      b('heading', 'Der Krieg in Norwegen'), b('heading', 'Kämpfe bei Dombås'),
      b('paragraph', 'Oslo, 28. April.'), b('paragraph', 'Die Truppen rücken vor'),
      b('page-number', '5'),
      b('heading', 'Feuilleton'), b('paragraph', 'Ein Abend am See.'),
    ] },
    { index: 1, continuesPrevious: true, blocks: [b('paragraph', 'und der Abend ging zu Ende.'), b('heading', 'Börse'), b('table', 'a\tb')] },
  ];
  const arts = findArticles(pages);
  assert.deepEqual(arts.map((a) => a.title), ['', 'Der Krieg in Norwegen', 'Feuilleton', 'Börse']);
  assert.equal(arts[0]!.continued, true);
  assert.equal(arts[1]!.continued, undefined);
  // The sub-headline stays with its headline; the page number is nobody's text.
  assert.deepEqual(arts[1]!.blocks, [1, 2, 3, 4].map((block) => ({ page: 0, block })));
  // The feuilleton runs on over the page break.
  assert.deepEqual(arts[2]!.pages, [0, 1]);
  assert.deepEqual(arts[2]!.blocks, [{ page: 0, block: 6 }, { page: 0, block: 7 }, { page: 1, block: 0 }]);
  assert.deepEqual(arts[3]!.blocks, [{ page: 1, block: 1 }, { page: 1, block: 2 }]);
});

test('articles: none without headlines; pages that are not neighbours do not run on', () => {
  assert.deepEqual(findArticles([{ index: 0, blocks: [b('paragraph', 'Only text.')] }]), []);
  const arts = findArticles([
    { index: 0, blocks: [b('heading', 'One'), b('paragraph', 'text')] },
    { index: 4, blocks: [b('paragraph', 'from a page not converted'), b('heading', 'Two')] },
  ]);
  assert.deepEqual(arts.map((a) => [a.title, a.continued ?? false, a.pages]), [['One', false, [0]], ['', true, [4]], ['Two', false, [4]]]);
});
