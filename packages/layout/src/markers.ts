/** Bullets that start a list item. */
export const BULLETS = new Set(['•', '◦', '▪', '▫', '-', '–', '—', '*', '·', '●', '○', '■', '□', '►', '▸', '‣', '⁃', '❖', '✓', '✔', '➢', '→']);

export interface ListMarker {
  marker: string;
  ordered: boolean;
  /** Kind of enumerator, so that siblings can be matched ("num", "alpha", "roman", "bullet"). */
  kind: 'bullet' | 'num' | 'alpha' | 'roman';
  /** Length of marker plus the following whitespace in the text. */
  length: number;
}

const ENUM = /^(\(?)(\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})([.)])(?=\s|$)\s*/;
const PAREN = /^\((\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})\)\s*/;

/**
 * The list marker at the start of a line's text, if any.
 * @param text line text (trimmed)
 * Needs text after the marker. Letters and roman numerals count only with "." or ")" (or in parentheses);
 * "1.5 kg" or "2.3 Methods" are not list items.
 */
export function listMarker(text: string): ListMarker | undefined {
  const first = text.charAt(0);
  if (BULLETS.has(first)) {
    const m = /^(.)\s+(?=\S)/u.exec(text);
    if (!m) return undefined;
    // "-5 degrees" or "--" are not bullets; a bullet needs a space after it.
    return { marker: first, ordered: false, kind: 'bullet', length: m[0].length };
  }
  const p = PAREN.exec(text) ?? ENUM.exec(text);
  if (!p) return undefined;
  const rest = text.slice(p[0].length);
  if (rest.trim() === '' || p[0].trimEnd().length === p[0].length) return undefined; // needs whitespace, then text
  const core = p === null ? '' : (p[2] ?? p[1] ?? '');
  const kind: ListMarker['kind'] = /^\d+$/.test(core) ? 'num' : /^[ivxlc]+$/i.test(core) && core.length > 1 ? 'roman' : /^[ivx]$/i.test(core) ? 'roman' : 'alpha';
  return { marker: p[0].trim(), ordered: true, kind, length: p[0].length };
}

/** A section number at the start of a heading ("2", "2.3", "A.1", "IV. "), with its depth. */
export function sectionNumber(text: string): { depth: number; number: string } | undefined {
  const m = /^(\d{1,2}(?:\.\d{1,2}){0,5})\.?\s+(?=\p{L})/u.exec(text)
    ?? /^([A-Z](?:\.\d{1,2}){1,5})\.?\s+(?=\p{L})/u.exec(text)
    ?? /^([A-Z]|[IVX]{1,5})\.\s+(?=\p{L})/u.exec(text);
  if (!m || m[1] === undefined) return undefined;
  const num = m[1];
  return { depth: /^[IVX]+$/.test(num) ? 1 : num.split('.').length, number: num };
}

/**
 * A Korean, Japanese or Chinese structural mark opening a line: an article, section or chapter number ("제21조 경기시간
 * 제한", "제1관 목적 및 용어의 정의", "第3章 総則", "第十二条（目的）"), a Chinese section number ("一、发行人历史信用评级情况",
 * "（二）授信情况"), a label in lenticular brackets standing alone ("【판결요지】", "【주 문】"), or an exercise's number in a
 * report ("課題１", "設問2", "习题3").
 */
