import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isDocmillError } from '@docmill/core';
import { ensureTesseractLanguages, guessLanguage, recognizeWithTesseract } from '../src/index.js';
import { bandCount, bandCuts, debianPackageFor, frakturLigatures, parseLanguages, parseTesseractTsv, sampleBand, scriptCandidates, stitchBands } from '../src/tesseract.js';
import { correctBlackletterWord, tesseractLexicon } from '../src/lexicon.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
/** Long s folded, as the press corpus' scorer does. */
const fold = (s: string) => s.replace(/ſ/g, 's');

const TSV = [
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  '1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t',
  '2\t1\t1\t0\t0\t0\t10\t20\t300\t80\t-1\t',
  '3\t1\t1\t1\t0\t0\t10\t20\t300\t80\t-1\t',
  '4\t1\t1\t1\t1\t0\t10\t20\t300\t30\t-1\t',
  '5\t1\t1\t1\t1\t1\t10\t20\t100\t30\t90.000000\tGrüße',
  '5\t1\t1\t1\t1\t2\t120\t22\t60\t28\t60\taus',
  '4\t1\t1\t1\t2\t0\t10\t60\t200\t30\t-1\t',
  '5\t1\t1\t1\t2\t1\t10\t60\t200\t30\t95\t ',
  '2\t1\t2\t0\t0\t0\t400\t20\t300\t40\t-1\t',
  '3\t1\t2\t1\t0\t0\t400\t20\t300\t40\t-1\t',
  '4\t1\t2\t1\t1\t0\t400\t20\t300\t40\t-1\t',
  '5\t1\t2\t1\t1\t1\t400\t20\t300\t40\t100\tZürich',
  '',
].join('\n');

test('parseTesseractTsv: one line per level-4 row, words joined, confidence length-weighted, block hints', () => {
  const lines = parseTesseractTsv(TSV, { dy: 100, blockPrefix: '1.' });
  assert.deepEqual(lines.map((l) => l.text), ['Grüße aus', 'Zürich']);
  assert.ok(Math.abs(lines[0]!.confidence - (0.9 * 5 + 0.6 * 3) / 8) < 1e-9);
  assert.equal(lines[1]!.confidence, 1);
  assert.deepEqual(lines[0]!.bbox, [10, 120, 310, 150]);
  assert.deepEqual(lines[0]!.box, [[10, 120], [310, 120], [310, 150], [10, 150]]);
  assert.deepEqual([lines[0]!.block, lines[0]!.paragraph, lines[1]!.block], ['1.1', '1.1.1', '1.2']);
  // Each word keeps its own box (moved by the band's offset), so layout can cut a line at a column gutter.
  assert.deepEqual(lines[1]!.words, [{ text: 'Zürich', bbox: [400, 120, 700, 160], confidence: 1 }]);
  assert.deepEqual(lines[0]!.words?.map((w) => w.text), ['Grüße', 'aus']);
  assert.deepEqual(parseTesseractTsv('level\tpage_num\n'), []);
});

test('Fraktur ligatures, script candidates, bands and language codes', () => {
  assert.equal(frakturLigatures('no< Unglü>ks dur<h x < y'), 'noch Unglücks durch x < y');
  assert.deepEqual(scriptCandidates('deu'), ['deu', 'Fraktur']);
  assert.deepEqual(scriptCandidates('deu+fra'), ['deu+fra', 'Fraktur+fra']);
  assert.deepEqual(scriptCandidates('eng'), ['eng']);
  assert.deepEqual(scriptCandidates('deu+Fraktur'), ['deu+Fraktur']);
  assert.equal(debianPackageFor('Fraktur'), 'tesseract-ocr-script-frak');
  assert.equal(debianPackageFor('chi_sim'), 'tesseract-ocr-chi-sim');
  assert.throws(() => parseLanguages('deu fra'), (e: unknown) => isDocmillError(e) && e.code === 'DOCMILL_ERR_USAGE_BAD_ARGUMENT');
  const cuts = bandCuts(1000, 2, 50);
  assert.deepEqual(cuts.map((c) => [c.y0, c.y1]), [[0, 550], [450, 1000]]);
  assert.equal(cuts[0]!.own1, cuts[1]!.own0);
  assert.deepEqual([1500, 2362, 3999, 4606, 5551, 7300].map(bandCount), [1, 1, 1, 2, 2, 3]);
  const [s0, s1] = sampleBand(4000);
  assert.ok(s0 >= 0 && s1 <= 4000 && s1 - s0 === 300);
});

