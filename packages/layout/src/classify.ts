import type { Block, Inline } from '@docmill/core';
import { hasFormatting, normalizeRuns } from './inlines.js';
import { DOCUMENT_KIND, SECTION_NAME, SEC_ITEM, capsTitle, endsSentence, isCaption, leaderAt, sectionMark, sectionNumber } from './markers.js';
import type { ResolvedLayoutOptions } from './options.js';
import { familyOf, unitContent, type Unit } from './paragraphs.js';

/** Page-wide facts the classification needs. */
export interface PageFacts {
  /** Most common font size on the page, weighted by characters. */
  bodySize: number;
  /** Share of the page's characters set in bold. */
  boldShare: number;
  width: number;
  height: number;
  /** The page's text comes from the PDF's text layer (fonts and styles are trustworthy). */
  textLayer?: boolean;
  /** Most of the page's text runs right to left. */
  rtl?: boolean;
  /** The typeface family most of the page's text is set in (see `fontFamily`), when fonts are named. */
  bodyFamily?: string;
  /** Most of the page's characters are set in a monospaced face (a typewritten or line-printer page). */
  monoBody?: boolean;
}

// A marker: a symbol, a number before a space or stop, superscript digits, or a number glued to a capitalised word ("1Arrays…", a superscript that lost its raise).
const FOOTNOTE_MARK = /^([*†‡§¶]|\d{1,3}[\s.)]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,2}(?=\p{Lu}\p{Ll}))/u;

/** A title of two words or more ending with its year (see `headingLikeText`). */
const TITLE_YEAR = /^\p{L}[\p{L}&'’.-]*(?:\s+\p{L}[\p{L}&'’.-]*)+\s+(?:19|20)\d\d$/u;

/** Size, relative to the body's, from which a numbered line ending in a number, in bold, is a title, not a contents entry. */
const TOC_ENTRY_RATIO = 1.25;

/** Size, relative to the body's, from which a short block is display type (a title): it may run to DISPLAY_MAX_LINES lines. */
export const DISPLAY_RATIO = 1.5;
const DISPLAY_MAX_LINES = 4;

/**
 * Whether a short text reads like a heading rather than running text, data or an address: it has
 * letters, starts with no lowercase letter, does not end a sentence or clause nor break a word, and is
 * not a table-of-contents line, a date line, a row of figures, an author list, an address or a line
 * of labels and values.
 * @param text the block's text, trimmed
 * @param large set in bold a quarter or more above the body size (`TOC_ENTRY_RATIO`): a numbered line ending in a
 *   number is then a title ("3 Kalenderwoche 24"), not a table of contents' entry (a slide's "1 Section 1" in large
 *   regular type is one)
 */
