import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextSpan } from '@docmill/core';
import { judgeTextLayer } from '../src/index.js';

const spans = (...texts: string[]): TextSpan[] => texts.map((text, i) => ({ text, bbox: [72, 72 + i * 14, 300, 84 + i * 14], fontSize: 12 }));
const visible = (n: number) => ({ invisibleChars: 0, totalChars: n });
const PROSE = 'The committee reviewed forty applications and accepted eleven of them.';

test('ordinary prose is trustworthy; chars counts visible non-blank characters', () => {
  const v = judgeTextLayer(spans(PROSE), visible(60));
  assert.equal(v.trustworthy, true);
  assert.deepEqual(v.flags, []);
  assert.equal(v.chars, PROSE.replace(/\s/g, '').length);
  assert.equal(v.garbageShare, 0);
  assert.equal(v.invisibleShare, 0);
});

test('no text at all → no_text_layer; with nothing painted either, also blank', () => {
  assert.deepEqual(judgeTextLayer([], visible(0)).flags, ['needs_ocr', 'no_text_layer']);
  assert.deepEqual(judgeTextLayer([], { ...visible(0), paintOps: 3 }).flags, ['needs_ocr', 'no_text_layer']);
  assert.deepEqual(judgeTextLayer([], { ...visible(0), paintOps: 0 }).flags, ['needs_ocr', 'no_text_layer', 'blank']);
});

test('a few characters over a big image → no_text_layer; the same without an image is trusted', () => {
  assert.deepEqual(judgeTextLayer(spans('p. 3'), { ...visible(3), imageCoverage: 0.9 }).flags, ['needs_ocr', 'no_text_layer']);
  assert.equal(judgeTextLayer(spans('p. 3'), { ...visible(3), imageCoverage: 0.05 }).trustworthy, true);
});

test('mostly invisible text → invisible_text; a little invisible text is tolerated', () => {
  const v = judgeTextLayer(spans(PROSE), { invisibleChars: 58, totalChars: 60 });
  assert.deepEqual(v.flags, ['needs_ocr', 'invisible_text']);
  assert.ok(v.invisibleShare > 0.9);
  assert.ok(v.chars < 5);
  const some = judgeTextLayer(spans(PROSE), { invisibleChars: 20, totalChars: 60 });
  assert.equal(some.trustworthy, true);
  assert.ok(some.chars < PROSE.replace(/\s/g, '').length);
});

test('private-use code points, U+FFFD, (cid:NN) and control characters are garbage', () => {
  const pua = judgeTextLayer(spans('\uE001\uE002\uE003\uE004 ab'), visible(6));
  assert.deepEqual(pua.flags, ['needs_ocr', 'garbage_glyphs']);
  assert.ok(pua.garbageShare > 0.6);
  assert.deepEqual(judgeTextLayer(spans('\uFFFD\uFFFD\uFFFD x'), visible(4)).flags, ['needs_ocr', 'garbage_glyphs']);
  assert.deepEqual(judgeTextLayer(spans('(cid:12)(cid:7)(cid:33) and'), visible(6)).flags, ['needs_ocr', 'garbage_glyphs']);
  assert.deepEqual(judgeTextLayer(spans('\u0003\u0004\u0005\u0006x'), visible(5)).flags, ['needs_ocr', 'garbage_glyphs']);
  // C1 controls: what a font without a usable ToUnicode gives in TAMReview.pdf.
  assert.deepEqual(judgeTextLayer(spans('\u0098\u0087\u0094\u0098\u008b Model'), visible(10)).flags, ['needs_ocr', 'garbage_glyphs']);
  // Below the 0.3 threshold: one stray glyph in a sentence.
  const stray = judgeTextLayer(spans(`${PROSE} \uE000`), visible(61));
  assert.equal(stray.trustworthy, true);
  assert.ok(stray.garbageShare > 0 && stray.garbageShare < 0.05);
});

test('one glyph repeated as nearly all text (a broken ToUnicode) is garbage; short or varied pages are not', () => {
  const ones = judgeTextLayer(spans('11111111111111111111111111111111', '1111111111111111'), visible(48));
  assert.deepEqual(ones.flags, ['needs_ocr', 'garbage_glyphs']);
  assert.equal(ones.garbageShare, 1);
  // A short page number and a table of varied figures are fine.
  assert.equal(judgeTextLayer(spans('11'), visible(2)).trustworthy, true);
  assert.equal(judgeTextLayer(spans('1 110 1,111 21 101 1 11 31 1 17 1 91 1 12'), visible(30)).trustworthy, true);
  // Dotted leaders are punctuation, not a repeated letter.
  assert.equal(judgeTextLayer(spans(`Introduction ${'.'.repeat(80)} 1`), visible(93)).trustworthy, true);
});

test('words that mix unrelated scripts are garbage; real multilingual text is not', () => {
  // Glyph ids read as code points (complex_ttf_font.pdf): Oriya, Cyrillic, Myanmar, Gurmukhi in one word.
  const junk = judgeTextLayer(spans('̽ଋҨǥƹ̽ୡȥဎഁ ୡࣧҨဌʾဎಱ̽ೌ ਮΝ੧੅ͱʸ ฏʤҨ̿ଋҨ'), visible(30));
  assert.deepEqual(junk.flags, ['needs_ocr', 'garbage_glyphs']);
  const fine = [
    '日本語のテキストとカタカナ、ひらがなを含む文章です。',
    'Let α and β be angles; then sin(α+β) = sinα cosβ + cosα sinβ.',
    'كلمة habibi حبيبي في جملة عربية مع English words.',
    'Тестовый текст на русском языке with English in it.',
    'ภาษาไทย ไม่มีช่องว่างระหว่างคำ 2024',
    // Latin terms with Korean, Japanese and Chinese particles after them; Latin variables inside Chinese prose.
    '•run_proc가 호출되면 프로세스의 PDBA를 저장하고 ku_cr3의 위치를 virtual address에 따라 translation(Virtual address)이 JavaScriptで Python的',
    '如果要满足矩阵乘法定义，那么变换矩阵的行的个数必须和输入信号的变量取值范围相同，及与x的取值范围一致。我们将偶数部分的傅里叶变换记作F',
  ];
  for (const text of fine) assert.equal(judgeTextLayer(spans(text), visible(40)).trustworthy, true, text);
});

test('control characters standing in for spaces make the whole run garbage; a stray one does not', () => {
  // issue19802.pdf: a shifted alphabet with U+0001 as the space.
  const shifted = judgeTextLayer(spans('ÄOHFM\u0001QJEJï\u0001B\u0001ÈOOF\u0001VO\u0001jCMFTLJWFS\u0001Z\u0001VO\u0001C'), visible(40));
  assert.deepEqual(shifted.flags, ['needs_ocr', 'garbage_glyphs']);
  assert.ok(shifted.garbageShare > 0.9);
  // issue918.pdf: quotes mapped to controls in otherwise good prose.
  const quotes = judgeTextLayer(spans(`${PROSE} \u0010Workers of the World, Unite!\u0011 ${PROSE}`), visible(150));
  assert.equal(quotes.trustworthy, true);
});
