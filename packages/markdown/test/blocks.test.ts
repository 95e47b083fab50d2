import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Heading, List, ListItem, Paragraph, Table } from 'mdast';
import { blocksToMdast, markdownToBlocks, pageMarkdown, stringifyMarkdown } from '../src/index.js';
import { block, parse, textOf, types } from './helpers.js';

test('headings: level → ATX depth, default 2, clamped to 1..6, empty ones dropped', () => {
  const md = pageMarkdown([
    block('heading', 'One', { level: 1 }),
    block('heading', 'Unleveled'),
    block('heading', 'Too deep', { level: 9 }),
    block('heading', '   '),
    block('heading', 'Three', { level: 3 }),
  ]);
  assert.doesNotMatch(md, /^(?:=+|-+)$/m, 'no setext underline');
  const root = parse(md);
  assert.deepEqual(types(root), ['heading', 'heading', 'heading', 'heading']);
  const hs = root.children as Heading[];
  assert.deepEqual(hs.map((h) => [h.depth, textOf(h)]), [[1, 'One'], [2, 'Unleveled'], [6, 'Too deep'], [3, 'Three']]);
});

test('an all-bold heading is written without strong marks; partly bold keeps them', () => {
  const root = parse(pageMarkdown([
    block('heading', '1. Introduction', { level: 2, inlines: [{ text: '1. Introduction', bold: true }] }),
    block('heading', 'Mixed title', { level: 2, inlines: [{ text: 'Mixed', bold: true }, { text: ' title' }] }),
  ]));
  const [plain, mixed] = root.children as Heading[];
  assert.deepEqual(plain!.children.map((c) => c.type), ['text']);
  assert.equal(textOf(plain!), '1. Introduction');
  assert.deepEqual(mixed!.children.map((c) => c.type), ['strong', 'text']);
});

test('a list item keeps the space before a bold run', () => {
  const md = pageMarkdown([block('list-item', 'B heißt Basis der T', { ordered: true, marker: '1.', inlines: [{ text: 'B heißt ' }, { text: 'Basis', bold: true }, { text: ' der T' }] })]);
  const item = ((parse(md).children[0] as List).children[0] as ListItem).children[0] as Paragraph;
  assert.deepEqual(item.children.map((c) => c.type), ['text', 'strong', 'text']);
  assert.equal(textOf(item), 'B heißt Basis der T');
});

test('paragraph inlines: bold, italic, both, link, code, math come back as the same mdast phrasing', () => {
  const md = pageMarkdown([
    block('paragraph', '', {
      inlines: [
        { text: 'Plain ' },
        { text: 'bold ', bold: true },
        { text: 'both', bold: true, italic: true },
        { text: ' and ' },
        { text: 'it', italic: true },
        { text: ' see ' },
        { text: 'the docs', link: 'https://example.com/a b?x=1' },
        { text: ', run ' },
        { text: 'npm `ci`', code: true },
        { text: ', where ' },
        { text: 'a_1 * b^2', math: true },
        { text: '.' },
      ],
    }),
  ]);
  const root = parse(md);
  assert.deepEqual(types(root), ['paragraph']);
  const p = root.children[0] as Paragraph;
  assert.deepEqual(p.children.map((c) => c.type), ['text', 'strong', 'text', 'emphasis', 'text', 'link', 'text', 'inlineCode', 'text', 'inlineMath', 'text']);
  const strong = p.children[1];
  assert.ok(strong?.type === 'strong');
  assert.deepEqual(strong.children.map((c) => c.type), ['text', 'emphasis'], 'bold runs share one strong, italic nests inside');
  assert.equal(textOf(strong), 'bold both');
  assert.equal(p.children[2]?.type === 'text' && p.children[2].value, ' and ');
  const link = p.children[5];
  assert.ok(link?.type === 'link');
  assert.equal(link.url, 'https://example.com/a b?x=1');
  assert.equal(textOf(link), 'the docs');
  assert.equal(p.children[7]?.type === 'inlineCode' && p.children[7].value, 'npm `ci`');
  assert.equal(p.children[9]?.type === 'inlineMath' && p.children[9].value, 'a_1 * b^2');
});

