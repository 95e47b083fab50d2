import type { BBox, TextSpan } from '@docmill/core';
import { isFiniteBox, roundBox, round2, transformBox } from './geometry.js';
import { suffixStyles, type FontStyle } from './fonts.js';
import { baselineTurn } from './upright.js';

/** The part of a pdf.js TextItem we read. */
export interface RawTextItem {
  str: string;
  dir: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/** The part of a pdf.js TextStyle we read. */
export interface RawTextStyle {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

/** A link annotation: target and area, top-left origin, points. */
export interface LinkArea {
  url: string;
  bbox: BBox;
}

/**
 * Typography a reader would not type: two single quotes set as a double quote (‘‘ … ’’, common in
 * LaTeX-era and US government typesetting) become the double quote they stand for, and Arabic
 * presentation forms (ﺑﯿﺎن) the letters they shape (بیان), Kangxi radicals (⽅, U+2F45) the ideographs they look like
 * (方); a control character right beside white space (a font that maps its space glyph to U+0000 and draws a space
 * after it: "설계\u0000 목표"), or ending the item after text ("설명을\u0000" at a line's end), is dropped; lone U+0000s
 * parting an item's words are its spaces.
 * @param text one text item's string
 * Does not touch straight quotes or a single ‘ ’ pair (real single quotes), nor Latin ligatures. A control
 * character between letters stays: it is a broken mapping the text-layer verdict must see.
 */
export function fixTypography(text: string): string {
  let t = text.includes('‘‘') || text.includes('’’') ? text.replace(/‘‘/g, '“').replace(/’’/g, '”') : text;
  // Note: a font that maps its space glyph to U+0000 and draws no space besides ("운영체제가\u0000프로세스\u0000마다"): each
  // lone U+0000 of an item with no other white space or control character is a space.
  if (CONTROL.test(t)) t = NUL_SPACED.test(t) ? t.replace(/\u0000/g, ' ') : t.replace(CONTROL_BY_SPACE, '');
  return LOOKALIKE_FORM.test(t) ? t.replace(LOOKALIKE_FORMS, (c) => c.normalize('NFKC')) : t;
}

const CONTROL = /[\u0000-\u0008\u000E-\u001F]/u;
// Note: only U+0000: a symbol font (ZapfDingbats) maps visible glyphs (a ballot box, an arrow) to other control codes.
const LONE_CONTROL = /^\u0000$/u;
/** Words parted by lone U+0000s, no other white space or control character in the item. */
const NUL_SPACED = /^\u0000?[^\s\u0000-\u001F]+(?:\u0000[^\s\u0000-\u001F]+)+\u0000?$/u;
const CONTROL_BY_SPACE = /[\u0000-\u0008\u000E-\u001F]+(?=\s)|(?<=\s)[\u0000-\u0008\u000E-\u001F]+|(?<=[^\u0000-\u001F])[\u0000-\u0008\u000E-\u001F]+$/gu;

// Arabic presentation forms (initial, medial, final and isolated glyph shapes, lam-alef ligatures):
// a font whose ToUnicode maps its glyphs to these (xdvipdfmx with Persian fonts) gives text a reader
// cannot search; the letters they stand for are the text. U+FEFF (a byte-order mark) is left alone.
// Kangxi radicals (U+2F00–U+2FD5): CJK fonts embedded by Chrome/Skia and others map a shared glyph of 方, 比, 用, 文 to
// the radical's code point ("状態表現⽅法の⽐較分析"): it looks the same and no reader can search it; NFKC gives the
// ideograph, as pdftotext does.
const LOOKALIKE_FORM = /[\uFB50-\uFDFF\uFE70-\uFEFE\u2F00-\u2FD5]/u;
const LOOKALIKE_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFE\u2F00-\u2FD5]/gu;

// Chinese and Japanese characters, the long-vowel mark, CJK and full-width punctuation: written without spaces between
// them. Not Hangul: Korean spaces its words.
const CJK_CLASS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\u3000-\u303F\uFF01-\uFF60`;
const CJK_SPACED = new RegExp(`([${CJK_CLASS}]) (?=[${CJK_CLASS}])`, 'gu');
const CJK_TIGHT = new RegExp(`[${CJK_CLASS}](?=[${CJK_CLASS}])`, 'gu');
const CJK_CHAR = new RegExp(`[${CJK_CLASS}]`, 'u');
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Chinese or Japanese text set with letter spacing, which pdf.js reads as a space after each character ("ス マ ー ト フ ォ
 * ン" for "スマートフォン", a Word paper justified with character spacing; "貸 借 対 照 表", a title spaced out), without
 * those spaces: when two pairs of CJK characters or more are spaced, at most a quarter as many are not, and the spaces are
 * narrower than `CJK_SPACE_EM` on average (the item's width in ems, `widthEm`, less an em for each CJK character and half
 * an em for each other one). A space between names ("新井 諒介") stays, and so do spaces as wide as a space glyph ("编 号 专
 * 用 页", half an em apart: pdftotext reads spaces there too).
 */
export function unspaceCjk(text: string, widthEm?: number): string {
  if (!HAS_CJK.test(text)) return text;
  const spaced = text.match(CJK_SPACED)?.length ?? 0;
  if (spaced < 2 || 4 * (text.match(CJK_TIGHT)?.length ?? 0) > spaced) return text;
  if (widthEm !== undefined) {
    const chars = [...text.replace(/\s+/g, '')];
    const wide = chars.filter((c) => CJK_CHAR.test(c)).length;
    const spaces = text.trim().split(/\s+/).length - 1;
    if (spaces > 0 && (widthEm - wide - 0.5 * (chars.length - wide)) / spaces >= CJK_SPACE_EM) return text;
  }
  return text.replace(CJK_SPACED, '$1');
}

/** Narrowest space (ems) that is a space glyph between CJK characters, not letter spacing (`unspaceCjk`). */
const CJK_SPACE_EM = 0.4;

/**
 * Four to twelve capitals, each alone between single spaces: a title set with letter spacing ("F A C T U R A"). Not more:
 * pdf.js reads the wider space between two spaced words as one space too ("R E S E A R C H A R T I C L E"), and a title
 * of more letters is two words or more as often as one. Its number may follow it, spaced as a word ("I N V O I C E #1").
 */
const SPACED_CAPS = /^(\p{Lu}(?: \p{Lu}){3,11})( #\d{1,8})?$/u;

/**
 * A word in capitals set with letter spacing, which pdf.js reads as a space after each letter ("F A C T U A" for
 * "FACTUA", an invoice's title), without those spaces, as pdftotext reads it. Only an item of single capitals
 * (`SPACED_CAPS`): a space between words of a spaced title is no wider to pdf.js than the one between its letters.
 */
export function unspaceCaps(text: string): string {
  const m = SPACED_CAPS.exec(text);
  return m ? m[1]!.replace(/ /g, '') + (m[2] ?? '') : text;
}

const DEFAULT_ASCENT = 0.8;
const DEFAULT_DESCENT = -0.2;

/**
 * Turns pdf.js text items into positioned spans.
 * @param items `getTextContent().items` (marked-content markers are skipped)
 * @param styles `getTextContent().styles`, for ascent and descent per font
 * @param viewportTransform user space → top-left page points (viewport at scale 1,
 *   which already accounts for /Rotate and a MediaBox that does not start at 0,0)
 * @param styleOf font style by pdf.js font id
 * @param links link areas; a span gets the link whose area holds its bbox centre
 * @param headingOf heading level (1–6) of a marked-content id, from the page's structure tree
 *   (tagged PDFs; the items then include their marked-content markers)
 * Does not merge items into words or lines (the layout stage does, by geometry),
 * and keeps each item's text as given, spaces included (but for `fixTypography`). Whitespace-only items, and items
 * that are one U+0000, are dropped (as spaces).
 */
export function toSpans(
  items: readonly unknown[],
  styles: Record<string, RawTextStyle | undefined>,
  viewportTransform: readonly number[],
  styleOf: (fontName: string) => FontStyle,
  links: readonly LinkArea[],
  headingOf?: (mcid: string) => number | undefined,
): TextSpan[] {
  const spans: TextSpan[] = [];
  const styleCache = new Map<string, FontStyle>();
  const misread = macRomanMisreads(items);
  let pendingSpace = -1;
  // Heading level of each open marked-content section (undefined: not a heading).
  const marked: Array<number | undefined> = [];
  for (const raw of items) {
    if (!raw || typeof raw !== 'object') continue;
    const kind = (raw as { type?: unknown }).type;
    if (kind === 'beginMarkedContent' || kind === 'beginMarkedContentProps') {
      const id = (raw as { id?: unknown }).id;
      marked.push(typeof id === 'string' && headingOf ? headingOf(id) : undefined);
      continue;
    }
    if (kind === 'endMarkedContent') { marked.pop(); continue; }
    if (typeof (raw as RawTextItem).str !== 'string') continue;
    const item = raw as RawTextItem;
    // Note: an item that is one U+0000 is a space glyph mapped to it (AvenirNext's "Page\u00002"), as in `fixTypography`.
    if (item.str.trim() === '' || LONE_CONTROL.test(item.str)) {
      // Note: a space the PDF draws as its own item between two words close together is kept on the
      // span before it, so that a narrow space (Aptos, ~0.19 em) is not mistaken for kerning and glued.
      const last = spans[spans.length - 1];
      pendingSpace = item.str.length > 0 && last && !/\s$/.test(last.text) && spaceFollows(last, item, viewportTransform) ? spans.length - 1 : -1;
      continue;
    }
    const style = styles[item.fontName];
    const bbox = itemBox(item, style, viewportTransform);
    if (!bbox) continue;
    const prev = spans[spans.length - 1];
    if (pendingSpace >= 0 && pendingSpace === spans.length - 1 && prev && bbox[0] >= prev.bbox[2] - 0.1 * prev.fontSize
      && bbox[0] - prev.bbox[2] <= 0.6 * prev.fontSize && bbox[1] < prev.bbox[3] && bbox[3] > prev.bbox[1]) prev.text += ' ';
    pendingSpace = -1;
    let font = styleCache.get(item.fontName);
    if (!font) {
      font = styleOf(item.fontName);
      styleCache.set(item.fontName, font);
    }
    const fontSize = round2(emSize(item.transform));
    const span: TextSpan = { text: unspaceCaps(unspaceCjk(fixTypography(misread.has(item.fontName) ? asWinAnsi(item.str) : item.str), fontSize > 0 ? (bbox[2] - bbox[0]) / fontSize : undefined)), bbox, fontSize };
    if (font.name) span.fontName = font.name;
    if (font.bold) span.bold = true;
    if (font.italic) span.italic = true;
    if (font.monospace) span.monospace = true;
    // Note: 'ltr' is the default and left unset to keep spans small.
    if (item.dir === 'rtl' || item.dir === 'ttb' || style?.vertical) span.dir = style?.vertical ? 'ttb' : (item.dir as 'rtl' | 'ttb');
    else {
      const turned = baselineTurn(item.transform, viewportTransform);
      if (turned) span.turned = turned;
    }
    const link = linkAt(bbox, links);
    if (link) span.link = link;
    const heading = marked.findLast((h) => h !== undefined);
    if (heading !== undefined) span.heading = heading;
    spans.push(span);
  }
  // Note: the page's font names are those of its fonts read (`styleCache`), not one per span.
  const suffixed = suffixStyles([...styleCache.values()].flatMap((f) => f.name ?? []));
  for (const span of suffixed.size ? spans : []) {
    const style = suffixed.get(span.fontName!);
    if (style?.bold) span.bold = true;
    if (style?.italic) span.italic = true;
  }
  return joinDropCaps(joinAccents(spans));
}

// MacRoman's characters for codes 0x80–0xFF, and WinAnsi's (cp1252) for the codes where it is not Latin-1 (0x80–0x9F).
const MAC_ROMAN = 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';
const WIN_ANSI_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const MAC_TO_WIN = new Map([...MAC_ROMAN].map((c, i) => [c, i < 0x20 ? WIN_ANSI_C1[i]! : String.fromCharCode(0xA0 + i - 0x20)] as const).filter(([m, w]) => m !== w));
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;
const NON_ASCII = /[^\x00-\x7F]/;
// MacRoman's marks for WinAnsi's "ä" and "Ö", which no word holds. Not its accents (¸ ˆ ˜: TeX sets "c¸" and "n˜" as
// two glyphs), quotes („ ’), Spanish marks (¡ ¿), the Catalan middle dot, nor math (√ ¬ ≈).
const MISREAD_MARK = /[‰÷]/u;

/** The text as WinAnsi would have read the codes that MacRoman read as it (see `macRomanMisreads`). */
export function asWinAnsi(text: string): string {
  let out = '';
  for (const c of text) out += MAC_TO_WIN.get(c) ?? c;
  return out;
}

/**
 * The fonts (pdf.js ids) whose text pdf.js read through MacRoman though the PDF encodes it in WinAnsi: an embedded
 * TrueType subset without a ToUnicode map, flagged symbolic, as Ghostscript writes them (PDF24's "Harlesh‰user",
 * "÷ffnungszeiten", "Gefl¸gel"; poppler reads "Harleshäuser"). Told by a mark that no word holds, for a letter in
 * WinAnsi, beside a Latin letter ("‰" in "h‰u", `MISREAD_MARK`), or by a capital that WinAnsi reads as a small letter
 * between small letters ("È" in "dÈcembre"); and by none of the converse (a letter inside a word that WinAnsi would make
 * a mark: "ß" of "Straße" is "§"). Page by page, so that a page reads the same whatever was read before it.
 * @param items `getTextContent().items`
 */
export function macRomanMisreads(items: readonly unknown[]): Set<string> {
  const tells = new Map<string, number>();
  for (const raw of items) {
    const item = raw as Partial<RawTextItem> | null;
    // Note: text all in ASCII, most of any page, holds no MacRoman character.
    if (!item || typeof item.str !== 'string' || typeof item.fontName !== 'string' || !NON_ASCII.test(item.str)) continue;
    const chars = [...item.str];
    chars.forEach((c, k) => {
      const w = MAC_TO_WIN.get(c);
      if (w === undefined) return;
      const before = chars[k - 1] ?? '', after = chars[k + 1] ?? '';
      const n = tells.get(item.fontName!) ?? 0;
      // A mark beside a letter, no digit beside it ("h‰user", "÷ffnungszeiten"; not "5 ‰"); a capital that WinAnsi
      // reads as a small letter between small letters ("dÈcembre").
      const mark = MISREAD_MARK.test(c) && (LATIN.test(before) || LATIN.test(after)) && !/\d/.test(before + after);
      const capital = /\p{Lu}/u.test(c) && /\p{Ll}/u.test(w) && /\p{Ll}/u.test(before) && /\p{Ll}/u.test(after);
      if (mark || capital) tells.set(item.fontName!, n + 1);
      else if (LETTER.test(c) && !LETTER.test(w) && LETTER.test(before) && LETTER.test(after)) tells.set(item.fontName!, -Infinity);
    });
  }
  return new Set([...tells].filter(([, n]) => n > 0).map(([f]) => f));
}

// Spacing accents and the combining marks they stand for. ASCII's ^ ~ ` are left alone (code, paths), but see `TEX_ACCENT`.
const COMBINING: Record<string, string> = {
  '\u00B4': '\u0301', '\u02CA': '\u0301', '\u02CB': '\u0300', '\u00A8': '\u0308', '\u02C6': '\u0302', '\u02DC': '\u0303',
  '\u00B8': '\u0327', '\u02C7': '\u030C', '\u02D8': '\u0306', '\u02D9': '\u0307', '\u02DA': '\u030A', '\u00AF': '\u0304',
  '\u02DD': '\u030B', '\u02DB': '\u0328',
};

/**
 * ASCII's grave, circumflex and tilde where TeX's OT1 fonts put their accents ("Universit`" + "a di Pisa" in CMBX12):
 * accents only at the end of an item of a proportional font that the next item starts back over, as `joinAccents` asks,
 * by an em at most.
 */
const TEX_ACCENT: Record<string, string> = { '`': '\u0300', '^': '\u0302', '~': '\u0303' };

/** A letter with a combining mark, in NFC; TeX's dotless ı and ȷ under a mark are i and j ("na¨ıve" reads "naïve"). */
const accented = (letter: string, mark: string): string => `${letter === 'ı' ? 'i' : letter === 'ȷ' ? 'j' : letter}${mark}`.normalize('NFC');

/**
 * Puts spacing accents that a PDF draws over a letter back on their letter (spans modified in place; spans left
 * empty dropped): TeX's "aplicaci´" + "on" and "Pleba´" + "nski" read "aplicación", "Plebański"; a producer that draws the
 * accent after its letter ("Age" + "ˆncia", "Aviac" + "¸a" + "˜o") reads "Agência", "Aviação".
 * @param spans spans in drawing order
 * pdf.js ends an item where the pen moves back; an accent is joined when the next item starts back over the end of the
 * one before (a tenth of an em or more, on the same line): an item's last accent goes to the next item's first letter,
 * an item's first accent to the letter before it. Joined to its letter in NFC ("ó"); a pair with no precomposed form
 * keeps the combining mark.
 */
export function joinAccents(spans: TextSpan[]): TextSpan[] {
  let dropped = false;
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1]!, b = spans[i]!;
    if (a.dir !== undefined || b.dir !== undefined || a.turned !== undefined || b.turned !== undefined) continue;
    const em = Math.max(a.fontSize, b.fontSize);
    if (!(b.bbox[0] < a.bbox[2] - 0.1 * em && b.bbox[0] > a.bbox[0]) || b.bbox[1] >= a.bbox[3] || b.bbox[3] <= a.bbox[1]) continue;
    const last = a.text.at(-1) ?? '', first = b.text.charAt(0);
    // Note: TeX's pen moves back over the accent only, about half an em, not to a line's start (a "^" that ends a line).
    const mark = COMBINING[last] ?? (a.monospace || b.bbox[0] < a.bbox[2] - em ? undefined : TEX_ACCENT[last]);
    if (mark !== undefined && /^\p{L}/u.test(b.text)) {
      a.text = a.text.slice(0, -1);
      b.text = accented(b.text.charAt(0), mark) + b.text.slice(1);
    } else if (COMBINING[first] !== undefined && /\p{L}$/u.test(a.text)) {
      a.text = a.text.slice(0, -1) + accented(a.text.at(-1)!, COMBINING[first]);
      b.text = b.text.slice(1);
    } else continue;
    if (a.text === '' || b.text === '') dropped = true;
  }
  return dropped ? spans.filter((s) => s.text !== '') : spans;
}

