import { assembleBlocks, continues, findArticles, joinBlock, joinedInto, type ArticlePage, type AssembledPage, type DocumentPageBlocks } from '@docmill/layout';
import { DocumentMarkdownWriter, pageMarkdown } from '@docmill/markdown';
import { DocmillError, type Block, type DocumentResult, type PageDraft, type PageResult } from '@docmill/core';
import { documentHead, type AssembleOptions, type DocumentHead } from './assemble.js';
import type { IngestInfo } from './ingest.js';
import { PageSpool } from './page-spool.js';

/** Where a streamed document goes, in order: Markdown pieces and finished pages (in page order) interleaved. */
export interface DocumentSink {
  /** The next piece of the document's Markdown (the pieces joined are `DocumentResult.markdown`). */
  markdown(chunk: string): void | Promise<void>;
  /** The next finished page, in page order (what `DocumentResult.pages` holds). */
  page(page: PageResult): void | Promise<void>;
}

/** What is left of a `DocumentResult` once its pages and Markdown went to a sink. */
export type { DocumentHead };

/** A page as the caller's summary needs it once the page itself went to the sink. */
export type PageOutline = Pick<PageResult, 'index' | 'path' | 'error' | 'fallback' | 'usage'>;

/** The end of a streamed assembly: the document's other fields (in `DocumentResult`'s key order) and one outline per page. */
export interface StreamedDocument {
  head: DocumentHead;
  pages: PageOutline[];
}

/** Which block of the page's draft a light copy stands for (symbols survive object spreads, JSON ignores them). */
const SOURCE = Symbol('block index in the draft');
type LightBlock = Block & { [SOURCE]: number };

/**
 * Texts at least this long wait on disk while pages come in and are read back whenever the
 * document-wide pass reads them; shorter ones (running heads, page numbers, most headings) stay in memory.
 * Note: on a real 14-page report joined to 2,016 pages, texts were ~half of the ~12 KB a light page
 * took; 90 % of their characters are in blocks of 64 characters or more.
 */
export const TEXT_ON_DISK = 64;

/** The long texts of the light blocks (`TEXT_ON_DISK`), one line per page in a spool file; the last two pages read are kept. */
class TextShelf {
  readonly #spool: PageSpool<Array<string | null>>;
  #recent: Array<{ page: number; texts: Array<string | null> }> = [];
  /** Pages read back from disk so far (tests: the pass reads page by page, not block by block). */
  reads = 0;

  /** @param dir where the spool file goes */
  constructor(dir?: string) {
    this.#spool = new PageSpool(dir);
  }

  /** Keeps one page's long texts (by block index; null where the block keeps its own). */
  put(page: number, texts: Array<string | null>): void {
    this.#spool.put(page, texts);
  }

  /** The text of block `block` of page `page`, as put. */
  text(page: number, block: number): string {
    let hit = this.#recent.find((r) => r.page === page);
    if (!hit) {
      hit = { page, texts: this.#spool.get(page) };
      this.reads++;
      // Note: two pages, because the join across a break reads the end of one page and the start of the next.
      this.#recent = [hit, ...this.#recent.slice(0, 1)];
    }
    return hit.texts[block]!;
  }

  close(): void {
    this.#recent = [];
    this.#spool.close();
  }
}

/**
 * A block as the document-wide pass sees it: the draft's block without inlines (a table keeps its rows:
 * the pass may cut a running head or foot out of them, see layout's `furnitureRows`),
 * its text in memory when short, else read from the shelf when the pass reads it; a text the
 * pass sets (the join of a hyphenated word) is kept in memory from then on.
 */
class ShelvedBlock {
  readonly #page: number;
  readonly #shelf: TextShelf;
  #text: string | undefined;
  declare [SOURCE]: number;

