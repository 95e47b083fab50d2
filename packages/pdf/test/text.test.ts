import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextSpan } from '@docmill/core';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { openPdf } from '../src/index.js';
import { asWinAnsi, fixTypography, joinAccents, joinDropCaps, macRomanMisreads, toSpans, unspaceCaps } from '../src/text.js';
import { PAGE_H, PAGE_W, formPdf, rotatedPdf, scanLikePdf, sidewaysPdf, textPdf } from './fixtures.js';
import { badFlatePdf, imagePdf } from '@docmill/fixtures';

async function widthOf(text: string, size: number, font: StandardFonts): Promise<number> {
  const doc = await PDFDocument.create();
  return (await doc.embedFont(font)).widthOfTextAtSize(text, size);
}

async function extract(bytes: Uint8Array, opts = {}) {
  const doc = await openPdf(bytes, opts);
  const page = await doc.getPage(0);
  const out = await page.extractText();
  page.release();
  await doc.close();
  return { ...out, width: page.width, height: page.height };
}

function span(spans: TextSpan[], text: string): TextSpan {
  const s = spans.find((x) => x.text === text);
  assert.ok(s, `no span "${text}" in ${JSON.stringify(spans.map((x) => x.text))}`);
  return s;
}

const near = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} is not within ${tol} of ${expected}`);

test('spans carry top-left-origin bboxes in points and the font size', async () => {
  const { page, width, height } = await extract(await textPdf());
  assert.equal(width, PAGE_W);
  assert.equal(height, PAGE_H);
  assert.equal(page.source, 'text-layer');
  assert.equal(page.index, 0);
  const hello = span(page.spans, 'Hello world');
  const [x0, y0, x1, y1] = hello.bbox;
  const baseline = PAGE_H - 700; // 92: the baseline, measured from the top
  near(hello.fontSize, 12, 0.01, 'fontSize');
  near(x0, 72, 0.5, 'x0');
  near(x1, 72 + (await widthOf('Hello world', 12, StandardFonts.Helvetica)), 0.5, 'x1');
  // Top: the ascent above the baseline (between 0.6 and 1.1 em); bottom: the descent below it.
  assert.ok(y0 <= baseline - 0.6 * 12 && y0 >= baseline - 1.1 * 12, `y0 ${y0}`);
  assert.ok(y1 > baseline && y1 <= baseline + 0.35 * 12, `y1 ${y1}`);
  const bold = span(page.spans, 'Bold title');
  near(bold.fontSize, 18, 0.01, 'bold fontSize');
  assert.ok(bold.bbox[1] < PAGE_H - 650 && bold.bbox[3] > PAGE_H - 650, 'bold title straddles its baseline');
  // Reading order of the fixture is top to bottom.
  assert.ok(hello.bbox[1] < bold.bbox[1]);
});

test('bold, italic and monospace come from the font', async () => {
  const { page } = await extract(await textPdf());
  const hello = span(page.spans, 'Hello world');
  assert.equal(hello.fontName, 'Helvetica');
  assert.ok(!hello.bold && !hello.italic && !hello.monospace);
  const bold = span(page.spans, 'Bold title');
  assert.equal(bold.bold, true);
  assert.ok(!bold.italic);
  const italic = span(page.spans, 'Italic words');
  assert.equal(italic.italic, true);
  assert.ok(!italic.bold);
  assert.equal(span(page.spans, 'mono code').monospace, true);
});

test('a URI link annotation attaches to the spans under it only', async () => {
  const { page } = await extract(await textPdf());
  assert.equal(span(page.spans, 'Click here').link, 'https://example.com/docs');
  assert.equal(span(page.spans, 'Not a link').link, undefined);
  assert.equal(span(page.spans, 'Hello world').link, undefined);
});

test('thin rectangles and lines become rules, a big box does not; images become figures', async () => {
  const { page } = await extract(await textPdf());
  const rules = page.rules ?? [];
  const has = (y: number) => rules.some(([x0, y0, x1, y1]) => Math.abs(x0 - 72) < 1 && Math.abs(x1 - 472) < 1 && y0 <= y + 1 && y1 >= y - 1);
  assert.ok(has(PAGE_H - 480.5), `filled 1-pt rule missing: ${JSON.stringify(rules)}`);
  assert.ok(has(PAGE_H - 460), `stroked line missing: ${JSON.stringify(rules)}`);
  // The 300×40 box at y 380..420 is not thin.
  assert.ok(!rules.some(([, y0, , y1]) => y0 >= PAGE_H - 420 - 1 && y1 <= PAGE_H - 380 + 1), `box taken for a rule: ${JSON.stringify(rules)}`);
  assert.equal(page.figures?.length, 1);
  const [fx0, fy0, fx1, fy1] = page.figures![0]!;
  near(fx0, 300, 0.5, 'figure x0');
  near(fx1, 400, 0.5, 'figure x1');
  near(fy0, PAGE_H - 180, 0.5, 'figure y0');
  near(fy1, PAGE_H - 100, 0.5, 'figure y1');
});

test('a /Rotate 90 page: size swapped, text box turned with the page', async () => {
  const { page, width, height } = await extract(await rotatedPdf());
  assert.equal(width, PAGE_H);
  assert.equal(height, PAGE_W);
  const s = span(page.spans, 'Rotated text');
  const [x0, y0, x1, y1] = s.bbox;
  // Clockwise by 90°: user (x, y) shows at (y, x) from the top-left; the text now
  // runs downwards from y = 72 with its glyph tops towards the right.
  near(y0, 72, 0.5, 'y0');
  near(y1, 72 + (await widthOf('Rotated text', 12, StandardFonts.Helvetica)), 0.5, 'y1');
  assert.ok(x0 < 700 && x0 >= 700 - 0.35 * 12, `x0 ${x0}`);
  assert.ok(x1 > 700 + 0.6 * 12 && x1 <= 700 + 1.1 * 12, `x1 ${x1}`);
});

test('/Rotate 180 and 270 pages map the text box the same way the page turns', async () => {
  const w = await widthOf('Rotated text', 12, StandardFonts.Helvetica);
  // 180°: user (x, y) shows at (612 − x, y) from the top-left; text runs right to left, glyphs upside down.
  const upside = await extract(await rotatedPdf(180));
  assert.deepEqual([upside.width, upside.height], [PAGE_W, PAGE_H]);
  const [ax0, ay0, ax1, ay1] = span(upside.page.spans, 'Rotated text').bbox;
  near(ax1, PAGE_W - 72, 0.5, 'x1');
  near(ax0, PAGE_W - 72 - w, 0.5, 'x0');
  assert.ok(ay0 < 700 && ay0 >= 700 - 0.35 * 12 && ay1 > 700 + 0.6 * 12 && ay1 <= 700 + 1.1 * 12, `y ${ay0}..${ay1}`);
  // 270°: user (x, y) shows at (792 − y, 612 − x); text runs upwards, glyph tops to the left.
  const ccw = await extract(await rotatedPdf(270));
  assert.deepEqual([ccw.width, ccw.height], [PAGE_H, PAGE_W]);
  const [bx0, by0, bx1, by1] = span(ccw.page.spans, 'Rotated text').bbox;
  near(by1, PAGE_W - 72, 0.5, 'y1');
  near(by0, PAGE_W - 72 - w, 0.5, 'y0');
  assert.ok(bx1 > PAGE_H - 700 && bx1 <= PAGE_H - 700 + 0.35 * 12 && bx0 < PAGE_H - 700 - 0.6 * 12 && bx0 >= PAGE_H - 700 - 1.1 * 12, `x ${bx0}..${bx1}`);
});

test('an invisible OCR layer over a page-covering image needs OCR; the same text drawn visibly does not', async () => {
  const hidden = await extract(await scanLikePdf({ invisible: true }));
  assert.equal(hidden.verdict.trustworthy, false);
  assert.deepEqual(hidden.verdict.flags, ['needs_ocr', 'invisible_text']);
  assert.equal(hidden.verdict.invisibleShare, 1);
  assert.equal(hidden.verdict.chars, 0);
  assert.deepEqual(hidden.page.figures, [[0, 0, PAGE_W, PAGE_H]]);

  const visible = await extract(await scanLikePdf({ invisible: false }));
  assert.equal(visible.verdict.trustworthy, true);
  assert.deepEqual(visible.verdict.flags, []);
  assert.equal(visible.verdict.invisibleShare, 0);
  assert.equal(visible.verdict.chars, 'Thequickbrownfoxjumpsoverthelazydog'.length);
});

test('an image-only page has no text layer', async () => {
  const { verdict, page } = await extract(await scanLikePdf({ invisible: false, text: '' }));
  assert.deepEqual(page.spans, []);
  assert.deepEqual(verdict.flags, ['needs_ocr', 'no_text_layer']);
});

test('an image declaring more pixels than maxImagePixels is skipped, not decoded', async () => {
  const small = await extract(imagePdf(10, 10));
  assert.equal(small.page.figures?.length, 1);
  // 100000 × 100000 px declared (10 Gpx): pdf.js must refuse it rather than allocate.
  const bomb = await extract(imagePdf(100_000, 100_000));
  assert.equal(bomb.page.figures, undefined);
  const lowered = await extract(imagePdf(10, 10), { maxImagePixels: 50 });
  assert.equal(lowered.page.figures, undefined);
});

test('an undecodable content stream leaves the page without a text layer instead of throwing', async () => {
  const { page, verdict } = await extract(badFlatePdf());
  assert.deepEqual(page.spans, []);
  assert.deepEqual(verdict.flags, ['needs_ocr', 'no_text_layer']);
});

test('an empty page is blank; a page with only a drawing is not', async () => {
  const doc = await PDFDocument.create();
  doc.addPage([PAGE_W, PAGE_H]);
  doc.addPage([PAGE_W, PAGE_H]).drawCircle({ x: 300, y: 400, size: 100 });
  const pdf = await openPdf(await doc.save());
  const [empty, drawing] = [await (await pdf.getPage(0)).extractText(), await (await pdf.getPage(1)).extractText()];
  await pdf.close();
  assert.deepEqual(empty.verdict.flags, ['needs_ocr', 'no_text_layer', 'blank']);
  assert.deepEqual(drawing.verdict.flags, ['needs_ocr', 'no_text_layer']);
});

test('filled-in form fields become spans at their widget; check boxes do not', async () => {
  const { page } = await extract(await formPdf());
  assert.deepEqual(page.spans.map((s) => s.text), ['Name:', 'Ada Lovelace']);
  const [x0, y0, x1, y1] = span(page.spans, 'Ada Lovelace').bbox;
  assert.ok(x0 >= 119 && x0 <= 121 && x1 >= 319 && x1 <= 321, `x ${x0}..${x1}`);
  // Inside the widget (y 695..715 from the bottom, so 77..97 from the top).
  assert.ok(y0 >= PAGE_H - 716 && y1 <= PAGE_H - 694 && y1 > y0, `y ${y0}..${y1}`);
});

test('two single quotes set as a double quote come out as the double quote; single quotes stay', async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([PAGE_W, PAGE_H]).drawText('Include ‘‘Docket No. 5’’ and the ‘word’ here', { x: 72, y: 700, size: 11, font });
  const { page } = await extract(await doc.save());
  const text = page.spans.map((s) => s.text).join('');
  assert.ok(text.includes('Include “Docket No. 5” and the ‘word’ here'), text);
});

test('a narrow space drawn as its own item stays between the words; a wide gap adds none', async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  const other = await doc.embedFont(StandardFonts.Helvetica);
  const p = doc.addPage([PAGE_W, PAGE_H]);
  const w = font.widthOfTextAtSize('Bold', 11);
  p.drawText('Bold', { x: 72, y: 700, size: 11, font });
  p.drawText(' ', { x: 72 + w, y: 700, size: 11, font: other });
  p.drawText('(0,1)', { x: 72 + w + 2, y: 700, size: 11, font });
  p.drawText('Far', { x: 300, y: 700, size: 11, font: other });
  const { page } = await extract(await doc.save());
  assert.deepEqual(page.spans.map((s) => s.text), ['Bold ', '(0,1)', 'Far']);
});

test('a slanted font (a sheared matrix, synthetic oblique) keeps its word spaces and its size', async () => {
  // A Korean report's italic paragraph: matrix [12 0 4 12], each word and each space an item of its own. Boxed with
  // the slant, a word's box reached past the next space's origin and the spaces were lost ("최근10년간수도권").
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const p = doc.addPage([PAGE_W, PAGE_H]);
  const slant = { font, size: 12, ySkew: degrees((Math.atan(4 / 12) * 180) / Math.PI) };
  let x = 72;
  for (const word of ['Recent', 'ten', 'years']) {
    p.drawText(word, { ...slant, x, y: 700 });
    x += font.widthOfTextAtSize(word, 12);
    p.drawText(' ', { ...slant, x, y: 700 });
    x += font.widthOfTextAtSize(' ', 12);
  }
  const { page } = await extract(await doc.save());
  assert.equal(page.spans.map((s) => s.text).join('').trim(), 'Recent ten years');
  for (const s of page.spans) assert.ok(Math.abs(s.fontSize - 12) < 0.05, `font size ${s.fontSize}`);
  // Boxed upright: the line ends where the pen does, not a slant's overhang (4 pt) further.
  const right = Math.max(...page.spans.map((s) => s.bbox[2]));
  assert.ok(right <= x + 0.5, `line ends at ${right}, the pen at ${x}`);
});

test('a page printed sideways is turned so that its text reads left to right, and says by how much', async () => {
  // The turned page must look like the upright one: same size, lines left to right, top to bottom.
  const upright = await extract(await sidewaysPdf({ rotate: 0, textAngle: 0 }));
  assert.equal(upright.page.rotation, undefined);
  const want = upright.page.spans.map((s) => ({ text: s.text, bbox: s.bbox }));
  assert.equal(want.length, 3);
  for (const [rotate, textAngle, turn] of [[90, 0, 270], [270, 0, 90], [180, 0, 180], [0, 90, 90], [0, 270, 270], [90, 90, undefined]] as const) {
    const { page, width, height } = await extract(await sidewaysPdf({ rotate, textAngle }));
    const what = `/Rotate ${rotate}, text at ${textAngle}°`;
    assert.equal(page.rotation, turn, what);
    // The displayed page keeps its own size; the laid-out page is the displayed one turned.
    assert.deepEqual([width, height], rotate % 180 ? [PAGE_H, PAGE_W] : [PAGE_W, PAGE_H], what);
    assert.deepEqual([page.width, page.height], (turn ?? 0) % 180 ? [height, width] : [width, height], what);
    assert.deepEqual(page.spans.map((s) => s.text), want.map((s) => s.text), what);
    if (textAngle === 0) {
      page.spans.forEach((s, i) => s.bbox.forEach((v, k) => near(v, want[i]!.bbox[k]!, 1, `${what}: "${s.text}" bbox[${k}]`)));
    } else {
      // Content drawn sideways on a portrait page is a landscape page: same boxes, shifted.
      const [dx, dy] = [page.spans[0]!.bbox[0] - want[0]!.bbox[0], page.spans[0]!.bbox[1] - want[0]!.bbox[1]];
      page.spans.forEach((s, i) => s.bbox.forEach((v, k) => near(v - (k % 2 ? dy : dx), want[i]!.bbox[k]!, 1, `${what}: "${s.text}" bbox[${k}]`)));
    }
  }
});

test('spans turned on the page say how far: a stamp up the margin is 270, upright body text is not turned', async () => {
  const doc = await PDFDocument.create();
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  const p = doc.addPage([PAGE_W, PAGE_H]);
  p.drawText('Body text runs left to right', { x: 72, y: 700, size: 12, font: helv });
  p.drawText('arXiv:2101.00001v1 [cs.CL] 1 Jan 2021', { x: 30, y: 200, size: 20, font: helv, rotate: degrees(90) });
  p.drawText('Down the right margin', { x: 590, y: 700, size: 8, font: helv, rotate: degrees(-90) });
  p.drawText('Upside down', { x: 300, y: 100, size: 8, font: helv, rotate: degrees(180) });
  const { page } = await extract(await doc.save());
  assert.equal(page.rotation, undefined, 'most text is upright: the page is not turned');
  assert.equal(span(page.spans, 'Body text runs left to right').turned, undefined);
  assert.equal(span(page.spans, 'arXiv:2101.00001v1 [cs.CL] 1 Jan 2021').turned, 270);
  assert.equal(span(page.spans, 'Down the right margin').turned, 90);
  assert.equal(span(page.spans, 'Upside down').turned, 180);
});

test('a Kangxi radical a CJK font maps its glyph to is the ideograph it looks like', () => {
  // A Chrome-printed Japanese report (Noto Sans CJK JP): 方 and 比 come out as U+2F45 and U+2F50.
  assert.equal(fixTypography('状態表現\u2F45法の\u2F50較分析'), '状態表現方法の比較分析');
  assert.equal(fixTypography('\u2F42'), '文');
  assert.equal(fixTypography('状態表現'), '状態表現');
});

test('a control character beside a space (a space glyph mapped to U+0000) is dropped; one between letters stays', () => {
  // A Korean report's NanumSquare maps its space glyph to U+0000 and draws a space after it.
  assert.equal(fixTypography('1. 설계\u0000 목표'), '1. 설계 목표');
  assert.equal(fixTypography('\u0000 \u0000 2.0\u0000 사전'), '  2.0 사전');
  assert.equal(fixTypography('설명을\u0000'), '설명을');
  assert.equal(fixTypography('ab\u0003cd'), 'ab\u0003cd');
  assert.equal(fixTypography('\u0003\u0004'), '\u0003\u0004');
  // A font that draws no space besides: each lone U+0000 parting the words is the space; two together or another
  // control character in the item stay (a broken mapping).
  assert.equal(fixTypography('•운영체제가\u0000프로세스\u0000마다\u0000PDBA를'), '•운영체제가 프로세스 마다 PDBA를');
  assert.equal(fixTypography('\u0000:\u0000struct\u0000ku_pte'), ' : struct ku_pte');
  assert.equal(fixTypography('ab\u0000\u0000cd'), 'ab\u0000\u0000cd');
  assert.equal(fixTypography('ab\u0000cd\u0001ef'), 'ab\u0000cd\u0001ef');
});

test('Arabic presentation forms become the letters they shape; Latin ligatures and quotes are left alone', () => {
  // "ﺑﯿﺎن ﻣﺴﺄﻟﻪ" as xdvipdfmx maps Persian glyphs: initial, medial and final forms.
  assert.equal(fixTypography('\uFE91\uFBFF\uFE8E\uFEE5 \uFEE3\uFEB4\uFE84\uFEDF\uFEEA'), 'بیان مسأله');
  assert.equal(fixTypography('\uFEFB'), 'لا');
  assert.equal(fixTypography('ﬁnd ‘it’ \uFEFF'), 'ﬁnd ‘it’ \uFEFF');
});

test('spacing accents drawn back over a letter join it, before or after it; an accent alone stays', async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pg = doc.addPage([PAGE_W, PAGE_H]);
  const w = (t: string) => font.widthOfTextAtSize(t, 10);
  // TeX: the accent, then the pen moves back and the letter is drawn under it.
  pg.drawText('una aplicaci\u00B4', { x: 72, y: 700, size: 10, font });
  pg.drawText('on de red', { x: 72 + w('una aplicaci'), y: 700, size: 10, font });
  // Another producer: the letter, then the accent drawn back over it.
  pg.drawText('Age', { x: 72, y: 680, size: 10, font });
  pg.drawText('\u02C6ncia Nacional', { x: 72 + w('Ag') + 0.5, y: 680, size: 10, font });
  pg.drawText('the acute accent \u00B4 itself', { x: 72, y: 660, size: 10, font });
  const { page } = await extract(await doc.save());
  const text = page.spans.map((s) => s.text).join('|');
  assert.match(text, /una aplicaci\|ón de red/);
  assert.match(text, /Agê\|ncia Nacional/);
  assert.match(text, /the acute accent ´ itself/);
});

test('an accent over TeX\'s dotless i reads as the accented i', () => {
  const spans: TextSpan[] = [{ text: 'na\u00A8', bbox: [72, 90, 87, 100], fontSize: 10 }, { text: '\u0131ve', bbox: [84, 90, 97, 100], fontSize: 10 }];
  assert.deepEqual(joinAccents(spans).map((s) => s.text), ['na', 'ïve']);
});

test('TeX\'s OT1 grave, circumflex and tilde (ASCII ` ^ ~) drawn back over a letter join it; in code they stay', () => {
  const spans: TextSpan[] = [
    { text: 'Universit`', bbox: [234.3, 28.4, 307.2, 41.1], fontSize: 14.3, bold: true }, { text: 'a di Pisa', bbox: [299.3, 28.4, 361, 41.1], fontSize: 14.3, bold: true },
    { text: 'Cr^', bbox: [72, 60, 90, 70], fontSize: 10 }, { text: 'epes', bbox: [86, 60, 110, 70], fontSize: 10 },
    // A path in a monospace font: the tilde is the path's, whatever the spacing.
    { text: 'cd ~', bbox: [72, 90, 96, 100], fontSize: 10, monospace: true }, { text: 'foo', bbox: [94, 90, 112, 100], fontSize: 10, monospace: true },
    // Apart, as words are: no accent.
    { text: 'x^', bbox: [72, 120, 84, 130], fontSize: 10 }, { text: 'y', bbox: [86, 120, 92, 130], fontSize: 10 },
    // A caret ending a line, the next line's start a little lower and far back: no accent.
    { text: 'depths of darkness^', bbox: [72, 150, 180, 161], fontSize: 10 }, { text: 'Sighed, “Farewell”', bbox: [74, 158, 170, 169], fontSize: 10 },
  ];
  assert.deepEqual(joinAccents(spans).map((s) => s.text), ['Universit', 'à di Pisa', 'Cr', 'êpes', 'cd ~', 'foo', 'x^', 'y', 'depths of darkness^', 'Sighed, “Farewell”']);
});

