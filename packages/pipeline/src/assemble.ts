import { assembleBlocks, findArticles } from '@docmill/layout';
import { documentMarkdown, pageMarkdown } from '@docmill/markdown';
import { DEFAULT_CONFIG, DOCMILL_VERSION, optionsHash, type Article, type DocumentResult, type PageDraft, type PageResult } from '@docmill/core';
import type { IngestInfo } from './ingest.js';
import { sumUsage } from './usage.js';
import type { ConvertOptions } from './options.js';

export interface AssembleOptions extends ConvertOptions {
  /** Input path, recorded in `source.path`. */
  path?: string;
  /** Share of failed or fallback pages above which the document is reported degraded (the caller's DOCMILL_DEGRADED_SHARE; default 0.1). */
  degradedShare?: number;
  /** Wall-clock seconds of the conversion, recorded in usage. */
  seconds?: number;
}

/**
 * Page drafts (any order) → the finished document: one heading hierarchy,
 * repeated headers/footers removed (and listed per page), paragraphs joined
 * across page breaks, page anchors, articles (when there are headlines), usage, and the degraded verdict.
 * @param info what ingest said of the input
 * @param drafts one per selected page; a missing page is an error in the caller, not silently skipped here
 * Pure: no I/O, the same drafts give the same result (the CLI and the workers rely on it).
 */
export function assembleDocument(info: IngestInfo, drafts: PageDraft[], opts: AssembleOptions = {}): DocumentResult {
  const sorted = [...drafts].sort((a, b) => a.index - b.index);
  const assembled = assembleBlocks(sorted.map((d) => ({ index: d.index, width: d.dimensions.width, height: d.dimensions.height, blocks: d.blocks, textLayer: d.path === 'text' })));
  const pages: PageResult[] = sorted.map((draft, i) => {
    const a = assembled[i]!;
    return {
      ...draft,
      blocks: a.blocks,
      markdown: pageMarkdown(a.blocks),
      images: [],
      removed: a.removed,
    };
  });
  const markdown = documentMarkdown(
    sorted.map((d, i) => ({ index: d.index, blocks: assembled[i]!.blocks, continuesPrevious: assembled[i]!.continuesPrevious, ...(d.label ? { label: d.label } : {}) })),
    { pageAnchors: true },
  );
  const articles = findArticles(pages.map((p, i) => ({ index: p.index, blocks: p.blocks, continuesPrevious: assembled[i]!.continuesPrevious })));
  const { source, ...rest } = documentHead(info, pages, articles, opts);
  return { source, pages, markdown, ...rest };
}

/** A document's fields besides its pages and Markdown. */
export type DocumentHead = Omit<DocumentResult, 'pages' | 'markdown'>;

/** The fields of a document besides pages and Markdown, as `assembleDocument` makes them (same key order). */
export function documentHead(info: IngestInfo, pages: ReadonlyArray<Pick<PageResult, 'path' | 'error' | 'fallback' | 'usage'>>, articles: Article[], opts: AssembleOptions): DocumentHead {
  const usage = sumUsage(pages, opts.seconds ?? 0);
  const limit = opts.degradedShare ?? DEFAULT_CONFIG.DOCMILL_DEGRADED_SHARE;
  const bad = usage.pagesFailed + usage.pagesFallback;
  const share = pages.length ? bad / pages.length : 0;
  const head: DocumentHead = {
    source: { ...(opts.path ? { path: opts.path } : {}), sha256: info.sha256, pages: info.pageCount, mime: info.mime, bytes: info.bytes },
    ...(articles.length ? { articles } : {}),
    usage,
    producer: { name: 'docmill', version: DOCMILL_VERSION, optionsHash: optionsHash(opts) },
  };
  if (bad > 0 && share > limit) {
    head.degraded = { reason: `${usage.pagesFailed} failed and ${usage.pagesFallback} fallback pages of ${pages.length}`, share: Math.round(share * 1000) / 1000 };
  }
  return head;
}
