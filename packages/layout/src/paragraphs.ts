import type { BBox, Inline, TextSpan } from '@docmill/core';
import { OUTER_EDGE, edgeShare, isPageNumber, isStamp } from './assemble/marginals.js';
import { median, unionBox } from './geometry.js';
import { CJK_FIRST, appendLine } from './hyphenation.js';
import { normalizeRuns, pushInline, replaceRange, trimStart } from './inlines.js';
import type { Line } from './lines.js';
import { CJK_SECTION, SECTION_NAME, capsOverMixed, endsSentence, leaderAt, listMarker, sectionMark, sectionNumber, startsLowercase, type ListMarker } from './markers.js';
import type { ResolvedLayoutOptions } from './options.js';

/** Consecutive lines that make one paragraph or one list item, before classification. */
export interface Unit {
  lines: Line[];
  marker?: ListMarker;
  /** x of the marker (list items) and of the text after it. */
  markerX?: number;
  /** Left edge that continuation lines align with. */
  bodyLeft: number;
  /** Vertical gap above the first line (Infinity when first in its region). */
  gapBefore: number;
  /** True when the gap above is wider than the region's normal line gap. */
  spaced: boolean;
  /**
   * The unit right above it in the region was classified a heading a size larger than it (`sizeStep`, up to
   * 1/SUBHEAD_MIN times) or in capitals over it in mixed case (`capsOverMixed`), and the unit under it is not all
   * bold (set by `regionBlocks` in layout-page.ts).
   */
  underHeading?: boolean;
  /**
   * The unit under it in the region is running text: not bold, a sentence or more (`OWN_TEXT_CHARS` characters or more,
   * ending a sentence), as a section's first paragraph is (set by `regionBlocks` in layout-page.ts).
   */
  overText?: boolean;
}

/**
 * Two lines a size apart: a twentieth or more of the larger, and half a point or more (a heading over
 * its subheading, "Tuition Limit Information" in 10 pt over "What is the tuition limit?" in 9 pt).
 */
export function sizeStep(a: { fontSize: number }, b: { fontSize: number }): boolean {
  const d = Math.abs(a.fontSize - b.fontSize);
  return d >= 0.5 && d >= 0.05 * Math.max(a.fontSize, b.fontSize);
}

export interface RegionMetrics {
  /** Typical baseline-to-baseline distance of the region's lines: their median pitch (tables and code runs end past it). */
  pitch: number;
  /** The pitch of lines within a paragraph (`typicalPitch`): a wider one parts paragraphs. */
  leading: number;
  /** Font size of the lines that pitch was measured on. */
  pitchSize: number;
  /** Right edge of the region's text. */
  right: number;
  /** Most lines reach the right edge (justified text): a short line ending a sentence ends its paragraph. */
  justified: boolean;
  /** Lines share their right edge, not their left (right-to-left text, ragged-left design): indentation is measured from the right. */
  mirrored: boolean;
  /** Lines share neither edge but their centres: indentation means nothing. */
  centred: boolean;
  /** Width of the widest line. */
  maxWidth: number;
}

/** Pitch and edges of a region's lines. */
/** Leading edge of a line: left for left-to-right text, mirrored right edge for right-to-left. */
export const lead = (l: Line, rtl: boolean): number => (rtl ? -l.bbox[2] : l.bbox[0]);
/** Trailing edge, mirrored the same way. */
export const trail = (l: Line, rtl: boolean): number => (rtl ? -l.bbox[0] : l.bbox[2]);

