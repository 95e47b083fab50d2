import type { Block, PositionedPage, TextSpan } from '@docmill/core';
import { findAlignedTables } from './aligned-table.js';
import { boxedHeading, boxedLabels } from './boxed-labels.js';
import { findCodeRuns, isMono } from './code-block.js';
import { isMarginTurned, marginLineBlocks, verticalBlocks } from './vertical.js';
import { classifyUnit, limitHeadings, loneBulletHeadings, OWN_TEXT_CHARS, setListDepths, type PageFacts } from './classify.js';
import { joinAcrossColumns } from './column-join.js';
import { unionBox, weightedMode } from './geometry.js';
import { barRules, gutterCutter, type RuleLine } from './gutters.js';
import { findContentsRuns, findLeaderTables } from './leader-table.js';
import { buildFragments, buildLines, mostlyRightToLeft, visibleChars, type Fragment, type Line } from './lines.js';
import { resolveOptions, type LayoutOptions, type ResolvedLayoutOptions } from './options.js';
import { capsOverMixed, DOCUMENT_KIND, endsSentence } from './markers.js';
import { normalizeRuns } from './inlines.js';
import { groupLines, mainFamily, mainFont, regionMetrics, sizeStep, type Unit } from './paragraphs.js';
import { readingOrder, type FlowItem, type Region } from './reading-order.js';
import { orderRegions } from './region-order.js';
import { findRuledTables, verticalRule } from './ruled-table.js';
import { splitRunInHeadings } from './run-in.js';

/** Smallest size of a subheading, as a share of the heading's size over it (see `regionBlocks`). */
const SUBHEAD_MIN = 0.6;

/** Least white space (ems of the line) between a company's name and a document's title on one line (`titleApart`). */
const TITLE_APART_EM = 4;

/** Least white space (ems) between them where the title is set in another size or typeface (`titleApart`). */
const TITLE_NEAR_EM = 0.5;

/**
 * A line alone that holds a business document's title (`DOCUMENT_KIND`) `TITLE_APART_EM` or more apart from what stands
 * before it on the line (`TITLE_NEAR_EM` in another size or typeface), as two units: a letterhead's company name at the
 * left and "INVOICE #1" at the right are two things, not one heading "LARC INVOICE #1". So are a title and what stands
 * as far after it ("INVOICE" … "#INV-2025-001").
 */
function titleApart(u: Unit): Unit[] {
  const segs = u.lines.length === 1 ? u.lines[0]!.segments : [];
  if (segs.length < 2 || u.marker) return [u];
  const em = u.lines[0]!.fontSize || 10;
  for (let i = 1; i < segs.length; i++) {
    // Note: nearer in type of another size or face ("Övningsbolaget AB" in 24-point Arial, "Faktura" in 17-point Times
    // an em to its right).
    const [pa, pb] = [segs[i - 1]!, segs[i]!];
    const gap = pb.bbox[0] - pa.bbox[2];
    const other = Math.abs(pa.fontSize - pb.fontSize) > 0.1 * Math.max(pa.fontSize, pb.fontSize) || mainFont(pa.spans) !== mainFont(pb.spans);
    if (gap < (other ? TITLE_NEAR_EM : TITLE_APART_EM) * em) continue;
    const left = segs.slice(0, i), right = segs.slice(i);
    const leftTitle = DOCUMENT_KIND.test(left.map((f) => f.text.trim()).join(' ')), rightTitle = DOCUMENT_KIND.test(right.map((f) => f.text.trim()).join(' '));
    // Note: or the title at the left and its number far right ("INVOICE" … "#INV-2025-001").
    if (leftTitle === rightTitle) return [u];
    const [a] = buildLines(left), [b] = buildLines(right);
    return a && b ? [{ ...u, lines: [a] }, { ...u, lines: [b], gapBefore: Infinity, spaced: true }] : [u];
  }
  return [u];
}

/** Most rows of text outside a page's ruled tables that may be its titles (see `layoutPage`). */
const TITLE_ROWS = 3;

/** Characters inside ruled tables, as a multiple of those outside, from which a page is a page of tables (see `layoutPage`). */
const TABLE_PAGE_RATIO = 4;

