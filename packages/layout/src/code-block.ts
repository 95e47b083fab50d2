import type { Block, TextSpan } from '@docmill/core';
import { median, unionBox } from './geometry.js';
import type { Line } from './lines.js';

const MONO_NAME = /(mono|courier|cmtt|typewriter|consol|menlo|inconsolata|sfmono|lmmono|nimbusmon)/i;

/** Whether a span is set in a monospaced face (flagged by OCR, or by its font's name). */
export const isMono = (s: TextSpan): boolean => !!s.monospace || (!!s.fontName && MONO_NAME.test(s.fontName));

/** A listing's line number: a lone integer of up to four digits in a proportional face. */
const gutterNumber = (s: TextSpan): boolean => !isMono(s) && /^\s*\d{1,4}\s*$/.test(s.text);

/** A line that holds only a listing's line number (an empty line of a numbered listing). */
export const numberOnly = (l: Line): boolean => l.segments.length === 1 && l.segments[0]!.spans.length === 1 && gutterNumber(l.segments[0]!.spans[0]!);

/**
 * True when at least 80% of the line's characters are set in a monospaced font. A leading line number set in the
 * text face (LaTeX `listings` numbers its lines in the body font) does not count.
 */
export function monoLine(l: Line): boolean {
  let all = 0, mono = 0;
  // Note: cheap exit for the common case, a line with no monospaced span at all.
  if (!l.segments.some((seg) => seg.spans.some(isMono))) return false;
  const first = l.segments[0]?.spans[0];
  for (const seg of l.segments) for (const s of seg.spans) {
    if (s === first && gutterNumber(s)) continue;
    const n = s.text.replace(/\s+/g, '').length;
    all += n;
    if (isMono(s)) mono += n;
  }
  return all > 0 && mono >= 0.8 * all;
}

export interface CodeRun { start: number; end: number; block: Block }

/**
 * Finds code listings among a region's lines: runs of at least two consecutive monospaced lines set
 * apart from the text before them (first in the region, after a finished sentence, or after a gap).
 * @param lines lines of one region, top to bottom
 * @param pitch typical line pitch of the region (a wider gap ends the run)
 * @param monoBody the page's own body face is monospaced (a typewritten or line-printer page): then, as
 *   on OCR pages, a run is a listing only when its text reads like code
 * The text keeps the listing's indentation and column alignment: every span is placed at the
 * character column its x position gives (character width measured from the listing's own spans).
 */
export function findCodeRuns(lines: readonly Line[], pitch: number, monoBody = false): CodeRun[] {
  const out: CodeRun[] = [];
  const mono = lines.map(monoLine);
  let i = 0;
  while (i < lines.length) {
    if (!mono[i]) { i++; continue; }
    let j = i + 1;
    // Note: an empty line of a numbered listing keeps only its number; it stays in the run when code follows it.
    while (j < lines.length && (mono[j] || (numberOnly(lines[j]!) && mono[j + 1]))) {
      const gap = lines[j]!.bbox[1] - lines[j - 1]!.bbox[3];
      if (pitch > 0 && gap > 2 * pitch) break;
      j++;
    }
    // Note: two typewriter lines inside running prose (identifiers in a sentence) are not a listing:
    // a listing is set apart from what comes before it.
    const prev = lines[i - 1];
    const apart = !prev || /[.:;!?]$/.test(prev.text.trim()) || (pitch > 0 && lines[i]!.bbox[3] - prev.bbox[3] > 1.35 * pitch);
    if (j - i >= 2 && apart && (!(monoBody || recognised(lines.slice(i, j))) || codeLike(lines.slice(i, j)))) out.push({ start: i, end: j, block: codeBlock(lines.slice(i, j)) });
    i = j;
  }
  return out;
}

/** Lines read by OCR (their spans carry a confidence). */
function recognised(lines: readonly Line[]): boolean {
  return lines.some((l) => l.segments.some((seg) => seg.spans.some((s) => s.confidence !== undefined)));
}

/**
 * Lines that read like program text, not typed prose, a price list or a form: brackets, operators and
 * statement ends make a visible share of the characters (runs of underscores, a form's blanks, left out), or many
 * lines end or start like code.
 * Note: OCR's monospace verdict says "typewriter", and typewritten letters, reports and tables are
 * far more common on scans than listings; so on OCR pages the text itself must look like code too.
 */
export function codeLike(lines: readonly Line[]): boolean {
  let all = 0, sym = 0, codeEnds = 0;
  for (const l of lines) {
    // Note: a form's blanks to fill in ("Invoice#:_________") are not program text.
    const t = l.text.trim().replace(/_{3,}/g, '');
    all += t.replace(/\s+/g, '').length;
    sym += (t.match(/[{}[\]();=<>#\\/_&|$]/g) ?? []).length;
    if (/[{};]$|^(#|\/\/|\/\*|def |return |if ?\(|for ?\()/.test(t)) codeEnds++;
  }
  return all > 0 && (sym >= 0.06 * all || codeEnds >= 0.3 * lines.length);
}

/**
 * The spans of a listing's line-number gutter: each line's first span when every line starts with a number in the
 * text face and the numbers count up by one. They are left out of the code, which then copies and runs as printed.
 */
function gutter(lines: readonly Line[]): Set<TextSpan> {
  const firsts = lines.map((l) => l.segments[0]?.spans[0]);
  if (!firsts.every((s) => s !== undefined && gutterNumber(s))) return new Set();
  const nums = firsts.map((s) => Number(s!.text.trim()));
  return nums.every((n, k) => k === 0 || n === nums[k - 1]! + 1) ? new Set(firsts as TextSpan[]) : new Set();
}

function codeBlock(lines: readonly Line[]): Block {
  const numbers = gutter(lines);
  const spansOf = (l: Line): TextSpan[] => l.segments.flatMap((s) => s.spans).filter((s) => !numbers.has(s));
  const spans = lines.flatMap(spansOf);
  const widths = spans.filter((s) => s.text.length > 0).map((s) => (s.bbox[2] - s.bbox[0]) / s.text.length);
  const charW = median(widths) || 0.6 * (spans[0]?.fontSize ?? 10);
  const minX = numbers.size ? Math.min(...spans.map((s) => s.bbox[0]).slice(0, 10000)) : Math.min(...lines.map((l) => l.bbox[0]).slice(0, 10000));
  const text = lines.map((l) => {
    let row = '';
    const sorted = spansOf(l).sort((a, b) => a.bbox[0] - b.bbox[0]);
    for (const s of sorted) {
      const col = Math.max(0, Math.round((s.bbox[0] - minX) / charW));
      if (col > row.length) row += ' '.repeat(col - row.length);
      else if (row.length && !/\s$/.test(row) && !/^\s/.test(s.text) && s.bbox[0] - minX > row.length * charW + 0.3 * charW) row += ' ';
      row += s.text;
    }
    return row.trimEnd();
  }).join('\n');
  return { type: 'code', text, bbox: unionBox(lines.map((l) => l.bbox)), fontSize: median(lines.map((l) => l.fontSize)) };
}
