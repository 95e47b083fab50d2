import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Html, Paragraph, RootContent, Table } from 'mdast';
import { documentMarkdown, type DocumentPage } from '../src/index.js';
import { block, parse, textOf, types } from './helpers.js';

function page(index: number, blocks: DocumentPage['blocks'], continuesPrevious = false, label?: string): DocumentPage {
  return { index, blocks, continuesPrevious, ...(label === undefined ? {} : { label }) };
}

const anchorsOf = (nodes: RootContent[]): string[] =>
  nodes.flatMap((n) => (n.type === 'html' && n.value.startsWith('<!-- page') ? [n.value] : n.type === 'paragraph' ? anchorsOf(n.children as RootContent[]) : []));

test('anchors: one per page, in order, 1-based, with the printed label when present, even for empty pages', () => {
  const md = documentMarkdown([
    page(0, [block('heading', 'Cover', { level: 1 })], false, 'i'),
    page(1, [], false, 'ii'),
    page(2, [block('paragraph', 'Body.')], false, '1'),
    page(3, [block('paragraph', 'More.')]),
  ]);
  const root = parse(md);
  assert.deepEqual(anchorsOf(root.children), ['<!-- page 1 label="i" -->', '<!-- page 2 label="ii" -->', '<!-- page 3 label="1" -->', '<!-- page 4 -->']);
  assert.deepEqual(types(root), ['html', 'heading', 'html', 'html', 'paragraph', 'html', 'paragraph']);
});

