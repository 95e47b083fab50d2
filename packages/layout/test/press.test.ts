import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, PositionedPage, TextSpan } from '@docmill/core';
import { layoutPage } from '../src/index.js';
import { textWidth } from './helpers.js';

// Synthetic scanned newspaper pages as a recogniser that gives words sees them (tesseract TSV through
// ocrToPositionedPage): one span per word, a space after every word of a line but the last, each word
// as tall as its line, sizes measured as line heights, a confidence on every word.

const SIZE = 9;
/** Line box height of 9-pt type as OCR measures it. */
const LINE = 1.3 * SIZE;

/** Words of one printed line from x on baseline y (top-left origin). */
function ocrLine(text: string, x: number, y: number, size = SIZE): TextSpan[] {
  const ws = text.split(/\s+/).filter(Boolean);
  const out: TextSpan[] = [];
  let cx = x;
  ws.forEach((w, i) => {
    const width = textWidth(w, size);
    out.push({ text: i < ws.length - 1 ? `${w} ` : w, bbox: [cx, y - 0.95 * size, cx + width, y + 0.35 * size], fontSize: 1.3 * size, confidence: 0.9 });
    cx += width + 0.3 * size;
  });
  return out;
}

/** A column of prose wrapped to `width`: its words, and the baseline below its last line. */
function ocrColumn(text: string, x: number, y: number, width: number, size = SIZE): { spans: TextSpan[]; y: number; lines: string[] } {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur && textWidth(`${cur} ${w}`, size) + 0.3 * size * cur.split(' ').length > width) { lines.push(cur); cur = w; }
    else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  const spans: TextSpan[] = [];
  let by = y;
  for (const l of lines) { spans.push(...ocrLine(l, x, by, size)); by += 1.25 * LINE; }
  return { spans, y: by, lines };
}

/** Prose whose words name their column ("c2w17"), a sentence from a capital to a full stop. */
function tagged(col: number, n = 70): string {
  const ws = Array.from({ length: n }, (_, i) => `c${col}w${i}`);
  return `C${col}start ${ws.join(' ')} end.`;
}

function ocrPage(spans: TextSpan[], width = 595, height = 842): PositionedPage {
  return { index: 0, width, height, spans, source: 'ocr' };
}

/** Text of the blocks in order, and checks on where each column's words went. */
function columnOrder(blocks: Block[], cols: number[]): void {
  const text = blocks.map((b) => b.text).join('\n');
  let last = -1;
  for (const c of cols) {
    const first = text.indexOf(`C${c}start`);
    const lastWord = text.lastIndexOf(`c${c}w`);
    assert.ok(first >= 0, `column ${c} missing: ${text.slice(0, 200)}`);
    assert.ok(first > last, `column ${c} starts before column ${cols[cols.indexOf(c) - 1]} ends: ${text.slice(0, 400)}`);
    // A column's words are read in their order, none of another column among them.
    const tokens = [...text.slice(first, lastWord + 8).matchAll(/c(\d+)w(\d+)/g)];
    assert.ok(tokens.every((t) => Number(t[1]) === c), `column ${c} mixed with another: ${tokens.filter((t) => Number(t[1]) !== c).slice(0, 3).map((t) => t[0])}`);
    const nums = tokens.map((t) => Number(t[2]));
    assert.deepEqual(nums, [...nums].sort((a, b) => a - b), `column ${c} read out of order`);
    last = lastWord;
  }
  for (const b of blocks) {
    const inside = new Set([...b.text.matchAll(/c(\d+)w/g)].map((m) => m[1]));
    assert.ok(inside.size <= 1, `one block holds words of columns ${[...inside]}: ${b.text.slice(0, 120)}`);
  }
}

test('OCR words, two columns with a narrow gutter and no rule: read column by column', () => {
  // Gutter of one em: recognised lines run on across it (the words are closer than the split gap).
  const a = ocrColumn(tagged(1), 40, 80, 250);
  const b = ocrColumn(tagged(2), 40 + 250 + SIZE, 80, 250);
  const blocks = layoutPage(ocrPage([...a.spans, ...b.spans]));
  columnOrder(blocks, [1, 2]);
  assert.ok(!blocks.some((x) => x.type === 'table' || x.type === 'code'), 'no table or code from prose');
});

test('OCR words, two columns with a drawn rule read as "|": the rule is a gutter, never text', () => {
  // The whitespace beside the rule is too narrow to be a gutter by itself (2 pt each side).
  const a = ocrColumn(tagged(1), 40, 80, 250);
  const gx = 40 + 250 + 2;
  const b = ocrColumn(tagged(2), gx + 3, 80, 250);
  const bars: TextSpan[] = [];
  // OCR reads the rule as a bar on most rows, on one glued to the next word ("|c2w40").
  for (let y = 80; y < a.y - LINE; y += 1.25 * LINE) bars.push({ text: '| ', bbox: [gx - 0.5, y - 0.95 * SIZE, gx + 0.5, y + 0.35 * SIZE], fontSize: LINE, confidence: 0.5 });
  const glued = b.spans.findIndex((s) => s.text.startsWith('c2w40'));
  b.spans[glued] = { ...b.spans[glued]!, text: `|${b.spans[glued]!.text}`, bbox: [gx - 0.5, b.spans[glued]!.bbox[1], b.spans[glued]!.bbox[2], b.spans[glued]!.bbox[3]] };
  const blocks = layoutPage(ocrPage([...a.spans, ...bars, ...b.spans]));
  columnOrder(blocks, [1, 2]);
  assert.ok(blocks.every((x) => !x.text.includes('|')), 'no bar left in the text');
});

