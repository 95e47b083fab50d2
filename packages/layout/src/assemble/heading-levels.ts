import type { Block } from '@docmill/core';
import { weightedMode } from '../geometry.js';
import { DOCUMENT_KIND, SECTION_NAME, SEC_ITEM, capsTitle, endsSentence, sectionMark, sectionNumber } from '../markers.js';

/** A heading's lower-case letter closed by a stop or bracket before its capitalised title ("a. Le CLIENT et son compte"). */
const SUBSECTION_LETTER = /^\(?([a-z])[.)]\s+(?=\p{Lu})/u;

/** A page's body blocks and size, as the level pass sees them. */
export interface LevelPage {
  index: number;
  height: number;
  blocks: Block[];
}

interface Style { size: number; bold: boolean }

/**
 * Gives every heading a level 1..6, consistently across the document (blocks modified in place).
 * @param pages body blocks of all pages, in document order
 * Sizes within 0.5 pt form one style; larger sizes rank higher, and at one size bold ranks above
 * regular. The largest style, when used once or twice near the top of the first pages, is the
 * title (level 1) and the next styles start at 2; otherwise the largest style is level 1. Section
 * numbers ("2.3") refine levels when the document numbers its headings, and the depth of a
 * heading in the PDF's outline (`outlineDepth`) overrides both. Headings that are body-sized, not
 * bold, not in italics throughout, not numbered (nor a section mark, Korean, Japanese, Chinese or a statute's, `sectionMark`, nor an SEC filing's item, `SEC_ITEM`, nor a business document's title, `DOCUMENT_KIND`, nor a title in capitals, `capsTitle`), not in the outline, not drawn in a box of their own (`boxed`), not named by the document's contents (`listed`) and not a conventional section name ("Abstract") become paragraphs. Blocks that already have a level keep it.
 */
