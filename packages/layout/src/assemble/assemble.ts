import type { Block, CellSpan } from '@docmill/core';
import { continues } from './continuation.js';
import { promoteContentsEntries } from './contents-headings.js';
import { demoteAuthorLines, joinStackedHeadings, promoteDisplayLines } from './display-headings.js';
import { assignHeadingLevels } from './heading-levels.js';
import { findMarginals, furnitureRows } from './marginals.js';

/** One page's blocks from `layoutPage` (or an engine), with the page size in points. */
export interface DocumentPageBlocks {
  index: number;
  width: number;
  height: number;
  blocks: Block[];
  /** The blocks come from the PDF's text layer: stamps and journal lines are then furniture even when they occur once. */
  textLayer?: boolean;
}

export interface AssembledPage {
  index: number;
  /** Body blocks: marginals removed; every heading has level 1..6. */
  blocks: Block[];
  removed: Array<{ type: 'header' | 'footer' | 'page-number'; text: string }>;
  /** The first body block continues the previous page's last paragraph (join them in the document). */
  continuesPrevious: boolean;
}

function copyBlock(b: Block): Block {
  const c: Block = { ...b, bbox: [...b.bbox] };
  if (b.inlines) c.inlines = b.inlines.map((r) => ({ ...r }));
  if (b.rows) c.rows = b.rows.map((r) => [...r]);
  if (b.merged) c.merged = b.merged.map((m) => ({ ...m }));
  return c;
}

/** Merged cells after a table lost `top` rows at its top and kept `count`: moved up, cut at the end, gone with their row. */
function keptSpans(merged: readonly CellSpan[], top: number, count: number): CellSpan[] | undefined {
  const out = merged.flatMap((m) => {
    const row = m.row - top;
    const rowSpan = Math.min(m.rowSpan, count - row);
    return row >= 0 && row < count && rowSpan * m.colSpan > 1 ? [{ ...m, row, rowSpan }] : [];
  });
  return out.length ? out : undefined;
}

/**
 * The document-wide pass over laid-out pages.
 * @param pages every page's blocks in document order (a page range is fine: only pages with consecutive
 *   indexes are treated as neighbours)
 * Removes running headers, footers and page numbers (listed in `removed`; on text-layer pages also a
 * table's first or last row that is one, see `furnitureRows`), makes headings of display-size lines
 * the page alone could not judge, joins the stacked lines of one title and makes author lines of the
 * first page paragraphs again (see `display-headings.ts`),
 * gives every heading a level consistently across the document, and flags pages whose first paragraph continues the
 * previous page (a word hyphenated across the break is made whole at the start of the later page).
 * @param opts.inPlace work on the given blocks themselves instead of copies (a caller that made its
 *   own copies: on a 2,016-page document a second copy of every block was ~40 MB more at the peak)
 * The input is not modified unless `inPlace`. Does not join blocks itself: the Markdown stage joins flagged pages.
 */
export function assembleBlocks(pages: DocumentPageBlocks[], opts: { inPlace?: boolean } = {}): AssembledPage[] {
  const copies = opts.inPlace ? pages : pages.map((p) => ({ ...p, blocks: p.blocks.map(copyBlock) }));
  const { marks: marginals, running } = findMarginals(copies);
  const out: AssembledPage[] = copies.map((p, pi) => {
    const marks = marginals[pi]!;
    const removed: AssembledPage['removed'] = [];
    const blocks: Block[] = [];
    p.blocks.forEach((b, bi) => {
      const t = marks.get(bi);
      if (t) { removed.push({ type: t, text: b.text }); return; }
      // Note: a table that runs into the margin band of a text-layer page can hold the running head or foot as a row.
      const cut = p.textLayer ? furnitureRows(b, p.height, running) : { top: 0, bottom: 0 };
      if (cut.top || cut.bottom) {
        const rows = b.rows!;
        for (const row of rows.slice(0, cut.top)) removed.push({ type: 'header', text: row.join('\t') });
        for (const row of rows.slice(rows.length - cut.bottom)) removed.push({ type: 'footer', text: row.join('\t') });
        b.rows = rows.slice(cut.top, rows.length - cut.bottom);
        b.text = b.rows.map((r) => r.join('\t')).join('\n');
        const merged = b.merged && keptSpans(b.merged, cut.top, b.rows.length);
        if (merged) b.merged = merged;
        else delete b.merged;
      }
      blocks.push(b);
    });
    return { index: p.index, blocks, removed, continuesPrevious: false };
  });
  const display = out.map((p, pi) => ({ blocks: p.blocks, ...(copies[pi]!.textLayer ? { textLayer: true } : {}) }));
  promoteDisplayLines(display);
  joinStackedHeadings(display);
  demoteAuthorLines(display);
  promoteContentsEntries(display);
  assignHeadingLevels(out.map((p, pi) => ({ index: p.index, height: copies[pi]!.height, blocks: p.blocks })));
  // Note: `listed` is the level pass's to read; results hold the level it gave.
  for (const p of out) for (const b of p.blocks) delete b.listed;
  // Note: only neighbours continue each other (pages 3 and 7 of a page-range conversion do not).
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.index === out[i - 1]!.index + 1) out[i]!.continuesPrevious = continues(out[i - 1]!.blocks, out[i]!.blocks);
  }
  return out;
}