test('OCR words, masthead, a headline over two of four columns, a feuilleton below a rule', () => {
  const spans: TextSpan[] = [];
  // Masthead: title across the page, a price box at the left, a dateline.
  spans.push(...ocrLine('Neue Zürcher Zeitung', 170, 60, 28));
  const box = ['Abonnement:', 'Jährlich Fr. 12.—', 'Halbjährlich Fr. 6.—', 'Vierteljährlich Fr. 3.—'];
  box.forEach((l, i) => spans.push(...ocrLine(l, 30, 30 + i * 9, 6)));
  spans.push(...ocrLine('Zürich, Mittwoch, 19. März 1919. Erstes Morgenblatt', 150, 100));
  // Four columns of 125 pt with one-em gutters; a headline in large type over columns 1 and 2.
  const xs = [30, 30 + 134, 30 + 2 * 134, 30 + 3 * 134];
  spans.push(...ocrLine('Der Krieg in Norwegen', 60, 132, 16));
  const bottoms: number[] = [];
  xs.forEach((x, i) => {
    const col = ocrColumn(tagged(i + 1, i < 2 ? 90 : 110), x, i < 2 ? 152 : 132, 125);
    spans.push(...col.spans);
    bottoms.push(col.y);
  });
  // The feuilleton below a rule across the page, in its own columns.
  const top = Math.max(...bottoms) + 2 * LINE;
  spans.push(...ocrLine('Feuilleton', 30 + 265 - textWidth('Feuilleton', 12) / 2, top, 12));
  spans.push(...ocrColumn(tagged(5, 60), 30, top + 22, 260).spans);
  spans.push(...ocrColumn(tagged(6, 60), 30 + 260 + SIZE, top + 22, 260).spans);
  const blocks = layoutPage(ocrPage(spans));
  const text = blocks.map((b) => b.text).join('\n');
  const at = (s: string) => text.indexOf(s);
  assert.ok(at('Neue Zürcher Zeitung') >= 0 && at('Neue Zürcher Zeitung') < at('Der Krieg'), text.slice(0, 300));
  assert.ok(at('Zürich, Mittwoch') < at('Der Krieg'), 'the dateline is read with the masthead');
  assert.ok(at('Der Krieg in Norwegen') < at('C1start'), 'the headline before its columns');
  columnOrder(blocks, [1, 2, 3, 4, 5, 6]);
  assert.ok(at('Feuilleton') > text.lastIndexOf('c4w') && at('Feuilleton') < at('C5start'), 'the feuilleton after the news columns');
  // The price box stays text: no table, no code block.
  assert.ok(!blocks.some((b) => b.type === 'table' || b.type === 'code'), `kinds: ${blocks.map((b) => b.type)}`);
  assert.ok(blocks.some((b) => b.text.includes('Jährlich Fr. 12.— ')), 'a price line ending in a dash is followed by a space');
  assert.equal(blocks.find((b) => b.text.includes('Der Krieg'))?.type, 'heading');
});

test('OCR typewriter lines of a price list are not a code block', () => {
  const spans = ['Jährlich Fr. 12.—', 'Halbjährlich Fr. 6.—', 'Vierteljährlich Fr. 3.—', 'Einzelnummer 10 Rp.']
    .flatMap((l, i) => ocrLine(l, 40, 60 + i * 1.25 * LINE).map((s) => ({ ...s, monospace: true })));
  const blocks = layoutPage(ocrPage(spans));
  assert.ok(blocks.every((b) => b.type !== 'code'), `kinds: ${blocks.map((b) => b.type)}`);
  // A real listing read by OCR still is one.
  const code = ['for (let i = 0; i < n; i++) {', '  total += price[i];', '}', 'return total;']
    .flatMap((l, i) => ocrLine(l, 40, 60 + i * 1.25 * LINE).map((s) => ({ ...s, monospace: true })));
  assert.ok(layoutPage(ocrPage(code)).some((b) => b.type === 'code'));
});

test('line-end hyphens of scans are joined: "-", "¬", "⸗" and the Fraktur "="', () => {
  const lines = ['Die Bedürf¬', 'nisse der Ver-', 'ſammlung und der Landboten⸗', 'Korreſpondent ſeiner Ver=', 'ſammlung ſind groß.'];
  const spans = lines.flatMap((l, i) => ocrLine(l, 40, 60 + i * 1.25 * LINE));
  const blocks = layoutPage(ocrPage(spans));
  assert.equal(blocks.length, 1);
  assert.equal(blocks[0]!.text, 'Die Bedürfnisse der Verſammlung und der Landboten-Korreſpondent ſeiner Verſammlung ſind groß.');
});
