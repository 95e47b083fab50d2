/**
 * The named answer checks on model pages: each defect is found by `checkModelAnswer` without changing
 * anything, and repaired by `markdownToBlocks` (which reports it in `defects`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkModelAnswer, markdownToBlocks } from '../src/index.js';

const PAGE = { width: 612, height: 792 };
const defects = (md: string) => checkModelAnswer(md).map((f) => f.defect);
const shapes = (md: string) => markdownToBlocks(md, PAGE).blocks.map((b) => [b.type, b.text]);

const SOUND = [
  '# Annual Report',
  '',
  'The committee met twelve times this year and approved the budget.',
  '',
  '```python',
  'def total(xs):',
  '    return sum(xs)',
  '```',
  '',
  '| Item | Cost |',
  '|---|---|',
  '| Books | 12 |',
  '| Books | 12 |',
  '| Pens | 3 |',
  '',
  '<table><tr><th colspan="2">Budget</th></tr><tr><td>A</td><td>1</td></tr></table>',
  '',
  'Thank you. Thank you.',
].join('\n');

test('a sound page has no findings and loses nothing', () => {
  assert.deepEqual(checkModelAnswer(SOUND), []);
  const { defects: repaired, blocks } = markdownToBlocks(SOUND, PAGE);
  assert.deepEqual(repaired, []);
  assert.equal(blocks.length, 6);
});

test('unclosed_fence: a fence opened mid-page is closed where the code ends, the rest is Markdown again', () => {
  const md = [
    '# Setup',
    '',
    'Install the tool first.',
    '',
    '```sh',
    'npm install docmill',
    'npx docmill convert in.pdf',
    '',
    '## Usage',
    '',
    'The converter writes one Markdown file for every input document it reads.',
    '',
    '| Flag | Meaning |',
    '|---|---|',
    '| -o | output |',
  ].join('\n');
  assert.deepEqual(defects(md), ['unclosed_fence']);
  const { blocks, defects: repaired } = markdownToBlocks(md, PAGE);
  assert.deepEqual(repaired, ['unclosed_fence']);
  assert.deepEqual(blocks.map((b) => b.type), ['heading', 'paragraph', 'code', 'heading', 'paragraph', 'table']);
  assert.equal(blocks[2]!.text, 'npm install docmill\nnpx docmill convert in.pdf');
  assert.deepEqual(blocks[5]!.rows, [['Flag', 'Meaning'], ['-o', 'output']]);
  // a closed fence, and an unclosed one that holds only code at the end of the page, keep their code
  assert.deepEqual(defects('Intro text.\n\n```js\nconst a = 1;\n```\n\nAfter.'), []);
  assert.deepEqual(shapes('Intro text.\n\n```js\nconst a = 1;\n\nfoo(a);'), [['paragraph', 'Intro text.'], ['code', 'const a = 1;\n\nfoo(a);']]);
});

test('repetition: a repeated paragraph in the middle of the page is found and dropped', () => {
  const para = 'The committee approved the budget for the new library after a long debate about its costs.';
  const md = ['# Minutes', '', para, '', 'Members present: twelve.', '', para, '', 'The meeting closed at noon.'].join('\n');
  assert.deepEqual(defects(md), ['repetition']);
  assert.deepEqual(shapes(md), [['heading', 'Minutes'], ['paragraph', para], ['paragraph', 'Members present: twelve.'], ['paragraph', 'The meeting closed at noon.']]);
});

test('repetition: a run of sentences repeated inside a paragraph, and a word n-gram loop in the middle', () => {
  const run = 'Sales rose in the north. Costs fell in the south. ';
  const md = `# Results\n\nThe year was good. ${run.repeat(4)}Next year looks better.\n\nEnd.`;
  assert.deepEqual(defects(md), ['repetition']);
  assert.deepEqual(shapes(md)[1], ['paragraph', `The year was good. ${run}Next year looks better.`]);
  const loop = `Totals: ${'and the total is '.repeat(40)}twelve.\n\nSigned, the treasurer.`;
  assert.deepEqual(defects(loop), ['repetition']);
  assert.deepEqual(shapes(loop), [['paragraph', 'Totals: and the total is twelve.'], ['paragraph', 'Signed, the treasurer.']]);
});

test('duplicate_rows: 40 identical rows become one; a few identical rows stay', () => {
  const rows = ['| Region | Q1 | Q2 |', '|---|---|---|', '| North | 12 | 14 |', ...Array.from({ length: 40 }, () => '| South | 9 | 11 |'), '| East | 3 | 4 |'];
  const md = `Sales by region.\n\n${rows.join('\n')}\n`;
  assert.deepEqual(defects(md), ['duplicate_rows']);
  const table = markdownToBlocks(md, PAGE).blocks[1]!;
  assert.deepEqual(table.rows, [['Region', 'Q1', 'Q2'], ['North', '12', '14'], ['South', '9', '11'], ['East', '3', '4']]);
  const few = `| a | b |\n|---|---|\n${'| 0 | 0 |\n'.repeat(4)}`;
  assert.deepEqual(defects(few), []);
  const form = `| Name | Signature |\n|---|---|\n${'| ____ | ____ |\n'.repeat(8)}`;
  assert.deepEqual(defects(form), []);
});

test('truncated_html: an HTML table cut off before </table> is found and closed with the rows it has', () => {
  const md = '# Budget\n\n<table>\n<tr><th>Item</th><th>Cost</th></tr>\n<tr><td>Books</td><td>12</td></tr>\n<tr><td>Pens</td><td>3';
  assert.deepEqual(defects(md), ['truncated_html']);
  const { blocks, defects: repaired } = markdownToBlocks(md, PAGE);
  assert.deepEqual(repaired, ['truncated_html']);
  assert.deepEqual(blocks[1]!.rows, [['Item', 'Cost'], ['Books', '12'], ['Pens', '3']]);
  // the same table closed is sound
  assert.deepEqual(defects(`${md}</td></tr>\n</table>`), []);
});

test('a checked answer is parsed once: markdownToBlocks after checkModelAnswer gives what a fresh parse gives, every time', () => {
  const md = `# Minutes\n\n${'| a | b |\n|---|---|\n'}${'| x | 1 |\n'.repeat(8)}\n\nDone.`;
  const fresh = markdownToBlocks(md, PAGE);
  assert.deepEqual(checkModelAnswer(md).map((f) => f.defect), ['duplicate_rows']);
  assert.deepEqual(markdownToBlocks(md, PAGE), fresh);
  // the tree handed over was repaired in place: the next call must not see it
  assert.deepEqual(markdownToBlocks(md, PAGE), fresh);
  assert.deepEqual(fresh.blocks[1]!.rows, [['a', 'b'], ['x', '1']]);
});
