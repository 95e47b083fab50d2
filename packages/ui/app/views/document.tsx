// One document: the page image with its blocks' boxes beside the page's
// Markdown (rendered and sanitised, or raw), hover linking between the two,
// page navigation, a "pages to review" filter, downloads and questions.
import { useEffect, useRef, useState } from 'preact/hooks';
import { marked } from 'marked';
import DOMPurify from 'dompurify';
import { ApiError, type Answer, type Api, type DocumentResult, type Page, type UiConfig } from '../api.js';
import { documentHref } from '../route.js';
import { needsReview } from '@docmill/core/review';

/** Flags shown quietly: how a page was made. */
const BENIGN_FLAGS = new Set(['ocr', 'rotated', 'blank', 'tiled']);

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[*_`#>|\\[\]()-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Pairs the rendered Markdown's top-level elements with the page's blocks, in order, by their opening text. */
function linkBlocks(container: HTMLElement, page: Page): void {
  const blocks = page.blocks.map((b) => norm(b.text));
  let next = 0;
  for (const el of Array.from(container.children) as HTMLElement[]) {
    const text = norm(el.textContent ?? '');
    if (!text) continue;
    const head = text.slice(0, 24);
    for (let j = next; j < blocks.length; j++) {
      const b = blocks[j]!;
      if (b && (b.startsWith(head) || text.startsWith(b.slice(0, 24)))) {
        el.dataset.block = String(j);
        next = j + 1;
        break;
      }
    }
  }
}

function renderMarkdown(md: string): string {
  // Note: the Markdown may hold HTML tables (spans a pipe table cannot say); DOMPurify keeps them and drops scripts.
  return DOMPurify.sanitize(marked.parse(md, { async: false, gfm: true }) as string, { USE_PROFILES: { html: true } });
}

async function download(api: Api, path: string, name: string): Promise<void> {
  const url = await api.objectUrl(path);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function PageImage({ api, id, page, lit, setLit, quoteBlock }: { api: Api; id: string; page: Page; lit?: number; setLit: (i?: number) => void; quoteBlock?: number }) {
  const [src, setSrc] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let url: string | undefined;
    let gone = false;
    setSrc(undefined);
    setError(undefined);
    api.objectUrl(`/v1/jobs/${encodeURIComponent(id)}/pages/${page.index + 1}/image`).then(
      (u) => {
        if (gone) URL.revokeObjectURL(u);
        else setSrc((url = u));
      },
      (err) => setError(err instanceof ApiError ? err.message : String(err)),
    );
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, id, page.index]);
  const { width, height } = page.dimensions;
  return (
    <figure class="page-image">
      {error ? (
        <p class="no-image">No image of this page: {error}</p>
      ) : (
        <div class="image-frame" style={{ aspectRatio: `${width} / ${height}` }}>
          {src && <img src={src} alt={`Page ${page.index + 1}`} />}
          {page.blocks.map((b, i) =>
            b.bbox ? (
              <div
                key={i}
                class={`box ${b.type}${lit === i ? ' lit' : ''}${quoteBlock === i ? ' quoted' : ''}`}
                data-block={i}
                tabIndex={0}
                role="button"
                aria-label={`Block ${i + 1}: ${b.type}`}
                style={{ left: `${(b.bbox[0] / width) * 100}%`, top: `${(b.bbox[1] / height) * 100}%`, width: `${((b.bbox[2] - b.bbox[0]) / width) * 100}%`, height: `${((b.bbox[3] - b.bbox[1]) / height) * 100}%` }}
                onMouseEnter={() => setLit(i)}
                onMouseLeave={() => setLit(undefined)}
                onFocus={() => setLit(i)}
                onBlur={() => setLit(undefined)}
              />
            ) : null,
          )}
        </div>
      )}
      <figcaption>
        Page {page.index + 1}
        {page.label ? ` (printed ${page.label})` : ''}
        {(page.flags ?? []).map((f) => (
          <span key={f} class={`badge${BENIGN_FLAGS.has(f) ? '' : ' warn'}`}>{f}</span>
        ))}
        {page.confidence !== undefined && <span class="confidence">confidence {page.confidence}</span>}
      </figcaption>
    </figure>
  );
}

function PageText({ page, raw, lit, setLit, quote }: { page: Page; raw: boolean; lit?: number; setLit: (i?: number) => void; quote?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (raw || !ref.current) return;
    linkBlocks(ref.current, page);
  }, [page, raw]);
  useEffect(() => {
    const root = ref.current;
    if (!root || raw) return;
    for (const el of Array.from(root.querySelectorAll('.lit'))) el.classList.remove('lit');
    if (lit !== undefined) root.querySelector(`[data-block="${lit}"]`)?.classList.add('lit');
  }, [lit, page, raw]);
  useEffect(() => {
    const root = ref.current;
    if (!root || raw || !quote) return;
    const want = norm(quote).slice(0, 60);
    const el = (Array.from(root.children) as HTMLElement[]).find((c) => norm(c.textContent ?? '').includes(want));
    if (el) {
      el.classList.add('quoted');
      el.scrollIntoView({ block: 'center' });
    }
  }, [quote, page, raw]);
  if (page.error && !page.markdown) return <p class="error">This page failed: {page.error.code} — {page.error.message}</p>;
  if (raw) return <pre class="raw" aria-label="Page Markdown source">{page.markdown}</pre>;
  return (
    <div
      ref={ref}
      class="markdown"
      aria-label="Page text"
      dangerouslySetInnerHTML={{ __html: renderMarkdown(page.markdown) }}
      onMouseOver={(e) => {
        const el = (e.target as HTMLElement).closest<HTMLElement>('[data-block]');
        setLit(el ? Number(el.dataset.block) : undefined);
      }}
      onMouseLeave={() => setLit(undefined)}
    />
  );
}

function AskForm({ api, id, name }: { api: Api; id: string; name: string }) {
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState<Answer>();
  const [status, setStatus] = useState<string>();
  const ask = async (e: Event) => {
    e.preventDefault();
    if (!question.trim()) return;
    setStatus('Asking…');
    setAnswer(undefined);
    try {
      setAnswer(await api.ask(id, question));
      setStatus(undefined);
    } catch (err) {
      setStatus(err instanceof ApiError ? `${err.code}: ${err.message}` : String(err));
    }
  };
  return (
    <section class="ask" aria-label={`Ask about ${name}`}>
      <form onSubmit={ask}>
        <label for="question">Question</label>
        <input id="question" type="text" value={question} onInput={(e) => setQuestion((e.target as HTMLInputElement).value)} />
        <button type="submit">Ask</button>
      </form>
      {status && <p role="status">{status}</p>}
      {answer && (
        <div class="answer" role="region" aria-label="Answer">
          <p>{answer.answer}</p>
          {answer.note && <p class="note">{answer.note}</p>}
          <ul class="citations">
            {answer.citations.map((c, i) => (
              <li key={i}>
                <a href={documentHref(id, c.page, { quote: c.quote })}>
                  page {c.page}: “{c.quote.length > 120 ? `${c.quote.slice(0, 120)}…` : c.quote}”
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

export function DocumentView(props: { api: Api; config: UiConfig; id: string; page: number; quote?: string; review: boolean }) {
  const { api, config, id, quote, review } = props;
  const [doc, setDoc] = useState<DocumentResult>();
  const [name, setName] = useState(id);
  const [error, setError] = useState<string>();
  const [raw, setRaw] = useState(false);
  const [lit, setLit] = useState<number>();

  useEffect(() => {
    setDoc(undefined);
    setError(undefined);
    api.result(id).then(setDoc, (err) => setError(err instanceof ApiError ? `${err.code}: ${err.message}` : String(err)));
    api.job(id).then((j) => setName(j.filename ?? id), () => {});
  }, [api, id]);

  const toReview = doc ? doc.pages.filter(needsReview).map((p) => p.index + 1) : [];
  const numbers = doc ? doc.pages.map((p) => p.index + 1) : [];
  const steps = review ? toReview : numbers;
  // Note: in review mode the current page may be one without flags (opened from a link); step from its position.
  const prev = [...steps].reverse().find((n) => n < props.page);
  const next = steps.find((n) => n > props.page);
  const go = (n: number | undefined, extra: { review?: boolean } = {}) => {
    if (n !== undefined) location.hash = documentHref(id, n, { review: extra.review ?? review });
  };

  useEffect(() => {
    if (review && doc && toReview.length && !toReview.includes(props.page)) go(toReview.find((n) => n >= props.page) ?? toReview[0]);
  }, [review, doc]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select')) return;
      if (e.key === 'ArrowLeft') go(prev);
      if (e.key === 'ArrowRight') go(next);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });

  if (error) return <main class="document"><p role="alert" class="error">{error}</p><a href="#/">Back to the documents</a></main>;
  if (!doc) return <main class="document"><p class="loading">Loading…</p></main>;
  const page = doc.pages.find((p) => p.index === props.page - 1) ?? doc.pages[0];
  if (!page) return <main class="document"><p>This document has no pages.</p></main>;
  const quoteBlock = quote ? page.blocks.findIndex((b) => norm(b.text).includes(norm(quote).slice(0, 60))) : -1;

  return (
    <main class="document">
      <nav class="doc-nav" aria-label="Pages">
        <a href="#/">Documents</a>
        <h1>{name}</h1>
        <button type="button" onClick={() => go(prev)} disabled={prev === undefined}>
          Previous page
        </button>
        <label>
          Page{' '}
          <select value={String(page.index + 1)} onChange={(e) => go(Number((e.target as HTMLSelectElement).value))} aria-label="Page">
            {steps.concat(steps.includes(page.index + 1) ? [] : [page.index + 1]).sort((a, b) => a - b).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>{' '}
          of {doc.pages.length}
        </label>
        <button type="button" onClick={() => go(next)} disabled={next === undefined}>
          Next page
        </button>
        <label class="toggle">
          <input type="checkbox" checked={review} onChange={(e) => go(page.index + 1, { review: (e.target as HTMLInputElement).checked })} />
          Pages to review ({toReview.length})
        </label>
        <label class="toggle">
          <input type="checkbox" checked={raw} onChange={(e) => setRaw((e.target as HTMLInputElement).checked)} />
          Raw Markdown
        </label>
        <button type="button" onClick={() => void download(api, `/v1/jobs/${encodeURIComponent(id)}/result.md`, `${name.replace(/\.[^.]+$/, '')}.md`)}>
          Download .md
        </button>
        <button type="button" onClick={() => void download(api, `/v1/jobs/${encodeURIComponent(id)}/result`, `${name.replace(/\.[^.]+$/, '')}.json`)}>
          Download .json
        </button>
      </nav>
      {doc.degraded && <p class="badge warn">Degraded: {doc.degraded.reason}</p>}
      <div class="page-pair">
        <PageImage api={api} id={id} page={page} lit={lit} setLit={setLit} {...(quoteBlock >= 0 ? { quoteBlock } : {})} />
        <PageText page={page} raw={raw} lit={lit} setLit={setLit} {...(quote ? { quote } : {})} />
      </div>
      {config.features.ask && <AskForm api={api} id={id} name={name} />}
    </main>
  );
}
