/** CJK ideographs, kana and hangul: a line with any of these keeps full-width punctuation. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;

/**
 * Maps full-width punctuation and letters to ASCII in lines without CJK text.
 * @param text one recognised line
 * Note: the recogniser was trained mostly on Chinese and often reads a Latin
 * comma or colon as "，" or "："; in a Latin line that is always wrong. The
 * string length is unchanged (one code point for one), so per-character
 * confidences stay aligned. Does not touch lines that contain CJK characters.
 */
export function latinPunctuation(text: string): string {
  if (CJK.test(text)) return text;
  const ascii = text.replace(/[\uff01-\uff5e\u3001\u3002\u300a\u300b]/gu, (c) => {
    if (c === '\u3002') return '.';
    if (c === '\u3001') return ',';
    // 《 》: the character list has no « », so French and German guillemets come out as these.
    if (c === '\u300a') return '\u00ab';
    if (c === '\u300b') return '\u00bb';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
  return latinHomoglyphs(ascii);
}

/** Cyrillic letters drawn like Latin ones (and З like the digit 3). */
const HOMOGLYPHS: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', З: '3',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's',
};
const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * Replaces stray Cyrillic look-alikes in a Latin line ("199З" → "1993").
 * Note: the recogniser's character list mixes scripts, and a lone Cyrillic
 * letter among Latin words is a misreading. A line with real Cyrillic text
 * (more than a fifth of its letters, or any letter without a Latin twin) is
 * left as it is. One code point for one.
 */
function latinHomoglyphs(text: string): string {
  const cyr = text.match(CYRILLIC);
  if (!cyr) return text;
  const latin = text.match(LATIN)?.length ?? 0;
  if (cyr.length * 4 > latin || cyr.some((c) => !(c in HOMOGLYPHS))) return text;
  return text.replace(CYRILLIC, (c) => HOMOGLYPHS[c]!);
}
