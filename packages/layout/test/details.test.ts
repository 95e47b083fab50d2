import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, TextSpan } from '@docmill/core';
import { assembleBlocks, layoutPage } from '../src/index.js';
import { page, paragraph, prose, span, textWidth, words } from './helpers.js';

test('a superscript beside one column stays on its line, not on the other column\'s line at its height', () => {
  const s: TextSpan[] = [];
  // Left column: a paragraph whose first line ends with a raised, smaller reference mark.
  s.push(...words('The wheel turned all winter long', 72, 100));
  s.push(span('[7]', 72 + textWidth('The wheel turned all winter long'), 97, { size: 7 }));
  s.push(...words('and the miller was glad of it as', 72, 112));
  s.push(...words('the pond never froze over once', 72, 124));
  s.push(...words('in all those years of hard frost.', 72, 136));
  // Right column: lines at baselines that put one of them beside the reference mark.
  ['Across the gutter another text', 'runs at its own leading here and', 'its baselines fall between those', 'of the left column all the way.'].forEach((t, i) => s.push(...words(t, 320, 94 + 12 * i)));
  const blocks = layoutPage(page(s));
  const left = blocks.find((b) => b.bbox[0] < 100)!;
  assert.equal(left.text, 'The wheel turned all winter long[7] and the miller was glad of it as the pond never froze over once in all those years of hard frost.');
  assert.ok(!blocks.some((b) => b.text.includes('Across') && b.text.includes('[7]')));
});

test('table-of-contents lines and rows of figures are not headings, even in bold or larger type', () => {
  const s: TextSpan[] = [];
  s.push(...words('Contents', 72, 80, { size: 16, bold: true }));
  ['1 Introduction 3', '2 Method 7', '2.1 Sampling 9'].forEach((t, i) => s.push(...words(t, 72, 110 + 14 * i, { bold: true })));
  s.push(...words('Net profit 233,512 201,683', 72, 170, { size: 13 }));
  s.push(...paragraph(prose(3, 60), 72, 200, 468).spans);
  const blocks = layoutPage(page(s));
  const heads = blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['Contents']);
});

test('a table with label rows between its data rows is still one table', () => {
  const s: TextSpan[] = [];
  const rows: Array<[string, string?, string?]> = [
    ['Item', '2020', '2021'], ['Net profit', '233', '201'], ['Other income'], ['Changes in value', '31', '64'], ['Remeasurements', '23', '84'], ['Total', '56', '151'],
  ];
  rows.forEach((r, i) => {
    const y = 100 + 14 * i;
    s.push(...words(r[0], i === 2 ? 72 : 80, y));
    if (r[1]) s.push(...words(r[1], 300 - textWidth(r[1]), y));
    if (r[2]) s.push(...words(r[2], 380 - textWidth(r[2]), y));
  });
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => b.type), ['table']);
  assert.deepEqual(blocks[0]!.rows, rows.map((r) => [r[0], r[1] ?? '', r[2] ?? '']));
});

test('many short larger lines on a page of their own are not all headings', () => {
  const s: TextSpan[] = [];
  // A label column at 11 pt beside small 8 pt notes: the labels outnumber everything else.
  for (let i = 0; i < 12; i++) s.push(...words(`Label number ${String.fromCharCode(65 + i)} of the form`, 72, 80 + 28 * i, { size: 11 }));
  for (let i = 0; i < 3; i++) s.push(...paragraph(prose(i, 80), 72, 450 + 60 * i, 468, { size: 8 }).spans);
  const blocks = layoutPage(page(s));
  const heads = blocks.filter((b) => b.type === 'heading').length;
  assert.ok(heads <= 4, `${heads} headings`);
});

test('a small-type note at the page foot starting with a marker is a footnote', () => {
  const s: TextSpan[] = [...paragraph(prose(1, 80), 72, 100, 468).spans];
  s.push(...words('1 The mill was rebuilt in 1820 after the flood.', 72, 720, { size: 7 }));
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => b.type), ['paragraph', 'footnote']);
});

test('the input page and blocks are not modified by layout or assembly', () => {
  const s: TextSpan[] = [...words('Heading Here', 72, 80, { size: 16, bold: true }), ...paragraph(prose(2, 40), 72, 110, 468).spans];
  const p = page(s);
  const before = JSON.stringify(p);
  const blocks = layoutPage(p);
  assert.equal(JSON.stringify(p), before);
  const snapshot = JSON.stringify(blocks);
  assembleBlocks([{ index: 0, width: 612, height: 792, blocks }]);
  assert.equal(JSON.stringify(blocks), snapshot);
});