test('a drop cap joins its word, and the lines set beside it start at its left edge; a capital in a heading stays', () => {
  // A LaTeX lettrine: "I" in 25 pt, "t " and the rest of the first line against it, the second line indented to clear it.
  const spans: TextSpan[] = [
    { text: 'I', bbox: [42.1, 579.2, 50.3, 614.5], fontSize: 25 }, { text: 't ', bbox: [50.3, 584.4, 56.2, 598.3], fontSize: 10 },
    { text: 'is always fun to speculate what will be next in Ne-', bbox: [60.3, 584.2, 289.1, 598.3], fontSize: 10 },
    { text: 'braska, and indeed, we have had the likes of Joel', bbox: [55.3, 596.1, 289.1, 610.3], fontSize: 10 },
    { text: 'G. Jorgensen, W. Ross Silcock, and Mark Brogie pre-', bbox: [42.1, 608.1, 289.1, 622.2], fontSize: 10 },
    // A large capital beside a line in capitals (a chapter number beside its title) is no drop cap.
    { text: 'A', bbox: [42, 100, 60, 130], fontSize: 25 }, { text: 'INTRODUCTION', bbox: [62, 108, 160, 120], fontSize: 12 }, { text: 'and more', bbox: [62, 121, 160, 129], fontSize: 10 },
  ];
  const out = joinDropCaps(spans);
  assert.deepEqual(out.map((s) => s.text).slice(0, 4), ['It ', 'is always fun to speculate what will be next in Ne-', 'braska, and indeed, we have had the likes of Joel', 'G. Jorgensen, W. Ross Silcock, and Mark Brogie pre-']);
  assert.deepEqual([out[0]!.bbox[0], out[2]!.bbox[0]], [42.1, 42.1]);
  assert.equal(out[1]!.bbox[0], 60.3);
  assert.deepEqual(out.slice(4).map((s) => s.text), ['A', 'INTRODUCTION', 'and more']);
});

