/**
 * askDocument: a question over a whole converted document. The plan, in order:
 * check the question; `local` → extractive answer; else pick page images when
 * the question is visual; put the whole document in the prompt when it fits
 * the budget (full-context), else the pages retrieval picks (retrieval); ask
 * once; read the reply; check every citation against the pages.
 */
import { DEFAULT_CONFIG, DocmillError, isDocmillError, type Config, type DocumentResult } from '@docmill/core';
import { OpenAICompatClient } from '@docmill/vision';
import type { Answer, AskMode } from './answer.js';
import { TokenCounter, type Count } from './budget.js';
import type { AskClient, AskContentPart, AskMessage } from './client.js';
import { estimateTokens } from './estimate.js';
import { extractiveAnswer } from './extractive.js';
import { fetchImages, type AttachedImage, type PageImageProvider } from './images.js';
import { parseReply } from './parse.js';
import { PassageIndex } from './passages.js';
import { ASK_PROMPT_VERSION, documentText, PAGE_CLOSE, pageOpen, RESPONSE_FORMAT, systemPrompt } from './prompt.js';
import { QuoteFinder, verifyCitations } from './verify.js';
import { pickImagePages } from './visual.js';

export type AskEngine = 'local' | 'openai' | 'mistral';

export interface AskOptions {
  engine: AskEngine;
  /**
   * The entry point's configuration, for what these options leave unset: the model server
   * (DOCMILL_OPENAI_BASE_URL… / MISTRAL_API_KEY…, see `askClientFromConfig`), DOCMILL_MODEL or
   * DOCMILL_MISTRAL_MODEL, DOCMILL_CONTEXT_TOKENS, DOCMILL_VISION_LONGEST_SIDE, DOCMILL_MAX_QUESTION_CHARS.
   * Default: `DEFAULT_CONFIG` (no model server), never the environment.
   */
  config?: Readonly<Config>;
  /** The model client; default: built from `config`. */
  client?: AskClient;
  /** Served model name; default DOCMILL_MODEL (openai) or DOCMILL_MISTRAL_MODEL (mistral). */
  model?: string;
  /** The model's context window (default DOCMILL_CONTEXT_TOKENS, 131072). */
  contextTokens?: number;
  /** Tokens reserved for the answer, sent as max_tokens (default 2048). */
  answerTokens?: number;
  /** Page images for visual questions; without it no image is attached. */
  pageImage?: PageImageProvider;
  /** The server's image limit per request (default 8: Mistral's API; vLLM as configured by --limit-mm-per-prompt). */
  maxImages?: number;
  /** Longest side of page images (default DOCMILL_VISION_LONGEST_SIDE, 1540). */
  imageLongestSide?: number;
  /** Limit on the question's length (default DOCMILL_MAX_QUESTION_CHARS, 20000). */
  maxQuestionChars?: number;
  /** Sampling temperature (default 0.15, Mistral's recommendation for this model). */
  temperature?: number;
  /** Ask for JSON through response_format json_schema (default true; vLLM and Mistral's API take it). */
  structuredOutput?: boolean;
  signal?: AbortSignal;
}

const DEFAULT_ANSWER_TOKENS = 2048;
/** Tokens per attached image for its placeholder text and control tokens. */
const IMAGE_OVERHEAD = 16;

/**
 * Answers a question over a converted document, with checked page citations.
 * @param doc the converted document
 * @param question the question (trimmed; empty → ASK_EMPTY_QUESTION, longer than the limit → ASK_QUESTION_TOO_LONG)
 * @param opts engine, client, budgets, image provider, abort signal
 * Never sends a request larger than the context: the prompt is counted exactly
 * with the server's /tokenize when it has one, else estimated on the safe side,
 * and images are counted with the model's formula. Does not retry the model
 * call (a failed call throws its coded error) and does not stream.
 */
