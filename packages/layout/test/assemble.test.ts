import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, TextSpan } from '@docmill/core';
import { assembleBlocks, layoutPage, type DocumentPageBlocks } from '../src/index.js';
import { demoteAuthorLines, isNameList, joinStackedHeadings } from '../src/assemble/display-headings.js';
import { page, paragraph, prose, span, textWidth, words } from './helpers.js';

/** A body page with a running header, optional page number at the foot, and prose in between. */
function bodyPage(index: number, opts: { header?: string; footer?: string; number?: string; numberTop?: boolean; body?: (s: TextSpan[]) => void } = {}): DocumentPageBlocks {
  const s: TextSpan[] = [];
  if (opts.header) s.push(...words(opts.header, 72, 40, { size: 9 }));
  if (opts.number) {
    const w = textWidth(opts.number, 9);
    s.push(...words(opts.number, opts.numberTop ? 540 - w : 306 - w / 2, opts.numberTop ? 40 : 760, { size: 9 }));
  }
  if (opts.footer) s.push(...words(opts.footer, 72, 745, { size: 8 }));
  if (opts.body) opts.body(s);
  else {
    let y = 100;
    for (let k = 0; k < 3; k++) { const p = paragraph(prose(index * 3 + k, 50), 72, y, 468); s.push(...p.spans); y = p.y + 8; }
  }
  return { index, width: 612, height: 792, blocks: layoutPage({ ...page(s), index }) };
}

test('inPlace gives the same pages, made of the given blocks; without it the given blocks are left alone', () => {
  const make = () => [0, 1, 2, 3, 4].map((i) => bodyPage(i, { header: 'Journal of Mill Studies, Vol. 3', number: String(i + 11) }));
  const given = make();
  const copied = assembleBlocks(given);
  assert.deepEqual(given, make(), 'not modified');
  assert.ok(!given.some((p) => p.blocks.some((b) => copied.some((o) => o.blocks.includes(b)))));
  const own = make();
  const inPlace = assembleBlocks(own, { inPlace: true });
  assert.deepEqual(inPlace, copied);
  assert.ok(inPlace.every((o, i) => o.blocks.every((b) => own[i]!.blocks.includes(b))), 'the given blocks themselves');
});

test('a running header and page numbers repeated over 5 pages are removed and listed', () => {
  const pages = [0, 1, 2, 3, 4].map((i) => bodyPage(i, { header: 'Journal of Mill Studies, Vol. 3', number: String(i + 11), footer: 'Preprint, do not cite' }));
  const out = assembleBlocks(pages);
  assert.equal(out.length, 5);
  out.forEach((p, i) => {
    assert.deepEqual(p.removed.map((r) => [r.type, r.text]).sort(), [
      ['footer', 'Preprint, do not cite'], ['header', 'Journal of Mill Studies, Vol. 3'], ['page-number', String(i + 11)],
    ]);
    assert.equal(p.blocks.length, 3);
    assert.ok(p.blocks.every((b) => b.type === 'paragraph'));
  });
  // The input is not modified.
  assert.equal(pages[0]!.blocks.length, 6);
});

test('a large heading atop every page ("Section 3") is content, not a running head; a small one is', () => {
  const pages = [0, 1, 2, 3, 4].map((i) => bodyPage(i, {
    header: 'Minutes of the board',
    body: (s) => {
      s.push(...words(`Section ${i + 1}`, 72, 70, { size: 18, bold: true }));
      const p = paragraph(prose(i, 40), 72, 110, 468);
      s.push(...p.spans);
    },
  }));
  const out = assembleBlocks(pages);
  out.forEach((p, i) => {
    assert.deepEqual(p.removed.map((r) => r.text), ['Minutes of the board']);
    assert.equal(p.blocks[0]!.type, 'heading');
    assert.equal(p.blocks[0]!.text, `Section ${i + 1}`);
  });
});

test('a large title whose very text heads every page is the first page\'s title and the others\' running head', () => {
  const pages = [0, 1, 2, 3].map((i) => bodyPage(i, {
    body: (s) => {
      s.push(...words('Hook Norton Film Festival', 156, 51, { size: 24, bold: true }));
      const p = paragraph(prose(i, 40), 72, 110, 468);
      s.push(...p.spans);
    },
  }));
  const out = assembleBlocks(pages);
  assert.equal(out[0]!.blocks[0]!.text, 'Hook Norton Film Festival');
  assert.equal(out[0]!.blocks[0]!.type, 'heading');
  out.slice(1).forEach((p) => assert.deepEqual(p.removed.map((r) => r.text), ['Hook Norton Film Festival']));
});

test('a name in 13 points in the top corner of every page, the first included, is a running head there too', () => {
  // A Spanish menu: "Jamonería Samaín" top right of each of its pages, over sections in 22 points and dishes in 9.
  const pages = [0, 1, 2, 3].map((i) => bodyPage(i, {
    body: (s) => {
      s.push(...words('Jamonería Samaín', 447, 46, { size: 13 }));
      s.push(...words(`Raciones ${i + 1}`, 72, 100, { size: 22, bold: true }));
      s.push(...paragraph(prose(i, 40), 72, 130, 468, { size: 9 }).spans);
    },
  }));
  const out = assembleBlocks(pages);
  out.forEach((p) => assert.deepEqual(p.removed.map((r) => r.text), ['Jamonería Samaín'], JSON.stringify(p.blocks.map((b) => b.text.slice(0, 30)))));
});

test('alternating odd/even running heads with page numbers in the header line are removed', () => {
  const pages = [0, 1, 2, 3, 4, 5, 6].map((i) => bodyPage(i, {
    header: i % 2 === 0 ? `${i + 1} A. Miller and B. Wheeler` : 'Trace Trees for Water Mills',
  }));
  const out = assembleBlocks(pages);
  for (const p of out) {
    assert.equal(p.removed.length, 1, JSON.stringify(p.removed));
    assert.equal(p.removed[0]!.type, 'header');
    assert.equal(p.blocks.length, 3);
  }
});

test('a running head that one page sets with a space before a stop ("No . 36") is the same running head', () => {
  const pages = [0, 1, 2, 3].map((i) => bodyPage(i, { header: i === 1 ? 'WER Sri Lanka - Vol. 52 No . 36' : 'WER Sri Lanka - Vol. 52 No. 36' }));
  const out = assembleBlocks(pages);
  for (const p of out) assert.deepEqual(p.removed.map((b) => b.type), ['header'], `page ${p.index}`);
});

test('a running head naming the chapter the page is in is removed; a heading repeated atop a page at its size is kept', () => {
  // LaTeX's chapter marks: "2. SECOND CHAPTER" in body type over the pages after the chapter's title in 24 pt.
  const chapters = ['1. First Chapter', '1. First Chapter', '1. First Chapter', '2. Second Chapter', '2. Second Chapter', '2. Second Chapter'];
  const pages = chapters.map((title, i) => bodyPage(i, {
    body: (s) => {
      const opens = i === 0 || chapters[i - 1] !== title;
      if (opens) s.push(...words(title, 72, 100, { size: 24, bold: true }));
      else s.push(...words(title.toUpperCase(), 360, 40));
      const p = paragraph(prose(i, 40), 72, opens ? 150 : 100, 468);
      s.push(...p.spans);
    },
  }));
  const out = assembleBlocks(pages);
  for (const i of [1, 2, 4, 5]) assert.deepEqual(out[i]!.removed.map((r) => r.text), [chapters[i]!.toUpperCase()], `page ${i}`);
  for (const i of [0, 3]) assert.equal(out[i]!.blocks[0]!.text, chapters[i], `page ${i}`);
  // The same title at the same size atop two pages (two appendices' "Notes") is content both times.
  const notes = [0, 1].map((i) => bodyPage(i, {
    body: (s) => {
      s.push(...words('Notes', 72, 40, { size: 24, bold: true }));
      s.push(...paragraph(prose(i, 40), 72, 90, 468).spans);
    },
  }));
  for (const p of assembleBlocks(notes)) assert.equal(p.blocks[0]!.text, 'Notes');
});

test('an invoice\'s title beside its number over its date ("Invoice date: Tue Oct 08") is content on a one-page document', () => {
  const para = (text: string, bbox: [number, number, number, number]): Block => ({ type: 'paragraph', text, bbox, fontSize: 12 });
  const blocks = [
    para('Invoice', [38, 40, 76, 53]),
    para('Invoice Number: INV-2024-001 Invoice date: Tue Oct 08', [340, 42, 524, 77]),
    para('09:54:13 IST 2024', [449, 82, 548, 95]),
    ...[0, 1, 2, 3].map((k) => para(prose(k, 40), [38, 136 + 80 * k, 550, 200 + 80 * k])),
  ];
  const [out] = assembleBlocks([{ index: 0, width: 595, height: 842, textLayer: true, blocks }]);
  assert.deepEqual(out!.removed, []);
});

test('a title in display type atop some pages and in body type atop another is one running head, compared as running heads are', () => {
  const head = (i: number) => (i === 1 ? 'WER Sri Lanka - Vol. 52 No . 36' : 'WER Sri Lanka - Vol. 52 No. 36');
  const pages = [0, 1, 2, 3].map((i) => (i === 2 ? bodyPage(i, { header: head(i) }) : bodyPage(i, {
    body: (s) => {
      if (i > 0) s.push(...words(head(i), 72, 36, { size: 14, bold: true }));
      let y = 100;
      for (let k = 0; k < 3; k++) { const p = paragraph(prose(i * 3 + k, 50), 72, y, 468); s.push(...p.spans); y = p.y + 8; }
    },
  })));
  const out = assembleBlocks(pages);
  for (const i of [1, 2, 3]) assert.deepEqual(out[i]!.removed.map((b) => b.text), [head(i)], `page ${i}`);
});

test('text near the edge that does not repeat stays in the body; a line repeated mid-page is content', () => {
  const pages = [0, 1, 2, 3].map((i) => bodyPage(i, {
    header: i === 0 ? 'A Title Only On The First Page' : undefined,
    body: (s) => {
      s.push(...words('Repeated in the middle of the page', 72, 400));
      s.push(...paragraph(prose(i, 40), 72, 420, 468).spans);
    },
  }));
  const out = assembleBlocks(pages);
  assert.deepEqual(out.map((p) => p.removed.length), [0, 0, 0, 0]);
  assert.equal(out[0]!.blocks[0]!.text, 'A Title Only On The First Page');
  assert.ok(out.every((p) => p.blocks.some((b) => b.text === 'Repeated in the middle of the page')));
});

test('Word\'s "4 | Page" and Chinese "第 3 页" are page numbers', () => {
  for (const number of ['4 | Page', 'P a g e | 4', '第 3 页', '第 3 页 共 9 页']) {
    const one: DocumentPageBlocks = { index: 0, width: 612, height: 792, blocks: [...bodyBlocks(7, 72, 700), blk('paragraph', number, [290, 760, 330, 770], 9)] };
    assert.deepEqual(assembleBlocks([one])[0]!.removed, [{ type: 'page-number', text: number }], number);
  }
});

test('a bold line atop a title page, further in than the outer tenth, is its title; a bold running head higher up goes', () => {
  const cover = (y: number, bold: boolean): DocumentPageBlocks => ({ index: 0, width: 612, height: 792, textLayer: true, blocks: [
    { ...blk('paragraph', 'Laboratorio 1', [270, y, 342, y + 13], 12), ...(bold ? { bold: true } : {}) },
    blk('paragraph', prose(4, 60), [72, 358, 540, 418], 12), blk('paragraph', prose(5, 60), [72, 430, 540, 490], 12),
  ] });
  assert.deepEqual(assembleBlocks([cover(129, true)])[0]!.removed, []);
  assert.deepEqual(assembleBlocks([cover(129, false)])[0]!.removed.map((r) => r.text), ['Laboratorio 1']);
  assert.deepEqual(assembleBlocks([cover(40, true)])[0]!.removed.map((r) => r.text), ['Laboratorio 1']);
});

test('a company\'s foot stacked on a running web address, alike on every page, goes with it; a signature line above stays', () => {
  const firm = 'Kancelaria EMENDATOR sp. z o.o. ul. Lotosowa 4, Numer KRS 0000123166 NIP 673 17 28 021 REGON 331352100';
  const sheet = (index: number, top = firm): DocumentPageBlocks => ({ index, width: 595, height: 842, textLayer: true, blocks: [
    ...bodyBlocks(index + 3, 80, 560), blk('paragraph', 'Podpis Zleceniobiorcy Miejscowość, data Podpis Zleceniodawcy', [98, 611, 452, 618], 6),
    { ...blk('paragraph', top, [51, 702, 543, 725], 9), bold: true }, blk('paragraph', 'Tel. +48 664730462, emendator@wp.pl', [122, 725.5, 472, 739], 12),
    blk('paragraph', 'www.emendator.com.pl', [275, 739.3, 390, 753], 12),
  ] });
  const out = assembleBlocks([sheet(0), sheet(1)]);
  for (const p of out) {
    assert.deepEqual(p.removed.map((r) => r.text), [firm, 'Tel. +48 664730462, emendator@wp.pl', 'www.emendator.com.pl']);
    assert.ok(p.blocks.some((b) => b.text.startsWith('Podpis')));
  }
  // Lines stacked on it that differ from page to page are the pages' own.
  const own = assembleBlocks([sheet(0, 'Zleceniodawca potwierdza odbiór pisma'), sheet(1, 'Zleceniobiorca potwierdza przyjęcie zlecenia')]);
  assert.deepEqual(own.map((p) => p.removed.length), [2, 2]);
  // An invoice's sender and title stacked under its running head on both pages are its own.
  const invoice = (index: number): DocumentPageBlocks => ({ index, width: 595, height: 842, textLayer: true, blocks: [
    blk('paragraph', 'Distri.de Begudes Movi SL', [40, 70, 200, 80], 9), blk('paragraph', 'C/Molí de Can Bassa, Nau Damm 1, 08100 Mollet del Vallès', [40, 81, 300, 91], 9),
    { ...blk('heading', 'Albarán-Factura', [40, 92, 150, 106], 12), bold: true }, ...bodyBlocks(index + 3, 120, 700),
  ] });
  assert.deepEqual(assembleBlocks([invoice(0), invoice(1)]).map((p) => p.removed.map((r) => r.text)), [['Distri.de Begudes Movi SL'], ['Distri.de Begudes Movi SL']]);
});

test('a running head of authors ending in "et al." with its page number is furniture on a second page of two', () => {
  const pages: DocumentPageBlocks[] = [0, 1].map((index) => ({ index, width: 612, height: 792, textLayer: true, blocks: [
    ...(index === 1 ? [blk('paragraph', '2 F. Author et al.', [135, 93, 232, 100], 9)] : []), ...bodyBlocks(index + 5, 119, 700),
  ] }));
  assert.deepEqual(assembleBlocks(pages).map((p) => p.removed.map((r) => r.text)), [[], ['2 F. Author et al.']]);
});