test('guessLanguage tells German and French from English by their short words', () => {
  assert.equal(guessLanguage('Der Mann und die Frau sind mit dem Zug nach Zurich gefahren, weil es in der Stadt ein Fest fur die Kinder gab, das von den Eltern und der Schule auf dem Platz gemacht wird.'), 'deu');
  assert.equal(guessLanguage('La cuve est mise en mouvement ; les tourillons de cette cuve sont disposés dans un coussinet et la machine est dans le bâti des ateliers du port.'), 'fra');
  assert.equal(guessLanguage('The purpose of this report is to summarize the experience of the project and to show that it was in the interest of all who were on it.'), 'eng');
  assert.equal(guessLanguage('Total 1234 5678'), undefined);
});

test('a missing language is a coded error naming the Debian package; a missing binary too', async () => {
  await assert.rejects(ensureTesseractLanguages('deu+xqz'), (e: unknown) => {
    assert.ok(isDocmillError(e));
    assert.equal(e.code, 'DOCMILL_ERR_OCR_LANGUAGE_MISSING');
    assert.match(e.message, /tesseract-ocr-xqz/);
    assert.doesNotMatch(e.message, /tesseract-ocr-deu\b/);
    return true;
  });
  await assert.rejects(recognizeWithTesseract(fixture('argus_1910_p17_crop.png'), { lang: 'eng', binary: '/nonexistent/tesseract' }), (e: unknown) => isDocmillError(e) && e.code === 'DOCMILL_ERR_OCR_ENGINE_MISSING' && /tesseract-ocr/.test(e.message));
});

test('German in Fraktur: --lang deu picks the Fraktur model on its own and keeps ä ö ü ß', async () => {
  // Die Grenzboten 1841, p. 34 (cisocrgroup/Resources, Apache-2.0), 600 dpi, bilevel.
  const r = await recognizeWithTesseract(fixture('grenzboten_179425_crop.png'), { lang: 'deu', dpi: 600 });
  assert.equal(r.lang, 'Fraktur');
  assert.equal(r.lines.length, 7);
  const text = fold(r.lines.map((l) => l.text).join(' '));
  const words = ['erfährt', 'daß', 'Gervinus', 'zählt', 'großer', 'Göttinger', 'verließ', 'Schönheit', 'gerühmt', 'Heidelberg', 'Menschen'];
  const found = words.filter((w) => text.includes(w));
  assert.ok(found.length >= 9, `found ${found.join(', ')} in: ${text}`);
  assert.ok(r.lines.every((l) => l.inkBand && l.inkBand < l.bbox[3] - l.bbox[1]));
});

test('aborting kills tesseract and rejects with the reason', async () => {
  const ac = new AbortController();
  const p = recognizeWithTesseract(fixture('grenzboten_179425_crop.png'), { lang: 'Fraktur', dpi: 600, signal: ac.signal });
  queueMicrotask(() => ac.abort(new Error('stop')));
  await assert.rejects(p, /stop/);
});

