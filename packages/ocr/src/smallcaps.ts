import type { InkMeasure } from './crop.js';

/** Lower-case letters that rise above the x-height (t rises too little to tell). */
const ASCENDER = /[bdfhkl]/u;
/** Lower-case letters within the x-height. */
const XHEIGHT = /[acemnorsuvwxz]/u;
/** Lower-case letters that fall below the baseline. */
const DESCENDER = /[gjpqy]/u;
/**
 * How far (in band heights) an ascender must rise above the band, or a
 * descender fall below it, to count. Measured on 8087_054.3B (bench/ocr.ts):
 * body-text ascenders reach 0.28–0.83 of the x-height above it, descenders
 * 0.22–0.53 below; the same letters in small capitals stay within ±0.16.
 */
const REACH = 0.2;
/** Capitals rise above small capitals by about a quarter of their height; under this share of the band they are the band. */
const CAPITAL_RISE = 0.12;
/** One checked letter alone decides only if it reaches no further than this (measured: -0.02 in a small-capital line, 0.17 for a faint typewriter d). */
const LONE_REACH = 0.08;
/** Most of the crop height a band may fill (measured: text lines 0.3–0.6 of the 48 rows; a framed label 0.73). */
const MAX_BAND = 0.65;

/**
 * Whether a line read with lower-case letters is set in small capitals: the
 * recogniser reads a small capital as its lower-case letter ("Restored now."
 * for RESTORED NOW., "TeRRa" for TERRA), but a lower-case b, d, f, h, k or l
 * rises above the x-height and a g, j, p, q or y falls below the baseline,
 * while small capitals all stand on the baseline at one height.
 * @param text the decoded line
 * @param charSteps CTC time step of each character of `text`
 * @param stepPx crop columns per time step
 * @param ink the crop's ink measure (band rows and per-column ink extent)
 * @param rows the crop's height
 * Note: the evidence is each such letter's ink, in a window around its CTC
 * step, against the line's densest band. Every such letter must stay within
 * the band, and the band must be a small-capital height (see below). A line
 * with none of them (THE TeRRa-COTTA) counts when most of its letters are
 * capitals and a word has a capital after a lower-case letter.
 * Does not decide for a line without ink measure (no contrast).
 */
export function isSmallCaps(text: string, charSteps: readonly number[], stepPx: number, ink: InkMeasure, rows: number): boolean {
  const chars = Array.from(text);
  if (!/\p{Ll}/u.test(text)) return false;
  const band = ink.bottom - ink.top;
  if (!(band > 4) || ink.inkTop.length === 0) return false;
  // The detector's box has a margin round the letters: a band filling most of
  // the crop was measured on something else (a frame round a label).
  if (band > MAX_BAND * rows) return false;
  // Window around a letter's CTC step: ascenders and descenders looked for a
  // little wider, x-height letters narrowly (a neighbour's ascender must not count).
  const extent = (i: number, half: number) => {
    const center = (charSteps[i]! + 0.5) * stepPx;
    let top = Infinity, bottom = -Infinity;
    for (let x = Math.max(0, Math.floor(center - half)); x <= Math.min(ink.inkTop.length - 1, Math.ceil(center + half)); x++) {
      if (ink.inkTop[x]! < 0) continue;
      top = Math.min(top, ink.inkTop[x]!);
      bottom = Math.max(bottom, ink.inkBottom[x]!);
    }
    return { top, bottom };
  };
  let checked = 0;
  let maxReach = -Infinity;
  let capitalRise = -Infinity;
  const xDrops: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (/[\p{Lu}\p{Nd}]/u.test(c)) {
      const { top } = extent(i, 0.35 * band);
      if (top !== Infinity) capitalRise = Math.max(capitalRise, (ink.top - top) / band);
      continue;
    }
    if (XHEIGHT.test(c)) {
      // Narrowly: a neighbour's ascender must not count.
      const { top } = extent(i, 0.15 * band);
      if (top !== Infinity) xDrops.push((top - ink.top) / band);
      continue;
    }
    const up = ASCENDER.test(c);
    if (!up && !DESCENDER.test(c)) continue;
    const { top, bottom } = extent(i, 0.5 * band);
    if (top === Infinity) continue;
    const reach = up ? ink.top - top : bottom - ink.bottom;
    if (reach > REACH * band) return false;
    checked++;
    maxReach = Math.max(maxReach, reach / band);
  }
  // Is the band a small-capital height? Either true capitals rise above it, or
  // the letters read as x-height letters fill it. A line of tall letters ("I
  // felt.", "What Kids") has its cap height for a band: its capitals do not rise
  // and its few x-height letters stand well below the band's top.
  xDrops.sort((a, b) => a - b);
  const xFill = xDrops.length >= 3 && xDrops[xDrops.length >> 1]! <= CAPITAL_RISE;
  // One letter is thin evidence (a small print's faint ascender can measure
  // short): it must stand right at the band's top.
  if (checked === 1 && maxReach > LONE_REACH) return false;
  if (checked > 0) return xFill || capitalRise >= CAPITAL_RISE;
  const letters = chars.filter((c) => /\p{L}/u.test(c));
  const upper = letters.filter((c) => /\p{Lu}/u.test(c)).length;
  return upper >= 0.7 * letters.length && /\p{Ll}\p{Lu}/u.test(text);
}

/** Upper-cases a line one code point for one (a letter whose capital is longer, ß, stays), so per-character data stays aligned. */
export function upperCaseLine(text: string): string {
  return Array.from(text, (c) => {
    const u = c.toUpperCase();
    return Array.from(u).length === 1 ? u : c;
  }).join('');
}