/**
 * Puts a drop cap back on its word (spans modified in place, the cap's span dropped): a lone capital `DROP_CAP_RATIO`
 * times the size of the text beside it or more ("F" in 25 pt), with two spans or more beside it, whose right edge the
 * first line beside it starts against, in lower case ("ew would have guessed" in 10 pt), reads "Few would have
 * guessed". The lines set beside the cap, indented to clear it, start at its left edge, where the paragraph's other
 * lines start.
 * @param spans spans in drawing order
 */
export function joinDropCaps(spans: TextSpan[]): TextSpan[] {
  let dropped = false;
  for (const cap of spans) {
    if (!/^\p{Lu}$/u.test(cap.text) || cap.dir !== undefined || cap.turned !== undefined) continue;
    const beside = spans.filter((o) => o !== cap && o.dir === undefined && o.turned === undefined && o.fontSize > 0 && cap.fontSize >= DROP_CAP_RATIO * o.fontSize
      && o.bbox[0] >= cap.bbox[2] - 0.1 * o.fontSize && o.bbox[0] <= cap.bbox[2] + 1.5 * o.fontSize
      && (o.bbox[1] + o.bbox[3]) / 2 > cap.bbox[1] && (o.bbox[1] + o.bbox[3]) / 2 < cap.bbox[3]);
    const top = Math.min(...beside.map((o) => o.bbox[1]));
    const first = beside.filter((o) => o.bbox[1] - top <= 0.5 * o.fontSize).reduce<TextSpan | undefined>((a, o) => (!a || o.bbox[0] < a.bbox[0] ? o : a), undefined);
    if (!first || first.bbox[0] > cap.bbox[2] + 0.3 * first.fontSize || !/^\p{Ll}/u.test(first.text) || beside.length < 2) continue;
    first.text = cap.text + first.text;
    for (const o of beside) {
      // The first span of each line beside the cap starts where the cap does.
      const line = beside.filter((q) => Math.abs(q.bbox[1] - o.bbox[1]) <= 0.5 * o.fontSize);
      if (o === line.reduce((a, q) => (q.bbox[0] < a.bbox[0] ? q : a))) o.bbox = [cap.bbox[0], o.bbox[1], o.bbox[2], o.bbox[3]];
    }
    cap.text = '';
    dropped = true;
  }
  return dropped ? spans.filter((s) => s.text !== '') : spans;
}