export const CJK_SECTION = /^(?:(?:제\s?\d{1,3}\s?[편장절관조]|第\s?[\d〇一二三四五六七八九十百]{1,4}\s?[編章節节条條款])(?=[\s(（「])|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|【[^】]{1,20}】$|(?:課題|設問|问题|習題|习题)\s?[\d０-９]{1,2}(?=$|[\s:：.．、(（「]))/u;

/**
 * A statute's or a contract's section mark opening a line, alone or before its title: "§1 Nutzungsberechtigung", "§ 12",
 * "Art. 5 Haftung", "Artikel 3", "Article 2", "Artículo 4", "Статья 7".
 */
export const LEGAL_SECTION = /^(?:§{1,2}\s?\d{1,3}[a-z]?|(?:Art\.|Artikel|Article|Artículo|Articolo|Artigo|Artykuł|Статья)\s?\d{1,3}[a-z]?)\.?(?=$|\s+\p{Lu}|\s*[-–—:]\s*\p{Lu})/u;

/**
 * A subsection's number of two levels or more before its capitalised title ("3.1.2 Geschwindigkeitsregler"): no part over
 * 30, none led by a zero, no equals sign after it (a value, "0.35 Hartree = 920 kJ/mol", "19.38 Uhr").
 */
const SUBSECTION = /^[1-9]\d?(?:\.(?:[12]?\d|30)){1,4}\.?\s+[\p{Lu}\p{Lo}][^=]*$/u;

/** A title stopping on a word that needs more: a contents entry wrapped before its page number ("… ENGAGE DANS LE"). */
const OPEN_TITLE = /\s(?:a|an|the|of|and|in|for|to|on|with|le|la|les|de|des|du|dans|et|en|pour|der|die|das|und|von|im|mit|für|el|los|las|y|del|con|e|di|il|per)$/iu;

/**
 * A section mark opening a line: a Korean, Japanese or Chinese one (`CJK_SECTION`), a statute's (`LEGAL_SECTION`), or a
 * subsection's number (`SUBSECTION`) before a title that does not stop on a word needing more (`OPEN_TITLE`) nor on a
 * page number (a running head, "2.4. Community tutorials 11"), with no sentence ending inside ("8.8 MEUR). Our revenue
 * forecasts …" after "(2024:").
 */
export function sectionMark(text: string): boolean {
  return CJK_SECTION.test(text) || LEGAL_SECTION.test(text)
    || (SUBSECTION.test(text) && !OPEN_TITLE.test(text.trim()) && !/\s\d{1,4}$/u.test(text.trim()) && !/[.!?;)]\s/u.test(text.replace(/^[\d.]+\s*/u, '')));
}

/**
 * A business document's title: its kind alone on its line ("RECHNUNG", "Invoice", "FACTURA", "Lieferschein", "TARIFS"),
 * maybe with its number after it ("FATURA No. #000034", "Rechnung Nr.: 2014145", "Faktura VAT nr FV 3/05/2021") or a
 * qualifier after a dash ("Faktura - daňový doklad"); not a label ("Invoice Date"). A German invoice's kind may be a
 * compound ("Mietrechnung", "Handelsrechnung") with its code in brackets and its number's date, as ZUGFeRD's and
 * XRechnung's visualisations title it ("Handelsrechnung (380) Nr. 471102 vom 05.03.2018").
 */
export const DOCUMENT_KIND = /^(?:(?:handels|miet|waren|schluss|teil|abschlags|proforma|sammel|storno|korrektur)?rechnung(?:\s*\(\d{3}\))?|gutschrift|angebot|lieferschein|auftragsbestätigung|quittung|preisliste|invoice|tax invoice|credit note|receipt|quotation|quote|purchase order|delivery note|packing slip|price list|factura|fatura|facture|fattura|faktura|faktura vat|fakturace|faktúra|factuur|offerte|devis|tarifs?|presupuesto|albarán|orçamento|preventivo|listino|ricevuta|recibo|kvitto|lasku|regning|prisliste|prislista|cennik|ceník)(?:\s*[-–]\s*\p{L}[\p{L} ]{2,30}|\s+(?:no\.?|nr\.?|n[°º.]|núm\.?|#)?:?\s*#?(?:\p{Lu}{1,4}\s)?[\p{L}\d/.-]*\d[\p{L}\d/.-]*(?:\s+(?:vom|du|del|dated)\s+\d{1,2}[./-]\d{1,2}[./-]\d{2,4})?)?$/iu;

/** An item of an SEC filing opening a line ("Item 2.02 Results of Operations and Financial Condition.", "Item 1A. Risk Factors"). */
export const SEC_ITEM = /^Item\s+\d{1,2}(?:\.\d{2})?[A-C]?\.?\s+\p{Lu}/u;

/**
 * A line in capitals over a line in mixed case: a section's title over its first subsection's
 * ("MATERIALS AND METHODS" over "Cell Culture"), not two lines of one title.
 * @param upper the upper line's text
 * @param lower the lower line's text
 * The upper line has four capitals or more and no lower-case letter, and does not end in a colon (a title
 * going on, "GROBID:" over "A bibliographical & citation mining tool"); the lower has a lower-case letter.
 */
export function capsOverMixed(upper: string, lower: string): boolean {
  return (upper.match(/\p{Lu}/gu) ?? []).length >= 4 && !/\p{Ll}/u.test(upper) && !/:\s*$/.test(upper) && /\p{Ll}/u.test(lower);
}

/**
 * A title in capitals: three words or more, twelve letters or more outside brackets, all upper case, no comma and no
 * closing colon or stop ("TERMO DE CONSENTIMENTO PARA TRATAMENTO DE DADOS"); not a label ("NOTE:") nor a notice with commas.
 */
export function capsTitle(text: string): boolean {
  const t = text.trim();
  const letters = t.replace(/\([^)]*\)/gu, '').replace(/[^\p{L}]/gu, '');
  // Note: every letter an upper-case one: a script without case (Korean, Chinese, Persian) has no capitals.
  return t.split(/\s+/).length >= 3 && letters.length >= 12 && /^\p{Lu}+$/u.test(letters) && !/[:.;]$|,/.test(t);
}

/** True when text ends like a finished sentence (terminal punctuation, CJK's too, maybe a closing quote/bracket). */
export function endsSentence(text: string): boolean {
  return /[.!?:;…。！？：；．]["”’')\]»」』）]*$/u.test(text.trimEnd()) || /["”»]$/.test(text.trimEnd());
}

/**
 * A table of contents' dot leader before the page number that ends a line ("Purpose of Form ........ 1",
 * "Nuance: . . . . . 5"): four dots or more (spaced or not, or ellipses), the spaces around them included.
 */
const LEADER = /[ \t]*(?:[.·…][ \t]?){4,}[ \t]*(?=(?:\d{1,4}|[ivxlcdm]{1,7}|[A-Z]-\d{1,4})\s*$)/i;

/** Where the dot leader of a table-of-contents line lies in `text` (`LEADER`), or undefined when it has none. */
export function leaderAt(text: string): { start: number; end: number } | undefined {
  const m = LEADER.exec(text);
  return m && m.index > 0 ? { start: m.index, end: m.index + m[0].length } : undefined;
}

/** True when the first letter-like character is a lowercase letter. */
export function startsLowercase(text: string): boolean {
  const c = text.trimStart().charAt(0);
  return c !== '' && c === c.toLowerCase() && c !== c.toUpperCase();
}

const CAPTION = /^(figure|fig\.|table|tab\.|listing|algorithm|chart|exhibit|abbildung|abb\.|tabelle|figura|tabla|tableau)\s*[\dIVXA-Z]+(?:[.\-–]\d+)*\s*[.:|—–-]/i;

/** True when the text reads like a caption ("Figure 3:", "Table 2.", "Fig. 4."). */
export function isCaption(text: string): boolean {
  return CAPTION.test(text.trim());
}

/** Names of the sections of papers and reports (the whole text of a heading), in English, French and German. */
export const SECTION_NAME = /^(?:abstract|summary|introduction|background|methods?|materials and methods|results|discussion|conclusions?|references|bibliography|acknowledge?ments?|appendix|résumé|sommaire|zusammenfassung|einleitung|literatur(?:verzeichnis)?)$/i;