export function regionMetrics(lines: readonly Line[]): RegionMetrics {
  const rtl = lines.filter((l) => l.rtl).length * 2 > lines.length;
  const pitches: number[] = [];
  const sizes: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!, b = lines[i]!;
    const d = b.bbox[3] - a.bbox[3];
    if (Math.abs(a.fontSize - b.fontSize) <= 0.1 * a.fontSize && d > 0 && d < 3 * a.fontSize) { pitches.push(d); sizes.push(a.fontSize); }
  }
  const em = median(lines.map((l) => l.fontSize)) || 10;
  // Which edge the lines share: left (most text), right (RTL, ragged-left designs) or only the centre.
  const share = (f: (l: Line) => number) => {
    const mid = median(lines.map(f));
    return lines.filter((l) => Math.abs(f(l) - mid) <= em).length / Math.max(1, lines.length);
  };
  const maxRight = lines.reduce((m, l) => Math.max(m, l.bbox[2]), -Infinity);
  const leftShare = share((l) => l.bbox[0]);
  const rightShare = lines.filter((l) => l.bbox[2] >= maxRight - em).length / Math.max(1, lines.length);
  const centreShare = share((l) => (l.bbox[0] + l.bbox[2]) / 2);
  const enough = lines.length >= 3;
  const mirrored = rtl ? !(enough && leftShare >= 0.6 && rightShare < 0.6) : enough && leftShare < 0.5 && rightShare >= 0.6;
  const centred = enough && leftShare < 0.5 && rightShare < 0.5 && centreShare >= 0.6;
  const right = lines.reduce((m, l) => Math.max(m, trail(l, mirrored)), lines.length ? -Infinity : 0);
  const full = lines.filter((l) => trail(l, mirrored) >= right - em).length;
  return { pitch: median(pitches), leading: typicalPitch(pitches), pitchSize: median(sizes), right, justified: !centred && lines.length >= 4 && full >= 0.6 * lines.length, mirrored, centred,
    maxWidth: lines.reduce((mx, l) => Math.max(mx, l.bbox[2] - l.bbox[0]), 0) };
}

/** Pitches this share apart or closer are one pitch, measured twice (`typicalPitch`). */
const SAME_PITCH = 0.03;
/** Least share of a region's pitches that are one pitch for it to be the typical one below their median… */
const PITCH_SUPPORT = 0.3;
/** …and least number of them. */
const MIN_SHARED_PITCHES = 3;

/**
 * The pitch of a region's lines within a paragraph: their median, or the pitch most of them share when that lies below
 * it (`PITCH_SUPPORT`): where paragraphs are short and headings many (a budget justification's sections of one to three
 * lines), the pitches between paragraphs and around headings outnumber those within them and lift the median.
 * Quadratic in the region's lines, as a page's regions are short.
 */
function typicalPitch(pitches: readonly number[]): number {
  const med = median(pitches);
  let best: number[] = [];
  for (const p of pitches) {
    const near = pitches.filter((q) => Math.abs(q - p) <= SAME_PITCH * p);
    if (near.length > best.length) best = near;
  }
  const pitch = median(best);
  return best.length >= MIN_SHARED_PITCHES && best.length >= PITCH_SUPPORT * pitches.length && pitch < med ? pitch : med;
}

/** Widest first-line indent in points, whatever the type size: a word processor's half inch, and a point. */
const FIRST_LINE_INDENT = 37;

/** The left edge of text following a marker on the line (its hanging indent). */
function textStartAfterMarker(line: Line, m: ListMarker): number {
  const segs = line.segments;
  // A marker drawn as its own piece: the text starts at the next piece.
  if (segs.length > 1 && segs[0]!.text.trim() === m.marker) return segs[1]!.bbox[0];
  // A marker drawn as its own span(s): the text starts at the first span after it.
  const spans = segs[0]?.spans ?? [];
  let seen = '';
  for (let i = 0; i < spans.length - 1; i++) {
    seen += spans[i]!.text.replace(/\s+/g, '');
    if (seen === m.marker.replace(/\s+/g, '')) return spans[i + 1]!.bbox[0];
    if (seen.length >= m.marker.length) break;
  }
  // Estimate from the share of characters.
  const w = line.bbox[2] - line.bbox[0];
  return line.bbox[0] + (w * m.length) / Math.max(line.text.length, 1);
}

/** Two lines are flush on a side when their edges there are this close (points). */
const FLUSH = 1;