test('bold with edge whitespace still parses as strong (whitespace moved outside the mark)', () => {
  const root = parse(pageMarkdown([block('paragraph', '', { inlines: [{ text: 'a' }, { text: ' bold ', bold: true }, { text: 'b' }] })]));
  const p = root.children[0] as Paragraph;
  assert.deepEqual(p.children.map((c) => c.type), ['text', 'strong', 'text']);
  assert.equal(textOf(p), 'a bold b');
});

test('escaping: text that looks like Markdown stays one paragraph with the same text', () => {
  const tricky = [
    '1. not a list',
    '1) not a list either',
    '# not a heading',
    '- not a bullet',
    '+ nor this',
    '> not a quote',
    'a*b*c and _d_ and **e**',
    'a | b | c',
    '`not code`',
    '[not](a-link) and ![not](an-image)',
    '<div>not html</div>',
    'costs $5 and $10',
    '\\ backslash \\* star',
    '***',
    '---',
    '~~~',
    '    four spaces',
    '[^1] not a footnote',
    '&amp; stays &amp;',
    'https://example.com stays text-ish',
  ];
  for (const text of tricky) {
    const md = pageMarkdown([block('paragraph', text)]);
    const root = parse(md);
    assert.deepEqual(types(root), ['paragraph'], `${JSON.stringify(text)} → ${JSON.stringify(md)}`);
    const p = root.children[0] as Paragraph;
    // Note: GFM autolinks a bare URL; its text is unchanged.
    assert.ok(p.children.every((c) => c.type === 'text' || (c.type === 'link' && text.includes('https://'))), `only text in ${JSON.stringify(md)}`);
    assert.equal(textOf(p), text.trim(), `text of ${JSON.stringify(md)}`);
  }
});

test('a multi-line paragraph whose second line looks like a heading or setext underline stays one paragraph', () => {
  for (const text of ['Title\n===', 'Title\n---', 'intro\n# not heading', 'intro\n1. not list']) {
    const root = parse(pageMarkdown([block('paragraph', text)]));
    assert.deepEqual(types(root), ['paragraph'], JSON.stringify(text));
    assert.equal(textOf(root.children[0] as Paragraph), text);
  }
});

test('list items: consecutive items form one list, depth nests, ordered change splits, start from the first marker', () => {
  const root = parse(pageMarkdown([
    block('list-item', '• apples', { marker: '•', depth: 0 }),
    block('list-item', 'pears', { marker: '•', depth: 0 }),
    block('list-item', 'first step', { marker: '1.', ordered: true, depth: 1 }),
    block('list-item', 'second step', { marker: '2.', ordered: true, depth: 1 }),
    block('list-item', 'deep', { marker: '-', depth: 2 }),
    block('list-item', 'plums', { marker: '•', depth: 0 }),
    block('paragraph', 'Between.'),
    block('list-item', '3. three', { marker: '3.', ordered: true, depth: 0 }),
    block('list-item', '4. four', { marker: '4.', ordered: true, depth: 0 }),
  ]));
  assert.deepEqual(types(root), ['list', 'paragraph', 'list']);
  const bullets = root.children[0] as List;
  assert.equal(bullets.ordered, false);
  assert.equal(bullets.spread, false);
  assert.deepEqual(bullets.children.map((i) => textOf(i.children[0]!)), ['apples', 'pears', 'plums'], 'marker glyph removed from the text');
  const pears = bullets.children[1] as ListItem;
  const nested = pears.children[1] as List;
  assert.equal(nested.type, 'list');
  assert.equal(nested.ordered, true);
  assert.equal(nested.start, 1);
  assert.deepEqual(nested.children.map((i) => textOf(i.children[0]!)), ['first step', 'second step']);
  const deep = nested.children[1]!.children[1] as List;
  assert.equal(deep.type, 'list');
  assert.equal(textOf(deep), 'deep');
  const numbered = root.children[2] as List;
  assert.equal(numbered.ordered, true);
  assert.equal(numbered.start, 3);
  assert.deepEqual(numbered.children.map((i) => textOf(i)), ['three', 'four']);
});

