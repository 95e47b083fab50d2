import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { DocmillError, reviewPages, sha256, toDocmillError, type DocumentResult } from '@docmill/core';
import { PassageIndex, askDocument, checkQuestion } from '@docmill/ask';
import { registerUi } from '@docmill/ui';

/** One converted document found under the folder (X.json beside X.md). */
interface Entry {
  id: string;
  json: string;
  markdown: string;
  pagesDir: string;
  mtime: Date;
}

async function findOutputs(root: string, dir = root, out: Entry[] = []): Promise<Entry[]> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && !e.name.endsWith('.pages')) await findOutputs(root, p, out);
    } else if (e.name.endsWith('.json')) {
      const stem = p.slice(0, -'.json'.length);
      const md = `${stem}.md`;
      const s = await stat(md).catch(() => undefined);
      if (!s) continue;
      out.push({ id: relative(root, stem), json: p, markdown: md, pagesDir: `${stem}.pages`, mtime: (await stat(p)).mtime });
    }
  }
  return out;
}

/** An X.json as convert wrote it: a document, or a failed input's coded error. */
type StoredOutput = Partial<DocumentResult> & { error?: { code: string; message: string } };

function notFound(what: string): DocmillError {
  return new DocmillError('JOB_NOT_FOUND', `${what} is not in this folder.`);
}

/**
 * The review app over a folder of `docmill convert` outputs, for people who use
 * the CLI: the same browser app as `docmill serve`, without keys, reading X.json,
 * X.md and X.pages/ (or drawing a page from the original input, when X.json's
 * source path still holds the same bytes). Serves the API routes the app uses,
 * read-only: the documents, their pages and images, search and extractive
 * questions (no model is called).
 * @param root the output folder (as given to `docmill convert -o`)
 * @param opts.maxQuestionChars the question length limit (the command's DOCMILL_MAX_QUESTION_CHARS; default 20000)
 * Does not listen: the caller binds it (to 127.0.0.1 only).
 */
