import { DocmillError, type Rotation } from '@docmill/core';
import { checkModelAnswer, type AnswerFinding } from '@docmill/markdown';
import type { ChatRequest, ChatResult } from './client.js';
import { stitchContinuation } from './continuation.js';
import { detectRepetition, isRefusal, splitFrontMatter, type RepetitionFinding } from './detect.js';

/** What one request for one page came to. The policy (`transcribeWithPolicy`) decides what to do next. */
export type AttemptOutcome =
  | { kind: 'ok'; markdown: string; blank: boolean; result: ChatResult }
  /** A whole answer with defects the named checks found (unclosed fence, repetition, duplicate rows, cut-off HTML). */
  | { kind: 'defective'; markdown: string; findings: AnswerFinding[]; result: ChatResult }
  | { kind: 'rotate'; rotation: Rotation; markdown: string; result: ChatResult }
  | { kind: 'truncated'; text: string; result: ChatResult }
  | { kind: 'repetition'; text: string; finding: RepetitionFinding; result: ChatResult }
  | { kind: 'empty'; result: ChatResult }
  | { kind: 'hallucinated-blank'; text: string; result: ChatResult }
  | { kind: 'refusal'; text: string; result: ChatResult }
  | { kind: 'http-error' | 'timeout' | 'rate-limited' | 'connection' | 'bad-response'; error: DocmillError; latencyMs: number };

export type AttemptKind = AttemptOutcome['kind'];

/** The facts about the page that the answer checks need. */
export interface PageFacts {
  /** Visible characters in the page's text layer (0 for scans). */
  textChars: number;
  /** The cheap blank check on the image that was sent (memoised by the caller; only called when needed). */
  isBlank: () => Promise<boolean>;
}

/** Text-layer characters from which a page counts as having text. */
export const PAGE_TEXT_MIN_CHARS = 10;
/** Non-space characters from which an answer for a blank page counts as invented. */
export const BLANK_PAGE_MAX_CHARS = 20;

/**
 * Sends one chat request for a page and classifies the result.
 * @param send performs the request (the engine's dispatch: a server slot, the client)
 * @param req the chat request (messages with the page image, sampling fields)
 * @param facts the page's text-layer size and a lazy blank check
 * @param opts.signal aborts the request; an abort is rethrown, never classified
 * @param opts.stopGuard a stop string added to catch a known loop: if the server says it stopped on it, the outcome is 'repetition'
 * @param opts.prefix the answer so far when `req` continues it: the reply is joined to it (`stitchContinuation`)
 *   and the whole answer is classified
 * Does not retry, sleep, or rotate anything: it only says what happened.
 */
export async function attemptPage(
  send: (req: ChatRequest, signal?: AbortSignal) => Promise<ChatResult>,
  req: ChatRequest,
  facts: PageFacts,
  opts: { signal?: AbortSignal; stopGuard?: string; prefix?: string } = {},
): Promise<AttemptOutcome> {
  const started = performance.now();
  let result: ChatResult;
  try {
    result = await send(req, opts.signal);
  } catch (e) {
    const kind = errorKind(e);
    if (!kind) throw e;
    return { kind, error: e as DocmillError, latencyMs: Math.round(performance.now() - started) };
  }
  if (opts.prefix !== undefined) result = { ...result, text: stitchContinuation(opts.prefix, result.text) };
  return classifyAnswer(result, facts, opts.stopGuard);
}

/**
 * Classifies a model answer for a page (the checks of `attemptPage` without the request).
 * @param result the chat result
 * @param facts text-layer size and lazy blank check
 * @param stopGuard the loop guard sent as a stop string, if any
 * Order: loops (also behind finish_reason "length"), truncation, rotation front matter,
 * empty answers, refusals, text invented for a blank page, then the named answer checks on
 * the parsed Markdown (`checkModelAnswer`: unclosed fences, repetition anywhere, duplicated
 * table rows, HTML tables cut off before `</table>`).
 */