test('list items whose markers Markdown cannot write keep them: "(4)" and "a)" paragraphs at the top, "(i)" in a bullet item below', () => {
  const md = pageMarkdown([
    block('list-item', 'Bei unterjährlicher Aufnahme', { marker: '(4)', ordered: true, depth: 0 }),
    block('list-item', 'a) Zleceniobiorca wzywa dłużnika', { marker: 'a)', ordered: true, depth: 0 }),
    block('list-item', 'Prepare:', { marker: '1.', ordered: true, depth: 0 }),
    block('list-item', 'wash', { marker: '(i)', ordered: true, depth: 1 }),
    block('list-item', 'Serve.', { marker: '2.', ordered: true, depth: 0 }),
  ]);
  assert.equal(md, '(4) Bei unterjährlicher Aufnahme\n\na) Zleceniobiorca wzywa dłużnika\n\n1. Prepare:\n   - (i) wash\n2. Serve.\n');
});

test('list items: a change of ordered at the same depth starts a new list; a depth jump nests one level only', () => {
  const root = blocksToMdast([
    block('list-item', 'a', { depth: 0 }),
    block('list-item', 'b', { ordered: true, marker: '1.', depth: 0 }),
    block('list-item', 'c', { depth: 3 }),
  ]);
  assert.deepEqual(types(root), ['list', 'list']);
  const second = root.children[1] as List;
  assert.equal(second.ordered, true);
  const inner = second.children[0]!.children[1] as List;
  assert.equal(inner.type, 'list');
  assert.equal(textOf(inner), 'c');
  const reparsed = parse(stringifyMarkdown(root));
  assert.deepEqual(types(reparsed), ['list', 'list'], 'two adjacent lists stay two lists');
  assert.deepEqual(reparsed.children.map((l) => (l as List).ordered), [false, true]);
});

test('table: header row, cells, pipes escaped, ragged rows padded', () => {
  const md = pageMarkdown([
    block('table', '', { rows: [['Name', 'A | B'], ['one', '*not emphasis*'], ['short']] }),
  ]);
  const root = parse(md);
  assert.deepEqual(types(root), ['table']);
  const t = root.children[0] as Table;
  assert.equal(t.children.length, 3);
  assert.ok(t.children.every((r) => r.children.length === 2), 'every row has the header width');
  assert.deepEqual(t.children.map((r) => r.children.map(textOf)), [['Name', 'A | B'], ['one', '*not emphasis*'], ['short', '']]);
  const italic = t.children[1]!.children[1]!;
  assert.deepEqual(italic.children.map((c) => c.type), ['text'], 'asterisks in a cell are escaped');
});

test('table with a line break in a cell: one HTML table, <br> in the cell, text escaped, read back the same', () => {
  const rows = [['Name', 'A | B'], ['line one\nline two', 'x < y & *z*'], ['short']];
  const md = pageMarkdown([block('table', '', { rows })]);
  assert.equal(md, [
    '<table>',
    '<tr><th>Name</th> <th>A | B</th></tr>',
    '<tr><td>line one<br>line two</td> <td>x &lt; y &amp; *z*</td></tr>',
    '<tr><td>short</td> <td></td></tr>',
    '</table>',
    '',
  ].join('\n'));
  assert.deepEqual(types(parse(md)), ['html'], 'one HTML block: no blank line inside');
  const back = markdownToBlocks(md, { width: 612, height: 792 }).blocks;
  assert.deepEqual(back.map((b) => b.rows), [[['Name', 'A | B'], ['line one\nline two', 'x < y & *z*'], ['short', '']]]);
});