/**
 * One page → blocks in reading order.
 * @param page positioned text of the page (text layer or OCR lines), with optional rules and figure areas
 * @param opts layout knobs (see `LayoutOptions`)
 * Headings are typed 'heading' without a level (levels are a document-wide decision, see
 * `assembleBlocks`). Running headers, footers and page numbers are kept as ordinary blocks:
 * telling them apart needs the other pages. Pure: no I/O, the input is not modified.
 */
export function layoutPage(page: PositionedPage, opts?: LayoutOptions): Block[] {
  const o = resolveOptions(opts);
  // Note: vertical writing (spans with dir 'ttb') has its own simple path; on mixed pages the
  // horizontal text takes the main path and the vertical columns follow it.
  const ttbChars = page.spans.reduce((n, s) => n + (s.dir === 'ttb' ? s.text.length : 0), 0);
  if (ttbChars > 0) {
    const vertical = verticalBlocks(page.spans.filter((s) => s.dir === 'ttb'));
    const rest = page.spans.filter((s) => s.dir !== 'ttb');
    if (rest.length === 0) return vertical;
    return [...layoutPage({ ...page, spans: rest }, opts), ...vertical];
  }
  const ruled = findRuledTables(page.rules ?? [], page.spans, o, page.height);
  const consumed = new Set<number>();
  for (const t of ruled) for (const i of t.consumed) consumed.add(i);
  // Note: a line turned up or down a side margin (arXiv's stamp, a download stamp) is read apart:
  // joined to the horizontal lines beside it, it was glued into every body line at its height.
  // One inside a ruled table (a form's side label) stays the table's. Their blocks come after the page's others.
  const margin = page.source === 'text-layer' ? page.spans.filter((s, i) => !consumed.has(i) && isMarginTurned(s, page.width)) : [];
  const marginSet = new Set(margin);
  const ocr = page.source === 'ocr';
  const kept = page.spans.filter((s, i) => !consumed.has(i) && !marginSet.has(s));
  const mediumBody = MEDIUM_NAME.test(mainFont(kept) ?? '');
  const unconsumed = boldThroughout(kept.map((s) => withFontStyle(s, mediumBody)));
  // Note: a '|' read by OCR is a column rule or a box edge, never text.
  let spans: TextSpan[] = ocr ? unconsumed.filter((s) => !RULE_TEXT.test(s.text)) : unconsumed;
  if (ocr && spans.length > 0 && spans.every((s) => s.region !== undefined)) {
    const bars = barRules(unconsumed);
    return layoutRegions(page, splitRegionsAtRules(bars.spans, bars.rules), ruled.map((t) => t.block), o);
  }
  // Note: when the recogniser gave its lines' words, wide word spaces of justified narrow columns
  // do not cut a line; gutterCutter cuts lines where they run across a column gutter instead.
  // Pages of whole-line spans (PP-OCR) keep the text-layer rules.
  const wordLevel = ocr && page.spans.length > 0 && hasWordSpans(page.spans);
  let cutter: ReturnType<typeof gutterCutter> | undefined;
  let rules: RuleLine[] = [];
  if (wordLevel) {
    const bars = barRules(unconsumed);
    spans = bars.spans;
    rules = bars.rules;
    cutter = gutterCutter(spans, rules);
  }
  const frags = buildFragments(spans, wordLevel ? { ...o, splitGapEm: Math.max(o.splitGapEm, OCR_SPLIT_GAP_EM) } : o, cutter)
    .filter((f) => !wordLevel || !ocrSpeck(f));

  // Note: on a page of ruled tables, with little text outside them (their titles), the body size is the tables' own:
  // "Pesticides" in 10 pt bold over a table in 8 pt is a heading, not the page's body.
  const cells = page.spans.filter((_, i) => consumed.has(i));
  const tableSizes = cells.map((s) => [s.fontSize, visibleChars(s.text)] as const);
  const outside = frags.reduce((n, f) => n + f.chars, 0);
  const inTables = tableSizes.reduce((n, [, c]) => n + c, 0);
  const tableBody = weightedMode(tableSizes);
  // Note: so is a page whose text outside its tables is a title or two, every line of it in larger type than the tables
  // (a gym's name and "HORAIRES D'OUVERTURE" over its ruled timetable).
  const titlesOnly = inTables > outside && new Set(frags.map((f) => f.row)).size <= TITLE_ROWS
    && frags.every((f) => f.fontSize >= o.headingSizeRatio * tableBody);
  const tablePage = inTables >= TABLE_PAGE_RATIO * outside || titlesOnly;
  // Note: the bold share counts the tables' cells too: a page whose text outside its tables is mostly the tables' bold
  // titles ("2033-A — Bilan simplifié" over each box of a tax bundle) is not a page set in bold.
  const facts = pageFacts(page, spans, [...frags.map((f) => [f.fontSize, f.chars] as const), ...(tablePage ? tableSizes : [])], cells);
  const rtl = mostlyRightToLeft(spans);
  if (rtl) facts.rtl = true;

  const boxed = ocr ? new Set<Fragment>() : boxedLabels(frags, page.rules ?? [], facts.bodySize || 10);
  const items: FlowItem[] = frags.map((f) => (boxed.has(f) ? { bbox: f.bbox, block: boxedHeading(f) } : { bbox: f.bbox, frag: f }));
  for (const t of ruled) items.push({ bbox: t.block.bbox, block: t.block });
  items.push(...figureItems(page));

  // Note: the size of a line read word by word is the height of its box, about 1.4 em of its type:
  // gutters and gaps are measured in the type's em.
  const regions = readingOrder(items, o, (facts.bodySize || 10) * (wordLevel ? OCR_EM : 1), rtl, wordLevel ? { rules, bodySize: facts.bodySize || 10 } : undefined, ocr ? [] : drawnRules(page));
  const blocks: Block[] = [];
  const regionOf: number[] = [];
  regions.forEach((r, ri) => {
    for (const b of regionBlocks(r, facts, o)) {
      if (r.column !== undefined) b.column = r.column;
      blocks.push(b);
      regionOf.push(ri);
    }
  });
  limitHeadings(blocks);
  const body = splitRunInHeadings(joinAcrossColumns(blocks, regionOf, page.height));
  return margin.length ? [...body, ...marginLineBlocks(margin)] : body;
}