export async function askDocument(doc: DocumentResult, question: string, opts: AskOptions): Promise<Answer> {
  const config = opts.config ?? DEFAULT_CONFIG;
  const q = checkQuestion(question, opts.maxQuestionChars ?? config.DOCMILL_MAX_QUESTION_CHARS);
  if (!['local', 'openai', 'mistral'].includes(opts.engine)) throw new DocmillError('ENGINE_UNKNOWN', `Engine "${String(opts.engine)}".`);
  if (doc.pages.length === 0) throw new DocmillError('ASK_NOT_CONVERTED', 'The document has no pages.');
  const index = new PassageIndex(doc);
  const finder = new QuoteFinder(doc);
  if (opts.engine === 'local') return extractiveAnswer(doc, q, index, finder);

  const { client, model, serverCounts } = resolveClient(opts, config);
  const contextTokens = opts.contextTokens ?? config.DOCMILL_CONTEXT_TOKENS;
  const answerTokens = opts.answerTokens ?? DEFAULT_ANSWER_TOKENS;
  const maxImages = opts.maxImages ?? 8;
  const longestSide = opts.imageLongestSide ?? config.DOCMILL_VISION_LONGEST_SIDE;
  const counter = new TokenCounter(client, model, serverCounts);
  const notes: string[] = [];

  // Images first: they come off the budget before any text.
  const ranked = index.rankPages(q);
  const pick = pickImagePages(doc, q, ranked, maxImages);
  let images: AttachedImage[] = [];
  if (pick.visual && opts.pageImage) {
    images = await fetchImages(pick.pages, opts.pageImage, longestSide, Math.floor(contextTokens / 4));
  } else if (pick.visual) {
    notes.push(pick.reason === 'wording' ? 'The question looks visual, but no page images were available, so the model saw only the text.' : 'Some relevant pages have little text (scans or figures?), but no page images were available, so the model saw only the text.');
  }
  const imageTokens = images.reduce((s, i) => s + i.tokens + IMAGE_OVERHEAD, 0);
  const budget = contextTokens - answerTokens - imageTokens;
  if (budget <= 0) throw new DocmillError('ENGINE_CONTEXT_OVERFLOW', `The answer budget (${answerTokens}) and images (${imageTokens} tokens) leave no room in a ${contextTokens}-token context.`);

  const all = doc.pages.map((p) => p.index + 1);
  const build = (pages: number[], partial: boolean) => buildMessages(doc, q, pages, partial, images);
  let mode: AskMode = 'full-context';
  let pages = all;
  let messages = build(all, false);
  // Note: a document far beyond the budget (more than 8 characters per token
  // would be needed to fit; prose runs at about 4) is not sent whole to
  // /tokenize just to learn that it does not fit.
  const chars = doc.pages.reduce((s, p) => s + p.markdown.length, 0);
  let count: Count = chars > 8 * budget ? { tokens: counter.estimate(messages), exact: false } : await counter.count(messages, opts.signal);
  if (count.tokens > budget) {
    mode = 'retrieval';
    const full = count;
    ({ pages, messages, count } = await selectPages(doc, q, ranked, images, budget, full, counter, opts.signal));
    const picked = ranked.length > 0 ? `only ${pages.length} pages picked for the question were shown (${ranges(pages)})` : `no page matched the question's words, so only the first ${pages.length} pages were shown`;
    notes.unshift(`The document (${doc.pages.length} pages, ${full.exact ? '' : 'about '}${full.tokens} tokens) is larger than the context budget (${budget} tokens), so the answer used retrieval: ${picked}.`);
  }

  const structured = opts.structuredOutput ?? true;
  const request = { model, messages, temperature: opts.temperature ?? 0.15, max_tokens: answerTokens, ...(structured ? { response_format: RESPONSE_FORMAT } : {}) };
  const callOpts = opts.signal ? { signal: opts.signal } : {};
  let res;
  try {
    res = await client.chat(request, callOpts);
  } catch (e) {
    // Note: a server that refuses response_format (older vLLM, other
    // OpenAI-compatible servers) answers 400; the prompt alone asks for JSON too.
    if (!structured || !isDocmillError(e, 'ENGINE_HTTP') || e.details?.status !== 400) throw e;
    const { response_format: _dropped, ...plain } = request;
    res = await client.chat(plain, callOpts);
  }

  const reply = parseReply(res.text);
  const verified = verifyCitations(finder, reply.citations);
  if (res.finishReason === 'length') notes.push(`The answer was cut at its token limit (${answerTokens}).`);
  if (reply.form === 'text' && res.text.trim()) notes.push('The model did not return citations in the asked form.');
  if (verified.dropped > 0) notes.push(`${verified.dropped} citation${verified.dropped === 1 ? '' : 's'} whose quote is not in the document ${verified.dropped === 1 ? 'was' : 'were'} dropped.`);
  if (verified.repaired > 0) notes.push(`${verified.repaired} citation${verified.repaired === 1 ? '' : 's'} pointed to the wrong page or misquoted it and ${verified.repaired === 1 ? 'was' : 'were'} corrected from the page text.`);
  return {
    answer: reply.answer,
    citations: verified.citations,
    mode,
    usage: {
      promptTokens: res.usage.promptTokens || count.tokens + imageTokens,
      completionTokens: res.usage.completionTokens,
      imageTokens: images.reduce((s, i) => s + i.tokens, 0),
      latencyMs: res.latencyMs,
      contextTokens,
      budgetTokens: budget,
      tokenCount: count.exact ? 'exact' : 'estimate',
      pagesInContext: pages.length,
      pageCount: doc.pages.length,
      images: images.length,
    },
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
    model,
    promptVersion: ASK_PROMPT_VERSION,
  };
}