test('table with merged cells: HTML with rowspan/colspan, covered cells left out, spans counted without empty rows', () => {
  const rows = [
    ['Region', 'Year ended', ''],
    ['', '2023', '2024'],
    ['', '', ''],
    ['North', '12', '14'],
    ['Total', '', ''],
  ];
  const merged = [{ row: 0, col: 0, rowSpan: 2, colSpan: 1 }, { row: 0, col: 1, rowSpan: 1, colSpan: 2 }, { row: 4, col: 0, rowSpan: 1, colSpan: 3 }, { row: 3, col: 1, rowSpan: 1, colSpan: 1 }];
  const md = pageMarkdown([block('table', '', { rows, merged })]);
  assert.equal(md, [
    '<table>',
    '<tr><th rowspan="2">Region</th> <th colspan="2">Year ended</th></tr>',
    '<tr><td>2023</td> <td>2024</td></tr>',
    '<tr><td>North</td> <td>12</td> <td>14</td></tr>',
    '<tr><td colspan="3">Total</td></tr>',
    '</table>',
    '',
  ].join('\n'));
  assert.match(md.replace(/<[^>]+>/g, ''), /^North 12 14$/m, 'with the tags dropped, the cells\' words stay apart');
  const back = markdownToBlocks(md, { width: 612, height: 792 }).blocks[0]?.rows;
  assert.deepEqual(back, [['Region', 'Year ended', 'Year ended'], ['Region', '2023', '2024'], ['North', '12', '14'], ['Total', 'Total', 'Total']], 'a reader sees each merged cell over its whole span');
});

test('a table without merged cells or line breaks stays GFM, even when `merged` lists only single cells', () => {
  const md = pageMarkdown([block('table', '', { rows: [['a', 'b'], ['1', '2']], merged: [{ row: 1, col: 0, rowSpan: 1, colSpan: 1 }] })]);
  assert.deepEqual(types(parse(md)), ['table']);
});

test('table from text when rows are absent: rows by newline, cells by tab', () => {
  const t = parse(pageMarkdown([block('table', 'a\tb\n1\t2')])).children[0] as Table;
  assert.equal(t.type, 'table');
  assert.deepEqual(t.children.map((r) => r.children.map(textOf)), [['a', 'b'], ['1', '2']]);
});

test('code: fenced, verbatim, even with backticks inside', () => {
  const source = 'const s = `x`;\n```\nnot the end\n```';
  const root = parse(pageMarkdown([block('code', source)]));
  assert.deepEqual(types(root), ['code']);
  const c = root.children[0];
  assert.ok(c?.type === 'code');
  assert.equal(c.value, source);
  assert.equal(c.lang, null);
});

test('formula: a $$ display math block with the LaTeX untouched', () => {
  const latex = '\\begin{pmatrix} a & b \\\\ c_1 & d^* \\end{pmatrix}';
  const md = pageMarkdown([block('formula', `  ${latex}  `)]);
  assert.match(md, /^\$\$\n/);
  const root = parse(md);
  assert.deepEqual(types(root), ['math']);
  assert.equal(root.children[0]?.type === 'math' && root.children[0].value, latex);
});

test('figure: image when the crop was saved (alt configurable), html comment otherwise; no broken links', () => {
  const blocks = [block('figure', 'chart', { image: 'images/page-1 fig 1.png' }), block('figure', 'no crop')];
  const root = parse(pageMarkdown(blocks));
  assert.deepEqual(types(root), ['paragraph', 'html']);
  const img = (root.children[0] as Paragraph).children[0];
  assert.ok(img?.type === 'image');
  assert.equal(img.url, 'images/page-1 fig 1.png');
  assert.equal(img.alt, 'figure');
  assert.equal(root.children[1]?.type === 'html' && root.children[1].value, '<!-- figure -->');
  const custom = blocksToMdast(blocks, { figureAlt: 'Figure 3' });
  const first = custom.children[0];
  assert.ok(first?.type === 'paragraph' && first.children[0]?.type === 'image');
  assert.equal(first.children[0].alt, 'Figure 3');
});