test('stitchBands: a paragraph cut by a band edge gets one id; a headline starting below the edge keeps its own', () => {
  const l = (text: string, y: number, x0: number, x1: number, paragraph: string) => ({
    text, confidence: 0.9, box: [[x0, y], [x1, y], [x1, y + 30], [x0, y + 30]] as [number, number][], bbox: [x0, y, x1, y + 30] as [number, number, number, number], block: paragraph.split('.').slice(0, 2).join('.'), paragraph,
  });
  const cuts = bandCuts(2000, 2, 240);
  const band0 = [l('Spalte eins oben', 900, 100, 900, '0.1.1'), l('und weiter', 960, 100, 880, '0.1.1'), l('zweite Spalte oben', 960, 1000, 1800, '0.2.1')];
  const band1 = [l('unten weiter', 1010, 110, 890, '1.1.1'), l('Überschrift', 1400, 1000, 1500, '1.2.1'), l('unten zwei', 1005, 1000, 1790, '1.3.1')];
  const [, stitched] = stitchBands([band0, band1], cuts);
  assert.equal(stitched![0]!.paragraph, '0.1.1', 'column 1 continues across the edge');
  assert.equal(stitched![0]!.block, '0.1');
  assert.equal(stitched![2]!.paragraph, '0.2.1', 'column 2 continues across the edge');
  assert.equal(stitched![1]!.paragraph, '1.2.1', 'a headline far below the edge is not joined to anything');
  assert.equal(band1[0]!.paragraph, '1.1.1', 'the input is not modified');
});

test('correctBlackletterWord: ligature losses, long s read as f, J before a consonant; known and ambiguous words stay', () => {
  const lexicon = new Set(['nicht', 'möglichen', 'letzten', 'eine', 'Irrthum', 'sind', 'sein', 'fein', 'Theil', 'Zeitung', 'Bern', 'Bern']);
  const cases: Array<[string, string]> = [
    ['niht', 'nicht'], ['möglihen,', 'möglichen,'], ['lezten', 'letzten'], ['cine', 'eine'], ['„Jrrthum', '„Irrthum'],
    ['Jn', 'In'], ['is', 'ist'], ['Dur', 'Durch'], ['ſih', 'sich'], ['find', 'sind'],
    // Known words, words with digits, words no confusion explains, capitals and true J stay as read.
    ['uud', 'und'], ['cin', 'ein'], ['Dic', 'Die'], ['nah', 'nach'], ['doh', 'doch'], ['troy', 'trotz'], ['ju', 'zu'], ['dex', 'der'],
    // A function word one confusion away wins over a rarer word: "fein" in a blackletter line is "sein" read with long s as f.
    ['fein', 'sein'],
    // Two function words one confusion away ("au": an, auch): left alone.
    ['au', 'au'],
    ['Theil', 'Theil'], ['1x0', '1x0'], ['Qwertz', 'Qwertz'], ['Jahr', 'Jahr'], ['IS', 'IS'], ['Zeitung.', 'Zeitung.'],
  ];
  for (const [read, want] of cases) assert.equal(correctBlackletterWord(read, lexicon), want, read);
  // Two words of the lexicon one confusion away: ambiguous, left alone ("Bcrn" → Bern? Bcrn has c→e only: one).
  assert.equal(correctBlackletterWord('ſeun', new Set(['seun', 'sein', 'senn'])), 'ſeun', 'a known word (long s folded) stays');
  assert.equal(correctBlackletterWord('hcrn', new Set(['hern', 'horn'])), 'hern');
  assert.equal(correctBlackletterWord('fnnd', new Set(['fund', 'fand', 'snnd'])), 'fnnd', 'two candidates: left alone');
});

test('tesseractLexicon: the German word list comes out of deu.traineddata with tesseract\'s own tools', async () => {
  const langs = await import('node:child_process').then((cp) => cp.execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8' }));
  const dir = /"([^"]+)"/.exec(langs)![1]!;
  const lexicon = await tesseractLexicon('deu', dir);
  assert.ok(lexicon, 'a lexicon');
  for (const w of ['nicht', 'durch', 'Zeitung']) assert.ok(lexicon.has(w), w);
  assert.ok(!lexicon.has('niht'));
  assert.equal(await tesseractLexicon('xyz', dir), undefined, 'no traineddata: no lexicon, no error');
});
