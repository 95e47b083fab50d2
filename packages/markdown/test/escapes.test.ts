// Escapes: only where a character would otherwise change the meaning (issue 13's "no needless escapes").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paragraph } from 'mdast';
import { pageMarkdown } from '../src/index.js';
import { block, parse, textOf, types } from './helpers.js';

const md = (text: string): string => pageMarkdown([block('paragraph', text)]).trim();

test('URLs, snake_case, citations, a lone $ or ~, C&DS and rules of underscores are written as they are', () => {
  for (const text of [
    'See https://www.regulations.gov and www.lenze.com or mail sales.nl@lenze.com.',
    'call write_png() with save_alpha',
    'as shown in [1], [2] and [3, 4]',
    'costs $3,148,800.00 in total',
    'about ~5 %',
    'Contractual & Data Services (C&DS)',
    'Name: ____________ Date: ____',
    'a * b and 2 * 3',
  ]) {
    assert.equal(md(text), text, text);
    const root = parse(md(text));
    assert.deepEqual(types(root), ['paragraph']);
    assert.equal(textOf(root.children[0] as Paragraph), text);
  }
});

test('what would change the meaning is still escaped', () => {
  const cases: Array<[string, string]> = [
    ['a*b*c', 'a\\*b\\*c'],
    ['_d_ and *e*', '\\_d\\_ and \\*e\\*'],
    ['[not](a-link)', '\\[not]\\(a-link)'],
    ['costs $5 and $10', 'costs \\$5 and \\$10'],
    ['&amp; stays', '\\&amp; stays'],
    ['~~gone~~', '\\~\\~gone\\~\\~'],
  ];
  for (const [text, want] of cases) {
    assert.equal(md(text), want, text);
    assert.equal(textOf(parse(md(text)).children[0] as Paragraph), text, text);
  }
});

test('emphasis delimiters next to a formatted run are escaped so the two do not merge', () => {
  const out = pageMarkdown([block('paragraph', 'x* bold', { inlines: [{ text: 'x*' }, { text: 'bold', bold: true }] })]).trim();
  const p = parse(out).children[0] as Paragraph;
  assert.equal(textOf(p), 'x*bold');
  assert.deepEqual(p.children.map((c) => c.type), ['text', 'strong'], out);
});

test('a reference entry that opens with [1] is written as it is; a definition or task box at a line start stays escaped', () => {
  for (const text of ['[1] A. Smith. Parsing PDFs. 2020.', '[2] 주택임대차보호법 제3조 제2항']) {
    assert.equal(md(text), text, text);
    const root = parse(md(text));
    assert.deepEqual(types(root), ['paragraph']);
    assert.equal(textOf(root.children[0] as Paragraph), text);
  }
  for (const [text, want] of [['[1]: http://example.org', '\\[1]: http://example.org'], ['[^1] the note', '\\[^1] the note'], ['[x] done', '\\[x] done']] as const) {
    assert.equal(md(text), want, text);
    assert.equal(textOf(parse(md(text)).children[0] as Paragraph), text, text);
  }
  // a task box after a list marker is still escaped
  const item = pageMarkdown([block('list-item', '[ ] open', { marker: '•', depth: 0 })]).trim();
  assert.match(item, /^[-*] \\\[ \] open$/, item);
});