test('caption → one emphasis paragraph; footnote → plain paragraph; header/footer/page-number are not written', () => {
  const root = parse(pageMarkdown([
    block('header', 'ACME Annual Report'),
    block('caption', ' Figure 2. Sales *by* region ', { inlines: [{ text: ' Figure 2. ' }, { text: 'Sales', italic: true }, { text: ' *by* region ' }] }),
    block('footnote', '1 Source: survey.'),
    block('footer', 'Confidential'),
    block('page-number', '12'),
  ]));
  assert.deepEqual(types(root), ['paragraph', 'paragraph']);
  const cap = root.children[0] as Paragraph;
  assert.deepEqual(cap.children.map((c) => c.type), ['emphasis']);
  assert.equal(textOf(cap), 'Figure 2. Sales *by* region');
  assert.equal(textOf(root.children[1] as Paragraph), '1 Source: survey.');
  assert.doesNotMatch(textOf(root), /ACME|Confidential|12/);
});

test('empty and whitespace-only blocks produce no nodes; no blocks → empty string', () => {
  assert.deepEqual(blocksToMdast([block('paragraph', '  '), block('code', '\n'), block('formula', ' '), block('table', '', { rows: [['', '']] })]).children, []);
  assert.equal(pageMarkdown([]), '');
});

test('blocks → Markdown → markdownToBlocks gives the same blocks back', () => {
  const blocks = [
    block('heading', 'Results', { level: 2 }),
    block('paragraph', 'Costs rose by 5% (see below).'),
    block('paragraph', '', { inlines: [{ text: 'Key: ' }, { text: 'E=mc^2', math: true }, { text: ' and ' }, { text: 'bold', bold: true }] }),
    block('list-item', 'one', { ordered: true, marker: '1.', depth: 0 }),
    block('list-item', 'two', { ordered: true, marker: '2.', depth: 0 }),
    block('list-item', 'sub', { ordered: false, marker: '-', depth: 1 }),
    block('table', '', { rows: [['k', 'v'], ['a|b', 'x\ny']] }),
    block('formula', '\\int_0^1 x\\,dx'),
    block('code', 'print("hi")'),
    block('caption', 'Figure 1. A chart'),
  ];
  const back = markdownToBlocks(pageMarkdown(blocks), { width: 612, height: 792 });
  assert.deepEqual(back.warnings, []);
  const shape = (b: (typeof blocks)[number]): unknown => ({ type: b.type, text: b.text, level: b.level, rows: b.rows, ordered: b.ordered, depth: b.depth });
  const expected = blocks.map((b) => (b.type === 'paragraph' && b.inlines ? { ...b, text: 'Key: E=mc^2 and bold' } : b.type === 'table' ? { ...b, text: 'k\tv\na|b\tx\ny' } : b));
  assert.deepEqual(back.blocks.map(shape), expected.map(shape));
  assert.deepEqual(back.blocks[2]?.inlines, blocks[2]?.inlines);
});

test('a heading with a line break stays one ATX heading (never setext)', () => {
  const md = pageMarkdown([block('heading', 'Annual\nReport', { level: 2 })]);
  assert.doesNotMatch(md, /^-+$/m);
  const root = parse(md);
  assert.deepEqual(types(root), ['heading']);
  assert.equal(textOf(root.children[0] as Heading), 'Annual Report');
});

test('an ordered list printed with "1)" keeps its delimiter; "1." lists keep theirs', () => {
  const item = (text: string, marker: string) => block('list-item', text, { ordered: true, marker, depth: 0 });
  const paren = pageMarkdown([item('1) first', '1)'), item('2) second', '2)')]);
  assert.equal(paren.trim(), '1) first\n2) second');
  const root = parse(paren);
  assert.deepEqual(types(root), ['list']);
  assert.equal((root.children[0] as List).children.length, 2);
  assert.equal(pageMarkdown([item('1. first', '1.'), item('2. second', '2.')]).trim(), '1. first\n2. second');
});