/** Opens with an arabic section number that has a stop: "2.0 사전 설명", "2. Methods", not "26 million" (`sectionNumber`). */
function dottedSection(text: string): boolean {
  const n = sectionNumber(text)?.number;
  return n !== undefined && /^\d/.test(n) && (n.includes('.') || text.startsWith(`${n}.`));
}

/**
 * Groups a region's lines into paragraphs and list items.
 * @param lines lines of one region, top to bottom, without table rows
 * @param opts layout knobs (indentation, paragraph gap)
 * @param m metrics of the region
 * A new unit starts on a style change (size, bold), a wider gap, an indentation change, a list
 * marker (after a finished sentence, a list item or a gap), or, in justified text, after a short line
 * that ends a sentence. Does not classify headings or captions.
 * @param page the page's height and source: on text-layer pages, a stamp or page number line in a margin band
 *   (`furnitureLine`) is a unit of its own, and lower case does not join lines of clearly different sizes
 */
export function groupLines(lines: readonly Line[], opts: ResolvedLayoutOptions, m: RegionMetrics, page?: GroupPage): Unit[] {
  const textLayer = page?.textLayer === true && page.height > 0;
  const furniture = (l: Line): boolean => textLayer && furnitureLine(l, page!.height);
  const units: Unit[] = [];
  let cur: Unit | undefined;
  let prev: Line | undefined;
  const loose = textLayer && lines.length >= LOOSE_LINES && m.leading >= LOOSE_PITCH_EM * (m.pitchSize || 10);
  for (const L of lines) {
    const em = L.fontSize || 10;
    const marker = listMarker(L.text);
    let gap = Infinity, spaced = true;
    if (prev) {
      gap = L.bbox[1] - prev.bbox[3];
      const pitch = L.bbox[3] - prev.bbox[3];
      // Note: the normal pitch scales with the size of the lines (a two-line title in 18 pt above 9 pt body text is not two paragraphs).
      const normal = m.leading * Math.max(1, Math.max(L.fontSize, prev.fontSize) / (m.pitchSize || L.fontSize));
      spaced = m.leading > 0 ? pitch > opts.paragraphGapRatio * normal && gap > 0.25 * em : gap > 0.8 * em;
      // Note: in a region whose lines are `LOOSE_PITCH_EM` ems apart or more, two lines that far apart are no lines of one
      // paragraph, however regular their pitch (a form's field labels, one under another down a column of answer boxes),
      // unless the lower one goes on in lower case.
      if (!spaced && loose && pitch >= LOOSE_PITCH_EM * Math.max(L.fontSize, prev.fontSize) && !startsLowercase(L.text)) spaced = true;
    }
    let startNew = !cur || !prev;
    if (cur && prev) {
      const P: Line = prev;
      // A sentence running on from one line into the next in lower case ("pres-" /
      // "ence", "the look of an injured" / "puppy, sometimes") is one paragraph whatever
      // the sizes say: OCR sizes are measured, and a loosely set line measures large.
      // Note: on a text-layer page sizes are read, not measured: a line a quarter smaller or more than the lines of
      // a paragraph above it is something else even in lower case ("www.sciencedirect.com" in 6 pt under a column's
      // last line in 9.5 pt). Under one larger line (a word over its transcription) lower case still joins.
      // Nor does lower case join under a bold line of words twice its size or more (a document type's title, "raadsvoorstel",
      // over "bevoegdheid raad"); a key figure over what it counts ("$3.3 billion" over "transmission projects") still does.
      // Nor under a section title numbered "2.0" or "2." a tenth larger or more ("2.0 사전 설명" in 14 pt over "pi 탐색은…"
      // in 11 pt); a key figure is no section number ("26 million" over "customers").
      const sizeJump = textLayer && ((cur.lines.length >= 2 && L.fontSize < 0.75 * P.fontSize) || (P.bold && !L.bold && L.fontSize <= 0.5 * P.fontSize && /^\p{L}/u.test(P.text))
        || (cur.lines.length === 1 && L.fontSize < 0.9 * P.fontSize && dottedSection(P.text)));
      const runsOn = !sizeJump && !endsSentence(P.text) && startsLowercase(L.text);
      // Note: a short unfinished line alone in a typeface of its own is a heading over what follows:
      // "Materials and methods" in Helvetica Bold over the subheading in Minion Bold, "Method" in
      // AdvPS405B8 over the section's first line in AdvPS405B6.
      const familyChange = cur.lines.length === 1 && !endsSentence(P.text) && P.bbox[2] - P.bbox[0] < 0.5 * m.maxWidth && familyOf(L) !== familyOf(P);
      // So is a short bold line in capitals over a bold line in mixed case: a section over its first subsection
      // ("MATERIALS AND METHODS" over "Cell Culture").
      // Note: and a short bold line over a bold line a size smaller or larger (a twentieth or more, half a point or
      // more): a heading over its subheading ("Tuition Limit Information" in 10 pt over "What is the tuition limit?" in 9 pt).
      const shortBold = cur.lines.length === 1 && P.bold && L.bold && !endsSentence(P.text);
      const caseChange = shortBold && P.bbox[2] - P.bbox[0] < 0.85 * m.maxWidth && capsOverMixed(P.text, L.text);
      const headStep = shortBold && P.bbox[2] - P.bbox[0] < 0.5 * m.maxWidth && sizeStep(P, L);
      const styleChange = !runsOn && (Math.abs(L.fontSize - P.fontSize) > 0.1 * Math.max(L.fontSize, P.fontSize) || L.bold !== P.bold || familyChange || caseChange || headStep);
      // Note: in a tagged PDF a heading element (H1–H6) shares no paragraph with the text around it
      // (a running head set just above a section heading of the same size and style).
      const tagChange = taggedLevel(L) !== taggedLevel(P);
      const indent = opts.indentEm * em;
      let shift = false;
      if (m.centred) {
        // Centred text (a title page): a line continues the one above only when that one is full
        // (wrapped); short centred lines (affiliations, e-mail addresses) stand alone.
        // Note: a paragraph set narrower than the page's widest line (an abstract indented on both sides under
        // a centred title) still has lines flush on both sides, or flush right under an indented first line, or
        // a last line flush left under lines flush on both sides.
        // Two lines of one such paragraph: flush right, and flush left or the upper one its first line, indented.
        const pair = (a: Line, b: Line, first: boolean): boolean => Math.abs(a.bbox[2] - b.bbox[2]) <= FLUSH
          && (Math.abs(a.bbox[0] - b.bbox[0]) <= FLUSH || (first && a.bbox[0] > b.bbox[0] && a.bbox[0] - b.bbox[0] <= 3 * em));
        const before = cur.lines.at(-2);
        const wide = P.bbox[2] - P.bbox[0] >= 0.5 * m.maxWidth;
        const block = wide && (pair(P, L, cur.lines.length === 1)
          || (before !== undefined && Math.abs(P.bbox[0] - L.bbox[0]) <= FLUSH && pair(before, P, cur.lines.length === 2)));
        shift = P.bbox[2] - P.bbox[0] < 0.85 * m.maxWidth && !block;
      } else if (cur.marker) {
        // Note: an item's first line that ends no sentence and would have taken the next line's first word ends the
        // item when the next line starts left of the item's text: that is a paragraph's indented first line, not a
        // wrapped line of the item ("B. Ultrasonic Level Sensors", an IEEE subsection's title, over its section's text).
        // The line's start past the item's text (negative: left of it).
        const past = lead(L, m.mirrored) - cur.bodyLeft;
        // Note: a line flush with the item's marker goes on with the item after a wrapped line that ends no sentence
        // (numbered paragraphs set without a hanging indent: "(4) Bei unterjährlicher … auf den mo-" over "natlichen …").
        const underMarker = !marker && cur.markerX !== undefined && Math.abs(lead(L, m.mirrored) - cur.markerX) <= 0.5 * em
          && !endsSentence(P.text) && wrapped(P, L, m);
        shift = !underMarker && ((Math.abs(past) > indent && !(past > 0 && past < 1.5 * indent))
          || (cur.lines.length === 1 && !endsSentence(P.text) && !wrapped(P, L, m) && past < -0.2 * em));
      } else if (cur.lines.length === 1) {
        const first = cur.lines[0]!;
        const centred = Math.abs((L.bbox[0] + L.bbox[2]) / 2 - (first.bbox[0] + first.bbox[2]) / 2) < em && Math.abs(lead(L, m.mirrored) - lead(first, m.mirrored)) > indent;
        // Note: a hanging indent goes on from a full first line that ends no sentence (a station description's
        // "LOCATION.--Lat …, on downstream side of pier of downstream" over its indented "bridge on U.S. Highway 1, …").
        const hanging = lead(L, m.mirrored) > lead(first, m.mirrored) && !endsSentence(P.text) && wrapped(P, L, m);
        // Note: a word processor's first-line indent of half an inch is more than four indents of 11-point type: a second
        // line that far left still goes on with it.
        shift = !centred && !hanging && (lead(L, m.mirrored) > lead(first, m.mirrored) + indent || lead(L, m.mirrored) < lead(first, m.mirrored) - Math.max(4 * indent, FIRST_LINE_INDENT));
      } else {
        shift = Math.abs(lead(L, m.mirrored) - cur.bodyLeft) > indent;
      }
      // Note: lines set flush right, short, in a region set flush left (a letterhead's block in the top right corner,
      // "Mario Lehmeyer & Franz Gatt" over "Matrikelnummern: …") are one block whatever their left edges; in plain type,
      // not labels in bold (an infographic's "OIL TO" over "CHEMICALS").
      if (shift && !m.mirrored && !m.centred && !cur.marker && !L.bold && !P.bold && cur.lines.concat(L).every((c) =>
        Math.abs(c.bbox[2] - P.bbox[2]) <= 0.5 * em && c.bbox[2] - c.bbox[0] < 0.5 * m.maxWidth && c.bbox[0] > m.right - 0.5 * m.maxWidth)) shift = false;
      const sentenceEnd = endsSentence(P.text);
      const shortEnd = m.justified && sentenceEnd && trail(P, m.mirrored) < m.right - 2 * em && !cur.marker;
      // Note: so does a list marker under a line alone that is an article's number and title ("제23조 … 임시조치" over "1. 출장 …")
      // or a conventional section's name, centred over a full first item ("REFERENCES" over "1. O. Reynolds, …").
      const markerStarts = marker !== undefined && (cur.marker !== undefined || sentenceEnd || spaced || shift || /[:]$/.test(P.text.trim())
        || (cur.lines.length === 1 && (sectionMark(P.text) || SECTION_NAME.test(P.text.trim()))));
      // Note: a table of contents' entry ends at its dot leader and page number; the next entry is a paragraph of its own.
      const entryEnd = leaderAt(P.text) !== undefined;
      // Note: a stamp or page number alone on its line in a margin band of a text-layer page is furniture set
      // against the body (a copyright line under a footnote, "Page No. 2" under a letter's date): it is cut from the
      // body lines around it, not from the stamp lines next to it (JSTOR's two download lines stay one block, as on
      // the pages where they repeat), nor from a line its sentence runs on into ("Copyright and moral rights … owners" / "and it is a …").
      const fl = furniture(L), fp = furniture(P);
      const apart = fl ? !fp : fp && !runsOn;
      // Note: a Korean, Japanese or Chinese section mark after a finished sentence opens a section ("…安排。" over "二、授信情况"),
      // and its title, a short line alone, ends before the section's text; so does a statute's ("§2 Nutzungsgenehmigung").
      // Note: a section mark in bold over a bold line is a title going on ("6.1 End-user … within Same Quantum" over "Base
      // Stations"); weight parts it from its text where it is set in bold.
      // Note: other marks after a finished sentence on a short line only: a paragraph's line may open with "§ 5 BGB …".
      const short = (l: Line): boolean => trail(l, m.mirrored) < m.right - 2 * em;
      const sectionStarts = (sentenceEnd && (CJK_SECTION.test(L.text) || (sectionMark(L.text) && short(L))))
        || (cur.lines.length === 1 && (CJK_SECTION.test(P.text) || (!P.bold && sectionMark(P.text))) && short(P));
      startNew = styleChange || tagChange || spaced || shift || shortEnd || markerStarts || entryEnd || apart || sectionStarts;
    }
    if (startNew || !cur) {
      const unit: Unit = { lines: [L], bodyLeft: lead(L, m.mirrored), gapBefore: gap, spaced };
      if (marker) {
        unit.marker = marker;
        unit.markerX = L.bbox[0];
        unit.bodyLeft = m.mirrored ? lead(L, true) + marker.length * 0.5 * em : textStartAfterMarker(L, marker);
      }
      units.push(unit);
      cur = unit;
    } else {
      cur.lines.push(L);
      if (!cur.marker && cur.lines.length === 2) cur.bodyLeft = lead(L, m.mirrored);
    }
    prev = L;
  }
  return units;
}