export async function buildViewApp(root: string, opts: { maxQuestionChars?: number } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const docs = new Map<string, Entry>();
  /** Each X.json parsed once per version (its mtime), with its passage index once searched. */
  const parsed = new Map<string, { mtimeMs: number; doc: StoredOutput; index?: PassageIndex }>();
  const refresh = async () => {
    docs.clear();
    for (const e of await findOutputs(root)) docs.set(e.id, e);
  };
  const entry = async (id: string) => {
    if (!docs.has(id)) await refresh();
    const e = docs.get(id);
    if (!e) throw notFound(`Document ${id}`);
    return e;
  };
  const read = async (e: Entry) => {
    let got = parsed.get(e.id);
    if (!got || got.mtimeMs !== e.mtime.getTime()) {
      got = { mtimeMs: e.mtime.getTime(), doc: JSON.parse(await readFile(e.json, 'utf8')) as StoredOutput };
      parsed.set(e.id, got);
    }
    return got;
  };
  const load = async (id: string): Promise<DocumentResult> => {
    const { doc } = await read(await entry(id));
    if (!Array.isArray(doc.pages)) throw new DocmillError('JOB_FAILED', `${id} did not convert: ${JSON.stringify(doc.error ?? 'no pages')}.`);
    return doc as DocumentResult;
  };
  const passages = async (id: string): Promise<PassageIndex> => {
    const doc = await load(id);
    const got = parsed.get(id)!;
    got.index ??= new PassageIndex(doc);
    return got.index;
  };
  const record = async (e: Entry) => {
    const { doc } = await read(e);
    const pages = doc.pages?.length ?? 0;
    const failed = (doc.pages ?? []).filter((p) => p.error).map((p) => p.index);
    const review = reviewPages(doc.pages ?? []);
    return {
      id: e.id,
      status: doc.pages ? 'succeeded' : 'failed',
      createdAt: e.mtime.toISOString(),
      filename: doc.source?.path ? basename(doc.source.path) : basename(e.id),
      progress: { pagesDone: pages, pagesTotal: pages },
      ...(doc.usage ? { usage: doc.usage } : {}),
      failedPages: failed,
      reviewPages: review,
      ...(doc.degraded ? { degraded: doc.degraded } : {}),
      ...(doc.error ? { error: doc.error } : {}),
    };
  };

  app.setErrorHandler((err, _req, reply) => {
    const e = toDocmillError(err);
    void reply.status(e.status).send({ error: { code: e.code, message: e.message } });
  });
  await registerUi(app, { mode: 'local', title: `docmill view · ${basename(root)}`, features: { upload: false, cancel: false, search: true, ask: true }, options: [] });
  app.get('/', async (_req, reply) => reply.redirect('/ui/'));

  app.get('/v1/jobs', async () => {
    await refresh();
    const list = await Promise.all([...docs.values()].map(record));
    return { jobs: list.sort((a, b) => a.id.localeCompare(b.id)) };
  });
  app.get<{ Params: { id: string } }>('/v1/jobs/:id', async (req) => record(await entry(req.params.id)));
  app.get<{ Params: { id: string } }>('/v1/jobs/:id/result', async (req) => load(req.params.id));
  app.get<{ Params: { id: string } }>('/v1/jobs/:id/result.md', async (req, reply) => reply.type('text/markdown; charset=utf-8').send(await readFile((await entry(req.params.id)).markdown)));
  app.get<{ Params: { id: string; n: string } }>('/v1/jobs/:id/pages/:n/image', async (req, reply) => {
    const e = await entry(req.params.id);
    const n = Number(req.params.n);
    const doc = await load(req.params.id);
    if (!Number.isInteger(n) || !doc.pages.some((p) => p.index === n - 1)) throw notFound(`Page ${req.params.n} of ${e.id}`);
    let png = await readFile(join(e.pagesDir, `${String(n).padStart(4, '0')}.png`)).catch(() => undefined);
    if (!png) {
      // Note: the original is drawn only when it is still the very file that was converted.
      const input = doc.source.path ? await readFile(doc.source.path).catch(() => undefined) : undefined;
      if (!input || sha256(input) !== doc.source.sha256) throw notFound(`An image of page ${n} of ${e.id} (convert with --images, or keep the input at ${doc.source.path ?? '?'})`);
      const { renderPage } = await import('@docmill/pipeline');
      png = (await renderPage(new Uint8Array(input), n - 1, { dpi: 110, format: 'png' })).data;
    }
    return reply.type('image/png').header('cache-control', 'private, max-age=60').send(png);
  });
  app.get<{ Querystring: { q?: string; limit?: string } }>('/v1/search', async (req) => {
    const q = (req.query.q ?? '').trim();
    if (!q) throw new DocmillError('USAGE_BAD_ARGUMENT', 'Give a query: ?q=…');
    await refresh();
    const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    const hits = [];
    for (const id of docs.keys()) {
      const index = await passages(id).catch(() => undefined);
      if (!index) continue;
      for (const hit of index.search(q, 5)) {
        const text = hit.passage.text.replace(/\s+/g, ' ');
        const lower = text.toLowerCase();
        const first = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), text.length);
        const start = Math.max(0, first - 80);
        const snippet = text.slice(start, start + 240);
        const highlights: Array<[number, number]> = [];
        const sl = snippet.toLowerCase();
        for (const t of terms) for (let i = sl.indexOf(t); i >= 0; i = sl.indexOf(t, i + t.length)) highlights.push([i, i + t.length]);
        highlights.sort((a, b) => a[0] - b[0]);
        hits.push({ jobId: id, page: hit.passage.page, chunkId: `${id}#${hit.passage.id}`, snippet, highlights: highlights.filter((h, i) => i === 0 || h[0] >= highlights[i - 1]![1]), score: hit.score });
      }
    }
    return { hits: hits.sort((a, b) => b.score - a.score).slice(0, Math.min(Number(req.query.limit) || 20, 100)) };
  });
  app.post<{ Params: { id: string }; Body: { question?: unknown } }>('/v1/jobs/:id/questions', async (req) => {
    const question = checkQuestion(typeof req.body?.question === 'string' ? req.body.question : '', opts.maxQuestionChars);
    return askDocument(await load(req.params.id), question, { engine: 'local' });
  });
  return app;
}
