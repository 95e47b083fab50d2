/**
 * Knobs of the layout stage. Every length is relative to the font size (em)
 * of the text concerned, so the same values work for text-layer pages (font
 * size) and OCR pages (line height).
 */
export interface LayoutOptions {
  /** A gap wider than this (em) between two runs on one line inserts a space. Default 0.2. */
  spaceGapEm?: number;
  /** A gap wider than this (em) cuts a line into separate pieces (column gutter, table cell). Default 0.8. */
  splitGapEm?: number;
  /** Narrowest column gutter (em of the body size). Default 0.8. */
  minGutterEm?: number;
  /** Narrowest column, as a share of the region's width. Default 0.2. */
  minColumnShare?: number;
  /** Indentation (em) that starts a new paragraph or nests a list item. Default 0.8. */
  indentEm?: number;
  /** A line pitch this many times the typical pitch starts a new paragraph. Default 1.35. */
  paragraphGapRatio?: number;
  /** Font size ratio to the page's body size above which a short block is a heading. Default 1.15. */
  headingSizeRatio?: number;
  /** Longest heading, in lines. Default 2. */
  headingMaxLines?: number;
  /** Longest heading, in characters. Default 160. */
  headingMaxChars?: number;
  /** Fewest rows for an aligned-text table. Default 3. */
  tableMinRows?: number;
}

export type ResolvedLayoutOptions = Required<LayoutOptions>;

export const DEFAULT_LAYOUT_OPTIONS: ResolvedLayoutOptions = {
  spaceGapEm: 0.2,
  splitGapEm: 0.8,
  minGutterEm: 0.8,
  minColumnShare: 0.2,
  indentEm: 0.8,
  paragraphGapRatio: 1.35,
  headingSizeRatio: 1.15,
  headingMaxLines: 2,
  headingMaxChars: 160,
  tableMinRows: 3,
};

/** Options with defaults filled in; undefined fields fall back to the default. */
export function resolveOptions(opts: LayoutOptions = {}): ResolvedLayoutOptions {
  const out: ResolvedLayoutOptions = { ...DEFAULT_LAYOUT_OPTIONS };
  for (const key of Object.keys(out) as Array<keyof ResolvedLayoutOptions>) {
    const v = opts[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  return out;
}
