import type { BBox, Inline, TextSpan } from '@docmill/core';
import { overlap, unionBox } from './geometry.js';
import { pushInline, trimRuns } from './inlines.js';
import type { ResolvedLayoutOptions } from './options.js';

/** A run of spans on one text row with no wide gap inside: a piece of a line, a table cell, a column's line. */
export interface Fragment {
  bbox: BBox;
  /** Row the fragment belongs to (fragments of one row share it). */
  row: number;
  spans: TextSpan[];
  text: string;
  inlines: Inline[];
  fontSize: number;
  /** Characters in bold / italic / all (without spaces). */
  boldChars: number;
  italicChars: number;
  chars: number;
  /** Sum of confidence × chars over spans that carry a confidence, and their chars. */
  confSum: number;
  confChars: number;
  rtl: boolean;
}

/** A text line inside one column: the fragments of a row, left to right. */
export interface Line {
  bbox: BBox;
  segments: Fragment[];
  text: string;
  inlines: Inline[];
  fontSize: number;
  bold: boolean;
  italic: boolean;
  chars: number;
  confSum: number;
  confChars: number;
  /** Most of the line is right-to-left text. */
  rtl: boolean;
  /** An entry of a table of contents set in aligned columns (`findContentsRuns`): its dot leader is kept as printed. */
  contents?: boolean;
}

/** Characters of a text without its whitespace. */
export const visibleChars = (s: string): number => s.replace(/\s+/g, '').length;

/** A run that is only a bracketed citation, "[1,2]", "[4]", "[3–5]". */
const CITATION_END = /^\s*\[\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\]\s*$/u;

/** A span's style as an inline (text added by the caller). */
function styleOf(s: TextSpan): Omit<Inline, 'text'> {
  const st: Omit<Inline, 'text'> = {};
  if (s.bold) st.bold = true;
  if (s.italic) st.italic = true;
  // Note: OCR's monospace flag (a span with a confidence) is a judgement on a whole line from
  // the spacing of its characters: good enough to find listings, not to mark prose as code.
  if (s.monospace && s.confidence === undefined) st.code = true;
  if (s.link) st.link = s.link;
  return st;
}

/**
 * Joins the spans of one fragment (already in reading order) into text and runs.
 * @param spans spans of one row piece
 * @param opts layout knobs (space gap)
 * @param rtl right-to-left row: spans are given right to left, gaps measured accordingly
 * A space goes in where the gap is wider than `spaceGapEm` of the font size, or where a span already
 * carries the space; fragments of one word (gap below the threshold) are glued.
 */
function joinSpans(spans: readonly TextSpan[], opts: ResolvedLayoutOptions, rtl: boolean): Inline[] {
  const runs: Inline[] = [];
  let prev: TextSpan | undefined;
  for (const s of spans) {
    if (prev) {
      const gap = rtl ? prev.bbox[0] - s.bbox[2] : s.bbox[0] - prev.bbox[2];
      const em = Math.max(prev.fontSize, s.fontSize);
      const hasSpace = /\s$/.test(prev.text) || /^\s/.test(s.text);
      if (!hasSpace && gap > opts.spaceGapEm * em) pushInline(runs, { text: ' ' });
    }
    pushInline(runs, { text: s.text.replace(/\s+/g, ' '), ...styleOf(s) });
    prev = s;
  }
  // Collapse doubled spaces at run seams.
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    r.text = r.text.replace(/ {2,}/g, ' ');
    const next = runs[i + 1];
    if (next && r.text.endsWith(' ') && next.text.startsWith(' ')) next.text = next.text.slice(1);
  }
  trimRuns(runs);
  return runs.filter((r) => r.text !== '');
}

