import type { BBox, Block } from '@docmill/core';
import { median, weightedMedian } from '../geometry.js';
import { listMarker } from '../markers.js';

export type MarginalType = 'header' | 'footer' | 'page-number';

export interface MarginalPage {
  /** Page index in the document (for page numbers in running heads); the position in the list when absent. */
  index?: number;
  /** The blocks come from the PDF's text layer (furniture is then also found by pattern, see `isStamp`). */
  textLayer?: boolean;
  /** Page width, for lines in the left and right margins (none are looked for without it). */
  width?: number;
  height: number;
  blocks: Block[];
}

/** Share of the page height at the top and the bottom where running heads and feet live. */
const EDGE = 0.1;
/** Two occurrences of a running head sit within this share of the page height of each other. */
const SAME_PLACE = 0.03;

/** The occurrences of a line at about one height (`SAME_PLACE`, page heights): those within it of their median height. */
function atOnePlace<T>(list: readonly T[], y: (o: T) => number): T[] {
  const my = median(list.map(y));
  return list.filter((o) => Math.abs(y(o) - my) <= SAME_PLACE);
}

const PAGE_NUMBER = /^(?:(?:page|p\.|seite|s\.|pág\.?|página|pagina|strona)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]?(?:\s*(?:of|\/|von|de|sur|di|z)\s*\d{1,4})?$/i;

