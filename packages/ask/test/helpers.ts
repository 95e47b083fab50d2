import type { Block, DocumentResult, PageResult } from '@docmill/core';

export interface PageSpec {
  /** Typed blocks; their text also makes the page Markdown. */
  blocks?: Array<Partial<Block> & { type: Block['type']; text: string }>;
  /** Markdown when no blocks are given. */
  markdown?: string;
}

/** Builds a DocumentResult from page specs (what the pipeline would have produced). */
export function makeDoc(pages: PageSpec[]): DocumentResult {
  const results: PageResult[] = pages.map((spec, index) => {
    const blocks: Block[] = (spec.blocks ?? []).map((b) => ({ bbox: [0, 0, 10, 10], ...b }) as Block);
    const markdown =
      spec.markdown ??
      blocks
        .filter((b) => !['header', 'footer', 'page-number'].includes(b.type))
        .map((b) => (b.type === 'heading' ? `${'#'.repeat(b.level ?? 1)} ${b.text}` : b.text))
        .join('\n\n');
    return {
      index,
      dimensions: { width: 612, height: 792, dpi: 72 },
      blocks,
      path: 'text',
      engine: 'local',
      flags: [],
      markdown,
      images: [],
      removed: [],
    };
  });
  return {
    source: { sha256: 'f'.repeat(64), pages: results.length, mime: 'application/pdf', bytes: 1000 },
    pages: results,
    markdown: results.map((p) => `<!-- page ${p.index + 1} -->\n\n${p.markdown}`).join('\n\n'),
    usage: { pages: results.length, pagesText: results.length, pagesOcr: 0, pagesVision: 0, pagesFailed: 0, pagesFallback: 0, promptTokens: 0, imageTokens: 0, completionTokens: 0, seconds: 0 },
    producer: { name: 'docmill', version: '0.1.0', optionsHash: 'test' },
  };
}

/** Deterministic filler prose: `n` sentences about a topic word, different per seed. */
export function filler(seed: number, n: number): string {
  const nouns = ['harbour', 'ledger', 'orchard', 'lantern', 'quarry', 'meadow', 'furnace', 'glacier', 'mill', 'archive', 'bridge', 'vineyard'];
  const verbs = ['records', 'measures', 'describes', 'surveys', 'compares', 'lists'];
  const out: string[] = [];
  let x = seed * 7919 + 17;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const a = nouns[x % nouns.length]!;
    const b = nouns[(x >> 8) % nouns.length]!;
    const v = verbs[(x >> 16) % verbs.length]!;
    out.push(`The ${a} report ${v} the ${b} section in plain terms.`);
  }
  return out.join(' ');
}
