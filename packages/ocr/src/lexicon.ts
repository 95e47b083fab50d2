import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, statSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@docmill/core';

const log = createLogger('ocr');

/**
 * Word lists of tesseract's own traineddata (the LSTM word dawg of e.g. `deu.traineddata`),
 * unpacked with the tools Debian's tesseract-ocr package ships (`combine_tessdata -u`,
 * `dawg2wordlist`) and kept in the temp folder, keyed by the traineddata's size and time.
 * A lexicon is an aid to post-correction, not a requirement: without the tools or the file the
 * promise resolves to undefined and words are left as read.
 */
const lexicons = new Map<string, Promise<ReadonlySet<string> | undefined>>();

/**
 * The lexicon of one tesseract language (`deu`), folded for lookup (long s as s), or undefined
 * when it cannot be had.
 * @param code a tesseract language code
 * @param tessdata the folder holding `<code>.traineddata` (the one `tesseract --list-langs` names)
 */
export function tesseractLexicon(code: string, tessdata: string): Promise<ReadonlySet<string> | undefined> {
  const key = `${tessdata}/${code}`;
  let hit = lexicons.get(key);
  if (!hit) {
    hit = unpack(code, tessdata).catch((e: Error) => {
      log.debug({ code, err: e.message }, 'no lexicon for post-correction');
      return undefined;
    });
    lexicons.set(key, hit);
  }
  return hit;
}

async function unpack(code: string, tessdata: string): Promise<ReadonlySet<string>> {
  const data = join(tessdata, `${code}.traineddata`);
  const st = statSync(data);
  const dir = join(tmpdir(), 'docmill-lexicon');
  const words = join(dir, `${code}-${st.size}-${Math.round(st.mtimeMs)}.words`);
  if (!existsSync(words)) {
    const work = join(dir, `${code}-${process.pid}-${Date.now()}`);
    mkdirSync(work, { recursive: true });
    try {
      await run('combine_tessdata', ['-u', data, join(work, `${code}.`)]);
      await run('dawg2wordlist', [join(work, `${code}.lstm-unicharset`), join(work, `${code}.lstm-word-dawg`), join(work, 'words')]);
      // Note: written under a private name and renamed, so that parallel pages never read half a list.
      renameSync(join(work, 'words'), words);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return new Set(readFileSync(words, 'utf8').split('\n').filter(Boolean).map(fold));
}

/** Long s as s, for lookups (Fraktur models write ſ; lexicons mostly do not). */
function fold(w: string): string {
  return w.replace(/ſ/g, 's');
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (c) => (c === 0 ? resolve() : reject(new Error(`${cmd} exited with ${c}: ${Buffer.concat(err).toString().trim().slice(-200)}`))));
  });
}

/**
 * German function words of up to four letters (from the Snowball project's German stop list, the
 * short ones, with the old spellings "daß", "seyn" and "ward"): the words a newspaper line is
 * made of, and the only short words blackletter OCR's damage can be judged against. Lexicons
 * cannot judge short words: they list nearly every string of up to three letters.
 */
const GERMAN_SHORT_WORDS = new Set((
  'aber alle als also am an auch auf aus bei bin bis bist da dann das daß dass dein dem den der des dich die dies doch dort du durch ' +
  'ein eine er es euch für gar hab habe hat ich ihm ihn ihr im in ist ja jede jene jetzt kann man mein mich mir mit muss nach ' +
  'nein nicht nichts noch nun nur ob oder ohne sehr sein seit seyn sich sie sind so soll uns und unter vom von vor war ward was weg ' +
  'weil wenn wer wie wir wird wo zu zum zur trotz gleich'
).split(' '));

/** Short words one blackletter confusion away from `w`: those of `confusions` and the short words' own (see correctBlackletterWord). */
function shortConfusions(w: string): string[] {
  const out = confusions(w);
  for (let i = 0; i < w.length; i++) {
    const head = w.slice(0, i), tail = w.slice(i + 1);
    // r read as x, tz as y, z as j (at the start), s as long s read as f and back.
    if (w[i] === 'x') out.push(`${head}r${tail}`);
    if (w[i] === 'y') out.push(`${head}tz${tail}`);
    if (w[i] === 'j' && i === 0) out.push(`z${tail}`);
    if (w[i] === 's') out.push(`${head}f${tail}`);
  }
  return out;
}