  /**
   * @param b the draft's block
   * @param i its index in the draft
   * @param page the page's index
   * @param shelf where long texts are
   */
  constructor(b: Block, i: number, page: number, shelf: TextShelf) {
    const { inlines: _i, text, ...rest } = b;
    Object.assign(this, rest, { bbox: [...b.bbox] });
    this[SOURCE] = i;
    this.#page = page;
    this.#shelf = shelf;
    this.#text = text.length >= TEXT_ON_DISK ? undefined : text;
  }

  get text(): string {
    return this.#text ?? this.#shelf.text(this.#page, this[SOURCE]);
  }

  set text(t: string) {
    this.#text = t;
  }
}

/** Fields the document-wide pass changes on a block (heading levels; `open` also when a hyphenated word is joined). */
const DECIDED = ['type', 'level', 'open'] as const;

/**
 * Assembles a document page by page, holding per page only what the document-wide pass
 * needs instead of the whole drafts: `add` each draft as it finishes (it goes to a spool
 * file), then `finish` writes Markdown and pages to a sink as they are settled.
 * The result equals `assembleDocument`'s for the same drafts, byte for byte once written
 * (Markdown, pages, articles, usage, degraded): both run layout's `assembleBlocks`, the
 * first here on copies of the blocks without their inlines, whose
 * decisions (marginals, heading levels, continuations, table rows cut) are then applied to each full
 * page read back from the spool.
 * Note: until `finish`, memory holds an offset and a length per page; then what `assembleBlocks`
 * needs (the boxes and short texts of all blocks: long texts wait in a second spool file, see
 * `TEXT_ON_DISK`), a few pages, and a few fields per page; not the pages' inlines, rows, Markdown or JSON.
 * Does not sort what it was given beyond page order, and is used once.
 */
export class StreamingAssembly {
  readonly #spool: PageSpool;
  readonly #shelf: TextShelf;

  /** @param dir where the spool files go (default: the system's temporary directory) */
  constructor(dir?: string) {
    this.#spool = new PageSpool(dir);
    this.#shelf = new TextShelf(dir);
  }

  /**
   * Takes one finished page draft (any order): it goes to the spool file.
   * Note: nothing of the page stays in memory until `finish` (an offset and a length): pages come in
   * while the page threads hold their documents, the pass runs once the threads let go of them.
   */
  add(draft: PageDraft): void {
    this.#spool.put(draft.index, draft);
  }

