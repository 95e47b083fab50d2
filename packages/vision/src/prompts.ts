/**
 * Every prompt the vision engines send, in one place. Change a prompt → bump
 * PROMPT_VERSION: the version is stored in each page result, so pages made by an
 * older prompt can be found and reconverted.
 */
import type { PositionedPage, TextSpan } from '@docmill/core';
import type { ChatMessage } from './client.js';

export const PROMPT_VERSION = 'page-v1';

/** Version of the tile instruction added for dense pages; a tiled page stores `${PROMPT_VERSION}+${TILE_PROMPT_VERSION}`. */
export const TILE_PROMPT_VERSION = 'tile-v1';

/** Mistral's recommended temperature for Mistral Small 3.1. */
export const DEFAULT_TEMPERATURE = 0.15;

/** Anchor text is capped at this many characters (olmOCR used ~6,000). */
export const ANCHOR_MAX_CHARS = 6000;

export const PAGE_SYSTEM_PROMPT = [
  'You transcribe one page of a document, given as an image, into GitHub-flavoured Markdown.',
  'Rules:',
  '- Transcribe exactly what is printed, in reading order. Never summarise, never paraphrase, never translate, never invent text that is not on the page.',
  '- Headings: use # to ###### with the level the page shows (title #, section ##, subsection ###).',
  '- Lists: keep the printed markers and nesting (-, 1., a)).',
  '- Tables: GitHub Markdown tables; when cells are merged (rowspan/colspan), write the table as HTML <table> instead.',
  '- Mathematics: LaTeX, inline as $…$ and displayed as $$…$$.',
  '- Keep bold and italic where the page uses them. Leave out running headers, footers and page numbers only if they are clearly not body text.',
  '- Figures: write their caption text; do not describe the picture.',
  '- Output only the page content: no commentary, no explanations, no code fences around the page.',
  '- If the page is blank, answer with nothing at all.',
  '- Only if the page is sideways or upside down, start your answer with the front matter',
  '---',
  'rotation: 90',
  '---',
  'giving the clockwise rotation (90, 180 or 270) that would make it upright, then transcribe as well as you can. Otherwise never write front matter.',
].join('\n');

const USER_INSTRUCTION = 'Transcribe this page to Markdown.';

const ANCHOR_INTRO =
  'Below is the text layer extracted from the PDF for this page, as [x,y]text lines with positions in points from the top-left corner. ' +
  'Use it to get characters and reading order right, but transcribe what the image shows: the text layer may be incomplete or out of order.';

/**
 * Anchor text for a page with a trustworthy text layer (olmOCR style): one line
 * per text line, `[x,y]text`, coarse positions in whole points, top to bottom.
 * @param page the positioned text layer
 * @param maxChars cap on the result (default 6,000); when over, the lines from the start and the end of the page are kept and the middle is elided
 * Does not include images or rules.
 */
export function anchorText(page: PositionedPage, maxChars = ANCHOR_MAX_CHARS): string {
  const header = `Page dimensions: ${Math.round(page.width)}x${Math.round(page.height)}`;
  const lines = groupLines(page.spans).map((l) => `[${Math.round(l.x)},${Math.round(l.y)}]${l.text}`);
  const all = [header, ...lines].join('\n');
  if (all.length <= maxChars) return all;
  // Note: keep the head and the tail (titles and footnotes are both useful anchors); elide the middle.
  const budget = maxChars - header.length - 8;
  const head: string[] = [];
  const tail: string[] = [];
  let used = 0;
  let i = 0;
  let j = lines.length - 1;
  while (i <= j) {
    const takeHead = head.length <= tail.length;
    const line = takeHead ? lines[i]! : lines[j]!;
    if (used + line.length + 1 > budget) break;
    used += line.length + 1;
    if (takeHead) {
      head.push(line);
      i++;
    } else {
      tail.unshift(line);
      j--;
    }
  }
  return [header, ...head, '[…]', ...tail].join('\n');
}

/** Where a tile sits, for its prompt. */
export interface TilePosition {
  /** 0-based. */
  index: number;
  count: number;
  row: number;
  rows: number;
  col: number;
  cols: number;
  /** Fractions of the page [x0, y0, x1, y1]. */
  region: [number, number, number, number];
}

/**
 * The instruction for one tile of a dense page: its place in the grid and on the page, and how to treat
 * its edges (the overlap with the neighbours is removed when the answers are stitched).
 * @param tile the tile's position
 */
export function tileInstruction(tile: TilePosition): string {
  const pct = (f: number) => Math.round(f * 100);
  const [x0, y0, x1, y1] = tile.region;
  return (
    `This image is tile ${tile.index + 1} of ${tile.count} of one dense page, enlarged so that its small print can be read: ` +
    `row ${tile.row + 1} of ${tile.rows}, column ${tile.col + 1} of ${tile.cols}; it shows ${pct(x0)}–${pct(x1)} % of the page's width and ${pct(y0)}–${pct(y1)} % of its height. ` +
    'Neighbouring tiles overlap it a little. Transcribe only what this tile shows, in reading order; write a line cut by the edge of the tile only if you can read all of it. ' +
    'Do not mention the tile.'
  );
}

/**
 * The chat messages for transcribing one page (or one tile of a dense page).
 * @param imageUrl the page image as a `data:` URL
 * @param anchor anchor text (from `anchorText`), or undefined when the page has no trustworthy text layer
 * @param tile the tile's position when the image is one tile of the page (`tileInstruction` goes first in the user turn)
 */
export function pageMessages(imageUrl: string, anchor?: string, tile?: TilePosition): ChatMessage[] {
  const page = anchor ? `${ANCHOR_INTRO}\n\n${anchor}\n\n${USER_INSTRUCTION}` : USER_INSTRUCTION;
  const text = tile ? `${tileInstruction(tile)}\n\n${page}` : page;
  return [
    { role: 'system', content: PAGE_SYSTEM_PROMPT },
    { role: 'user', content: [{ type: 'image_url', image_url: { url: imageUrl } }, { type: 'text', text }] },
  ];
}

interface Line {
  x: number;
  y: number;
  text: string;
}

/** Groups spans into lines: spans whose vertical centres are within half a font size join, left to right. */
function groupLines(spans: readonly TextSpan[]): Line[] {
  const sorted = spans.filter((s) => s.text.trim() !== '').slice().sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  const lines: Array<{ cy: number; tol: number; spans: TextSpan[] }> = [];
  for (const s of sorted) {
    const cy = (s.bbox[1] + s.bbox[3]) / 2;
    const tol = Math.max(1, (s.bbox[3] - s.bbox[1]) / 2);
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.cy - cy) <= Math.max(last.tol, tol)) last.spans.push(s);
    else lines.push({ cy, tol, spans: [s] });
  }
  return lines.map((l) => {
    const ss = l.spans.sort((a, b) => a.bbox[0] - b.bbox[0]);
    let text = '';
    let prevEnd = -Infinity;
    for (const s of ss) {
      const gap = s.bbox[0] - prevEnd;
      if (text && gap > Math.max(1, s.fontSize * 0.15) && !text.endsWith(' ') && !s.text.startsWith(' ')) text += ' ';
      text += s.text;
      prevEnd = s.bbox[2];
    }
    return { x: ss[0]!.bbox[0], y: ss[0]!.bbox[1], text: text.trim() };
  });
}