/** Least size of a drop cap, in sizes of the text beside it. */
const DROP_CAP_RATIO = 1.8;

const determinant = ([a = 0, b = 0, c = 0, d = 0]: readonly number[]): number => a * d - b * c;

/**
 * The font size of a text item: the height of its em at a right angle to the baseline, |det| / |baseline|;
 * the length of the matrix's second column for an upright font, less for a slanted one (12 for [12 0 4 12]).
 */
function emSize(transform: readonly number[]): number {
  const [a = 0, b = 0] = transform;
  const sx = Math.hypot(a, b);
  return sx > 0 ? Math.abs(determinant(transform)) / sx : 0;
}

/**
 * The box of one text item, top-left origin, points; undefined when degenerate.
 * In text space an item runs from its origin along the baseline for `width`
 * (horizontal fonts), from descent to ascent across it; a vertical-font item is
 * one em wide, centred on its origin, and runs down for `height`.
 */
function itemBox(item: RawTextItem, style: RawTextStyle | undefined, viewportTransform: readonly number[]): BBox | undefined {
  const [a = 0, b = 0, , , e = 0, f = 0] = item.transform;
  const sx = Math.hypot(a, b);
  const sy = emSize(item.transform);
  if (!(sx > 0) || !(sy > 0)) return undefined;
  // Unit-scaled text space: x along the baseline, y "up" at a right angle to it, in user-space units. A slanted
  // (sheared) font matrix, a synthetic oblique, is boxed upright: its box spans the advance, as an italic's does, so
  // that the gap to the next word is the gap the producer left.
  const up = Math.sign(determinant(item.transform));
  const unit = [a / sx, b / sx, (-up * b) / sx, (up * a) / sx, e, f];
  let x0: number;
  let x1: number;
  let y0: number;
  let y1: number;
  if (style?.vertical) {
    const w = item.width > 0 ? item.width : sx;
    x0 = -w / 2;
    x1 = w / 2;
    y0 = -Math.max(item.height, 0);
    y1 = 0;
  } else {
    const ascent = style?.ascent !== undefined && style.ascent > 0 && style.ascent < 1.5 ? style.ascent : DEFAULT_ASCENT;
    const descent = style?.descent !== undefined && style.descent <= 0 && style.descent > -1 ? style.descent : DEFAULT_DESCENT;
    x0 = 0;
    x1 = Math.max(item.width, 0);
    y0 = descent * sy;
    y1 = ascent * sy;
  }
  const userBox = transformBox(unit, x0, y0, x1, y1);
  const pageBox = transformBox(viewportTransform, userBox[0], userBox[1], userBox[2], userBox[3]);
  // Note: transforming the already axis-aligned user box is exact for the page
  // rotations PDF allows (multiples of 90°); only skewed text gets a looser box.
  return isFiniteBox(pageBox) ? roundBox(pageBox) : undefined;
}