// Word's "4 | Page" and "Page | 4" (often letter-spaced, "P a g e"); Chinese "第 3 页", "第 3 页 共 9 页";
// "Page No. 2", "Page # 2", and "Page 2." with its full stop.
const PAGE_NUMBER_STYLED = /^(?:\d{1,4}\s*\|\s*p\s?a\s?g\s?e|p\s?a\s?g\s?e\s*\|\s*\d{1,4}|第\s*\d{1,4}\s*[页頁](?:\s*[,，/]?\s*共\s*\d{1,4}\s*[页頁])?|page\s*(?:no\.?|nr\.?|number|#)\s*\d{1,4}\.?|page\s*\d{1,4}\.)$/i;

/** A page count after its page: "3 of 9", "2/5"; the page may not run past the count ("2021/2" is a semester). */
const PAGE_AND_COUNT = /(\d{1,4})\s*[-–—]?\s*(?:of|\/|von|de|sur|di|z)\s*(\d{1,4})$/i;

/** True for a bare page number: "12", "Page 3 of 9", "- 4 -", "iv", "4 | Page", "第 3 页", "Page No. 2". */
export function isPageNumber(text: string): boolean {
  const t = text.trim();
  const count = PAGE_AND_COUNT.exec(t);
  if (count && Number(count[1]) > Number(count[2])) return false;
  return PAGE_NUMBER.test(t) || PAGE_NUMBER_STYLED.test(t);
}

/** A proceedings foot (a stamp, see `STAMP`), which with its dates and copyright may run to 200 characters. */
const PROCEEDINGS = /^proceedings of\b.{10,140}\bpages\s+\d{1,5}\s*[-–—]\s*\d{1,5}\b/i;
// A proceedings foot without pages: "Proceedings of the Twentieth International Conference on Machine Learning (ICML-2003), Washington DC, 2003.".
const PROCEEDINGS_YEAR = /^(?:appearing in\s+)?proceedings of the\b.{4,160}\b(?:conference|workshop|symposium|congress|meeting)\b.{0,80}\b(?:19|20)\d{2}\.?$/i;

// Stamps and furniture that repetition cannot find on a one-page document or a first page: download
// and print stamps, "Page 3 of 9" in any language, journal lines ("Vol. 99 (2013) 615–628",
// "Volume 8 | Issue 3"), revision and form numbers, copyright lines, DOI lines, a date with a time.
const STAMP = [
  /\b(?:downloaded|download date|accessed|printed|generated|retrieved)\b.{0,40}\b(?:on|from|at|date)\b/i,
  /^(?:this content downloaded from|download date:|document g[ée]n[ée]r[ée] le|all use subject to\b)/i,
  // ResearchGate's lines on its cover page and at the foot of the last page.
  /^(?:all content following this page was uploaded by\b|the user has requested enhancement of the downloaded file\b)/i,
  /\b(?:page|p[áa]gina|seite|sur|strona)\s*\d{1,4}\s*(?:of|de|di|von|\/|sur|z)\s*\d{1,4}\b/i,
  /^\d{1,4}\s+(?:of|de|sur|von|\/)\s+\d{1,4}$/i,
  /\brev(?:ision)?\.?:?\s*\d+(?:\.\d+)+\b|\(r(?:ev)?\.\s*\d{1,2}\/\d{2,4}\)/i,
  // A form's revision and catalogue number: "Form W-9 (Rev. 10-2018)", "(Rev. October 2018)", "Cat. No. 11320B".
  /\(rev\.?\s*(?:\d{1,2}[/-]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4})\)/i,
  /\bcat\.\s*no\.\s*\d{4,6}[a-z]?\b/i,
  // A form's name and year alone, atop its later pages: "Form 8880 (2013)", "Schedule SE (Form 1040) 2013".
  /^(?:form|schedule)\s+[\w-]{1,12}(?:\s*\(form\s+[\w-]{1,12}\))?\s*\(?(?:19|20)\d{2}\)?$/i,
  /^(?:©|\(c\)\s|copyright\b)/i,
  // A copyright notice inside a foot line: "3HE 19220 AAAB TQZZA 01 © 2023 Nokia. 93".
  /(?:©|\(c\)|\bcopyright)\s*(?:©\s*)?(?:19|20)\d{2}\b/i,
  /\bavailable (?:at|from|online at):?\s+(?:https?:\/\/|www\.)/i,
  /\|\s*(?:doi:?\s*|https?:\/\/(?:dx\.)?doi\.org\/)10\.\d{4,}/i,
  // A DOI alone on its line: "DOI: 10.1007/s00000-020-0000-0", "https://doi.org/10.1016/j.jcp.2012.01.001".
  /^(?:doi:?\s*|https?:\/\/(?:dx\.)?doi\.org\/)10\.\d{4,}\/\S+$/i,
  // A journal's first-page masthead lines: "Contents lists available at ScienceDirect", "journal homepage: www…".
  /^(?:contents lists available at\b|journal homepage:)/i,
  /^all rights reserved\.?$/i,
  // A copyright line whose sign the text layer lost or spelled as a letter: "q 2003 Elsevier Ltd. All rights reserved.".
  /^.{0,12}\b(?:19|20)\d{2}\b.{0,60}\ball rights reserved\.?$/i,
  /^preprint submitted to\b/i,
  /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?$/,
  // A browser's print header and footer: "12/3/20, 10:15 AM Page title", "https://example.org/a/b 2/5".
  /^\d{1,2}\/\d{1,2}\/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\s*[ap]\.?m\.?(?:\s|$)/i,
  /^(?:https?:\/\/|www\.)\S+\s+\d{1,3}\s*\/\s*\d{1,3}$/i,
  // A US federal form's approval number: "OMB No. 1545-0074", "OMB Number: 4040-0004".
  /\bOMB\s+(?:control\s+)?(?:no\.?|number|#)\s*:?\s*\d{4}\s*-\s*\d{4}\b/i,
  // arXiv's identifier stamp: "arXiv:2004.04906v3 [cs.CL] 30 Sep 2020", "arXiv:hep-th/9901001v1 4 Jan 1999".
  /^arxiv:\s*(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?\s*(?:\[[^\]]{2,24}\]\s*)?\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}$/i,
  // A journal's ISSN and price line: "0167-9473/$ - see front matter", "1585-8553/$20.00 © Akadémiai Kiadó",
  // Wiley's "CCC 0277-6715/99/020213-10$17.50".
  // Note: the line alone, with at most a publisher's name after it; not "CCC … Received October 1997".
  /^(?:ccc\s+)?\d{4}\s*[-–—]\s*\d{3}[\dx]\s*\/\s*(?:\$[\d.]*|\d{2}\/\d{5,}\s*[-–—]\s*\d{1,3}\s*\$[\d.]+)(?:\s*-\s*see front matter)?(?:\s*©?\s*\D{0,40})?$/i,
  // A journal's print and online ISSNs: "0361-0918 (Print); 1532-4141 (Online)".
  /^(?:e?-?issn:?\s*)?\d{4}-\d{3}[\dx]\s*\((?:print|online|electronic)\)(?:[;,]?\s*(?:e?-?issn:?\s*)?\d{4}-\d{3}[\dx]\s*\((?:print|online|electronic)\))?$/i,
  // A copyright sign that the text layer spells "© c" or "©c": "©c 2020 Association for Computational Linguistics".
  /^©\s*c\s*(?:19|20)\d{2}\b/i,
  // A Vancouver-style journal line alone: "Am J Epidemiol 2003;157:364–375", "Immunology. 2022;165:141–142.".
  // Note: not a reference ("Hanley JA. GEE. Am J Epidemiol 2003;157:364–75."), which starts with a name and initials.
  /^(?!\p{Lu}\p{Ll}+\s\p{Lu}{1,3}[.,])\p{L}[\p{L} .&-]{2,40}\s(?:19|20)\d{2}\s*;\s*\d{1,4}(?:\s*\(\d{1,4}\))?\s*:\s*[a-z]?\d{1,6}(?:\s*[-–—]\s*[a-z]?\d{1,6})?\.?$/iu,
  // A proceedings foot: "Proceedings of the 58th Annual Meeting of the …, pages 4969–4983".
  PROCEEDINGS,
  PROCEEDINGS_YEAR,
  // A lecture-notes series line: "A. Dan and W. Lamersdorf (Eds.): ICSOC 2006, LNCS 4294, pp. 15–26, 2006.".
  /^.{0,100}\b(?:LNCS|LNAI|LNBI|CCIS)\s+\d{3,5},\s*pp\.\s*\d{1,5}\s*[-–—]\s*\d{1,5},\s*(?:19|20)\d{2}\.?$/,
  // ACM's conference line under the permission notice: "CIKM’13, Oct. 27–Nov. 1, 2013, San Francisco, CA, USA.".
  /^\p{Lu}[\p{L}-]{1,15}\s?['’]\d{2},\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.{0,40}\b(?:19|20)\d{2},.{2,60}$/iu,
  // ACM's ISBN and price line under it: "ACM ISBN 978-1-4503-9709-4/22/08. . . $15.00".
  /^ACM ISBN\s+97[89][-\d]{10,}[\dX](?:\/\d{2}\/\d{2})?(?:[.\s]*\$\d+\.\d{2})?$/i,
  // PubMed Central's author-manuscript stamps: "NIH-PA Author Manuscript", "Stat Med. Author manuscript; available in PMC 2014 August 30.".
  /^(?:nih-pa|hhs|europe pmc funders) author manuscripts?$|\bauthor manuscript; available in pmc\b/i,
  // A publisher's web address alone: "www.sciencedirect.com", "www.elsevier.com/locate/csda".
  // Note: only a "www." address; a footnote's "https://github.com/…" alone on its line is content.
  /^www\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?:\/[\w./~-]*)?$/i,
];

// Note: a journal line is short and unfinished; "Lancet, Vol. 12, pp. 89-92." at the foot of a page is a reference.
const JOURNAL = /\b(?:vol\.?|volume)\s*\d{1,4}\b.{0,40}(?:\(\d{4}\)|\bissue\b|\bno\.\s*\d|\d{1,5}\s*[-–]\s*\d{1,5})/i;
// A journal line without "Vol.": "Journal of Computational Physics 231 (2012) 1234–1250", "J Mol Model (2012) 18:1234–1245".
// Also with one page ("Oecologia (2007) 151:748"), issue and year after the pages ("COMMUNITY ECOLOGY 13(1): 97-101, 2012"),
// or volume, pages and year ("Statist. Med. 18, 213—222 (1999)").
const JOURNAL_SHORT = /^\p{L}[\p{L} &.,:'-]{3,80}\s(?:\d{1,4}\s*\(\d{4}\)\s*\d{1,6}\s*[-–—]\s*\d{1,6}|\(\d{4}\)\s*\d{1,4}\s*:\s*\d{1,6}(?:\s*[-–—]\s*\d{1,6})?|\d{1,4}\s*\(\d{1,4}\)\s*:\s*\d{1,6}\s*[-–—]\s*\d{1,6},\s*(?:19|20)\d{2}|\d{1,4},\s*\d{1,6}\s*[-–—]\s*\d{1,6}\s*\((?:19|20)\d{2}\))$/u;

/** A page's word and number ("Page 3", "Seite 2", "页码：3"), and the page count after it (" of 9", " / 9"): pattern sources. */
const PAGE_LABEL = String.raw`(?:page|p[áa]gina|seite|strona|[页頁]码)[:：]?\s*\d{1,4}`;
const PAGE_COUNT = String.raw`\s*(?:of|de|di|von|\/|sur|z)\s*\d{1,4}`;
/** A page label that says so: "PAGE 3", "Page 3 of 9", "Seite 2". */
const PAGE_WORD = new RegExp(`^${PAGE_LABEL}(?:${PAGE_COUNT})?$`, 'i');

/** A line that ends with its page label, and maybe the page count: "Survey Manager Page 2 of 9", "Tu jest miejsce na podpis Strona: 18". */
const ENDS_PAGE_WORD = new RegExp(`\\s${PAGE_LABEL}(?:${PAGE_COUNT})?$`, 'i');

/** Whether a block is only a page word with the page's own number: "Seite 2" on page 2, "Page 2 of 5" (`PAGE_WORD`). */
function ownPageWord(text: string, number: number): boolean {
  const t = text.trim();
  return PAGE_WORD.test(t) && Number(/\d{1,4}/u.exec(t)?.[0]) === number;
}

const PAGE_OF = new RegExp(`^${PAGE_LABEL}${PAGE_COUNT}$|^page\\s*(?:no\\.?|nr\\.?|number|#)\\s*\\d{1,4}$`, 'i');

/**
 * True for a stamp or journal line of the kind `STAMP` lists (the block's whole text, trimmed), or for
 * two to four of them one after the other: a first page's masthead set as one block ("Oecologia (2007)
 * 151:748 DOI 10.1007/s00442-006-0624-8", "COMMUNITY ECOLOGY 13(1): 97-101, 2012 1585-8553/$20.00 ©
 * Akadémiai Kiadó, Budapest DOI: 10.1556/ComEc.13.2012.1.12").
 */
export function isStamp(text: string): boolean {
  const t = text.trim();
  // Note: a proceedings foot with its dates and copyright runs to about 180 characters.
  if (t.length > 160) return t.length <= 200 && (PROCEEDINGS.test(t) || PROCEEDINGS_YEAR.test(t));
  return isOneStamp(t) || madeOfStamps(t);
}

/** A journal line (`JOURNAL`) ending with a full stop, with its pages: not a stamp by itself (a reference looks the same). */
function isJournalLineWithStop(text: string): boolean {
  const t = text.trim();
  return t.length <= 100 && t.endsWith('.') && /\bpp?\.\s*\d{1,5}\s*[-–—]\s*\d{1,5}\.$/.test(t) && JOURNAL.test(t);
}

/** A block that is only an address or a date (`PRINT_LINE`), in the page's outermost twentieth (`PRINT_BAND`). */
function isPrintLine(b: Block, height: number): boolean {
  return b.type !== 'table' && height > 0 && edgeShare(b.bbox, height) < PRINT_BAND && PRINT_LINE.test(b.text.trim());
}

/** PubMed Central's mastheads, which a page may set large: "NIH Public Access", "Author Manuscript", the side stamp thrice. */
const PMC_MASTHEAD = /^(?:(?:nih-pa|hhs|europe pmc funders) author manuscripts?\s*){1,3}$|^(?:nih|hhs) public access$|^author manuscript$/i;

function isOneStamp(t: string): boolean {
  return STAMP.some((re) => re.test(t)) || (t.length <= 100 && !/[.;]$/.test(t) && (JOURNAL.test(t) || JOURNAL_SHORT.test(t)));
}

/** The words of `t` split into two to four runs that are each a stamp (`isOneStamp`). */
function madeOfStamps(t: string): boolean {
  const words = t.split(/\s+/);
  // Note: a masthead carries a year, a DOI or an ISSN; without a digit, the words are not split at all (cheap for the body).
  if (words.length < 3 || !/\d/.test(t)) return false;
  // parts[i]: fewest stamps that make up the first i words (Infinity: none).
  const parts = new Array<number>(words.length + 1).fill(Infinity);
  parts[0] = 0;
  for (let i = 0; i < words.length; i++) {
    if (parts[i]! >= 4) continue;
    // Note: a run is never the whole text: a stamp's words anywhere in a note ("© 2020" in a credit) make one stamp.
    for (let j = i + 1; j <= words.length; j++) if ((i > 0 || j < words.length) && isOneStamp(words.slice(i, j).join(' '))) parts[j] = Math.min(parts[j]!, parts[i]! + 1);
  }
  return parts[words.length]! >= 2 && parts[words.length]! <= 4;
}

/** A download stamp that opens a publisher's cover block: "This article was downloaded by: [Iowa State University] On: …". */
// Also ACM's notice on an author's copy: "This is the author's version of the work. It is posted here for your personal use. …".
const LEADING_STAMP = /^(?:this article was downloaded by:|this content downloaded from\b|downloaded from\s+\S+\s+(?:by|on|at)\b|this is the author['’]s version of the work\b)/i;

/**
 * A block longer than a stamp that opens with a download stamp (`LEADING_STAMP`) and reaches into the
 * top or bottom band: the publisher's notice on a cover page, which goes on with its terms of use.
 * @param b the block
 * @param height the page height
 * Does not take blocks of more than 600 characters, nor any that stay clear of both bands.
 */
function isStampBlock(b: Block, height: number): boolean {
  const t = b.text.trim();
  return b.type === 'paragraph' && t.length <= 600 && LEADING_STAMP.test(t) && height > 0 && (b.bbox[1] < EDGE * height || b.bbox[3] > (1 - EDGE) * height);
}

/** A running foot or head that ends (or starts) with its page label: "Monthly Labor Review • January 2012 65", "August 2, 2007 A-42". */
function endsWithPageLabel(text: string): boolean {
  const t = text.trim();
  if (t.length > 120 || !/\p{L}{3}/u.test(t)) return false;
  // Note: the label may sit between dashes, as the IRS sets it ("Instructions for Form 8863 (2013) -7-").
  const m = /\s(\d{1,5}|[A-Z]{1,2}-\d{1,4}|[-–]\s?\d{1,4}\s?[-–])$/.exec(t) ?? /^(\d{1,5}|[A-Z]{1,2}-\d{1,4}|[-–]\s?\d{1,4}\s?[-–])\s/.exec(t);
  if (!m || m[1] === undefined) return false;
  // Note: a year is a date, not a page label ("Annual report 2019"); so is a day after its month ("Invoice date: Tue Oct 08").
  if (/^(?:19|20)\d{2}$/.test(m[1])) return false;
  if (t.endsWith(m[0]) && /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i.test(t.slice(0, -m[0].length))) return false;
  // Running lines carry a separator, a year, a month or a web address ("36 PA-40 www.revenue.state.pa.us");
  // a letterhead's "Postbus 3101" does not.
  return /[|•·/]|\b(?:19|20)\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s|\swww\.[a-z0-9-]+\.[a-z]/i.test(` ${t.replace(m[0], ' ')} `);
}

/** Tallest running line ending in its page label, in ems of its type: two lines. */
const RUNNING_LINES_TALL = 2.8;

/** Most lines of a stamp block set in small type (`smallStamp`). */
const SMALL_STAMP_LINES = 3;

/**
 * A paragraph or footnote set smaller than the body, in the outer fifth of the page's height (`OUTER_EDGE`), whose text
 * is a stamp (`isStamp`) on one line, or stamps one after the other (`madeOfStamps`) on up to `SMALL_STAMP_LINES`.
 * @param b the block
 * @param height the page height
 * @param body the document's body size (no block is taken without it)
 */
function smallStamp(b: Block, height: number, body: number | undefined): boolean {
  if (body === undefined || height <= 0 || (b.type !== 'paragraph' && b.type !== 'footnote') || b.fontSize === undefined) return false;
  const tall = b.bbox[3] - b.bbox[1];
  if (b.fontSize >= 0.95 * body || tall > SMALL_STAMP_LINES * 1.2 * b.fontSize) return false;
  // Note: over one line, every line must be a stamp (ACM's conference line over its copyright line); one stamp's words
  // inside a note of several lines ("see page 3 of 9") are not enough.
  return edgeShare(b.bbox, height) < OUTER_EDGE && (tall <= 1.6 * b.fontSize ? isStamp(b.text) : madeOfStamps(b.text.trim()));
}

/** A lone margin line is set smaller than this (points): running heads and feet are never display type. */
const MAX_RUNNING_SIZE = 20;
/** A line that stops on a word that needs more after it. */
const OPEN_END = /\b(?:a|an|the|and|or|of|to|in|for|with|your|our|their|its|by|on|at|from|that)$/i;

/** Least white space between a lone margin line and the body, in body-text ems. */
const LONE_GAP_EM = 1.5;

/**
 * A line alone in a margin band, apart from the body: the running head or foot of a one-page
 * document or a first page ("Official - Subject to Final Review", "Alderson Reporting Company",
 * "Noreland et al.: The logical clarinet"), which repetition cannot find.
 * @param b the block, in the outermost row of blocks on its side of the page
 * @param blocks all blocks of its page
 * @param zone the band it sits in
 * @param body the document's body text size
 * @param pageHeight its page's height
 * True for one paragraph line with words, no closing punctuation, at most the body size (larger
 * only when it carries a page number), and at least `LONE_GAP_EM` body ems of white space between
 * it and every block on the body side, in type smaller than `MAX_RUNNING_SIZE`. Does not take headings, tables,
 * list items or formulas.
 */
function isLoneMarginLine(b: Block, blocks: readonly Block[], zone: 'top' | 'bottom', body: number, pageHeight: number): boolean {
  const t = b.text.trim();
  const size = b.fontSize;
  // Note: authors' names ending in "et al." close no sentence ("2 F. Author et al.", LNCS's running head).
  if (b.type !== 'paragraph' || size === undefined || t.length > 100 || (/[.,;:!?。，；：！？]$/u.test(t) && !/\bet al\.$/u.test(t)) || !/\p{L}{2}/u.test(t)) return false;
  if (b.bbox[3] - b.bbox[1] > 1.6 * size) return false;
  // Note: nor is a line that opens with a list marker or stops on a word that needs more: a form's question at
  // the foot of its page, under the white space of the answer above ("(b). Formal Reporting (including
  // frequency)", "Please comment on the clarity of … and your").
  if (listMarker(t) !== undefined || /^\(\w{1,3}\)\.?\s/u.test(t) || OPEN_END.test(t)) return false;
  // Note: nor is a line in bold at the top further in than the page's outer tenth: a title page's title over its
  // author and school ("Laboratorio 1" a sixth of the way down); running heads sit higher.
  if (zone === 'top' && b.bold && (b.bbox[1] + b.bbox[3]) / 2 > EDGE * pageHeight) return false;
  if (size > 1.05 * body && !carriesPageNumber(t)) return false;
  // Note: a line in display type is content even where it is all the page has ("Top Left  Top Right" in 36 pt over its pair).
  if (size >= MAX_RUNNING_SIZE) return false;
  // Note: nor is a line beside a short block that runs on past it towards the body (an invoice's "Invoice" beside its
  // number over its date); a column of the body beside a foot line is no such block.
  const lineHeight = b.bbox[3] - b.bbox[1];
  const reach = (o: Block): number => (zone === 'top' ? o.bbox[3] - b.bbox[3] : b.bbox[1] - o.bbox[1]);
  if (blocks.some((o) => o !== b && overlapY(o.bbox, b.bbox) && reach(o) > lineHeight && o.bbox[3] - o.bbox[1] <= 4 * lineHeight)) return false;
  // Note: nor is a foot line whose nearest block above, over it, is a heading ending in a colon: what the heading
  // announces (a notice's "Weitere Informationen:" over the wiki address under its QR code).
  if (zone === 'bottom') {
    const above = blocks.filter((o) => o !== b && o.bbox[3] <= b.bbox[1] + 1 && o.bbox[0] < b.bbox[2] && o.bbox[2] > b.bbox[0]);
    const nearest = above.reduce<Block | undefined>((m, o) => (m === undefined || o.bbox[3] > m.bbox[3] ? o : m), undefined);
    if (nearest?.type === 'heading' && /[:：]$/u.test(nearest.text.trim())) return false;
  }
  // Note: a running head that ends in its page number after a few words ("MeerKAT, e-MERLIN, … localised FRBs 5")
  // across the text, its number flush with the text's right edge, says what it is and may sit closer to the body.
  return gapToBody(b, blocks, zone) >= (endsWithPageNumber(t) && flushOut(b, blocks, body) ? LABELLED_GAP_EM : LONE_GAP_EM) * body;
}

/** The block spans most of the text area's width and ends at its right edge, where a running head's page number sits. */
function flushOut(b: Block, blocks: readonly Block[], body: number): boolean {
  let left = Infinity, right = -Infinity;
  for (const o of blocks) if (o.type !== 'figure') { left = Math.min(left, o.bbox[0]); right = Math.max(right, o.bbox[2]); }
  return Math.abs(b.bbox[2] - right) <= body && b.bbox[2] - b.bbox[0] >= 0.5 * (right - left);
}

/** Least white space between a lone margin line ending in its page number and the body, in body-text ems. */
const LABELLED_GAP_EM = 1;

/** Ends with a page number (one to four digits, not a year) after three words or more. */
export function endsWithPageNumber(t: string): boolean {
  const m = /^(.*\S)\s+(\d{1,4})$/.exec(t);
  return m !== null && !/^(?:19|20)\d{2}$/.test(m[2]!) && m[1]!.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length >= 3;
}

/** Starts or ends with a page number: one to four digits, not a year. */
function carriesPageNumber(t: string): boolean {
  const m = /\s(\d{1,4})$/.exec(t) ?? /^(\d{1,4})\s/.exec(t);
  return m !== null && !/^(?:19|20)\d{2}$/.test(m[1]!);
}

/** Most words of a block made of running lines (`madeOfRunningLines`). */
const RUNNING_WORDS = 60;

/**
 * The running lines (`zone|key` entries of `keys`) and the first words of each, two or more (`zone|words`): what
 * `madeOfRunningLines` makes a block of.
 */
function runningPieces(keys: ReadonlySet<string>): Set<string> {
  const out = new Set(keys);
  for (const k of keys) {
    const bar = k.indexOf('|');
    const words = k.slice(bar + 1).split(' ');
    for (let n = 2; n < words.length; n++) out.add(`${k.slice(0, bar)}|${words.slice(0, n).join(' ')}`);
  }
  return out;
}

/**
 * The key (`marginKey`) is two or more running lines of that zone one after the other, or the first words (two or more)
 * of such lines (`pieces`, from `runningPieces`): a slide deck's foot of two lines in three columns, whose first column a
 * page laid out apart set as one block ("anderScore GmbH • Frankenwerft 35 • 50667 Köln" over "Artjom Suschtschenko,
 * Kevin Bischof", the lines' other columns beside it).
 */
function madeOfRunningLines(key: string, zone: 'top' | 'bottom', pieces: ReadonlySet<string>): boolean {
  const words = key.split(' ');
  // Note: running lines are short; a paragraph reaching into the band is not looked through.
  if (words.length > RUNNING_WORDS) return false;
  // ends[i]: fewest running lines that make up the first i words (Infinity: none).
  const ends = new Array<number>(words.length + 1).fill(Infinity);
  ends[0] = 0;
  for (let i = 0; i < words.length; i++) {
    if (ends[i] === Infinity) continue;
    for (let j = i + 1; j <= words.length; j++) if (pieces.has(`${zone}|${words.slice(i, j).join(' ')}`)) ends[j] = Math.min(ends[j]!, ends[i]! + 1);
  }
  return ends[words.length]! >= 2 && ends[words.length]! < Infinity;
}

/** A text as compared across pages, its numbers kept: case folded, spaces folded, none before a stop or comma ("No . 36" on one page is "No. 36" on the next). */
const lineKey = (text: string): string => text.toLowerCase().replace(/\s+(?=[.,;:])/g, '').replace(/\s+/g, ' ').trim();

/** The text of a block as compared across pages: `lineKey`, with digits (and roman numerals) as '#'. */
export function marginKey(text: string): string {
  return lineKey(text).replace(/\d+/g, '#').replace(/\b[ivxlcdm]{1,7}\b/g, (m) => (/^[ivxlcdm]+$/.test(m) && m.length <= 7 ? '#' : m));
}

/**
 * The outermost twentieth of the page's height, where browsers and office programs print their header and foot
 * (the page's address, the date) and where nothing of the body's own sits.
 */
const PRINT_BAND = 0.05;
/**
 * An address or a date alone on its line (with a time, perhaps): "https://en.wikipedia.org/wiki/X", "10/01/2018",
 * "30/03/2018, 03:50", and a date with its month's name ("Oct 31, 2013", "31 October 2013"), as the IRS prints a
 * revision date at the foot of a first page.
 */
const PRINT_LINE = /^(?:(?:https?:\/\/|www\.)\S+|\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d{2}|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2})$/i;

/** Outermost blocks may sit further in (LaTeX puts the page number at ~86% of an A4 page). */
export const OUTER_EDGE = 0.2;

/** Share of the page height between a box's middle and the nearer of the page's top and bottom (0 to 0.5). */
export function edgeShare(bbox: BBox, height: number): number {
  const cy = (bbox[1] + bbox[3]) / 2 / height;
  return Math.min(cy, 1 - cy);
}

/**
 * Where a block sits: 'top' or 'bottom' margin, or undefined for the body.
 * @param b the block
 * @param height page height
 * @param outer the block is in the first or last row of blocks on the page (nothing beyond it)
 * @param table a table is judged too (`outerTableZone`)
 * Note: a block may be a light stand-in whose text is a getter (@docmill/pipeline's streaming assembly): never spread it.
 */
function zoneOf(b: Block, height: number, outer: 'top' | 'bottom' | 'display' | undefined, table = false): 'top' | 'bottom' | undefined {
  if (b.type === 'figure' || (b.type === 'table' && !table) || height <= 0 || outer === 'display') return undefined;
  // Blocks without a real box (some vision engines give none) are never judged by position.
  if (!(b.bbox[2] > b.bbox[0] && b.bbox[3] > b.bbox[1])) return undefined;
  const cy = (b.bbox[1] + b.bbox[3]) / 2;
  const zone = cy < (outer === 'top' ? OUTER_EDGE : EDGE) * height ? 'top' : cy > (1 - (outer === 'bottom' ? OUTER_EDGE : EDGE)) * height ? 'bottom' : undefined;
  // Note: a long block is body text, unless it lies in the page's outermost twentieth (a legal notice in tiny type along
  // the foot). Its text is read last: a long one may wait on disk (@docmill/pipeline's streaming assembly).
  if (zone && b.text.length > 200 && edgeShare(b.bbox, height) >= PRINT_BAND) return undefined;
  return zone;
}

/**
 * The band of a table in the page's outermost row of blocks (`zoneOf` leaves tables to the body): a company's foot set as
 * a grid ("Bankverbindung: … IBAN … BIC") beside its other columns. Only its repetition at one place on the pages marks it
 * (`markRepeated`): an item table is not printed twice alike.
 */
function outerTableZone(b: Block, height: number, outer: Outer): 'top' | 'bottom' | undefined {
  // Note: within the page's outer tenth only: an invoice printed twice (original and copy) repeats its table of dates
  // and terms under its title on both first pages.
  if (b.type !== 'table' || (outer !== 'top' && outer !== 'bottom') || height <= 0 || edgeShare(b.bbox, height) >= EDGE) return undefined;
  return zoneOf(b, height, outer, true);
}

/** The document's body text size: the median font size of paragraph text, weighted by characters. */
function bodySize(pages: readonly MarginalPage[]): number | undefined {
  const sizes: Array<{ value: number; weight: number }> = [];
  for (const p of pages) for (const b of p.blocks) if (b.type === 'paragraph' && b.fontSize) sizes.push({ value: b.fontSize, weight: b.text.length });
  return weightedMedian(sizes);
}

/** Largest type (times the body's) of a line in display type atop every page that is a running head on the first page too. */
const RUNNING_TITLE_MAX = 1.6;

/** Set in display type: a third larger than the body or more. */
const displayType = (b: Block, body: number | undefined): boolean => body !== undefined && (b.fontSize ?? 0) >= 1.3 * body;

function isDisplayHeading(b: Block, body: number | undefined): boolean {
  return b.type === 'heading' && displayType(b, body);
}

/**
 * For each block, whether it is in the topmost or bottommost row of the page's blocks.
 * @param blocks the page's blocks
 * @param live which blocks count (all when absent); the others are never in a row
 */
function outerRows(blocks: readonly Block[], live?: (bi: number) => boolean): Array<'top' | 'bottom' | undefined> {
  const out = blocks.map((): 'top' | 'bottom' | undefined => undefined);
  const idx = blocks.flatMap((_, bi) => (!live || live(bi) ? [bi] : []));
  if (idx.length < 2) return out;
  let top = Infinity, bottom = -Infinity;
  for (const bi of idx) { const b = blocks[bi]!; top = Math.min(top, b.bbox[3]); bottom = Math.max(bottom, b.bbox[1]); }
  for (const bi of idx) { const b = blocks[bi]!; out[bi] = b.bbox[1] < top ? 'top' : b.bbox[3] > bottom ? 'bottom' : undefined; }
  return out;
}

/** White space between `b` and the nearest of `others` on the body side of `zone`; blocks beside it in its row do not count. */
function gapToBody(b: Block, others: readonly Block[], zone: 'top' | 'bottom'): number {
  let gap = Infinity;
  for (const o of others) {
    if (o === b) continue;
    const d = zone === 'top' ? o.bbox[1] - b.bbox[3] : b.bbox[1] - o.bbox[3];
    // Note: blocks beside it in the same row (a page number at the other end) are not the body.
    if (d > -1) gap = Math.min(gap, d);
  }
  return gap;
}

/** Rounds of peeling: after running lines are found, the row just inside them is looked at as an outer row. */
const PEEL_ROUNDS = 3;
/** Least white space, in body ems, between a row found outer by peeling and the body. */
const PEEL_GAP_EM = 1;
/** A row that starts in the middle of a sentence: a lower-case word, then five words or more. */
const CONTINUES_SENTENCE = /^\p{Ll}+[,;]?\s+(\S+\s+){4,}\S/u;

type Outer = 'top' | 'bottom' | 'display' | undefined;
type Occurrence = { page: number; block: number; y: number; zone: 'top' | 'bottom' };

/**
 * The rows of two or more blocks of a margin band that sit side by side (their heights overlap by half the
 * smaller one or more), each with its blocks from left to right and its middle height.
 * @param blocks a page's blocks
 * @param inZone the indexes of the blocks in a band, with the band
 */
function bandRows(blocks: readonly Block[], inZone: ReadonlyArray<{ bi: number; zone: 'top' | 'bottom' }>): Array<{ zone: 'top' | 'bottom'; blocks: number[]; y: number }> {
  const rows: Array<{ zone: 'top' | 'bottom'; blocks: number[]; y: number }> = [];
  const done = new Set<number>();
  for (const { bi, zone } of inZone) {
    if (done.has(bi)) continue;
    const a = blocks[bi]!;
    const row = inZone.filter((o) => o.zone === zone && !done.has(o.bi) && overlapY(a.bbox, blocks[o.bi]!.bbox)).map((o) => o.bi);
    if (row.length < 2) continue;
    for (const r of row) done.add(r);
    row.sort((x, y) => blocks[x]!.bbox[0] - blocks[y]!.bbox[0]);
    rows.push({ zone, blocks: row, y: median(row.map((r) => (blocks[r]!.bbox[1] + blocks[r]!.bbox[3]) / 2)) });
  }
  return rows;
}

function overlapY(a: BBox, b: BBox): boolean {
  return Math.min(a[3], b[3]) - Math.max(a[1], b[1]) >= 0.5 * Math.min(a[3] - a[1], b[3] - b[1]);
}

/**
 * Marks the blocks in the margin bands whose key recurs at about the same height on enough pages
 * (see `findMarginals`) and records each running key with its median height (share of the page).
 * @param pages the pages
 * @param outer each block's outer row (or 'display' for a display heading)
 * @param out the marks so far, added to
 * @param running running keys (`zone|key`) found so far, added to
 */
function markRepeated(pages: readonly MarginalPage[], outer: readonly Outer[][], out: Array<Map<number, MarginalType>>, running: Map<string, number>): void {
  const n = pages.length;
  const occ = new Map<string, Occurrence[]>();
  pages.forEach((p, pi) => {
    const inZone: Array<{ bi: number; zone: 'top' | 'bottom' }> = [];
    p.blocks.forEach((b, bi) => {
      const zone = zoneOf(b, p.height, outer[pi]![bi]) ?? outerTableZone(b, p.height, outer[pi]![bi]);
      if (!zone) return;
      inZone.push({ bi, zone });
      pushTo(occ, `${zone}|${marginKey(b.text)}`, { page: pi, block: bi, y: (b.bbox[1] + b.bbox[3]) / 2 / p.height, zone });
    });
    // A row of the band's blocks side by side is looked at whole too: one page sets "https://… 10/01/2018" as one
    // block where another sets the address and the date apart.
    for (const row of bandRows(p.blocks, inZone)) {
      const key = `${row.zone}|${marginKey(row.blocks.map((bi) => p.blocks[bi]!.text).join(' '))}`;
      for (const bi of row.blocks) pushTo(occ, key, { page: pi, block: bi, y: row.y / p.height, zone: row.zone });
    }
  });
  const need = n <= 2 ? n : Math.max(3, Math.ceil(0.5 * n));
  for (const [key, list] of occ) {
    const near = atOnePlace(list, (o) => o.y);
    const pagesHit = new Set(near.map((o) => o.page));
    let repeated = n >= 2 && pagesHit.size >= need;
    if (!repeated && n >= 4) {
      for (const parity of [0, 1]) {
        const cls = Math.ceil((n - parity) / 2);
        const hits = [...pagesHit].filter((p) => p % 2 === parity).length;
        if (hits >= 2 && hits >= 0.8 * cls) repeated = true;
      }
    }
    if (!repeated) continue;
    for (const o of near) if (!out[o.page]!.has(o.block)) out[o.page]!.set(o.block, furnitureOf(o.zone));
    running.set(key, median(near.map((o) => o.y)));
  }
}

/**
 * Gives blocks that the marks so far uncovered their outer row: the line just inside a running foot
 * ("@NaturalMgta" above "Precios no incluye 10 % de servicio"), when white space sets it apart from the
 * rest of the page (`PEEL_GAP_EM`). Returns whether any block was given one.
 */
function peel(pages: readonly MarginalPage[], outer: Outer[][], out: ReadonlyArray<Map<number, MarginalType>>, body: number): boolean {
  let grew = false;
  pages.forEach((p, pi) => {
    const marks = out[pi]!;
    if (!marks.size) return;
    const live = p.blocks.filter((_, bi) => !marks.has(bi));
    outerRows(p.blocks, (bi) => !marks.has(bi)).forEach((o, bi) => {
      if (!o || outer[pi]![bi] !== undefined) return;
      if (gapToBody(p.blocks[bi]!, live, o) < PEEL_GAP_EM * body) return;
      // Note: a sentence going on from the page before ("mation from page 3 runs on…") is body text.
      if (CONTINUES_SENTENCE.test(p.blocks[bi]!.text)) return;
      outer[pi]![bi] = o;
      grew = true;
    });
  });
  return grew;
}

/** Rounds of `markStackedOnFeet`: a foot of three lines stacked on a running line. */
const STACK_ROUNDS = 3;

/** Largest white space between a line and the running foot it is stacked on, in the foot's ems. */
const STACK_GAP_EM = 0.6;

/**
 * Marks the lines stacked right on running feet on their body side, in the outer fifth of the page, that recur alike at
 * one place on as many pages as running lines need (`markRepeated`): a company's foot of register numbers and telephone
 * over its web address ("Kancelaria „EMENDATOR” sp. z o.o. … NIP 673 17 28 021 REGON 331352100" over "Tel. …" over
 * "www.emendator.com.pl"), which sits too far in for the margin bands.
 * @param pages the pages
 * @param out the marks so far, added to
 */
function markStackedOnFeet(pages: readonly MarginalPage[], out: Array<Map<number, MarginalType>>): void {
  const n = pages.length;
  if (n < 2) return;
  const need = n <= 2 ? n : Math.max(3, Math.ceil(0.5 * n));
  for (let round = 0; round < STACK_ROUNDS; round++) {
    const occ = new Map<string, Occurrence[]>();
    pages.forEach((p, pi) => {
      if (p.height <= 0) return;
      const marked = [...out[pi]!.keys()].map((oi) => p.blocks[oi]!);
      p.blocks.forEach((b, bi) => {
        // Note: feet only: an invoice of two pages repeats its letterhead, sender, customer and title stacked under its
        // running head on each, and they are the invoice's own.
        if (out[pi]!.has(bi) || b.type === 'figure' || b.type === 'table' || !(b.bbox[3] > b.bbox[1]) || edgeShare(b.bbox, p.height) >= OUTER_EDGE
          || (b.bbox[1] + b.bbox[3]) / 2 < 0.5 * p.height) return;
        const on = marked.some((o) => {
          const gap = o.bbox[1] - b.bbox[3];
          return gap > -1 && gap <= STACK_GAP_EM * (o.fontSize ?? b.fontSize ?? 0) && Math.min(o.bbox[2], b.bbox[2]) > Math.max(o.bbox[0], b.bbox[0]);
        });
        if (on) pushTo(occ, `bottom|${marginKey(b.text)}`, { page: pi, block: bi, y: (b.bbox[1] + b.bbox[3]) / 2 / p.height, zone: 'bottom' });
      });
    });
    let grew = false;
    for (const list of occ.values()) {
      const near = atOnePlace(list, (o) => o.y);
      if (new Set(near.map((o) => o.page)).size < need) continue;
      for (const o of near) out[o.page]!.set(o.block, furnitureOf(o.zone));
      grew = true;
    }
    if (!grew) break;
  }
}

/** Text as a running head and a heading are compared: letters and digits, case folded, words apart. */
const wordsKey = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A running head is set this much smaller than the heading it repeats, at most. */
const CHAPTER_HEAD_SIZE = 0.9;

/**
 * Marks running heads that name the chapter or section the page is in: LaTeX's "2. EIN KAPITEL" over the pages of
 * chapter "2. Ein Kapitel", "1. INTRODUCTION  Programmation fonctionnelle" over the first. Their text changes with
 * the chapter, so they do not repeat enough to be found by `markRepeated`.
 * @param pages the pages
 * @param outer each block's outer row (or 'display')
 * @param out the marks so far, added to
 * @param body the body text size
 * A block in a margin band is one when its text starts or ends with the text of a heading (or of a short line set a
 * third larger than the body) of this page or an earlier one, set smaller than that heading (`CHAPTER_HEAD_SIZE`),
 * and when, the heading's words taken out and digits folded, what is left is the same at about the same height on
 * another page. A heading repeated at the top of a page at its own size is content.
 */
function markChapterHeads(pages: readonly MarginalPage[], outer: readonly Outer[][], out: Array<Map<number, MarginalType>>, body: number | undefined): void {
  const headings: Array<{ key: string; size: number }> = [];
  const groups = new Map<string, Occurrence[]>();
  pages.forEach((p, pi) => {
    for (const b of p.blocks) {
      // Note: a short line set large counts though not (yet) a heading ("3. Phase 1" in 20 pt).
      if (!b.fontSize || !(b.type === 'heading' || (displayType(b, body) && b.text.length <= 120))) continue;
      const key = wordsKey(b.text);
      if (key.replace(/ /g, '').length >= 4) headings.push({ key, size: b.fontSize });
    }
    p.blocks.forEach((b, bi) => {
      if (out[pi]!.has(bi) || !b.fontSize) return;
      // Note: the band is looked at before the text (a long text elsewhere may wait on disk).
      const zone = zoneOf(b, p.height, outer[pi]![bi]);
      if (!zone || b.text.length > 160) return;
      // Note: "1. INTRODUCTION" at the top may have been read as an item of a numbered list.
      const key = wordsKey(b.type === 'list-item' && b.marker ? `${b.marker} ${b.text}` : b.text);
      let named: string | undefined;
      for (const h of headings) {
        if (b.fontSize > CHAPTER_HEAD_SIZE * h.size || h.key.length <= (named?.length ?? 0)) continue;
        if (key === h.key || key.startsWith(`${h.key} `) || key.endsWith(` ${h.key}`)) named = h.key;
      }
      if (named === undefined) return;
      const rest = key === named ? '' : key.startsWith(`${named} `) ? key.slice(named.length + 1) : key.slice(0, key.length - named.length - 1);
      pushTo(groups, `${zone}|${rest.replace(/\d+/g, '#')}`, { page: pi, block: bi, y: (b.bbox[1] + b.bbox[3]) / 2 / p.height, zone });
    });
  });
  for (const list of groups.values()) {
    const near = atOnePlace(list, (o) => o.y);
    if (new Set(near.map((o) => o.page)).size < 2) continue;
    for (const o of near) out[o.page]!.set(o.block, furnitureOf(o.zone));
  }
}

/** Two or more words of `running` one after the other make `key` (a running line a page set as separate blocks). */
function isPieceOf(key: string, running: string): boolean {
  return key !== '' && key !== running && ` ${running} `.includes(` ${key} `);
}

/** Longest line set up a side margin: an invoice's registry line runs to about 200 characters. */
const SIDE_LINE_CHARS = 300;

/**
 * A line set vertically along the left or right margin: arXiv's identifier stamp, a side running head, the issuer's
 * registry details up an invoice's edge.
 * @param b the block
 * @param blocks all blocks of its page
 * @param width the page width
 * @param body the body text size
 * True for a paragraph with letters, one line across (at most 1.6 of its font size wide) and four times
 * as tall as wide, its text as long as the box is tall (about ¼ em per character or more), centred in the
 * outer tenth of the page width, with `SIDE_GAP_EM` body ems of white space between it and anything beside
 * it, on a page whose other text is mostly horizontal (not vertical writing). Does not take a form's
 * instructions set upright against its frame ("Please print or type.").
 */
function isSideLine(b: Block, blocks: readonly Block[], width: number, body: number): boolean {
  const t = b.text.trim();
  const size = b.fontSize;
  if (b.type !== 'paragraph' || size === undefined || t.length > SIDE_LINE_CHARS || !/\p{L}{3}/u.test(t)) return false;
  if (!isUpright(b) || (b.bbox[3] - b.bbox[1]) < 0.25 * t.length * size) return false;
  const cx = (b.bbox[0] + b.bbox[2]) / 2;
  const left = cx <= 0.1 * width;
  if (!left && cx < 0.9 * width) return false;
  let upright = 0, all = 0;
  for (const o of blocks) {
    if (o === b) continue;
    // Note: a stamp set in two or three lines (Wiley's download stamp) has its other lines beside it.
    if (isUpright(o) && Math.abs((o.bbox[0] + o.bbox[2]) / 2 - cx) <= 3 * size) continue;
    // Beside it: overlapping its height, on the page's side of it.
    if (o.bbox[1] < b.bbox[3] && o.bbox[3] > b.bbox[1] && (left ? o.bbox[0] - b.bbox[2] : b.bbox[0] - o.bbox[2]) < SIDE_GAP_EM * body) return false;
    if (o.type === 'figure') continue;
    all += o.text.length;
    if (isUpright(o)) upright += o.text.length;
  }
  return upright <= 0.25 * all;
}

/**
 * Marks running side lines: a line set vertically (`isUpright`) in the outer tenth of the page width whose
 * text recurs at the same distance from the edge on at least 30 % of the pages (two at least), as IOP's
 * "JCAP10(2008)003" up every page's right edge. Unlike a single stamp (`isSideLine`), it is taken however
 * close the body comes to it: the repetition says what it is.
 * @param pages the document's pages
 * @param out marks so far, per page; added to
 */
/**
 * Marks a navigation sidebar: text set small (three quarters of the body size or less) wholly within the outer fifth
 * of the page's width, left or right, that recurs on enough pages (`recurringPages`), the numbers standing alone
 * in it left out (a slide deck's sidebar numbers the section the slide is in: "Introduction 2 Theme Options").
 */
function markSidebars(pages: readonly MarginalPage[], out: Array<Map<number, MarginalType>>, body: number): void {
  const seen = new Map<string, Array<[number, number]>>();
  const words = new Map<string, string[]>();
  pages.forEach((p, pi) => p.blocks.forEach((b, bi) => {
    if (out[pi]!.has(bi) || !p.textLayer || !p.width || b.type !== 'paragraph' || (b.fontSize ?? body) > 0.75 * body) return;
    const side = b.bbox[2] <= SIDEBAR * p.width ? 'left' : b.bbox[0] >= (1 - SIDEBAR) * p.width ? 'right' : undefined;
    const key = marginKey(b.text).replace(/(?:^|\s)#(?=\s|$)/g, '').trim();
    if (side && WORDY.test(key)) pushTo(seen, `${side}|${key}`, [pi, bi]);
  }));
  // The words of the recurring ones, by side: a page that groups the sidebar's lines otherwise ("Introduction Theme
  // Options" apart from "Examples Conclusion") sets pieces of it made of those words only.
  for (const [key, list] of seen) {
    if (new Set(list.map(([pi]) => pi)).size < recurringPages(pages.length)) continue;
    const [side, text] = key.split('|') as [string, string];
    for (const w of text.split(' ')) pushTo(words, side, w);
  }
  for (const [key, list] of seen) {
    const [side, text] = key.split('|') as [string, string];
    const known = words.get(side);
    if (!known || !text.split(' ').every((w) => known.includes(w))) continue;
    for (const [pi, bi] of list) out[pi]!.set(bi, halfOf(pages[pi]!.blocks[bi]!, pages[pi]!.height));
  }
}

/** Share of the page's width on either side where a navigation sidebar sits. */
const SIDEBAR = 0.2;

function markRunningSideLines(pages: readonly MarginalPage[], out: Array<Map<number, MarginalType>>): void {
  const seen = new Map<string, Array<[number, number]>>();
  pages.forEach((p, pi) => p.blocks.forEach((b, bi) => {
    if (out[pi]!.has(bi) || !p.textLayer || !p.width || b.type !== 'paragraph' || !isUpright(b)) return;
    const cx = (b.bbox[0] + b.bbox[2]) / 2 / p.width;
    const key = marginKey(b.text);
    if ((cx > 0.1 && cx < 0.9) || !WORDY.test(key)) return;
    const k = `${key}|${Math.round(cx * 50)}`;
    pushTo(seen, k, [pi, bi]);
  }));
  for (const list of seen.values()) {
    if (new Set(list.map(([pi]) => pi)).size < recurringPages(pages.length)) continue;
    for (const [pi, bi] of list) {
      const b = pages[pi]!.blocks[bi]!;
      out[pi]!.set(bi, halfOf(b, pages[pi]!.height));
    }
  }
}

/**
 * Marks stamps (`isStamp`) that recur at about the same height (`SAME_PLACE`) on at least 30 % of a document's
 * text-layer pages (two at least), wherever on the page: a generator's "PDF Generated on 06/23/2018" set under
 * the short content of every page of an invoice. The pattern and the repetition together say what it is.
 * @param pages the document's pages
 * @param out marks so far, per page; added to
 */
function markRepeatedStamps(pages: readonly MarginalPage[], out: Array<Map<number, MarginalType>>): void {
  const seen = new Map<string, Array<[number, number, number]>>();
  pages.forEach((p, pi) => p.blocks.forEach((b, bi) => {
    if (out[pi]!.has(bi) || !p.textLayer || p.height <= 0 || b.type !== 'paragraph' || !isStamp(b.text)) return;
    const key = marginKey(b.text);
    pushTo(seen, key, [pi, bi, (b.bbox[1] + b.bbox[3]) / 2 / p.height]);
  }));
  for (const list of seen.values()) {
    const near = atOnePlace(list, ([, , y]) => y);
    if (new Set(near.map(([pi]) => pi)).size < recurringPages(pages.length)) continue;
    for (const [pi, bi] of near) out[pi]!.set(bi, halfOf(pages[pi]!.blocks[bi]!, pages[pi]!.height));
  }
}

/**
 * Appends `value` to the list kept under `key` (a new list the first time). In place: these maps gather about one
 * entry per page, and copying the list at each append made the pass quadratic in the pages of a long document.
 */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The furniture type of a block in the top or bottom margin band. */
function furnitureOf(zone: 'top' | 'bottom'): 'header' | 'footer' {
  return zone === 'top' ? 'header' : 'footer';
}

/** A block taken as furniture outside the margin bands: a header in the upper half of the page, a footer in the lower. */
function halfOf(b: Block, height: number): 'header' | 'footer' {
  return (b.bbox[1] + b.bbox[3]) / 2 < 0.5 * height ? 'header' : 'footer';
}

/** Pages a line must recur on, of `n`, to be taken as running for its repetition alone: 30 %, two at least. */
const recurringPages = (n: number): number => Math.max(2, Math.ceil(0.3 * n));

/** Least white space between a vertical side line and what is beside it, in body-text ems. */
const SIDE_GAP_EM = 1.5;

/** One line of text set along its box's height: at most 1.6 of its font size wide and four times as tall as wide. */
function isUpright(b: Block): boolean {
  const w = b.bbox[2] - b.bbox[0], h = b.bbox[3] - b.bbox[1];
  return b.fontSize !== undefined && w > 0 && w <= 1.6 * b.fontSize && h >= 4 * w;
}

/** A key with a word in it: a running line found again elsewhere on a page is only taken when it is one. */
const WORDY = /\p{L}{3}/u;

/**
 * Finds running headers, footers and page numbers.
 * @param pages body blocks and size of every page, in document order
 * Returns, per page, the marginal type of each block index that is one (`marks`), and the running lines found
 * (`running`: `top|key` or `bottom|key`, see `marginKey`). A block in the top or
 * bottom tenth of the page (fifth, for the outermost row of blocks) is marginal when its key (`marginKey`) recurs at about the same
 * height on at least half the pages (at least 3; both pages of a 2-page document), or on most
 * pages of one parity (alternating odd/even heads), or when it starts or ends with the page number
 * (same offset from the page's position on at least 30% of the pages), or when it is a bare page number.
 * Once bare page numbers and running lines are found, the row just inside them, set apart from the body
 * by white space, counts as an outer row, and repetition is looked for again (a foot of two lines
 * that layout set as two blocks); up to `PEEL_ROUNDS` times.
 * On text-layer pages a block there (a heading too) is also marginal, once, when it is a stamp or journal line
 * (`isStamp`) or, in the outermost row, a short line ending in its page label, or a line alone with
 * white space between it and the rest of the page (`isLoneMarginLine`). A block whose text is two
 * or more of the document's running lines one after the other is marginal too, and so is a piece of a
 * running line at its height (the line set as two blocks), and a running foot that a page set higher up,
 * in its lower half, as the last text of the page. On text-layer pages, a
 * line set vertically in the left or right margin (`isSideLine`) is marginal, and so is a stamp in small type
 * in the outer fifth of the page even with a column beside it (`smallStamp`), and so are a cover page's
 * notice that opens with a download stamp (`isStampBlock`), PubMed Central's masthead headings, and the
 * stamps and page numbers that are the outermost row once the furniture found is set aside (`peelStamps`), and
 * a stamp that recurs at the same height on 30 % of the pages wherever it sits (`markRepeatedStamps`).
 * Blocks side by side in a band are also compared across pages as one row (`bandRows`); an address or a date
 * alone in the page's outermost twentieth is furniture (`isPrintLine`), and so is a page label with its word
 * ("PAGE 3") set large enough to be a display heading.
 * A first page that a repository generated before the document (`isGeneratedCover`: ResearchGate's, HAL's)
 * is marginal whole.
 * Does not look at the middle of the page otherwise (a repeated line there is content).
 */
export function findMarginals(pages: readonly MarginalPage[]): { marks: Array<Map<number, MarginalType>>; running: ReadonlySet<string> } {
  const n = pages.length;
  const body = bodySize(pages);
  // Note: a heading set clearly larger than the body text ("Section 3" atop every page of a deck)
  // is content; running heads are set at or below the body size. Not one whose very text heads most pages,
  // three at least, after the first: a report's title over each page of its tables ("Hook Norton Film Festival").
  // Its text is compared case folded, spaces folded (none before a stop), digits kept ("Section 3" is not
  // "Section 4"), and a page where it is no heading counts (a bulletin's "WER Sri Lanka - Vol. 52 No . 36", a heading
  // atop two pages, a paragraph up the side of its landscape table page).
  const titleKeys = new Set(pages.flatMap((p) => p.blocks.filter((b) => isDisplayHeading(b, body)).map((b) => lineKey(b.text))));
  const titles = new Map<string, number>();
  const rows = pages.map((p) => outerRows(p.blocks));
  // Note: only lines in a margin band or in display type are read (a long text elsewhere may wait on disk).
  const candidates = (pi: number): Block[] => pages[pi]!.blocks.filter((b, bi) => zoneOf(b, pages[pi]!.height, rows[pi]![bi]) !== undefined || displayType(b, body));
  if (titleKeys.size) pages.forEach((_, pi) => { for (const k of new Set(candidates(pi).map((b) => lineKey(b.text)).filter((k) => titleKeys.has(k)))) titles.set(k, (titles.get(k) ?? 0) + 1); });
  const recurring = (b: Block): boolean => { const k = titles.get(lineKey(b.text)) ?? 0; return k >= 3 && k >= 0.6 * n; };
  // Note: on the first page too when it stands where it stands on the others, in their size, and that size is short of
  // a title's (`RUNNING_TITLE_MAX`): a menu's name in the top corner of every page, not a report's title over each page.
  const inPlace = (b: Block): boolean => body !== undefined && (b.fontSize ?? 0) < RUNNING_TITLE_MAX * body
    && pages.some((q, qi) => qi > 0 && q.blocks.some((o) => lineKey(o.text) === lineKey(b.text) && Math.abs(o.bbox[0] - b.bbox[0]) <= 1
      && Math.abs(o.bbox[1] - b.bbox[1]) <= 1 && Math.abs((o.fontSize ?? 0) - (b.fontSize ?? 0)) < 0.5));
  const outer: Outer[][] = pages.map((p, pi) => rows[pi]!.map((o, bi) => {
    const b = p.blocks[bi]!;
    return isDisplayHeading(b, body) && !(recurring(b) && (pi > 0 || inPlace(b))) ? 'display' as const : o;
  }));
  const out: Array<Map<number, MarginalType>> = pages.map(() => new Map());
  const zoneAt = (pi: number, bi: number): 'top' | 'bottom' | undefined => zoneOf(pages[pi]!.blocks[bi]!, pages[pi]!.height, outer[pi]![bi]);
  pages.forEach((p, pi) => p.blocks.forEach((b, bi) => {
    if (zoneAt(pi, bi) && isPageNumber(b.text)) out[pi]!.set(bi, 'page-number');
    // Note: a page label with its word ("PAGE 3") set large in a band is no display heading.
    else if (outer[pi]![bi] === 'display' && PAGE_WORD.test(b.text.trim()) && zoneOf(b, p.height, undefined)) out[pi]!.set(bi, 'page-number');
    // Note: so is a running title that ends with "Page N of M", set large at the top of every page of a web print, or a
    // foot in large type ending with "Strona: 18" under a one-page invoice.
    else if (outer[pi]![bi] === 'display' && ENDS_PAGE_WORD.test(b.text.trim())) {
      const zone = zoneOf(b, p.height, undefined);
      if (zone) out[pi]!.set(bi, furnitureOf(zone));
    }
  }));
  const running = new Map<string, number>();
  for (let round = 0; round < PEEL_ROUNDS; round++) {
    markRepeated(pages, outer, out, running);
    if (body === undefined || !peel(pages, outer, out, body)) break;
  }
  markChapterHeads(pages, outer, out, body);
  markStackedOnFeet(pages, out);
  const runningKeys = new Set(running.keys());
  // A block that is several running lines set as one (a page laid out differently joined the two
  // lines of a running head) is a running head too; so is a piece of one at its height.
  if (runningKeys.size) {
    const pieces = runningPieces(runningKeys);
    pages.forEach((p, pi) => p.blocks.forEach((b, bi) => {
      const zone = zoneAt(pi, bi);
      if (!zone || out[pi]!.has(bi)) return;
      const key = marginKey(b.text);
      const y = (b.bbox[1] + b.bbox[3]) / 2 / p.height;
      const piece = [...running].some(([rk, my]) => rk.startsWith(`${zone}|`) && Math.abs(y - my) <= SAME_PLACE && isPieceOf(key, rk.slice(zone.length + 1)));
      if (piece || madeOfRunningLines(key, zone, pieces)) out[pi]!.set(bi, furnitureOf(zone));
    }));
  }
  // Running heads that change with the chapter but carry the page number ("12  2.3 METRIC SPACES"):
  // the number minus the page's position is the same on many pages.
  const offsets = new Map<number, Array<{ page: number; block: number; zone: 'top' | 'bottom' }>>();
  pages.forEach((p, pi) => p.blocks.forEach((b, bi) => {
    const zone = zoneAt(pi, bi);
    if (!zone || b.text.length > 120) return;
    const m = /^(\d{1,4})\s+\S/.exec(b.text.trim()) ?? /\S\s+(\d{1,4})$/.exec(b.text.trim());
    if (!m || m[1] === undefined) return;
    const off = Number(m[1]) - (p.index ?? pi);
    pushTo(offsets, off, { page: pi, block: bi, zone });
  }));
  for (const list of offsets.values()) {
    if (new Set(list.map((o) => o.page)).size < recurringPages(n)) continue;
    for (const o of list) if (!out[o.page]!.has(o.block)) out[o.page]!.set(o.block, furnitureOf(o.zone));
  }
  markRunningSideLines(pages, out);
  if (body !== undefined) markSidebars(pages, out, body);
  markRepeatedStamps(pages, out);
  pages.forEach((p, pi) => p.blocks.forEach((b, bi) => {
    const zone = zoneAt(pi, bi);
    if (out[pi]!.has(bi)) return;
    if (p.textLayer && isStampBlock(b, p.height)) {
      out[pi]!.set(bi, halfOf(b, p.height));
      return;
    }
    // Note: PubMed Central's masthead is set as a large heading atop the first page.
    if (p.textLayer && b.type === 'heading' && PMC_MASTHEAD.test(b.text.trim()) && p.height > 0
      && ((b.bbox[1] + b.bbox[3]) / 2 < EDGE * p.height || (b.bbox[1] + b.bbox[3]) / 2 > (1 - EDGE) * p.height)) {
      out[pi]!.set(bi, halfOf(b, p.height));
      return;
    }
    // Note: "Pagina 1 / 2" alone in a letterhead sits lower than running heads; a block that is only
    // "page N of M" or "Page No. N" is furniture anywhere in the top or bottom quarter of a text-layer page.
    // So is a block that is only "Seite 2" on page 2, anywhere: an invoice's page label beside its title.
    const own = ownPageWord(b.text, (p.index ?? pi) + 1);
    if (!zone && p.textLayer && (own || PAGE_OF.test(b.text.trim())) && b.type !== 'table' && p.height > 0
      && (own || (b.bbox[1] + b.bbox[3]) / 2 < 0.25 * p.height || (b.bbox[1] + b.bbox[3]) / 2 > 0.75 * p.height)) {
      out[pi]!.set(bi, halfOf(b, p.height));
    }
    // Note: on text-layer pages, a stamp in the margin, or a running line ending in its page label in
    // the outermost row, is furniture even when it occurs once (one-page documents, first pages).
    // A heading is looked at too (a bold running foot, "Instructions for Form 8863 (2013) -7-"); a display heading has no zone.
    // Note: a running line ending in a bare number is one line, or two: an invoice's block of four numbers in its top
    // corner ending in a check code ("校 验 码:51449 28043 06289 15350" under "开票日期: 2022 年…") carries no page label.
    // A block that ends with the page's word does, however many lines ("… azure-interior.com Page: 1 / 1").
    else if (zone && p.textLayer
      && (isStamp(b.text) || (outer[pi]![bi] === zone && (body === undefined || (b.fontSize ?? body) <= 1.3 * body)
        && (b.bbox[3] - b.bbox[1] <= RUNNING_LINES_TALL * (b.fontSize ?? body ?? Infinity) || ENDS_PAGE_WORD.test(b.text.trim()))
        && endsWithPageLabel(b.text)))) {
      out[pi]!.set(bi, furnitureOf(zone));
    }
    // Note: an address or a date alone in the outermost row of the page's outermost twentieth is what a browser or an
    // office program prints there; a journal line atop the first page may end with a full stop
    // ("Journal of Experimental and Theoretical Physics, Vol. 95, No. 2, 2002, pp. 262–265.").
    else if (zone && p.textLayer && outer[pi]![bi] === zone && (isPrintLine(b, p.height) || (zone === 'top' && isJournalLineWithStop(b.text)))) {
      out[pi]!.set(bi, furnitureOf(zone));
    }
    // Note: a stamp line in small type in the outer fifth of the page, even with a column running on beside it
    // (a copyright line under a first page's footnotes, ACM's conference line): furniture; not a link hanging under a table or figure.
    else if (!zone && p.textLayer && smallStamp(b, p.height, body) && !FLOAT.test(under(b, p.blocks, out[pi]!) ?? '')) {
      out[pi]!.set(bi, halfOf(b, p.height));
    }
    // Note: a line set vertically in a side margin is read by nobody with the body (arXiv's stamp).
    else if (!zone && p.textLayer && p.width && p.height > 0 && isSideLine(b, p.blocks, p.width, body ?? b.fontSize ?? 0)) {
      out[pi]!.set(bi, halfOf(b, p.height));
    }
  }));
  pages.forEach((p, pi) => { if (p.textLayer) peelStamps(p, outer[pi]!, out[pi]!); });
  // Then lines alone in the outermost row of a band, apart from what is left of the body.
  if (body !== undefined) {
    pages.forEach((p, pi) => {
      if (!p.textLayer) return;
      const rest = p.blocks.filter((_, bi) => !out[pi]!.has(bi));
      p.blocks.forEach((b, bi) => {
        const zone = zoneAt(pi, bi);
        if (zone && outer[pi]![bi] === zone && !out[pi]!.has(bi) && isLoneMarginLine(b, rest, zone, body, p.height)) out[pi]!.set(bi, furnitureOf(zone));
      });
    });
  }
  // Then a business letter's or an invoice's foot: the sender's company details under the body, once per page.
  // Note: also where the document has no paragraph to tell its body size by (a quote of headings and tables only).
  pages.forEach((p, pi) => { if (p.textLayer) markCompanyFoot(p, out[pi]!, body); });
  pages.forEach((p, pi) => { if (p.textLayer) markMakersStamps(p, out[pi]!); });
  // Last, a running foot that a page set higher up, as the last text of the page: a short last page whose
  // foot follows its text. Taken from the end upwards, one at a time.
  // Note: not running heads: the title on a paper's first page is its running head elsewhere.
  if (runningKeys.size) pages.forEach((p, pi) => movedRunningFeet(p, out[pi]!, runningKeys));
  trailingFeet(pages, out, runningKeys);
  // Note: a line stacked right on a heading in the heading's own type is the first line of a title, however
  // often it recurs: the company's name over each statement ("SEVEN A.D. INC." over "STATEMENTS OF INCOME"). So is a
  // line in smaller type right under a heading its subtitle (`subtitleOf`).
  pages.forEach((p, pi) => p.blocks.forEach((b, bi) => {
    if (out[pi]!.get(bi) === 'header' && p.blocks.some((o, oi) => !out[pi]!.has(oi) && (stacksOn(b, o) || subtitleOf(b, o)))) out[pi]!.delete(bi);
  }));
  if (n >= 2 && isGeneratedCover(pages[0]!)) {
    const cover = pages[0]!;
    cover.blocks.forEach((b, bi) => { if (!out[0]!.has(bi)) out[0]!.set(bi, halfOf(b, cover.height)); });
  }
  return { marks: out, running: runningKeys };
}

/**
 * What a company's foot lists: a bank account, tax and register numbers, its managing director, its telephone, mail
 * and web address (German, French, Italian, Spanish, Dutch, Portuguese, English, Nordic, Polish and Czech wordings).
 */
const COMPANY_DETAIL: readonly RegExp[] = [
  // Note: a bank account may stand without its label: "DE02120300000000202051", "FR76 1234 5678 9012 3456 7890 123".
  /\b(?:IBAN|Bankgiro|Plusgiro|Postgiro)\b|\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/i, /\b(?:BIC|SWIFT)\b/i,
  /\b(?:USt\.?[- ]?Id(?:Nr)?|St\.?[- ]?Nr|Steuer-?(?:nummer|nr)|VAT\b|TVA\b|P\.?\s?IVA|Partita IVA|C\.?F\.|NIF\b|CIF\b|CNPJ|BTW\b|Tax (?:ID|No))/i,
  /\b(?:HRB\s*\d|Handelsregister|Registergericht|Amtsgericht|SIRET|SIREN|R\.?C\.?S\.?|RCS\b|REA\b|KvK\b|Company (?:No|number|registration)|Org\.?\s?nr|Organisationsnummer|Momsreg|Y-tunnus|CVR\b|MVA\b|NIP\b|REGON\b|IČO?\b|DIČ\b)/iu,
  /\b(?:Geschäftsführer|Geschäftsführung|Inhaber|Managing Director|Gérant)/i,
  /\b(?:Tel(?:efon|éphone)?|Phone|Fax|Mobil)\b\.?\s*:?\s*[+(\d]|\b0\d[\d ]{7,}\d\b/i,
  /[\w.+-]+@[\w-]+\.[\w.-]+/, /\bwww\.[\w-]+\.\w+/i,
];

/** Kinds of company detail a foot must list (`COMPANY_DETAIL`). */
const COMPANY_DETAILS = 2;

/** Kinds of company detail of a foot that may sit `COMPANY_FOOT_CLOSE_EM` under the body. */
const COMPANY_DETAILS_MANY = 4;

/** Least white space between a foot of `COMPANY_DETAILS_MANY` kinds of detail and the body, in ems of its largest type. */
const COMPANY_FOOT_CLOSE_EM = 1.5;

/** Least white space between a company's foot and the body above it, in ems of the foot's largest type. */
const COMPANY_FOOT_GAP_EM = 3;

/** Type (share of the body size) of a foot of three kinds of detail that may sit `COMPANY_FOOT_CLOSE_EM` under the body. */
const COMPANY_FOOT_SMALL = 0.85;

/** Largest type (share of the body size) of a company's foot. */
const COMPANY_FOOT_SIZE = 0.95;

/**
 * Marks a company's foot: the blocks under the body, parted from it by `COMPANY_FOOT_GAP_EM` ems of their type or more
 * (`COMPANY_FOOT_CLOSE_EM` for a foot of `COMPANY_DETAILS_MANY` kinds of detail not under a picture), all of them
 * starting in the page's bottom `OUTER_EDGE`, in type smaller than the body's (or at its size in the page's outermost
 * twentieth, as one grid of `COMPANY_DETAILS_MANY` kinds, or in `COMPANY_FOOT_COLUMNS` columns side by side), which
 * together list `COMPANY_DETAILS` kinds of company detail (an invoice's bank account and tax number, a letter's
 * telephone and mail address). A logo or page number beside it is left alone. Repetition cannot find it on a one-page
 * document.
 * Note: a page's footnotes sit right under its text, and say none of this.
 */
function markCompanyFoot(p: MarginalPage, out: Map<number, MarginalType>, body: number | undefined): void {
  const live = p.blocks.map((b, bi) => ({ b, bi })).filter(({ b, bi }) => !out.has(bi) && b.bbox[3] > b.bbox[1]);
  // Note: a logo or the page number beside the foot is neither part of it nor above it.
  const aside = ({ b }: { b: Block }): boolean => b.type === 'figure' || isPageNumber(b.text);
  const kinds = (blocks: ReadonlyArray<{ b: Block }>): number => {
    const text = blocks.map(({ b }) => b.text).join('\n');
    return COMPANY_DETAIL.filter((re) => re.test(text)).length;
  };
  // The foot: the blocks under the lowest gap of `COMPANY_FOOT_GAP_EM` that has only blocks starting in the bottom band under it.
  // Note: the gap is measured in the foot's own type: a foot in 7-point type sits 28 points under a total set in 10. A foot
  // that lists `COMPANY_DETAILS_MANY` kinds of detail may sit closer (`COMPANY_FOOT_CLOSE_EM`) under text: a Swedish
  // invoice's three columns of address, contact and bank under "Godkänd för F-skatt".
  const band = (1 - OUTER_EDGE) * p.height;
  let foot: typeof live = [], listed = 0;
  for (const top of [...new Set(live.filter((x) => !aside(x)).map(({ b }) => b.bbox[1]))].filter((t) => t >= band).sort((a, b) => b - a)) {
    // Note: a logo reaching down beside the foot's lines is not over them.
    const under = live.filter((x) => x.b.bbox[1] >= top && !aside(x)), over = live.filter((x) => x.b.bbox[1] < top && !(aside(x) && x.b.bbox[3] > top));
    const em = Math.max(...under.map(({ b }) => b.fontSize ?? body ?? 0));
    // Note: not under a picture (a signature or stamp right over the lines is the sender's own block).
    const pictured = over.some(({ b }) => b.type === 'figure' && b.bbox[3] > top - COMPANY_FOOT_GAP_EM * em);
    const n = kinds(under);
    // Note: so may one of three kinds in type clearly smaller than the body's (a Czech invoice's "www.nic.cz", "IČO:" and
    // mail address in 8 points under a line in 10).
    const close = n >= COMPANY_DETAILS_MANY || (n >= COMPANY_DETAILS_MANY - 1 && body !== undefined && em <= COMPANY_FOOT_SMALL * body);
    const gap = (close && !pictured ? COMPANY_FOOT_CLOSE_EM : COMPANY_FOOT_GAP_EM) * em;
    if (over.length && over.every(({ b }) => b.bbox[3] <= top - gap)) { foot = under; listed = n; break; }
  }
  if (!foot.length || listed < COMPANY_DETAILS) return;
  // Note: at the body's size only in the page's outermost twentieth (a centred foot in grey); higher up, lines at the
  // body's size under a gap are the letter's own (its signature, with the writer's telephone and mail address). Headings
  // in small type are the foot's column titles ("Kontaktuppgifter").
  // Note: a document with no paragraph to tell its body size by (a quote of headings and tables only) is measured by the
  // page's text above the foot.
  const footTop = Math.min(...foot.map(({ b }) => b.bbox[1]));
  const above = p.blocks.filter((b) => b.bbox[1] < footTop && b.type !== 'figure' && b.fontSize !== undefined);
  // Note: and by that text when it is set larger than the body (an invoice of tables in 8 points over a foot in 7, its only
  // paragraphs footnotes in 7).
  const size = Math.max(body ?? 0, weightedMedian(above.map((b) => ({ value: b.fontSize!, weight: b.text.length }))) ?? 0);
  const small = (b: Block): boolean => (b.fontSize ?? size) <= COMPANY_FOOT_SIZE * size || ((b.fontSize ?? size) <= size && b.bbox[1] >= (1 - PRINT_BAND) * p.height);
  // Note: so may a grid of `COMPANY_DETAILS_MANY` kinds at the body's size, its columns titled by kind (a Swedish invoice's
  // "Adress  Telefon  PlusGiro  Internet" over the company's details): a letter's own lines are not a table.
  const grid = foot.length === 1 && foot[0]!.b.type === 'table' && listed >= COMPANY_DETAILS_MANY && (foot[0]!.b.fontSize ?? size) <= size;
  // Note: so may `COMPANY_FOOT_COLUMNS` columns side by side at the body's size (a LaTeX invoice's address, tax number and
  // bank under a wide gap); a letter's signature is one column, or two.
  const columns = foot.every(({ b }) => (b.fontSize ?? size) <= size) && sideBySide(foot.map(({ b }) => b.bbox)) >= COMPANY_FOOT_COLUMNS;
  if (!grid && !columns && foot.some(({ b }) => !small(b))) return;
  for (const { bi } of foot) out.set(bi, 'footer');
}

/** The line a PDF library signs a page with: "Generated by ferropdf", "Created with pdf-light", "Powered by Typst 0.12". */
const MAKER_STAMP = /^(?:generated|created|produced|rendered|powered)\s+(?:by|with|using)\s+[\w.-]+(?:\s+v?\d[\w.]*)?\.?$/i;

/**
 * The line an evaluation copy of a PDF library prints on every page, wherever it falls: "Evaluation Only. Created with
 * Aspose.Words. Copyright 2003-2017 Aspose Pty Ltd.", "Evaluation Warning : The document was created with Spire.PDF for .NET.".
 */
const EVALUATION_STAMP = /^evaluation (?:only\.\s*created with aspose\b|warning\s*:\s*the document was created with spire\.)/i;

/**
 * Marks the stamps a PDF library puts on a page: an evaluation copy's line (`EVALUATION_STAMP`) wherever it is, and a
 * maker's line (`MAKER_STAMP`) as the page's last text, however high the page's text ends (a receipt's "Generated by
 * ferropdf" under its last line).
 */
function markMakersStamps(p: MarginalPage, out: Map<number, MarginalType>): void {
  let last = -1;
  p.blocks.forEach((b, bi) => {
    if (out.has(bi) || b.type === 'figure' || !b.text.trim()) return;
    if (b.text.length <= 200 && EVALUATION_STAMP.test(b.text.trim())) { out.set(bi, halfOf(b, p.height)); return; }
    if (last < 0 || b.bbox[1] > p.blocks[last]!.bbox[1]) last = bi;
  });
  if (last < 0) return;
  const b = p.blocks[last]!;
  if (b.type === 'paragraph' && MAKER_STAMP.test(b.text.trim()) && !p.blocks.some((o, oi) => oi !== last && !out.has(oi) && o.type !== 'figure' && o.bbox[3] > b.bbox[3])) out.set(last, 'footer');
}

/** Columns side by side that a company's foot at the body's size sets (`markCompanyFoot`). */
const COMPANY_FOOT_COLUMNS = 3;

/**
 * How many columns side by side `boxes` make: runs of boxes overlapping across, counted when the runs share one
 * stretch of height that every box reaches into (0 when they do not).
 */
function sideBySide(boxes: readonly BBox[]): number {
  const runs: BBox[] = [];
  for (const b of [...boxes].sort((x, y) => x[0] - y[0])) {
    const last = runs[runs.length - 1];
    if (last && b[0] < last[2]) runs[runs.length - 1] = [last[0], Math.min(last[1], b[1]), Math.max(last[2], b[2]), Math.max(last[3], b[3])];
    else runs.push([...b]);
  }
  const top = Math.max(...runs.map((r) => r[1])), bottom = Math.min(...runs.map((r) => r[3]));
  // Note: every box reaches into that stretch: a line over one column (the invoice's last line right over the foot) is none.
  return top < bottom && boxes.every((b) => b[1] < bottom && b[3] > top) ? runs.length : 0;
}

/**
 * Whether `b` is the subtitle of heading `o`: in smaller type right under it (its top within half its size of the
 * heading's foot, the boxes may overlap), centred alike within an em ("Tullsyn — automatiserad revision · 2026-07-13"
 * under a report's title).
 */
function subtitleOf(b: Block, o: Block): boolean {
  const size = b.fontSize ?? 0;
  if (o.type !== 'heading' || size <= 0 || (o.fontSize ?? 0) <= size || o.bbox[1] >= b.bbox[1]) return false;
  const gap = b.bbox[1] - o.bbox[3];
  return gap < 0.5 * size && centredAlike(b, o, size);
}

/**
 * Whether `b` sits on heading `o` as a line of the same title: `o` right under it (less than 0.6 of its size
 * apart), in its size and weight, centred alike within an em.
 */
function stacksOn(b: Block, o: Block): boolean {
  const size = b.fontSize ?? 0;
  if (o.type !== 'heading' || size <= 0 || Math.abs((o.fontSize ?? 0) - size) > 0.05 * size || !!o.bold !== !!b.bold) return false;
  const gap = o.bbox[1] - b.bbox[3];
  return gap > -1 && gap < 0.6 * size && centredAlike(b, o, size);
}

/** Whether the centres of `a` and `b` across the page lie less than `within` points apart. */
function centredAlike(a: Block, b: Block, within: number): boolean {
  return Math.abs((a.bbox[0] + a.bbox[2]) / 2 - (b.bbox[0] + b.bbox[2]) / 2) < within;
}

// The opening line of a cover page a repository puts before the document: ResearchGate's "See discussions,
// stats, and author profiles for this publication at: …", HAL's "HAL is a multi-disciplinary open access archive…".
const COVER_STAMP = /^(?:see discussions, stats,? and author profiles for this publication at\b|hal is a multi-disciplinary open access archive\b)/i;

/**
 * The first page is a cover that a repository generated and put before the document (its title, authors'
 * profiles, citation counts, links): a text-layer page with a block opening with `COVER_STAMP`.
 * Note: the whole page is furniture then; its text stays in `removed`, and the document itself begins on the next page.
 */
function isGeneratedCover(p: MarginalPage): boolean {
  return p.textLayer === true && p.blocks.some((b) => b.type !== 'table' && b.text.length <= 2000 && COVER_STAMP.test(b.text.trim()));
}

/** Block types whose note or link may hang under them. */
const FLOAT = /^(?:table|figure|caption)$/;

/** The type of the nearest block not yet marked right above `b`, overlapping it across. */
function under(b: Block, blocks: readonly Block[], marks: ReadonlyMap<number, MarginalType>): string | undefined {
  let best: Block | undefined;
  for (let oi = 0; oi < blocks.length; oi++) {
    const o = blocks[oi]!;
    if (o === b || marks.has(oi) || o.bbox[3] > b.bbox[1] + 1 || o.bbox[2] <= b.bbox[0] || o.bbox[0] >= b.bbox[2]) continue;
    if (!best || o.bbox[3] > best.bbox[3]) best = o;
  }
  return best?.type;
}

/**
 * Marks stamps and page numbers that are the outermost row once the furniture found so far is set aside:
 * "© 2004 Sage Publications", its DOI and journal lines above the page number and the download stamp.
 * @param p a text-layer page
 * @param outer its blocks' outer rows (`display` for display headings)
 * @param marks its marks so far, added to
 * A row is looked at within the top or bottom fifth of the page (`OUTER_EDGE`), row by row from the edge
 * inwards, up to `PEEL_ROUNDS` times; it is taken when every block of it that is text is a stamp
 * (`isStamp`) or, at the foot, a page number. Figures (a masthead's logo) do not count as rows. Headings,
 * and lines right under a table, figure or caption, are never taken.
 */
function peelStamps(p: MarginalPage, outer: readonly Outer[], marks: Map<number, MarginalType>): void {
  for (let round = 0; round < PEEL_ROUNDS; round++) {
    const rows = outerRows(p.blocks, (bi) => !marks.has(bi) && p.blocks[bi]!.type !== 'figure' && outer[bi] !== 'display');
    const take = new Map<number, MarginalType>();
    const blocked = new Set<'top' | 'bottom'>();
    rows.forEach((row, bi) => {
      if (!row) return;
      const b = p.blocks[bi]!;
      // Note: a bare number is taken at the foot only (a chart's tick label tops a page whose head is gone),
      // and nothing that hangs under a table or figure (PLOS's "https://doi.org/….t004" link of a table).
      const number = row === 'bottom' && isPageNumber(b.text);
      if (zoneOf(b, p.height, row) === row && b.type !== 'heading' && (number || isStamp(b.text)) && !(row === 'bottom' && FLOAT.test(under(b, p.blocks, marks) ?? ''))) {
        take.set(bi, number ? 'page-number' : furnitureOf(row));
      } else blocked.add(row);
    });
    let grew = false;
    for (const [bi, type] of take) if (!blocked.has(rows[bi]!)) { marks.set(bi, type); grew = true; }
    if (!grew) return;
  }
}

/** Fewest pages, and least share of them, whose last text must be one foot for `trailingFeet`. */
const TRAILING_PAGES = 3;
const TRAILING_SHARE = 0.3;

/**
 * Marks a foot that follows the text of each page wherever that text ends: the last text block of a
 * text-layer page whose key has a word and a number (`marginKey`: "apple inc. | q# #### form ##-q | #") and
 * is the last text of at least `TRAILING_PAGES` pages and `TRAILING_SHARE` of them, its numbers differing
 * from page to page (a page number), in a paragraph of at most 80 characters. An HTML filing printed to PDF
 * (EDGAR's 10-Q) breaks pages where the content does and sets "Apple Inc. | Q3 2022 Form 10-Q | 4" right
 * under the last line, at any height. The keys found join `runningKeys` as bottom lines.
 * @param pages the document's pages; @param marks their marks so far, added to
 */
function trailingFeet(pages: readonly MarginalPage[], marks: Array<Map<number, MarginalType>>, runningKeys: Set<string>): void {
  const last = pages.map((p, pi) => {
    if (!p.textLayer) return -1;
    const end = lastText(p, marks[pi]!);
    const b = p.blocks[end];
    return b && b.type === 'paragraph' && b.text.length <= 80 ? end : -1;
  });
  const byKey = new Map<string, number[]>();
  last.forEach((bi, pi) => {
    if (bi < 0) return;
    const key = marginKey(pages[pi]!.blocks[bi]!.text);
    if (WORDY.test(key) && key.includes('#')) pushTo(byKey, key, pi);
  });
  for (const [key, pis] of byKey) {
    if (pis.length < Math.max(TRAILING_PAGES, TRAILING_SHARE * pages.length)) continue;
    if (new Set(pis.map((pi) => pages[pi]!.blocks[last[pi]!]!.text)).size < pis.length) continue;
    for (const pi of pis) marks[pi]!.set(last[pi]!, 'footer');
    runningKeys.add(`bottom|${key}`);
  }
}

/** Index of the page's lowest block (by its bottom) that is no figure and not marked yet; -1 when none. */
function lastText(p: MarginalPage, marks: ReadonlyMap<number, MarginalType>): number {
  let end = -1;
  p.blocks.forEach((b, bi) => {
    if (b.type !== 'figure' && !marks.has(bi) && (end < 0 || b.bbox[3] > p.blocks[end]!.bbox[3])) end = bi;
  });
  return end;
}

/**
 * Marks, from the end of the page's text upwards, the blocks in the lower half of the page whose key is
 * a running key of the bottom band.
 * @param p the page
 * @param marks its marks so far, added to
 * @param runningKeys the document's running keys (`zone|key`)
 * Only paragraphs whose key has a word in it (`WORDY`) are taken; figures are not text and are passed over.
 */
function movedRunningFeet(p: MarginalPage, marks: Map<number, MarginalType>, runningKeys: ReadonlySet<string>): void {
  if (p.height <= 0) return;
  for (;;) {
    const end = lastText(p, marks);
    if (end < 0) return;
    const b = p.blocks[end]!;
    const key = marginKey(b.text);
    if (b.type !== 'paragraph' || (b.bbox[1] + b.bbox[3]) / 2 < 0.5 * p.height || !WORDY.test(key) || !runningKeys.has(`bottom|${key}`)) return;
    marks.set(end, 'footer');
  }
}

/**
 * The first and last rows of a table that are page furniture: a table drawn down to the edge of a
 * text-layer page swallowed the running head or foot ("ANEXO I-A-1 | Página 12 de 14").
 * @param b a table block with `rows`
 * @param height page height
 * @param running the document's running lines (`findMarginals`), if any
 * Returns how many rows to drop at the top and at the bottom (0 to 2 each): a row is furniture when the
 * table reaches into that margin band and the row's cells, joined, are a stamp, a journal line or a
 * "page N of M" (`isStamp`), or one of the document's running lines of that band (a running head of two
 * lines, "HIS HONOUR JUDGE HACON  NGRS v Central Moves" over "Approved Judgment", read as the table's first
 * two rows). Tables of fewer than four rows are left whole, and two rows at least are kept.
 */
export function furnitureRows(b: Block, height: number, running: ReadonlySet<string> = new Set()): { top: number; bottom: number } {
  const rows = b.rows;
  const none = { top: 0, bottom: 0 };
  if (b.type !== 'table' || !rows || rows.length < 4 || height <= 0) return none;
  const furniture = (row: readonly string[], zone: 'top' | 'bottom'): boolean => {
    const t = row.map((c) => c.trim()).filter(Boolean).join(' ');
    // Note: a bare number is not enough here: a form's table row can hold just its line number ("1").
    return t !== '' && (isStamp(t) || (WORDY.test(t) && running.has(`${zone}|${marginKey(t)}`)));
  };
  let top = 0, bottom = 0;
  if (b.bbox[1] < EDGE * height) while (top < 2 && rows.length - top > 2 && furniture(rows[top]!, 'top')) top++;
  if (b.bbox[3] > (1 - EDGE) * height) while (bottom < 2 && rows.length - top - bottom > 2 && furniture(rows[rows.length - 1 - bottom]!, 'bottom')) bottom++;
  return { top, bottom };
}