export function assignHeadingLevels(pages: readonly LevelPage[]): void {
  const all = pages.flatMap((p) => p.blocks);
  const textual = all.filter((b) => (b.type === 'paragraph' || b.type === 'list-item') && b.fontSize);
  const body = weightedMode((textual.length ? textual : all.filter((b) => b.fontSize)).map((b) => [b.fontSize ?? 0, b.text.length] as const), 0.5);

  const todo: Array<{ b: Block; page: LevelPage }> = [];
  for (const page of pages) for (const b of page.blocks) {
    if (b.type !== 'heading' || b.level !== undefined) continue;
    // Note: a heading without a font size (an engine that does not measure) is never demoted.
    // Note: nor is one in italics throughout (layout keeps such a line a heading only when it is short and alone: `isHeadingCandidate`).
    if (b.fontSize !== undefined && body > 0 && b.fontSize < 1.1 * body && !b.bold && !b.italic && !sectionNumber(b.text) && !sectionMark(b.text) && !SEC_ITEM.test(b.text) && b.outlineDepth === undefined && !b.boxed && !b.listed && !SECTION_NAME.test(b.text.trim()) && !DOCUMENT_KIND.test(b.text.trim()) && !capsTitle(b.text)) {
      b.type = 'paragraph';
      if (!endsSentence(b.text)) b.open = true;
      continue;
    }
    todo.push({ b, page });
  }
  if (todo.length === 0) return;

  // Size classes: sizes within 0.5 pt of the class's largest member.
  const sizes = [...new Set(todo.map((t) => t.b.fontSize ?? body))].sort((a, b) => b - a);
  const classOf = new Map<number, number>();
  let rep = Infinity;
  for (const s of sizes) {
    if (rep - s > 0.5) rep = s;
    classOf.set(s, rep);
  }
  const styleKey = (b: Block): Style => ({ size: classOf.get(b.fontSize ?? body) ?? body, bold: !!b.bold });
  const keys: Style[] = [];
  for (const t of todo) {
    const k = styleKey(t.b);
    if (!keys.some((x) => x.size === k.size && x.bold === k.bold)) keys.push(k);
  }
  keys.sort((a, b) => b.size - a.size || Number(b.bold) - Number(a.bold));
  const rank = (b: Block): number => {
    const k = styleKey(b);
    return keys.findIndex((x) => x.size === k.size && x.bold === k.bold);
  };

  const firstIndex = pages[0]?.index ?? 0;
  const top = todo.filter((t) => rank(t.b) === 0);
  const titleLike = keys.length > 1 && top.length <= 2 && top.every((t) => t.page.index <= firstIndex + 1 && t.b.bbox[1] < 0.5 * t.page.height);
  for (const t of todo) {
    const r = rank(t.b);
    t.b.level = Math.min(6, titleLike ? (r === 0 ? 1 : r + 1) : r + 1);
  }

  // Numbering refines levels: depth-1 numbers set the base, deeper numbers go below it.
  const numbered = todo.map((t) => ({ t, n: sectionNumber(t.b.text) })).filter((x) => x.n !== undefined);
  // Note: where sections are numbered in roman numerals, lettered ones ("A. Scale") are their subsections.
  if (numbered.some((x) => /^[IVX]+$/.test(x.n!.number) && x.n!.number !== 'I')) {
    for (const x of numbered) if (/^[A-HJ-UWYZ]$/.test(x.n!.number)) x.n = { ...x.n!, depth: 2 };
  }
  // Note: where sections are numbered in figures, headings lettered in lower case ("a. Sécurité" under "10. Obligations
  // du PRESTATAIRE") are their subsections.
  if (numbered.some((x) => /^\d/.test(x.n!.number) && x.n!.depth === 1)) {
    const has = new Set(numbered.map((x) => x.t));
    for (const t of todo) {
      const letter = SUBSECTION_LETTER.exec(t.b.text);
      if (letter && !has.has(t)) numbered.push({ t, n: { depth: 2, number: letter[1]! } });
    }
  }
  if (numbered.length >= 2) {
    const depth1 = numbered.filter((x) => x.n!.depth === 1);
    if (depth1.length) {
      const base = depth1.reduce((m, x) => Math.min(m, x.t.b.level ?? 6), 6);
      for (const x of numbered) x.t.b.level = Math.min(6, base + x.n!.depth - 1);
      // Unnumbered headings ("Acknowledgments", "References") take the level that numbered
      // headings of their style got.
      const byStyle = new Map<number, Map<number, number>>();
      for (const x of numbered) {
        const r = rank(x.t.b);
        const m = byStyle.get(r) ?? new Map<number, number>();
        m.set(x.t.b.level!, (m.get(x.t.b.level!) ?? 0) + 1);
        byStyle.set(r, m);
      }
      const own = new Set(numbered.map((x) => x.t));
      for (const t of todo) {
        if (own.has(t)) continue;
        const m = byStyle.get(rank(t.b));
        if (!m) continue;
        let best = t.b.level!, bestN = 0;
        for (const [lvl, n] of m) if (n > bestN) { best = lvl; bestN = n; }
        if (!(titleLike && rank(t.b) === 0)) t.b.level = best;
      }
    }
  }

  // The outline (bookmarks) says how deep each heading it names is: below the title when the
  // title is not one of its entries.
  const outlined = todo.filter((t) => t.b.outlineDepth !== undefined);
  if (outlined.length) {
    const shift = titleLike && top.every((t) => t.b.outlineDepth === undefined) ? 1 : 0;
    // Headings the outline leaves out (its entries are named differently, or it stops at one
    // depth) move with the ones it names, so that the hierarchy keeps its steps.
    const moves = new Map<number, number>();
    let from = 6;
    for (const t of outlined) {
      const d = Math.min(6, t.b.outlineDepth! + shift) - t.b.level!;
      moves.set(d, (moves.get(d) ?? 0) + 1);
      from = Math.min(from, t.b.level!);
      t.b.level = Math.min(6, t.b.outlineDepth! + shift);
    }
    const move = [...moves].sort((a, b) => b[1] - a[1])[0]![0];
    for (const t of todo) if (t.b.outlineDepth === undefined && t.b.level! >= from) t.b.level = Math.max(1, Math.min(6, t.b.level! + move));
  }
}
