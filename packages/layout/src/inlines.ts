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

/** Trims whitespace at both ends of the runs, in place. */
export function trimRuns(runs: Inline[]): void {
  const lead = (runs[0]?.text.length ?? 0) - (runs[0]?.text.trimStart().length ?? 0);
  if (lead) trimStart(runs, lead);
  while (runs.length && runs[0]!.text === '') runs.shift();
  const last = runs[runs.length - 1];
  const tail = last ? last.text.length - last.text.trimEnd().length : 0;
  if (tail) trimEnd(runs, tail);
}
