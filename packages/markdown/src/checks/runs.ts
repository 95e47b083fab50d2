/** A stretch of a sequence where a unit of `period` items repeats back to back. */
export interface Run {
  /** Index of the first item of the first copy. */
  start: number;
  /** Items in the unit. */
  period: number;
  /** Copies of the unit (≥ 2), the first one included. */
  repeats: number;
}

/**
 * Finds back-to-back repeats in a sequence of keys (words, sentences, table rows, blocks): for each
 * period from 1 to `maxPeriod`, the stretches where every key equals the one `period` before it,
 * counted in whole copies of the unit. Smaller periods win (a run of "a a a a" is not also reported as "a a").
 * @param keys the items, compared with ===; give items that must never match a key of their own
 * @param opts.maxPeriod longest unit looked for, in items
 * @param opts.minRepeats fewest copies that count
 * @param opts.accept a further condition on a run (e.g. how many characters its unit covers)
 * @returns the runs in order of `start`, never overlapping
 */
export function periodicRuns(keys: readonly string[], opts: { maxPeriod: number; minRepeats: number; accept?: (run: Run) => boolean }): Run[] {
  const covered = new Uint8Array(keys.length);
  const runs: Run[] = [];
  for (let period = 1; period <= opts.maxPeriod; period++) {
    let i = 0;
    while (i + period < keys.length) {
      if (covered[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j + period < keys.length && !covered[j + period] && keys[j] === keys[j + period]) j++;
      const repeats = Math.floor((j - i + period) / period);
      const run = { start: i, period, repeats };
      if (repeats >= opts.minRepeats && (opts.accept?.(run) ?? true)) {
        runs.push(run);
        covered.fill(1, i, i + repeats * period);
        i += repeats * period;
      } else {
        i++;
      }
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

/**
 * The items with every run reduced to its first copy.
 * @param items the sequence
 * @param runs runs found in it by `periodicRuns`
 */
export function keepFirstCopies<T>(items: readonly T[], runs: readonly Run[]): T[] {
  const drop = new Uint8Array(items.length);
  for (const r of runs) drop.fill(1, r.start + r.period, r.start + r.repeats * r.period);
  return items.filter((_, i) => !drop[i]);
}
