// The reader of server-sent events (text/event-stream) that every client of the job API's
// event route shares: the CLI, the review app, the benches and the tests. Kept free of
// runtime imports: the review app bundles this file for the browser (`@docmill/core/sse`).

/** One server-sent event: its name (`event:`, default `message`), its data lines joined by "\n", its `id:` if any. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads a text/event-stream as it arrives, in pieces cut anywhere (inside a line, between
 * "\r" and "\n"), by the rules of the HTML standard's event stream interpretation: lines
 * end in "\n", "\r\n" or "\r"; a blank line ends an event; `field: value` loses one space
 * after the colon; `data` lines are joined by "\n"; an event without data is not
 * dispatched; lines starting with ":" are comments (heartbeats).
 * Note: `retry:` and unknown fields are read and dropped; the last `id:` is kept across
 * events (the standard's last event id), but nothing here reconnects.
 * Does not decode bytes: give it text (a TextDecoder with `stream: true`, or
 * TextDecoderStream, keeps multi-byte characters whole across chunks).
 */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #id: string | undefined;
  /** The last piece ended in "\r". */
  #afterCr = false;
  readonly #onComment: ((text: string) => void) | undefined;

  /** @param onComment called with each comment line's text (after the ":", one leading space dropped) */
  constructor(onComment?: (text: string) => void) {
    this.#onComment = onComment;
  }

  /**
   * Takes the next piece of the stream.
   * @param text decoded text, any length
   * Returns the events this piece completed, in order (often none).
   */
  push(text: string): SseEvent[] {
    // Note: a piece that ended in "\r" may have cut a "\r\n" in two: its "\n" is dropped here.
    this.#buffer += this.#afterCr && text.startsWith('\n') ? text.slice(1) : text;
    if (text) this.#afterCr = false;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const lf = this.#buffer.indexOf('\n', start);
      const cr = this.#buffer.indexOf('\r', start);
      const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
      if (end < 0) break;
      const line = this.#buffer.slice(start, end);
      start = end + (end === cr && this.#buffer[end + 1] === '\n' ? 2 : 1);
      if (end === cr && end === this.#buffer.length - 1) this.#afterCr = true;
      const event = this.#line(line);
      if (event) events.push(event);
    }
    this.#buffer = this.#buffer.slice(start);
    return events;
  }

  /** One line: a field, a comment, or the blank line that dispatches the event read so far. */
  #line(line: string): SseEvent | undefined {
    if (line === '') {
      const data = this.#data;
      const event = this.#event || 'message';
      this.#data = [];
      this.#event = '';
      if (data.length === 0) return undefined;
      return { event, data: data.join('\n'), ...(this.#id !== undefined ? { id: this.#id } : {}) };
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (colon === 0) this.#onComment?.(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    return undefined;
  }
}
