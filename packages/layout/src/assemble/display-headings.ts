import type { Block } from '@docmill/core';
import { DISPLAY_RATIO, headingLikeText } from '../classify.js';
import { overlap, unionBox, weightedMode } from '../geometry.js';
import { normalizeRuns } from '../inlines.js';
import { capsOverMixed, sectionNumber, startsLowercase } from '../markers.js';

/** A page's body blocks, as the display-heading passes see them. */
export interface DisplayPage {
  blocks: Block[];
  /** The page's text comes from the PDF's text layer (sizes are measured, not guessed). */
  textLayer?: boolean;
}

/** Longest text a promoted display line may have (characters). */
const MAX_CHARS = 160;
/** Most text a page may have at a promoted line's size besides it (characters): a slide title, not a page of large print. */
const MAX_PAGE_CHARS_AT_SIZE = 300;
/** Size ratio to the page's own body under which the page-level pass did not see a heading. */
const PAGE_RATIO = 1.15;

/** Characters of paragraph and list text by font size (0.5 pt classes) over the given blocks. */
function sizeMode(blocks: readonly Block[]): number {
  const textual = blocks.filter((b) => (b.type === 'paragraph' || b.type === 'list-item') && b.fontSize);
  return weightedMode(textual.map((b) => [b.fontSize!, b.text.length] as const), 0.5);
}

/**
 * Makes headings of short paragraphs set in display type relative to the whole document, on pages
 * where the page alone could not tell (blocks modified in place): a slide or a title page whose only
 * text is its title has that title's size as its "body" size.
 * @param pages body blocks of all pages, in document order
 * A paragraph is promoted when it is at least DISPLAY_RATIO times the document's body size (the most
 * common size of paragraph and list text), under PAGE_RATIO times its own page's body size (else the
 * page-level pass already judged it), reads like a heading (`headingLikeText`), is at most MAX_CHARS
 * long, and its page has little other text at its size. Text-layer pages only.
 */
export function promoteDisplayLines(pages: readonly DisplayPage[]): void {
  const body = sizeMode(pages.flatMap((p) => p.blocks));
  if (!(body > 0)) return;
  for (const p of pages) {
    if (!p.textLayer) continue;
    const pageBody = sizeMode(p.blocks);
    for (const b of p.blocks) {
      if (b.type !== 'paragraph' || b.fontSize === undefined || b.fontSize < DISPLAY_RATIO * body) continue;
      if (pageBody > 0 && b.fontSize >= PAGE_RATIO * pageBody) continue;
      const text = b.text.trim();
      if (text.length > MAX_CHARS || !headingLikeText(text)) continue;
      const sameSize = p.blocks.filter((x) => x !== b && x.fontSize !== undefined && Math.abs(x.fontSize - b.fontSize!) <= 0.5 && x.type !== 'heading');
      if (sameSize.reduce((n, x) => n + x.text.length, 0) > MAX_PAGE_CHARS_AT_SIZE) continue;
      // Note: `open` is left as it is: the streamed assembly copies only the fields this pass sets.
      b.type = 'heading';
    }
  }
}

/** Largest gap between two stacked lines of one heading, in their font size. */
const STACK_GAP_EM = 0.8;

/**
 * Joins headings that are lines of one title stacked on top of each other (blocks modified in
 * place, the later ones removed): "How to make words with vectors:" over "Phrase generation in
 * distributional semantics", a slide title broken over three lines that the page grouped apart.
 * @param pages body blocks of all pages
 * Two consecutive headings join when they have the same size (0.5 pt) and weight, the second
 * starts at most STACK_GAP_EM of that size below the first, they are centred on each other or the
 * upper, flush with the lower on one side, is at least 0.9 times as wide (a wrapped line), neither
 * has a level or an outline depth from the PDF, the first does not end a sentence (a colon may
 * end it), neither has a section number (a numbered heading is one unit already, and the next
 * numbered one starts a section of its own), the first is not in capitals over the second in mixed case
 * (`capsOverMixed`: a section over its first subsection), and the joined text is under MAX_CHARS. The title's last
 * line may be a paragraph that starts in lower case, in display type (`wrappedTail`).
 */