function makeFragment(spans: TextSpan[], row: number, opts: ResolvedLayoutOptions, rtl: boolean): Fragment {
  const inlines = joinSpans(spans, opts, rtl);
  let chars = 0, boldChars = 0, italicChars = 0, confSum = 0, confChars = 0;
  const sizes: Array<[number, number]> = [];
  for (const s of spans) {
    const c = visibleChars(s.text);
    chars += c;
    if (s.bold) boldChars += c;
    if (s.italic) italicChars += c;
    if (typeof s.confidence === 'number') { confSum += s.confidence * c; confChars += c; }
    sizes.push([s.fontSize, c]);
  }
  // Dominant size: the size carrying most characters.
  const bySize = new Map<number, number>();
  for (const [sz, c] of sizes) bySize.set(sz, (bySize.get(sz) ?? 0) + c + 0.001);
  let fontSize = spans[0]?.fontSize ?? 0, best = -1;
  for (const [sz, c] of bySize) if (c > best) { best = c; fontSize = sz; }
  return {
    bbox: unionBox(spans.map((s) => s.bbox)), row, spans, inlines, text: inlines.map((r) => r.text).join(''),
    fontSize, boldChars, italicChars, chars, confSum, confChars, rtl,
  };
}

/**
 * Same text line: the boxes overlap vertically and their centres are close: within 0.4 of the
 * smaller box height for text of one size, within 0.6 of the taller box for a smaller size
 * (a raised superscript, a lowered subscript).
 * @param a vertical extent and font size of one box
 * @param b the other
 * Note: centres, not overlaps: extractors often give boxes of a font's full ascent and descent,
 * taller than the line pitch (math and calligraphic fonts especially), so boxes of consecutive
 * lines overlap; a tall box of the same size must not swallow the line below.
 */
function sameLine(a: readonly [number, number, number], b: readonly [number, number, number]): boolean {
  const ha = a[1] - a[0], hb = b[1] - b[0];
  if (overlap(a[0], a[1], b[0], b[1]) <= 0) return false;
  const dc = Math.abs((a[0] + a[1]) / 2 - (b[0] + b[1]) / 2);
  const smallerSize = Math.min(a[2], b[2]) < 0.9 * Math.max(a[2], b[2]);
  return dc <= (smallerSize ? 0.6 * Math.max(ha, hb) : 0.4 * Math.min(ha, hb));
}

/**
 * Two spans in sizes a tenth or more apart, one across the other by an em or more of the smaller and their boxes (the
 * larger's less its descent) sharing less than `OVER_LINE_SHARE` of the smaller's height: lines set close over each
 * other (a title over its subtitle, their boxes overlapping), not one line: text is not drawn over itself. Both are words (`WORDY`). A superscript or subscript
 * stands beside its base and shares most of its height with it; one set under the other ("S" with "rho" over "cov") is
 * in their one size.
 */
function overLine(a: TextSpan, b: TextSpan): boolean {
  const em = Math.min(a.fontSize, b.fontSize);
  if (em >= 0.9 * Math.max(a.fontSize, b.fontSize) || overlap(a.bbox[0], a.bbox[2], b.bbox[0], b.bbox[2]) < em) return false;
  if (!WORDY.test(a.text) || !WORDY.test(b.text)) return false;
  // Note: the larger's box less its descent: a line in 11 pt right under "HONORARIA" in 48 pt reaches into the room
  // its box keeps for descenders, not up to its letters.
  const [big, small] = a.fontSize >= b.fontSize ? [a, b] : [b, a];
  return overlap(big.bbox[1], big.bbox[3] - DESCENT * big.fontSize, small.bbox[1], small.bbox[3]) < OVER_LINE_SHARE * Math.min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1]);
}

/** Share of the em a box keeps under the baseline for descenders, about. */
const DESCENT = 0.2;

/** Text of a line, not a mark or an icon's glyph ("!" over "CAUTION"): a word of two letters. */
const WORDY = /\p{L}{2}/u;

/** Share of the smaller box's height two boxes on one line share at least (see `overLine`). */
const OVER_LINE_SHARE = 0.6;

/** One Han, Hangul or kana character: a letter of a letter-spaced label. */
const ONE_CJK = /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
/** The last letter of a letter-spaced label and its colon ("속: 수학과"). */
const CJK_LABEL_END = /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]\s*[:：]/u;
/** Widest gap (em) between two letters of a letter-spaced label, and most letters before its last. */
const SPACED_LABEL_GAP_EM = 3;
const MAX_SPACED_LABEL = 4;