test('a "C" struck with two short bars (LaTeX eurosym) reads as the euro sign, and its bars are not rules', async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([PAGE_W, PAGE_H]);
  page.drawText('Server', { x: 72, y: 700, size: 10, font });
  page.drawText('600', { x: 150, y: 700, size: 10, font });
  page.drawText('C', { x: 172, y: 700, size: 10, font });
  const w = font.widthOfTextAtSize('C', 10);
  for (const y of [703.2, 704.7]) page.drawLine({ start: { x: 171.6, y }, end: { x: 171.6 + 0.75 * w, y }, thickness: 0.4 });
  page.drawText('Class C', { x: 72, y: 650, size: 10, font });
  // A "C" drawn first in an item of the words after it.
  page.drawText('20000', { x: 72, y: 600, size: 10, font });
  page.drawText('C pro Jahr', { x: 172, y: 600, size: 10, font });
  for (const y of [603.2, 604.7]) page.drawLine({ start: { x: 171.6, y }, end: { x: 171.6 + 0.75 * w, y }, thickness: 0.4 });
  const { page: p } = await extract(await doc.save());
  const texts = p.spans.map((s) => s.text.trim());
  assert.ok(texts.some((t) => /(^|\s)€$/.test(t)), JSON.stringify(texts));
  assert.ok(texts.some((t) => /€ pro Jahr$/.test(t)), JSON.stringify(texts));
  assert.ok(texts.some((t) => /C$/.test(t)), 'a "C" with no bars stays a letter');
  assert.equal(p.rules, undefined, JSON.stringify(p.rules));
});