/** True when a whitespace item sits on the line of `last`, starting at (or just after) its end. */
function spaceFollows(last: TextSpan, item: RawTextItem, viewportTransform: readonly number[]): boolean {
  const [a = 0, b = 0, , , e = 0, f = 0] = item.transform;
  const [va = 1, vb = 0, vc = 0, vd = 1, ve = 0, vf = 0] = viewportTransform;
  // The baseline on the (possibly turned) page must run left to right.
  const dx = va * a + vc * b;
  const dy = vb * a + vd * b;
  if (Math.abs(dy) > 1e-6 * Math.abs(dx) || !(dx > 0)) return false;
  const [x, y] = [va * e + vc * f + ve, vb * e + vd * f + vf];
  const em = last.fontSize || 10;
  return y >= last.bbox[1] - 0.2 * em && y <= last.bbox[3] + 0.2 * em && x >= last.bbox[2] - 0.3 * em && x <= last.bbox[2] + 0.3 * em;
}

function linkAt(bbox: BBox, links: readonly LinkArea[]): string | undefined {
  if (links.length === 0) return undefined;
  const cx = (bbox[0] + bbox[2]) / 2;
  const cy = (bbox[1] + bbox[3]) / 2;
  for (const l of links) if (cx >= l.bbox[0] && cx <= l.bbox[2] && cy >= l.bbox[1] && cy <= l.bbox[3]) return l.url;
  return undefined;
}