/**
 * Checks a question and returns it trimmed.
 * @param question as asked
 * @param max the length limit (the caller's DOCMILL_MAX_QUESTION_CHARS; default 20000)
 */
export function checkQuestion(question: string, max?: number): string {
  const q = typeof question === 'string' ? question.trim() : '';
  if (!q) throw new DocmillError('ASK_EMPTY_QUESTION');
  const limit = max ?? DEFAULT_CONFIG.DOCMILL_MAX_QUESTION_CHARS;
  if (q.length > limit) throw new DocmillError('ASK_QUESTION_TOO_LONG', `The question has ${q.length} characters; the limit is ${limit}.`, { details: { chars: q.length, limit } });
  return q;
}

function buildMessages(doc: DocumentResult, question: string, pages: number[], partial: boolean, images: AttachedImage[]): AskMessage[] {
  const text = documentText({
    pages: pages.map((p) => ({ page: p, markdown: doc.pages[p - 1]?.markdown ?? '' })),
    question,
    pageCount: doc.pages.length,
    partial,
    imagePages: images.map((i) => i.page),
  });
  const user: AskMessage =
    images.length === 0
      ? { role: 'user', content: text }
      : {
          role: 'user',
          content: [
            { type: 'text', text } as AskContentPart,
            ...images.flatMap((i): AskContentPart[] => [
              { type: 'text', text: `Image of page ${i.page}:` },
              { type: 'image_url', image_url: { url: i.dataUrl } },
            ]),
          ],
        };
  return [{ role: 'system', content: systemPrompt(partial) }, user];
}

/**
 * Retrieval: the pages that best match the question, each with its neighbours,
 * added in rank order while they fit the budget, shown in page order.
 * Per-page sizes are estimated (scaled by how the estimate compared with the
 * exact count of the whole document, when there was one); the final prompt is
 * counted and trimmed from the least relevant page until it fits.
 */
async function selectPages(
  doc: DocumentResult,
  question: string,
  ranked: ReadonlyArray<{ page: number }>,
  images: AttachedImage[],
  budget: number,
  full: Count,
  counter: TokenCounter,
  signal: AbortSignal | undefined,
): Promise<{ pages: number[]; messages: AskMessage[]; count: Count }> {
  const n = doc.pages.length;
  const order: number[] = [];
  const seen = new Set<number>();
  const add = (p: number) => {
    if (p >= 1 && p <= n && !seen.has(p)) {
      seen.add(p);
      order.push(p);
    }
  };
  for (const i of images) add(i.page);
  for (const r of ranked) {
    add(r.page);
    add(r.page - 1);
    add(r.page + 1);
  }
  // Note: then the budget is filled with ever wider neighbourhoods of the
  // hits (±2, ±3, …, best hit first): text around an answer is the likeliest
  // to hold what the hits refer to. Without any hit, pages in order.
  const hits = ranked.map((r) => r.page);
  for (let d = 2; order.length < n && hits.length > 0 && d < n; d++) {
    for (const p of hits) {
      add(p - d);
      add(p + d);
    }
  }
  for (let p = 1; p <= n; p++) add(p);

  const blockOf = blockOfText(doc);
  // Note: with an exact count, the estimate's over-count is known for this
  // document; per-page estimates are scaled by it (plus 10%) so retrieval
  // fills the budget instead of leaving a third of it empty. The count is of
  // the whole document when there was one, else of a sample of its pages.
  let scale = 1;
  if (full.exact) {
    scale = (full.tokens / Math.max(1, counter.estimate(buildMessages(doc, question, doc.pages.map((p) => p.index + 1), false, images)))) * 1.1;
  } else if (counter.exact) {
    const sample = samplePages(doc, 200_000);
    const msgs: AskMessage[] = [{ role: 'user', content: sample.map(blockOfText(doc)).join('') }];
    const exact = await counter.count(msgs, signal);
    if (exact.exact) scale = (exact.tokens / Math.max(1, counter.estimate(msgs))) * 1.1;
  }
  scale = Math.min(1, scale);
  const cost = (p: number) => Math.ceil(estimateTokens(blockOf(p)) * scale) + 1;
  const base = await counter.count(buildMessages(doc, question, [], true, images), signal);
  if (base.tokens > budget) throw new DocmillError('ENGINE_CONTEXT_OVERFLOW', `The question and prompt alone take ${base.tokens} tokens, over the ${budget}-token budget.`);

  let chosen: number[] = [];
  let used = base.tokens;
  for (const p of order) {
    const c = cost(p);
    if (used + c <= budget) {
      chosen.push(p);
      used += c;
    }
  }
  for (;;) {
    const pages = [...chosen].sort((a, b) => a - b);
    const messages = buildMessages(doc, question, pages, true, images);
    const count = await counter.count(messages, signal);
    if (count.tokens <= budget) return { pages, messages, count };
    if (chosen.length === 0) throw new DocmillError('ENGINE_CONTEXT_OVERFLOW', 'No page fits the context budget.');
    // Drop the least relevant pages worth the excess (at least one), then recount.
    let excess = count.tokens - budget;
    while (excess > 0 && chosen.length > 0) excess -= cost(chosen.pop()!);
  }
}