/** Least sideways shift (pt) of a run drawn twice for it to be a fake bold, not the same text laid twice on one spot. */
const FAKE_BOLD_SHIFT = 0.1;

/**
 * Whether span `s` draws again words that span `p` holds where `s` stands: same size and height, `s` inside `p`'s width
 * (within a fifth of an em), its text found in `p`'s at the share of `p`'s width where `s` starts (within a tenth).
 */
function overprinted(p: TextSpan, s: TextSpan): boolean {
  const em = s.fontSize, t = s.text.trim();
  if (t.length < 2 || p.text.length <= t.length || Math.abs(p.fontSize - em) > 0.05 * em || Math.abs(p.bbox[1] - s.bbox[1]) > 0.2 * em) return false;
  if (s.bbox[0] < p.bbox[0] - 0.2 * em || s.bbox[2] > p.bbox[2] + 0.2 * em) return false;
  const width = p.bbox[2] - p.bbox[0];
  if (width <= 0) return false;
  const at = (s.bbox[0] - p.bbox[0]) / width;
  for (let i = p.text.indexOf(t); i >= 0; i = p.text.indexOf(t, i + 1)) if (Math.abs(i / p.text.length - at) <= 0.1) return true;
  return false;
}

/**
 * Builds fragments: runs of spans on one text line with no gap wider than `splitGapEm`, then
 * numbers the rows (fragments of one line across the page share `row`).
 * @param spans all spans of the page (any order); whitespace-only spans are ignored
 * @param opts layout knobs (split gap)
 * @param cut optional: where to cut a chained run of spans further (before which span indexes), given
 *   the run and its size; OCR pages cut recognised lines where they run across a column gutter
 * Note: spans are chained left to right into the fragment they continue (same line, small gap),
 * never into a global row first: a superscript beside one column must not be captured by a line
 * of the other column that happens to sit at its height.
 */
