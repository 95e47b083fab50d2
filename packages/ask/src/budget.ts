/**
 * Token counting for the context budget: exact through the server's
 * `/tokenize` when it has one, else the conservative estimate.
 */
import { isDocmillError } from '@docmill/core';
import type { AskClient, AskMessage } from './client.js';
import { estimateTokens } from './estimate.js';

/** Tokens per message for the chat template's control tokens, when estimating. */
const TEMPLATE_TOKENS_PER_MESSAGE = 16;
/** Added to every exact count: the image placeholders and anything the template adds after tokenization. */
const EXACT_MARGIN = 16;

// Note: remembered per client object, so a server without /tokenize is asked once per process, not once per question.
const noTokenize = new WeakSet<object>();

export interface Count {
  tokens: number;
  exact: boolean;
}

/** Counts the text tokens of chat messages (image parts are counted by the caller with the image formula). */
export class TokenCounter {
  /** False once the server has shown it cannot count. */
  #server: boolean;

  /**
   * @param client the model client (its `tokenize`, when present, is tried first)
   * @param model the served model name
   * @param useServer set false for servers known to lack `/tokenize` (Mistral's API)
   */
  constructor(
    private readonly client: AskClient | undefined,
    private readonly model: string,
    useServer = true,
  ) {
    this.#server = useServer && typeof client?.tokenize === 'function' && !noTokenize.has(client);
  }

  get exact(): boolean {
    return this.#server;
  }

  /**
   * Counts the tokens of the messages' text (with the chat template when the server counts).
   * @param messages as they will be sent; image parts are skipped here
   * @param signal aborts the count
   * A 404/405/501 from `/tokenize` switches to estimating for the rest of the
   * process; other errors (server down) are thrown.
   */
  async count(messages: AskMessage[], signal?: AbortSignal): Promise<Count> {
    if (this.#server && this.client?.tokenize) {
      const textOnly = messages.map((m) => ({ ...m, content: typeof m.content === 'string' ? m.content : m.content.filter((p) => p.type === 'text') }));
      try {
        const r = await this.client.tokenize({ messages: textOnly }, { model: this.model, ...(signal ? { signal } : {}) });
        return { tokens: r.count + EXACT_MARGIN, exact: true };
      } catch (e) {
        const status = isDocmillError(e, 'ENGINE_HTTP') ? (e.details?.status as number | undefined) : undefined;
        if (status === 400) {
          // Note: a server that cannot apply the chat template for /tokenize
          // still counts the plain text; the template's tokens are estimated.
          const text = textOnly.map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n'))).join('\n');
          const r = await this.client.tokenize(text, { model: this.model, ...(signal ? { signal } : {}) });
          return { tokens: r.count + EXACT_MARGIN + TEMPLATE_TOKENS_PER_MESSAGE * messages.length, exact: true };
        }
        if (status === 404 || status === 405 || status === 501) {
          noTokenize.add(this.client);
          this.#server = false;
        } else {
          throw e;
        }
      }
    }
    return { tokens: this.estimate(messages), exact: false };
  }

  /** The conservative estimate for messages (text parts only). */
  estimate(messages: AskMessage[]): number {
    let total = 0;
    for (const m of messages) {
      total += TEMPLATE_TOKENS_PER_MESSAGE;
      if (typeof m.content === 'string') total += estimateTokens(m.content);
      else for (const p of m.content) if (p.type === 'text') total += estimateTokens(p.text);
    }
    return total;
  }
}