function blockOfText(doc: DocumentResult): (page: number) => string {
  return (p) => `${pageOpen(p)}\n${doc.pages[p - 1]?.markdown ?? ''}\n${PAGE_CLOSE}\n`;
}

/** Evenly spaced 1-based pages whose Markdown adds up to about `chars` characters. */
function samplePages(doc: DocumentResult, chars: number): number[] {
  const total = doc.pages.reduce((s, p) => s + p.markdown.length, 0);
  const step = Math.max(1, Math.floor(total / Math.max(1, chars)));
  const out: number[] = [];
  let size = 0;
  for (let i = 0; i < doc.pages.length && size < chars; i += step) {
    out.push(i + 1);
    size += doc.pages[i]!.markdown.length;
  }
  return out;
}

function resolveClient(opts: AskOptions, config: Readonly<Config>): { client: AskClient; model: string; serverCounts: boolean } {
  if (opts.client) {
    return { client: opts.client, model: opts.model ?? (opts.engine === 'mistral' ? config.DOCMILL_MISTRAL_MODEL : config.DOCMILL_MODEL), serverCounts: opts.engine !== 'mistral' };
  }
  const made = askClientFromConfig(config, opts.engine === 'mistral' ? 'mistral' : 'openai');
  return { ...made, model: opts.model ?? made.model, serverCounts: opts.engine !== 'mistral' };
}

/**
 * The model client and model name for an engine, from the configuration.
 * @param config loaded configuration (DOCMILL_OPENAI_BASE_URL — the first of a
 *   comma-separated list —, DOCMILL_OPENAI_API_KEY, DOCMILL_MODEL; or
 *   MISTRAL_API_KEY, DOCMILL_MISTRAL_BASE_URL, DOCMILL_MISTRAL_MODEL)
 * @param engine 'openai' or 'mistral'
 * Throws ENGINE_NOT_CONFIGURED when the server or key is missing. Does not
 * contact the server.
 */
export function askClientFromConfig(config: Readonly<Config>, engine: 'openai' | 'mistral'): { client: AskClient; model: string } {
  if (engine === 'openai') {
    const base = config.DOCMILL_OPENAI_BASE_URL?.split(',')[0]?.trim();
    if (!base) throw new DocmillError('ENGINE_NOT_CONFIGURED', 'DOCMILL_OPENAI_BASE_URL is not set.');
    const client = new OpenAICompatClient({ baseUrl: base, timeoutMs: config.DOCMILL_VISION_TIMEOUT_MS, ...(config.DOCMILL_OPENAI_API_KEY ? { apiKey: config.DOCMILL_OPENAI_API_KEY } : {}) });
    return { client, model: config.DOCMILL_MODEL };
  }
  if (!config.MISTRAL_API_KEY) throw new DocmillError('ENGINE_NOT_CONFIGURED', 'MISTRAL_API_KEY is not set.');
  // Note: Mistral's hosted API has no /tokenize: askDocument estimates, never a guess that could overflow.
  const client = new OpenAICompatClient({ baseUrl: config.DOCMILL_MISTRAL_BASE_URL, apiKey: config.MISTRAL_API_KEY, timeoutMs: config.DOCMILL_VISION_TIMEOUT_MS });
  return { client, model: config.DOCMILL_MISTRAL_MODEL };
}

function ranges(pages: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(i === j ? `p. ${pages[i]}` : `pp. ${pages[i]}–${pages[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
