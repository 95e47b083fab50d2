/**
 * Glyph-garbage detection for one run of extracted text: what a PDF gives when
 * its fonts have no usable mapping to Unicode.
 */

const CID_PATTERN = /\(cid:\d+\)/g;
const WHITESPACE = /\s/u;
const LETTER = /\p{L}/u;

/** A control character inside a span's text is a broken mapping (often of the space). */
function isControl(cp: number): boolean {
  return (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0x7f && cp <= 0x9f);
}

/** True for a code point that never appears in real extracted text. */
export function isGarbageCodePoint(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || cp === 0xfffd || isControl(cp);
}

// Scripts that legitimately share a word are grouped: Latin, Greek and Cyrillic
// (formulas, homoglyphs). The CJK scripts are in no group (`CJK`).
const SCRIPT_GROUPS: Array<[group: string, re: RegExp]> = [
  ['european', /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u],
  ['arabic', /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}]/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['armenian', /\p{Script=Armenian}/u],
  ['georgian', /\p{Script=Georgian}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['bengali', /\p{Script=Bengali}/u],
  ['gurmukhi', /\p{Script=Gurmukhi}/u],
  ['gujarati', /\p{Script=Gujarati}/u],
  ['oriya', /\p{Script=Oriya}/u],
  ['tamil', /\p{Script=Tamil}/u],
  ['telugu', /\p{Script=Telugu}/u],
  ['kannada', /\p{Script=Kannada}/u],
  ['malayalam', /\p{Script=Malayalam}/u],
  ['sinhala', /\p{Script=Sinhala}/u],
  ['thai', /[\p{Script=Thai}\p{Script=Lao}]/u],
  ['myanmar', /\p{Script=Myanmar}/u],
  ['khmer', /\p{Script=Khmer}/u],
  ['tibetan', /\p{Script=Tibetan}/u],
  ['ethiopic', /\p{Script=Ethiopic}/u],
];

function scriptGroup(ch: string): string {
  for (const [group, re] of SCRIPT_GROUPS) if (re.test(ch)) return group;
  return 'other';
}

/**
 * Han, kana and Hangul: scripts written without spaces between words (or, in Korean, with Latin terms and particles run
 * together: "PDBA를", "JavaScriptで", "与x的取值"), so a run of them is no word of its own to judge; they do not mix.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;

/** Share of a span's characters that are control characters, above which the whole span is garbage. */
const CONTROL_DENSITY = 0.05;
/** Spans shorter than this (non-blank characters) are not judged by density. */
const DENSITY_MIN_CHARS = 10;

/**
 * Counts the non-blank characters of a span's text and how many of them are garbage:
 * "(cid:NN)" placeholders, private-use code points, U+FFFD, control characters;
 * all of a span where control characters are dense (a broken font mapping that
 * also turned spaces into controls); and words whose letters come from
 * unrelated scripts (Oriya next to Cyrillic next to Myanmar: a font's glyph ids
 * read as code points); CJK letters, written without spaces among Latin terms, mix with nothing (`CJK`).
 * @param text one span's text
 * Does not catch well-formed garbage such as a Caesar-shifted Latin alphabet.
 */
export function countGarbage(text: string): { total: number; garbage: number } {
  let total = 0;
  let garbage = 0;
  const cids = text.match(CID_PATTERN);
  if (cids) {
    for (const c of cids) {
      total += c.length;
      garbage += c.length;
    }
    text = text.replace(CID_PATTERN, ' ');
  }
  let spanTotal = 0;
  let controls = 0;
  let bad = 0;
  for (const word of text.split(/\s+/u)) {
    if (word === '') continue;
    const groups = new Set<string>();
    let letters = 0;
    let wordTotal = 0;
    let wordBad = 0;
    for (const ch of word) {
      if (WHITESPACE.test(ch)) continue;
      wordTotal++;
      const cp = ch.codePointAt(0)!;
      if (isGarbageCodePoint(cp)) {
        wordBad++;
        if (isControl(cp)) controls++;
        continue;
      }
      if (LETTER.test(ch) && !CJK.test(ch)) {
        letters++;
        groups.add(scriptGroup(ch));
      }
    }
    spanTotal += wordTotal;
    // Note: a mixed word counts whole; 'other' (symbols' scripts we do not list) does not mix.
    groups.delete('other');
    bad += groups.size >= 2 && letters >= 2 ? wordTotal : wordBad;
  }
  total += spanTotal;
  garbage += spanTotal >= DENSITY_MIN_CHARS && controls / spanTotal > CONTROL_DENSITY ? spanTotal : bad;
  return { total, garbage };
}
