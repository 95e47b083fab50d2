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
  return text.replace(/[\uff01-\uff5e\u3001\u3002]/gu, (c) => {
    if (c === '\u3002') return '.';
    if (c === '\u3001') return ',';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}
