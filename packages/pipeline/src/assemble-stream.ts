import { assembleBlocks, continues, findArticles, type ArticlePage, type AssembledPage } from '@docmill/layout';
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

/** Fields the document-wide pass changes on a block (heading levels; `open` also when a hyphenated word is joined). */
const DECIDED = ['type', 'level', 'open'] as const;

/**
 * Assembles a document page by page, holding per page only what the document-wide pass
 * needs instead of the whole drafts: `add` each draft as it finishes (it goes to a spool
 * file), then `finish` writes Markdown and pages to a sink as they are settled.
 * The result equals `assembleDocument`'s for the same drafts, byte for byte once written
 * (Markdown, pages, articles, usage, degraded): both run layout's `assembleBlocks`, the
 * first here on copies of the blocks without their inlines (and rows, but a table's), whose
 * decisions (marginals, heading levels, continuations, furniture rows of tables) are then
 * applied to each full page read back from the spool.
 * Note: memory is what `assembleBlocks` needs (the text and boxes of all blocks, the rows
 * of tables), a few pages, and a few fields per page; not the pages' inlines, Markdown or JSON.
 * Does not sort what it was given beyond page order, and is used once.
 */
export class StreamingAssembly {
  readonly #spool: PageSpool;
  readonly #light = new Map<number, { index: number; width: number; height: number; textLayer: boolean; blocks: LightBlock[] }>();

  /** @param dir where the spool file goes (default: the system's temporary directory) */
  constructor(dir?: string) {
    this.#spool = new PageSpool(dir);
  }

  /** Takes one finished page draft (any order). */
  add(draft: PageDraft): void {
    this.#spool.put(draft);
    this.#light.set(draft.index, {
      index: draft.index,
      width: draft.dimensions.width,
      height: draft.dimensions.height,
      textLayer: draft.path === 'text',
      blocks: draft.blocks.map((b, i) => lightBlock(b, i)),
    });
  }

  /**
   * Runs the document-wide pass and writes the document to the sink.
   * @param info what ingest said of the input
   * @param opts as `assembleDocument`'s
   * @param sink receives Markdown pieces and pages in order
   */
  async finish(info: IngestInfo, opts: AssembleOptions, sink: DocumentSink): Promise<StreamedDocument> {
    const order = [...this.#light.keys()].sort((a, b) => a - b);
    // Note: the light blocks are this object's own copies, so the pass works on them without copying them again.
    const assembled: Array<AssembledPage | undefined> = assembleBlocks(order.map((i) => this.#light.get(i)!), { inPlace: true });
    this.#light.clear();
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
      const blocks = a.blocks.map((lb) => decided(draft.blocks[(lb as LightBlock)[SOURCE]]!, lb));
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

  /** Removes the spool file (also done by `finish`). */
  close(): void {
    this.#spool.close();
  }
}

/**
 * A block without what the document-wide pass never reads (inlines; rows, except a table's), tagged with
 * its place in the draft.
 * Note: a table keeps its rows (the draft's own arrays, not copied): the pass reads them to drop a first or
 * last row that is the running head or foot.
 */
function lightBlock(b: Block, i: number): LightBlock {
  const { inlines: _i, rows, ...rest } = b;
  return { ...rest, ...(b.type === 'table' && rows ? { rows } : {}), bbox: [...b.bbox], [SOURCE]: i } as LightBlock;
}

/**
 * The full block with the document-wide decisions taken on its light copy (fields keep their places; new ones go last, as there).
 * A table whose light copy lost rows (furniture rows, see layout's `assembleBlocks`) takes the light copy's rows, text and merged cells.
 */
function decided(full: Block, light: Block): Block {
  const target = full as unknown as Record<string, unknown>;
  for (const k of DECIDED) if (Object.hasOwn(light, k)) target[k] = light[k];
  if (light.rows && full.rows && light.rows.length !== full.rows.length) {
    full.rows = light.rows;
    full.text = light.text;
    if (light.merged) full.merged = light.merged;
    else delete full.merged;
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
