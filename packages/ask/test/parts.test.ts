import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateTokens, isVisualQuestion, pagePassages, parseReply, pickImagePages, PassageIndex } from '../src/index.js';
import { filler, makeDoc } from './helpers.js';

test('parseReply reads JSON, fenced JSON, markers and plain text', () => {
  assert.deepEqual(parseReply('{"answer":"Yes.","citations":[{"page":2,"quote":"it is"}]}'), { answer: 'Yes.', citations: [{ page: 2, quote: 'it is' }], form: 'json' });
  assert.deepEqual(parseReply('```json\n{"answer":"No.","citations":[{"page":"3","quote":"x"},{"page":1}]}\n```'), { answer: 'No.', citations: [{ page: 3, quote: 'x' }], form: 'json' });
  assert.deepEqual(parseReply('It grew [p. 4] "sales grew" and [page 5]: “costs fell”.').citations, [{ page: 4, quote: 'sales grew' }, { page: 5, quote: 'costs fell' }]);
  assert.deepEqual(parseReply('I do not know.'), { answer: 'I do not know.', citations: [], form: 'text' });
});

test('visual wording is recognised, plain questions are not', () => {
  for (const q of ['What does Figure 2 show?', 'Describe the chart on page 3', 'What colour is the logo?', 'How does the first page look?']) assert.ok(isVisualQuestion(q), q);
  for (const q of ['What is the total revenue?', 'Who signed the contract?', 'When did dredging start?']) assert.ok(!isVisualQuestion(q), q);
});

test('image pages: the page the question names, then the best ranked', () => {
  const doc = makeDoc([
    { blocks: [{ type: 'paragraph', text: filler(1, 10) }] },
    { blocks: [{ type: 'paragraph', text: filler(2, 10) }] },
    { blocks: [{ type: 'paragraph', text: `${filler(3, 10)} See the diagram below.` }, { type: 'caption', text: 'Figure 7: the harbour layout.' }] },
  ]);
  const pick = pickImagePages(doc, 'What does Figure 7 show?', [{ page: 1 }], 8);
  assert.equal(pick.visual, true);
  assert.equal(pick.reason, 'wording');
  assert.deepEqual(pick.pages.slice(0, 2), [3, 1]);
  assert.deepEqual(pickImagePages(doc, 'Explain page 2', [], 8).pages, []);
  assert.deepEqual(pickImagePages(doc, 'What does the diagram on page 2 show?', [], 8).pages, [2]);
});

test('passages stay on their page and carry the heading above them', () => {
  const doc = makeDoc([
    { blocks: [{ type: 'heading', level: 1, text: 'Budget' }, { type: 'paragraph', text: filler(1, 30) }] },
    { blocks: [{ type: 'paragraph', text: 'The budget is 3.2 million euros.' }] },
  ]);
  const ps = pagePassages(doc, 400);
  assert.ok(ps.length >= 3);
  assert.ok(ps.every((p) => p.text.length <= 400));
  assert.deepEqual(ps.at(-1), { id: ps.length - 1, page: 2, heading: 'Budget', text: 'The budget is 3.2 million euros.' });
  const index = new PassageIndex(doc);
  assert.equal(index.rankPages('How large is the budget in euros?')[0]?.page, 2);
});

test('the token estimate over-counts prose, numbers, scripts and glyph garbage', () => {
  // Lower bounds any real BPE tokenizer meets: one token per CJK/Arabic char at least,
  // one per digit group, about a word per token in English.
  const en = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
  assert.ok(estimateTokens(en) >= en.split(/\s+/).length);
  assert.ok(estimateTokens('数据处理系统的设计与实现') >= 12);
  assert.ok(estimateTokens('مرحبا بالعالم') >= 12);
  assert.ok(estimateTokens('VGCPVSHVJHOPOÊPDVLÌNJMFKPVFQS') >= 25, 'garbage counts per letter');
  assert.ok(estimateTokens('3.14159 2.71828 1.41421') >= 18);
  assert.equal(estimateTokens(''), 0);
});

test('a JSON reply cut at the token limit keeps the answer written so far', () => {
  assert.deepEqual(parseReply('{"answer": "The budget is 3.2 million \\"euros\\" and the dredg'), { answer: 'The budget is 3.2 million "euros" and the dredg', citations: [], form: 'text' });
});