test('the document\'s own table of contents names headings set in plain type; a price table names none', () => {
  const toc = (rows: string[][]): Block => ({ type: 'table', text: rows.map((r) => r.join('\t')).join('\n'), rows, bbox: [72, 100, 540, 300], fontSize: 11 });
  const doc = (table: Block): DocumentPageBlocks[] => [
    { index: 0, width: 612, height: 792, textLayer: true, blocks: [blk('heading', 'Table des matières', [72, 72, 300, 86], 14), table] },
    { index: 1, width: 612, height: 792, textLayer: true, blocks: [
      { ...blk('heading', 'Tests d’acceptation', [72, 72, 300, 88], 16), bold: true }, blk('paragraph', prose(3, 40), [72, 100, 540, 150], 11),
      blk('paragraph', 'Définition d’un test système', [216, 250, 363, 264], 12), blk('paragraph', prose(4, 40), [72, 270, 540, 320], 11),
      blk('paragraph', 'Frais', [72, 340, 110, 352], 11), blk('paragraph', prose(5, 40), [72, 360, 540, 410], 11),
    ] },
  ];
  const [, page] = assembleBlocks(doc(toc([['Tests d’acceptation', '5'], ['Définition d’un test système', '5'], ['Responsabilités', '6'], ['Glossaire', '6']])));
  const heads = page!.blocks.filter((b) => b.type === 'heading');
  assert.deepEqual(heads.map((b) => b.text), ['Tests d’acceptation', 'Définition d’un test système']);
  assert.ok(heads[1]!.level! > heads[0]!.level!);
  assert.ok(heads.every((b) => !('listed' in b)), 'the flag is the assembly\'s own');
  // A contents set as lines, every entry read ('Frais 6' under 'Responsabilités 5').
  const lines: DocumentPageBlocks[] = [{ index: 0, width: 612, height: 792, textLayer: true, blocks: [
    ...[['Tests d’acceptation', 5], ['Définition d’un test système', 5], ['Frais', 6], ['Glossaire', 7]].map(([t, n], k) => blk('paragraph', `${t} ........ ${n}`, [72, 100 + 14 * k, 540, 111 + 14 * k], 11)),
  ] }, doc(toc([]))[1]!];
  assert.deepEqual(assembleBlocks(lines)[1]!.blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Tests d’acceptation', 'Définition d’un test système', 'Frais']);
  // Numbers that go back are prices, not pages.
  const [, prices] = assembleBlocks(doc(toc([['Frais', '40'], ['Transport', '12'], ['Repas', '25']])));
  assert.deepEqual(prices!.blocks.filter((b) => b.type === 'heading').map((b) => b.text), ['Tests d’acceptation']);
});

test('a semester under a title page ("2021/2") is no page number: a page never runs past its count', () => {
  for (const [text, removed] of [['2021/2', false], ['2/3', true], ['Page 3 of 9', true]] as const) {
    const one: DocumentPageBlocks = { index: 0, width: 612, height: 792, blocks: [...bodyBlocks(7, 72, 700), blk('paragraph', text, [290, 760, 330, 770], 9)] };
    assert.deepEqual(assembleBlocks([one])[0]!.removed.map((r) => r.text), removed ? [text] : [], text);
  }
});

test('a two-page document: a header on both pages is removed; "Page 1 of 2" counts as a page number', () => {
  const pages = [0, 1].map((i) => bodyPage(i, { header: 'Quarterly Report', number: `Page ${i + 1} of 2` }));
  const out = assembleBlocks(pages);
  for (const p of out) assert.deepEqual(p.removed.map((r) => r.type).sort(), ['header', 'page-number']);
});

test('a paragraph continued across a page break is flagged; a finished one is not', () => {
  const first = bodyPage(0, {
    body: (s) => {
      s.push(...paragraph(prose(1, 40), 72, 100, 468).spans);
      s.push(...paragraph('The water flowed past the mill for many years and nobody thought that', 72, 700, 468).spans);
    },
  });
  const second = bodyPage(1, {
    body: (s) => {
      s.push(...paragraph('it would ever stop. But it did.', 72, 100, 468).spans);
      s.push(...paragraph(prose(2, 40), 72, 130, 468).spans);
    },
  });
  const third = bodyPage(2, { body: (s) => { s.push(...paragraph('Nothing continues here. A new start.', 72, 100, 468).spans); } });
  const out = assembleBlocks([first, second, third]);
  assert.deepEqual(out.map((p) => p.continuesPrevious), [false, true, false]);
  assert.equal(first.blocks[1]!.open, true);
});

test('a word hyphenated across a page break is made whole at the start of the next page', () => {
  const first = bodyPage(0, { body: (s) => { s.push(...paragraph('The miller kept careful records of every infor-', 72, 700, 468).spans); } });
  const second = bodyPage(1, { body: (s) => { s.push(...paragraph('mation about the grain. It was a habit.', 72, 100, 468).spans); } });
  const out = assembleBlocks([first, second]);
  assert.equal(out[1]!.continuesPrevious, true);
  assert.equal(out[0]!.blocks[0]!.text, 'The miller kept careful records of every');
  assert.equal(out[1]!.blocks[0]!.text, 'information about the grain. It was a habit.');
});

test('heading levels are consistent across pages; a body-sized non-bold heading is demoted; set levels are kept', () => {
  const head = (text: string, size: number, bold = true): Block => ({ type: 'heading', text, bbox: [72, 100, 300, 100 + size], fontSize: size, bold });
  const para = (n: number): Block => ({ type: 'paragraph', text: prose(n, 80), bbox: [72, 200, 540, 300], fontSize: 10 });
  const pages: DocumentPageBlocks[] = [
    { index: 0, width: 612, height: 792, blocks: [head('On Mills', 22), head('Introduction', 14), para(1), head('Background', 12), para(2)] },
    { index: 1, width: 612, height: 792, blocks: [head('Method', 14.2), para(3), head('Details', 12.3), para(4), { ...head('Vision heading', 10, false), level: 4 }, head('Not really a heading', 10, false), para(5)] },
    { index: 2, width: 612, height: 792, blocks: [head('Results', 13.8), para(6), head('Run-in', 10, true), para(7)] },
  ];
  const out = assembleBlocks(pages);
  const levels = out.flatMap((p) => p.blocks.filter((b) => b.type === 'heading').map((b) => [b.text, b.level]));
  assert.deepEqual(levels, [
    ['On Mills', 1], ['Introduction', 2], ['Background', 3], ['Method', 2], ['Details', 3], ['Vision heading', 4], ['Results', 2], ['Run-in', 4],
  ]);
  assert.equal(out[1]!.blocks.find((b) => b.text === 'Not really a heading')!.type, 'paragraph');
});

test('without a title-like size the largest heading size is level 1', () => {
  const head = (text: string, size: number, y = 300): Block => ({ type: 'heading', text, bbox: [72, y, 300, y + size], fontSize: size, bold: true });
  const para: Block = { type: 'paragraph', text: prose(1, 80), bbox: [72, 400, 540, 500], fontSize: 10 };
  const pages: DocumentPageBlocks[] = [0, 1, 2].map((i) => ({ index: i, width: 612, height: 792, blocks: [head(`Chapter ${i + 1}`, 16), para, head('Part', 12, 600), para] }));
  const levels = assembleBlocks(pages).flatMap((p) => p.blocks.filter((b) => b.type === 'heading').map((b) => b.level));
  assert.deepEqual(levels, [1, 2, 1, 2, 1, 2]);
});

test('section numbers refine levels when sizes do not tell them apart', () => {
  const head = (text: string, size: number): Block => ({ type: 'heading', text, bbox: [72, 300, 300, 300 + size], fontSize: size, bold: true });
  const para: Block = { type: 'paragraph', text: prose(2, 80), bbox: [72, 400, 540, 500], fontSize: 10 };
  const blocks = [head('1 Introduction', 12), para, head('1.1 Scope', 10), para, head('1.1.1 Edge cases', 10), para, head('2 Method', 12), para];
  const [out] = assembleBlocks([{ index: 0, width: 612, height: 792, blocks }]);
  assert.deepEqual(out!.blocks.filter((b) => b.type === 'heading').map((b) => [b.text, b.level]), [
    ['1 Introduction', 1], ['1.1 Scope', 2], ['1.1.1 Edge cases', 3], ['2 Method', 1],
  ]);
  // Headings lettered in lower case under sections numbered in figures are their subsections, at the same size.
  const terms = [head('9. Obligations du CLIENT', 13), para, head('a. Le CLIENT et son compte :', 13), para, head('b. Sécurité', 13), para, head('10. Loi applicable', 13), para];
  const [t] = assembleBlocks([{ index: 0, width: 612, height: 792, blocks: terms }]);
  assert.deepEqual(t!.blocks.filter((b) => b.type === 'heading').map((b) => b.level), [1, 2, 2, 1]);
});

test('pages that are not neighbours (a page range) never continue each other', () => {
  const first = bodyPage(2, { body: (s) => { s.push(...paragraph('The water flowed past the mill and nobody thought that', 72, 700, 468).spans); } });
  const later = bodyPage(6, { body: (s) => { s.push(...paragraph('it would ever stop. But it did.', 72, 100, 468).spans); } });
  const out = assembleBlocks([first, later]);
  assert.deepEqual(out.map((p) => [p.index, p.continuesPrevious]), [[2, false], [6, false]]);
});

test('blocks without a box or font size (a vision engine) are neither marginals nor demoted', () => {
  const none: [number, number, number, number] = [0, 0, 0, 0];
  const pages: DocumentPageBlocks[] = [0, 1, 2].map((i) => ({
    index: i, width: 612, height: 792,
    blocks: [
      { type: 'heading', text: 'Results', bbox: none },
      { type: 'paragraph', text: String(i + 1), bbox: none },
      { type: 'paragraph', text: 'Same closing line on every page.', bbox: none },
    ],
  }));
  const out = assembleBlocks(pages);
  for (const p of out) {
    assert.deepEqual(p.removed, []);
    assert.deepEqual(p.blocks.map((b) => b.type), ['heading', 'paragraph', 'paragraph']);
    assert.equal(p.blocks[0]!.level, 1);
  }
});

test('on a one-page text-layer document, stamps and journal lines in the margins are furniture; on OCR pages and in the body they stay', () => {
  const cases: Array<[string, string]> = [
    ['March 2014 | Volume 8 | Issue 3 | e2748', 'Downloaded from http://example.org/ on July 12, 2017'],
    ['Revision: 2.4', 'Download date: 15. Sep. 2023'],
    ['Vol. 99 (2013) 615 – 628', '© S. Hirzel Verlag · EAA'],
    ['Official records.', 'Monthly Labor Review • January 2012 65'],
    ['Official records.', 'The current issue of this journal is available at www.example.org/0142-5455.htm'],
  ];
  for (const [header, footer] of cases) {
    const one = bodyPage(0, { header, footer });
    const [text] = assembleBlocks([{ ...one, textLayer: true }]);
    // Note: a sentence ("Official records.") is not a lone margin line, so only the footer's pattern removes it.
    assert.deepEqual(text!.removed.map((r) => r.text).sort(), (header === 'Official records.' ? [footer] : [header, footer]).sort(), `${header} / ${footer}`);
    assert.ok(text!.blocks.every((b) => b.text !== footer));
    const [ocr] = assembleBlocks([one]);
    assert.deepEqual(ocr!.removed, [], 'OCR pages: unchanged');
  }
  // A reference at the foot of the page and a stamp-like sentence in the body are content.
  const refs = bodyPage(0, {
    footer: 'Lancet, Vol. 12, pp. 89-92.',
    body: (s) => { s.push(...words('The file was downloaded from the archive on July 12, 2017.', 72, 300, { size: 10 })); },
  });
  const [kept] = assembleBlocks([{ ...refs, textLayer: true }]);
  assert.deepEqual(kept!.removed, []);
  // "Pagina 1 / 2" alone in a letterhead, below the running-head band, is furniture too.
  const letter = bodyPage(0, { header: 'Lenze B.V. Postbus 3101', body: (s) => {
    s.push(...words('Pagina 1 / 2', 400, 100, { size: 10 }));
    const p = paragraph(prose(3, 50), 72, 200, 468); s.push(...p.spans);
  } });
  const [lt] = assembleBlocks([{ ...letter, textLayer: true }]);
  // Note: the letterhead line alone in the top band goes too (a lone margin line).
  assert.deepEqual(lt!.removed.map((r) => r.text), ['Lenze B.V. Postbus 3101', 'Pagina 1 / 2']);
});

test('a line alone in a margin band of a one-page text-layer document is furniture; the body, a title and a sentence there stay', () => {
  // Running head and foot of a transcript page: small, alone in the band, white space between them and the body.
  const one = bodyPage(0, { header: 'Official - Subject to Final Review', footer: 'Alderson Reporting Company' });
  const [out] = assembleBlocks([{ ...one, textLayer: true }]);
  assert.deepEqual(out!.removed.map((r) => r.text).sort(), ['Alderson Reporting Company', 'Official - Subject to Final Review']);
  assert.equal(out!.blocks.length, 3);
  // The same lines on an OCR page are left alone (OCR boxes and sizes are measured, not drawn).
  assert.deepEqual(assembleBlocks([one])[0]!.removed, []);
  // A larger running head is furniture only when it carries its page number.
  const big = (header: string) => bodyPage(0, { body: (s) => {
    s.push(...words(header, 72, 40, { size: 11, italic: true }));
    let y = 100;
    for (let k = 0; k < 3; k++) { const p = paragraph(prose(k, 50), 72, y, 468); s.push(...p.spans); y = p.y + 8; }
  } });
  assert.deepEqual(assembleBlocks([{ ...big('Observations of three localised bursts 5'), textLayer: true }])[0]!.removed.map((r) => r.text), ['Observations of three localised bursts 5']);
  assert.deepEqual(assembleBlocks([{ ...big('Observations of three localised bursts'), textLayer: true }])[0]!.removed, []);
  // Content at the top: the body's first line (no white space under it), a sentence, a bold title set apart.
  const kept = bodyPage(0, { body: (s) => {
    s.push(...words('Minutes of the meeting.', 72, 30));
    s.push(...words('A Report On Mills', 200, 58, { size: 16, bold: true }));
    const p = paragraph(prose(1, 60), 72, 100, 468); s.push(...p.spans);
    const q = paragraph(prose(2, 60), 72, p.y + 8, 468); s.push(...q.spans);
    // The last line of the page sits in the foot band, but is the end of the paragraph above it.
    s.push(...paragraph(prose(3, 60), 72, 700, 468).spans);
  } });
  const [k] = assembleBlocks([{ ...kept, textLayer: true }]);
  assert.deepEqual(k!.removed, []);
  // A Chinese sentence ends in its own full stop.
  const cjk = bodyPage(0, { body: (s) => {
    s.push(...words('其实不需要完全分到1个点再进行傅里叶变换，可以适当提前结束递归。', 72, 30));
    let y = 100;
    for (let k = 0; k < 3; k++) { const p = paragraph(prose(k, 50), 72, y, 468); s.push(...p.spans); y = p.y + 8; }
  } });
  assert.deepEqual(assembleBlocks([{ ...cjk, textLayer: true }])[0]!.removed, []);
  // A foot line right under the body's last heading, one ending in a colon, with nothing between, is what it announces.
  const underHead = (head: string) => bodyPage(0, { body: (s) => {
    let y = 100;
    for (let k = 0; k < 3; k++) { const p = paragraph(prose(k, 50), 72, y, 468); s.push(...p.spans); y = p.y + 8; }
    s.push(...words(head, 300, 620, { size: 14, bold: true }));
    s.push(...words('https://wiki.example.org/wiki/3D_Drucker', 310, 745, { size: 9, italic: true }));
  } });
  assert.deepEqual(assembleBlocks([{ ...underHead('Weitere Informationen:'), textLayer: true }])[0]!.removed, []);
  assert.deepEqual(assembleBlocks([{ ...underHead('Weitere Informationen'), textLayer: true }])[0]!.removed.map((r) => r.text), ['https://wiki.example.org/wiki/3D_Drucker']);
  // A page with next to no other text (a grid of four labels): its top line is content.
  const grid: DocumentPageBlocks = { index: 0, width: 595, height: 842, textLayer: true, blocks: [
    { type: 'paragraph', text: 'Top Left Top Right', bbox: [52, 120, 550, 160], fontSize: 36 }, { type: 'paragraph', text: 'Bottom Left Bottom Right', bbox: [52, 641, 550, 681], fontSize: 36 },
  ] };
  assert.deepEqual(assembleBlocks([grid])[0]!.removed, []);
});

test('a running head set as one block on one page (two running lines joined) is removed with the others', () => {
  const pages = [0, 1, 2, 3].map((i) => bodyPage(i, { body: (s) => {
    // Two lines, the first bold (two blocks), except on page 1, set without the bold (one block).
    s.push(...words('Solar park on the ground', 380, 24, { size: 8, bold: i !== 1 }));
    s.push(...words('Commune of Seranon - 20 December 2022', 380, 34, { size: 8 }));
    let y = 100;
    for (let k = 0; k < 3; k++) { const p = paragraph(prose(i * 3 + k, 50), 72, y, 468); s.push(...p.spans); y = p.y + 8; }
  } }));
  const out = assembleBlocks(pages);
  assert.deepEqual(out[1]!.removed.map((r) => r.text), ['Solar park on the ground Commune of Seranon - 20 December 2022']);
  for (const i of [0, 2, 3]) assert.equal(out[i]!.removed.length, 2);
  assert.ok(out.every((p) => p.blocks.length === 3));
});

test('a table drawn down into the foot band of a text-layer page loses its last row when that row is the running foot', () => {
  const rows = [['Name', 'Amount'], ['MENA JUAN', '10.000,00'], ['MOLLE MATIAS', '10.000,00'], ['PERAZZO PABLO', '10.000,00'], ['ANEXO I-A-1', 'Página 12 de 14']];
  const table = (last: string[], y1: number) => ({ type: 'table' as const, text: '', rows: [...rows.slice(0, 4), last], bbox: [48, 40, 552, y1] as [number, number, number, number], fontSize: 8 });
  const [cut] = assembleBlocks([{ index: 0, width: 612, height: 792, textLayer: true, blocks: [table(rows[4]!, 760)] }]);
  assert.deepEqual(cut!.removed, [{ type: 'footer', text: 'ANEXO I-A-1\tPágina 12 de 14' }]);
  assert.deepEqual(cut!.blocks[0]!.rows, rows.slice(0, 4));
  assert.equal(cut!.blocks[0]!.text.split('\n').length, 4);
  // Merged cells follow the rows that stay: one in the cut row goes with it, one reaching into it is cut short.
  const merged = [{ row: 1, col: 0, rowSpan: 1, colSpan: 2 }, { row: 3, col: 0, rowSpan: 2, colSpan: 1 }, { row: 4, col: 0, rowSpan: 1, colSpan: 2 }];
  const [withSpans] = assembleBlocks([{ index: 0, width: 612, height: 792, textLayer: true, blocks: [{ ...table(rows[4]!, 760), merged }] }]);
  assert.deepEqual(withSpans!.blocks[0]!.merged, [{ row: 1, col: 0, rowSpan: 1, colSpan: 2 }]);
  // A last row of data, a table that ends above the band, and an OCR page keep every row.
  for (const [last, y1, textLayer] of [[['VICENTE PABLO', '10.000,00'], 760, true], [rows[4]!, 600, true], [rows[4]!, 760, false]] as const) {
    const [kept] = assembleBlocks([{ index: 0, width: 612, height: 792, textLayer, blocks: [table([...last], y1)] }]);
    assert.deepEqual(kept!.removed, []);
    assert.equal(kept!.blocks[0]!.rows!.length, 5);
  }
});

/** A block as layout gives it, for the furniture tests below. */
function blk(type: Block['type'], text: string, bbox: [number, number, number, number], fontSize = 10): Block {
  return { type, text, bbox, fontSize };
}

/** Body paragraphs of 10 pt text from `y0` down to `y1`, 72–540 wide. */
function bodyBlocks(seed: number, y0: number, y1: number): Block[] {
  const out: Block[] = [];
  for (let y = y0, k = 0; y + 60 <= y1; y += 72, k++) out.push(blk('paragraph', prose(seed * 10 + k, 60), [72, y, 540, y + 60]));
  return out;
}

test('a foot of two lines set as two blocks goes whole, also where a short page set it higher up; a line close above the body stays', () => {
  // A menu: "@StudioMill" over "Prices include service", above a drawn ornament, on every page; on the last
  // (short) page both follow the text in the middle of the page. A table's heading line repeated under the
  // running head touches the body below it: content.
  const foot = (y: number): Block[] => [
    blk('paragraph', '@StudioMill', [264, y, 351, y + 14], 12),
    blk('paragraph', 'Prices include service', [223, y + 16, 392, y + 28], 12),
    blk('figure', '', [215, y + 10, 400, y + 37]),
  ];
  const pages: DocumentPageBlocks[] = [0, 1, 2, 3].map((i) => ({
    index: i, width: 612, height: 792, textLayer: true,
    blocks: [
      blk('paragraph', 'Mill Quarterly Review', [72, 30, 200, 40], 9),
      blk('paragraph', 'Name Date Amount', [72, 85, 300, 95]),
      ...bodyBlocks(i, 97, i === 3 ? 400 : 640),
      ...foot(i === 3 ? 420 : 690),
    ],
  }));
  const out = assembleBlocks(pages);
  for (const p of out) {
    assert.deepEqual(p.removed.map((r) => r.text), ['Mill Quarterly Review', '@StudioMill', 'Prices include service'], `page ${p.index + 1}`);
    assert.ok(p.blocks.some((b) => b.text === 'Name Date Amount'), 'the line that touches the body stays');
  }
});

test('a running head or foot that a page set as two blocks (a piece at its height) is removed with the others', () => {
  const pages: DocumentPageBlocks[] = [0, 1, 2, 3].map((i) => ({
    index: i, width: 612, height: 792,
    blocks: [
      ...(i === 3
        ? [blk('paragraph', 'National Hydro Network, Data Model – Edition 1.0', [72, 46, 293, 57]), blk('paragraph', '2004-06', [503, 46, 540, 57])]
        : [blk('paragraph', 'National Hydro Network, Data Model – Edition 1.0 2004-06', [72, 46, 540, 57])]),
      ...bodyBlocks(i, 90, 700),
      ...(i === 3
        ? [blk('paragraph', 'GeoBase®', [72, 749, 121, 760]), blk('paragraph', 'Data Model', [480, 749, 540, 760])]
        : [blk('paragraph', `GeoBase® ${i + 6}`, [72, 749, 540, 760])]),
    ],
  }));
  const out = assembleBlocks(pages);
  assert.deepEqual(out[3]!.removed.map((r) => r.text), ['National Hydro Network, Data Model – Edition 1.0', '2004-06', 'GeoBase®']);
  // "Data Model" is a piece of the running head, not of the foot at its height: it stays.
  assert.ok(out[3]!.blocks.some((b) => b.text === 'Data Model'));
  for (const i of [0, 1, 2]) assert.equal(out[i]!.removed.length, 2);
});

test('a line set vertically in the side margin of a text-layer page is furniture; upright text against a frame, and vertical writing, stay', () => {
  const stamp = blk('paragraph', 'arXiv:2004.04906v3 [cs.CL] 30 Sep 2020', [16, 263, 36, 610], 20);
  const paper: DocumentPageBlocks = { index: 0, width: 595, height: 842, textLayer: true, blocks: [...bodyBlocks(1, 90, 760), stamp] };
  assert.deepEqual(assembleBlocks([paper])[0]!.removed, [{ type: 'footer', text: stamp.text }]);
  assert.deepEqual(assembleBlocks([{ ...paper, textLayer: false }])[0]!.removed, [], 'OCR pages: unchanged');
  // A form's instruction set upright against its frame (4 pt of white space) is part of the form.
  const form: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [
    { ...blk('table', 'Name\tAddress', [49, 45, 562, 760]), rows: [['Name', 'Address']] },
    blk('paragraph', 'Please print or type.', [37, 96, 45, 174], 8),
    ...bodyBlocks(2, 90, 700).map((b) => ({ ...b, bbox: [60, b.bbox[1], 540, b.bbox[3]] as Block['bbox'] })),
  ] };
  assert.deepEqual(assembleBlocks([form])[0]!.removed, []);
  // A page of vertical writing: every column is upright, the outermost one is the text's first.
  const columns = Array.from({ length: 12 }, (_, k) => blk('paragraph', '縦書きの本文はこの列から始まり左へ続きます', [560 - k * 40, 80, 576 - k * 40, 600], 14));
  assert.deepEqual(assembleBlocks([{ index: 0, width: 612, height: 792, textLayer: true, blocks: columns }])[0]!.removed, []);
});

