import { DocmillError } from './errors.js';

/**
 * Parses page ranges as people say them ("1-3,7", "5-", "all") into sorted,
 * unique 0-based indices.
 * @param spec the ranges, 1-based and inclusive; undefined or "all" means every page
 * @param pageCount pages in the document; numbers past the end are dropped, not errors
 * Does not accept 0 or negative numbers (a DOCMILL_ERR_USAGE_BAD_PAGES error).
 */
export function parsePageRanges(spec: string | undefined, pageCount: number): number[] {
  if (spec === undefined || spec.trim() === '' || spec.trim().toLowerCase() === 'all') {
    return Array.from({ length: pageCount }, (_, i) => i);
  }
  const out = new Set<number>();
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    const m = /^(\d+)?\s*(-)?\s*(\d+)?$/.exec(part);
    if (!part || !m || (!m[1] && !m[3])) throw new DocmillError('USAGE_BAD_PAGES', `Cannot read page range "${part}".`);
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : pageCount) : from;
    if (from < 1 || to < 1 || to < from) throw new DocmillError('USAGE_BAD_PAGES', `Bad page range "${part}".`);
    for (let p = from; p <= Math.min(to, pageCount); p++) out.add(p - 1);
  }
  return [...out].sort((a, b) => a - b);
}

/** Formats sorted 0-based indices back into compact 1-based ranges ("1-3,7"). */
export function formatPageRanges(indices: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < indices.length) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    parts.push(i === j ? `${indices[i]! + 1}` : `${indices[i]! + 1}-${indices[j]! + 1}`);
    i = j + 1;
  }
  return parts.join(',');
}
