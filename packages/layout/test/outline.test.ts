import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextSpan } from '@docmill/core';
import { applyOutline, assembleBlocks, layoutPage } from '../src/index.js';
import { page, paragraph, prose, words } from './helpers.js';

/** A page of body-sized prose with a plain line ("Water wheels") above its second paragraph, all at 10 pt. */
function plainPage(index: number, title: string): TextSpan[] {
  const s: TextSpan[] = [];
  const a = paragraph(prose(index, 40), 72, 100, 468); s.push(...a.spans);
  s.push(...words(title, 72, a.y + 10));
  s.push(...paragraph(prose(index + 1, 40), 72, a.y + 30, 468).spans);
  return s;
}

test('outline entries make the blocks they name into headings of their depth; titles printed nowhere change nothing', () => {
  const blocks = layoutPage(page(plainPage(0, 'Water wheels')));
  assert.ok(blocks.every((b) => b.type === 'paragraph'), 'a plain body-sized line is a paragraph by itself');
  const before = JSON.stringify(blocks);
  applyOutline(blocks, [{ title: 'Cover', depth: 1 }, { title: 'p. 219', depth: 2 }]);
  assert.equal(JSON.stringify(blocks), before);
  applyOutline(blocks, [{ title: 'WATER WHEELS', depth: 2 }]);
  const h = blocks.find((b) => b.type === 'heading');
  assert.equal(h?.text, 'Water wheels');
  assert.equal(h?.outlineDepth, 2);
  // Assembly keeps it (body size, not bold, not numbered: without the outline it would be demoted)
  // and gives it its depth as level, one below a title that the outline does not list.
  const title = [...words('A Survey of Mills', 72, 60, { size: 20, bold: true }), ...plainPage(1, 'Mill races')];
  const second = layoutPage({ ...page(title), index: 1 });
  applyOutline(second, [{ title: 'Mill races', depth: 1 }]);
  const [p0, p1] = assembleBlocks([{ index: 0, width: 612, height: 792, blocks }, { index: 1, width: 612, height: 792, blocks: second }]);
  assert.deepEqual(p0!.blocks.filter((b) => b.type === 'heading').map((b) => [b.text, b.level]), [['Water wheels', 3]]);
  assert.deepEqual(p1!.blocks.filter((b) => b.type === 'heading').map((b) => [b.text, b.level]), [['A Survey of Mills', 1], ['Mill races', 2]]);
});

test('a line the structure tree tags H2 is a heading of level 2, even at body size and not bold', () => {
  const s = plainPage(0, 'Water wheels').map((x) => (x.text === 'Water' || x.text === 'wheels' ? { ...x, heading: 2 } : x));
  const blocks = layoutPage(page(s));
  const [p] = assembleBlocks([{ index: 0, width: 612, height: 792, blocks }]);
  assert.deepEqual(p!.blocks.map((b) => [b.type, b.level]), [['paragraph', undefined], ['heading', 2], ['paragraph', undefined]]);
});

test('a line just above a tagged heading, set like it, is a block of its own (a running head), not part of the heading', () => {
  const s: TextSpan[] = [
    ...words('National Hydro Network, Data Model 2004-06', 72, 50),
    ...words('3.1.4.1 Hydrographic Water Areas', 72, 62).map((x) => ({ ...x, heading: 4 })),
  ];
  s.push(...paragraph(prose(3, 40), 72, 80, 468).spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.slice(0, 2).map((b) => b.text), ['National Hydro Network, Data Model 2004-06', '3.1.4.1 Hydrographic Water Areas']);
  assert.equal(blocks[1]!.type, 'heading');
});
