// Seeded (deterministic) generated cases: whatever the text, remark's escaping keeps it literal, and inline
// formatting survives blocks → Markdown → blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Inline } from '@docmill/core';
import type { Paragraph } from 'mdast';
import { markdownToBlocks, pageMarkdown } from '../src/index.js';
import { block, parse, textOf, types } from './helpers.js';

function prng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

const TRICKY = 'ab1 2 *_#-+.>|`[]()!<>$\\&~=:;"\'/{}^%@?,ä\t';

test('generated paragraphs of Markdown punctuation come back as one paragraph with the same text', () => {
  const rnd = prng(12345);
  for (let k = 0; k < 300; k++) {
    let text = '';
    for (let i = 0, n = 1 + rnd(25); i < n; i++) text += TRICKY[rnd(TRICKY.length)];
    if (text.trim() === '') continue;
    const md = pageMarkdown([block('paragraph', text)]);
    const root = parse(md);
    assert.deepEqual(types(root), ['paragraph'], `${JSON.stringify(text)} → ${JSON.stringify(md)}`);
    assert.equal(textOf(root.children[0] as Paragraph), text.trim(), `${JSON.stringify(text)} → ${JSON.stringify(md)}`);
  }
});

/** Each visible character with its style: whitespace outside code/math may move across a mark's edge. */
function styledChars(runs: readonly Inline[]): string {
  return runs
    .flatMap((r) => [...r.text].map((ch) => ({ ch, style: `${r.bold ? 'B' : ''}${r.italic ? 'I' : ''}${r.code ? 'C' : ''}${r.math ? 'M' : ''}${r.link ?? ''}` })))
    .filter((c) => c.ch.trim() !== '' || /[CM]/.test(c.style))
    .map((c) => `${c.ch}:${c.style}`)
    .join(' ');
}

test('generated formatted paragraphs keep every character\'s style through Markdown and back', () => {
  const rnd = prng(987);
  const word = (n: number, alphabet: string): string => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
  for (let k = 0; k < 300; k++) {
    const runs: Inline[] = [];
    for (let i = 0, n = 1 + rnd(5); i < n; i++) {
      const kind = rnd(6);
      if (kind === 0) runs.push({ text: word(1 + rnd(6), 'abc+-*=^_{}\\'), math: true });
      else if (kind === 1) runs.push({ text: word(1 + rnd(6), 'ab`|*_ ').trim() || 'x', code: true });
      else {
        const r: Inline = { text: word(1 + rnd(8), TRICKY) };
        if (rnd(2)) r.bold = true;
        if (rnd(2)) r.italic = true;
        if (rnd(4) === 0) r.link = `https://example.com/${word(3, 'ab')}`;
        runs.push(r);
      }
    }
    if (runs.every((r) => r.text.trim() === '')) continue;
    const md = pageMarkdown([block('paragraph', runs.map((r) => r.text).join(''), { inlines: runs })]);
    const { blocks } = markdownToBlocks(md, { width: 612, height: 792 });
    const only = blocks[0];
    // Note: a paragraph that is only math comes back as a formula block (documented).
    if (only?.type === 'formula' && runs.every((r) => r.math || r.text.trim() === '')) continue;
    assert.equal(blocks.length, 1, `${JSON.stringify(runs)} → ${JSON.stringify(md)}`);
    assert.equal(styledChars(only!.inlines ?? [{ text: only!.text }]), styledChars(runs), `${JSON.stringify(runs)} → ${JSON.stringify(md)}`);
  }
});

test('generated table cells of Markdown punctuation come back cell for cell', () => {
  const rnd = prng(4242);
  for (let k = 0; k < 60; k++) {
    const width = 2 + rnd(4);
    const rows = Array.from({ length: 1 + rnd(4) }, () => Array.from({ length: width }, () => Array.from({ length: 1 + rnd(10) }, () => TRICKY[rnd(TRICKY.length)]).join('')));
    const header = Array.from({ length: width }, (_, i) => `h${i}`);
    const md = pageMarkdown([block('table', '', { rows: [header, ...rows] })]);
    const { blocks } = markdownToBlocks(md, { width: 612, height: 792 });
    const expected = [header, ...rows.map((r) => r.map((c) => c.trim()))].filter((r, i) => i === 0 || r.some((c) => c !== ''));
    assert.deepEqual(blocks[0]?.rows, expected, JSON.stringify(md));
  }
});