export function joinStackedHeadings(pages: readonly DisplayPage[]): void {
  const body = sizeMode(pages.flatMap((p) => p.blocks));
  for (const p of pages) {
    const out: Block[] = [];
    for (const b of p.blocks) {
      const a = out[out.length - 1];
      if (a && stacked(a, b, body)) {
        joinBlock(a, b);
        const joined = (a as Joined)[JOINED];
        if (joined) joined.push(b);
        else Object.defineProperty(a, JOINED, { value: [b], enumerable: false, configurable: true });
        continue;
      }
      out.push(b);
    }
    if (out.length !== p.blocks.length) p.blocks.splice(0, p.blocks.length, ...out);
  }
}

/**
 * The blocks `joinStackedHeadings` joined into a block, in order (a hidden property of that block), so
 * that a pass that ran on light copies of the blocks can join the full ones the same way.
 */
export const JOINED: unique symbol = Symbol('docmill.joined');
type Joined = Block & { [JOINED]?: Block[] };

/** The blocks joined into `b` by `joinStackedHeadings` (empty when none). */
export function joinedInto(b: Block): readonly Block[] {
  return (b as Joined)[JOINED] ?? [];
}

/**
 * Appends block `b`'s text and runs to block `a` after a space, and grows `a`'s box over `b`'s
 * (`a` modified in place).
 */
export function joinBlock(a: Block, b: Block): void {
  if (a.inlines || b.inlines) a.inlines = normalizeRuns([...(a.inlines ?? [{ text: a.text }]), { text: ' ' }, ...(b.inlines ?? [{ text: b.text }])]);
  a.text = `${a.text.trimEnd()} ${b.text.trimStart()}`;
  a.bbox = unionBox([a.bbox, b.bbox]);
}

/** Gap (ems of the title's size) under a title's line at which the next line is set solid: leading of one em or less. */
const SOLID_GAP_EM = 0.1;

function stacked(a: Block, b: Block, body: number): boolean {
  const tail = b.type !== 'heading';
  if (a.type !== 'heading' || (tail && !wrappedTail(a, b, body))) return false;
  if (a.level !== undefined || b.level !== undefined || a.outlineDepth !== undefined || b.outlineDepth !== undefined) return false;
  if (a.fontSize === undefined || b.fontSize === undefined || Math.abs(a.fontSize - b.fontSize) > 0.5 || !!a.bold !== !!b.bold) return false;
  // Note: a title across the columns has none; its last line, a paragraph, was given the first.
  if (a.column !== b.column && !(tail && a.column === undefined)) return false;
  const gap = b.bbox[1] - a.bbox[3];
  if (gap < -0.3 * a.fontSize || gap > STACK_GAP_EM * a.fontSize) return false;
  if (overlap(a.bbox[0], a.bbox[2], b.bbox[0], b.bbox[2]) <= 0) return false;
  // Lines of one title are centred on each other, or wrapped: flush on one side, the upper at least
  // about as wide as the lower. A short line flush over a longer one is a heading over its subheading.
  const em = a.fontSize;
  const centred = Math.abs(a.bbox[0] + a.bbox[2] - b.bbox[0] - b.bbox[2]) / 2 <= em;
  const flush = Math.abs(a.bbox[0] - b.bbox[0]) <= 0.5 * em || Math.abs(a.bbox[2] - b.bbox[2]) <= 0.5 * em;
  // Note: so is a short line flush left over a longer one set solid under it (within `SOLID_GAP_EM`): a title wrapped
  // before a long word ("Allgemeine" over "Geschäftsbedingungen" beside a logo); a subheading stands further apart.
  const solid = gap <= SOLID_GAP_EM * em && Math.abs(a.bbox[0] - b.bbox[0]) <= 0.5 * em;
  if (!centred && !solid && !(flush && a.bbox[2] - a.bbox[0] >= 0.9 * (b.bbox[2] - b.bbox[0]))) return false;
  if (/[.!?]["”’')\]»]*$/.test(a.text.trimEnd()) || sectionNumber(b.text) !== undefined || sectionNumber(a.text) !== undefined) return false;
  // Note: a title in capitals over one in mixed case is a section over its first subsection, centred or not.
  if (capsOverMixed(a.text, b.text)) return false;
  return a.text.length + b.text.length < MAX_CHARS;
}

/**
 * The last line of a display title that the page took for a paragraph because it starts lower-case
 * ("Comparative analysis of … underlying feline" over "biology and domestication"): one line in the
 * heading's size (0.5 pt) and weight, in display type (DISPLAY_RATIO times the document's body size), starting
 * in lower case, flush left under it.
 */
function wrappedTail(a: Block, b: Block, body: number): boolean {
  if (b.type !== 'paragraph' || a.fontSize === undefined || b.fontSize === undefined || !(body > 0) || b.fontSize < DISPLAY_RATIO * body) return false;
  if (!startsLowercase(b.text) || b.bbox[3] - b.bbox[1] > 1.6 * b.fontSize) return false;
  return Math.abs(a.bbox[0] - b.bbox[0]) <= 0.5 * a.fontSize;
}

/** Words that may stand lowercase in a personal name ("Ludwig van Beethoven", "Oliveira da Silva"). */
const PARTICLE = /^(?:de|da|di|do|dos|du|la|le|van|von|der|den|ter|ten|del|della|bin|al|el)$/;
/** A capitalised name, a name in capitals, or initials ("J.", "J.-P."). */
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’-]*\.?|(?:\p{Lu}\.-?)+)$/u;

