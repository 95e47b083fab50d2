/**
 * Progress on stderr: a live bar on a terminal (documents, pages, pages/s, ETA),
 * plain lines otherwise (logs, CI, pipes). Silent with --quiet but for failures.
 */
export interface ProgressState {
  docsTotal: number;
  docsDone: number;
  pagesDone: number;
  /** Pages known so far (a document's count is known once it is opened). */
  pagesKnown: number;
  docsWithKnownPages: number;
  current?: string;
}

export class Progress {
  readonly #tty: boolean;
  readonly #quiet: boolean;
  readonly #start = performance.now();
  #lastDraw = 0;
  #drawn = false;
  readonly state: ProgressState;
  readonly #out: NodeJS.WriteStream;

  constructor(docsTotal: number, opts: { quiet?: boolean; out?: NodeJS.WriteStream } = {}) {
    this.#out = opts.out ?? process.stderr;
    this.#tty = !!this.#out.isTTY && !process.env.CI;
    this.#quiet = !!opts.quiet;
    this.state = { docsTotal, docsDone: 0, pagesDone: 0, pagesKnown: 0, docsWithKnownPages: 0 };
  }

  get seconds(): number {
    return (performance.now() - this.#start) / 1000;
  }

  /** A line about one document (kept above the bar on a terminal). */
  line(text: string, failure = false): void {
    if (this.#quiet && !failure) return;
    if (this.#tty) this.#clear();
    this.#out.write(`${text}\n`);
    if (this.#tty) this.#draw(true);
  }

  update(): void {
    if (this.#tty && !this.#quiet) this.#draw(false);
  }

  done(): void {
    if (this.#tty) this.#clear();
  }

  #clear(): void {
    if (this.#drawn) this.#out.write('\r\x1b[2K');
    this.#drawn = false;
  }

  #draw(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.#lastDraw < 100) return;
    this.#lastDraw = now;
    const s = this.state;
    const rate = s.pagesDone / Math.max(this.seconds, 1e-3);
    const avgPages = s.docsWithKnownPages ? s.pagesKnown / s.docsWithKnownPages : 1;
    const remaining = Math.max(0, s.pagesKnown - s.pagesDone) + (s.docsTotal - s.docsWithKnownPages) * avgPages;
    const eta = rate > 0 && s.pagesDone > 0 ? formatSeconds(remaining / rate) : '…';
    const width = 24;
    const frac = s.docsTotal ? (s.docsDone + (s.pagesKnown ? (s.pagesDone / Math.max(s.pagesKnown, 1)) * (s.docsWithKnownPages - s.docsDone) : 0)) / s.docsTotal : 0;
    const filled = Math.max(0, Math.min(width, Math.round(frac * width)));
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const cols = this.#out.columns ?? 100;
    const text = `${bar} ${s.docsDone}/${s.docsTotal} docs · ${s.pagesDone} pages · ${rate.toFixed(1)} pages/s · ETA ${eta}${s.current ? ` · ${s.current}` : ''}`;
    this.#out.write(`\r\x1b[2K${text.slice(0, cols - 1)}`);
    this.#drawn = true;
  }
}

export function formatSeconds(sec: number): string {
  if (!Number.isFinite(sec)) return '…';
  if (sec < 60) return `${sec.toFixed(sec < 10 ? 1 : 0)}s`;
  const m = Math.floor(sec / 60);
  if (m < 60) return `${m}m${String(Math.round(sec % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