/**
 * A scanned page whose recogniser segmented it (tesseract: every line in a block and paragraph):
 * each recogniser region is read as a unit, the regions in reading order by `orderRegions`
 * (columns, then across), each region's lines grouped and classified as on any page.
 * @param page the page (size, figures)
 * @param spans its spans, every one with a `region`, rule characters already dropped
 * @param atomic ruled tables found on the page (their spans are not in `spans`)
 * Note: measured on the press pages (bench/press.ts), tesseract's own segmentation keeps the
 * columns of a newspaper apart far better than rebuilding lines from its words did (CER 0.29
 * → see the README), and its paragraphs are the ground truth's regions more often than not.
 * Word-level line building stays for recognisers that give no regions (PP-OCR).
 */
function layoutRegions(page: PositionedPage, spans: TextSpan[], atomic: Block[], o: ResolvedLayoutOptions): Block[] {
  const fragOpts = { ...o, splitGapEm: Math.max(o.splitGapEm, OCR_SPLIT_GAP_EM) };
  const groups: FlowItem[][] = [];
  let row = 0;
  for (const group of groupBy(spans, (s) => s.region!).values()) {
    // Note: each recogniser line is a row of its own (its words chained, cut only at wide gaps), so
    // that the lines of a skewed column never trade words; without line ids the spans are chained as usual.
    const frags: Fragment[] = [];
    for (const [line, words] of groupBy(group, (s) => s.line)) {
      const built = buildFragments(words, fragOpts).filter((f) => !ocrSpeck(f));
      const base = row;
      for (const f of built) {
        f.row = line === undefined ? base + f.row : base;
        row = Math.max(row, f.row + 1);
        frags.push(f);
      }
    }
    if (frags.length) groups.push(frags.map((f) => ({ bbox: f.bbox, frag: f })));
  }
  for (const b of atomic) groups.push([{ bbox: b.bbox, block: b }]);
  for (const fig of figureItems(page)) groups.push([fig]);
  const frags = groups.flatMap((g) => g.flatMap((i) => (i.frag ? [i.frag] : [])));
  const facts = pageFacts(page, spans, frags.map((f) => [f.fontSize, f.chars] as const));
  // Note: a section ends at whitespace of half a body line more than the page's line spacing, with
  // text ending above it and starting below it across the page (a masthead's foot, the rule over a
  // feuilleton), not at a paragraph gap that happens to run across the columns, nor at the space
  // between two lines of a column that tesseract put in two regions (scribe_multicol_01: its first
  // lines beside a sidebar, whose entries end and start at the same heights).
  const body = facts.bodySize || 10;
  const order = orderRegions(groups.map((g) => unionBox(g.map((i) => i.bbox))), SECTION_GAP_LINES * body + lineSpacing(groups), SECTION_NEAR_LINES * body);
  const blocks: Block[] = [];
  const regionOf: number[] = [];
  for (const gi of order) {
    for (const b of regionBlocks({ items: groups[gi]! }, facts, o)) {
      blocks.push(b);
      regionOf.push(gi);
    }
  }
  limitHeadings(blocks);
  return joinAcrossColumns(blocks, regionOf, page.height);
}