test('more stamps of one-page documents: form approval numbers, copyright inside a foot, print headers, arXiv stamps', () => {
  const cases: Array<[string, string]> = [
    ['OMB Number: 4040-0004 Expiration Date: 01/31/2009', '3HE 19220 AAAB TQZZA 01 © 2023 Nokia. 93'],
    ['12/3/20, 10:15 AM Mill statistics – Example site', 'https://example.org/mills/statistics.html 2/5'],
    ['arXiv:hep-th/9901001v1 4 Jan 1999', 'Use subject to Terms available at: www.example.com/terms.'],
    ['Form W-9 (Rev. 10-2018)', 'For Privacy Act Notice, see separate instructions. Cat. No. 10231X'],
    ['Journal of Computational Physics 231 (2012) 1234–1250', 'https://doi.org/10.1016/j.jcp.2012.01.001'],
    ['J Mol Model (2012) 18:1234–1245', 'DOI 10.1007/s00894-011-1234-5'],
    ['Contents lists available at ScienceDirect', 'Preprint submitted to Journal of Mills March 3, 2021'],
    ['PLOS ONE | https://doi.org/10.1371/journal.pone.0123456 March 3, 2020', 'All rights reserved.'],
  ];
  for (const [header, footer] of cases) {
    const one: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [
      // Note: right against the body, so that only the pattern can remove them (not a lone margin line).
      blk('paragraph', header, [72, 60, 540, 70], 8), ...bodyBlocks(3, 72, 740), blk('paragraph', footer, [72, 742, 540, 752], 8),
    ] };
    assert.deepEqual(assembleBlocks([one])[0]!.removed.map((r) => r.text), [header, footer]);
  }
  // The same words in the body are content.
  const body: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [
    ...bodyBlocks(4, 72, 300), blk('paragraph', 'The form carries OMB No. 1545-0074 and © 2023 Example Press on its face.', [72, 380, 540, 390]), ...bodyBlocks(5, 400, 740),
  ] };
  assert.deepEqual(assembleBlocks([body])[0]!.removed, []);
  // A reference at the foot of a page is content: it ends with a full stop.
  const refs: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [
    ...bodyBlocks(6, 72, 740), blk('paragraph', 'A. Miller, Journal of Computational Physics 231 (2012) 1234–1250.', [72, 742, 540, 752], 8),
  ] };
  assert.deepEqual(assembleBlocks([refs])[0]!.removed, []);
});

test('a running head that ends in its page number at the text\'s right edge may sit closer to the body; a short line ending in a number may not', () => {
  // MNRAS: the head runs across the text, its page number flush right, 1.2 body ems above the text.
  const head = (text: string, x1: number): DocumentPageBlocks => ({ index: 0, width: 595, height: 842, textLayer: true, blocks: [
    blk('paragraph', text, [138, 78, x1, 89], 12), ...bodyBlocks(6, 101, 780).map((b) => ({ ...b, bbox: [42, b.bbox[1], 544, b.bbox[3]] as Block['bbox'] })),
  ] });
  assert.deepEqual(assembleBlocks([head('MeerKAT, e-MERLIN, Swift and H.E.S.S., observations of three FRBs 5', 544)])[0]!.removed.map((r) => r.text), ['MeerKAT, e-MERLIN, Swift and H.E.S.S., observations of three FRBs 5']);
  assert.deepEqual(assembleBlocks([head('this is CheckBox 1', 238)])[0]!.removed, []);
  assert.deepEqual(assembleBlocks([head('MeerKAT, e-MERLIN, Swift and H.E.S.S., observations of three FRBs', 544)])[0]!.removed, []);
});

test('a paper\'s title on its first page is content although it is the running head of the others', () => {
  const pages: DocumentPageBlocks[] = [0, 1, 2, 3].map((i) => ({
    index: i, width: 612, height: 792, textLayer: true,
    blocks: i === 0
      ? [blk('paragraph', 'The logical clarinet', [200, 250, 412, 262]), ...bodyBlocks(0, 300, 700)]
      : [blk('paragraph', 'The logical clarinet', [72, 30, 200, 40], 9), ...bodyBlocks(i, 72, 700)],
  }));
  const out = assembleBlocks(pages);
  assert.ok(out[0]!.blocks.some((b) => b.text === 'The logical clarinet'));
  for (const i of [1, 2, 3]) assert.deepEqual(out[i]!.removed.map((r) => r.text), ['The logical clarinet']);
});

test("an invoice's registry line of 200 characters set up its left margin is furniture", () => {
  const line = 'Datos Fiscales: Informática Megasur S.L. B-18.314.112 EORI / VAT Number ESB18314112 Direcc: PQ. Metropolitano, C\\ Los Visos, 14 C.P. 18130 Escuzar (Granada) Spain Tlfno: 958 50 90 10 Fax: 958 50 90 09';
  const stamp = blk('paragraph', line, [35, 117, 41, 687], 5.8);
  const invoice: DocumentPageBlocks = { index: 0, width: 595, height: 842, textLayer: true, blocks: [...bodyBlocks(7, 90, 760), stamp] };
  assert.deepEqual(assembleBlocks([invoice])[0]!.removed.map((r) => r.text), [line]);
});

