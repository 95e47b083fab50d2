import type { Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { plainText } from './clean/text.js';
import { parseMarkdown, stringifyMarkdown } from './processor.js';

/** Fewest words a partial overlap between two blocks must share to count (shorter shared runs are coincidence). */
const MIN_SHARED_WORDS = 4;

/**
 * Joins the answers for the tiles of one page into one page of Markdown, as trees: `bands` are read one
 * after the other (column bands left to right, or a single band), and inside a band each tile's answer
 * overlaps the one above it. The overlap is removed by aligning the last blocks of the upper answer with
 * the first blocks of the lower one:
 * - blocks in the overlap that both answers have are kept once;
 * - the block cut by the upper tile's bottom edge and the one cut by the lower tile's top edge are joined
 *   (a paragraph's words, a table's rows), keeping the shared words or rows once.
 * @param bands answers (Markdown) per band, top to bottom
 * @returns the page's Markdown (remark-stringify) and how many seams had an overlap removed
 * Does not move text between bands: a line cut by a band's side edge stays cut (the tiler puts band edges in
 * gutters, where no line crosses).
 */
export function stitchTileAnswers(bands: readonly (readonly string[])[]): { markdown: string; seams: number } {
  const out: RootContent[] = [];
  let seams = 0;
  for (const band of bands) {
    let acc: RootContent[] = [];
    for (const answer of band) {
      const next = parseMarkdown(answer).children;
      const joined = joinOverlap(acc, next);
      if (joined.overlapped) seams++;
      acc = joined.blocks;
    }
    out.push(...acc);
  }
  const root: Root = { type: 'root', children: out };
  return { markdown: out.length === 0 ? '' : stringifyMarkdown(root), seams };
}

/** Words of a block (rows for tables), normalised for comparison: lower case, letters and digits only. */
function units(node: RootContent): string[] {
  if (node.type === 'table') return node.children.map((row) => row.children.map((c) => plainText(c).toLowerCase()).join('\u0001'));
  return plainText(node).toLowerCase().split(/\s+/).filter(Boolean).map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''));
}

/** Unmatched words allowed at the upper block's end and at the lower block's start: a line half cut by a tile's edge, read differently. */
const EDGE_WORDS = 3;

function sameKind(a: RootContent, b: RootContent): boolean {
  return a.type === b.type && (a.type !== 'table' || (a as Table).children[0]?.children.length === (b as Table).children[0]?.children.length);
}

/** Longest t with a's last t units equal to b's first t units. */
function sharedRun(a: string[], b: string[]): number {
  for (let t = Math.min(a.length, b.length); t > 0; t--) {
    let ok = true;
    for (let i = 0; i < t && ok; i++) ok = a[a.length - t + i] === b[i];
    if (ok) return t;
  }
  return 0;
}

function endsWith(a: string[], b: string[]): boolean {
  return b.length > 0 && b.length <= a.length && sharedRun(a, b) === b.length;
}

function startsWith(b: string[], a: string[]): boolean {
  return a.length > 0 && a.length <= b.length && a.every((u, i) => b[i] === u);
}

function joinOverlap(upper: RootContent[], lower: RootContent[]): { blocks: RootContent[]; overlapped: boolean } {
  if (upper.length === 0 || lower.length === 0) return { blocks: [...upper, ...lower], overlapped: false };
  // m blocks of the lower answer lie in the overlap: upper[j..] against lower[0..m-1], j = upper.length - m.
  for (let m = Math.min(upper.length, lower.length); m >= 2; m--) {
    const j = upper.length - m;
    const a = upper.slice(j);
    const b = lower.slice(0, m);
    const inner = a.slice(1, -1).every((x, i) => sameKind(x, b[i + 1]!) && units(x).join(' ') === units(b[i + 1]!).join(' '));
    const first = sameKind(a[0]!, b[0]!) && endsWith(units(a[0]!), units(b[0]!));
    const last = sameKind(a[m - 1]!, b[m - 1]!) && startsWith(units(b[m - 1]!), units(a[m - 1]!));
    if (inner && first && last) return { blocks: [...upper.slice(0, j + 1), ...lower.slice(1)], overlapped: true };
  }
  // One block in the overlap, cut by both edges: join its two parts.
  const a = upper[upper.length - 1]!;
  const b = lower[0]!;
  const merged = sameKind(a, b) ? (mergePair(a, b) ?? (a.type === 'paragraph' && b.type === 'paragraph' ? fuzzyJoin(a, b) : undefined)) : undefined;
  if (merged) return { blocks: [...upper.slice(0, -1), merged, ...lower.slice(1)], overlapped: true };
  return { blocks: [...upper, ...lower], overlapped: false };
}

