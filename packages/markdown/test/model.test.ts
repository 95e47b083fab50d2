import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block } from '@docmill/core';
import { cleanModelTree, markdownToBlocks } from '../src/index.js';
import { parse, strip, types } from './helpers.js';

const PAGE = { width: 612, height: 792 };

/** The parts of a block a test compares (bbox checked separately). */
function shape(b: Block): Record<string, unknown> {
  const out: Record<string, unknown> = { type: b.type, text: b.text };
  for (const k of ['level', 'ordered', 'marker', 'depth', 'rows', 'inlines', 'image'] as const) if (b[k] !== undefined) out[k] = b[k];
  return out;
}

test('a clean model page: headings, formatted paragraph, lists, GFM table, display and inline math, code, no warnings', () => {
  const answer = [
    '# 3. Methods',
    '',
    'We measured **twelve** samples with the *standard* protocol ([ISO 5725](https://www.iso.org/standard/69418.html)) and `pH` meters; the error is $\\sigma = 0.2$.',
    '',
    '## 3.1 Steps',
    '',
    '1. Calibrate the meter.',
    '2. Rinse:',
    '   - with water',
    '   - with buffer',
    '3. Measure.',
    '',
    '| Sample | pH | Temp (°C) |',
    '|:------|---:|:---:|',
    '| A | 7.1 | 21 |',
    '| B | 6.9 | 22 |',
    '',
    '$$',
    '\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i \\\\ s^2 = \\frac{1}{n-1}\\sum (x_i - \\bar{x})^2',
    '$$',
    '',
    '```python',
    'print(mean(xs))',
    '```',
  ].join('\n');
  const { blocks, warnings } = markdownToBlocks(answer, PAGE);
  assert.deepEqual(warnings, []);
  assert.deepEqual(blocks.map(shape), [
    { type: 'heading', text: '3. Methods', level: 1 },
    {
      type: 'paragraph',
      text: 'We measured twelve samples with the standard protocol (ISO 5725) and pH meters; the error is \\sigma = 0.2.',
      inlines: [
        { text: 'We measured ' },
        { text: 'twelve', bold: true },
        { text: ' samples with the ' },
        { text: 'standard', italic: true },
        { text: ' protocol (' },
        { text: 'ISO 5725', link: 'https://www.iso.org/standard/69418.html' },
        { text: ') and ' },
        { text: 'pH', code: true },
        { text: ' meters; the error is ' },
        { text: '\\sigma = 0.2', math: true },
        { text: '.' },
      ],
    },
    { type: 'heading', text: '3.1 Steps', level: 2 },
    { type: 'list-item', text: 'Calibrate the meter.', ordered: true, marker: '1.', depth: 0 },
    { type: 'list-item', text: 'Rinse:', ordered: true, marker: '2.', depth: 0 },
    { type: 'list-item', text: 'with water', ordered: false, marker: '-', depth: 1 },
    { type: 'list-item', text: 'with buffer', ordered: false, marker: '-', depth: 1 },
    { type: 'list-item', text: 'Measure.', ordered: true, marker: '3.', depth: 0 },
    { type: 'table', text: 'Sample\tpH\tTemp (°C)\nA\t7.1\t21\nB\t6.9\t22', rows: [['Sample', 'pH', 'Temp (°C)'], ['A', '7.1', '21'], ['B', '6.9', '22']] },
    { type: 'formula', text: '\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i \\\\ s^2 = \\frac{1}{n-1}\\sum (x_i - \\bar{x})^2' },
    { type: 'code', text: 'print(mean(xs))' },
  ]);
  for (const b of blocks) assert.deepEqual(b.bbox, [0, 0, 612, 792], 'every block spans the page');
});

test('a whole page fenced in ```markdown with chatter around it and a trailing page number', () => {
  const answer = [
    'Sure! Here is the transcription of the page in Markdown:',
    '',
    '```markdown',
    '## Chapter 2',
    '',
    'It was a bright cold day in April.',
    '',
    '12',
    '```',
    '',
    'I hope this helps! Let me know if you need anything else.',
  ].join('\n');
  const { blocks, warnings } = markdownToBlocks(answer, PAGE);
  assert.deepEqual(blocks.map(shape), [
    { type: 'heading', text: 'Chapter 2', level: 2 },
    { type: 'paragraph', text: 'It was a bright cold day in April.' },
  ]);
  assert.deepEqual(warnings, [
    'removed model chatter at the start: "Sure! Here is the transcription of the page in Markdown:"',
    'removed model chatter at the end: "I hope this helps! Let me know if you need anything else."',
    'unwrapped a markdown code fence around the whole page',
    'removed a lone page number "12"',
  ]);
});

