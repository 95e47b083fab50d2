/**
 * The question-answering prompt, in one place and versioned. The document goes
 * in as its pages' Markdown, each page between explicit markers, in page order.
 */

/** Stored with answers so that a change of prompt is traceable. */
export const ASK_PROMPT_VERSION = 'ask-v1';

/** The marker lines around each page (tests and the citation parser rely on them). */
export function pageOpen(page: number): string {
  return `<page number="${page}">`;
}
export const PAGE_CLOSE = '</page>';

export interface PromptParts {
  /** Pages shown, 1-based and ascending, with their Markdown. */
  pages: Array<{ page: number; markdown: string }>;
  question: string;
  pageCount: number;
  /** True when only some pages are shown (retrieval). */
  partial: boolean;
  /** 1-based pages whose images follow the text. */
  imagePages: number[];
}

/**
 * The system prompt: answer from the document only, cite pages with exact
 * quotes, reply as JSON.
 * @param partial whether only retrieved pages are shown
 */
export function systemPrompt(partial: boolean): string {
  return [
    'You answer questions about one document, using only what the document says.',
    'The document is given page by page. Each page starts with a line <page number="N"> and ends with </page>; N is the page number to cite.',
    partial
      ? 'The document is too long to show whole: only the pages retrieved for this question are shown, so other pages exist. If the shown pages do not hold the answer, say that the retrieved pages do not contain it.'
      : 'The whole document is shown.',
    'Images of some pages may follow the text; each is introduced by a line naming its page. Use them for questions about figures, charts, tables and the look of a page.',
    'If the document does not contain the answer, say so plainly; never guess.',
    'Support the answer with citations: for each, the page number and a short quote (a few words up to one sentence) copied exactly, character for character, from that page\'s text.',
    'Reply with JSON only, no other text: {"answer": "<the answer>", "citations": [{"page": <number>, "quote": "<exact words from that page>"}]}',
  ].join('\n');
}

/**
 * The user message's text: the pages between markers, then the question.
 * @param parts pages, question and framing facts
 * Does not add the images (they are separate content parts).
 */
export function documentText(parts: PromptParts): string {
  const body = parts.pages.map((p) => `${pageOpen(p.page)}\n${cleanPage(p.markdown)}\n${PAGE_CLOSE}`).join('\n');
  const extent = parts.partial ? `${parts.pageCount} pages; ${parts.pages.length} are shown` : `${parts.pageCount} pages, all shown`;
  return `<document>\n${body}\n</document>\nThe document has ${extent}.\n\nQuestion: ${parts.question}`;
}

/** Removes page anchors and marker look-alikes from a page's Markdown, so markers stay unambiguous. */
function cleanPage(markdown: string): string {
  return markdown
    .replace(/^\s*<!--\s*page\s+\d+\s*-->\s*$/gim, '')
    .replace(/<\/?page\b[^>]*>/gi, '')
    .trim();
}

/** The JSON schema the answer must follow (sent as `response_format`). */
export const ANSWER_SCHEMA = {
  type: 'object',
  properties: {
    answer: { type: 'string' },
    citations: {
      type: 'array',
      items: {
        type: 'object',
        properties: { page: { type: 'integer' }, quote: { type: 'string' } },
        required: ['page', 'quote'],
        additionalProperties: false,
      },
    },
  },
  required: ['answer', 'citations'],
  additionalProperties: false,
} as const;

export const RESPONSE_FORMAT = { type: 'json_schema', json_schema: { name: 'docmill_answer', strict: true, schema: ANSWER_SCHEMA } } as const;