/** Words of four letters or more one blackletter confusion away from `w` (see correctBlackletterWord). */
function confusions(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const head = w.slice(0, i), tail = w.slice(i + 1);
    // The ch ligature read as h, the tz ligature as z.
    if (c === 'h' && i > 0 && w[i - 1] !== 'c') out.push(`${head}c${w.slice(i)}`);
    if (c === 'z' && i > 0 && w[i - 1] !== 't') out.push(`${head}t${w.slice(i)}`);
    // Long s read as f; c and e, n and u read for each other.
    if (c === 'f') out.push(`${head}s${tail}`);
    if (c === 'c') out.push(`${head}e${tail}`);
    if (c === 'e') out.push(`${head}c${tail}`);
    if (c === 'n') out.push(`${head}u${tail}`);
    if (c === 'u') out.push(`${head}n${tail}`);
  }
  // The ch ligature lost at the end, the st ligature read as s.
  out.push(`${w}ch`);
  if (w.endsWith('s')) out.push(`${w}t`);
  return out;
}

/**
 * Corrects one word of German blackletter OCR:
 * - a capital J before a consonant is an I (Fraktur has one letter for both; German J is
 *   always followed by a vowel): "Jn" → "In", "Jrrthum" → "Irrthum";
 * - a word of up to four letters that is not a German function word (GERMAN_SHORT_WORDS) and
 *   exactly one blackletter confusion away from one becomes it: "uud" → "und", "cin" → "ein",
 *   "ih" → "ich", "dur" → "durch", "find" → "sind";
 * - a word of four letters or more that the lexicon does not know, and that exactly one
 *   blackletter confusion (or two) turns into a word it knows, becomes that word:
 *   "niht" → "nicht", "möglihen" → "möglichen", "lezten" → "letzten", "cine" → "eine".
 * @param word one word as read, punctuation around it allowed ("„Jn", "niht,")
 * @param lexicon the language's words (folded: long s as s), see tesseractLexicon
 * Leaves words with digits, known words and ambiguous ones alone. Keeps case and the
 * punctuation around the word; a corrected word loses its long s.
 */
export function correctBlackletterWord(word: string, lexicon: ReadonlySet<string>): string {
  const m = /^([^\p{L}\p{N}]*)([\p{L}ſ]+)([^\p{L}\p{N}]*)$/u.exec(word);
  if (!m) return word;
  const [, pre, core, post] = m as unknown as [string, string, string, string];
  let w = core.replace(/^J(?=[bcdfghklmnpqrstvwxzß])/, 'I');
  const known = (x: string) => {
    const f = fold(x);
    return lexicon.has(f) || lexicon.has(f.toLowerCase()) || lexicon.has(f.charAt(0).toUpperCase() + f.slice(1).toLowerCase());
  };
  const folded = fold(w);
  const lower = folded.toLowerCase();
  // Short words: a function word already, or exactly one confusion away from one.
  if (lower.length <= 4 && /^\p{L}+$/u.test(lower) && (folded === lower || /^\p{Lu}\p{Ll}*$/u.test(folded))) {
    if (GERMAN_SHORT_WORDS.has(lower)) return pre + w + post;
    const hits = new Set(shortConfusions(lower).filter((c) => GERMAN_SHORT_WORDS.has(c)));
    if (hits.size === 1) {
      const hit = [...hits][0]!;
      return pre + (folded === lower ? hit : hit.charAt(0).toUpperCase() + hit.slice(1)) + post;
    }
  }
  if (w.length < 4 || known(w)) return pre + w + post;
  const one = new Set(confusions(folded).filter(known));
  if (one.size === 1) return pre + [...one][0]! + post;
  if (one.size > 1) return pre + w + post;
  const two = new Set(confusions(folded).flatMap((c) => confusions(c)).filter(known));
  return pre + (two.size === 1 ? [...two][0]! : w) + post;
}