/**
 * The spans with each recogniser region cut at the column rules that run through it: a
 * region whose lines run across a rule (tesseract fused the lines of two columns, as it
 * does near a band's edge: argus_1910_p17) becomes one region per side of the rule.
 * @param spans word spans, every one with a `region`, bars taken out (see `barRules`)
 * @param rules the vertical rules the bars lie on
 */
export function splitRegionsAtRules(spans: readonly TextSpan[], rules: readonly RuleLine[]): TextSpan[] {
  if (!rules.length) return [...spans];
  const boxes = new Map([...groupBy(spans, (s) => s.region!)].map(([k, g]) => [k, unionBox(g.map((s) => s.bbox))] as const));
  return spans.map((s) => {
    const box = boxes.get(s.region!)!;
    const cx = (s.bbox[0] + s.bbox[2]) / 2, cy = (s.bbox[1] + s.bbox[3]) / 2;
    // Note: only rules that run inside the region's box (text of the region on both sides) and
    // beside the word cut it: a headline over the columns, above the rule, stays whole.
    const side = rules.filter((r) => r.x > box[0] && r.x < box[2] && cy > r.y0 && cy < r.y1 && r.x < cx).length;
    return side ? { ...s, region: `${s.region}|${side}` } : s;
  });
}

/**
 * The page's line spacing: the upper quartile of the whitespace between consecutive lines of a
 * region (0 where lines touch or overlap, as in most newspaper columns).
 */
function lineSpacing(groups: readonly FlowItem[][]): number {
  const gaps: number[] = [];
  for (const g of groups) {
    const rows = [...groupBy(g.filter((i) => i.frag), (i) => i.frag!.row).values()].map((r) => unionBox(r.map((i) => i.bbox)));
    rows.sort((a, b) => a[1] - b[1]);
    for (let k = 1; k < rows.length; k++) gaps.push(rows[k]![1] - rows[k - 1]![3]);
  }
  if (!gaps.length) return 0;
  gaps.sort((a, b) => a - b);
  return Math.max(0, gaps[(gaps.length * 3) >> 2]!);
}

/** Items grouped by key, groups and their items in first-seen order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = groups.get(k);
    if (list) list.push(it); else groups.set(k, [it]);
  }
  return groups;
}

/** Whitespace across the page that may end a section of a recogniser-segmented page, in body sizes. */
const SECTION_GAP_LINES = 0.5;
/** How near a section break regions end and start, in body sizes (see orderRegions). */
const SECTION_NEAR_LINES = 3;

/** The page's figure areas as atomic flow items. */
function figureItems(page: PositionedPage): FlowItem[] {
  const pageArea = page.width * page.height;
  const items: FlowItem[] = [];
  for (const fig of page.figures ?? []) {
    const w = fig[2] - fig[0], h = fig[3] - fig[1];
    // Note: a background image covering most of the page, or an icon, is not a figure of the content.
    if (w < 16 || h < 16 || (pageArea > 0 && w * h > 0.6 * pageArea)) continue;
    items.push({ bbox: [...fig], block: { type: 'figure', text: '', bbox: [...fig] } });
  }
  return items;
}