test('an item that is one U+0000 (a space glyph mapped to it) is read as a space, not text; other control codes stay', () => {
  // A newsletter's foot "Page 2": AvenirNext maps its space to U+0000, drawn as an item of its own.
  const item = (str: string, x: number, width: number) => ({ str, transform: [10, 0, 0, 10, x, 100], width, height: 10, fontName: 'f1', dir: 'ltr', hasEOL: false });
  const styles = { f1: { ascent: 0.8, descent: -0.2, vertical: false, fontFamily: 'sans-serif' } };
  const plain = () => ({ bold: false, italic: false, monospace: false });
  const spans = toSpans([item('Page', 100, 20), item('\u0000', 120, 2.8), item('2', 122.8, 5.6)], styles, [1, 0, 0, -1, 0, 792], plain, []);
  assert.deepEqual(spans.map((s) => s.text), ['Page ', '2']);
  // A ZapfDingbats ballot box mapped to U+0002 is a glyph the page shows.
  assert.deepEqual(toSpans([item('\u0002', 57, 8), item('YOU', 70, 20)], styles, [1, 0, 0, -1, 0, 792], plain, []).map((s) => s.text), ['\u0002', 'YOU']);
});

test('Japanese set with letter spacing, read by pdf.js with a space after each character, is read without them; spaced names stay', () => {
  // Each item as wide as its characters set an em each with spaces of `gap` ems between them (letter spacing: 0.13 em).
  const item = (str: string, x: number, gap: number) => {
    const chars = [...str.replace(/\s+/g, '')].length, spaces = str.split(/\s+/).length - 1;
    return { str, transform: [9, 0, 0, 9, x, 700], width: 9 * (chars + gap * spaces), height: 9, fontName: 'f1', dir: 'ltr', hasEOL: false };
  };
  const styles = { f1: { ascent: 0.88, descent: -0.12, vertical: false, fontFamily: 'serif' } };
  const plain = () => ({ bold: false, italic: false, monospace: false });
  const read = (str: string, gap = 0.13) => toSpans([item(str, 52, gap)], styles, [1, 0, 0, -1, 0, 842], plain, [])[0]!.text;
  assert.equal(read('ス マ ー ト フ ォ ン ， 家 電 製 品 ， 医 療 機 器 な ど'), 'スマートフォン，家電製品，医療機器など');
  assert.equal(read('マルチタスクシステム 使 用 量'), 'マルチタスクシステム 使 用 量', 'mostly unspaced: the spaces are the text\'s');
  assert.equal(read('新井 諒介† 中田 明夫‡'), '新井 諒介† 中田 明夫‡');
  assert.equal(read('貸 借 対 照 表', 0.3), '貸借対照表', 'a title spaced out by letter spacing');
  assert.equal(read('编 号 专 用 页', 0.5), '编 号 专 用 页', 'spaces as wide as a space glyph');
  assert.equal(read('운 영 체 제 가 프 로 세 스'), '운 영 체 제 가 프 로 세 스', 'Hangul: Korean spaces its words');
});