test('a download stamp set in two vertical lines in the side margin is furniture, both lines', () => {
  const lines = [
    blk('paragraph', 'Downloaded from https://example.onlinelibrary.wiley.com/doi/10.2134/jeq2007.0001 by Test User, Wiley Online Library on [12/07/2023].', [572, 60, 578, 420], 6),
    blk('paragraph', 'See the Terms and Conditions (https://onlinelibrary.wiley.com/terms-and-conditions) on Wiley Online Library for rules of use.', [580, 80, 586, 420], 6),
  ];
  const page: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [...bodyBlocks(3, 90, 700), ...lines] };
  assert.deepEqual(assembleBlocks([page])[0]!.removed.map((r) => r.text), lines.map((l) => l.text));
});

test('a slide whose only text is its title: the title is a heading by the document body size, and its stacked lines join', () => {
  const slide = (i: number, title: string[], bullets: number): DocumentPageBlocks => ({
    ...bodyPage(i, {
      body: (s) => {
        title.forEach((t, k) => s.push(...words(t, 60, 80 + 40 * k, { size: 30 })));
        for (let k = 0; k < bullets; k++) s.push(...words(`• Point ${k + 1} of the talk about mills and water wheels`, 60, 220 + 30 * k, { size: 18 }));
      },
    }),
    textLayer: true,
  });
  const pages = [slide(0, ['GROBID:', 'A bibliographical', '& citation mining tool'], 0), slide(1, ['Example slide'], 5), slide(2, ['Results'], 5)];
  const out = assembleBlocks(pages);
  assert.deepEqual(out[0]!.blocks.map((b) => [b.type, b.text]), [['heading', 'GROBID: A bibliographical & citation mining tool']]);
  // Without the other slides the lone title is the body size of its own document: a paragraph.
  const alone = assembleBlocks([slide(0, ['GROBID:', 'A bibliographical', '& citation mining tool'], 0)]);
  assert.ok(alone[0]!.blocks.every((b) => b.type === 'paragraph'));
});

test('stacked heading lines join; they stay apart when numbered, far apart, of another size, a short one over a longer one, or the upper ends a sentence', () => {
  const h = (text: string, y: number, size: number): Block => ({ type: 'heading', text, bbox: [72, y - size, 72 + 0.5 * size * text.length, y], fontSize: size, bold: true });
  const blocks = [
    h('How to make words with vectors:', 100, 20), h('Phrase generation in semantics', 124, 20),
    h('Part One', 200, 20), h('1 Introduction', 224, 20),
    h('Methods', 300, 20), h('Design of the study', 320, 16),
    h('Results', 400, 20), h('Discussion', 460, 20),
    h('Stop here.', 500, 20), h('Next part', 524, 20),
    h('2.1 Public Employee Evaluation', 600, 20), h('Board President and Vice-President', 624, 20),
    h('Materials and methods', 700, 20), h('Genetic materials, growth and experimental conditions', 724, 20),
  ];
  const pages = [{ blocks, textLayer: true }];
  joinStackedHeadings(pages);
  assert.deepEqual(pages[0]!.blocks.map((b) => b.text), [
    'How to make words with vectors: Phrase generation in semantics', 'Part One', '1 Introduction', 'Methods', 'Design of the study',
    'Results', 'Discussion', 'Stop here.', 'Next part', '2.1 Public Employee Evaluation', 'Board President and Vice-President',
    'Materials and methods', 'Genetic materials, growth and experimental conditions',
  ]);
  assert.deepEqual(pages[0]!.blocks[0]!.bbox, [72, 80, 382, 124]);
});

test('a display title\'s last line that starts in lower case joins the title; a lower-case line in body type under a heading stays', () => {
  const line = (type: Block['type'], text: string, y: number, size: number): Block => ({ type, text, bbox: [43, y - size, 43 + 0.5 * size * text.length, y], fontSize: size });
  const body = (y: number): Block => ({ type: 'paragraph', text: prose(y, 60), bbox: [43, y, 540, y + 40], fontSize: 9 });
  const pages = [{ textLayer: true, blocks: [
    line('heading', 'Comparative analysis of the mill genome reveals signatures underlying feline', 75, 22), { ...line('paragraph', 'biology and domestication', 99, 22), column: 0 },
    body(130), line('heading', 'Methods', 220, 12), line('paragraph', 'and so the text goes on in the body type of the page', 232, 9), body(250), body(300), body(350),
  ] }];
  joinStackedHeadings(pages);
  assert.deepEqual(pages[0]!.blocks.slice(0, 2).map((b) => [b.type, b.text.slice(0, 40)]), [
    ['heading', 'Comparative analysis of the mill genome '], ['paragraph', prose(130, 60).slice(0, 40)],
  ]);
  assert.ok(pages[0]!.blocks[0]!.text.endsWith('feline biology and domestication'));
  assert.ok(pages[0]!.blocks.some((b) => b.type === 'paragraph' && b.text.startsWith('and so the text')));
});

test('author lines under a title are paragraphs; headings that only look like name lists, or sit elsewhere, stay', () => {
  for (const t of ['Georgiana Dinu and Marco Baroni', 'Krzysztof Bolejko1,2 and Lars Andersson3,4', 'Chris QUIRK, Chris BROCKETT and William DOLAN', 'J.-P. Sartre and Simone de Beauvoir*']) assert.ok(isNameList(t), t);
  for (const t of ['Conclusions and Future Work', 'Materials and methods', 'Fitness Center & Play Zone', 'Methods', 'Results, discussion and outlook']) assert.ok(!isNameList(t), t);
  const h = (text: string, size: number): Block => ({ type: 'heading', text, bbox: [72, 0, 400, size], fontSize: size });
  const first = [h('How to make words with vectors', 18), h('Georgiana Dinu and Marco Baroni', 12), h('Related Work and Future Directions', 12)];
  const second = [h('Marco Polo and Kublai Khan', 12)];
  demoteAuthorLines([{ blocks: first }, { blocks: second }]);
  assert.deepEqual(first.map((b) => b.type), ['heading', 'paragraph', 'heading']);
  assert.equal(second[0]!.type, 'heading');
});

test('a line up the right edge of every page, close to the body, is a running side head; once, it stays', () => {
  const side = (i: number) => blk('paragraph', 'JCAP10(2008)003', [528, 269, 554, 498], 27.9);
  // The body runs to x 522: closer than a lone stamp may be (isSideLine wants 1.5 ems of white space).
  const pageOf = (i: number, withSide: boolean): DocumentPageBlocks => ({
    index: i, width: 595, height: 842, textLayer: true,
    blocks: [...bodyBlocks(i + 1, 90, 760).map((b) => ({ ...b, bbox: [72, b.bbox[1], 522, b.bbox[3]] as Block['bbox'] })), ...(withSide ? [side(i)] : [])],
  });
  const out = assembleBlocks([0, 1, 2, 3].map((i) => pageOf(i, true)));
  for (const p of out) assert.deepEqual(p.removed.map((r) => r.text), ['JCAP10(2008)003']);
  const once = assembleBlocks([pageOf(0, true), pageOf(1, false), pageOf(2, false), pageOf(3, false), pageOf(4, false), pageOf(5, false), pageOf(6, false), pageOf(7, false)]);
  assert.deepEqual(once[0]!.removed, []);
});

test('first-page stamps of journals: ISSN and price lines, Vancouver journal lines, proceedings feet, PMC stamps, a publisher\'s address, conference lines', () => {
  const cases: Array<[string, string]> = [
    ['0167-9473/$ - see front matter', 'Am J Epidemiol 2003;157:364–375'],
    ['Oecologia (2007) 151:748', 'Proceedings of the 58th Annual Meeting of the Association for Mill Studies, pages 4969–4983 July 5 - 10, 2020. ©c 2020 Association for Mill Studies'],
    ['Stat Med. Author manuscript; available in PMC 2014 August 30.', 'www.sciencedirect.com'],
    ['COMMUNITY ECOLOGY 13(1): 97-101, 2012', 'Immunology. 2022;165:141–142.'],
    ['Statist. Med. 18, 213—222 (1999)', 'CCC 0277—6715/99/020213—10$17.50'],
    ['www.elsevier.com/locate/csda', 'q 2003 Elsevier Ltd. All rights reserved.'],
    ['CIKM’13, Oct. 27–Nov. 1, 2013, San Francisco, CA, USA.', 'SIGMILL’09, June 3–5, 2009, Valley Town, USA.'],
    ['0361-0918 (Print); 1532-4141 (Online)', 'DOI: 10.1081/SAC-120028443 0361-0918 (Print); 1532-4141 (Online)'],
  ];
  for (const [header, footer] of cases) {
    const one: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [
      blk('paragraph', header, [72, 60, 540, 70], 8), ...bodyBlocks(3, 72, 740), blk('paragraph', footer, [72, 742, 540, 752], 8),
    ] };
    assert.deepEqual(assembleBlocks([one])[0]!.removed.map((r) => r.text), [header, footer]);
  }
  // A reference at the foot of the page, and the submission dates beside Wiley's code, are content.
  for (const footer of ['Hanley JA. The mills. Am J Epidemiol 2003;157:364–75.', 'CCC 0277—6715/99/020213—10$17.50 Received October 1997 Accepted March 1998']) {
    // Note: close under the body (which ends at 708), so that it is not a line alone in the band either.
    const refs: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [...bodyBlocks(6, 72, 740), blk('paragraph', footer, [72, 712, 540, 722], 8)] };
    assert.deepEqual(assembleBlocks([refs])[0]!.removed, [], footer);
  }
});

test('a first page\'s masthead of two to four stamps set as one block is furniture; one with a sentence among them stays', () => {
  const masthead = (text: string): DocumentPageBlocks => ({ index: 0, width: 612, height: 792, textLayer: true, blocks: [
    blk('paragraph', text, [72, 34, 300, 53], 8), ...bodyBlocks(4, 60, 740),
  ] });
  for (const text of [
    'Oecologia (2007) 151:748 DOI 10.1007/s00442-006-0624-8',
    'COMMUNITY ECOLOGY 13(1): 97-101, 2012 1585-8553/$20.00 © Akadémiai Kiadó, Budapest DOI: 10.1556/ComEc.13.2012.1.12',
    'www.sciencedirect.com 0169-5347/$ - see front matter q 2003 Elsevier Ltd. All rights reserved. doi:10.1016/j.tree.2003.12.004',
  ]) assert.deepEqual(assembleBlocks([masthead(text)])[0]!.removed.map((r) => r.text), [text]);
  assert.deepEqual(assembleBlocks([masthead('Oecologia (2007) 151:748 shows the mills at work DOI 10.1007/s00442-006-0624-8')])[0]!.removed, []);
});

test('a cover page\'s notice that opens with a download stamp is furniture, whole; in the middle of the page it stays', () => {
  const notice = 'This article was downloaded by: [Mill University] On: 03 May 2015, At: 13:01 Publisher: Mill & Sons Registered in England and Wales Registered Number: 1072954 Registered office: 37-41 Mortimer Street, London W1T 3JH, UK. Full terms and conditions of use apply to this article.';
  const cover = (y0: number): DocumentPageBlocks => ({ index: 0, width: 612, height: 792, textLayer: true, blocks: [
    ...bodyBlocks(5, 100, 300), blk('paragraph', notice, [22, y0, 542, y0 + 58]), ...bodyBlocks(6, 420, 740),
  ] });
  assert.ok(notice.length > 200);
  assert.deepEqual(assembleBlocks([cover(21)])[0]!.removed.map((r) => r.text), [notice]);
  assert.deepEqual(assembleBlocks([cover(340)])[0]!.removed, []);
});

test('stamps and a page number just inside other furniture are peeled off row by row; the note above them stays', () => {
  // A SAGE first page: journal line, DOI and copyright over the page number, the download stamp at the very foot.
  const note = 'Author’s Note: The author would like to thank the millers of the valley for their help with the data.';
  const first: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [
    ...bodyBlocks(7, 140, 590), blk('paragraph', note, [138, 608, 474, 650], 7),
    blk('paragraph', 'Mill Research Methods, Vol. 7 No. 2, April 2004 127-150', [138, 654, 331, 664], 7),
    blk('paragraph', 'DOI: 10.1177/1094428104263672', [138, 663, 235, 673], 7),
    blk('paragraph', '© 2004 Example Publications', [138, 672, 211, 682], 7),
    blk('paragraph', '127', [462, 684, 474, 695], 7),
    blk('paragraph', 'Downloaded from mrm.example.com by guest on September 27, 2015', [150, 760, 450, 768], 7),
  ] };
  const [out] = assembleBlocks([first]);
  assert.deepEqual(out!.removed.map((r) => r.text).sort(), ['127', '© 2004 Example Publications', 'DOI: 10.1177/1094428104263672', 'Downloaded from mrm.example.com by guest on September 27, 2015', 'Mill Research Methods, Vol. 7 No. 2, April 2004 127-150'].sort());
  assert.ok(out!.blocks.some((b) => b.text === note));
  // A table's link under it, just inside the running foot, stays; so does a number atop a page whose head is gone.
  const link = 'https://doi.org/10.1371/journal.pone.0197919.t004';
  const tablePage: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [
    blk('paragraph', 'IEEE TRANSACTIONS ON MILL SECURITY, VOL. X, NO. X, JULY 2016 10', [72, 40, 540, 50], 8),
    blk('paragraph', '7', [85, 93, 87, 97], 6), ...bodyBlocks(10, 110, 480),
    { type: 'table', text: 'Compound\tPathway', rows: [['Compound', 'Pathway'], ['L-Tryptophan', 'Aminoacyl-tRNA biosynthesis'], ['Pipecolate', 'Lysine degradation']], bbox: [72, 500, 540, 691], fontSize: 8 },
    blk('paragraph', link, [72, 695, 300, 703], 7),
    blk('paragraph', 'PLOS ONE | https://doi.org/10.1371/journal.pone.0197919 June 13, 2018 14 / 21', [72, 760, 540, 768], 7),
  ] };
  const [kept] = assembleBlocks([tablePage]);
  assert.deepEqual(kept!.removed.map((r) => r.text), ['IEEE TRANSACTIONS ON MILL SECURITY, VOL. X, NO. X, JULY 2016 10', 'PLOS ONE | https://doi.org/10.1371/journal.pone.0197919 June 13, 2018 14 / 21']);
});

test('PubMed Central\'s masthead set as a large heading atop the first page is furniture; the title stays', () => {
  const pages: DocumentPageBlocks[] = [{ index: 0, width: 612, height: 792, textLayer: true, blocks: [
    blk('heading', 'NIH Public Access', [95, 18, 263, 43], 22), blk('heading', 'Author Manuscript', [95, 44, 212, 58], 14),
    blk('heading', 'A Tutorial on Mill Scores for Multiple Treatments', [95, 120, 500, 140], 16), ...bodyBlocks(8, 160, 740),
  ] }];
  const [out] = assembleBlocks(pages);
  assert.deepEqual(out!.removed.map((r) => r.text), ['NIH Public Access', 'Author Manuscript']);
  assert.ok(out!.blocks.some((b) => b.text === 'A Tutorial on Mill Scores for Multiple Treatments'));
});