/**
 * Vertical rules drawn on a page of text, as lines: vertical as ruled tables take them (`verticalRule`) and at least
 * `DRAWN_RULE_MIN` tall. Reading order tries them as gutters first (a framed article's side beside a sidebar).
 */
function drawnRules(page: PositionedPage): RuleLine[] {
  return (page.rules ?? []).flatMap((b) => {
    const v = verticalRule(b);
    return v && v.y1 - v.y0 >= DRAWN_RULE_MIN ? [v] : [];
  });
}

/** Shortest vertical rule (pt) taken as a gutter: a few lines of text tall. */
const DRAWN_RULE_MIN = 36;

/** Text of an OCR span that is a drawn rule read as a character. */
const RULE_TEXT = /^\s*[|¦]+\s*$/;
/**
 * An OCR fragment that is most likely a speck, a scanner edge or a piece of a picture read as
 * characters: at most two letters or digits, read with low confidence, or no letter or digit at all
 * in a piece of up to three characters.
 */
function ocrSpeck(f: Fragment): boolean {
  const alnum = (f.text.match(/[\p{L}\p{N}]/gu) ?? []).length;
  const conf = f.confChars ? f.confSum / f.confChars : 1;
  if (alnum === 0) return f.text.replace(/\s+/g, '').length <= 3;
  return alnum <= 2 && conf < 0.6;
}

/** Widest word gap (em of the OCR line size) inside one piece of a recognised line. */
const OCR_SPLIT_GAP_EM = 2.5;

/** The recogniser gave words (spans ending in a space are words of a line, see ocrToPositionedPage). */
function hasWordSpans(spans: readonly TextSpan[]): boolean {
  let spaced = 0;
  for (const s of spans) if (/\S $/.test(s.text)) spaced++;
  return spaced >= 0.3 * spans.length;
}

/** The type's em as a share of the box height of a line read word by word. */
const OCR_EM = 0.7;

// Note: TeX fonts name their weight in the family (CMBX10 = Computer Modern Bold Extended).
const BOLD_NAME = /(bold|black|heavy|semibold|demi|[-,+]medi(?:ital|um)?$|[-,]med$|^(?:[A-Z]{6}\+)?(?:cmbx|cmssbx|cmb\d|lmroman\d+-bold|sfbx))/i;
const ITALIC_NAME = /(italic|oblique|ital$|-it$|^(?:[A-Z]{6}\+)?(?:cmti|cmsl|sfti|sfsl))/i;

// Note: math fonts are italic by design; a formula variable is not emphasis ("*U* ∈ T" is noise).
const MATH_NAME = /^(?:[A-Z]{6}\+)?(cmmi|cmsy|cmex|cmbsy|msbm|msam|eufm|eusm|rsfs|stmary|wasy|lmmath|latinmodern-math|stix\w*math|cambria.?math|xits\w*math|mathematicalpi|euler)/i;

// Note: "Medium" is bold's stand-in in some families (Roboto-Medium headings over Roboto-Regular) and
// the text weight in others (StoneSerifStd-Medium body text): it is bold only where the body is not Medium.
const MEDIUM_NAME = /[-,+]med(?:ium)?$/i;

/** Font-name verdicts, cached (a document has few fonts and many spans). */
const nameStyle = new Map<string, { bold: boolean; italic: boolean; math: boolean }>();

/**
 * The span with bold/italic also taken from its font name when the extractor did not flag them
 * (e.g. "NimbusRomNo9L-Medi" is the bold of a Times clone), and without them in math fonts (CMMI,
 * CMSY…: italic by design, not emphasis). Returns the span itself when nothing changes.
 * @param mediumBody the page's body text is set in a Medium weight: Medium is not bold there
 */
function withFontStyle(s: TextSpan, mediumBody: boolean): TextSpan {
  if (!s.fontName) return s;
  let st = nameStyle.get(s.fontName);
  if (!st) {
    st = { bold: BOLD_NAME.test(s.fontName), italic: ITALIC_NAME.test(s.fontName), math: MATH_NAME.test(s.fontName) };
    if (nameStyle.size > 5000) nameStyle.clear();
    nameStyle.set(s.fontName, st);
  }
  if (st.math) {
    if (!s.italic && !s.bold) return s;
    const { italic: _i, bold: _b, ...plain } = s;
    return plain;
  }
  const bold = !s.bold && st.bold && !(mediumBody && MEDIUM_NAME.test(s.fontName));
  const italic = !s.italic && st.italic;
  if (!bold && !italic) return s;
  return { ...s, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) };
}

