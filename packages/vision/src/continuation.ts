/**
 * Continuing a page whose answer stopped at the token limit (`finish_reason: "length"`):
 * the partial answer goes back as the final assistant message and the server
 * continues it (vLLM's `continue_final_message`), and the pieces are joined
 * without repeating the seam.
 */
import type { ChatMessage, ChatRequest } from './client.js';

/** Shortest overlap between the end of the answer so far and the start of its continuation that counts as a repeat. */
export const SEAM_MIN_OVERLAP = 16;
/** Longest overlap looked for. */
const SEAM_MAX_OVERLAP = 4000;

/** Which request field carries the completion limit. */
export type TokenLimitField = 'max_completion_tokens' | 'max_tokens';

/**
 * The body fields and messages that make a chat request continue `partial` (vLLM's extra parameters):
 * the partial answer as the final assistant message, `continue_final_message: true` and
 * `add_generation_prompt: false` (vLLM rejects both set to true; the template must leave the
 * last message open instead of starting a new assistant turn).
 * @param req the page's request as it would be sent without a partial answer
 * @param partial the answer so far (not empty)
 * Does not change sampling fields or the limit: the caller sets them. vLLM answers only the
 * new text (the partial answer is not echoed, as `echo` stays false).
 */
export function continueRequest(req: ChatRequest, partial: string): ChatRequest {
  const messages: ChatMessage[] = [...req.messages, { role: 'assistant', content: partial }];
  return { ...req, messages, extra: { ...req.extra, continue_final_message: true, add_generation_prompt: false } };
}

/**
 * Joins an answer and its continuation. A server continuing a message writes on from the last
 * token, so the join is usually just the two pieces; but a model sometimes starts its continuation
 * by repeating what it had already written. Two repeats are removed:
 * - an exact overlap: the continuation starts with the last ≥ 16 characters of the answer (the longest such);
 * - a restarted line: the answer ends in an unfinished line and the continuation starts that line again.
 * @param partial the answer so far
 * @param more the continuation as the server returned it
 * Note: this joins the raw text stream of one answer (as a streaming client appends chunks), before any
 * Markdown is parsed; it never edits Markdown structure.
 */
export function stitchContinuation(partial: string, more: string): string {
  const max = Math.min(partial.length, more.length, SEAM_MAX_OVERLAP);
  for (let k = max; k >= SEAM_MIN_OVERLAP; k--) {
    if (partial.endsWith(more.slice(0, k))) return partial + more.slice(k);
  }
  const lineStart = partial.lastIndexOf('\n') + 1;
  const unfinished = partial.slice(lineStart).trim();
  const restarted = more.trimStart();
  if (unfinished.length >= 4 && restarted.startsWith(unfinished)) return partial.slice(0, lineStart) + restarted;
  return partial + more;
}
