/** Style facts about a font, from its PostScript name and pdf.js's flags. */
export interface FontStyle {
  /** PostScript name without the subset prefix ("ABCDEF+"). */
  name?: string;
  bold: boolean;
  italic: boolean;
  monospace: boolean;
}

// Note: names carry the style far more reliably than the descriptor flags,
// which many producers leave unset. TeX's Computer Modern / Latin Modern
// families spell styles in their own abbreviations (CMBX = bold extended,
// CMTI = text italic, CMSL = slanted, CMTT = typewriter).
const BOLD = /bold|black|heavy|demi|semibd|[-,]bd\b|^(?:cm|lm|ec|t1)?bx|^cmb\d/i;
const ITALIC = /italic|oblique|[-,]it\b|^cmti|^cmsl|^cmmi|^lmroman\d*-italic/i;
const MONO = /mono|courier|consol|menlo|inconsolata|typewriter|^cmtt|^lmmono|(?<!uni)code/i;

/**
 * Classifies a font.
 * @param font the object pdf.js keeps in `page.commonObjs` (a FontFaceObject) after
 *   the page's operator list was loaded, or undefined when it is unknown
 * Does not look at glyph shapes; `isMonospace` is only available when pdf.js was
 * asked for extra font properties, which docmill does not do (memory).
 */
export function fontStyle(font: { name?: unknown; bold?: unknown; italic?: unknown; black?: unknown; isMonospace?: unknown } | undefined): FontStyle {
  const raw = typeof font?.name === 'string' ? font.name : '';
  const name = raw.includes('+') ? raw.slice(raw.indexOf('+') + 1) : raw;
  return {
    ...(name ? { name } : {}),
    bold: font?.bold === true || font?.black === true || BOLD.test(name),
    italic: font?.italic === true || ITALIC.test(name),
    monospace: font?.isMonospace === true || MONO.test(name),
  };
}

// FPDF (and tFPDF) name a font added with a style after its family and the style's letters: `AddFont('noto', 'B')`
// is "notoB", 'BI' "notoBI", 'I' "notoI"; so does Linux Libertine for TeX ("LinLibertineT", "LinLibertineTB", "…TI",
// "…TBI": ACM's papers). The letters alone say nothing ("ArialMTB"?), so they count only beside the family's plain face.
const STYLE_SUFFIX = /^(.{3,}?)(BI|IB|B|I)$/;

/**
 * Styles spelled as a suffix of the family's name (FPDF, Linux Libertine), told by the plain face among the names given.
 * @param names the font names (subset prefix dropped) of one page's text
 * @returns bold and italic by name, for the names that are a family's styled face; the others are absent
 */
export function suffixStyles(names: Iterable<string>): Map<string, { bold: boolean; italic: boolean }> {
  const all = new Set(names);
  const out = new Map<string, { bold: boolean; italic: boolean }>();
  for (const name of all) {
    const m = STYLE_SUFFIX.exec(name);
    if (m && all.has(m[1]!)) out.set(name, { bold: m[2]!.includes('B'), italic: m[2]!.includes('I') });
  }
  return out;
}