/**
 * The spans without bold when the page sets all its text in bold (an invoice in Roboto Black throughout): bold that
 * sets nothing apart is the page's type, not emphasis, and Markdown would wrap every paragraph in it. Headings still
 * stand out by size. Pages of little text (a cover's few bold lines) keep it.
 */
function boldThroughout(spans: TextSpan[]): TextSpan[] {
  let chars = 0, bold = 0;
  for (const s of spans) {
    const c = visibleChars(s.text);
    chars += c;
    if (s.bold) bold += c;
  }
  if (chars < BOLD_PAGE_CHARS || bold < chars) return spans;
  return spans.map(({ bold: _b, ...plain }) => plain);
}

/** Fewest characters on a page set all in bold for its bold to be taken as its type (see `boldThroughout`). */
const BOLD_PAGE_CHARS = 200;

/**
 * What the page's text says of itself: its body size (the weighted mode of `sizes`), its bold share, its body typeface.
 * @param cells the text of its ruled tables, which counts in the bold share only: the smaller of the shares without and with it
 */
function pageFacts(page: PositionedPage, spans: readonly TextSpan[], sizes: ReadonlyArray<readonly [number, number]>, cells: readonly TextSpan[] = []): PageFacts {
  let chars = 0, bold = 0, mono = 0;
  for (const s of spans) {
    const c = visibleChars(s.text);
    chars += c;
    if (s.bold) bold += c;
    if (isMono(s)) mono += c;
  }
  let cellChars = 0, cellBold = 0;
  for (const s of cells) {
    const c = visibleChars(s.text);
    cellChars += c;
    if (s.bold) cellBold += c;
  }
  // Note: the smaller of the two shares, outside the tables and over all the text: bold that is rare in either sets
  // things apart.
  const outside = chars ? bold / chars : 0;
  const boldShare = chars + cellChars ? Math.min(outside, (bold + cellBold) / (chars + cellChars)) : 0;
  const facts: PageFacts = { bodySize: weightedMode(sizes, 0.5), boldShare, width: page.width, height: page.height, textLayer: page.source === 'text-layer' };
  const family = mainFamily(spans);
  if (family !== undefined) facts.bodyFamily = family;
  if (chars && mono >= 0.6 * chars) facts.monoBody = true;
  return facts;
}