test('a bare fence around the page is unwrapped; a real code listing among text is kept', () => {
  const fenced = markdownToBlocks('```\n# Title\n\nText.\n```', PAGE);
  assert.deepEqual(fenced.blocks.map((b) => b.type), ['heading', 'paragraph']);
  assert.deepEqual(fenced.warnings, ['unwrapped a bare code fence around the whole page']);
  const listing = markdownToBlocks('Run this:\n\n```\n# not a heading\n```', PAGE);
  assert.deepEqual(listing.blocks.map(shape), [{ type: 'paragraph', text: 'Run this:' }, { type: 'code', text: '# not a heading' }]);
  const python = markdownToBlocks('```python\nx = 1\n```', PAGE);
  assert.deepEqual(python.blocks.map(shape), [{ type: 'code', text: 'x = 1' }], 'a page that is only a python listing stays code');
  assert.deepEqual(python.warnings, []);
});

test('an HTML table with rowspan and colspan becomes a table block with merged cells repeated', () => {
  const answer = [
    'Table 4: Enrolment by faculty',
    '',
    '<table>',
    '  <thead>',
    '    <tr><th rowspan="2">Faculty</th><th colspan="2">Students</th><th rowspan="2">Staff</th></tr>',
    '    <tr><th>2023</th><th>2024</th></tr>',
    '  </thead>',
    '  <tbody>',
    '    <tr><td>Arts &amp; Humanities</td><td>1,204</td><td>1,310</td><td rowspan="2">88</td></tr>',
    '    <tr><td>Science</td><td>2,001</td><td>2,115</td></tr>',
    '',
    '    <tr><td colspan="3"><b>Total</b><br>(all faculties)</td><td>201</td></tr>',
    '  </tbody>',
    '</table>',
  ].join('\n');
  const { blocks, warnings } = markdownToBlocks(answer, PAGE);
  assert.deepEqual(warnings, []);
  assert.deepEqual(blocks.map((b) => b.type), ['paragraph', 'table']);
  assert.deepEqual(blocks[1]?.rows, [
    ['Faculty', 'Students', 'Students', 'Staff'],
    ['Faculty', '2023', '2024', 'Staff'],
    ['Arts & Humanities', '1,204', '1,310', '88'],
    ['Science', '2,001', '2,115', '88'],
    ['Total\n(all faculties)', 'Total\n(all faculties)', 'Total\n(all faculties)', '201'],
  ]);
});

test('a broken GFM table: ragged rows padded/truncated to the header, empty rows removed, with warnings', () => {
  const answer = [
    '| Name | Role | Since |',
    '|---|---|---|',
    '| Ada | Engineer | 2019 | extra |',
    '| | | |',
    '| Grace | Admiral |',
    '|  |  |  |',
  ].join('\n');
  const { blocks, warnings } = markdownToBlocks(answer, PAGE);
  assert.deepEqual(blocks.map(shape), [
    { type: 'table', text: 'Name\tRole\tSince\nAda\tEngineer\t2019\nGrace\tAdmiral\t', rows: [['Name', 'Role', 'Since'], ['Ada', 'Engineer', '2019'], ['Grace', 'Admiral', '']] },
  ]);
  assert.deepEqual(warnings, [
    'removed 2 empty table row(s)',
    "table rows had inconsistent cell counts (3, 4, 2); padded/truncated to the header's 3 columns (1 non-empty cell(s) beyond the header dropped)",
  ]);
});

test('a one-column "table" becomes paragraphs', () => {
  const { blocks, warnings } = markdownToBlocks('| Note |\n|---|\n| First line |\n| Second line |\n', PAGE);
  assert.deepEqual(blocks.map(shape), [
    { type: 'paragraph', text: 'Note' },
    { type: 'paragraph', text: 'First line' },
    { type: 'paragraph', text: 'Second line' },
  ]);
  assert.deepEqual(warnings, ['turned a one-column table into paragraphs']);
});