export async function classifyAnswer(result: ChatResult, facts: PageFacts, stopGuard?: string): Promise<AttemptOutcome> {
  const text = result.text;
  const finding = detectRepetition(text);
  if (finding) return { kind: 'repetition', text, finding, result };
  if (stopGuard !== undefined && result.stopReason === stopGuard) {
    return { kind: 'repetition', text, finding: { unit: stopGuard, count: 1, start: text.length }, result };
  }
  if (result.finishReason === 'length') return { kind: 'truncated', text, result };
  const { body, rotation } = splitFrontMatter(text);
  if (rotation !== undefined && rotation !== 0) return { kind: 'rotate', rotation, markdown: body, result };
  const visible = body.replace(/\s+/g, '');
  const pageHasText = facts.textChars >= PAGE_TEXT_MIN_CHARS;
  if (visible.length === 0) {
    if (pageHasText) return { kind: 'empty', result };
    const blank = await facts.isBlank();
    return blank ? { kind: 'ok', markdown: '', blank: true, result } : { kind: 'empty', result };
  }
  if (isRefusal(body)) return { kind: 'refusal', text: body, result };
  if (!pageHasText && visible.length > BLANK_PAGE_MAX_CHARS && (await facts.isBlank())) {
    return { kind: 'hallucinated-blank', text: body, result };
  }
  const findings = checkModelAnswer(body);
  if (findings.length > 0) return { kind: 'defective', markdown: body, findings, result };
  return { kind: 'ok', markdown: body, blank: false, result };
}

/**
 * The coded error an unsuccessful outcome stands for (what the page reports when it is the last one).
 * @param o an outcome other than 'ok'
 */
export function outcomeError(o: Exclude<AttemptOutcome, { kind: 'ok' }>): DocmillError {
  switch (o.kind) {
    case 'http-error':
    case 'timeout':
    case 'rate-limited':
    case 'connection':
    case 'bad-response':
      return o.error;
    case 'truncated':
      return new DocmillError('ENGINE_TRUNCATED', `The answer stopped at ${o.result.usage.completionTokens || 'the'} completion tokens.`);
    case 'repetition':
      return new DocmillError('ENGINE_REPETITION', `The answer repeats ${JSON.stringify(o.finding.unit.slice(0, 40))} ${o.finding.count} times at its end.`, { details: { unit: o.finding.unit.slice(0, 200), count: o.finding.count } });
    case 'empty':
      return new DocmillError('ENGINE_EMPTY');
    case 'hallucinated-blank':
      return new DocmillError('ENGINE_HALLUCINATION', `The image looks blank but the answer has ${o.text.length} characters.`);
    case 'refusal':
      return new DocmillError('ENGINE_REFUSAL', `The answer was ${JSON.stringify(o.text.slice(0, 80))}.`);
    case 'rotate':
      return new DocmillError('ENGINE_BAD_RESPONSE', `The model kept asking for a rotation (${o.rotation}°).`);
    case 'defective':
      return new DocmillError('ENGINE_BAD_RESPONSE', `The answer has defects: ${o.findings.map((f) => `${f.defect} (${f.detail})`).join('; ')}.`);
    default:
      return assertNever(o);
  }
}

function errorKind(e: unknown): Extract<AttemptOutcome, { error: DocmillError }>['kind'] | undefined {
  if (!(e instanceof DocmillError)) return undefined;
  switch (e.code) {
    case 'DOCMILL_ERR_ENGINE_RATE_LIMITED':
      return 'rate-limited';
    case 'DOCMILL_ERR_ENGINE_TIMEOUT':
      return 'timeout';
    case 'DOCMILL_ERR_ENGINE_CONNECTION':
      return 'connection';
    case 'DOCMILL_ERR_ENGINE_BAD_RESPONSE':
      return 'bad-response';
    case 'DOCMILL_ERR_ENGINE_HTTP':
    case 'DOCMILL_ERR_ENGINE_CONTEXT_OVERFLOW':
      return 'http-error';
    default:
      return undefined;
  }
}

function assertNever(x: never): never {
  throw new DocmillError('INTERNAL', `Unhandled attempt outcome ${JSON.stringify(x)}.`);
}
