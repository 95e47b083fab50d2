import type { Inline } from '@docmill/core';
import { pushInline, trimEnd } from './inlines.js';

// Note: first parts that make real compounds in English ("self-aware", "non-linear");
// a line-end hyphen after one of them is kept. Conservative on purpose: a kept
// hyphen in "co-operation" costs less than a lost one in "self-evident".
const COMPOUND_PREFIXES = new Set([
  'self', 'non', 'well', 'ill', 'quasi', 'pseudo', 'cross', 'anti', 'half', 'high', 'low', 'long', 'short', 'full',
  'state', 'user', 'data', 'built', 'real', 'first', 'second', 'third', 'worst', 'best', 'closed', 'open', 'fine', 'large',
]);

const WORD_BEFORE_HYPHEN = /([\p{L}\p{N}][\p{L}\p{N}'’-]{0,60})([-‐‑¬⸗=])$/u;

/**
 * How two lines meet: the text to put between them and how many characters to drop from the end of the first.
 * @param before text of the earlier line (trailing spaces already trimmed)
 * @param after text of the next line (leading spaces already trimmed)
 * Repairs a line-end hyphenation ("infor-" + "mation") only when a lowercase letter follows and the
 * fragment is not an acronym, part of a compound already ("state-of-the-") or a known compound
 * prefix ("self-", "non-", "well-"); a capitalised next part ("Anglo-" + "Saxon") keeps the hyphen too.
 * Keeps em/en dashes and joins without a space; joins Chinese and Japanese characters without a space. '¬', '⸗', and '=' after a letter (Fraktur hyphens)
 * are dropped and the word joined before a lowercase letter, written '-' before a capital.
 * Does not consult a dictionary.
 */
export function lineJoin(before: string, after: string): { drop: number; glue: string } {
  const first = after.charAt(0);
  const lowerNext = first !== '' && first === first.toLowerCase() && first !== first.toUpperCase();
  // Note: an em dash after a figure and its stop is a price's ("Fr. 12.—"), not a sentence running
  // on: a space follows. (An en dash after a figure is a range, "291–" + "300": no space.)
  if (/[—–]$/.test(before)) return { drop: 0, glue: /\d[.,]\s?—$/.test(before) && after !== '' ? ' ' : '' };
  const m = WORD_BEFORE_HYPHEN.exec(before);
  if (m && m[1] !== undefined) {
    const frag = m[1];
    // Note: '¬' and '⸗' (and '=' after a letter: the Fraktur double hyphen as OCR reads it) only
    // ever mark a word broken at the line end: joined before a letter whatever the compound rules say.
    // ('=' only after three letters or more: "a=" + "b" at a line end is more likely an equation.)
    if (m[2] !== '-' && m[2] !== '‐' && m[2] !== '‑' && (m[2] !== '=' || /\p{L}{3}$/u.test(frag))) {
      if (/\p{L}$/u.test(frag) && lowerNext) return { drop: 1, glue: '' };
      // A capital after it: a compound of two nouns ("Landboten⸗" + "Korrespondent"), written with a hyphen.
      if (/\p{L}$/u.test(frag) && /^\p{Lu}/u.test(after)) return { drop: 1, glue: '-' };
      return { drop: 0, glue: m[2] === '=' ? ' ' : '' };
    }
    if (m[2] === '=') return before === '' || after === '' ? { drop: 0, glue: '' } : { drop: 0, glue: ' ' };
    const lastPart = frag.split('-').pop() ?? frag;
    const letterBefore = /\p{L}$/u.test(lastPart);
    if (!letterBefore) return { drop: 0, glue: '' }; // "COVID-19-", "3-" → keep
    // Note: an acronym ("GPU-" + "accelerated") keeps its hyphen; a capitalised word does not
    // ("Perfor-" + "mance", "Lan-" + "guages" in title-case references are hyphenations).
    const acronym = /^\p{Lu}{2,}$/u.test(lastPart);
    const compound = frag.includes('-') || COMPOUND_PREFIXES.has(lastPart.toLowerCase());
    if (lowerNext && !acronym && !compound) return { drop: 1, glue: '' };
    return { drop: 0, glue: '' }; // a real hyphen: "Anglo-" + "Saxon", "self-" + "aware"
  }
  if (before === '' || after === '') return { drop: 0, glue: '' };
  // Note: Chinese and Japanese put no space between words, so a line break between two of their
  // characters is no space either ("不利经济" + "环境"). Korean spaces its words: Hangul is not in the set.
  if (CJK_LAST.test(before) && CJK_FIRST.test(after)) return { drop: 0, glue: '' };
  return { drop: 0, glue: ' ' };
}

/** Han, kana, CJK punctuation and fullwidth forms (the scripts set without word spaces) at the end, at the start. */
const CJK_LAST = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]$/u;
export const CJK_FIRST = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Appends the runs of a following line to a block's runs, repairing hyphenation at the seam.
 * @param runs the block's runs so far (modified in place)
 * @param next runs of the next line, already trimmed
 */
export function appendLine(runs: Inline[], next: readonly Inline[]): void {
  // Only the seam matters: the last word before it and the first letter after it.
  let before = '';
  for (let i = runs.length - 1; i >= 0 && before.length < 80; i--) before = runs[i]!.text + before;
  before = before.slice(-80);
  const after = next.map((r) => r.text).join('').slice(0, 8);
  const { drop, glue } = lineJoin(before, after);
  if (drop) trimEnd(runs, drop);
  if (glue) pushInline(runs, { text: glue });
  for (const r of next) pushInline(runs, { ...r });
}

/** Exposed for tests of the seam logic on plain strings. */
export function joinLines(before: string, after: string): string {
  const runs: Inline[] = [{ text: before }];
  appendLine(runs, [{ text: after }]);
  return runs.map((r) => r.text).join('');
}

