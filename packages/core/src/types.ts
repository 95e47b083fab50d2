/**
 * The shared vocabulary of docmill: positioned text, blocks, page results.
 *
 * Coordinates: every `BBox` is `[x0, y0, x1, y1]` in PDF points (1/72 inch) with
 * the origin at the page's top-left corner and y growing downwards, whatever the
 * source (text layer, OCR, image). Image inputs use 72 dpi points too, so a
 * 1000 px wide image scanned at 300 dpi is 240 points wide.
 */

export type BBox = [x0: number, y0: number, x1: number, y1: number];

/** A run of text with one style at one position: the common form of text-layer and OCR output. */
export interface TextSpan {
  text: string;
  bbox: BBox;
  /** Font size in points (text layer), or line height (OCR). */
  fontSize: number;
  fontName?: string;
  bold?: boolean;
  italic?: boolean;
  monospace?: boolean;
  /** Target of a link annotation covering this span. */
  link?: string;
  /** Recognition confidence in [0, 1] (OCR only). */
  confidence?: number;
  /**
   * OCR only, a hint: the region the recogniser's own page segmentation put the line in
   * (tesseract's block id, unique on the page; PP-OCR gives none). Lines of one region
   * were found to belong together (a column piece, a headline, a box); layout may use it.
   */
  region?: string;
  /**
   * OCR only, a hint: the recogniser line a word span belongs to (unique on the page). Words of
   * one line are one row to layout, whatever the skew; absent when each span is a whole line.
   */
  line?: number;
  /** Text direction, for right-to-left scripts. */
  dir?: 'ltr' | 'rtl' | 'ttb';
  /**
   * Text layer: the span's baseline is turned clockwise from left-to-right on the page by this many
   * degrees (90: it reads top to bottom, 270: bottom to top, as arXiv's side stamp), as in a rotated
   * table header or a margin stamp. Unset for upright text and for vertical writing (`dir` 'ttb').
   */
  turned?: 90 | 180 | 270;
  /** Text layer of a tagged PDF: the span is part of a heading element H1–H6 of the structure tree (1–6). */
  heading?: number;
}

/** Where the positioned text of a page came from. */
export type TextSource = 'text-layer' | 'ocr';

/** One page's positioned text, the input of the layout stage. */
export interface PositionedPage {
  /** 0-based page index in the document. */
  index: number;
  /** Page size in points (after the page's own /Rotate). */
  width: number;
  height: number;
  spans: TextSpan[];
  source: TextSource;
  /** Rules (lines and thin rectangles) drawn on the page: table borders. Optional. */
  rules?: BBox[];
  /** Image areas on the page (figures), in points. Optional. */
  figures?: BBox[];
  /**
   * Clockwise turn (90, 180, 270) applied to the displayed page so that its text reads left to
   * right (a page printed sideways); width, height and every box are those of the turned page.
   */
  rotation?: 90 | 180 | 270;
}

/** Inline text with formatting, the content of a block. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  link?: string;
  /** Inline math in LaTeX (text holds the source). */
  math?: boolean;
}

export type BlockType =
  | 'heading'
  | 'paragraph'
  | 'list-item'
  | 'table'
  | 'code'
  | 'formula'
  | 'figure'
  | 'caption'
  | 'header'
  | 'footer'
  | 'page-number'
  | 'footnote';