test('anchors: a label cannot break out of the comment or the attribute', () => {
  const md = documentMarkdown([page(0, [block('paragraph', 'x')], false, 'a" --> <b>oops</b> <!--')]);
  const root = parse(md);
  assert.deepEqual(types(root), ['html', 'paragraph']);
  const anchor = (root.children[0] as Html).value;
  assert.equal(anchor.indexOf('-->'), anchor.length - 3, 'the only --> closes the anchor');
  assert.equal((anchor.match(/"/g) ?? []).length, 2, 'the label stays one attribute value');
});

test('pageAnchors: false writes no anchors', () => {
  const root = parse(documentMarkdown([page(0, [block('paragraph', 'a')]), page(1, [block('paragraph', 'b')])], { pageAnchors: false }));
  assert.deepEqual(types(root), ['paragraph', 'paragraph']);
  assert.deepEqual(anchorsOf(root.children), []);
});

test('a paragraph continued on the next page is one paragraph, the anchor inline at the join', () => {
  const root = parse(documentMarkdown([
    page(0, [block('heading', 'Intro', { level: 1 }), block('paragraph', 'The committee met on the second')]),
    page(1, [block('header', 'Running head'), block('paragraph', 'day and **agreed**.', { inlines: [{ text: 'day and ' }, { text: 'agreed', bold: true }, { text: '.' }] }), block('paragraph', 'Next one.')], true),
  ]));
  assert.deepEqual(types(root), ['html', 'heading', 'paragraph', 'paragraph']);
  const joined = root.children[2] as Paragraph;
  assert.deepEqual(joined.children.map((c) => c.type), ['text', 'html', 'text', 'strong', 'text']);
  assert.equal((joined.children[1] as Html).value, '<!-- page 2 -->');
  assert.equal(textOf(joined), 'The committee met on the second  day and agreed.');
  assert.equal(textOf(root.children[3] as Paragraph), 'Next one.');
  assert.doesNotMatch(textOf(root), /Running head/);
});

test('a word hyphenated across the break is rejoined; without anchors the join is a plain space', () => {
  const pages = [page(0, [block('paragraph', 'the docu-')]), page(1, [block('paragraph', 'ment is long')], true)];
  const withAnchor = parse(documentMarkdown(pages)).children[1] as Paragraph;
  assert.equal(textOf(withAnchor), 'the document is long');
  assert.equal((withAnchor.children[1] as Html).value, '<!-- page 2 -->');
  const without = parse(documentMarkdown(pages, { pageAnchors: false }));
  assert.deepEqual(types(without), ['paragraph']);
  assert.equal(textOf(without.children[0] as Paragraph), 'the document is long');
  const plain = parse(documentMarkdown([page(0, [block('paragraph', 'ends here')]), page(1, [block('paragraph', 'goes on')], true)], { pageAnchors: false }));
  assert.equal(textOf(plain.children[0] as Paragraph), 'ends here goes on');
});

test('paragraphs are not joined without continuesPrevious, nor when the page starts with something else', () => {
  const root = parse(documentMarkdown([
    page(0, [block('paragraph', 'One')]),
    page(1, [block('paragraph', 'Two')], false),
    page(2, [block('heading', 'Three', { level: 2 }), block('paragraph', 'Four')], true),
  ]));
  assert.deepEqual(types(root), ['html', 'paragraph', 'html', 'paragraph', 'html', 'heading', 'paragraph']);
});

test('a table continued on the next page with a repeated header is one table, the repeat dropped', () => {
  const header = ['Item', 'Qty', 'Price'];
  const root = parse(documentMarkdown([
    page(0, [block('paragraph', 'Orders:'), block('table', '', { rows: [header, ['Tea', '1', '2.00'], ['Milk', '2', '1.10']] })]),
    page(1, [block('table', '', { rows: [['item', 'qty', ' Price '], ['Bread', '1', '3.50']] }), block('paragraph', 'Total below.')]),
    page(2, [block('table', '', { rows: [header, ['Jam', '4', '9.00']] })], true),
  ]));
  assert.deepEqual(types(root), ['html', 'paragraph', 'table', 'html', 'paragraph', 'html', 'table']);
  const first = root.children[2] as Table;
  assert.deepEqual(first.children.map((r) => r.children.map(textOf)), [header, ['Tea', '1', '2.00'], ['Milk', '2', '1.10'], ['Bread', '1', '3.50']]);
  assert.equal((root.children[3] as Html).value, '<!-- page 2 -->', 'the anchor follows the joined table');
  assert.equal((root.children[6] as Table).children.length, 2, 'page 3 starts its own table: page 2 ended with a paragraph');
});

test('a table running over three pages (continued rows without header) is one table, anchors after it in order', () => {
  const root = parse(documentMarkdown([
    page(0, [block('table', '', { rows: [['a', 'b'], ['1', '2']] })]),
    page(1, [block('table', '', { rows: [['3', '4']] })], true),
    page(2, [block('table', '', { rows: [['5', '6']] }), block('paragraph', 'End.')], true),
  ]));
  assert.deepEqual(types(root), ['html', 'table', 'html', 'html', 'paragraph']);
  assert.deepEqual((root.children[1] as Table).children.map((r) => r.children.map(textOf)), [['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
  assert.deepEqual(anchorsOf(root.children), ['<!-- page 1 -->', '<!-- page 2 -->', '<!-- page 3 -->']);
});

test('a continued table keeps its merged cells: the next page\'s spans follow its rows, a repeated header\'s go with it', () => {
  const header = ['Item', 'Q1', 'Q2'];
  const md = documentMarkdown([
    page(0, [block('table', '', { rows: [header, ['Tea', '1', '2']] })]),
    page(1, [block('table', '', { rows: [header, ['Subtotal', '', ''], ['Milk', '2', '1']], merged: [{ row: 0, col: 1, rowSpan: 1, colSpan: 2 }, { row: 1, col: 0, rowSpan: 1, colSpan: 3 }] })], true),
  ], { pageAnchors: false });
  assert.equal(md, [
    '<table>',
    '<tr><th>Item</th> <th>Q1</th> <th>Q2</th></tr>',
    '<tr><td>Tea</td> <td>1</td> <td>2</td></tr>',
    '<tr><td colspan="3">Subtotal</td></tr>',
    '<tr><td>Milk</td> <td>2</td> <td>1</td></tr>',
    '</table>',
    '',
  ].join('\n'));
});

test('tables are not joined when the column count differs, or the header is new and nothing says it continues', () => {
  const root = parse(documentMarkdown([
    page(0, [block('table', '', { rows: [['a', 'b'], ['1', '2']] })]),
    page(1, [block('table', '', { rows: [['x', 'y', 'z'], ['1', '2', '3']] })], true),
    page(2, [block('table', '', { rows: [['p', 'q', 'r'], ['4', '5', '6']] })], false),
  ]));
  assert.deepEqual(types(root), ['html', 'table', 'html', 'table', 'html', 'table']);
});

test('pages are written in index order, and nothing joins across a gap in the page indices', () => {
  const root = parse(documentMarkdown([
    page(6, [block('paragraph', 'seven')], true),
    page(0, [block('paragraph', 'one')]),
    page(2, [block('paragraph', 'three')], true),
    page(1, [block('paragraph', 'two')], true),
  ]));
  assert.deepEqual(anchorsOf(root.children), ['<!-- page 1 -->', '<!-- page 2 -->', '<!-- page 3 -->', '<!-- page 7 -->']);
  assert.deepEqual(types(root), ['html', 'paragraph', 'html', 'paragraph']);
  assert.equal(textOf(root.children[1] as Paragraph), 'one  two  three');
  assert.equal(textOf(root.children[3] as Paragraph), 'seven', 'page 7 does not continue page 3');
});

test('a table going on at the top of the next page without its header is joined when it keeps the frame and its rows read alike', () => {
  const head = ['Country', 'Capital', 'Population'];
  const rows1 = [head, ['Brunei', 'Bandar Seri Begawan', '100700'], ['Bulgaria', 'Sofia', '1307439']];
  const rows2 = [['Burkina Faso', 'Ouagadougou', '2453496'], ['Burundi', 'Gitega', '135467']];
  const root = parse(documentMarkdown([
    page(0, [block('table', '', { rows: rows1, bbox: [72, 100, 500, 700] })]),
    page(1, [block('table', '', { rows: rows2, bbox: [73, 60, 499, 300] })]),
    // Set further right: another table, though its rows read alike.
    page(2, [block('table', '', { rows: [['Chad', "N'Djamena", '1092066']], bbox: [200, 60, 560, 100] })]),
  ], { pageAnchors: false }));
  assert.deepEqual(types(root), ['table', 'table']);
  assert.deepEqual((root.children[0] as Table).children.map((r) => r.children.map(textOf)), [...rows1, ...rows2]);
});
