import type { DocumentResult } from '@docmill/core';
import { packText as pack } from './text.js';
import { documentUnits } from './units.js';

/** A piece of a document for search and for a RAG system's embedder (one JSON line each). */
export interface Chunk {
  /** Stable within the document: "c0001", "c0002", … in reading order. */
  id: string;
  /** 1-based pages the text comes from, ascending. */
  pages: number[];
  /** Titles of the enclosing headings, outermost first. */
  headingPath: string[];
  /** Index in the document's `articles` of the article the chunk's text belongs to, when it has articles. */
  article?: number;
  text: string;
}

export interface ChunkOptions {
  /** Upper bound on a chunk's text length in characters (default 1500, at least 100). */
  maxChars?: number;
}

/**
 * Cuts a converted document into heading-aware chunks of bounded size.
 * @param doc the converted document
 * @param opts maxChars: the size bound
 * A chunk never crosses a heading (a new section starts a new chunk, whose text
 * begins with the heading's title) and is at most `maxChars` long. Blocks are
 * packed whole while they fit; a block too long for one chunk is cut between
 * sentences, and only a sentence longer than the bound is cut between words
 * (a single word longer than the bound is cut where it must be).
 * A chunk never mixes two of the document's `articles` either, and says which
 * article it belongs to.
 * Does not overlap chunks, and does not drop running headers on its own: it
 * relies on the blocks' types (header, footer, page-number are skipped).
 */
export function chunkDocument(doc: DocumentResult, opts: ChunkOptions = {}): Chunk[] {
  const max = Math.max(100, Math.floor(opts.maxChars ?? 1500));
  const out: Chunk[] = [];
  const path: Array<{ level: number; text: string }> = [];
  let parts: string[] = [];
  let pages = new Set<number>();
  let bodyChars = 0;
  let length = 0;

  let article: number | undefined;
  const flush = () => {
    if (parts.length > 0) {
      out.push({
        id: `c${String(out.length + 1).padStart(4, '0')}`,
        pages: [...pages].sort((a, b) => a - b),
        headingPath: path.map((h) => h.text),
        ...(article !== undefined ? { article } : {}),
        text: parts.join('\n\n'),
      });
    }
    parts = [];
    pages = new Set();
    bodyChars = 0;
    length = 0;
  };
  const append = (text: string, page: number, body: boolean) => {
    parts.push(text);
    pages.add(page);
    length += (parts.length > 1 ? 2 : 0) + text.length;
    if (body) bodyChars += text.length;
  };

  for (const u of documentUnits(doc)) {
    // Note: an article (a newspaper article, read column by column) is never mixed with the next one
    // in a chunk, also where the next one has no headline of its own (text run on from an earlier page).
    if (u.article !== article) {
      flush();
      article = u.article;
    }
    if (u.kind === 'heading') {
      // Note: consecutive headings ("2 Methods" then "2.1 Setup") stay in one
      // chunk with the deeper path, instead of making title-only chunks.
      if (bodyChars > 0) flush();
      while (path.length > 0 && path[path.length - 1]!.level >= u.level) path.pop();
      path.push({ level: u.level, text: u.text });
      const title = u.text.slice(0, max);
      if (length + 2 + title.length > max) flush();
      append(title, u.page, false);
      continue;
    }
    if (length + (parts.length > 0 ? 2 : 0) + u.text.length <= max) {
      append(u.text, u.page, true);
      continue;
    }
    if (bodyChars > 0) flush();
    for (const piece of pack(u.text, max - (parts.length > 0 ? length + 2 : 0), max)) {
      if (length + (parts.length > 0 ? 2 : 0) + piece.length > max) flush();
      append(piece, u.page, true);
    }
  }
  flush();
  return out;
}