/**
 * Pitch (ems of the lines' type) from which two lines are never one paragraph's, unless running on, in a region of
 * `LOOSE_LINES` lines or more whose typical pitch is that loose too (`groupLines`).
 */
const LOOSE_PITCH_EM = 2.5;
const LOOSE_LINES = 4;

/**
 * Whether line `L`'s first word (its first character in Chinese or Japanese) would not have fit at the end of line `P`
 * within the region's right edge (the width of a character taken from `L`): `P` was wrapped, not ended.
 */
function wrapped(P: Line, L: Line, m: RegionMetrics): boolean {
  const t = L.text.trim();
  if (!t) return false;
  const charW = (L.bbox[2] - L.bbox[0]) / t.length;
  // Note: Chinese and Japanese set no word spaces: a line's first word there is its first character.
  const word = CJK_FIRST.test(t) ? 1 : t.split(/\s+/)[0]!.length;
  return trail(P, m.mirrored) + (word + 1) * charW > m.right;
}

/** What `groupLines` needs to know of the page: its height and whether its text comes from the text layer. */
export interface GroupPage {
  height: number;
  textLayer?: boolean;
}

/** Share of the page height at the top and bottom where a page number line (`isPageNumber`) is kept apart. */
const NUMBER_BAND = 0.12;