test('monospaced lines become one code block that keeps indentation and aligned comments', () => {
  const mono = (text: string, x: number, y: number): TextSpan => ({ ...span(text, x, y), monospace: true, fontName: 'CMTT9' });
  const cw = 5; // the helper's glyph width at 10 pt
  const s: TextSpan[] = [...paragraph('The loop below is hot:', 72, 90, 468).spans];
  const code: Array<[number, string, string?]> = [[0, 'for (i = 0; i < n; i++) {', '// outer'], [2, 'sum += a[i];', '// add'], [0, '}']];
  code.forEach(([indent, c, comment], k) => {
    s.push(mono(c, 72 + indent * cw, 110 + 11 * k));
    if (comment) s.push(mono(comment, 72 + 30 * cw, 110 + 11 * k));
  });
  s.push(...paragraph('After the loop the sum is ready.', 72, 160, 468).spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => b.type), ['paragraph', 'code', 'paragraph']);
  assert.equal(blocks[1]!.text, [
    'for (i = 0; i < n; i++) {     // outer',
    '  sum += a[i];                // add',
    '}',
  ].join('\n'));
});

test("a listing's line numbers in the text face, an empty line's number alone, are left out of one code block", () => {
  // LaTeX `listings` at the top of a page: small numbers in the body's face, the code in a typewriter face.
  const mono = (text: string, x: number, y: number): TextSpan => ({ ...span(text, x, y, { size: 12 }), monospace: true, fontName: 'LMMono12-Regular' });
  const num = (n: number, y: number): TextSpan => ({ ...span(String(n), n >= 10 ? 66.4 : 69.8, y - 3, { size: 6 }), fontName: 'ArialMT' });
  const s: TextSpan[] = [];
  const code = ['strcat(data, temp);', '', 'strcat(data, ",t");', 'dtostrf(t, 3, 1, temp);', '{', '  from -= 2;'];
  code.forEach((c, k) => {
    const y = 110 + 18 * k;
    s.push(num(9 + k, y));
    if (c) s.push(mono(c.trim(), 97.3 + (c.length - c.trimStart().length) * 6, y));
  });
  s.push(...paragraph('After the listing the text goes on as before, with a sentence of its own.', 85, 240, 440).spans);
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => b.type), ['code', 'paragraph'], blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.equal(blocks[0]!.text, ['strcat(data, temp);', '', 'strcat(data, ",t");', 'dtostrf(t, 3, 1, temp);', '{', '  from -= 2;'].join('\n'));
});

test('a monospaced word in a text-layer line is inline code; an OCR line judged monospaced inside prose is not', () => {
  const s: TextSpan[] = [...words('Call the', 72, 100), { ...span('reset()', 72 + textWidth('Call the '), 100), monospace: true, fontName: 'Courier' }, ...words('function first.', 72 + textWidth('Call the reset() '), 100)];
  const ocr = (text: string, y: number, mono = false): TextSpan => ({ ...span(text, 72, y), confidence: 0.95, ...(mono ? { monospace: true } : {}) });
  s.push(ocr('The recorder follows the interpreter along the hot loop and', 140), ocr('writes down every operation it performs, with the types', 152, true), ocr('of all its operands, in order.', 164));
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks[0]!.inlines?.find((r) => r.code), { text: 'reset()', code: true });
  assert.ok(blocks.slice(1).every((b) => !b.inlines?.some((r) => r.code)), JSON.stringify(blocks.slice(1)));
});

test('a hanging indent continues a full first line that ends no sentence; a finished one does not', () => {
  // Entries set with a hanging indent: the first line full to the right edge, the rest indented.
  const s: TextSpan[] = [
    ...words('[1] LuaJIT roadmap 2008 and the notes of its authors on the trace compiler - http://lua-users.org/', 72, 100),
    ...words('lists/lua-l/2008-02/msg00051.html.', 84, 112),
    ...words('Second entry: the Mozilla web browser and the Thunderbird email client, both of them free.', 72, 130),
    ...words('Indented note under a finished line.', 84, 142),
  ];
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => b.text.slice(0, 12)), ['[1] LuaJIT r', 'Second entry', 'Indented not'], blocks.map((b) => b.text).join('\n'));
});

test('a page set wholly in a typewriter face is prose and tables, not one code block', () => {
  // A line-printer report (a USGS water-data page in Courier): hanging-indent paragraphs and a table of figures.
  const cw = 5;
  const mono = (text: string, x: number, y: number): TextSpan => ({ ...span(text, x, y), monospace: true, fontName: 'Courier' });
  const s: TextSpan[] = [
    mono('LOCATION.--Lat 34 14 40, long 80 39 15, Kershaw County, on the downstream side of pier of the downstream', 54, 80),
    mono('bridge on U.S. Highway 1, 1,500 ft downstream from Five and Twenty Creek.', 54 + 2 * cw, 91),
    mono('DRAINAGE AREA.--5,070 mi2, approximately.', 54, 110),
  ];
  const rows = [['DAY', 'OCT', 'NOV', 'DEC'], ['1', '2460', '2630', '6510'], ['2', 'e2230', '2950', '5490'], ['3', '3950', '2100', '7330'], ['4', '1870', '2900', '7580']];
  rows.forEach((r, k) => r.forEach((c, j) => s.push(mono(c, 60 + j * 12 * cw, 140 + 11 * k))));
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => b.type), ['paragraph', 'paragraph', 'table'], blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.match(blocks[0]!.text, /downstream bridge on U\.S\. Highway 1/);
  assert.ok(blocks.every((b) => !b.inlines?.some((r) => r.code)), 'typewriter body text is not inline code');
  assert.deepEqual(blocks[2]!.rows?.[2], ['2', 'e2230', '2950', '5490']);
});

