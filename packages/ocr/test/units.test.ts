import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charErrorRate, ocrToPositionedPage, type OcrResult } from '../src/index.js';
import { editDistance } from '../src/cer.js';
import { ctcGreedy } from '../src/ctc.js';
import { canonicalRect, convexHull, minAreaRect, rectCorners, sortReadingOrder, unclipRect, type Point } from '../src/geometry.js';
import { findComponents } from '../src/components.js';
import { detInputSize } from '../src/detect.js';
import { latinPunctuation } from '../src/text.js';
import { flipQuad, turnQuad } from '../src/crop.js';
import { looksUpsideDown } from '../src/orientation.js';
import type { DetBox } from '../src/detect.js';

test('charErrorRate: edit distance over the reference length, whitespace folded', () => {
  assert.equal(charErrorRate('abc', 'abc'), 0);
  assert.equal(charErrorRate('abcd', 'abxd'), 0.25);
  assert.equal(charErrorRate('kitten', 'sitting'), 3 / 6);
  assert.equal(charErrorRate('a  b\n\tc ', ' a b c'), 0);
  assert.equal(charErrorRate('', ''), 0);
  assert.equal(charErrorRate('', 'xy'), 2);
  assert.equal(editDistance('flaw', 'lawn'), 2);
  assert.equal(editDistance('naïve', 'naive'), 1);
});

test('minAreaRect recovers a rotated rectangle from its filled pixels', () => {
  const xs: number[] = [];
  const ys: number[] = [];
  const angle = (5 * Math.PI) / 180;
  const c = Math.cos(angle), s = Math.sin(angle);
  for (let u = -100; u <= 100; u += 0.5) {
    for (let v = -10; v <= 10; v += 0.5) {
      xs.push(300 + u * c - v * s);
      ys.push(200 + u * s + v * c);
    }
  }
  const r = minAreaRect(convexHull(xs, ys));
  assert.ok(Math.abs(r.cx - 300) < 0.5 && Math.abs(r.cy - 200) < 0.5, `centre ${r.cx},${r.cy}`);
  assert.ok(Math.abs(r.hw - 100) < 0.5 && Math.abs(r.hh - 10) < 0.5, `half sizes ${r.hw},${r.hh}`);
  assert.ok(Math.abs((Math.atan2(r.uy, r.ux) * 180) / Math.PI - 5) < 0.2);
  const corners = rectCorners(r);
  // Clockwise on screen from the top-left: TL is left of TR and above BL.
  assert.ok(corners[0]![0] < corners[1]![0] && corners[0]![1] < corners[3]![1]);
});

test('canonicalRect picks the axis nearer horizontal as the reading axis', () => {
  const r = canonicalRect(0, 0, 0, 1, 50, 5); // long axis vertical
  assert.deepEqual([Math.round(r.ux), Math.abs(Math.round(r.uy)), r.hw, r.hh], [1, 0, 5, 50]);
});

test('unclipRect grows each side by area * ratio / perimeter', () => {
  const r = unclipRect({ cx: 0, cy: 0, ux: 1, uy: 0, hw: 50, hh: 5 }, 1.5);
  const d = (100 * 10 * 1.5) / 220;
  assert.ok(Math.abs(r.hw - (50 + d)) < 1e-9 && Math.abs(r.hh - (5 + d)) < 1e-9);
});

test('findComponents separates regions and scores them by mean probability', () => {
  const w = 20, h = 10;
  const prob = new Float32Array(w * h);
  for (let y = 2; y < 4; y++) for (let x = 1; x < 9; x++) prob[y * w + x] = 0.9;
  for (let y = 6; y < 8; y++) for (let x = 3; x < 18; x++) prob[y * w + x] = 0.5;
  prob[0] = 0.95; // a single pixel: noise
  const comps = findComponents(prob, w, h, 0.3);
  assert.equal(comps.length, 2);
  assert.deepEqual(comps.map((c) => c.pixels), [16, 30]);
  assert.ok(Math.abs(comps[0]!.score - 0.9) < 1e-6 && Math.abs(comps[1]!.score - 0.5) < 1e-6);
});