test('a word in capitals set with letter spacing ("F A C T U A", "I N V O I C E #1") reads as the word; spaced words and short runs stay', () => {
  assert.equal(unspaceCaps('F A C T U A'), 'FACTUA');
  assert.equal(unspaceCaps('R E C H N U N G'), 'RECHNUNG');
  assert.equal(unspaceCaps('A B C'), 'A B C', 'three letters: a list of options, not a word');
  assert.equal(unspaceCaps('F a c t u r a'), 'F a c t u r a', 'not in capitals');
  assert.equal(unspaceCaps('U S A  T O D A Y'), 'U S A  T O D A Y', 'two words: the space between them is kept');
  assert.equal(unspaceCaps('I N V O I C E 2024'), 'I N V O I C E 2024');
  assert.equal(unspaceCaps('I N V O I C E #1'), 'INVOICE #1', 'its number after it, spaced as a word');
  assert.equal(unspaceCaps('A B C D #1'), 'ABCD #1');
  assert.equal(unspaceCaps('I N V O I C E # 1'), 'I N V O I C E # 1', 'not a number whose sign stands apart');
  assert.equal(unspaceCaps('R E S E A R C H A R T I C L E'), 'R E S E A R C H A R T I C L E', 'more than twelve letters: two words as often as one');
});