test('a listing on a typewriter page is still code when it reads like code', () => {
  const mono = (text: string, x: number, y: number): TextSpan => ({ ...span(text, x, y), monospace: true, fontName: 'Courier' });
  const s: TextSpan[] = [mono('The loop below is hot:', 72, 90), mono('for (i = 0; i < n; i++) {', 72, 125), mono('  sum += a[i];', 72, 136), mono('}', 72, 147)];
  s.push(mono('After the loop the sum is ready.', 72, 180));
  assert.deepEqual(layoutPage(page(s)).map((b) => b.type), ['paragraph', 'code', 'paragraph']);
});

test('a date under a title is not a heading', () => {
  const s: TextSpan[] = [...words('On Mills', 200, 80, { size: 18 }), ...words('January 3, 2024', 220, 105, { size: 12 })];
  s.push(...paragraph(prose(4, 60), 72, 140, 468).spans);
  assert.deepEqual(layoutPage(page(s)).map((b) => b.type), ['heading', 'paragraph', 'paragraph']);
});

test('a larger-looking line that ends in a broken word ("pres-") is running text, not a heading', () => {
  // OCR sizes come from measured ink and wobble: a loosely set first line can measure 20 % large.
  const s: TextSpan[] = [...paragraph(prose(3, 60), 72, 100, 468).spans];
  s.push(span('"Fathers bring a unique pres-', 72, 160, { size: 12 }), span('ence, a special strength to raising children," says Ray.', 72, 173, { size: 10 }));
  const blocks = layoutPage(page(s));
  assert.ok(blocks.every((b) => b.type !== 'heading'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.ok(blocks.some((b) => b.text.includes('presence, a special strength')), blocks.map((b) => b.text).join('\n'));
});

test('a short larger-looking line that ends a quoted sentence is running text, not a heading', () => {
  const s: TextSpan[] = [...paragraph(prose(3, 60), 72, 100, 468).spans];
  s.push(span('he treated me with dignity and concern for how deeply', 72, 160, { size: 10 }), span('I felt."', 72, 173, { size: 12.5 }));
  s.push(...paragraph(prose(3, 60), 72, 200, 468).spans);
  const blocks = layoutPage(page(s));
  assert.ok(blocks.every((b) => b.type !== 'heading'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
});

test('vertical writing reads columns top to bottom, right to left', () => {
  const col = (text: string, x: number): TextSpan => ({ text, bbox: [x, 20, x + 9, 20 + 9.2 * text.length], fontSize: 9.2, dir: 'ttb' });
  const blocks = layoutPage(page([col('日本語', 216), col('あいうえお', 230)]));
  assert.deepEqual(blocks.map((b) => b.text), ['あいうえお日本語']);
  const apart = layoutPage(page([col('日本語', 100), col('あいうえお', 230)]));
  assert.deepEqual(apart.map((b) => b.text), ['あいうえお', '日本語']);
});

test('a footnote whose raised number is glued to its first word is still a footnote', () => {
  const s: TextSpan[] = [...paragraph(prose(5, 80), 72, 100, 468).spans];
  s.push(span('2', 72, 716, { size: 5 }), ...words('Instead of aborting we could merely suspend the recording.', 75, 720, { size: 7 }));
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => b.type), ['paragraph', 'footnote']);
  assert.ok(blocks[1]!.text.startsWith('2Instead'));
});

test('degenerate input never throws: empty page, zero-size or NaN boxes, absurd coordinates, empty documents', () => {
  assert.deepEqual(layoutPage(page([])), []);
  const weird: TextSpan[] = [
    { text: 'nan', bbox: [NaN, NaN, NaN, NaN], fontSize: NaN },
    { text: 'flat', bbox: [5, 5, 5, 5], fontSize: 0 },
    { text: 'far', bbox: [1e12, 10, 1e12 + 50, 20], fontSize: 10 },
    { text: 'ok', bbox: [10, 10, 20, 20], fontSize: 10 },
  ];
  const blocks = layoutPage({ index: 0, width: 0, height: 0, spans: weird, source: 'ocr', rules: [[0, 0, 0, 0], [1, 1, 1e9, 1.5]], figures: [[0, 0, 1e9, 1e9]] });
  assert.ok(blocks.some((b) => b.text.includes('ok')));
  assert.deepEqual(assembleBlocks([]), []);
  assert.deepEqual(assembleBlocks([{ index: 0, width: 0, height: 0, blocks: [] }]), [{ index: 0, blocks: [], removed: [], continuesPrevious: false }]);
});

test('a page of short sections keeps its headings', () => {
  const s: TextSpan[] = [];
  let y = 80;
  for (let i = 0; i < 6; i++) {
    s.push(...words(`Section ${String.fromCharCode(65 + i)} of the guide`, 72, y, { size: 13, bold: true }));
    const p = paragraph(prose(60 + i, 20), 72, y + 20, 468);
    s.push(...p.spans);
    y = p.y + 18;
  }
  const blocks = layoutPage(page(s));
  assert.equal(blocks.filter((b) => b.type === 'heading').length, 6);
  assert.equal(blocks.filter((b) => b.type === 'paragraph').length, 6);
});

test('a Medium font is bold over a Regular body, and plain where the body itself is set in Medium', () => {
  const named = (spans: TextSpan[], fontName: string) => spans.map((s) => ({ ...s, fontName }));
  const layout = (body: string, head: string) => {
    const s: TextSpan[] = [...named(words('Adapting the extractor', 72, 80), head)];
    s.push(...named(paragraph(prose(5, 80), 72, 110, 468).spans, body));
    return layoutPage(page(s));
  };
  // Roboto-Medium over Roboto-Regular: the Medium line is the bold one.
  const roboto = layout('Roboto-Regular', 'Roboto-Medium');
  const title = roboto.find((b) => b.text.startsWith('Adapting'))!;
  assert.ok(title.bold || title.inlines?.every((i) => i.bold), JSON.stringify(title));
  // StoneSerifStd-Medium is the text weight of its family: body paragraphs in it are not bold.
  const stone = layout('StoneSerifStd-Medium', 'StoneSansStd-Semibold');
  const body = stone.find((b) => b.type === 'paragraph' && b.text.length > 100)!;
  assert.ok(body, JSON.stringify(stone.map((b) => b.type)));
  assert.ok(!body.bold && !(body.inlines ?? []).some((i) => i.bold), JSON.stringify(body.inlines?.slice(0, 2)));
});

test('a line turned up the side margin is read apart from the body lines at its height; stacked labels stay apart', () => {
  const s: TextSpan[] = [...paragraph(prose(7, 90), 72, 100, 468).spans];
  // arXiv's stamp: one turned span along the left margin, across the paragraph's height.
  s.push({ text: 'arXiv:2101.00001v1 [cs.CL] 1 Jan 2021', bbox: [14, 90, 34, 500], fontSize: 20, turned: 270 });
  // Two labels up the right margin, far apart along it, in two pieces each.
  s.push({ text: 'Tax and', bbox: [570, 300, 578, 330], fontSize: 8, turned: 270 }, { text: 'Credits', bbox: [570, 266, 578, 298], fontSize: 8, turned: 270 });
  s.push({ text: 'Payments', bbox: [570, 150, 578, 190], fontSize: 8, turned: 270 });
  const blocks = layoutPage(page(s));
  const texts = blocks.map((b) => b.text);
  assert.ok(blocks.some((b) => b.type === 'paragraph' && b.text.startsWith(prose(7, 90).slice(0, 30)) && !b.text.includes('arXiv')), JSON.stringify(texts));
  assert.ok(texts.includes('arXiv:2101.00001v1 [cs.CL] 1 Jan 2021'), JSON.stringify(texts));
  // Bottom to top, as the turned text reads: "Tax and" is below "Credits".
  assert.ok(texts.includes('Tax and Credits') && texts.includes('Payments'), JSON.stringify(texts));
});

test('a table of contents: one paragraph per entry, its dot leader dropped, no entry a heading', () => {
  const s: TextSpan[] = [];
  s.push(...words('Contents', 72, 80, { size: 16, bold: true }));
  const entries = ['What is a package? ....................... 1', 'Why do I need one? ....................... 4', 'Questions . . . . . . . . . . . . . . . . 11'];
  entries.forEach((t, i) => s.push(...words(t, 72, 110 + 12 * i, { bold: i === 1 })));
  s.push(...paragraph(prose(3, 60), 72, 200, 468).spans);
  const blocks = layoutPage(page(s));
  const toc = blocks.filter((b) => b.bbox[1] > 95 && b.bbox[1] < 150);
  assert.deepEqual(toc.map((b) => [b.type, b.text]), [['paragraph', 'What is a package? 1'], ['paragraph', 'Why do I need one? 4'], ['paragraph', 'Questions 11']]);
  assert.ok(toc.every((b) => !b.open));
});

test('on a text-layer page a much smaller line in lower case under a paragraph is not joined to it', () => {
  const s: TextSpan[] = [];
  const p = paragraph(prose(2, 60), 72, 300, 468);
  s.push(...p.spans);
  // The last body line ends mid-sentence; a 6 pt line in lower case sits right under it.
  s.push(...words('the quail and', 72, p.y));
  s.push(...words('seen from the valley road', 72, p.y + 8, { size: 6 }));
  const blocks = layoutPage(page(s));
  const small = blocks.find((b) => b.text.includes('seen from the valley road'))!;
  assert.equal(small.text, 'seen from the valley road');
  assert.ok(blocks.some((b) => b.text.endsWith('the quail and')));
});

test('a stamp line in a margin band is a block of its own, not the end of the footnote above it', () => {
  const s: TextSpan[] = [];
  s.push(...paragraph(prose(4, 60), 72, 100, 468).spans);
  s.push(...words('1 Supported by the Mill Foundation of the Valley', 72, 730, { size: 8 }));
  s.push(...words('(No. 51338003) and the Research Fund of the Pond', 72, 740, { size: 8 }));
  s.push(...words('© Valley University and Mill-Verlag Berlin 2014', 72, 750, { size: 8 }));
  // A copyright sentence that runs on into its next line is not cut off.
  s.push(...words('Copyright and moral rights for the mills are retained by the', 72, 680, { size: 8 }));
  s.push(...words('millers and it is a condition of use that users abide by them.', 72, 690, { size: 8 }));
  const blocks = layoutPage(page(s));
  assert.ok(blocks.some((b) => b.text === '© Valley University and Mill-Verlag Berlin 2014'), JSON.stringify(blocks.map((b) => b.text)));
  assert.ok(blocks.some((b) => b.text.startsWith('1 Supported') && b.text.endsWith('Fund of the Pond')));
  assert.ok(blocks.some((b) => b.text.startsWith('Copyright and moral rights') && b.text.endsWith('abide by them.')));
});

test('two stamp lines one under the other stay one block', () => {
  const s: TextSpan[] = [];
  s.push(...paragraph(prose(5, 60), 72, 100, 468).spans);
  s.push(...words('This content downloaded from 62.122.73.250 on Mon, 16 Jun 2014 05:18:44 AM', 150, 740, { size: 7 }));
  s.push(...words('All use subject to JSTOR Terms and Conditions', 150, 749, { size: 7 }));
  const blocks = layoutPage(page(s));
  assert.ok(blocks.some((b) => b.text === 'This content downloaded from 62.122.73.250 on Mon, 16 Jun 2014 05:18:44 AM All use subject to JSTOR Terms and Conditions'), JSON.stringify(blocks.map((b) => b.text)));
});

test('a banner set large up the side of the page, reaching towards the body, is read apart from the body lines', () => {
  const s: TextSpan[] = [];
  const body = paragraph(prose(8, 90), 160, 200, 380);
  s.push(...body.spans);
  // Newsletter banners up the left side: one inside the margin band, one reaching from it to the body's edge.
  s.push({ text: 'WER', bbox: [14, 488, 158, 826], fontSize: 126, turned: 270 });
  s.push({ text: 'SRI LANKA 2025', bbox: [84, 169, 141, 500], fontSize: 48, italic: true, turned: 270 });
  const blocks = layoutPage(page(s, { width: 595, height: 842 }));
  const texts = blocks.map((b) => b.text);
  assert.ok(!texts.some((t) => t.includes('SRI LANKA') && t.length > 20), JSON.stringify(texts));
  assert.ok(texts.includes('WER SRI LANKA 2025'), JSON.stringify(texts));
  assert.ok(texts.some((t) => t.startsWith(body.lines[0]!) && t.includes(body.lines[1]!)), JSON.stringify(texts));
});

test('a smaller line in lower case under one larger line still joins it', () => {
  const s: TextSpan[] = [...words('안녕하세요 세계', 48, 190, { size: 16 }), ...words('annyeonghaseyo segye', 48, 204, { size: 10 })];
  s.push(...paragraph(prose(9, 60), 48, 260, 468).spans);
  const blocks = layoutPage(page(s));
  assert.ok(blocks.some((b) => b.text === '안녕하세요 세계 annyeonghaseyo segye'), JSON.stringify(blocks.map((b) => b.text)));
});

test('a reference ending at the head of a column in lower case is not cut off as a journal line', () => {
  const s: TextSpan[] = [];
  s.push(...words('solid-organ cancers. Immunology. 2021;165(2):250–9.', 311, 50, { size: 8.5 }));
  s.push(...words('Herrera L, Martin M, Santos S. Identifying mills in the valley', 311, 62, { size: 8.5 }));
  s.push(...words('by their wheels. Immunology. 2021;165(2):234–49.', 322, 72, { size: 8.5 }));
  s.push(...paragraph(prose(10, 60), 72, 200, 468).spans);
  const blocks = layoutPage(page(s));
  assert.ok(!blocks.some((b) => b.text === 'solid-organ cancers. Immunology. 2021;165(2):250–9.'), JSON.stringify(blocks.map((b) => b.text)));
});

test("a typewriter form's blanks to fill in are not a code listing", () => {
  // A tattoo parlour's invoice set wholly in Courier: an address, then labels with their blanks ("Invoice#:______").
  const mono = (text: string, x: number, y: number): TextSpan => ({ ...span(text, x, y), monospace: true, fontName: 'CourierNew' });
  const s: TextSpan[] = [mono('Kao Ink Inc.', 72, 130), mono('6230 Lanark Street', 72, 145), mono('Vancouver BC', 72, 157), mono('V5P 2Y8', 72, 169)];
  ['Invoice#:_________________', 'Invoice Date:_____________', 'Due Date:________________', 'Subtotal:_______________'].forEach((t, k) => s.push(mono(t, 72, 200 + 25 * k)));
  s.push(mono('Deposits may be forfeited for no-shows, rebookings or cancellations.', 72, 320));
  const blocks = layoutPage(page(s));
  assert.ok(blocks.every((b) => b.type !== 'code'), blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.ok(blocks.some((b) => b.text.includes('Invoice Date:_____________')));
});

test('a glyph of another font inside a bold word takes its bold: the word is not split by emphasis markers', () => {
  // A KDD caption in Libertine bold with the model's name opening in a symbol font: "Table 2: дmono hyperparameters".
  const s: TextSpan[] = [span('Table 2:', 72, 100, { bold: true }), span('д', 115, 100), span('mono hyperparameters for the UCI credit card dataset', 120, 100, { bold: true })];
  s.push(...paragraph(prose(3, 40), 72, 130, 468).spans);
  const caption = layoutPage(page(s))[0]!;
  assert.deepEqual(caption.inlines ?? [{ text: caption.text, bold: caption.bold }], [{ text: 'Table 2: дmono hyperparameters for the UCI credit card dataset', bold: true }], JSON.stringify(caption));
  // A word of its own in regular type between bold ones stays regular; so do the letters between bold initials.
  const own: TextSpan[] = [span('Total', 72, 100, { bold: true }), span('to', 102, 100), span('pay', 117, 100, { bold: true })];
  own.push(...paragraph(prose(3, 40), 72, 130, 468).spans);
  assert.ok((layoutPage(page(own))[0]!.inlines ?? []).some((r) => r.text.includes('to') && !r.bold));
  const initials: TextSpan[] = [span('GAMLP (', 72, 100), span('G', 107, 100, { bold: true }), span('a-', 112, 100), span('A', 122, 100, { bold: true }), span('rbete)', 127, 100)];
  initials.push(...paragraph(prose(3, 40), 72, 130, 468).spans);
  assert.deepEqual((layoutPage(page(initials))[0]!.inlines ?? []).filter((r) => r.bold).map((r) => r.text), ['G', 'A']);
});

test('a title with its year is a heading; a line of figures is not', () => {
  const s: TextSpan[] = [...words('FOSDEM Bar 2018', 90, 80, { size: 24 }), ...words('Net 2018 2019 2020', 90, 120, { size: 24 })];
  s.push(...paragraph(prose(4, 60), 72, 160, 468).spans);
  const blocks = layoutPage(page(s));
  assert.equal(blocks.find((b) => b.text === 'FOSDEM Bar 2018')?.type, 'heading', JSON.stringify(blocks.map((b) => [b.type, b.text])));
  assert.notEqual(blocks.find((b) => b.text.startsWith('Net 2018'))?.type, 'heading');
});

test('a logo beside a title set on two lines does not part the title', () => {
  const s: TextSpan[] = [...words('ZLECENIE DOCHODZENIA ROSZCZEŃ', 296, 32, { size: 14, bold: true }), ...words('FINANSOWYCH', 367, 48, { size: 14, bold: true })];
  s.push(...paragraph(prose(5, 60), 40, 110, 500).spans);
  const blocks = layoutPage({ ...page(s), figures: [[32, 25, 277, 78]] });
  assert.equal(blocks[0]!.type, 'heading', JSON.stringify(blocks.map((b) => [b.type, b.text])));
  assert.equal(blocks[0]!.text, 'ZLECENIE DOCHODZENIA ROSZCZEŃ FINANSOWYCH');
  assert.ok(blocks.some((b) => b.type === 'figure'));
});

test('a lower-case "o" in a typewriter face before text in the body face is a bullet (Word\'s second level)', () => {
  const s: TextSpan[] = [];
  ['Unique per user', 'Standard Linux shell', 'Wrapped in Pico processes'].forEach((item, k) => {
    s.push({ ...span('o', 72, 100 + 22 * k, { size: 18 }), monospace: true }, ...words(item, 94, 100 + 22 * k, { size: 18 }));
  });
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.map((b) => [b.type, b.text]), [['list-item', 'Unique per user'], ['list-item', 'Standard Linux shell'], ['list-item', 'Wrapped in Pico processes']]);
  // An "o" inside a listing is code.
  const code = layoutPage(page([{ ...span('o = 1', 72, 100), monospace: true }, { ...span('p = o', 72, 112), monospace: true }]));
  assert.ok(code.every((b) => b.type !== 'list-item'), JSON.stringify(code));
});

test('a title in bold closed by a citation in roman ("Implementation [1,2]") is a heading', () => {
  const s: TextSpan[] = [...words('Implementation', 172, 70, { size: 20, bold: true }), span('[1,2]', 340, 70, { size: 16 })];
  s.push(...paragraph(prose(2, 50), 72, 120, 468, { size: 18 }).spans);
  const blocks = layoutPage(page(s));
  assert.equal(blocks[0]!.type, 'heading', JSON.stringify(blocks.map((b) => [b.type, b.text])));
  assert.equal(blocks[0]!.text, 'Implementation [1,2]');
});

test('a title in plain capitals at body size, set apart above, heads the text under it; a notice with commas does not', () => {
  const make = (title: string): TextSpan[] => {
    const s: TextSpan[] = [...paragraph(prose(6, 40), 72, 100, 468, { size: 11 }).spans];
    s.push(...words(title, 72, 190, { size: 11 }));
    s.push(...paragraph(prose(7, 60), 72, 215, 468, { size: 11 }).spans);
    return s;
  };
  const [out] = assembleBlocks([{ index: 0, width: 612, height: 792, textLayer: true, blocks: layoutPage(page(make('TERMO DE CONSENTIMENTO PARA TRATAMENTO DE DADOS'))) }]);
  assert.ok(out!.blocks.some((b) => b.type === 'heading' && b.text === 'TERMO DE CONSENTIMENTO PARA TRATAMENTO DE DADOS'), JSON.stringify(out!.blocks.map((b) => [b.type, b.text.slice(0, 30)])));
  const [notice] = assembleBlocks([{ index: 0, width: 612, height: 792, textLayer: true, blocks: layoutPage(page(make('NOMINATIVE, PERSONAL AND NOT TRANSFERABLE'))) }]);
  assert.ok(!notice!.blocks.some((b) => b.type === 'heading'));
  // A title page's lines in capitals head no running text; a script without case has no capitals.
  const cover: TextSpan[] = [...words('UNIVERSIDADE FEDERAL DO RIO GRANDE DO SUL', 150, 100, { size: 11 }), ...words('INSTITUTO DE INFORMÁTICA', 200, 140, { size: 11 })];
  cover.push(...words('Porto Alegre', 250, 400, { size: 11 }));
  assert.ok(!layoutPage(page(cover)).some((b) => b.type === 'heading'), 'title page');
  const [korean] = assembleBlocks([{ index: 0, width: 612, height: 792, textLayer: true, blocks: layoutPage(page(make('적립한도 없이 커피전문점 제과점 편의점 빅포인트 적립'))) }]);
  assert.ok(!korean!.blocks.some((b) => b.type === 'heading'), 'Korean');
});

test('a line in bold of three words or more between paragraphs, on their line pitch, heads the one under it; over a list it does not', () => {
  const make = (under: (y: number) => TextSpan[]): Block[] => {
    const first = paragraph(prose(8, 50), 72, 100, 468, { size: 14 });
    const s: TextSpan[] = [...first.spans];
    const y = first.y;
    s.push(...words('Дополнительное задание (выполнено)', 120, y, { size: 14, bold: true }), ...under(y + 16));
    return layoutPage(page(s));
  };
  const text = make((y) => paragraph(`${prose(9, 40)}.`, 72, y, 468, { size: 14 }).spans);
  assert.ok(text.some((b) => b.type === 'heading' && b.text === 'Дополнительное задание (выполнено)'), JSON.stringify(text.map((b) => [b.type, b.text.slice(0, 30)])));
  const list = make((y) => [...words('1. Браузер прокси-сервер', 72, y, { size: 14 }), ...words('2. Прокси-сервер сервер', 72, y + 16, { size: 14 })]);
  assert.ok(!list.some((b) => b.type === 'heading'));
  // A title in bold wrapped on two lines too.
  const first = paragraph(`${prose(3, 40)}.`, 55, 100, 245, { size: 9, leading: 12 });
  const s: TextSpan[] = [...first.spans, ...words('Important Differences between Federal and', 55, first.y, { size: 10, bold: true }), ...words('Pennsylvania Rules', 55, first.y + 11, { size: 10, bold: true })];
  s.push(...paragraph(`${prose(4, 40)}.`, 55, first.y + 23, 245, { size: 9, leading: 12 }).spans);
  assert.ok(layoutPage(page(s)).some((b) => b.type === 'heading' && b.text === 'Important Differences between Federal and Pennsylvania Rules'));
  // Not a form's line label of two words.
  const line: TextSpan[] = [...first.spans, ...words('Line 2', 55, first.y, { size: 10, bold: true }), ...paragraph(`${prose(4, 40)}.`, 55, first.y + 12, 245, { size: 9, leading: 12 }).spans];
  assert.ok(!layoutPage(page(line)).some((b) => b.type === 'heading'));
});

test('a statute\'s section mark and title alone on their line at body size ("§2 Nutzungsgenehmigung") head the text under them', () => {
  const s: TextSpan[] = [];
  let y = 100;
  for (const [title, k] of [['§1 Nutzungsberechtigung', 1], ['§2 Nutzungsgenehmigung', 2], ['Art. 3 Pfand', 3]] as const) {
    s.push(...words(title, 57, y, { size: 12 }));
    const p = paragraph(`${prose(k, 40)}.`, 57, y + 14, 470, { size: 12, leading: 14 });
    s.push(...p.spans);
    y = p.y + 14;
  }
  // A sentence that opens with a section mark is text; so is a paragraph's line that does, after a finished sentence.
  s.push(...paragraph('§ 3 Abs. 2 regelt, dass das Pfand nach der Rückgabe des Schlüssels erstattet wird, ohne Zinsen und ohne weitere Abzüge.', 57, y, 470, { size: 12, leading: 14 }).spans);
  s.push(...words('Das Pfand wird nach der Rückgabe des Schlüssels erstattet und nicht verzinst.', 57, y + 60, { size: 12 }));
  s.push(...words('§ 5 BGB gilt entsprechend für alle Fächer im unteren Hörsaalfoyer des Gebäudes', 57, y + 74, { size: 12 }));
  s.push(...words('und für die Fächer im oberen Foyer.', 57, y + 88, { size: 12 }));
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['§1 Nutzungsberechtigung', '§2 Nutzungsgenehmigung', 'Art. 3 Pfand'], JSON.stringify(blocks.map((b) => [b.type, b.text.slice(0, 30)])));
  assert.ok(blocks.some((b) => b.text.includes('nicht verzinst. § 5 BGB gilt entsprechend')), JSON.stringify(blocks.map((b) => b.text.slice(0, 40))));
});

test('a subsection number of two levels and its title alone on their line at body size head the text under them', () => {
  const s: TextSpan[] = [];
  let y = 100;
  for (const [title, k] of [['3.1.1 Stromregler', 1], ['3.1.2. Geschwindigkeitsregler', 2]] as const) {
    s.push(...words(title, 71, y, { size: 12 }));
    const p = paragraph(`${prose(k, 40)}.`, 71, y + 14, 440, { size: 12, leading: 14 });
    s.push(...p.spans);
    y = p.y + 14;
  }
  const blocks = layoutPage(page(s));
  assert.deepEqual(blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['3.1.1 Stromregler', '3.1.2. Geschwindigkeitsregler'], JSON.stringify(blocks.map((b) => [b.type, b.text.slice(0, 30)])));
  // In a script without case too ("1.1 背景"); not a clause running on after a figure's number ("3.1 では、").
  const ja: TextSpan[] = [...words('1.1 背景', 71, 100, { size: 12 }), ...paragraph(`${prose(3, 30)}.`, 71, 114, 440, { size: 12, leading: 14 }).spans];
  ja.push(...words('3.1 では、', 71, 200, { size: 12 }), ...paragraph(`${prose(4, 30)}.`, 71, 214, 440, { size: 12, leading: 14 }).spans);
  ja.push(...words('0.35 Hartree = 920 kJ/mol', 71, 300, { size: 12 }), ...paragraph(`${prose(7, 30)}.`, 71, 314, 440, { size: 12, leading: 14 }).spans);
  ja.push(...words('19.38 Uhr Sept 2011', 71, 400, { size: 12 }), ...paragraph(`${prose(8, 30)}.`, 71, 414, 440, { size: 12, leading: 14 }).spans);
  // Nor a line going on from a sentence after a colon, its number a value ("… (2024:" over "8.8 MEUR). Our revenue").
  ja.push(...words('EBITA will grow to 9-11 MEUR (2024:', 71, 500, { size: 12 }), ...words('8.8 MEUR). Our revenue forecasts were subject', 71, 514, { size: 12 }));
  ja.push(...paragraph(`${prose(9, 30)}.`, 71, 528, 440, { size: 12, leading: 14 }).spans);
  assert.deepEqual(layoutPage(page(ja)).filter((b) => b.type === 'heading').map((b) => b.text), ['1.1 背景']);
  // A running head ending in its page number is none; a bold title wrapped on two lines stays one.
  const more: TextSpan[] = [...words('2.4. Community tutorials 11', 71, 40, { size: 9 }), ...paragraph(`${prose(5, 30)}.`, 71, 80, 440, { size: 12, leading: 14 }).spans];
  more.push(...words('6.1 End-user to End-user Communication Process within Same Quantum', 71, 200, { size: 12, bold: true }), ...words('Base Stations', 71, 214, { size: 12, bold: true }));
  more.push(...paragraph(`${prose(6, 30)}.`, 71, 234, 440, { size: 12, leading: 14 }).spans);
  assert.deepEqual(layoutPage(page(more)).filter((b) => b.type === 'heading').map((b) => b.text), ['6.1 End-user to End-user Communication Process within Same Quantum Base Stations']);
});
