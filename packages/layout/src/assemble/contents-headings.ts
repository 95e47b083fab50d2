import type { Block } from '@docmill/core';

/** A page's body blocks, as the contents pass sees them. */
export interface ContentsPage {
  blocks: Block[];
}

/** Text as contents entries and blocks are compared: letters and digits only, case folded. */
const key = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** A page number closing a contents line, after its dot leader if any ("Tests unitaires ........ 3", "Preface xi"). */
const ENTRY = /^(.*?\p{L}.*?)[\s.·…_]*?\s(\d{1,4}|[ivxlc]{1,6})$/iu;

/** An entry of a list of figures or tables, which names captions, not headings. */
const FLOAT_ENTRY = /^(?:fig(?:ure|\.)?|table|tab\.|abb(?:ildung|\.)?|tabelle|tableau|tabla|tabela|rys(?:unek|\.)?|obraz|рис(?:унок|\.)?|таблица|图|表)\s*\d/iu;

/** Fewest entries a run of contents lines or a contents table has. */
const MIN_ENTRIES = 3;

/** Longest text of an entry, and of a block it may name (characters). */
const MAX_CHARS = 200;

/** Tallest block a contents line may be, and one an entry may name, in its type's ems (one line; three). */
const LINE_EMS = 1.6;
const NAMED_EMS = 3.6;

/** The block is at most `ems` of its type tall: its text, maybe waiting on disk, is worth reading. */
const within = (b: Block, ems: number): boolean => b.fontSize !== undefined && b.bbox[3] - b.bbox[1] <= ems * b.fontSize;

/** A contents entry: its title and its page number (0 for a roman one). */
interface Entry { title: string; page: number }

const pageOf = (n: string): number => (/^\d+$/.test(n) ? Number(n) : 0);

/** Entries of a table of contents: `MIN_ENTRIES` or more, their page numbers never going back, two of them apart at least. */
function contents(entries: readonly Entry[]): boolean {
  const pages = entries.map((e) => e.page).filter((n) => n > 0);
  return entries.length >= MIN_ENTRIES && pages.every((n, k) => k === 0 || n >= pages[k - 1]!) && new Set(pages).size >= 2;
}

/** The entries of a table whose rows end in page numbers, when most rows do. */
function tableEntries(b: Block): Entry[] {
  if (b.type !== 'table') return [];
  const rows = (b.rows ?? []).map((r) => r.map((c) => c.trim()).filter(Boolean));
  const entries = rows.flatMap((r) => (r.length >= 2 && /^(?:\d{1,4}|[ivxlc]{1,6})$/i.test(r[r.length - 1]!)
    ? [{ title: r.slice(0, -1).join(' ').replace(/[\s.·…_]+$/u, ''), page: pageOf(r[r.length - 1]!) }] : []));
  return entries.length >= 0.6 * rows.length && contents(entries) ? entries : [];
}

/** The entry a contents line gives ("Tests unitaires 3" gives "Tests unitaires" on page 3), or undefined. */
function lineEntry(b: Block): Entry | undefined {
  if ((b.type !== 'paragraph' && b.type !== 'heading') || !within(b, LINE_EMS)) return undefined;
  const t = b.text.trim();
  if (t.length > MAX_CHARS || t.includes('\n')) return undefined;
  const m = ENTRY.exec(t);
  return m ? { title: m[1]!.trim(), page: pageOf(m[2]!) } : undefined;
}

/**
 * Makes the paragraphs that the document's own table of contents names into headings (blocks modified in place), as the
 * outline (bookmarks) does for PDFs that have one (`applyOutline`): a LibreOffice report without bookmarks lists
 * "Définition d’un test système 5" in its contents, and sets that line in plain type a size over the body.
 * @param pages the pages' body blocks, in document order
 * A table of contents is a table whose rows end in page numbers, or a run of lines that do (`contents`: three or more,
 * the numbers never going back); a list of figures or tables is none. Its entries are looked for in order after it: a
 * block after the last one found whose whole text, on letters and digits, is the entry's becomes a heading and is
 * marked `listed` (the level pass keeps it and ranks it by its type). Entries not found change nothing; list items,
 * captions and tables are never named.
 */
export function promoteContentsEntries(pages: readonly ContentsPage[]): void {
  const flat = pages.flatMap((p) => p.blocks);
  // The tables of contents, each with the position after it.
  const found: Array<{ after: number; titles: string[] }> = [];
  for (let i = 0; i < flat.length;) {
    let entries = tableEntries(flat[i]!);
    let end = i + 1;
    if (!entries.length) {
      const run: Entry[] = [];
      let j = i;
      for (let e = lineEntry(flat[j]!); e !== undefined; e = ++j < flat.length ? lineEntry(flat[j]!) : undefined) run.push(e);
      if (contents(run)) { entries = run; end = j; }
    }
    const titles = entries.map((e) => e.title).filter((t) => !FLOAT_ENTRY.test(t) && key(t).length >= 2);
    if (titles.length) found.push({ after: end, titles });
    i = end;
  }
  if (!found.length) return;
  // Note: the blocks an entry may name, by text, read once (a long text may wait on disk).
  const named = new Map<string, number[]>();
  flat.forEach((b, j) => {
    if ((b.type !== 'paragraph' && b.type !== 'heading') || !within(b, NAMED_EMS) || b.text.length > MAX_CHARS) return;
    const k = key(b.text);
    const list = named.get(k);
    if (list) list.push(j); else named.set(k, [j]);
  });
  for (const { after, titles } of found) {
    let at = after;
    for (const t of titles) {
      const j = named.get(key(t))?.find((x) => x >= at);
      if (j === undefined) continue;
      const b = flat[j]!;
      if (b.type === 'paragraph') {
        b.type = 'heading';
        delete b.open;
      }
      b.listed = true;
      at = j + 1;
    }
  }
}