export function headingLikeText(text: string, large = false): boolean {
  if (text.length < 2 || !/\p{L}/u.test(text)) return false;
  // Ends like a sentence or a clause (a closing quote or bracket may follow): running text; in Chinese or Japanese
  // too ("…提出してください。").
  // Note: an organisation's name ending in its abbreviated legal form ("… des Maschinendeck e.V.") ends no sentence.
  if (/[.,;。，、；．]["”’')\]»」』）]*$/u.test(text) && !/^\S+\.$/.test(text) && !LEGAL_FORM_END.test(text)) return false;
  // A word broken at the end ("pres-") continues on the next line: running text.
  if (/\p{Ll}-$/u.test(text)) return false;
  // Note: not a lettered section's marker before its capitalised title ("a. Le CLIENT et son compte", "(b) Scope").
  if (/^[\p{Ll}]/u.test(text) && !LETTERED_TITLE.test(text)) return false;
  // Table-of-contents lines ("2.1 Methods ..... 7", "1 Foo 2") are not headings.
  if (/(\.\s?){3,}\s*\d*$/.test(text) || (!large && sectionNumber(text) && /\s\d{1,4}$/.test(text))) return false;
  // A date line under a title ("January 3, 2024", "2025-06-18") is not a section.
  if (/^(\p{L}+\.? \d{1,2},? \d{4}|\d{1,2}\.? \p{L}+\.? \d{4}|\d{4}-\d{2}-\d{2})$/u.test(text)) return false;
  // Rows of figures ("Net profit ¥ 233,512 ¥ 201,683") are data, not titles; a title of two words or more with its year
  // is not ("FOSDEM Bar 2018"; not "Line 15", "November 2020").
  if ((text.match(/\d/g) ?? []).length > 0.3 * text.replace(/\s/g, '').length && !TITLE_YEAR.test(text)) return false;
  // Author lists and addresses are short and large too.
  if ((text.match(/,/g) ?? []).length >= 3 || /@|https?:\/\//.test(text)) return false;
  // Two labels with their values ("위치: 6층 운영시간: 24시간", "Date: 3 May Place: Bern") are a line of facts.
  if ((text.match(/\S:\s+\S/g) ?? []).length >= 2) return false;
  // So is a label with its amount, number or code ("Total: $385", "Kwota należności ogółem: 17 115,45PLN"); a year
  // ending a title is not ("Arrests by Sex and Age: 2009").
  if (FIELD_VALUE.test(text) && !/:\s*(?:19|20)\d\d$/u.test(text)) return false;
  // So is an item with its price (a menu's "Pesca del día 20 $", "Serrana 9,50 €"), and a total with its figure
  // ("TOTAL DE ARTÍCULOS 446").
  if (PRICE_END.test(text) || TOTAL_FIGURE.test(text)) return false;
  return true;
}

/**
 * A title of three words or more ending in an abbreviated legal form, letters with stops inside ("… des Maschinendeck
 * e.V.", "… S.A."). Not a company's name alone ("Apple Inc.", "Maschinendeck e.V.": a letterhead).
 */
const LEGAL_FORM_END = /^\S+\s+\S+.*\s(?:\p{L}{1,3}\.){2,}$/u;

/**
 * A section's letter or small roman numeral, closed by a stop or bracket, before a capitalised title ("b. Sécurité"); not
 * a lettered formula ("a. F(x, y, z) = …").
 */
const LETTERED_TITLE = /^\(?(?:[a-z]|[ivx]{2,4})[.)]\s+\p{Lu}[^=]*$/u;

/** Most words of a numbered title closed by a stop (`classifyUnit`: "1. Zakres postępowania polubownego."). */
const STOPPED_TITLE_WORDS = 5;

/** A price ending a line: figures with a currency sign before or after them. */
const PRICE_END = /\s(?:\d[\d.,]*\s?\p{Sc}|\p{Sc}\s?\d[\d.,]*)$/u;

/** A total's label with its figure ending the line ("TOTAL DE ARTÍCULOS 446", "Gesamt 1.230,00"). */
const TOTAL_FIGURE = /^(?:sub-?\s?)?(?:total|totale|totaal|totalt|summe|gesamt|suma|razem|somme)(?!\p{L}).*\s\p{Sc}?\s?\d[\d.,]*$/iu;

/**
 * A label's value after its colon ending a line: an amount, a number or a code, after a currency sign or "#" and
 * before a currency or unit of a few letters or "%" ("Invoice total: 1.230,00 €", "Referencia: #1721", "500 Kč"). Not a
 * time ("at 10:30 AM": the colon follows a letter or a stop).
 */
const FIELD_VALUE = /[^\d\s]:\s*[#№+-]?\s*\p{Sc}?\s*\d[\d\s.,/-]*\s*(?:%|\p{Sc}|\p{L}{1,3}\.?)?\s*$/u;

/** The unit's typeface differs from the page's body typeface (both known). */
function otherFamily(u: Unit, facts: PageFacts): boolean {
  const fam = u.lines[0] ? familyOf(u.lines[0]) : undefined;
  return fam !== undefined && facts.bodyFamily !== undefined && fam !== facts.bodyFamily;
}

/**
 * A heading candidate: short, unfinished, and set apart by size, weight or numbering.
 * @param c content of the unit
 * @param u the unit (lines, gap above)
 * @param facts page body size and bold share
 * @param opts layout knobs (size ratio, length limits)
 * Note: a page of uniformly large text has a large body size, so none of it is "larger than body";
 * a page set mostly in bold never gets bold-only headings.
 */
export function isHeadingCandidate(c: { text: string; fontSize: number; bold: boolean; inlines?: Inline[] }, u: Unit, facts: PageFacts, opts: ResolvedLayoutOptions): boolean {
  const text = c.text.trim();
  const body = facts.bodySize || c.fontSize;
  // Note: a display-size title (half again the body size) may run to four lines.
  const maxLines = c.fontSize >= DISPLAY_RATIO * body ? Math.max(opts.headingMaxLines, DISPLAY_MAX_LINES) : opts.headingMaxLines;
  if (u.lines.length > maxLines || text.length > opts.headingMaxChars) return false;
  // Note: a word or two in bold, twice the body size or more, alone on its line, is a title even in lower case
  // (a council's "raadsvoorstel").
  if (u.lines.length === 1 && c.bold && c.fontSize >= 2 * body && /^\p{Ll}[\p{L}-]*(?:\s\p{L}+)?$/u.test(text)) return true;
  // Note: a Korean, Japanese or Chinese section mark opens a heading line even at body size and weight ("제21조
  // 주·야간경기 및 경기개시 시간", "一、授信情况", "【판결요지】" alone on its line over the section's text); so does a
  // statute's ("§2 Nutzungsgenehmigung", `LEGAL_SECTION`).
  if (sectionMark(text) && u.lines.length === 1 && !endsSentence(text) && !/[,，、]$/u.test(text) && text.length <= 60) return true;
  // So does an SEC filing's item, its title ending in a stop or not ("Item 2.02 Results of Operations and Financial Condition.").
  if (SEC_ITEM.test(text) && u.lines.length <= 2 && text.length <= 120) return true;
  // So does a business document's title (`DOCUMENT_KIND`), alone or over its number, in bold, in capitals or above the body size.
  if (DOCUMENT_KIND.test(text) && u.lines.length <= 2 && (c.bold || text === text.toUpperCase() || c.fontSize >= 1.15 * body)) return true;
  if (!headingLikeText(text, c.bold && c.fontSize >= TOC_ENTRY_RATIO * body)) return false;
  if (c.fontSize >= opts.headingSizeRatio * body) return true;
  // The sections every paper has ("Abstract", "Summary", "References"), alone on their line, set
  // apart by weight or by a size a little above the body.
  // Note: or by capitals ("REFERENCES" in IEEE's small caps), or by a typeface other than the body's
  // ("Method" in another cut of the body font, at body size, right over the section's text).
  if (SECTION_NAME.test(text) && u.lines.length === 1 && (c.bold || c.fontSize >= 1.05 * body || text === text.toUpperCase() || otherFamily(u, facts))) return true;
  const numbered = sectionNumber(text) !== undefined;
  if (numbered && (c.bold || c.fontSize >= 1.05 * body) && text.length <= 100) return true;
  // Note: a full em of white space above a title of two words or more sets it apart too, where the region's lines are
  // loosely set throughout (a CV's "Educational Background").
  // Note: so is a line alone right under a heading, which ends its own unit: a subheading under its section's
  // title ("What is the tuition limit?" under "Tuition Limit Information").
  const apart = u.spaced || u.gapBefore === Infinity || (u.gapBefore >= c.fontSize && /^[\p{L}\p{N}]\S*\s+\S/u.test(text))
    || (u.underHeading === true && u.lines.length === 1);
  const boldTitle = c.bold && facts.boldShare < 0.5 && c.fontSize >= 0.95 * body && text.length <= 100 && !plainTail(c.inlines);
  if (boldTitle && apart) return true;
  // Note: so does a line in bold, or two, right over running text (`Unit.overText`), however close: a Word report's
  // "Дополнительное задание (выполнено)" set on the line pitch of the paragraph it heads, a tax form's instructions'
  // "Important Differences between Federal and / Pennsylvania Rules"; not a word or two (a form's "Line 2"), a label
  // ending in a colon or a notice with commas.
  if (boldTitle && u.lines.length <= 2 && u.overText === true && /\S\s+\S+\s+\S/u.test(text) && !/[:：]$|,/u.test(text)) return true;
  // Note: so does a business document's title with its number (`DOCUMENT_KIND`) in plain type, alone on its line, set
  // apart (a Word invoice's "Rechnung Nr. 17" over "Sehr geehrte Damen und Herren,").
  if (apart && u.lines.length === 1 && /\d/.test(text) && DOCUMENT_KIND.test(text) && c.fontSize >= 0.9 * body) return true;
  // Note: so does a title in bold capitals of three words or more, however close the line above it (a statement's
  // "CONDENSED CONSOLIDATED BALANCE SHEETS (Unaudited)" under the company's name, what is in brackets aside); not a
  // label ending in a colon, nor a notice with commas ("NOMINATIVE, INDIVIDUAL AND CAN NOT BE TRANSFERRED…").
  const letters = text.replace(/\([^)]*\)/gu, '').replace(/[^\p{L}]/gu, '');
  if (boldTitle && u.lines.length === 1 && text.split(/\s+/).length >= 3
    && letters.length >= 12 && letters === letters.toUpperCase() && !/:$|,/.test(text)) return true;
  // Note: so does a title in plain capitals of three words or more at body size, set apart above, over running text
  // (`Unit.overText`), on a text-layer page (a form's "TERMO DE CONSENTIMENTO PARA TRATAMENTO DE DADOS" over its text);
  // not a label or a notice, nor a title page's lines, nor a numbered line (a contents entry wrapped before its page
  // number, "4.1 VOLTALIA ACTEUR ENGAGE DANS LE").
  if (facts.textLayer && apart && u.overText === true && !numbered && !c.bold && u.lines.length === 1 && Math.abs(c.fontSize - body) <= 0.1 * body && capsTitle(text)) return true;
  // Note: on a text-layer page a line of one to five words wholly in italics at body size, capitalised and ending
  // in no punctuation, alone as a unit, heads the text under it (a report's "Location", "Demographic Profile"); not
  // a place or a motto with commas ("Pennsylvania, USA", "Veni, Vidi, Vici"), nor an identifier ("LR_Element", "NetworkComponent").
  if (facts.textLayer && u.lines.length === 1 && !c.bold && Math.abs(c.fontSize - body) <= 0.1 * body && /^\p{Lu}/u.test(text)
    && !/[.,;:!?)\]]$/.test(text) && !/[,_]|\p{Ll}\p{Lu}/u.test(text) && text.split(/\s+/).length <= 5 && allItalic(u.lines[0]!.inlines)) return true;
  return false;
}

/** Every run with text in it is set in italics. */
const allItalic = (runs: readonly Inline[]): boolean => runs.every((r) => r.text.trim() === '' || r.italic);

/**
 * Whether a line set in bold goes on in plain type after its bold words, what is in brackets aside: a bold lead running
 * into its sentence ("一方、レコード版では…固定されており、 pc1", bold up to the comma), not a title.
 * @param inlines the unit's runs; none given is no tail
 */
function plainTail(inlines: readonly Inline[] | undefined): boolean {
  if (!inlines) return false;
  let i = inlines.length;
  while (i > 0 && !inlines[i - 1]?.bold) i--;
  if (i === 0) return false;
  const tail = inlines.slice(i).map((r) => r.text).join('').replace(/\([^)]*\)|（[^）]*）/gu, '');
  return /\p{L}{2}/u.test(tail);
}