/**
 * A line that is page furniture by its text and place: a stamp or journal line (`isStamp`) in the outer fifth of
 * the page's height (`OUTER_EDGE`, where `findMarginals` takes small-type stamps too), or a page number ("Page No. 2",
 * "- 4 -") in its outer `NUMBER_BAND`; not a line in lower case other than a web address.
 */
function furnitureLine(l: Line, height: number): boolean {
  const edge = edgeShare(l.bbox, height);
  if (edge >= OUTER_EDGE) return false;
  const t = l.text.trim();
  // Note: a line starting in lower case goes on from the line before it ("solid-organ cancers. Immunology.
  // 2021;165(2):250–9." ends a reference at a column's head), unless it is a web address.
  if (startsLowercase(t) && !/^www\./i.test(t)) return false;
  return isStamp(t) || (edge < NUMBER_BAND && isPageNumber(t));
}

/**
 * The typeface family most of a line's characters are set in: the font name without its subset
 * prefix and its style suffix ("ABCDEF+MinionPro-Bold" → "minionpro"); undefined when no span names its font.
 */
export function familyOf(L: Line): string | undefined {
  return mainFamily(L.segments.flatMap((f) => f.spans));
}

/** The typeface family of a font name: without subset prefix and style suffix ("ABCDEF+MinionPro-Bold" → "minionpro"). */
export const fontFamily = (name: string): string => name.replace(/^[A-Z]{6}\+/, '').split(/[-,]/)[0]!.toLowerCase();