  /** The document-wide pass's view of a spooled page: light blocks, long texts on the shelf. */
  #lightPage(index: number): DocumentPageBlocks {
    const draft = this.#spool.get(index);
    if (draft.blocks.some((b) => b.text.length >= TEXT_ON_DISK)) this.#shelf.put(index, draft.blocks.map((b) => (b.text.length >= TEXT_ON_DISK ? b.text : null)));
    return {
      index,
      width: draft.dimensions.width,
      height: draft.dimensions.height,
      textLayer: draft.path === 'text',
      blocks: draft.blocks.map((b, i) => new ShelvedBlock(b, i, index, this.#shelf) as unknown as LightBlock),
    };
  }

  /** How many times the pass read a page's long texts back from disk (about one per page and per sweep of the pass). */
  get textReads(): number {
    return this.#shelf.reads;
  }

  /**
   * Runs the document-wide pass and writes the document to the sink.
   * @param info what ingest said of the input
   * @param opts as `assembleDocument`'s
   * @param sink receives Markdown pieces and pages in order
   */
  async finish(info: IngestInfo, opts: AssembleOptions, sink: DocumentSink): Promise<StreamedDocument> {
    const order = this.#spool.indexes.sort((a, b) => a - b);
    // Note: the light blocks are this object's own copies, so the pass works on them without copying them again.
    const assembled: Array<AssembledPage | undefined> = assembleBlocks(order.map((i) => this.#lightPage(i)), { inPlace: true });
    // Note: the pass is over; nothing reads a light block's text any more (what was removed holds its own copy).
    this.#shelf.close();
    const chunks: string[] = [];
    const markdown = new DocumentMarkdownWriter((c) => chunks.push(c), { pageAnchors: true });
    const outline: PageOutline[] = [];
    const articlePages: ArticlePage[] = [];
    let prev: { draft: PageDraft; blocks: Block[]; a: AssembledPage } | undefined;
    const flush = async (): Promise<void> => {
      for (const c of chunks.splice(0)) await sink.markdown(c);
    };
    const settle = async (p: NonNullable<typeof prev>): Promise<void> => {
      const { draft, blocks, a } = p;
      const page: PageResult = { ...draft, blocks, markdown: pageMarkdown(blocks), images: [], removed: a.removed };
      markdown.add({ index: draft.index, blocks, continuesPrevious: a.continuesPrevious, ...(draft.label ? { label: draft.label } : {}) });
      await flush();
      await sink.page(page);
      articlePages.push({ index: draft.index, blocks: blocks.map(articleBlock), continuesPrevious: a.continuesPrevious });
      outline.push({ index: draft.index, path: draft.path, ...(draft.error ? { error: draft.error } : {}), ...(draft.fallback ? { fallback: draft.fallback } : {}), ...(draft.usage ? { usage: draft.usage } : {}) });
    };
    for (let i = 0; i < order.length; i++) {
      const draft = this.#spool.get(order[i]!);
      const a = assembled[i]!;
      // Note: a written page's light blocks are let go at once, so that the collections made while later
      // pages are written find less alive (V8 lets the heap grow in proportion to what a collection kept).
      assembled[i] = undefined;
      const blocks = a.blocks.map((lb) => {
        const full = decided(draft.blocks[(lb as LightBlock)[SOURCE]]!, lb);
        // Note: lines of one title that the pass joined on the light copies are joined here on the full blocks.
        for (const j of joinedInto(lb)) joinBlock(full, draft.blocks[(j as LightBlock)[SOURCE]]!);
        return full;
      });
      // Note: the join across the break changes text and inlines of both pages; it ran on the copies, and runs
      // again here on the full blocks, which are in the same state as the copies were then.
      if (prev && prev.draft.index + 1 === draft.index && continues(prev.blocks, blocks) !== a.continuesPrevious) {
        throw new DocmillError('INTERNAL', `Page ${draft.index + 1}: the page join differs between assembly passes.`);
      }
      if (prev) await settle(prev);
      prev = { draft, blocks, a };
    }
    if (prev) await settle(prev);
    markdown.end();
    await flush();
    this.close();
    return { head: documentHead(info, outline, findArticles(articlePages), opts), pages: outline };
  }

  /** Removes the spool files (also done by `finish`). */
  close(): void {
    this.#shelf.close();
    this.#spool.close();
  }
}

/** The full block with the document-wide decisions taken on its light copy (fields keep their places; new ones go last, as there). */
function decided(full: Block, light: Block): Block {
  const target = full as unknown as Record<string, unknown>;
  for (const k of DECIDED) if (Object.hasOwn(light, k)) target[k] = light[k];
  // Note: a table that lost a furniture row has new rows, text and merged cells (the text was set, so it is in memory).
  if (light.rows && full.rows && light.rows.length !== full.rows.length) {
    target.rows = light.rows;
    target.text = light.text;
    if (light.merged) target.merged = light.merged;
    else delete target.merged;
  }
  return full;
}

const NO_BOX: Block['bbox'] = [0, 0, 0, 0];
const SHARED = new Map<string, Block>();
/** What `findArticles` reads of a block: its type, a heading's text, and whether other text is empty (shared objects). */
function articleBlock(b: Block): Block {
  if (b.type === 'heading') return { type: b.type, text: b.text, bbox: NO_BOX };
  const text = b.text.trim() ? 'x' : '';
  const key = `${b.type}|${text}`;
  let s = SHARED.get(key);
  if (!s) SHARED.set(key, (s = { type: b.type, text, bbox: NO_BOX }));
  return s;
}
