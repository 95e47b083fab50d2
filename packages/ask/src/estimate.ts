/**
 * A conservative token estimate for when the server cannot count (no
 * `/tokenize`, e.g. Mistral's hosted API). It must over-count: an under-count
 * sends a request the server rejects for length.
 */

const VOWEL = /[aeiouyAEIOUY]/;

/**
 * Estimates the tokens of a text, word by word and by character class: ASCII
 * letters at 2.5 per token in words that look like words, one token per letter
 * in words that look like glyph garbage (no vowel, or case flipping inside the
 * word: "VGCPVSHVJHOP", "ÄOHFMQJEJ"), 1.2 tokens per digit, punctuation mark or
 * line break, one per Latin letter with a diacritic, three per other character
 * (CJK, Arabic, Hebrew, Thai, symbols: up to 3 UTF-8 bytes each), four per
 * astral-plane character (emoji).
 * @param text the text as it will be sent
 * Note: measured against real tokenizers over the corpus text (bench/ask-tokens.ts):
 * Tekken itself could not be run offline here, so the bound is checked against
 * o200k (GPT-4o), Llama 3 (128k BPE, the closest in kind to Tekken) and
 * Mistral's older 32k SentencePiece; the worst ratios are in the package's
 * README. It over-counts ordinary prose by about 1.5–2× — the price of never
 * sending an over-long request when the server cannot count for us.
 * Does not know the chat template's few special tokens: callers add a margin.
 */
export function estimateTokens(text: string): number {
  let total = 0;
  for (const word of text.split(/[ \t\r]+/)) {
    if (!word) continue;
    let letters = 0;
    let single = 0;
    let latin = 0;
    let other = 0;
    let astral = 0;
    let flips = 0;
    let prevLower = false;
    for (const ch of word) {
      const c = ch.codePointAt(0)!;
      const upper = c >= 0x41 && c <= 0x5a;
      const lower = c >= 0x61 && c <= 0x7a;
      if (upper || lower) {
        letters++;
        if (upper && prevLower) flips++;
        prevLower = lower;
        continue;
      }
      prevLower = false;
      if (c < 0x80) single++;
      else if (c >= 0xc0 && c <= 0x24f) latin++;
      else if (c > 0xffff) astral++;
      else other++;
    }
    const garbage = letters >= 5 && (!VOWEL.test(word) || flips >= 2 || (flips >= 1 && /[A-Z]{3}/.test(word) && /[a-z]/.test(word)) || latin > 0 && /[A-Z]{4}/.test(word));
    total += (garbage ? letters : letters / 2.5) + single * 1.2 + latin + other * 3 + astral * 4;
  }
  return Math.ceil(total);
}
