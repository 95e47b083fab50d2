import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHtmlTable, readHtmlParts } from '../src/html-table.js';

test('implied end tags, th/td mix, entities, whitespace collapsed', () => {
  const rows = parseHtmlTable('<TABLE border=1><tr><th>A &lt;B&gt;<td>caf&eacute; &#233; &#xE9;&nbsp;x\n   y<tr><td>1<td>2</table>');
  assert.deepEqual(rows, [['A <B>', 'café é é x y'], ['1', '2']]);
});

test('rowspan and colspan fill a grid; a rowspan past the end is cut, not extended', () => {
  const rows = parseHtmlTable(`
    <table>
      <tr><td rowspan="3">L</td><td colspan='2'>top</td></tr>
      <tr><td>m1</td><td rowspan=9999>R</td></tr>
      <tr><td>m2</td></tr>
    </table>`);
  assert.deepEqual(rows, [['L', 'top', 'top'], ['L', 'm1', 'R'], ['L', 'm2', 'R']]);
});

test('short rows are padded; <br> and paragraphs inside a cell are line breaks; comments ignored', () => {
  const rows = parseHtmlTable('<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td><p>one</p><p>two</p></td><!-- x --><td>x<br/>y</td></tr></table>');
  assert.deepEqual(rows, [['a', 'b', 'c'], ['one\ntwo', 'x\ny', '']]);
});

test('a nested table is flattened into its cell; text around the table is ignored', () => {
  const rows = parseHtmlTable('before <table><tr><td>outer<table><tr><td>i1</td><td>i2</td></tr></table></td><td>z</td></tr></table> after <table><tr><td>second</td></tr></table>');
  assert.deepEqual(rows, [['outer\ni1 i2', 'z']], 'inner rows on lines of their own');
});

test('no table, or a table without cells → undefined', () => {
  assert.equal(parseHtmlTable('<p>just a paragraph</p>'), undefined);
  assert.equal(parseHtmlTable('<table></table>'), undefined);
  assert.equal(parseHtmlTable('<table><tr></tr></table>'), undefined);
});

test('several tables and the text around them come back in order; an unclosed table keeps its rows', () => {
  const parts = readHtmlParts('<p>Table 1: <b>Costs</b></p>\n<table><tr><td>a</td><td>b</td></tr></table>\n<table><tr><td>c</td></tr></table><p>Source: us</p><table><tr><td>x<td>y');
  assert.deepEqual(parts, [
    { kind: 'text', text: 'Table 1: Costs' },
    { kind: 'table', rows: [['a', 'b']] },
    { kind: 'table', rows: [['c']] },
    { kind: 'text', text: 'Source: us' },
    { kind: 'table', rows: [['x', 'y']] },
  ]);
});