/**
 * What most of the spans' characters (whitespace not counted) are set in, by font: `key` of the font
 * name (the name itself by default); undefined when no span names its font.
 */
export function mainFont(spans: readonly TextSpan[], key: (fontName: string) => string = (name) => name): string | undefined {
  const chars = new Map<string, number>();
  for (const s of spans) {
    if (!s.fontName) continue;
    const k = key(s.fontName);
    chars.set(k, (chars.get(k) ?? 0) + s.text.replace(/\s+/g, '').length);
  }
  let best: string | undefined, bestN = 0;
  for (const [k, n] of chars) if (n > bestN) { best = k; bestN = n; }
  return best;
}

/** The typeface family most of the spans' characters are set in; undefined when no span names its font. */
export const mainFamily = (spans: readonly TextSpan[]): string | undefined => mainFont(spans, fontFamily);

/** The structure-tree heading level (`TextSpan.heading`) most of a line's characters carry, or undefined when most carry none. */
function taggedLevel(L: Line): number | undefined {
  let total = 0, best: number | undefined, bestN = 0;
  const chars = new Map<number, number>();
  for (const f of L.segments) for (const s of f.spans) {
    const n = s.text.replace(/\s+/g, '').length;
    total += n;
    if (s.heading === undefined) continue;
    const c = (chars.get(s.heading) ?? 0) + n;
    chars.set(s.heading, c);
    if (c > bestN) { best = s.heading; bestN = c; }
  }
  return best !== undefined && bestN > 0.5 * total ? best : undefined;
}

