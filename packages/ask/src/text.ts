/**
 * Text helpers shared by chunking, retrieval, citation checks and the search
 * index: one normalisation, one word splitter, one sentence splitter, so that
 * what is indexed and what is verified agree.
 */

/** A word of a text with its place in the original string. */
export interface Word {
  /** The normalised form (see `normaliseWord`); never empty. */
  norm: string;
  start: number;
  end: number;
}

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const DQUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * Normalises one whitespace-free token for comparison: Unicode NFKC (ligatures
 * like "ﬁ" become "fi"), lower case, typographic quotes and dashes folded, then
 * everything that is not a letter or a digit removed (so Markdown emphasis,
 * punctuation and apostrophes do not matter).
 * @param token a run of non-space characters
 * Returns '' when nothing is left (pure punctuation or markup).
 */
export function normaliseWord(token: string): string {
  return token
    .normalize('NFKC')
    .toLowerCase()
    .replace(QUOTES, "'")
    .replace(DQUOTES, '"')
    .replace(DASHES, '-')
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Splits text into normalised words with their offsets. Hyphens split words
 * ("state-of-the-art" → state, of, the, art) so that a line-break hyphen in
 * the source and a joined word in a quote can still be compared word by word.
 * @param text any text, Markdown included
 * Does not stem or drop stop words (see `searchTerms`).
 */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const re = /[^\s\-\u2010-\u2015\u2212/|]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // Note: a run without spaces in a script written without them (Chinese, Japanese, Thai…),
    // or Latin glued to such a script ("本文介绍docmill系统"), is cut into words by Unicode
    // word segmentation (Intl.Segmenter, ICU dictionaries); other runs stay whole, as before.
    if (NO_SPACE_SCRIPT.test(m[0])) {
      for (const seg of SEGMENTER.segment(m[0])) {
        if (!seg.isWordLike) continue;
        const norm = normaliseWord(seg.segment);
        if (norm) out.push({ norm, start: m.index + seg.index, end: m.index + seg.index + seg.segment.length });
      }
      continue;
    }
    const norm = normaliseWord(m[0]);
    if (norm) out.push({ norm, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar). */
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const SEGMENTER = new Intl.Segmenter('und', { granularity: 'word' });

/** Collapses runs of whitespace to one space and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// Note: a short list of English function words; ranking with BM25 already
// discounts frequent terms, this only keeps question words ("what", "which")
// from matching every page.
const STOP = new Set(
  ('a an and are as at be been but by can could did do does for from had has have how i if in into is it its ' +
    'me my no not of on or our she so than that the their them then there these they this those to was we were ' +
    'what when where which who whom whose why will with would you your about page pages document tell show give ' +
    'find list please according mentioned say says said').split(' '),
);

/**
 * The terms that search indexes and queries use: normalised words minus stop
 * words; numbers are kept (years, figure numbers).
 * @param text a question, a chunk, a passage
 */
export function searchTerms(text: string): string[] {
  return words(text)
    .map((w) => w.norm)
    .filter((t) => !STOP.has(t));
}

/** True for a stop word (after normalisation). */
export function isStopWord(norm: string): boolean {
  return STOP.has(norm);
}

/**
 * Splits text into sentences, keeping each sentence's trailing punctuation and
 * space. A sentence ends at . ! ? (optionally followed by a closing quote or
 * bracket) before whitespace and an upper-case letter, digit or opening mark,
 * or at a blank line.
 * @param text plain text or Markdown
 * Does not know abbreviations beyond a few common ones ("e.g.", "i.e.", "Fig.",
 * "et al."); a wrong split only makes a chunk boundary less pretty.
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?]["'\u201D\u2019)\]]*\s+(?=["'\u201C\u2018(\[]?[\p{Lu}\p{N}])|\n\s*\n/gu;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    const before = text.slice(Math.max(from, m.index - 6), m.index + 1);
    if (/(?:\be\.g|\bi\.e|\bFig|\bEq|\bNo|\bal|\bvs|\bcf|\bDr|\bMr|\bMs|\bSt)\.$/i.test(before)) continue;
    out.push(text.slice(from, end));
    from = end;
  }
  if (from < text.length) out.push(text.slice(from));
  return out.filter((s) => s.trim() !== '');
}

/**
 * Packs a long text into pieces of at most `max` characters, cutting between
 * sentences, else between words, else anywhere.
 * @param first room left for the first piece (it joins an open chunk)
 * @param max the bound for the other pieces
 */
export function packText(text: string, first: number, max: number): string[] {
  const pieces: string[] = [];
  let cur = '';
  let room = Math.max(1, first);
  const push = () => {
    if (cur.trim()) pieces.push(cur.trim());
    cur = '';
    room = max;
  };
  for (const s of sentences(text)) {
    if ((cur + s).trim().length <= room) {
      cur += s;
      continue;
    }
    push();
    if (s.trim().length <= room) {
      cur = s;
      continue;
    }
    for (const w of s.split(/(?<=\s)/)) {
      if ((cur + w).trim().length <= room) {
        cur += w;
        continue;
      }
      push();
      let rest = w;
      while (rest.trim().length > room) {
        pieces.push(rest.slice(0, room));
        rest = rest.slice(room);
      }
      cur = rest;
    }
  }
  push();
  return pieces;
}