test("an FPDF font added with style 'B' (family name + B) is bold when the family's plain face is on the page", () => {
  // A Japanese 請求書 made with tFPDF: its section heads are in "utf8noto-sans-cjkB", its text in "utf8noto-sans-cjk".
  const item = (str: string, y: number, fontName: string) => ({ str, transform: [10, 0, 0, 10, 28, y], width: 10 * str.length, height: 10, fontName, dir: 'ltr', hasEOL: false });
  const styles = { f1: { ascent: 0.8, descent: -0.2, vertical: false, fontFamily: 'sans-serif' }, f2: { ascent: 0.8, descent: -0.2, vertical: false, fontFamily: 'sans-serif' } };
  const names: Record<string, string> = { f1: 'utf8noto-sans-cjk', f2: 'utf8noto-sans-cjkB' };
  const byName = (id: string) => ({ name: names[id], bold: false, italic: false, monospace: false });
  const spans = toSpans([item('明細', 700, 'f2'), item('システムの実装', 680, 'f1')], styles, [1, 0, 0, -1, 0, 842], byName, []);
  assert.deepEqual(spans.map((s) => [s.text, s.bold ?? false]), [['明細', true], ['システムの実装', false]]);
  // Alone on its page, the B is part of a name.
  const alone = toSpans([item('明細', 700, 'f2')], styles, [1, 0, 0, -1, 0, 842], byName, []);
  assert.equal(alone[0]!.bold, undefined);
});