/** The upper tile's last block and the lower tile's first block as one, or undefined when they share too little. */
function mergePair(a: RootContent, b: RootContent): RootContent | undefined {
  const ua = units(a);
  const ub = units(b);
  if (endsWith(ua, ub)) return a;
  if (startsWith(ub, ua)) return b;
  const t = sharedRun(ua, ub);
  if (t < (a.type === 'table' ? 1 : MIN_SHARED_WORDS)) return undefined;
  if (a.type === 'table' && b.type === 'table') return { ...a, children: [...a.children, ...b.children.slice(t)] };
  if (a.type === 'paragraph' && b.type === 'paragraph') {
    const rest = dropLeadingWords(b.children, t);
    if (rest) return { ...a, children: [...a.children, { type: 'text', value: ' ' }, ...rest] } satisfies Paragraph;
  }
  return undefined;
}

/**
 * Where a lower paragraph picks up an upper one when a line cut by the tiles' edge was read differently:
 * ≥ 4 shared words after dropping up to 3 words at the upper paragraph's end and at the lower one's start
 * (fewest dropped first). The upper paragraph keeps its words up to the shared run, the lower one goes on after it.
 */
function fuzzyJoin(a: Paragraph, b: Paragraph): Paragraph | undefined {
  const ua = units(a);
  const ub = units(b);
  for (let dropped = 1; dropped <= 2 * EDGE_WORDS; dropped++) {
    for (let tail = Math.max(0, dropped - EDGE_WORDS); tail <= Math.min(EDGE_WORDS, dropped); tail++) {
      const head = dropped - tail;
      const upper = ua.slice(0, ua.length - tail);
      const t = sharedRun(upper, ub.slice(head));
      if (t < MIN_SHARED_WORDS) continue;
      const kept = dropTrailingWords(a.children, tail);
      const rest = dropLeadingWords(b.children, head + t);
      if (kept && rest) return { ...a, children: [...kept, { type: 'text', value: ' ' }, ...rest] };
    }
  }
  return undefined;
}

/** Phrasing content without its last `count` words, when they all lie in the last text node; else undefined. */
function dropTrailingWords(children: PhrasingContent[], count: number): PhrasingContent[] | undefined {
  if (count === 0) return children;
  const last = children[children.length - 1];
  if (!last || last.type !== 'text') return undefined;
  const words = last.value.trimEnd().split(/(?<=\s)(?=\S)/);
  if (words.length < count) return undefined;
  return [...children.slice(0, -1), { ...last, value: words.slice(0, words.length - count).join('').trimEnd() }];
}

/** Phrasing content without its first `count` words, when they all lie in leading text nodes; else undefined. */
function dropLeadingWords(children: PhrasingContent[], count: number): PhrasingContent[] | undefined {
  const out = [...children];
  let left = count;
  while (left > 0) {
    const first = out[0];
    if (!first || first.type !== 'text') return undefined;
    const words = first.value.trimStart().split(/(?<=\s)(?=\S)/);
    if (words.length <= left) {
      left -= words.filter((w) => w.trim() !== '').length;
      out.shift();
    } else {
      out[0] = { ...first, value: words.slice(left).join('') };
      left = 0;
    }
  }
  return out;
}