test('detInputSize keeps aspect, caps the long side and rounds to multiples of 32', () => {
  assert.deepEqual(detInputSize(1700, 2200, 1280), { w: 992, h: 1280 });
  assert.deepEqual(detInputSize(100, 40, 1280), { w: 96, h: 32 });
});

test('sortReadingOrder: top to bottom, and left to right within a line', () => {
  const box = (x: number, y: number): { box: Point[]; id: string } => ({ id: `${x},${y}`, box: [[x, y], [x + 50, y], [x + 50, y + 20], [x, y + 20]] });
  const sorted = sortReadingOrder([box(300, 103), box(10, 100), box(10, 200), box(150, 98)]);
  assert.deepEqual(sorted.map((b) => b.id), ['10,100', '150,98', '300,103', '10,200']);
});

test('flipQuad and turnQuad re-order corners for reading upside down or sideways', () => {
  const q: Point[] = [[0, 0], [10, 0], [10, 5], [0, 5]];
  assert.deepEqual(flipQuad(q), [[10, 5], [0, 5], [0, 0], [10, 0]]);
  assert.deepEqual(turnQuad(q), [[10, 0], [10, 5], [0, 5], [0, 0]]);
});

test('ctcGreedy merges repeats, drops blanks, restores spaces the blank won over', () => {
  const keys = ['a', 'b', ' '];
  const classes = keys.length + 1;
  // steps: a a _ a [blank but space 0.3] b b
  const rows: number[][] = [
    [0.1, 0.8, 0.05, 0.05],
    [0.1, 0.8, 0.05, 0.05],
    [0.9, 0.05, 0.03, 0.02],
    [0.1, 0.7, 0.1, 0.1],
    [0.6, 0.05, 0.05, 0.3],
    [0.1, 0.05, 0.8, 0.05],
    [0.1, 0.05, 0.8, 0.05],
  ];
  const probs = Float32Array.from(rows.flat());
  const d = ctcGreedy(probs, rows.length, classes, keys);
  assert.equal(d.text, 'aa b');
  assert.equal(d.charConfidences.length, d.text.length);
  // Where each character was read: its class's probability centre over its run and one frame each
  // side ((0·.8 + 1·.8 + 2·.05) / 1.65 for the first "a"); a restored space, the next character's first frame.
  assert.deepEqual(d.charSteps.map((t) => Math.round(t * 100) / 100), [0.55, 3, 5, 5.45]);
  assert.ok(Math.abs(d.confidence - (0.8 + 0.7 + 0.8) / 3) < 1e-6, 'restored spaces do not count in the confidence');
  assert.equal(ctcGreedy(probs, rows.length, classes, keys, 0).text, 'aab');
  // Emitted spaces at the ends, or twice in a row, are dropped with their confidences.
  const sp = [0.05, 0.05, 0.05, 0.85];
  const a = [0.05, 0.85, 0.05, 0.05];
  const blank = [0.97, 0.01, 0.01, 0.01];
  const e = ctcGreedy(Float32Array.from([sp, a, sp, blank, sp, a, sp].flat()), 7, classes, keys);
  assert.equal(e.text, 'a a');
  assert.deepEqual(e.charConfidences.map((c) => Math.round(c * 100)), [85, 85, 85]);
  assert.deepEqual(e.charSteps.map((t) => Math.round(t * 100) / 100), [1, 1.96, 5]);
});