/** Text, runs and box of a unit: lines joined with hyphenation repair, the list marker removed. */
export function unitContent(u: Unit): { text: string; inlines: Inline[]; bbox: BBox; fontSize: number; bold: boolean; confidence?: number } {
  const runs: Inline[] = [];
  u.lines.forEach((l, i) => {
    let lineRuns = l.inlines.map((r) => ({ ...r }));
    // Note: a table of contents' dot leader is layout, not text: "Purpose of Form 1", as a reader says it.
    const leader = leaderAt(lineRuns.map((r) => r.text).join(''));
    if (leader && !l.contents) lineRuns = replaceRange(lineRuns, leader.start, leader.end, ' ');
    if (i === 0) {
      for (const r of lineRuns) pushInline(runs, r);
      if (u.marker) {
        trimStart(runs, u.marker.length);
        const lead = (runs[0]?.text.length ?? 0) - (runs[0]?.text.trimStart().length ?? 0);
        if (lead) trimStart(runs, lead);
      }
    } else {
      appendLine(runs, lineRuns);
    }
  });
  const norm = normalizeRuns(runs);
  runs.length = 0;
  runs.push(...norm);
  const sizes = new Map<number, number>();
  let chars = 0, bold = 0, confSum = 0, confChars = 0;
  for (const l of u.lines) {
    sizes.set(l.fontSize, (sizes.get(l.fontSize) ?? 0) + l.chars + 0.001);
    chars += l.chars; if (l.bold) bold += l.chars; confSum += l.confSum; confChars += l.confChars;
  }
  let fontSize = u.lines[0]?.fontSize ?? 0, best = -1;
  for (const [s, c] of sizes) if (c > best) { best = c; fontSize = s; }
  const out: { text: string; inlines: Inline[]; bbox: BBox; fontSize: number; bold: boolean; confidence?: number } = {
    text: runs.map((r) => r.text).join(''), inlines: runs, bbox: unionBox(u.lines.map((l) => l.bbox)), fontSize,
    bold: chars > 0 && bold >= 0.8 * chars,
  };
  if (confChars > 0) out.confidence = confSum / confChars;
  return out;
}
