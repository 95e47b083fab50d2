import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorText, detectRepetition, isRefusal, pageMessages, splitFrontMatter, textLayerRotation, PAGE_SYSTEM_PROMPT } from '../src/index.js';
import { preparedPage, span, someSpans } from './fixtures.js';

const prose = 'The committee met twelve times this year and approved the budget for the new library. '.repeat(3);

test('detectRepetition finds a word n-gram loop at the end', () => {
  const loop = prose + 'and the results and the results '.repeat(5) + 'of the survey show that '.repeat(40);
  const f = detectRepetition(loop);
  assert.ok(f);
  assert.equal(f.unit.trim(), 'of the survey show that');
  assert.ok(f.count >= 40);
  assert.equal(loop.slice(0, f.start).endsWith('and the results '), true);
});

test('detectRepetition finds a repeated line and a long character run', () => {
  const lines = prose + '\n' + '| 0.00 | 0.00 | 0.00 |\n'.repeat(35);
  assert.equal(detectRepetition(lines)?.unit, '| 0.00 | 0.00 | 0.00 |\n');
  const run = prose + '0'.repeat(600);
  assert.equal(detectRepetition(run)?.unit, '0');
  // a loop cut mid-unit by the token limit still counts
  const cut = prose + 'lorem ipsum dolor '.repeat(40) + 'lorem ips';
  assert.equal(detectRepetition(cut)?.unit.length, 'lorem ipsum dolor '.length);
});

test('detectRepetition leaves ordinary pages alone: dot leaders, table rules, a few repeated rows', () => {
  const toc = Array.from({ length: 30 }, (_, i) => `Chapter ${i + 1} ${'.'.repeat(60)} ${i * 7 + 1}`).join('\n');
  assert.equal(detectRepetition(toc), undefined);
  const table = '| a | b |\n|' + '-'.repeat(150) + '|\n' + '|  |  |\n'.repeat(10);
  assert.equal(detectRepetition(table), undefined);
  assert.equal(detectRepetition(prose), undefined);
  assert.equal(detectRepetition(''), undefined);
});

test('isRefusal: a short apology is a refusal, a page that starts with "Sorry" is not', () => {
  assert.equal(isRefusal("I'm sorry, but I can't help with transcribing this image."), true);
  assert.equal(isRefusal('As an AI, I cannot read handwriting.'), true);
  assert.equal(isRefusal('I cannot assist with that.'), true);
  assert.equal(isRefusal('# Sorry, we are closed\n\n' + prose.repeat(3)), false);
  assert.equal(isRefusal('# Annual report\n\nThe committee met.'), false);
});

test('splitFrontMatter reads rotation and strips the block; no front matter leaves the text as it is', () => {
  assert.deepEqual(splitFrontMatter('---\nrotation: 90\n---\n# Title\n'), { body: '# Title\n', rotation: 90 });
  assert.deepEqual(splitFrontMatter('rotation: 270\n\nText'), { body: '\nText', rotation: 270 });
  assert.deepEqual(splitFrontMatter('---\nrotation: 45\n---\nText'), { body: 'Text' });
  // A horizontal rule then a paragraph is not front matter.
  const md = '---\n\nSome text\n\n---\nMore';
  assert.deepEqual(splitFrontMatter(md), { body: md });
  assert.deepEqual(splitFrontMatter('# Title'), { body: '# Title' });
  // olmOCR-style keys are front matter too; other "key: value" lines between rules are page text
  assert.deepEqual(splitFrontMatter('---\nprimary_language: en\nrotation: 180\n---\nText'), { body: 'Text', rotation: 180 });
  const form = '---\nName: John Smith\n---\nSigned';
  assert.deepEqual(splitFrontMatter(form), { body: form });
});

test('textLayerRotation: vertical spans → 90, horizontal → 0', () => {
  const horizontal = preparedPage({ spans: someSpans() }).textLayer;
  assert.equal(textLayerRotation(horizontal), 0);
  const vertical = preparedPage({
    spans: ['Quarterly results by region', 'North 12 14 15', 'South 9 11 10'].map((t, i) => ({ text: t, bbox: [100 + i * 14, 100, 112 + i * 14, 100 + t.length * 6], fontSize: 10 })),
  }).textLayer;
  assert.equal(textLayerRotation(vertical), 90);
});

test('anchorText: [x,y]text lines in reading order, capped with head and tail kept', () => {
  const page = preparedPage({ spans: [span('world', 130, 100), span('Hello', 100, 100), span('Second line', 100, 120)] }).textLayer;
  assert.equal(anchorText(page), 'Page dimensions: 612x792\n[100,100]Hello world\n[100,120]Second line');
  const many = preparedPage({ spans: Array.from({ length: 400 }, (_, i) => span(`Line number ${i} of the long page`, 72, 20 + i * 2, 1.5)) }).textLayer;
  const capped = anchorText(many, 2000);
  assert.ok(capped.length <= 2000, `length ${capped.length}`);
  assert.ok(capped.includes('Line number 0 of'));
  assert.ok(capped.includes('Line number 399 of'));
  assert.ok(capped.includes('[…]'));
});

test('pageMessages: system prompt, then the image and the anchor text in the user turn', () => {
  const msgs = pageMessages('data:image/png;base64,AAAA', 'Page dimensions: 1x1');
  assert.equal(msgs[0]?.role, 'system');
  assert.equal(msgs[0]?.content, PAGE_SYSTEM_PROMPT);
  const user = msgs[1]?.content;
  assert.ok(Array.isArray(user));
  assert.equal(user[0]?.type, 'image_url');
  assert.ok(user[1]?.type === 'text' && user[1].text.includes('Page dimensions: 1x1'));
  const noAnchor = pageMessages('data:image/png;base64,AAAA')[1]?.content;
  assert.ok(Array.isArray(noAnchor) && noAnchor[1]?.type === 'text' && !noAnchor[1].text.includes('text layer'));
});
