/**
 * Frequent short words of the Latin-script languages whose tesseract models Debian
 * ships and European archives hold most, in the spelling PP-OCR gives them (its
 * character list lacks ä ö ü ß ç ñ…, so "für" comes out "fur" and "à" as "a").
 */
const STOPWORDS: Record<string, readonly string[]> = {
  eng: ['the', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'it', 'with', 'as', 'was', 'on', 'be', 'by', 'this', 'are', 'from', 'at', 'which', 'have', 'not', 'or', 'were'],
  deu: ['der', 'die', 'und', 'den', 'das', 'von', 'zu', 'mit', 'sich', 'des', 'auf', 'fur', 'ist', 'im', 'dem', 'nicht', 'ein', 'eine', 'als', 'auch', 'es', 'aus', 'bei', 'nach', 'wird', 'sie', 'wir', 'uber', 'werden', 'durch', 'einer', 'dass', 'daß'],
  fra: ['le', 'la', 'les', 'de', 'des', 'et', 'du', 'un', 'une', 'en', 'est', 'que', 'qui', 'dans', 'pour', 'par', 'au', 'sur', 'pas', 'ne', 'se', 'ce', 'il', 'aux', 'sont', 'avec'],
  ita: ['il', 'di', 'che', 'la', 'per', 'del', 'della', 'non', 'un', 'una', 'sono', 'le', 'gli', 'nel', 'alla', 'dei', 'delle', 'con', 'si', 'da'],
  spa: ['el', 'la', 'de', 'que', 'y', 'los', 'las', 'del', 'en', 'un', 'una', 'por', 'con', 'para', 'es', 'se', 'al', 'lo', 'como', 'mas'],
  nld: ['de', 'het', 'een', 'van', 'en', 'in', 'is', 'dat', 'op', 'te', 'zijn', 'voor', 'met', 'niet', 'aan', 'er', 'om', 'ook', 'als', 'bij', 'wordt'],
  por: ['o', 'a', 'os', 'as', 'de', 'do', 'da', 'dos', 'das', 'que', 'e', 'em', 'um', 'uma', 'para', 'com', 'nao', 'no', 'na', 'por', 'se'],
  dan: ['og', 'i', 'at', 'det', 'en', 'den', 'til', 'er', 'som', 'af', 'for', 'med', 'har', 'de', 'ikke', 'der', 'paa', 'var', 'et'],
  swe: ['och', 'i', 'att', 'det', 'som', 'en', 'pa', 'ar', 'av', 'for', 'med', 'till', 'den', 'har', 'de', 'inte', 'om', 'ett', 'var'],
};

/** A guess needs at least this many stopword hits, and this share of all hits over the next language's. */
const MIN_HITS = 8;
const MARGIN = 1.5;

/**
 * Guesses the language of OCR text from its frequent short words.
 * @param text the page's text as read (accents may be missing)
 * @returns a tesseract code (`eng`, `deu`, `fra`, `ita`, `spa`, `nld`, `por`, `dan`, `swe`), or
 *   undefined when too few words match or two languages are close
 * Note: a word list, not a model: enough to tell which Latin-script model should read a
 * page PP-OCR read first, not to label mixed-language text. Does not look at scripts.
 */
export function guessLanguage(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().split(/[^\p{L}]+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  const scores = Object.entries(STOPWORDS).map(([lang, words]) => [lang, words.reduce((s, w) => s + (counts.get(w) ?? 0), 0)] as const);
  scores.sort((a, b) => b[1] - a[1]);
  const [best, next] = scores;
  if (!best || best[1] < MIN_HITS) return undefined;
  if (next && best[1] < next[1] * MARGIN) return undefined;
  return best[0];
}