test('"Page No. 2", "Page # 7" and "Page 2." are page numbers; a running head ending in "-7-" goes if it carries a year', () => {
  for (const number of ['Page No. 2', 'Page # 7', 'Page 2.']) {
    const one: DocumentPageBlocks = { index: 0, width: 612, height: 792, blocks: [...bodyBlocks(7, 72, 700), blk('paragraph', number, [290, 760, 340, 770], 9)] };
    assert.deepEqual(assembleBlocks([one])[0]!.removed, [{ type: 'page-number', text: number }], number);
  }
  const head = (text: string): DocumentPageBlocks => ({ index: 0, width: 612, height: 792, textLayer: true, blocks: [
    // Note: right against the body, so that only the page label can remove it (not a lone margin line).
    blk('paragraph', text, [72, 60, 540, 70], 9), ...bodyBlocks(9, 72, 740),
  ] });
  assert.deepEqual(assembleBlocks([head('Instructions for Form 8863 (2013) -7-')])[0]!.removed.map((r) => r.text), ['Instructions for Form 8863 (2013) -7-']);
  assert.deepEqual(assembleBlocks([head('Instructions for the mill form -7-')])[0]!.removed, [], 'no year, month or separator: not a running line');
});

test('ResearchGate\'s upload lines are stamps; a generated cover page before the document is furniture whole', () => {
  const foot = (text: string): DocumentPageBlocks => ({ index: 0, width: 612, height: 792, textLayer: true, blocks: [...bodyBlocks(3, 72, 740), blk('paragraph', text, [72, 742, 540, 752], 8)] });
  for (const text of ['All content following this page was uploaded by Ada Miller on 04 June 2014.', 'The user has requested enhancement of the downloaded file.']) {
    assert.deepEqual(assembleBlocks([foot(text)])[0]!.removed.map((r) => r.text), [text], text);
  }
  const stamp = 'See discussions, stats, and author profiles for this publication at: https://www.researchgate.net/publication/123456';
  const cover = (first: string): DocumentPageBlocks => ({ index: 0, width: 612, height: 792, textLayer: true, blocks: [
    blk('paragraph', first, [72, 40, 540, 50], 8),
    blk('heading', 'Milling Grain in Small Mills', [72, 90, 540, 110], 16),
    blk('paragraph', 'CITATIONS', [72, 130, 140, 140], 8), blk('paragraph', '58', [72, 142, 90, 152], 8),
    ...bodyBlocks(4, 300, 600),
  ] });
  const paper: DocumentPageBlocks = { index: 1, width: 612, height: 792, textLayer: true, blocks: [blk('heading', 'Milling Grain in Small Mills', [72, 60, 540, 80], 16), ...bodyBlocks(5, 100, 740)] };
  const [c, p] = assembleBlocks([cover(stamp), paper]);
  assert.equal(c!.blocks.length, 0, 'the cover goes whole');
  assert.ok(c!.removed.some((r) => r.text === 'CITATIONS') && c!.removed.some((r) => r.text === stamp), 'kept in removed');
  assert.equal(p!.removed.length, 0);
  assert.ok(p!.blocks.length > 0);
  // A first page without the cover's stamp keeps its text; so does a one-page document with it (nothing follows the cover).
  const [plain] = assembleBlocks([cover('A note from the mill'), paper]);
  assert.ok(plain!.blocks.some((b) => b.text === 'CITATIONS'));
  const [alone] = assembleBlocks([cover(stamp)]);
  assert.ok(alone!.blocks.some((b) => b.text === 'Milling Grain in Small Mills'));
});

test('a small-type stamp in the outer fifth of a page is furniture though a column runs on beside it; body-size text there stays', () => {
  const left = (foot: Block): DocumentPageBlocks => ({ index: 0, width: 612, height: 792, textLayer: true, blocks: [
    blk('paragraph', prose(1, 40), [72, 100, 300, 160]), blk('paragraph', prose(2, 40), [72, 172, 300, 232]),
    blk('paragraph', prose(3, 40), [72, 600, 300, 660]), foot,
    blk('paragraph', prose(4, 40), [312, 100, 540, 160]), blk('paragraph', prose(5, 40), [312, 600, 540, 700]), blk('paragraph', prose(6, 40), [312, 712, 540, 750]),
  ] });
  const stamp = blk('paragraph', 'Copyright 2013 ACM 978-1-4503-2263-8/13/10 ...$15.00.', [72, 700, 300, 707], 7);
  assert.deepEqual(assembleBlocks([left(stamp)])[0]!.removed.map((r) => r.text), [stamp.text]);
  const body = blk('paragraph', 'Copyright 2013 ACM 978-1-4503-2263-8/13/10 ...$15.00.', [72, 700, 300, 710], 10);
  assert.deepEqual(assembleBlocks([left(body)])[0]!.removed, []);
});

test("a deck's foot of two lines in columns, whose first column one slide set as one block, is furniture on that slide too", () => {
  const body = (seed: number): Block[] => [blk('heading', `Slide ${seed} title`, [72, 21, 400, 58], 33), blk('paragraph', prose(seed, 30), [72, 150, 770, 300], 18)];
  const rows = (i: number): DocumentPageBlocks => ({ index: i, width: 842, height: 595, textLayer: true, blocks: [...body(i + 1),
    blk('paragraph', 'anderScore GmbH • Frankenwerft 35 • 50667 Köln Berufspraxis Informatik', [54, 565, 540, 578], 11),
    blk('paragraph', 'Artjom Suschtschenko, Kevin Bischof Individuelle Software Entwicklung im Kunden-Projekt', [54, 579, 626, 591], 11),
    blk('paragraph', String(i + 1), [769, 570, 776, 583], 11)] });
  const apart: DocumentPageBlocks = { index: 3, width: 842, height: 595, textLayer: true, blocks: [...body(4),
    blk('paragraph', 'anderScore GmbH • Frankenwerft 35 • 50667 Köln Artjom Suschtschenko, Kevin Bischof', [54, 565, 302, 591], 11),
    blk('paragraph', 'Berufspraxis Informatik', [427, 565, 540, 578], 11), blk('paragraph', 'Individuelle Software Entwicklung im Kunden-Projekt', [370, 579, 626, 591], 11),
    blk('paragraph', '4', [769, 570, 776, 583], 11)] };
  const out = assembleBlocks([rows(0), rows(1), rows(2), apart]);
  assert.deepEqual(out[3]!.blocks.map((b) => b.text), body(4).map((b) => b.text));
});

test("ACM's first-page block in small type, its conference and copyright lines as one block of two lines and its ISBN over its DOI, is furniture; a two-line credit with a copyright sign stays", () => {
  const page = (notes: Block[]): DocumentPageBlocks => ({ index: 0, width: 612, height: 792, textLayer: true, blocks: [
    blk('paragraph', prose(1, 40), [54, 100, 296, 160]), blk('paragraph', prose(2, 60), [54, 172, 296, 613]), ...notes,
    blk('paragraph', prose(4, 40), [318, 100, 560, 400]), blk('paragraph', prose(5, 60), [318, 412, 560, 704]),
  ] });
  const conference = blk('paragraph', 'IDEAS’22, August 22–24, 2022, Budapest, Hungary © 2022 Association for Computing Machinery.', [53, 678, 193, 693], 7);
  const isbn = blk('paragraph', 'ACM ISBN 978-1-4503-9709-4/22/08. . . $15.00 https://doi.org/10.1145/3548785.3548786', [54, 694, 180, 709], 7);
  assert.deepEqual(assembleBlocks([page([conference, isbn])])[0]!.removed.map((r) => r.text), [conference.text, isbn.text]);
  // A credit over a note at the body's size: not the page's outermost row, and one stamp's words in a note of two lines.
  const credit = blk('paragraph', 'Photograph by the authors of the station at dawn © 2020 used with their kind permission.', [54, 650, 296, 665], 7);
  assert.deepEqual(assembleBlocks([page([credit, blk('paragraph', prose(8, 20), [54, 680, 296, 710])])])[0]!.removed, []);
});

test('"Page No. 2" under a letter\'s head is furniture; a bold running foot ending in its page label, or with a web address, too', () => {
  const letter: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [
    blk('paragraph', 'Mill Rates Report Information', [77, 36, 239, 63], 11), blk('paragraph', 'December 19, 2023', [77, 63, 171, 75], 11),
    blk('paragraph', 'Page No. 2', [77, 76, 140, 89], 11), ...bodyBlocks(2, 140, 740),
  ] };
  assert.deepEqual(assembleBlocks([letter])[0]!.removed.map((r) => r.text), ['Page No. 2']);
  for (const foot of ['Instructions for Form 8863 (2013) -7-', '36 PA-40 www.revenue.state.pa.us']) {
    const one: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [...bodyBlocks(3, 72, 740), blk('heading', foot, [42, 750, 312, 764], 10)] };
    assert.deepEqual(assembleBlocks([one])[0]!.removed.map((r) => r.text), [foot]);
  }
});

test('a stamp at the same place in the middle of every page is furniture; once, it stays', () => {
  const stamp = 'PDF Generated on 06/23/2018';
  const make = (i: number): DocumentPageBlocks => ({ index: i, width: 612, height: 792, textLayer: true, blocks: [
    ...bodyBlocks(i, 72, 500), blk('paragraph', stamp, [243, 553, 352, 562], 8),
  ] });
  const out = assembleBlocks([0, 1, 2, 3].map(make));
  assert.ok(out.every((p) => p.removed.some((r) => r.text === stamp) && !p.blocks.some((b) => b.text === stamp)));
  const once = assembleBlocks([make(0), { ...make(1), blocks: bodyBlocks(1, 72, 500) }, { ...make(2), blocks: bodyBlocks(2, 72, 500) }, { ...make(3), blocks: bodyBlocks(3, 72, 500) }]);
  assert.ok(once[0]!.blocks.some((b) => b.text === stamp));
});

test('a running foot set as one block on some pages and as two side by side on others is a running foot on every page', () => {
  const make = (i: number): DocumentPageBlocks => ({ index: i, width: 595, height: 842, textLayer: true, blocks: [
    ...bodyBlocks(i, 72, 760),
    ...(i === 0
      ? [blk('paragraph', 'Old Mill - Gazette', [54, 828, 158, 841], 12), blk('paragraph', 'Spring issue', [486, 828, 541, 841], 12)]
      : [blk('paragraph', 'Old Mill - Gazette Spring issue', [54, 828, 541, 841], 12)]),
  ] });
  const out = assembleBlocks([0, 1, 2].map(make));
  assert.deepEqual(out[0]!.removed.map((r) => r.text).sort(), ['Old Mill - Gazette', 'Spring issue']);
  for (const p of out.slice(1)) assert.deepEqual(p.removed.map((r) => r.text), ['Old Mill - Gazette Spring issue']);
});

test('a web address or a date alone at the very edge of a one-page text-layer document is furniture; a footnote\'s address stays', () => {
  const one = (edge: Block, where: 'top' | 'bottom' = 'bottom'): DocumentPageBlocks => ({ index: 0, width: 612, height: 792, textLayer: true,
    blocks: where === 'top' ? [edge, ...bodyBlocks(1, 72, 700)] : [...bodyBlocks(1, 60, 760), edge] });
  // A landscape sheet printed from a spreadsheet, its date at the foot's right.
  const sheet: DocumentPageBlocks = { index: 0, width: 792, height: 612, textLayer: true, blocks: [...bodyBlocks(1, 60, 560), blk('paragraph', '1/29/2018', [702, 589, 737, 598], 8)] };
  assert.deepEqual(assembleBlocks([sheet])[0]!.removed.map((r) => r.text), ['1/29/2018']);
  for (const [text, bbox, where] of [
    ['https://en.wikipedia.org/wiki/Powder_River', [392, 0, 612, 11], 'top'],
    ['30/03/2018, 03:50', [520, 775, 590, 786], 'bottom'],
  ] as const) {
    assert.deepEqual(assembleBlocks([one(blk('paragraph', text, [...bbox], 8), where)])[0]!.removed.map((r) => r.text), [text], text);
  }
  // A footnote's address higher up (LaTeX sets footnotes above the last twentieth) and a date in the body stay.
  assert.deepEqual(assembleBlocks([one(blk('paragraph', 'https://github.com/mill/town', [72, 700, 240, 708], 8))])[0]!.removed, []);
  const body: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [...bodyBlocks(1, 72, 300), blk('paragraph', '10/01/2018', [72, 320, 130, 330]), ...bodyBlocks(2, 340, 740)] };
  assert.deepEqual(assembleBlocks([body])[0]!.removed, []);
});

test('first-page lines: a journal line with its pages and a full stop atop the page, proceedings and LNCS feet, ACM\'s author-version notice', () => {
  const journal = 'Journal of Mill Physics, Vol. 95, No. 2, 2002, pp. 262–265.';
  const first: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [blk('paragraph', journal, [50, 35, 287, 42], 7), ...bodyBlocks(1, 72, 740)] };
  assert.deepEqual(assembleBlocks([first])[0]!.removed.map((r) => r.text), [journal]);
  // The same line as a reference at the foot of the page stays.
  const ref: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [...bodyBlocks(1, 72, 740), blk('paragraph', journal, [72, 712, 540, 722], 8)] };
  assert.deepEqual(assembleBlocks([ref])[0]!.removed, []);
  for (const foot of ['Proceedings of the Twentieth International Conference on Mill Learning (ICML-2003), Washington DC, 2003.',
    'A. Dan and W. Lamersdorf (Eds.): ICSOC 2006, LNCS 4294, pp. 15–26, 2006.']) {
    const one: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [...bodyBlocks(2, 72, 740), blk('paragraph', foot, [55, 751, 517, 759], 9)] };
    assert.deepEqual(assembleBlocks([one])[0]!.removed.map((r) => r.text), [foot]);
  }
  const notice = 'This is the author’s version of the work. It is posted here for your personal use. Not for redistribution. The definitive Version of Record was published in Proceedings of the 30th ACM International Conference on Mills, https://doi.org/10.1145/3459637.3482136.';
  const acm: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [
    blk('paragraph', prose(1, 40), [53, 100, 295, 660]), blk('paragraph', notice, [53, 678, 295, 717], 7), blk('paragraph', prose(2, 80), [317, 100, 559, 717]),
  ] };
  assert.deepEqual(assembleBlocks([acm])[0]!.removed.map((r) => r.text), [notice]);
});

test('a legal notice in tiny type along the foot of every page is a running foot however long it is', () => {
  const notice = `© 2013 Mill Cooperative. ${prose(9, 40)}`;
  assert.ok(notice.length > 200);
  const out = assembleBlocks([0, 1, 2].map((i) => ({ index: i, width: 595, height: 842, textLayer: true, blocks: [...bodyBlocks(i, 72, 780), blk('paragraph', notice, [70, 831, 526, 837], 5)] })));
  assert.ok(out.every((p) => p.removed.some((r) => r.text === notice)));
  // A long paragraph whose middle is further in is body text.
  const body = assembleBlocks([0, 1, 2].map((i) => ({ index: i, width: 595, height: 842, textLayer: true, blocks: [...bodyBlocks(i, 72, 700), blk('paragraph', notice, [70, 740, 526, 790], 10)] })));
  assert.ok(body.every((p) => p.removed.length === 0));
});