test('page numbers in their usual forms at either end are removed; rules at the ends too; numbers inside stay', () => {
  const cases: Array<[string, string]> = [
    ['Page 3 of 10\n\nBody text.', 'Page 3 of 10'],
    ['Body text.\n\n- 12 -', '- 12 -'],
    ['Body text.\n\n— 7 —', '— 7 —'],
    ['Body text.\n\n12.', '12'],
    ['xiv\n\nBody text.', 'xiv'],
    ['Body text.\n\n[4]', '[4]'],
  ];
  for (const [answer, shown] of cases) {
    const { blocks, warnings } = markdownToBlocks(answer, PAGE);
    assert.deepEqual(blocks.map(shape), [{ type: 'paragraph', text: 'Body text.' }], answer);
    assert.deepEqual(warnings, [`removed a lone page number "${shown}"`], answer);
  }
  const ruled = markdownToBlocks('---\n\nBody.\n\n42\n\n---', PAGE);
  assert.deepEqual(ruled.blocks.map(shape), [{ type: 'paragraph', text: 'Body.' }]);
  assert.deepEqual(ruled.warnings, ['removed a horizontal rule at the start', 'removed a horizontal rule at the end', 'removed a lone page number "42"']);
  const inside = markdownToBlocks('Intro.\n\n12\n\n---\n\nOutro.', PAGE);
  assert.deepEqual(inside.blocks.map((b) => b.text), ['Intro.', '12', 'Outro.']);
  assert.deepEqual(inside.warnings, []);
});

test('chatter-like sentences inside the page, or long ones at its edges, are content', () => {
  const answer = [
    'Here is the summary of the annual report that the board approved in March, which we publish in full below because the members asked for it at the last general meeting, together with the auditor\'s letter, the treasurer\'s notes on the pension fund, and the list of all grants awarded to member societies during the year under review.',
    '',
    'Here is the transcription:',
    '',
    'Let me know what you think of the proposal.',
    '',
    'Signed, the Board.',
  ].join('\n');
  const { blocks, warnings } = markdownToBlocks(answer, PAGE);
  assert.equal(blocks.length, 4);
  assert.deepEqual(warnings, []);
});

test('empty headings go, with a warning; "$5 and $10" stays text, real inline math stays math', () => {
  const { blocks, warnings } = markdownToBlocks('#\n\n## Prices\n\n###  \n\nTea costs $5 and coffee $10 today, $x^2$ is math.', PAGE);
  assert.deepEqual(blocks.map(shape), [
    { type: 'heading', text: 'Prices', level: 2 },
    {
      type: 'paragraph',
      text: 'Tea costs $5 and coffee $10 today, x^2 is math.',
      inlines: [{ text: 'Tea costs $5 and coffee $10 today, ' }, { text: 'x^2', math: true }, { text: ' is math.' }],
    },
  ]);
  assert.deepEqual(warnings, ['removed an empty level-1 heading', 'removed an empty level-3 heading', 'read "$5 and coffee $" as text, not math']);
});

test('display math in its model spellings: $$ block, $$…$$ on one line, ```math fence', () => {
  const { blocks } = markdownToBlocks('$$\nE = mc^2\n$$\n\n$$a^2 + b^2 = c^2$$\n\n```math\n\\nabla \\cdot E = \\rho\n```', PAGE);
  assert.deepEqual(blocks.map(shape), [
    { type: 'formula', text: 'E = mc^2' },
    { type: 'formula', text: 'a^2 + b^2 = c^2' },
    { type: 'formula', text: '\\nabla \\cdot E = \\rho' },
  ]);
});

test('images become figures (alt text, no image path: the model\'s reference is not a saved crop); footnotes, quotes, tasks', () => {
  const answer = [
    '![Figure 1: Sales by region](img-0.jpeg)',
    '',
    'See the chart ![tiny](img-1.png) above.',
    '',
    '> Quoted **words**.',
    '',
    '- [x] done',
    '- [ ] open',
    '',
    'Text with a note[^1].',
    '',
    '[^1]: The note itself.',
  ].join('\n');
  const { blocks } = markdownToBlocks(answer, PAGE);
  assert.deepEqual(blocks.map(shape), [
    { type: 'figure', text: 'Figure 1: Sales by region' },
    { type: 'paragraph', text: 'See the chart  above.' },
    { type: 'figure', text: 'tiny' },
    { type: 'paragraph', text: 'Quoted words.', inlines: [{ text: 'Quoted ' }, { text: 'words', bold: true }, { text: '.' }] },
    { type: 'list-item', text: '[x] done', ordered: false, marker: '-', depth: 0 },
    { type: 'list-item', text: '[ ] open', ordered: false, marker: '-', depth: 0 },
    { type: 'paragraph', text: 'Text with a note.' },
    { type: 'footnote', text: '1 The note itself.' },
  ]);
});

test('ordered lists keep their start number in the markers', () => {
  const { blocks } = markdownToBlocks('4. four\n5. five', PAGE);
  assert.deepEqual(blocks.map((b) => b.marker), ['4.', '5.']);
});