export function buildFragments(spans: readonly TextSpan[], opts: ResolvedLayoutOptions, cut?: (run: readonly TextSpan[], size: number) => number[]): Fragment[] {
  const live = spans.filter((s) => s.text.trim() !== '' && s.bbox[2] >= s.bbox[0] && s.bbox[3] > s.bbox[1]);
  live.sort((a, b) => a.bbox[0] - b.bbox[0] || a.bbox[1] - b.bbox[1]);
  // The reference box of a fragment is that of its longest span: a tall math glyph (∑, ⊆ in CMSY)
  // or a superscript must not decide where the line is.
  interface Open { spans: TextSpan[]; ref: [number, number]; right: number; size: number; refChars: number }
  const done: Open[] = [];
  let open: Open[] = [];
  for (const s of live) {
    // Close fragments that no later span can reach.
    if (open.length > 24) {
      const keep: Open[] = [];
      for (const o of open) (s.bbox[0] - o.right > opts.splitGapEm * o.size * 2 ? done : keep).push(o);
      open = keep;
    }
    let best: Open | undefined, bestDc = Infinity;
    for (const o of open) {
      const gap = s.bbox[0] - o.right;
      const em = Math.min(s.fontSize, o.size);
      // Note: the smaller size decides, so that a large heading beside a small column line does not bridge the gutter.
      if (gap > opts.splitGapEm * em) continue;
      // Cheap vertical test first: most open fragments are other lines.
      const dc = Math.abs((o.ref[0] + o.ref[1]) / 2 - (s.bbox[1] + s.bbox[3]) / 2);
      if (dc >= bestDc || dc > Math.max(o.ref[1] - o.ref[0], s.bbox[3] - s.bbox[1])) continue;
      if (!sameLine([o.ref[0], o.ref[1], o.size], [s.bbox[1], s.bbox[3], s.fontSize])) continue;
      if (o.spans.some((p) => overLine(p, s))) continue;
      if (dc < bestDc) { bestDc = dc; best = o; }
    }
    if (!best) {
      open.push({ spans: [s], ref: [s.bbox[1], s.bbox[3]], right: s.bbox[2], size: s.fontSize, refChars: s.text.trim().length });
      continue;
    }
    const p = best.spans[best.spans.length - 1]!;
    // Drop exact overprints (fake bold drawn twice with a small offset), and words drawn again over the run that holds
    // them (wkhtmltopdf's bold words, "optimistischer Nebenläufigkeit" over the end of its sentence's run).
    // Note: drawn again a little to the side, it is bold however its font is named (wkhtmltopdf's "Konfliktbehandlungsstrategie").
    if (p.text === s.text && Math.abs(p.bbox[0] - s.bbox[0]) < 0.2 * s.fontSize && Math.abs(p.bbox[1] - s.bbox[1]) < 0.2 * s.fontSize) {
      if (!p.bold && Math.abs(p.bbox[0] - s.bbox[0]) >= FAKE_BOLD_SHIFT) best.spans[best.spans.length - 1] = { ...p, bold: true };
      continue;
    }
    if (overprinted(p, s)) continue;
    // Note: Philippine statements set the peso sign as "P" struck through with "=" (fonts without ₱):
    // the "=" opens the next span, drawn over the P.
    if (/(^|[\s(-])P$/.test(p.text) && s.text.startsWith('=') && s.bbox[0] > p.bbox[2] - 0.9 * s.fontSize && s.bbox[0] < p.bbox[2] - 0.2 * s.fontSize) {
      best.spans[best.spans.length - 1] = { ...p, text: `${p.text.slice(0, -1)}₱` };
      const rest = s.text.slice(1);
      if (rest.trim()) best.spans.push({ ...s, text: rest, bbox: [p.bbox[2], s.bbox[1], s.bbox[2], s.bbox[3]] });
      best.right = Math.max(best.right, s.bbox[2]);
      continue;
    }
    best.spans.push(s);
    best.right = Math.max(best.right, s.bbox[2]);
    const chars = s.text.trim().length;
    if (chars > best.refChars) { best.ref = [s.bbox[1], s.bbox[3]]; best.size = s.fontSize; best.refChars = chars; }
  }
  done.push(...open);
  // Note: a label letter-spaced to the width of the labels under it ("소    속:", "학    번:" beside "담당교수:"),
  // one character at a time a gap or two apart, is one piece of its line, not a column of single characters.
  const textOf = (o: Open): string => o.spans.map((sp) => sp.text).join('').trim();
  for (const o of done) {
    if (!o.spans.length || !ONE_CJK.test(textOf(o))) continue;
    const chain = [o];
    for (let cur = o; chain.length <= MAX_SPACED_LABEL;) {
      const next = done.filter((q) => q.spans.length && !chain.includes(q) && q.spans[0]!.bbox[0] >= cur.right - 0.1 * cur.size
        && q.spans[0]!.bbox[0] - cur.right <= SPACED_LABEL_GAP_EM * cur.size && sameLine([cur.ref[0], cur.ref[1], cur.size], [q.ref[0], q.ref[1], q.size]))
        .sort((a, b) => a.spans[0]!.bbox[0] - b.spans[0]!.bbox[0])[0];
      if (!next) break;
      chain.push(next);
      if (ONE_CJK.test(textOf(next))) { cur = next; continue; }
      if (CJK_LABEL_END.test(textOf(next))) {
        o.spans = chain.flatMap((q) => q.spans);
        o.right = Math.max(...chain.map((q) => q.right));
        for (const q of chain.slice(1)) q.spans = [];
      }
      break;
    }
  }
  for (let k = done.length - 1; k >= 0; k--) if (!done[k]!.spans.length) done.splice(k, 1);
  if (cut) {
    const pieces: Open[] = [];
    for (const o of done) {
      const at = o.spans.length > 1 ? cut(o.spans, o.size) : [];
      if (!at.length) { pieces.push(o); continue; }
      let from = 0;
      for (const k of [...at, o.spans.length]) {
        const part = o.spans.slice(from, k);
        from = k;
        if (!part.length) continue;
        const ref = part.reduce((r, sp) => (sp.text.trim().length > r.text.trim().length ? sp : r));
        pieces.push({ spans: part, ref: [ref.bbox[1], ref.bbox[3]], right: Math.max(...part.map((sp) => sp.bbox[2])), size: ref.fontSize, refChars: ref.text.trim().length });
      }
    }
    done.length = 0;
    done.push(...pieces);
  }
  // Rows: fragments whose reference bands sit on one line, top to bottom.
  done.sort((a, b) => a.ref[0] + a.ref[1] - (b.ref[0] + b.ref[1]));
  const rowRefs: Array<[number, number, number]> = [];
  // Note: the spans of each row: a fragment with a span over or under one of them (`overLine`) is on a line of its own.
  const rowSpans: TextSpan[][] = [];
  const out: Fragment[] = [];
  for (const o of done) {
    let row = -1, bestDc = Infinity;
    for (let i = rowRefs.length - 1; i >= 0 && i >= rowRefs.length - 12; i--) {
      const r = rowRefs[i]!;
      if (!sameLine(r, [o.ref[0], o.ref[1], o.size])) continue;
      if (rowSpans[i]!.some((m) => o.spans.some((p) => overLine(m, p)))) continue;
      const dc = Math.abs(r[0] + r[1] - o.ref[0] - o.ref[1]);
      if (dc < bestDc) { bestDc = dc; row = i; }
    }
    if (row < 0) { rowRefs.push([o.ref[0], o.ref[1], o.size]); rowSpans.push([]); row = rowRefs.length - 1; }
    rowSpans[row]!.push(...o.spans);
    const rtl = mostlyRightToLeft(o.spans);
    out.push(makeFragment(rtl ? [...o.spans].reverse() : o.spans, row, opts, rtl));
  }
  return out;
}

/**
 * Whether more than half of the spans' text is in right-to-left spans.
 * @param size what a span weighs (default: its characters; a ruled table counts letters only, so that figures
 *   count for neither side)
 */
export function mostlyRightToLeft(spans: readonly TextSpan[], size: (s: TextSpan) => number = (s) => s.text.length): boolean {
  let rtl = 0, all = 0;
  for (const s of spans) {
    const n = size(s);
    all += n;
    if (s.dir === 'rtl') rtl += n;
  }
  return rtl * 2 > all;
}

/**
 * Cuts a fragment in two at x: the spans whose centre is left of x, and the others.
 * @param f the fragment (its spans in reading order, left to right)
 * @param x where to cut
 * @param opts layout knobs (space gap)
 * Returns undefined when every span falls on one side. Both halves keep the fragment's row.
 */
export function splitFragment(f: Fragment, x: number, opts: ResolvedLayoutOptions): [Fragment, Fragment] | undefined {
  if (f.rtl) return undefined;
  const spans = f.spans.flatMap((s) => splitTrailingFigure(s, x) ?? [s]);
  const left = spans.filter((s) => (s.bbox[0] + s.bbox[2]) / 2 < x);
  const right = spans.filter((s) => (s.bbox[0] + s.bbox[2]) / 2 >= x);
  if (!left.length || !right.length) return undefined;
  return [makeFragment(left, f.row, opts, false), makeFragment(right, f.row, opts, false)];
}

/** Width of a digit as a share of the font size (digits are set on one width, about half an em, in most faces). */
const DIGIT_EM = 0.556;

/**
 * A span across x whose words end in a figure set without a space ("… Espresso Maker1": a name run on into the
 * next column's quantity), cut before the figure when the figure, measured from the span's end, starts beyond x.
 */
export function splitTrailingFigure(s: TextSpan, x: number): [TextSpan, TextSpan] | undefined {
  if (s.bbox[0] >= x || s.bbox[2] <= x) return undefined;
  const m = /^(.*\p{L})(\d[\d.,]*)$/u.exec(s.text);
  if (!m) return undefined;
  const start = s.bbox[2] - m[2]!.length * DIGIT_EM * s.fontSize;
  if (start <= x) return undefined;
  return [{ ...s, text: m[1]!, bbox: [s.bbox[0], s.bbox[1], start, s.bbox[3]] }, { ...s, text: m[2]!, bbox: [start, s.bbox[1], s.bbox[2], s.bbox[3]] }];
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/gu;
const LETTER = /\p{L}/gu;

/**
 * Whether a row's pieces read right to left: most pieces are right-to-left, or right-to-left letters
 * outnumber the others (a Persian title beside its bare section number), or, in a right-to-left
 * page, the right-most piece is a bare number or mark ("1.1" right of "Normalization": the number
 * leads the heading).
 * @param segs the row's fragments
 * @param baseRtl the page reads right to left
 */
export function rowIsRtl(segs: readonly Fragment[], baseRtl: boolean): boolean {
  if (segs.filter((s) => s.rtl).length * 2 > segs.length) return true;
  if (segs.length < 2 || !segs.some((s) => s.rtl || baseRtl)) return false;
  let rtlLetters = 0, letters = 0;
  for (const s of segs) {
    rtlLetters += (s.text.match(RTL_LETTER) ?? []).length;
    letters += (s.text.match(LETTER) ?? []).length;
  }
  if (rtlLetters * 2 > letters) return true;
  if (!baseRtl) return false;
  const right = segs.reduce((a, b) => (b.bbox[2] > a.bbox[2] ? b : a));
  return !/\p{L}/u.test(right.text) && /\p{N}/u.test(right.text);
}

/**
 * Merges the fragments of each row (inside one column) into lines, top to bottom.
 * @param frags fragments of one reading-order region
 * @param baseRtl the page reads right to left (see `rowIsRtl`)
 * Segments keep the pieces apart for table detection; the line's text joins them with a space.
 */
export function buildLines(frags: readonly Fragment[], baseRtl = false): Line[] {
  const byRow = new Map<number, Fragment[]>();
  for (const f of frags) {
    const list = byRow.get(f.row);
    if (list) list.push(f); else byRow.set(f.row, [f]);
  }
  const lines: Line[] = [];
  for (const segs of byRow.values()) {
    const rtl = rowIsRtl(segs, baseRtl);
    segs.sort((a, b) => (rtl ? b.bbox[0] - a.bbox[0] : a.bbox[0] - b.bbox[0]));
    const inlines: Inline[] = [];
    let chars = 0, boldChars = 0, italicChars = 0, confSum = 0, confChars = 0;
    const sizeW = new Map<number, number>();
    segs.forEach((s, i) => {
      if (i > 0) pushInline(inlines, { text: ' ' });
      for (const r of s.inlines) pushInline(inlines, { ...r });
      chars += s.chars; boldChars += s.boldChars; italicChars += s.italicChars; confSum += s.confSum; confChars += s.confChars;
      sizeW.set(s.fontSize, (sizeW.get(s.fontSize) ?? 0) + s.chars + 0.001);
    });
    // Note: Word's and PowerPoint's second-level bullet is a lower-case "o" in Courier New before text in the body face:
    // a bullet ("◦"), not inline code.
    const [o, next] = inlines;
    if (o?.code && o.text.trimEnd() === 'o' && next && !next.code && /^\s*\S/u.test(next.text) && /\s/u.test(o.text.slice(1) + next.text.charAt(0))) {
      const rest = inlines.splice(0);
      pushInline(inlines, { text: `◦${o.text.slice(1)}` });
      for (const r of rest.slice(1)) pushInline(inlines, r);
    }
    let fontSize = segs[0]?.fontSize ?? 0, best = -1;
    for (const [sz, c] of sizeW) if (c > best) { best = c; fontSize = sz; }
    // Note: a citation closing a line in roman ("Implementation [1,2]" over a slide) does not count against its bold.
    const last = inlines[inlines.length - 1];
    const cited = inlines.length > 1 && last && !last.bold && CITATION_END.test(last.text) ? visibleChars(last.text) : 0;
    lines.push({
      bbox: unionBox(segs.map((s) => s.bbox)), segments: segs, inlines, text: inlines.map((r) => r.text).join(''), fontSize,
      bold: chars > cited && boldChars >= 0.8 * (chars - cited), italic: chars > 0 && italicChars >= 0.8 * chars, chars, confSum, confChars, rtl,
    });
  }
  lines.sort((a, b) => a.bbox[1] + a.bbox[3] - (b.bbox[1] + b.bbox[3]));
  return lines;
}