test('a table drawn up into the head band loses its first two rows when they are the document\'s running head', () => {
  const head = (i: number): Block[] => [blk('paragraph', 'HIS HONOUR JUDGE MILL MILL v Town Moves', [77, 37, 524, 48]), blk('paragraph', 'Approved Judgment', [77, 50, 180, 61])];
  const pages: DocumentPageBlocks[] = [0, 1, 2].map((i) => ({ index: i, width: 595, height: 842, textLayer: true, blocks: [...head(i), ...bodyBlocks(i, 90, 780)] }));
  const rows = [['HIS HONOUR JUDGE MILL', 'MILL v Town Moves'], ['Approved Judgment', ''], ['(a)', 'claim is allocated to a track; and'], ['(b)', 'the court re-allocates that claim'], ['(c)', 'the costs follow']];
  pages.push({ index: 3, width: 595, height: 842, textLayer: true, blocks: [{ type: 'table', text: rows.map((r) => r.join('\t')).join('\n'), rows, bbox: [77, 37, 524, 111], fontSize: 10 }, ...bodyBlocks(3, 120, 780)] });
  const out = assembleBlocks(pages);
  assert.deepEqual(out[3]!.removed.map((r) => r.text), ['HIS HONOUR JUDGE MILL\tMILL v Town Moves', 'Approved Judgment\t']);
  assert.deepEqual(out[3]!.blocks[0]!.rows, rows.slice(2));
  // Without the running head elsewhere the table keeps its rows.
  const alone = assembleBlocks([pages[3]!]);
  assert.equal(alone[0]!.blocks[0]!.rows!.length, 5);
});

test('a revision date with its month\'s name at the very foot of a page is furniture; in the body it stays', () => {
  // Close under the body's last line (not a line alone in the band), beside the right column's last lines.
  const date: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [
    ...bodyBlocks(1, 60, 680), blk('paragraph', prose(7, 20), [42, 706, 198, 738], 8.5), blk('paragraph', 'Oct 31, 2013', [42, 751, 87, 762], 7.65),
  ] };
  assert.deepEqual(assembleBlocks([date])[0]!.removed.map((r) => r.text), ['Oct 31, 2013']);
  // The same date in the body stays.
  const body: DocumentPageBlocks = { index: 0, width: 612, height: 792, textLayer: true, blocks: [...bodyBlocks(1, 72, 300), blk('paragraph', 'Oct 31, 2013', [72, 320, 130, 330]), ...bodyBlocks(2, 340, 740)] };
  assert.deepEqual(assembleBlocks([body])[0]!.removed, []);
});

test('a form\'s name and year alone atop a later page is furniture', () => {
  const form: DocumentPageBlocks = { index: 1, width: 612, height: 792, textLayer: true, blocks: [
    blk('paragraph', 'Form 8880 (2013)', [36, 37, 91, 45], 7), blk('heading', 'General Instructions', [36, 52, 172, 69], 14), ...bodyBlocks(2, 73, 740),
  ] };
  assert.deepEqual(assembleBlocks([form])[0]!.removed.map((r) => r.text), ['Form 8880 (2013)']);
});

test('"PAGE 3" set large at the foot of every page is a page number, not a display heading', () => {
  // "PAGE N" in 12 pt over 9 pt text, at the foot of every page (a display heading by its size).
  const pages = [0, 1, 2].map((i): DocumentPageBlocks => ({ index: i, width: 612, height: 792, textLayer: true, blocks: [
    ...bodyBlocks(i, 60, 700).map((b) => ({ ...b, fontSize: 9 })), blk('heading', `PAGE ${i + 1}`, [284, 725, 329, 741], 12),
  ] }));
  assert.ok(assembleBlocks(pages).every((p, i) => p.removed.some((r) => r.text === `PAGE ${i + 1}`)));
});

test('a foot set right under each page\'s last line, at any height, with its page number, is removed', () => {
  // An HTML filing printed to PDF: pages break where the content does, the foot follows the last line.
  const pages = [0, 1, 2, 3, 4].map((i) => {
    const s: TextSpan[] = [];
    const p = paragraph(prose(i, 20 + 25 * i), 72, 100, 468);
    s.push(...p.spans);
    s.push(...words(`Apple Inc. | Q3 2022 Form 10-Q | ${i + 1}`, 250, p.y + 30, { size: 7 }));
    return { index: i, width: 612, height: 792, blocks: layoutPage({ ...page(s), index: i }), textLayer: true };
  });
  const out = assembleBlocks(pages);
  for (const [i, p] of out.entries()) {
    assert.ok(!p.blocks.some((b) => b.text.includes('Form 10-Q')), `page ${i}: ${p.blocks.map((b) => b.text.slice(0, 40)).join(' / ')}`);
    assert.deepEqual(p.removed.map((r) => r.text), [`Apple Inc. | Q3 2022 Form 10-Q | ${i + 1}`]);
  }
  // The same line as the last text of two pages only is content.
  const two = assembleBlocks(pages.slice(0, 2).map((p, i) => ({ ...p, blocks: layoutPage({ ...page([...paragraph(prose(i, 40), 72, 100, 468).spans, ...words(`Table ${i + 1} shows the mills`, 72, 300, { size: 7 })]), index: i }) })));
  assert.ok(two.every((p) => p.blocks.some((b) => b.text.startsWith('Table'))));
});

test('a running title set large atop every page that ends with "Page N of M" is a header, not a heading', () => {
  const pages = [0, 1, 2, 3].map((i) => bodyPage(i, {
    body: (s) => {
      s.push(...words(`Survey Manager Page ${i + 1} of 4`, 72, 30, { size: 14 }));
      let y = 100;
      for (let k = 0; k < 3; k++) { const p = paragraph(prose(i * 3 + k, 50), 72, y, 468); s.push(...p.spans); y = p.y + 8; }
    },
  }));
  const out = assembleBlocks(pages);
  for (const [i, p] of out.entries()) {
    assert.ok(!p.blocks.some((b) => b.text.includes('Survey Manager')), p.blocks.map((b) => `${b.type}: ${b.text.slice(0, 30)}`).join('\n'));
    assert.deepEqual(p.removed, [{ type: 'header', text: `Survey Manager Page ${i + 1} of 4` }]);
  }
});

test('a short line wholly in italics at body size over a paragraph is a subsection heading; a place or an identifier is not', () => {
  const s: TextSpan[] = [...words('People and Place', 72, 80, { bold: true })];
  let y = 100;
  for (const [title, italic] of [['Demographic Profile', true], ['Pennsylvania, USA', true], ['NetworkComponent', true], ['Plain words here', false]] as const) {
    // As Word sets them: the italic cut's name is not the body font's with a suffix ("TimesNewRomanPS-ItalicMT").
    s.push(...words(title, 72, y, { italic }).map((w) => ({ ...w, fontName: italic ? 'TimesNewRomanPS-ItalicMT' : 'TimesNewRomanPSMT' })));
    const p = paragraph(prose(Math.round(y), 40), 72, y + 13, 468);
    s.push(...p.spans.map((w) => ({ ...w, fontName: 'TimesNewRomanPSMT' })));
    y = p.y + 20;
  }
  const [out] = assembleBlocks([{ index: 0, width: 612, height: 792, blocks: layoutPage(page(s)), textLayer: true }]);
  const heads = out!.blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(heads, ['People and Place', 'Demographic Profile']);
});

test('a form\'s question alone at the foot of a one-page document, under its answer\'s white space, is content', () => {
  for (const question of ['(b). Formal Reporting (including frequency)', 'Please comment on the clarity of the role of your']) {
    const one = bodyPage(0, { footer: question });
    const [out] = assembleBlocks([{ ...one, textLayer: true }]);
    assert.deepEqual(out!.removed, [], question);
  }
});

test('a company\'s name atop every statement, stacked on the statement\'s title in its type, stays; a running head apart from the title goes', () => {
  const titles = ['STATEMENTS OF FINANCIAL POSITION', 'STATEMENTS OF INCOME', 'STATEMENTS OF CHANGES IN EQUITY', 'STATEMENTS OF CASH FLOWS'];
  // As a statement page gives them: the name a line of its own (it ends in a stop), the title a heading under it.
  const make = (gap: number): DocumentPageBlocks[] => titles.map((t, i) => {
    const p = bodyPage(i);
    const line = (type: Block['type'], text: string, y: number): Block => {
      const w = textWidth(text, 13);
      return { type, text, bbox: [306 - w / 2, y, 306 + w / 2, y + 13], fontSize: 13, bold: true };
    };
    return { ...p, blocks: [line('paragraph', 'ACME HOLDINGS INC.', 50), line('heading', t, 63 + gap), ...p.blocks] };
  });
  const stacked = assembleBlocks(make(4));
  for (const p of stacked) assert.ok(p.blocks.some((b) => b.text === 'ACME HOLDINGS INC.'), p.blocks.map((b) => b.text.slice(0, 40)).join(' | '));
  const apart = assembleBlocks(make(30));
  for (const p of apart) assert.deepEqual(p.removed.map((r) => r.text), ['ACME HOLDINGS INC.']);
});

test('a slide deck\'s navigation sidebar in small type, numbered by the slide\'s section and grouped differently, is furniture; the slides\' text stays', () => {
  const sections = ['Introduction', 'Theme Options', 'Examples', 'Conclusion'];
  const pages = [0, 1, 2, 3, 4].map((i) => {
    const blocks: Block[] = [];
    const side = (text: string, y: number): Block => ({ type: 'paragraph', text, bbox: [4, y, 58, y + 6], fontSize: 5 });
    blocks.push(side('HKU Beamer Theme Your Name', 30));
    // The section of the slide is numbered; one page sets the sidebar's last two entries apart.
    const nav = sections.map((s, k) => (k === i % 4 ? `${s} ${i + 1}` : s));
    if (i === 3) blocks.push(side(nav.slice(0, 2).join(' '), 52), side(nav.slice(2).join(' '), 75));
    else blocks.push(side(nav.join(' '), 52));
    const body = layoutPage({ ...page(paragraph(prose(i, 30), 80, 100, 270, { size: 9 }).spans), index: i, width: 363, height: 272 });
    return { index: i, width: 363, height: 272, textLayer: true, blocks: [...blocks, ...body] };
  });
  const out = assembleBlocks(pages);
  for (const p of out) {
    assert.ok(!p.blocks.some((b) => /Theme Options|Your Name|Conclusion/.test(b.text)), p.blocks.map((b) => b.text.slice(0, 40)).join(' | '));
    assert.ok(p.blocks.some((b) => b.type === 'paragraph' && b.text.length > 50), 'the slide\'s text stays');
  }
});

test('stacked display headings: capitals over mixed case stay apart unless the upper line ends in a colon', () => {
  const head = (text: string, x0: number, y: number): Block => ({ type: 'heading', text, bbox: [x0, y, 450 - x0, y + 36], fontSize: 36 });
  const body: Block = { type: 'paragraph', text: 'x'.repeat(400), bbox: [72, 400, 540, 480], fontSize: 12 };
  const run = (a: string, b: string) => assembleBlocks([{ index: 0, width: 720, height: 540, textLayer: true, blocks: [head(a, 150, 116), head(b, 90, 160), body] }])[0]!
    .blocks.filter((x) => x.type === 'heading').map((x) => x.text);
  assert.deepEqual(run('GROBID:', 'A bibliographical'), ['GROBID: A bibliographical']);
  assert.deepEqual(run('RESULTS AND DISCUSSION', 'Rainfall Simulation'), ['RESULTS AND DISCUSSION', 'Rainfall Simulation']);
});

test("an invoice's company foot in 7-point type 28 points under its totals (four ems of its own type, under three of the body's) is removed", () => {
  const invoice = (gap: number): DocumentPageBlocks => ({ index: 0, width: 595, height: 842, textLayer: true, blocks: [
    ...bodyBlocks(6, 100, 680),
    blk('table', 'Nettogesamtpreis\t3.221,90 €\nGesamtsumme\t3.834,06 €', [117, 715, 555, 752], 10),
    blk('table', 'Verwaltung:\tRegistergericht:\nTENNISMEHL GmbH\tWürzburg HRB 731653', [51, 752 + gap, 432, 784 + gap], 7.1),
    blk('paragraph', 'Bankverbindung: Sparkasse Tauberfranken IBAN: DE90673525650002254019', [441, 752 + gap, 550, 784 + gap], 7.1),
  ] });
  // Two kinds of detail (register, bank account): three ems of the foot's type, 21.3 pt.
  assert.deepEqual(assembleBlocks([invoice(28)])[0]!.removed.map((r) => r.text.slice(0, 15)), ['Verwaltung:\tReg', 'Bankverbindung:']);
  assert.deepEqual(assembleBlocks([invoice(12)])[0]!.removed, [], 'right under the totals: part of the page');
});

test("a block of four lines in a one-page invoice's top corner ending in a check code is no running line", () => {
  // A Chinese VAT fapiao in landscape: its number, code, date and check code in the corner over the grid.
  const corner = (lines: string[]): DocumentPageBlocks => ({ index: 0, width: 609, height: 394, textLayer: true, blocks: [
    blk('heading', '上海增值税电子普通发票', [198, 24, 418, 47], 16),
    blk('paragraph', lines.join('\n'), [434, 12, 569, 12 + 15.5 * lines.length], 9),
    blk('table', '购买方\t名 称:花旗金融信息服务\n销售方\t名 称:上海圆迈贸易有限公司', [23, 84, 592, 348], 9),
    blk('paragraph', '收款人:王陆 复核:李思 开票人:王梅 …', [33, 356, 365, 366], 9),
  ] });
  const four = ['发票代码:031002100511', '发票号码:06825401', '开票日期: 2022 年01月05日', '校 验 码:51449 28043 06289 15350'];
  assert.deepEqual(assembleBlocks([corner(four)])[0]!.removed, []);
  // One line of it, ending in a number after a year, reads as a running line with its page label; so do four ending
  // with the page's word.
  assert.deepEqual(assembleBlocks([corner(['开票日期 2022 年01月05日 校验码 15350'])])[0]!.removed.map((r) => r.type), ['header']);
  assert.deepEqual(assembleBlocks([corner([...four.slice(0, 3), 'www.example.cn Page: 1 / 1'])])[0]!.removed.map((r) => r.type), ['header']);
});

