import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentMarkdownWriter, documentMarkdown, type DocumentPage } from '../src/index.js';
import { block } from './helpers.js';

function page(index: number, blocks: DocumentPage['blocks'], continuesPrevious = false, label?: string): DocumentPage {
  return { index, blocks, continuesPrevious, ...(label === undefined ? {} : { label }) };
}

const header = ['Item', 'Qty', 'Price'];
/** Pages with every kind of join across a break, gaps, empty pages and neighbouring lists. */
function pages(): DocumentPage[] {
  return [
    page(0, [block('heading', 'Report', { level: 1 }), block('paragraph', 'It begins on this page and goes', { open: true })], false, 'i'),
    page(1, [block('paragraph', 'on over a whole page, which it fills,', { open: true })], true, 'ii'),
    page(2, [block('paragraph', 'and ends here. Next a list:'), block('list-item', 'first', { marker: '-', depth: 0 }), block('list-item', 'second', { marker: '-', depth: 0 })], true),
    page(3, [block('list-item', 'third', { marker: '-', depth: 0 }), block('paragraph', 'Orders:'), block('table', '', { rows: [header, ['Tea', '1', '2.00']] })]),
    page(4, [block('table', '', { rows: [header, ['Milk', '2', '1.10']] })]),
    page(5, [block('table', '', { rows: [header, ['Jam', '4', '9.00']] }), block('paragraph', 'Total *below* [1] $x$ ~a~.')]),
    page(6, []),
    page(9, [block('paragraph', 'after a gap, in lower case', { open: true })], true),
    page(10, [block('code', 'let x = 1;'), block('paragraph', 'docu-', { open: true })]),
    page(11, [block('paragraph', 'ment goes on. 😀')], true),
    page(12, [block('list-item', '1 one', { ordered: true, marker: '1.', depth: 0 })]),
    page(13, [block('list-item', '2 two', { ordered: true, marker: '2.', depth: 0 })]),
  ];
}

test('the page-by-page writer gives documentMarkdown\'s text, and hands it out before the end', () => {
  const whole = documentMarkdown(pages());
  const chunks: string[] = [];
  const writer = new DocumentMarkdownWriter((c) => chunks.push(c));
  for (const p of pages()) writer.add(p);
  const early = chunks.length;
  writer.end();
  assert.equal(chunks.join(''), whole);
  assert.ok(early >= 3, `only ${early} pieces were written before end()`);
  // The paragraph spanning pages 1-3 and the table spanning pages 4-6 each come whole in one piece.
  assert.ok(chunks.some((c) => c.includes('goes <!-- page 2 label="ii" --> on over') && c.includes('and ends here')));
  assert.ok(chunks.some((c) => c.includes('| Tea') && c.includes('| Jam')));
});

test('the writer without anchors, and with flush off, still gives documentMarkdown\'s text', () => {
  for (const opts of [{ pageAnchors: false }, { flush: false }]) {
    let out = '';
    const writer = new DocumentMarkdownWriter((c) => (out += c), opts);
    for (const p of pages()) writer.add(p);
    writer.end();
    assert.equal(out, documentMarkdown(pages(), opts));
  }
  let empty = '';
  const w = new DocumentMarkdownWriter((c) => (empty += c));
  w.end();
  assert.equal(empty, documentMarkdown([]));
});