/** A table cell that spans rows or columns: its top-left cell (0-based) and how many rows and columns it covers. */
export interface CellSpan {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** A unit of page content in reading order. */
export interface Block {
  type: BlockType;
  /** Plain text of the block (cells joined by tabs and rows by newlines for tables). */
  text: string;
  bbox: BBox;
  /** Formatted content; when absent, `text` is plain. */
  inlines?: Inline[];
  /** Dominant font size in points (text layer) or line height (OCR). */
  fontSize?: number;
  bold?: boolean;
  /** heading: set in italics throughout (kept for the document-wide pass, which does not see `inlines`). */
  italic?: boolean;
  /**
   * Heading level 1..6. Layout leaves it unset (levels are a document-wide
   * decision made at assembly); a vision model's Markdown sets it.
   */
  level?: number;
  /** list-item: ordered list, marker as printed ("1.", "a)", "•"), nesting depth from 0. */
  ordered?: boolean;
  marker?: string;
  depth?: number;
  /** table: rows of cells, first row is the header. */
  rows?: string[][];
  /**
   * table: cells spanning several rows or columns. A span's text is in `rows[row][col]`; the other
   * cells it covers are empty strings. Absent when no cell spans.
   */
  merged?: CellSpan[];
  /** figure: path of the crop relative to the output, when saved. */
  image?: string;
  /** Mean recognition confidence of the block (OCR). */
  confidence?: number;
  /** Column index (0-based) in a multi-column region; layout sets it, assembly reads it. */
  column?: number;
  /** True when the paragraph's last line ends without terminal punctuation (may continue on the next page/column). */
  open?: boolean;
  /** heading: depth (1-based) of the PDF outline (bookmark) entry that names it; assembly turns it into a level. */
  outlineDepth?: number;
  /** heading: a label the page draws in a box of its own; its box, not its type, makes it a heading. */
  boxed?: boolean;
  /** heading, during assembly only: named by the document's own table of contents, which makes it a heading. */
  listed?: boolean;
}

/** Why a page needs OCR, or other facts about it. */
export type PageFlag =
  | 'needs_ocr'
  | 'no_text_layer'
  | 'invisible_text'
  | 'garbage_glyphs'
  | 'blank'
  /** OCR read no text, but the page is not blank: a picture, handwriting, or print or a script the OCR cannot read. */
  | 'unreadable'
  | 'ocr'
  | 'fallback'
  | 'rotated'
  | 'low_confidence'
  | 'error'
  /** A vision answer stopped at the token limit and could not be continued to its end: the page holds what was transcribed. */
  | 'truncated'
  | 'timeout'
  /** A vision answer opened a code fence it never closed; the fence was closed where the code ends. */
  | 'repaired_fence'
  /** A vision answer repeated text (a block, a run of sentences, a looping n-gram) after every retry; the repeats were dropped. */
  | 'repetition'
  /** A vision answer repeated table rows back to back after every retry; the duplicates were dropped. */
  | 'duplicate_rows'
  /** A vision answer's HTML table was cut off before `</table>` after every retry; it was closed with the rows it had. */
  | 'truncated_html'
  /** The page was too dense for one model image and was sent as overlapping tiles, whose answers were stitched. */
  | 'tiled';

/** How a page was turned into blocks. */
export type PagePath = 'text' | 'ocr' | 'vision' | 'none';

export interface PageDimensions {
  /** Size in points. */
  width: number;
  height: number;
  /** Resolution of the rendered image the engine saw (72 when nothing was rendered). */
  dpi: number;
}

export interface PageUsage {
  promptTokens: number;
  imageTokens: number;
  completionTokens: number;
  latencyMs: number;
  attempts: number;
  /** Mistral's OCR endpoint: pages it billed (`usage_info.pages_processed`). */
  pagesProcessed?: number;
  /** Mistral's OCR endpoint: bytes of the documents it was sent (`usage_info.doc_size_bytes`). */
  docSizeBytes?: number;
}

export interface PageError {
  code: string;
  message: string;
}

/** What a transcription engine returns for one page, before document assembly. */
export interface PageDraft {
  index: number;
  dimensions: PageDimensions;
  blocks: Block[];
  path: PagePath;
  engine: string;
  flags: PageFlag[];
  /** Mean line confidence for OCR pages, model self-check for vision pages; 1 for trusted text layers. */
  confidence?: number;
  /** Set when the preferred engine failed and another produced the page. */
  fallback?: { from: string; reason: string };
  /** Clockwise rotation (0, 90, 180, 270) applied to make the page upright. */
  rotation?: 0 | 90 | 180 | 270;
  usage?: PageUsage;
  error?: PageError;
  /** Version of the prompt that produced a vision page. */
  promptVersion?: string;
  /** Printed page label from the PDF (/PageLabels), when present. */
  label?: string;
}

/** A finished page, as stored in `X.json` / `document.json` (shape follows Mistral's OCR response). */
export interface PageResult extends PageDraft {
  markdown: string;
  images: Array<{ id: string; bbox: BBox; path?: string }>;
  /** Header/footer/page-number lines removed from the body of this page. */
  removed: Array<{ type: 'header' | 'footer' | 'page-number'; text: string }>;
}

export interface DocumentSourceInfo {
  path?: string;
  sha256: string;
  pages: number;
  mime: string;
  bytes: number;
}

export interface DocumentUsage {
  pages: number;
  pagesText: number;
  pagesOcr: number;
  pagesVision: number;
  pagesFailed: number;
  pagesFallback: number;
  promptTokens: number;
  imageTokens: number;
  completionTokens: number;
  /** Mistral's OCR endpoint: pages it billed, over the document (absent when no page used it). */
  ocrPagesProcessed?: number;
  /** Mistral's OCR endpoint: bytes it was sent, over the document. */
  ocrDocSizeBytes?: number;
  seconds: number;
}

/**
 * One article of a document (a newspaper article, or a section of any document): a headline with
 * the blocks that follow it in reading order until the next headline.
 */
export interface Article {
  /** The headline's text ('' for text that began before the first headline here). */
  title: string;
  /** 0-based page indexes (as `pages[].index`) the article's blocks are on, ascending. */
  pages: number[];
  /** The article's blocks in reading order: page index and the block's index in that page's `blocks`. */
  blocks: Array<{ page: number; block: number }>;
  /** True when the article began before the first page of this result (its start is not here). */
  continued?: boolean;
}

export interface DocumentResult {
  source: DocumentSourceInfo;
  pages: PageResult[];
  markdown: string;
  /** Articles in reading order, when the document has headlines (see `Article`). */
  articles?: Article[];
  usage: DocumentUsage;
  /** Set when too many pages fell back or failed (see `degradedShare`). */
  degraded?: { reason: string; share: number };
  /** docmill version and options that made this result (for up-to-date checks). */
  producer: { name: 'docmill'; version: string; optionsHash: string };
}