/** Words of section headings that are no one's name ("Related Work and Future Directions"). */
const HEADING_WORD = /^(?:work|works|directions?|results?|methods?|methodology|analysis|data|future|related|discussion|conclusions?|introduction|summary|background|study|studies|design|evaluation|experiments?|models?|systems?|materials|limitations|implications|approach|overview|applications?|theory|notes?|references|appendix|acknowledge?ments?|outlook|perspectives?|challenges|problems?|questions?|answers?)$/i;

/**
 * Whether a line is a list of personal names: "Georgiana Dinu and Marco Baroni",
 * "Krzysztof Bolejko1,2 and Lars Andersson3,4", "Chris QUIRK, Chris BROCKETT and William DOLAN".
 * @param text the line
 * Footnote marks (digits, *, †, ‡) are dropped; the names are joined by commas or "and"; each has one
 * to four words, capitalised or initials (particles like "van" allowed), none a word of section
 * headings ("Work", "Results"…), and two at least have two words.
 */
export function isNameList(text: string): boolean {
  const clean = text.replace(/[\d¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§¶✉]/gu, ' ');
  if (!/\band\b|,/.test(clean)) return false;
  const parts = clean.split(/\s*,\s*(?:and\s+)?|\s+and\s+/).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length < 2) return false;
  let full = 0;
  for (const p of parts) {
    const words = p.split(/\s+/);
    if (words.length > 4 || !words.every((w) => (NAME_WORD.test(w) && !HEADING_WORD.test(w)) || PARTICLE.test(w)) || !NAME_WORD.test(words[0]!)) return false;
    if (words.length >= 2) full++;
  }
  return full >= 2;
}

/**
 * Makes paragraphs again of the author lines of a paper's first page that were set large enough to
 * pass for headings (blocks modified in place): a heading of the first page that is a list of names
 * (`isNameList`) in a smaller size than the page's largest heading (the title).
 * @param pages body blocks of all pages; only the first is looked at
 */
export function demoteAuthorLines(pages: readonly DisplayPage[]): void {
  const first = pages[0];
  if (!first) return;
  const heads = first.blocks.filter((b) => b.type === 'heading' && b.level === undefined);
  const title = Math.max(...heads.map((b) => b.fontSize ?? 0));
  for (const b of heads) {
    if (b.fontSize === undefined || b.fontSize >= title || !isNameList(b.text.trim())) continue;
    b.type = 'paragraph';
  }
}