test('cleanModelTree works on a tree, does not modify its input, and reports each repair', () => {
  const input = parse('Here is the text of the page:\n\n| a |\n|---|\n| b |\n\n---');
  const before = structuredClone(input);
  const { root, warnings } = cleanModelTree(input);
  assert.deepEqual(input, before, 'input untouched');
  assert.deepEqual(types(root), ['paragraph', 'paragraph']);
  assert.deepEqual(warnings, [
    'removed model chatter at the start: "Here is the text of the page:"',
    'removed a horizontal rule at the end',
    'turned a one-column table into paragraphs',
  ]);
  const clean = parse('# Title\n\nText.');
  assert.deepEqual(strip(cleanModelTree(clean).root), clean);
  assert.deepEqual(cleanModelTree(clean).warnings, []);
});

test('an empty or all-chatter answer gives no blocks', () => {
  assert.deepEqual(markdownToBlocks('', PAGE), { blocks: [], warnings: [], defects: [] });
  const chatter = markdownToBlocks('Here is the transcription of the page:\n\n```markdown\n```', PAGE);
  assert.deepEqual(chatter.blocks, []);
});

test('pipe rows that did not parse as a table (missing or short delimiter row) are rebuilt into one', () => {
  const missing = markdownToBlocks('Results:\n\n| Metric | Value |\n| Recall | 0.91 |\n| Precision | 0.88 |', PAGE);
  assert.deepEqual(missing.blocks.map(shape), [
    { type: 'paragraph', text: 'Results:' },
    { type: 'table', text: 'Metric\tValue\nRecall\t0.91\nPrecision\t0.88', rows: [['Metric', 'Value'], ['Recall', '0.91'], ['Precision', '0.88']] },
  ]);
  assert.deepEqual(missing.warnings, ['rebuilt a table that had no valid delimiter row']);
  const short = markdownToBlocks('| A | B | C |\n|---|---|\n| 1 | 2 | 3 |', PAGE);
  assert.deepEqual(short.blocks[0]?.rows, [['A', 'B', 'C'], ['1', '2', '3']]);
  const prose = markdownToBlocks('| a lone line between pipes |', PAGE);
  assert.deepEqual(prose.blocks.map((b) => b.type), ['paragraph']);
});

test('a bare fence holding indented source code is a code listing, not a wrapped page', () => {
  const source = 'def mean(xs):\n    return sum(xs) / len(xs)';
  const { blocks, warnings } = markdownToBlocks('```\n' + source + '\n```', PAGE);
  assert.deepEqual(blocks.map(shape), [{ type: 'code', text: source }]);
  assert.deepEqual(warnings, []);
  const nested = markdownToBlocks('```\n- a\n  - b\n```', PAGE);
  assert.deepEqual(nested.blocks.map((b) => [b.type, b.depth]), [['list-item', 0], ['list-item', 1]], 'nested list indentation is Markdown');
});

test('a letter\'s closing line is content; an assistant\'s closing line is chatter', () => {
  const letter = markdownToBlocks('Dear members,\n\nThe meeting moves to May.\n\nIf you have any questions, please contact the secretary.', PAGE);
  assert.equal(letter.blocks.length, 3);
  assert.deepEqual(letter.warnings, []);
  const assistant = markdownToBlocks('The meeting moves to May.\n\nLet me know if you need any adjustments to the formatting.', PAGE);
  assert.deepEqual(assistant.blocks.map((b) => b.text), ['The meeting moves to May.']);
  assert.equal(assistant.warnings.length, 1);
});

test('an emphasis paragraph starting "Figure n" / "Table n" is a caption; other italic paragraphs stay paragraphs', () => {
  const { blocks } = markdownToBlocks('*Figure 2. Sales by **region***\n\n*Table IV: Costs*\n\n*An italic remark.*', PAGE);
  assert.deepEqual(blocks.map(shape), [
    { type: 'caption', text: 'Figure 2. Sales by region', inlines: [{ text: 'Figure 2. Sales by ' }, { text: 'region', bold: true }] },
    { type: 'caption', text: 'Table IV: Costs' },
    { type: 'paragraph', text: 'An italic remark.', inlines: [{ text: 'An italic remark.', italic: true }] },
  ]);
});

test('front matter the prompt may ask for (---, rotation: 0, ---) is removed, not read as a heading', () => {
  const { blocks, warnings } = markdownToBlocks('---\nrotation: 0\nlanguage: en\n---\n\n# Title\n\nText.', PAGE);
  assert.deepEqual(blocks.map(shape), [{ type: 'heading', text: 'Title', level: 1 }, { type: 'paragraph', text: 'Text.' }]);
  assert.deepEqual(warnings, ['removed front matter "rotation: 0; language: en"']);
  const prose = markdownToBlocks('---\nA real subtitle: with words\n---\n\nText.', PAGE);
  assert.equal(prose.blocks[0]?.type, 'heading', 'a setext heading of prose is not front matter');
});