/**
 * A section heading set at body size and told apart only by its numbering and style, as IEEE and
 * many journals set them: "I. INTRODUCTION" (roman numeral, small capitals), "III. Related Work",
 * "A. *Google DeepDream*" (letter, italic title), "2. EXPERIMENTAL" (arabic number, title in capitals), "2.1 NODE.JS"
 * (a subsection's number without its stop, as Brazil's ABNT sets them, in a typeface other than the body's).
 * @param text the unit's text with its marker
 * @param c the unit's content (size, inline styles, set in a typeface other than the body's)
 * @param facts page facts (body size)
 * Roman numerals need a capitalised title; a letter needs the title all in italics or capitals, so
 * "A. The committee approved…" (a lettered list) stays a list; a number needs it in capitals. Does not look at bold or larger type
 * (`isHeadingCandidate` does).
 */
export function isStyledSectionHeading(text: string, c: { fontSize: number; inlines: Inline[]; otherFace?: boolean }, facts: PageFacts): boolean {
  const t = text.trim();
  if (t.length > 70 || /[.,;:-]$/.test(t)) return false;
  // A reference ("X. Xiao, “Privbayes…”") or an author line is not a section; a lettered title in italics with a comma
  // after its first word ("D. *FSC, FSCL and Metric Functions*") is.
  const runs = c.inlines.filter((r) => r.text.trim() !== '' && !/^[A-H]\.\s*$/.test(r.text.trim()));
  const italic = runs.length > 0 && runs.every((r) => r.italic);
  if (/[“"]/.test(t) || (/^\S+\s+\S+,/.test(t) && !(italic && /^[A-H]\./.test(t)))) return false;
  const m = /^(?:([IVX]{1,5})|([A-H])|(\d{1,2}(?:\.\d{1,2}){0,2}))\.\s+(\p{Lu}.*)$/u.exec(t);
  // Note: a subsection's number may go without its stop ("2.1 NODE.JS", as ABNT sets them), in a typeface other
  // than the body's; in the body's it is as likely an entry of a table of contents that wraps before its page number.
  const bare = m || !c.otherFace ? undefined : /^(\d{1,2}(?:\.\d{1,2}){1,2})\s+(\p{Lu}.*)$/u.exec(t);
  const title = m?.[4] ?? bare?.[2];
  if (title === undefined) return false;
  const body = facts.bodySize || c.fontSize;
  if (c.fontSize < 0.75 * body || c.fontSize > 1.5 * body) return false;
  const letters = title.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length / letters.length;
  if (m?.[1] !== undefined) return true;
  // Note: an arabic number needs the title in capitals ("1. INTRODUCTION", "2. EXPERIMENTAL"): "1. The committee…" is a list.
  if (m?.[3] !== undefined || bare) return upper >= 0.9 && letters.length >= 4;
  return italic || upper >= 0.8;
}

/**
 * The heading level most of a unit's characters carry from a tagged PDF's structure tree
 * (`TextSpan.heading`), or undefined when most carry none.
 */
function taggedHeadingLevel(u: Unit): number | undefined {
  const chars = new Map<number, number>();
  let total = 0;
  for (const l of u.lines) for (const f of l.segments) for (const s of f.spans) {
    const n = s.text.replace(/\s+/g, '').length;
    total += n;
    if (s.heading !== undefined) chars.set(s.heading, (chars.get(s.heading) ?? 0) + n);
  }
  let best: number | undefined, bestN = 0;
  for (const [level, n] of chars) if (n > bestN) { best = level; bestN = n; }
  return best !== undefined && bestN > 0.5 * total ? best : undefined;
}

/**
 * Turns a unit into a block: list item, caption, heading candidate, footnote or paragraph.
 * @param u lines grouped by `groupLines`
 * @param facts page facts
 * @param opts layout knobs
 * Headings carry `fontSize` and `bold` but no `level` (assembly decides levels); list items get depth later.
 */
export function classifyUnit(u: Unit, facts: PageFacts, opts: ResolvedLayoutOptions): Block {
  const c = unitContent(u);
  const block: Block = { type: 'paragraph', text: c.text, bbox: c.bbox, fontSize: c.fontSize };
  if (c.bold) block.bold = true;
  if (hasFormatting(c.inlines)) block.inlines = c.inlines;
  if (c.confidence !== undefined) block.confidence = c.confidence;
  // A heading element of a tagged PDF's structure tree is a heading of its level, whatever its type.
  const tagged = taggedHeadingLevel(u);
  if (tagged !== undefined && u.lines.length <= 4 && c.text.length <= 300) {
    block.type = 'heading';
    block.level = tagged;
    if (u.marker && u.marker.kind !== 'bullet') {
      block.text = `${u.marker.marker} ${c.text}`;
      if (block.inlines) block.inlines = normalizeRuns([{ text: `${u.marker.marker} ` }, ...block.inlines]);
    }
    block.bold = c.bold;
    return block;
  }
  // Note: a table of contents' entry (its dot leader dropped from the text, see `unitContent`), or a line of a
  // contents run (`findContentsRuns`), is neither a heading, however bold, nor open to the text after it.
  const toc = u.lines.some((l) => l.contents || leaderAt(l.text) !== undefined);
  // Note: only on text-layer pages, where fonts and styles are read, not guessed (OCR pages unchanged).
  if (!toc && facts.textLayer && u.lines.length === 1) {
    const full = u.marker && u.marker.kind !== 'bullet' ? `${u.marker.marker} ${c.text}` : c.text;
    const inlines = u.marker && u.marker.kind !== 'bullet' ? [{ text: `${u.marker.marker} ` }, ...c.inlines] : c.inlines;
    if (isStyledSectionHeading(full, { fontSize: c.fontSize, inlines, otherFace: otherFamily(u, facts) }, facts)) {
      block.type = 'heading';
      block.text = full;
      if (block.inlines || full !== c.text) block.inlines = normalizeRuns(inlines);
      if (!hasFormatting(block.inlines ?? [])) delete block.inlines;
      block.bold = c.bold;
      return block;
    }
  }
  if (!toc && u.marker && u.marker.kind !== 'bullet' && u.lines.length <= opts.headingMaxLines) {
    // "1. Introduction" in bold or larger type is a numbered heading, not a list.
    const full = `${u.marker.marker} ${c.text}`;
    // Note: so is a title of a few words closed by a stop, in bold on a line of its own, as contracts set their
    // sections ("2. Opłaty.", "IV. FUNDING."): no other stop, comma or colon in it.
    const stopped = c.bold && u.lines.length === 1 && /^\p{Lu}[^,;:.!?]*\.$/u.test(c.text.trim()) && c.text.trim().split(/\s+/).length <= STOPPED_TITLE_WORDS;
    if ((c.bold || c.fontSize >= opts.headingSizeRatio * (facts.bodySize || c.fontSize)) && (stopped || isHeadingCandidate({ ...c, text: full }, u, facts, opts))) {
      block.type = 'heading';
      block.text = full;
      if (block.inlines) block.inlines = normalizeRuns([{ text: `${u.marker.marker} `, ...(c.bold ? { bold: true } : {}) }, ...block.inlines]);
      block.bold = c.bold;
      return block;
    }
  }
  if (u.marker) {
    block.type = 'list-item';
    block.ordered = u.marker.ordered;
    block.marker = u.marker.marker;
    block.depth = 0;
    if (!toc && !endsSentence(c.text)) block.open = true;
    return block;
  }
  if (isCaption(c.text)) {
    block.type = 'caption';
    return block;
  }
  if (!toc && isHeadingCandidate(c, u, facts, opts)) {
    block.type = 'heading';
    block.bold = c.bold;
    if (!c.bold && allItalic(c.inlines)) block.italic = true;
    return block;
  }
  const body = facts.bodySize || c.fontSize;
  if (c.fontSize < 0.9 * body && c.bbox[1] > 0.7 * facts.height && FOOTNOTE_MARK.test(c.text)) {
    block.type = 'footnote';
    return block;
  }
  if (!toc && !endsSentence(c.text)) block.open = true;
  return block;
}

/**
 * Sets `depth` on runs of consecutive list items from the indentation of their text.
 * @param blocks blocks of one region in order (list items modified in place)
 * @param markerX x where each list item's text starts after its marker (same index as in `blocks`; others undefined)
 * Depth is the rank of the item's indentation among the run's distinct indentations (5 pt tolerance).
 * Note: the text start, not the marker, is what lines up: LaTeX right-aligns "(i)", "(ii)", "(iii)".
 * A lone letter or roman item with no sibling reverts to a paragraph (conservative), and so does a
 * number out of sequence with the numbers seen before it in the region.
 */
const TOL = 5;

/** Number and style ("1." vs "1)" vs "(1)") of a numeric marker. */
function numbering(marker: string | undefined): { n: number; style: string } | undefined {
  const m = /^(\(?)(\d+)([.)])$/.exec(marker ?? '');
  return m ? { n: Number(m[2]), style: `${m[1]}${m[3]}` } : undefined;
}

export function setListDepths(blocks: Block[], markerX: Array<number | undefined>): void {
  // Numbers seen so far per marker style: a lone "2)" after "1)" earlier in the region (a paragraph
  // inside item 1 broke the run) is still a list item.
  const seen = new Map<string, number>();
  let i = 0;
  while (i < blocks.length) {
    if (blocks[i]!.type !== 'list-item') { i++; continue; }
    let j = i;
    while (j < blocks.length && blocks[j]!.type === 'list-item') j++;
    const xs = [...new Set(markerX.slice(i, j).map((x) => x ?? 0))].sort((a, b) => a - b);
    const levels: number[] = [];
    for (const x of xs) if (levels.length === 0 || x - levels[levels.length - 1]! > TOL) levels.push(x);
    for (let k = i; k < j; k++) {
      const x = markerX[k] ?? 0;
      let d = 0;
      while (d + 1 < levels.length && x >= levels[d + 1]! - TOL) d++;
      blocks[k]!.depth = Math.min(d, 5);
    }
    for (let k = i; k < j; k++) {
      const b = blocks[k]!;
      const loneLetter = j - i === 1 && b.ordered && b.marker && /^\(?[a-zA-Z]{1,6}[.)]$/.test(b.marker);
      // A number out of sequence ("7. Juli …" after a list "1) 2)") opens a sentence, not an item. The
      // first numbered item of a region is kept whatever its number: the list may go on from the previous column.
      const num = numbering(b.marker);
      const key = `${num?.style}|${b.depth ?? 0}`;
      const outOfSequence = b.ordered && num !== undefined && num.n !== 1 && seen.size > 0 && seen.get(key) !== num.n - 1;
      if (loneLetter || outOfSequence) {
        b.type = 'paragraph';
        b.text = `${b.marker} ${b.text}`;
        if (b.inlines) b.inlines = normalizeRuns([{ text: `${b.marker} ` }, ...b.inlines]);
        delete b.ordered; delete b.marker; delete b.depth;
      }
      if (num && b.type === 'list-item') seen.set(key, num.n);
    }
    i = j;
  }
}

/**
 * A bulleted line standing alone and set apart by weight or size is a heading, not a list of one:
 * "■ 프론트" over a slide's paragraphs, "- Several affiliations" between a manual's sections
 * (blocks modified in place; the bullet is dropped).
 * @param blocks blocks of one region in order, list depths set
 * @param facts page facts (body size)
 * @param opts layout knobs (size ratio, heading length)
 * The item must have no bulleted item right before or after it, be all bold or at least
 * `headingSizeRatio` times the body size, be at most 80 characters and read like a heading
 * (`headingLikeText`). Numbered items are left alone.
 */
export function loneBulletHeadings(blocks: Block[], facts: PageFacts, opts: ResolvedLayoutOptions): void {
  const bullet = (b: Block | undefined): boolean => b?.type === 'list-item' && !b.ordered;
  blocks.forEach((b, i) => {
    if (!bullet(b) || bullet(blocks[i - 1]) || bullet(blocks[i + 1])) return;
    const text = b.text.trim();
    const body = facts.bodySize || b.fontSize || 0;
    const large = b.fontSize !== undefined && body > 0 && b.fontSize >= opts.headingSizeRatio * body;
    if ((!b.bold && !large) || text.length > 80 || /\n/.test(text) || !headingLikeText(text)) return;
    b.type = 'heading';
    b.bold = !!b.bold;
    delete b.ordered; delete b.marker; delete b.depth; delete b.open;
  });
}

/** Shortest paragraph, ending as a sentence does, under a heading that is its section's text, not a label's value (`limitHeadings`). */
export const OWN_TEXT_CHARS = 60;

/**
 * Never every line a heading: when heading candidates are a large share of a page's text blocks,
 * the most frequent heading size is body text of this page after all, and its candidates become paragraphs.
 * @param blocks blocks of one page (modified in place)
 * @param maxShare largest share of headings among heading and paragraph blocks (default 0.5; pages with
 *   up to 6 headings are left alone: a page of short sections is legitimate)
 */
export function limitHeadings(blocks: Block[], maxShare = 0.5): void {
  for (let round = 0; round < 3; round++) {
    // Note: a business document's title (`DOCUMENT_KIND`) is no section of it: it counts with the text, as it did
    // when it was a paragraph.
    const title = (b: Block): boolean => b.type === 'heading' && DOCUMENT_KIND.test(b.text.trim());
    // Note: a heading right over a table titles it, and is neither counted nor demoted: a menu's sections are each a name
    // over a table of dishes and prices. So does one right over a paragraph of a sentence or more, its section's text (a
    // budget justification's "Fringe Benefits", "Travel", each over its few lines); not over a list, nor over a line of
    // data (a directory's "Hampton City - 650" over its address and telephone).
    const over = (i: number): boolean => {
      const next = blocks[i + 1];
      return next !== undefined && (next.type === 'table' || (next.type === 'paragraph' && next.text.length >= OWN_TEXT_CHARS && endsSentence(next.text)));
    };
    const heads = blocks.filter((b, i) => b.type === 'heading' && !title(b) && !over(i));
    const paras = blocks.filter((b) => b.type === 'paragraph' || title(b)).length;
    if (heads.length <= 6 || heads.length <= maxShare * (heads.length + paras)) return;
    const bySize = new Map<string, number>();
    const key = (b: Block) => `${Math.round((b.fontSize ?? 0) * 2) / 2}|${b.bold ? 1 : 0}`;
    for (const h of heads) bySize.set(key(h), (bySize.get(key(h)) ?? 0) + 1);
    const top = [...bySize].sort((a, b) => b[1] - a[1])[0]![0];
    for (const h of heads) {
      // Note: a heading the PDF's structure tree declared (it has its level already) is kept.
      if (key(h) !== top || h.level !== undefined) continue;
      h.type = 'paragraph';
      delete h.bold;
      if (!endsSentence(h.text)) h.open = true;
    }
  }
}
