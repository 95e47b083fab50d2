// The REST API as the browser app uses it: every call carries the API key as a
// Bearer header (never in a URL), and errors come back as the API's coded errors.
import { SseParser } from '@docmill/core/sse';

export interface UiOption { name: string; description: string; kind: 'enum' | 'number' | 'boolean' | 'string'; choices?: string[] }
export interface UiConfig {
  mode: 'api' | 'local';
  title: string;
  features: { upload: boolean; cancel: boolean; search: boolean; ask: boolean };
  options: UiOption[];
}

export interface Job {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';
  createdAt: string;
  filename?: string;
  progress: { pagesDone: number; pagesTotal: number };
  usage?: { pages?: number; pagesFallback?: number; pagesFailed?: number };
  failedPages?: number[];
  reviewPages?: number[];
  degraded?: { reason: string; share: number };
  error?: { code: string; message: string };
}

export interface Block { type: string; text: string; bbox?: [number, number, number, number]; level?: number }
export interface Page {
  index: number;
  markdown: string;
  blocks: Block[];
  dimensions: { width: number; height: number; dpi?: number };
  flags?: string[];
  path?: 'text' | 'ocr' | 'vision' | 'none';
  fallback?: { from: string; reason: string };
  confidence?: number;
  error?: { code: string; message: string };
  label?: string;
}
export interface DocumentResult { source: { path?: string; pages: number }; pages: Page[]; markdown: string; degraded?: { reason: string; share: number } }
export interface SearchHit { jobId: string; page: number; snippet: string; highlights: Array<[number, number]>; score: number }
export interface Answer { answer: string; citations: Array<{ page: number; quote: string }>; mode: string; note?: string }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const KEY = 'docmill.apiKey';

/** The key kept for this tab only (sessionStorage), or undefined. */
export function storedKey(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function storeKey(key: string | undefined): void {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

export class Api {
  constructor(readonly key: string | undefined) {}

  #headers(extra?: HeadersInit): Headers {
    const h = new Headers(extra);
    if (this.key) h.set('authorization', `Bearer ${this.key}`);
    return h;
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(path, { ...init, headers: this.#headers(init.headers), cache: 'no-store' });
    if (!res.ok) {
      let code = `HTTP_${res.status}`;
      let message = res.statusText;
      try {
        const body = (await res.json()) as { error?: { code: string; message: string } };
        if (body.error) ({ code, message } = body.error);
      } catch {
        // not JSON: keep the status line
      }
      throw new ApiError(res.status, code, message);
    }
    return res;
  }

  async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await (await this.fetch(path, init)).json()) as T;
  }

  /** A response body as an object URL (page images, downloads); the caller revokes it. */
  async objectUrl(path: string): Promise<string> {
    return URL.createObjectURL(await (await this.fetch(path)).blob());
  }

  config(): Promise<UiConfig> {
    return fetch('/ui/config.json').then((r) => r.json() as Promise<UiConfig>);
  }

  jobs(): Promise<{ jobs: Job[] }> {
    return this.json('/v1/jobs?limit=100');
  }

  job(id: string): Promise<Job> {
    return this.json(`/v1/jobs/${encodeURIComponent(id)}`);
  }

  result(id: string): Promise<DocumentResult> {
    return this.json(`/v1/jobs/${encodeURIComponent(id)}/result`);
  }

  submit(file: File, options: Record<string, string>): Promise<Job> {
    const form = new FormData();
    for (const [k, v] of Object.entries(options)) if (v !== '') form.set(k, v);
    form.set('file', file, file.name);
    return this.json('/v1/jobs', { method: 'POST', body: form });
  }

  cancelOrDelete(id: string): Promise<Response> {
    return this.fetch(`/v1/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  search(q: string): Promise<{ hits: SearchHit[] }> {
    return this.json(`/v1/search?q=${encodeURIComponent(q)}&limit=20`);
  }

  ask(id: string, question: string): Promise<Answer> {
    return this.json(`/v1/jobs/${encodeURIComponent(id)}/questions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  }

  /**
   * Follows a job's server-sent events with fetch (EventSource cannot send the
   * Bearer header), calling `onJob` with each status and progress update.
   * Ends when the job ends, the stream closes, or `signal` aborts.
   */
  async follow(id: string, onJob: (update: Partial<Job>) => void, signal: AbortSignal): Promise<void> {
    const res = await this.fetch(`/v1/jobs/${encodeURIComponent(id)}/events`, { signal, headers: { accept: 'text/event-stream' } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const { event, data } of parser.push(value)) {
        const payload = JSON.parse(data) as Record<string, unknown>;
        if (event === 'status') onJob(payload as Partial<Job>);
        else if (event === 'progress') onJob({ progress: payload as Job['progress'] });
      }
    }
  }
}
