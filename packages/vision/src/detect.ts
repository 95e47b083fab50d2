/**
 * Checks on a model's answer that need no model: repetition loops, refusals,
 * the rotation front matter, and whether the text layer looks sideways.
 */
import type { PositionedPage, Rotation } from '@docmill/core';

export interface RepetitionFinding {
  /** The repeated unit (a word n-gram, a line, or a character run's unit). */
  unit: string;
  /** How many times it repeats at the end (the last one may be cut). */
  count: number;
  /** Character index where the loop starts. */
  start: number;
}

/**
 * Finds a repetition loop at the END of a model's answer: a unit of 1–256
 * characters (covering word n-grams with n ≤ 5 and whole repeated lines) that
 * repeats back to back more than `minRepeats` times and covers at least
 * `minChars` characters — the second condition keeps dot leaders and table
 * rules ("-----") from counting as loops.
 * @param text the answer
 * @param opts.minRepeats default 30 (olmOCR's RepeatDetector)
 * @param opts.minChars default 200
 * Does not look for repeats in the middle of the text: a loop runs to the token limit.
 */
export function detectRepetition(text: string, opts: { minRepeats?: number; minChars?: number } = {}): RepetitionFinding | undefined {
  const minRepeats = opts.minRepeats ?? 30;
  const minChars = opts.minChars ?? 200;
  const s = text.trimEnd();
  const n = s.length;
  for (let p = 1; p <= 256 && p * (minRepeats + 1) <= n; p++) {
    // Longest suffix in which every character equals the one p before it.
    let r = 0;
    while (r < n - p && s.charCodeAt(n - 1 - r) === s.charCodeAt(n - 1 - r - p)) r++;
    const covered = r + p;
    const count = Math.floor(covered / p);
    if (count > minRepeats && covered >= minChars) {
      let start = n - covered;
      // Note: the periodic stretch can begin mid-unit (it reaches back over characters the text
      // before the loop happens to share); shift it so the unit ends at a line or word break.
      start += phaseShift(s, start, p);
      const unit = s.slice(start, start + p);
      // Note: the smallest period is the loop's true unit; larger ones are its multiples.
      return { unit, count: Math.ceil((n - start) / p), start };
    }
  }
  return undefined;
}

/** Characters to skip so that the unit starting at `start` ends with a newline, else a space (0 when neither occurs). */
function phaseShift(s: string, start: number, p: number): number {
  for (const brk of ['\n', ' ']) {
    for (let k = 0; k < p; k++) if (s[start + k + p - 1] === brk) return k;
  }
  return 0;
}

const REFUSAL = /^(?:["'*\s]*)(?:i['’]m sorry|i am sorry|sorry,|i apologi[sz]e|i cannot|i can['’]t|i can not|i['’]m unable|i am unable|i['’]m not able|i am not able|as an ai|unfortunately,? i)/i;

/**
 * True when an answer is a refusal with little else: it starts with a refusal
 * phrase ("I'm sorry", "I cannot", "As an AI", …) and is short (under `maxChars`).
 * @param text the answer (front matter already stripped)
 * @param maxChars default 400: a long answer that begins with "Sorry," is probably a page that does
 */
export function isRefusal(text: string, maxChars = 400): boolean {
  const t = text.trim();
  return t.length > 0 && t.length < maxChars && REFUSAL.test(t);
}

const FRONT_MATTER_KEY = /^(rotation|rotation_correction|is_rotation_valid|primary_language|language|is_table|is_diagram):/;

/**
 * Splits the optional YAML front matter the page prompt asks for (only for
 * sideways pages) from the Markdown body.
 * @param text the answer
 * Accepts `---\nrotation: 90\n---` and, leniently, a bare first line `rotation: 90`.
 * Returns the body and the rotation when it is one of 0/90/180/270; other keys are ignored.
 */
export function splitFrontMatter(text: string): { body: string; rotation?: Rotation } {
  const fenced = /^\s*---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  const bare = fenced ? undefined : /^\s*(rotation:[ \t]*\d+)[ \t]*(?:\r?\n|$)/.exec(text);
  const m = fenced ?? bare;
  if (!m) return { body: text };
  const yaml = m[1] ?? '';
  if (!fenced && !/^rotation:/m.test(yaml)) return { body: text };
  // Note: only our own keys (and olmOCR's) make a front matter; a page that opens with a rule and "Name: …" stays text.
  if (fenced && !yaml.split(/\r?\n/).every((l) => l.trim() === '' || FRONT_MATTER_KEY.test(l))) return { body: text };
  const body = text.slice(m[0].length);
  const r = /^rotation:[ \t]*(\d+)[ \t]*$/m.exec(yaml);
  const deg = r ? Number(r[1]) : NaN;
  if (deg === 0 || deg === 90 || deg === 180 || deg === 270) return { body, rotation: deg };
  return { body };
}

/**
 * A guess from the text layer that the page is printed sideways: most of its
 * characters sit in spans that run top-to-bottom (dir 'ttb', or a box at least
 * twice as tall as wide holding 4+ characters).
 * @param page the positioned text layer
 * Returns 90 (the usual case: text reading bottom-to-top needs a clockwise quarter turn) or 0.
 * Does not tell 90 from 270: the model's own `rotation:` answer corrects that on the next attempt.
 * A text layer the PDF reader already turned upright (`rotation`, from its text direction) gives that turn.
 */
export function textLayerRotation(page: PositionedPage): Rotation {
  if (page.rotation === 90 || page.rotation === 180 || page.rotation === 270) return page.rotation;
  let total = 0;
  let vertical = 0;
  for (const s of page.spans) {
    const chars = s.text.replace(/\s/g, '').length;
    total += chars;
    const w = s.bbox[2] - s.bbox[0];
    const h = s.bbox[3] - s.bbox[1];
    if (s.dir === 'ttb' || (chars >= 4 && h >= 2 * w)) vertical += chars;
  }
  return total >= 20 && vertical / total > 0.6 ? 90 : 0;
}