test("a grid in the page's last row printed alike at one place on every page (an invoice's bank details) is furniture", () => {
  // A two-page German invoice: the item table runs to 11 pt over the foot; the bank details are a grid beside two columns.
  const page = (index: number, items: string): DocumentPageBlocks => ({ index, width: 595, height: 842, textLayer: true, blocks: [
    ...bodyBlocks(index + 3, 100, 300),
    blk('table', items, [57, 352, 552, 768], 9),
    blk('table', 'Bankverbindung:\tDeutsche Bank Augsburg\nKto.Nr.: 5404900\tIBAN : DE10 7207 0024 0540 4900 00', [59, 779, 294, 812], 8),
    blk('paragraph', 'Geschäftsführer: Dipl.Inform. Oliver Kaufmann', [314, 779, 392, 812], 8),
  ] });
  const pages = [page(0, 'Pos\tMenge\tText\n1\t1,00\tServer'), page(1, 'Pos\tMenge\tText\n3\t2,00\tBackup')];
  const removed = assembleBlocks(pages).map((p) => p.removed.map((r) => r.text.slice(0, 15)));
  assert.deepEqual(removed, [['Bankverbindung:', 'Geschäftsführer'], ['Bankverbindung:', 'Geschäftsführer']]);
  // The item tables in the row above differ from page to page; one page alone repeats nothing.
  assert.deepEqual(assembleBlocks([pages[0]!])[0]!.removed, []);
  // An invoice printed twice (original and copy) repeats the table of its dates under its title: not in the outer tenth.
  const copy = (index: number): DocumentPageBlocks => ({ index, width: 595, height: 842, textLayer: true, blocks: [
    blk('table', 'Data sprzedaży :\t2026-01-12\nMetoda płatności :\tPayU', [299, 83, 551, 163], 8),
    ...bodyBlocks(index + 3, 200, 700),
  ] });
  assert.deepEqual(assembleBlocks([copy(0), copy(1)]).map((p) => p.removed.length), [0, 0]);
  // Blocks whose text is a getter (the streaming assembly's light blocks) are judged alike, never copied.
  class Light {
    #text: string;
    constructor(b: Block) { const { text, ...rest } = b; Object.assign(this, rest); this.#text = text; }
    get text(): string { return this.#text; }
  }
  const light = pages.map((p) => ({ ...p, blocks: p.blocks.map((b) => new Light(b) as unknown as Block) }));
  assert.deepEqual(assembleBlocks(light, { inPlace: true }).map((p) => p.removed.length), [2, 2]);
});

test("company feet: four kinds of detail 1.5 ems under text, column titles in small type, a logo and the page number beside, no paragraph on the page", () => {
  // A Swedish invoice of headings and tables only: its foot of address, contact and bank 18 pt under "Godkänd för F-skatt".
  const faktura: DocumentPageBlocks = { index: 0, width: 595, height: 842, textLayer: true, blocks: [
    blk('heading', 'Faktura', [27, 37, 200, 77], 36),
    { ...blk('table', 'Beskrivning\tAntal\tBelopp\nArbete\t166\t99 600 kr', [32, 447, 553, 486], 10.1), rows: [['Beskrivning', 'Antal', 'Belopp'], ['Arbete', '166', '99 600 kr']] },
    { ...blk('table', 'Moms\t25 %\nSumma att betala\t124 500 kr', [371, 563, 553, 661], 10.1), rows: [['Moms', '25 %'], ['Summa att betala', '124 500 kr']] },
    { ...blk('heading', 'Godkänd för F-skatt', [33, 692, 127, 703], 10.1), bold: true },
    { ...blk('table', 'Tedros-IT & Associate Ab\tKontaktuppgifter\tBetalningsuppgifter\nOrg.nr. 123456-7890\tEpost: mail@tedros.se\tIBAN SE00 0000 0000 0000\nMomsreg.nr. SE1234567890\twww.tedros.se\tSWIFT/BIC SEHHCXX1001', [32, 721, 553, 787], 7.9),
      rows: [['Tedros-IT & Associate Ab', 'Kontaktuppgifter', 'Betalningsuppgifter'], ['Org.nr. 123456-7890', 'Epost: mail@tedros.se', 'IBAN SE00 0000 0000 0000'], ['Momsreg.nr. SE1234567890', 'www.tedros.se', 'SWIFT/BIC SEHHCXX1001']] },
  ] };
  assert.deepEqual(assembleBlocks([faktura])[0]!.removed.map((r) => r.text.slice(0, 24)), ['Tedros-IT & Associate Ab']);
  // Under a signature's picture as close, the lines are the sender's own block.
  const signed = { ...faktura, blocks: faktura.blocks.map((b) => (b.text === 'Godkänd för F-skatt' ? blk('figure', '', [57, 650, 118, 706]) : b)) };
  assert.deepEqual(assembleBlocks([signed])[0]!.removed, []);
  // A quote whose foot is set in columns under bold titles in its own small type.
  const offert: DocumentPageBlocks = { index: 0, width: 595, height: 842, textLayer: true, blocks: [
    blk('heading', 'Offert', [458, 20, 518, 50], 24), ...bodyBlocks(10, 100, 600),
    { ...blk('heading', 'Tedros-IT & Associate', [32, 717, 116, 726], 7.9), bold: true },
    blk('paragraph', 'Sjövikskajen 6, 117 58 Liljeholmen Sverige Org.nr. 123456-7890 Momsreg.nr. SE1234567890 Styrelsens säte Stockholm', [32, 736, 134, 801], 7.9),
    { ...blk('heading', 'Kontaktuppgifter', [237, 717, 301, 726], 7.9), bold: true },
    blk('paragraph', 'Meron Tedros Telefon: +46-733765087 Epost: mail@tedros.se www.tedros.se Kontorstid vardagar', [237, 736, 324, 790], 7.9),
  ] };
  assert.deepEqual(assembleBlocks([offert])[0]!.removed.map((r) => r.text.slice(0, 16)), ['Tedros-IT & Asso', 'Sjövikskajen 6, ', 'Kontaktuppgifter', 'Meron Tedros Tel']);
  // A price list's foot beside its logo, over the page number.
  const prijslijst: DocumentPageBlocks = { index: 0, width: 595, height: 842, textLayer: true, blocks: [
    ...bodyBlocks(8, 100, 520),
    blk('paragraph', 'Scheuten Glas Nederland B.V. | P.O. Box 22 | NL 5900 AA Venlo | t +31 (0)77 35 99 299 | info@scheuten.com | IBAN NL43INGB0688575765', [48, 694, 532, 701], 5.8),
    blk('figure', '', [511, 761, 586, 837]), blk('paragraph', '1', [295, 817, 300, 829], 10.5),
  ] };
  assert.deepEqual(assembleBlocks([prijslijst])[0]!.removed.map((r) => r.text.slice(0, 16)), ['Scheuten Glas Ne', '1']);
  // Register and tax numbers in Nordic, Polish and Czech wordings are company details too: with a web address, two kinds.
  for (const id of ['Org.nr. 556677-8899', 'NIP 123-456-32-18', 'IČO 25153021', 'Y-tunnus 1234567-8']) {
    const letter: DocumentPageBlocks = { index: 0, width: 595, height: 842, textLayer: true, blocks: [
      ...bodyBlocks(9, 100, 600), blk('paragraph', `Firma AB · Storgatan 1 · Stockholm · ${id} · www.firma.se`, [72, 720, 300, 737], 7),
      blk('paragraph', 'Styrelsens säte: Stockholm. Godkänd för F-skatt.', [320, 720, 520, 737], 7),
    ] };
    assert.equal(assembleBlocks([letter])[0]!.removed.length, 2, id);
  }
});

test("a Swedish invoice's company foot set as a grid at the body's size, its columns titled Adress, Telefon, PlusGiro, Internet, is removed", () => {
  const invoice = (grid: boolean): DocumentPageBlocks => bodyPage(0, {
    body: (s) => {
      s.push(...words('Faktura', 72, 100, { size: 16, bold: true }));
      const p = paragraph(prose(5, 60), 72, 130, 468, { size: 10 }); s.push(...p.spans);
      s.push(...words('Vår växel är öppen 08.00-17.00.', 72, 680, { size: 10 }));
      const cols = grid
        ? [['Adress', 'Övningsbolaget AB', 'Box 1', 'Storgatan 1'], ['Telefon', '012-345678', 'Fax', '012-345680'], ['PlusGiro', '176099-0', 'Bankgiro', '991-2346'],
          ['Internet', 'www.vismaspcs.se', 'e-post', 'echo@vismaspcs.se'], ['Organisationsnr', '555555-5555', 'Momsreg.nr', 'SE555555555501']]
        : [['Adress', 'Övningsbolaget AB', 'Box 1', 'Storgatan 1'], ['Ort', 'Storgatan 1', 'Falkenberg', 'Halland'], ['Land', 'Sverige', 'Europa', 'Norden'],
          ['Kund', 'Karl Svensson', 'Vädervägen 33', 'Falkenberg'], ['Avdelning', 'Ekonomi', 'Försäljning', 'Lager']];
      cols.forEach((col, j) => col.forEach((t, k) => s.push(...words(t, 60 + 100 * j, 720 + 12 * k, { size: 10 }))));
    },
  });
  const [page] = assembleBlocks([{ ...invoice(true), textLayer: true }]);
  assert.match(page!.removed.map((r) => r.text).join(' | '), /PlusGiro/, JSON.stringify(page!.blocks.map((b) => [b.type, b.text.slice(0, 40)])));
  assert.ok(page!.blocks.some((b) => b.text.includes('Vår växel')));
  // A grid at the body's size that lists no company details is the document's own.
  const [other] = assembleBlocks([{ ...invoice(false), textLayer: true }]);
  assert.ok(other!.blocks.some((b) => b.text.includes('Karl Svensson')));
});

test("a one-page invoice's company foot (bank, tax number, director in small type under the body) is removed; a letter's signature is not", () => {
  const invoice = (foot: boolean): DocumentPageBlocks => bodyPage(0, {
    body: (s) => {
      s.push(...words('Rechnung Nr. 2024-017', 72, 100, { size: 14, bold: true }));
      const p = paragraph(prose(3, 60), 72, 130, 468, { size: 10 }); s.push(...p.spans);
      s.push(...words('Mit freundlichen Grüßen', 72, p.y + 20, { size: 10 }), ...words('Kasia Swiezak', 72, p.y + 34, { size: 10 }));
      // The signature: the writer's telephone and mail address at the body's size, under the space for the signature.
      s.push(...words('Telefon: 0176 215 291 86', 72, 660, { size: 10 }), ...words('kasia@example.de', 72, 674, { size: 10 }));
      if (foot) {
        ['Kunst für Film', 'Meininger Str. 12', '10823 Berlin', 'St.-Nr. 18/553/00947'].forEach((t, k) => s.push(...words(t, 72, 720 + 9 * k, { size: 7 })));
        ['Kontoverbindung:', 'Consorsbank', 'BIC CSDBDE71', 'IBAN DE62 7603 0080 0220 7325 74'].forEach((t, k) => s.push(...words(t, 380, 720 + 9 * k, { size: 7 })));
      }
    },
  });
  const [withFoot] = assembleBlocks([{ ...invoice(true), textLayer: true }]);
  const removed = withFoot!.removed.map((r) => r.text).join(' | ');
  assert.match(removed, /IBAN DE62 7603 0080 0220 7325 74/);
  assert.match(removed, /St\.-Nr\. 18\/553\/00947/);
  assert.ok(withFoot!.blocks.some((b) => b.text.includes('kasia@example.de')), 'the signature stays');
  const [without] = assembleBlocks([{ ...invoice(false), textLayer: true }]);
  assert.ok(without!.blocks.some((b) => b.text.includes('kasia@example.de')) && !without!.removed.some((r) => /kasia/.test(r.text)), 'a signature alone is no company foot');
});

test('"Seite 2" alone on page 2, a third of the way down beside the title, is a page number; "Seite 3" there is not', () => {
  const make = (index: number, label: string): DocumentPageBlocks => bodyPage(index, {
    body: (s) => {
      s.push(...words('Rechnung', 54, 270, { size: 14, bold: true }), ...words(label, 369, 290, { size: 9 }));
      const p = paragraph(prose(index + 2, 60), 54, 330, 480, { size: 9 }); s.push(...p.spans);
    },
  });
  const pages = assembleBlocks([{ ...make(0, 'Seite 1'), textLayer: true }, { ...make(1, 'Seite 2'), textLayer: true }]);
  assert.deepEqual(pages.map((p) => p.removed.map((r) => r.text)), [['Seite 1'], ['Seite 2']]);
  const [other] = assembleBlocks([{ ...make(1, 'Seite 3'), textLayer: true }]);
  assert.ok(other!.blocks.some((b) => b.text === 'Seite 3'), other!.blocks.map((b) => b.text).join(' | '));
});

test("an invoice of tables in 8 points, its only paragraphs footnotes in 7, loses its centred company foot in 7", () => {
  const invoice: DocumentPageBlocks = bodyPage(0, {
    body: (s) => {
      s.push(...words('Invoice No. 1234567890', 220, 250, { size: 12, bold: true }));
      const items = [['1', 'Design', '120 h', '85.00 €', '10,200.00 €'], ['2', 'Printer paper 500 sheets', '2 pcs', '7.62 €', '15.24 €'], ['3', 'Hotel room', '3 days', '187.50 €', '562.50 €'],
        ['4', 'Setup static site generator', '17 h', '195.00 €', '3,315.00 €'], ['5', 'Template programming', '48 h', '195.00 €', '9,360.00 €'], ['6', 'Penetration test', '11 h', '195.00 €', '2,145.00 €']];
      items.forEach((r, k) => [66, 90, 300, 380, 470].forEach((x, c) => s.push(...words(r[c]!, x, 290 + 14 * k, { size: 8 }))));
      s.push(...words('AE VAT exempt: reverse charge mechanism (Articles 44 and 196 of Council Directive 2006/112/EC).', 69, 628, { size: 7 }));
      s.push(...words('Z Zero rated goods', 73, 646, { size: 7 }));
      s.push(...words('Acme Ltd., 42 Milky Way, 1234 Faraway, tel. +49 159 1234567, CEO: Luke Skywalker', 150, 754, { size: 7 }));
      s.push(...words('IBAN DE3708 0040 0123 4567 89, SWIFT/BIC: DRESDEFF370 (Commerzbank)', 172, 769.5, { size: 7 }));
      s.push(...words('VAT-ID: DE202526944', 262, 777.3, { size: 7 }));
    },
  });
  const [out] = assembleBlocks([{ ...invoice, textLayer: true }]);
  const removed = out!.removed.map((r) => r.text).join(' | ');
  assert.match(removed, /SWIFT\/BIC: DRESDEFF370/, out!.blocks.map((b) => `${b.type}: ${b.text}`).join('\n'));
  assert.ok(out!.blocks.some((b) => b.text.includes('Zero rated goods')), 'the footnotes stay');
});

test("an invoice's company foot in three columns at the body's size, its bank account without a label, is removed; two columns are not", () => {
  const invoice = (columns: number): DocumentPageBlocks => bodyPage(0, {
    body: (s) => {
      s.push(...words('Rechnung 003-2021', 72, 100, { size: 14, bold: true }));
      const p = paragraph(prose(4, 60), 72, 130, 468, { size: 10 }); s.push(...p.spans);
      s.push(...words('Vielen Dank für Ihren Auftrag und Ihr Vertrauen.', 72, p.y + 14, { size: 10 }));
      ['Max Mustermann', 'Musteralle 42', '12345 Musterhausen', 'max@mustermann.example'].forEach((t, k) => s.push(...words(t, 57, 716 + 9.4 * k, { size: 10 })));
      if (columns === 3) s.push(...words('079/123/12347', 267, 730, { size: 10 }));
      ['DE02120300000000202051', 'BYLADEM1001', 'Deutsche Kreditbank Berlin'].forEach((t, k) => s.push(...words(t, 422, 717 + 9.4 * k, { size: 10 })));
    },
  });
  const [three] = assembleBlocks([{ ...invoice(3), textLayer: true }]);
  const removed = three!.removed.map((r) => r.text).join(' | ');
  assert.match(removed, /DE02120300000000202051/, JSON.stringify(three!.blocks.map((b) => [b.type, b.text.slice(0, 40)])));
  assert.match(removed, /max@mustermann\.example/);
  assert.ok(three!.blocks.some((b) => b.text.includes('Vielen Dank')));
  // Two columns at the body's size may be a letter's signatures.
  const [two] = assembleBlocks([{ ...invoice(2), textLayer: true }]);
  assert.ok(two!.blocks.some((b) => b.text.includes('DE02120300000000202051')));
});

test('a PDF library\'s maker line as the last text of a page, and an evaluation copy\'s line anywhere, are furniture', () => {
  const receipt = (stamp: string, after?: string): DocumentPageBlocks => bodyPage(0, {
    body: (s) => {
      s.push(...words('Code Bakery', 72, 100, { size: 16, bold: true }));
      const p = paragraph(prose(7, 60), 72, 130, 468, { size: 10 }); s.push(...p.spans);
      s.push(...words('Evaluation Only. Created with Aspose.Words. Copyright 2003-2017 Aspose Pty Ltd.', 72, p.y + 20, { size: 10, bold: true }));
      const q = paragraph(prose(8, 40), 72, p.y + 50, 468, { size: 10 }); s.push(...q.spans);
      s.push(...words('Thank you for your purchase!', 240, 480, { size: 8 }), ...words(stamp, 250, 500, { size: 8 }));
      if (after) s.push(...words(after, 72, 540, { size: 10 }));
    },
  });
  const [page] = assembleBlocks([{ ...receipt('Generated by ferropdf'), textLayer: true }]);
  const removed = page!.removed.map((r) => r.text).join(' | ');
  assert.match(removed, /Generated by ferropdf/, JSON.stringify(page!.blocks.map((b) => [b.type, b.text.slice(0, 40)])));
  assert.match(removed, /Evaluation Only\. Created with Aspose/);
  assert.ok(page!.blocks.some((b) => b.text.includes('Thank you for your purchase')));
  // Not a line with text under it, nor a sentence that only starts so.
  const [above] = assembleBlocks([{ ...receipt('Generated by ferropdf', 'Signature of the cashier'), textLayer: true }]);
  assert.ok(above!.blocks.some((b) => b.text.includes('Generated by ferropdf')));
  const [sentence] = assembleBlocks([{ ...receipt('Made with love by our bakers'), textLayer: true }]);
  assert.ok(sentence!.blocks.some((b) => b.text.includes('Made with love by our bakers')));
});

test('a Chinese page count with its word ("页码：1/2") among a quote\'s fields at the top is a page number', () => {
  const quote = (i: number, label: string): DocumentPageBlocks => ({ index: i, width: 595, height: 842, textLayer: true, blocks: [
    blk('heading', '新车报价单', [48, 69, 128, 90], 16), blk('paragraph', '客户名称： $buyer_name', [48, 131, 328, 148], 11),
    blk('paragraph', label, [454, 133, 502, 148], 11), blk('paragraph', '报价单号：$quotation_id', [454, 153, 571, 168], 11),
    ...bodyBlocks(20 + i, 260, 700).map((b) => ({ ...b, fontSize: 11 })),
  ] });
  const pages = assembleBlocks([0, 1].map((i) => quote(i, `页码：${i + 1}/2`)));
  pages.forEach((p, i) => assert.ok(p.removed.some((r) => r.text === `页码：${i + 1}/2`), JSON.stringify(p.blocks.map((b) => [b.type, b.text.slice(0, 30)]))));
  // A field that only mentions pages stays.
  const [field] = assembleBlocks([quote(0, '页数：12')]);
  assert.ok(field!.blocks.some((b) => b.text === '页数：12'));
});

test('a line in large type at the foot of a one-page invoice that ends with its page label and word ("… Strona: 18") is a footer', () => {
  const invoice = (foot: string, size: number): DocumentPageBlocks => ({ index: 0, width: 595, height: 842, textLayer: true, blocks: [
    ...bodyBlocks(12, 100, 600).map((b) => ({ ...b, fontSize: 8.3 })), blk('paragraph', '...........................................................', [251, 490, 383, 497], 8.3),
    blk('figure', '', [181, 769, 239, 794]), blk('heading', foot, [6, 773, 585, 783], size),
  ] });
  assert.deepEqual(assembleBlocks([invoice('Tu jest miejsce na podpis Strona: 18', 12)])[0]!.removed.map((r) => r.text), ['Tu jest miejsce na podpis Strona: 18']);
});

test("a foot of three kinds of detail in type clearly smaller than the body's may sit 1.5 ems under it; a logo beside the foot is not over it", () => {
  // A Czech advance invoice: "www.nic.cz", "IČO:" and a mail address in 8 points, 19 points under its last line in 10.
  const zaloha = (size: number): DocumentPageBlocks => ({ index: 0, width: 595, height: 842, textLayer: true, blocks: [
    ...bodyBlocks(13, 100, 680), blk('paragraph', 'Vystaveno fakturačním systémem CZ.NIC', [57, 736, 243, 748], 10),
    blk('paragraph', 'CZ.NIC, z.s.p.o. Reklamace: CZ.NIC, z.s.p.o., Americká 23, 120 00 Praha 2', [57, 767, 266, 787], size),
    blk('paragraph', 'www.nic.cz podpora@nic.cz', [340, 767, 398, 787], size), blk('paragraph', 'IČO: 67985726 DIČ: CZ67985726', [468, 767, 532, 787], size),
  ] });
  const [small] = assembleBlocks([zaloha(8)]);
  assert.deepEqual(small!.removed.map((r) => r.text.slice(0, 10)), ['CZ.NIC, z.', 'www.nic.cz', 'IČO: 67985']);
  assert.ok(small!.blocks.some((b) => b.text.startsWith('Vystaveno')));
  assert.deepEqual(assembleBlocks([zaloha(9.5)])[0]!.removed, [], 'nearly the body size: three kinds need three ems');
  // A letter's foot of telephone, mail and web address in 7 points beside the company's logo, far under the text.
  const letter: DocumentPageBlocks = { index: 0, width: 595, height: 842, textLayer: true, blocks: [
    ...bodyBlocks(14, 100, 580), blk('figure', '', [60, 768, 179, 819]),
    blk('paragraph', 'CZ.NIC, z.s.p.o. T +420 222 745 111 kontakt@nic.cz Americka 23, 120 00 Prague 2 www.nic.cz Czech Republic', [207, 804, 561, 830], 7),
  ] };
  assert.deepEqual(assembleBlocks([letter])[0]!.removed.map((r) => r.text.slice(0, 10)), ['CZ.NIC, z.']);
});

test('a title wrapped before a long word, its short first line flush left over the longer one set solid, is one heading', () => {
  const head = (text: string, y: number, width: number): Block => ({ type: 'heading', text, bbox: [56, y, 56 + width, y + 20.3], fontSize: 21.7, bold: true });
  const body: Block = { type: 'paragraph', text: prose(15, 60), bbox: [69, 190, 527, 250], fontSize: 10.5 };
  const run = (gap: number) => assembleBlocks([{ index: 0, width: 595, height: 842, textLayer: true, blocks: [head('Allgemeine', 68.6, 116), head('Geschäftsbedingungen', 88.9 + gap, 241), body] }])[0]!
    .blocks.filter((x) => x.type === 'heading').map((x) => x.text);
  assert.deepEqual(run(1.3), ['Allgemeine Geschäftsbedingungen']);
  assert.deepEqual(run(8), ['Allgemeine', 'Geschäftsbedingungen'], 'a third of an em apart: a heading over its subheading');
});

test("a business document's title at body size in capitals (\"RECHNUNG\"), over its number in bold, or with it apart, is a heading; other capital lines are not", () => {
  const letter = (title: string, bold: boolean): Block[] => assembleBlocks([{ ...bodyPage(0, {
    body: (s) => {
      ['Max Sendemann', 'Sendestraße 101', '45678 Sendestadt'].forEach((t, k) => s.push(...words(t, 57, 60 + 14 * k, { size: 12 })));
      s.push(...words(title, 57, 308, { size: 12, bold }));
      s.push(...paragraph(prose(16, 50), 57, 336, 480, { size: 12 }).spans);
    },
  }), textLayer: true }])[0]!.blocks;
  const headings = (blocks: Block[]) => blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(headings(letter('RECHNUNG', false)), ['RECHNUNG']);
  assert.deepEqual(headings(letter('Rechnung Nr.: 2014145', true)), ['Rechnung Nr.: 2014145']);
  assert.deepEqual(headings(letter('Faktura VAT nr FV 3/05/2021', true)), ['Faktura VAT nr FV 3/05/2021']);
  // A ZUGFeRD visualisation's title: a compound kind, its code in brackets, its number and date.
  assert.deepEqual(headings(letter('Mietrechnung (387) Nr. 9314110911/00/M/00/N vom 01.10.2018', true)), ['Mietrechnung (387) Nr. 9314110911/00/M/00/N vom 01.10.2018']);
  assert.deepEqual(headings(letter('Handelsrechnung (380) Nr. 471102 vom 05.03.2018', true)), ['Handelsrechnung (380) Nr. 471102 vom 05.03.2018']);
  assert.deepEqual(headings(letter('KUNDENNUMMER', false)), []);
  // In plain type with its number, alone and apart (a Word invoice's "Rechnung Nr. 17"); not without a number.
  assert.deepEqual(headings(letter('Rechnung Nr. 17', false)), ['Rechnung Nr. 17']);
  assert.deepEqual(headings(letter('Rechnung', false)), []);
});

test("a letterhead's name and an invoice's title far apart on one line (\"LARC\" … \"INVOICE #1\"), or a title and its number, are two blocks", () => {
  const blocks = (gap: number, title: string, size = 21): Block[] => {
    const s: TextSpan[] = [...words('FERROPDF', 124, 74, { size: 21, bold: true }), ...words(title, 124 + textWidth('FERROPDF', 21) + gap, 74 + 21 - size, { size, bold: true })];
    s.push(...words('Date: 03/17/2026', 380, 100, { size: 10.5 }));
    s.push(...paragraph(prose(17, 60), 84, 160, 440, { size: 10.5 }).spans);
    return layoutPage({ ...page(s, { width: 595, height: 842 }), index: 0 });
  };
  const far = blocks(110, 'INVOICE #1');
  assert.ok(far.some((b) => b.type === 'heading' && b.text === 'INVOICE #1'), JSON.stringify(far.map((b) => [b.type, b.text.slice(0, 30)])));
  assert.ok(far.some((b) => b.text === 'FERROPDF'));
  // Not a title's words a space apart, nor what is no document's title.
  assert.ok(blocks(6, 'INVOICE #1').some((b) => b.type === 'heading' && b.text === 'FERROPDF INVOICE #1'));
  assert.ok(blocks(110, 'SOLUTIONS').some((b) => b.text === 'FERROPDF SOLUTIONS'));
  // Nearer (an em) in type of another size: "Övningsbolaget AB" in 24 points, "Faktura" in 17.
  const near = blocks(20, 'Faktura', 15);
  assert.ok(near.some((b) => b.type === 'heading' && b.text === 'Faktura'), JSON.stringify(near.map((b) => [b.type, b.text.slice(0, 30)])));
  assert.ok(blocks(20, 'Faktura').some((b) => b.text === 'FERROPDF Faktura'), 'an em apart in the same type: one line');
  // The title at the left, its number far right.
  const numbered = (x: number): Block[] => layoutPage({ ...page([...words('INVOICE', 55, 44, { size: 24 }), ...words('#INV-2025-001', x, 44, { size: 24 }),
    ...paragraph(prose(18, 60), 40, 140, 480, { size: 11 }).spans], { width: 612, height: 792 }), index: 0 });
  assert.ok(numbered(400).some((b) => b.type === 'heading' && b.text === 'INVOICE'), JSON.stringify(numbered(400).map((b) => [b.type, b.text.slice(0, 30)])));
  assert.ok(numbered(55 + textWidth('INVOICE', 24) + 8).some((b) => b.text === 'INVOICE #INV-2025-001'), 'a space apart: one title');
});

test("a quote's title over its number (\"Devis DV-2026-0001\") does not count as one of its sections when a page has too many headings", () => {
  const s: TextSpan[] = [...words('Elios', 64, 40, { size: 24, bold: true }), ...words('Devis DV-2026-0001', 64, 100, { size: 10.5, bold: true })];
  ['Société', 'Client', 'Détails', 'Paiement', 'Livraison', 'Notes'].forEach((label, k) => {
    s.push(...words(label, 64, 140 + 60 * k, { size: 10, bold: true }));
    s.push(...words(`${prose(30 + k, 6)}`, 64, 158 + 60 * k, { size: 10 }));
  });
  const headings = layoutPage({ ...page(s, { width: 595, height: 842 }), index: 0 }).filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(headings, ['Elios', 'Devis DV-2026-0001', 'Société', 'Client', 'Détails', 'Paiement', 'Livraison', 'Notes']);
});

test("a report's subtitle in small type set tight under its title at the top of the first page is no running head", () => {
  // "Revisionsprotokoll" in 16 pt bold, "Tullsyn — automatiserad revision · 2026-07-13" in 9 pt under it, the boxes overlapping.
  const report = (i: number): DocumentPageBlocks => {
    const s: TextSpan[] = [];
    if (i === 0) s.push(span('Revisionsprotokoll', 225.6, 67.4, { size: 16, bold: true }), span('Tullsyn — automatiserad revision · 2026-07-13', 204.1, 74.3, { size: 9 }));
    s.push(...words('Omfattning och metod', 57, 103, { size: 12, bold: true }), ...paragraph(prose(i, 80), 57, 118, 480, { size: 9 }).spans);
    return { index: i, width: 595, height: 842, textLayer: true, blocks: layoutPage({ ...page(s), index: i, width: 595, height: 842 }) };
  };
  const out = assembleBlocks([report(0), report(1)]);
  assert.deepEqual(out[0]!.removed.map((r) => r.text), []);
  assert.ok(out[0]!.blocks.some((b) => b.text.startsWith('Tullsyn')), JSON.stringify(out[0]!.blocks.map((b) => [b.type, b.text.slice(0, 30)])));
});