/** Blocks of one region: atomic blocks and text in vertical order, tables first, then paragraphs. */
function regionBlocks(r: Region, facts: PageFacts, o: ResolvedLayoutOptions): Block[] {
  const frags = r.items.flatMap((i) => (i.frag ? [i.frag] : []));
  const atomic = r.items.flatMap((i) => (i.block ? [i.block] : []));
  const lines = buildLines(frags, facts.rtl);
  const metrics = regionMetrics(lines);
  // Code listings first (a listing with aligned comments is not a table), and listings of codes with dot
  // leaders (read as two-column tables), then tables between them.
  const code = findCodeRuns(lines, metrics.pitch, !!facts.monoBody);
  // Note: on a page set in a typewriter face the monospaced text is the body, not inline code.
  if (facts.monoBody) for (const l of lines) l.inlines = normalizeRuns(l.inlines.map(({ code: _c, ...r }) => r));
  const leaders = findLeaderTables(lines).filter((t) => !code.some((c) => c.start < t.end && t.start < c.end));
  // Note: a table of contents set in aligned columns stays text (its lines go on to paragraphs, not into a table).
  const taken = [...code, ...leaders];
  const contents = findContentsRuns(lines).filter((t) => !taken.some((c) => c.start < t.end && t.start < c.end));
  for (const c of contents) for (const l of lines.slice(c.start, c.end)) l.contents = true;
  const fixed: Array<{ start: number; end: number; block?: Block }> = [...taken, ...contents].sort((a, b) => a.start - b.start);
  const tables: Array<{ start: number; end: number; block: Block }> = [];
  let from = 0;
  for (const stretch of [...fixed, { start: lines.length, end: lines.length }]) {
    for (const t of findAlignedTables(lines.slice(from, stretch.start), o, metrics.pitch)) tables.push({ ...t, start: t.start + from, end: t.end + from });
    if ('block' in stretch && stretch.block) tables.push({ ...stretch, block: stretch.block });
    from = stretch.end;
  }
  // Pieces in order: runs of lines (paragraph material) and tables.
  type Piece = { y: number; block?: Block; lines?: Line[] };
  const pieces: Piece[] = [];
  let i = 0;
  for (const t of tables) {
    if (t.start > i) pieces.push({ y: lines[i]!.bbox[1], lines: lines.slice(i, t.start) });
    pieces.push({ y: t.block.bbox[1], block: t.block });
    i = t.end;
  }
  if (i < lines.length) pieces.push({ y: lines[i]!.bbox[1], lines: lines.slice(i) });
  // Atomic blocks cut line runs where they sit.
  // Note: not a figure wholly beside the lines on either side of the cut: a logo left of a title set on two lines
  // ("ZLECENIE DOCHODZENIA ROSZCZEŃ" over "FINANSOWYCH") parted the title; it follows the run.
  const beside = (a: Block, l: Line): boolean => l.bbox[2] <= a.bbox[0] || l.bbox[0] >= a.bbox[2];
  for (const a of atomic) {
    const idx = pieces.findIndex((p) => p.lines && p.lines.some((l) => l.bbox[1] > a.bbox[1]) && p.lines[0]!.bbox[1] < a.bbox[1]);
    const run = idx >= 0 ? pieces[idx]!.lines! : [];
    const cut = run.findIndex((l) => l.bbox[1] > a.bbox[1]);
    if (idx >= 0 && a.type === 'figure' && beside(a, run[cut - 1]!) && beside(a, run[cut]!)) {
      pieces.push({ y: a.bbox[1], block: a });
    } else if (idx >= 0) {
      const p = pieces[idx]!;
      const before = p.lines!.filter((l) => l.bbox[1] <= a.bbox[1]);
      const after = p.lines!.filter((l) => l.bbox[1] > a.bbox[1]);
      pieces.splice(idx, 1, { y: p.y, lines: before }, { y: a.bbox[1], block: a }, { y: after[0]!.bbox[1], lines: after });
    } else {
      pieces.push({ y: a.bbox[1], block: a });
    }
  }
  pieces.sort((a, b) => a.y - b.y);
  const out: Block[] = [];
  const markerX: Array<number | undefined> = [];
  for (const p of pieces) {
    if (p.block) { out.push(p.block); markerX.push(undefined); continue; }
    const units = groupLines(p.lines ?? [], o, metrics, { height: facts.height, textLayer: facts.textLayer === true }).flatMap(titleApart);
    let above: Block | undefined;
    for (const [k, u] of units.entries()) {
      // Note: a unit right under a heading, a size smaller (not a tiny line under a display title) or in mixed case
      // under its capitals, over text not in bold, may be its subheading (see `isHeadingCandidate`).
      const next = units[k + 1], first = u.lines[0]!;
      const step = above?.fontSize !== undefined && first.fontSize < above.fontSize && first.fontSize >= SUBHEAD_MIN * above.fontSize && sizeStep({ fontSize: above.fontSize }, first);
      if (above?.type === 'heading' && next !== undefined && !next.lines.every((l) => l.bold)
        && (step || capsOverMixed(above.text, first.text))) u.underHeading = true;
      if (next !== undefined && !next.marker && !next.lines.every((l) => l.bold)) {
        const text = next.lines.map((l) => l.text).join(' ').trim();
        if (text.length >= OWN_TEXT_CHARS && endsSentence(text)) u.overText = true;
      }
      above = classifyUnit(u, facts, o);
      out.push(above);
      markerX.push(u.marker ? u.bodyLeft : undefined);
    }
  }
  setListDepths(out, markerX);
  loneBulletHeadings(out, facts, o);
  limitHeadings(out);
  return out;
}
