import type { Inline } from '@docmill/core';

/** True when two inlines carry the same formatting (so they can be one run). */
export function sameStyle(a: Inline, b: Inline): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.code === !!b.code && a.link === b.link && !!a.math === !!b.math;
}

/**
 * Appends text with a style to a run list, merging with the last run when the style is the same.
 * @param runs the list to extend (modified in place)
 * @param piece text and formatting to add
 * Whitespace-only pieces join the previous run whatever their style, so formatting never starts or ends on a space.
 */
export function pushInline(runs: Inline[], piece: Inline): void {
  if (piece.text === '') return;
  const last = runs[runs.length - 1];
  if (last && (sameStyle(last, piece) || piece.text.trim() === '')) {
    last.text += piece.text;
    return;
  }
  runs.push({ ...piece });
}

/** Appends all runs of `more` to `runs` (merging at the seam). */
export function concatInlines(runs: Inline[], more: readonly Inline[]): void {
  for (const r of more) pushInline(runs, r);
}

/** Plain text of runs. */
export function inlineText(runs: readonly Inline[]): string {
  return runs.map((r) => r.text).join('');
}

/** True when any run carries formatting (otherwise a block's `inlines` are left out). */
export function hasFormatting(runs: readonly Inline[]): boolean {
  return runs.some((r) => r.bold || r.italic || r.code || r.link || r.math);
}

/** Removes `count` characters from the end of the runs (dropping runs that become empty). */
export function trimEnd(runs: Inline[], count: number): void {
  let left = count;
  while (left > 0 && runs.length > 0) {
    const last = runs[runs.length - 1]!;
    if (last.text.length > left) {
      last.text = last.text.slice(0, last.text.length - left);
      return;
    }
    left -= last.text.length;
    runs.pop();
  }
}

/** Removes `count` characters from the start of the runs. */
export function trimStart(runs: Inline[], count: number): void {
  let left = count;
  while (left > 0 && runs.length > 0) {
    const first = runs[0]!;
    if (first.text.length > left) {
      first.text = first.text.slice(left);
      return;
    }
    left -= first.text.length;
    runs.shift();
  }
}

/**
 * The runs with the characters from `start` to `end` (offsets in their joined text) replaced by `text`,
 * which takes the style of the run the cut starts in. New runs; the input is not modified.
 */
export function replaceRange(runs: readonly Inline[], start: number, end: number, text: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  let placed = false;
  for (const r of runs) {
    const a = at, b = at + r.text.length;
    at = b;
    const keepHead = r.text.slice(0, Math.max(0, Math.min(b, start) - a));
    const keepTail = r.text.slice(Math.max(0, Math.max(a, end) - a));
    if (b <= start || a >= end) { pushInline(out, { ...r }); continue; }
    let t = keepHead;
    if (!placed) { t += text; placed = true; }
    t += keepTail;
    if (t) pushInline(out, { ...r, text: t });
  }
  return out;
}

/** Trims whitespace at both ends of the runs, in place. */
export function trimRuns(runs: Inline[]): void {
  const lead = (runs[0]?.text.length ?? 0) - (runs[0]?.text.trimStart().length ?? 0);
  if (lead) trimStart(runs, lead);
  while (runs.length && runs[0]!.text === '') runs.shift();
  const last = runs[runs.length - 1];
  const tail = last ? last.text.length - last.text.trimEnd().length : 0;
  if (tail) trimEnd(runs, tail);
}

const formatted = (r: Inline): boolean => !!(r.bold || r.italic || r.code || r.link || r.math);

/**
 * Moves spaces at the edges of formatted runs into the neighbouring plain text, so that bold,
 * italic or a link never starts or ends with a space ("**two bold** words", not "**two bold **words").
 * @param runs runs to normalise
 * Returns new runs with adjacent runs of one style merged.
 */
export function normalizeRuns(runs: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r0 of runs) {
    if (!formatted(r0)) { pushInline(out, { ...r0 }); continue; }
    const lead = r0.text.length - r0.text.trimStart().length;
    const trail = r0.text.trimStart().length - r0.text.trim().length;
    if (lead) pushPlain(out, r0.text.slice(0, lead));
    const core = r0.text.trim();
    if (core) out.push({ ...r0, text: core });
    if (trail) pushPlain(out, r0.text.slice(r0.text.length - trail));
  }
  // Merge again runs of one style that the moves made adjacent, and a bare space between two runs
  // of one style ("**2.** **Related**" → "**2. Related**").
  // Note: so is a glyph or two of another font inside a word of two runs of one style (a math font's symbol in a bold
  // caption, "**Table 2: дmono**"): split there, the word's emphasis would need character references ("д__&#x6D;ono").
  // Not between short runs: bold initials stay apart.
  const merged: Inline[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    const before = merged[merged.length - 2];
    if (last && sameStyle(last, r)) last.text += r.text;
    else if (before && last && sameStyle(before, r) && ((!formatted(last) && last.text.trim() === '')
      || (INWORD_GLYPHS.test(last.text) && /^\S/.test(r.text) && (/^\s/.test(last.text) || /\S$/.test(before.text))
        && before.text.trim().length >= INWORD_NEIGHBOUR && r.text.trim().length >= INWORD_NEIGHBOUR))) {
      before.text += last.text + r.text;
      merged.pop();
    } else merged.push(r);
  }
  return merged;
}

/**
 * One or two characters and no Latin letter, a space before them or not: glyphs of another font that open or go on a
 * word (see `normalizeRuns`); not the letters between bold initials ("**G**a-**A**rbete").
 */
const INWORD_GLYPHS = /^\s?(?:(?!\p{Script=Latin})\S){1,2}$/u;
/** Fewest characters of the runs on either side of such glyphs. */
const INWORD_NEIGHBOUR = 3;

function pushPlain(out: Inline[], text: string): void {
  const last = out[out.length - 1];
  if (last && !formatted(last)) last.text += text; else out.push({ text });
}