test('a font pdf.js read through MacRoman though the PDF encodes WinAnsi is read again as WinAnsi, font by font', () => {
  // Ghostscript (PDF24) embeds a TrueType subset without ToUnicode; pdf.js gives "Harlesh‰user", poppler "Harleshäuser".
  const item = (str: string, y: number, fontName: string) => ({ str, transform: [10, 0, 0, 10, 50, y], width: 5 * str.length, height: 10, fontName, dir: 'ltr', hasEOL: false });
  const styles = { f1: { ascent: 0.8, descent: -0.2, vertical: false, fontFamily: 'sans-serif' }, f2: { ascent: 0.8, descent: -0.2, vertical: false, fontFamily: 'sans-serif' } };
  const plain = () => ({ bold: false, italic: false, monospace: false });
  const items = [item('Harlesh‰user Str. 121a', 700, 'f1'), item('mit Gefl¸gelfleisch und Gem¸se', 680, 'f1'), item('Gefl¸gel, 5 ‰', 660, 'f2')];
  assert.deepEqual(toSpans(items, styles, [1, 0, 0, -1, 0, 842], plain, []).map((s) => s.text), ['Harleshäuser Str. 121a', 'mit Geflügelfleisch und Gemüse', 'Gefl¸gel, 5 ‰']);
  assert.equal(asWinAnsi('÷ffnungszeiten dÈcembre'), 'Öffnungszeiten décembre');
  // Read right, a font is left alone: quotes, Spanish marks, TeX's accents set apart, a per-mille sign after a figure,
  // Korean with a division sign, and any font with a letter inside a word that WinAnsi would make a mark ("Straße").
  for (const str of ['„Almwirtschaft“ d’autoroute', '¡prueba! ¿qué?', 'franc¸ais a˜no', 'Anteil 5‰ der', '건수÷인구', 'Straße h‰user']) {
    assert.equal(macRomanMisreads([item(str, 700, 'f1')]).size, 0, str);
  }
  assert.deepEqual([...macRomanMisreads([item('le 3 dÈcembre', 700, 'f1')])], ['f1']);
});