test('lettered lists (which CommonMark lacks) become ordered list items with the printed marker', () => {
  const answer = [
    'Choose one colour:',
    'a) red',
    'b) **blue**',
    '',
    '1. Prepare:',
    '   (i) wash',
    '   (ii) dry',
    '2. Serve.',
    '',
    'As panels',
    '(b) and (c) show, the effect is small.',
  ].join('\n');
  const { blocks, warnings } = markdownToBlocks(answer, PAGE);
  assert.deepEqual(warnings, []);
  assert.deepEqual(blocks.map(shape), [
    { type: 'paragraph', text: 'Choose one colour:' },
    { type: 'list-item', text: 'red', ordered: true, marker: 'a)', depth: 0 },
    { type: 'list-item', text: 'blue', ordered: true, marker: 'b)', depth: 0, inlines: [{ text: 'blue', bold: true }] },
    { type: 'list-item', text: 'Prepare:', ordered: true, marker: '1.', depth: 0 },
    { type: 'list-item', text: 'wash', ordered: true, marker: '(i)', depth: 1 },
    { type: 'list-item', text: 'dry', ordered: true, marker: '(ii)', depth: 1 },
    { type: 'list-item', text: 'Serve.', ordered: true, marker: '2.', depth: 0 },
    { type: 'paragraph', text: 'As panels\n(b) and (c) show, the effect is small.' },
  ]);
});

test('two HTML tables in one HTML block, with a caption paragraph, become a paragraph and two tables', () => {
  const answer = '<p>Table 2: Results</p>\n<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>\n<table><tr><th>x</th><th colspan="2">y</th></tr></table>\n\nAfter.';
  const { blocks, warnings } = markdownToBlocks(answer, PAGE);
  assert.deepEqual(warnings, []);
  assert.deepEqual(blocks.map(shape), [
    { type: 'paragraph', text: 'Table 2: Results' },
    { type: 'table', text: 'k\tv\na\t1', rows: [['k', 'v'], ['a', '1']] },
    { type: 'table', text: 'x\ty\ty', rows: [['x', 'y', 'y']] },
    { type: 'paragraph', text: 'After.' },
  ]);
});

test('LaTeX delimiters \\( \\) and \\[ \\] are math, with their backslashes intact; a lone opener is an escape', () => {
  const answer = [
    'The energy \\( E = mc^2 \\) and the rows \\(a \\\\ b\\) differ.',
    '',
    '\\[',
    '\\begin{aligned} x &= \\{1, 2\\} \\\\ y &= 3 \\end{aligned}',
    '\\]',
    '',
    'An escaped \\[bracket] and \\(paren only.',
    '',
    '| k | v |',
    '|---|---|',
    '| \\(x_1\\) | 2 |',
  ].join('\n');
  const { blocks, warnings } = markdownToBlocks(answer, PAGE);
  assert.deepEqual(warnings, []);
  assert.deepEqual(blocks.map(shape), [
    {
      type: 'paragraph',
      text: 'The energy E = mc^2 and the rows a \\\\ b differ.',
      inlines: [{ text: 'The energy ' }, { text: 'E = mc^2', math: true }, { text: ' and the rows ' }, { text: 'a \\\\ b', math: true }, { text: ' differ.' }],
    },
    { type: 'formula', text: '\\begin{aligned} x &= \\{1, 2\\} \\\\ y &= 3 \\end{aligned}' },
    { type: 'paragraph', text: 'An escaped [bracket] and (paren only.' },
    { type: 'table', text: 'k\tv\nx_1\t2', rows: [['k', 'v'], ['x_1', '2']] },
  ]);
});

test('unclosed LaTeX openers are escapes, and do not hide a later closed formula of the other kind or in the next paragraph', () => {
  const { blocks } = markdownToBlocks('\\(a \\(b \\[c \\] and \\(d\n\nnext \\(x\\) \\(y', PAGE);
  assert.deepEqual(blocks.map(shape), [
    { type: 'paragraph', text: '(a (b c and (d', inlines: [{ text: '(a (b ' }, { text: 'c', math: true }, { text: ' and (d' }] },
    { type: 'paragraph', text: 'next x (y', inlines: [{ text: 'next ' }, { text: 'x', math: true }, { text: ' (y' }] },
  ]);
});