test('latinPunctuation maps full-width forms in Latin lines only', () => {
  assert.equal(latinPunctuation('st sp[8]，v1：ok（1）。'), 'st sp[8],v1:ok(1).');
  assert.equal(latinPunctuation('le renard 《rapide》 saute'), 'le renard «rapide» saute');
  // Stray Cyrillic look-alikes in Latin text are misreadings; Cyrillic text is text.
  assert.equal(latinPunctuation('SEPTEMBER 199З'), 'SEPTEMBER 1993');
  assert.equal(latinPunctuation('Тhe quiсk fox'), 'The quick fox');
  assert.equal(latinPunctuation('Москва 1993'), 'Москва 1993');
  assert.equal(latinPunctuation('Visit Москва now'), 'Visit Москва now');
  assert.equal(latinPunctuation('中文，标点'), '中文，标点');
});

test('looksUpsideDown: a dense upright page whose lines the classifier is unsure of is not turned', () => {
  // Scores recorded on an upright Fraktur page (Grenzboten 1841, p. 34) that a bare majority turned.
  const unsure = [0.51, 0.34, 0.7, 0.88, 0.47, 0.17, 0.36, 0.49, 0.69, 0.85, 0.41, 0.57, 0.6, 0.59, 0.6, 0.62, 0.49, 0.3, 0.19, 0.18, 0.6, 0.57, 0.56, 0.35];
  const line = (i: number, hw = 600): DetBox => ({ box: [], rect: { cx: 700, cy: 100 + 40 * i, ux: 1, uy: 0, hw, hh: 14 }, score: 0.9 });
  const boxes = unsure.map((_, i) => line(i));
  assert.equal(looksUpsideDown(boxes, Float32Array.from(unsure)), false);
  // The same lines read surely upside down, and surely upright: the verdict follows the classifier.
  assert.equal(looksUpsideDown(boxes, Float32Array.from(unsure.map(() => 0.97))), true);
  assert.equal(looksUpsideDown(boxes, Float32Array.from(unsure.map(() => 0.03))), false);
  // A few sure "down" lines among many sure "up" ones do not turn the page.
  assert.equal(looksUpsideDown(boxes, Float32Array.from(unsure.map((_, i) => (i < 5 ? 0.95 : 0.05)))), false);
  // One long line on its own, sure: a short page is still turned.
  assert.equal(looksUpsideDown([line(0)], Float32Array.from([0.99])), true);
});

test('ocrToPositionedPage: a line with words gives one span per word, cut into stretches at wide gaps', () => {
  const b = (x0: number, y0: number, x1: number, y1: number): [number, number, number, number] => [x0, y0, x1, y1];
  // A recogniser line running across a gutter into a row of the next column set 6 px lower.
  const words = [
    { text: 'Die', bbox: b(100, 100, 150, 130) }, { text: 'Zeitung', bbox: b(160, 98, 260, 130) },
    { text: 'heute', bbox: b(400, 106, 480, 136), confidence: 0.5 },
  ];
  const result: OcrResult = {
    width: 1000, height: 1000, rotation: 0, skewDegrees: 0, timings: { detMs: 0, clsMs: 0, recMs: 0 },
    lines: [{ text: 'Die Zeitung heute', confidence: 0.9, bbox: b(100, 98, 480, 136), box: [[100, 98], [480, 98], [480, 136], [100, 136]], words }],
  };
  const page = ocrToPositionedPage(result, { index: 0, dpi: 144 });
  assert.deepEqual(page.spans.map((s) => s.text), ['Die ', 'Zeitung ', 'heute']);
  // Points (px / 2 at 144 dpi); the words of a stretch share its height, the far one keeps its own.
  assert.deepEqual(page.spans.map((s) => s.bbox), [[50, 49, 75, 65], [80, 49, 130, 65], [200, 53, 240, 68]]);
  assert.deepEqual(page.spans.map((s) => s.confidence), [0.9, 0.9, 0.5]);
  // The size comes from the words (1.2 × the median word's height), not the line's taller box.
  assert.ok(page.spans.every((s) => Math.abs(s.fontSize - (1.2 * 30) / 2) < 1e-9), `${page.spans.map((s) => s.fontSize)}`);
});
