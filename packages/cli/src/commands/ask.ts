/**
 * `docmill ask <file.pdf | converted.json | job-id> "question"`: a question over
 * one document, answered with checked page citations. A PDF (or page image) is
 * converted in-process first, unless its X.json from an earlier run is there
 * for the same bytes: several questions on one document convert it once.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DocmillError, loadConfig, sha256, toDocmillError, type Config, type DocumentResult } from '@docmill/core';
// Note: @docmill/ask and @docmill/store (the S3 client) load when a question is asked, not with every
// docmill command (~0.3 s of CPU at each start of `docmill convert`).
import type { Answer, AskEngine, PageImage, PageImageProvider } from '@docmill/ask';
import { closeCachedSources, convertDocument, preparePage } from '@docmill/pipeline';
import { writeResult } from '../outputs.js';

export interface AskCliOptions {
  engine: AskEngine;
  json?: boolean;
  output?: string;
  model?: string;
  password?: string;
  contextTokens?: number;
}

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
};

/** Adds the `ask` command to the program. */
export function registerAsk(program: Command): void {
  program
    .command('ask')
    .summary('ask a question about a document; the answer cites its pages')
    .description(
      'Answer a question over a whole document, with citations (page + exact quote) checked against the pages.\n' +
        'The source is a PDF or page image (converted first, or its X.json reused when the bytes are the same),\n' +
        'a converted X.json, or the id of a job in the store (DOCMILL_STORE).',
    )
    .argument('<source>', 'file.pdf, an image, converted.json, or a job id')
    .argument('<question>', 'the question (quote it)')
    .addOption(new Option('--engine <name>', 'local (no model: best passages, extractive), openai (OpenAI-compatible server, e.g. vLLM), mistral (Mistral API)').choices(['local', 'openai', 'mistral']).default('local'))
    .option('--json', 'print the answer as JSON {answer, citations, mode, usage, note}')
    .option('-o, --output <dir>', 'where the converted X.json/X.md of a PDF is kept (default: next to the PDF)')
    .option('--model <name>', 'model name (default DOCMILL_MODEL or DOCMILL_MISTRAL_MODEL)')
    .option('--password <password>', 'user password for an encrypted PDF')
    .option('--context-tokens <n>', 'the model context window (default DOCMILL_CONTEXT_TOKENS, 131072)', positiveInt)
    .addHelpText(
      'after',
      `
Exit status: 0 answered, 1 failed (coded error on stderr), 2 bad usage.

Examples:
  docmill ask report.pdf "What was the revenue in 2024?"
  docmill ask out/report.json "Which figure shows the latency?" --engine openai --json
  DOCMILL_STORE=/var/docmill docmill ask 3f9c0d1e-... "Who signed the contract?" --engine mistral`,
    )
    .action(async (source: string, question: string, opts: AskCliOptions, cmd: Command) => {
      try {
        const answer = await runAsk(source, question, opts);
        process.stdout.write(opts.json ? `${JSON.stringify(answer, null, 2)}\n` : formatAnswer(answer));
        cmd.setOptionValue('_exitCode', 0);
      } catch (e) {
        const err = toDocmillError(e);
        if (opts.json) process.stdout.write(`${JSON.stringify({ error: err.toJSON() }, null, 2)}\n`);
        process.stderr.write(`docmill ask: ${err.code}: ${err.message}\n`);
        cmd.setOptionValue('_exitCode', err.status === 400 || err.status === 413 ? 2 : 1);
      } finally {
        await closeCachedSources();
      }
    });
}

/**
 * Loads (or converts) the source and asks the question.
 * @param source a PDF/image path, a converted .json, or a job id
 * @param question the question
 * @param opts engine, model, output directory for the conversion cache
 */
export async function runAsk(source: string, question: string, opts: AskCliOptions): Promise<Answer> {
  const config = loadConfig();
  const { doc, pageImage } = await loadSource(source, opts, config);
  const { askDocument } = await import('@docmill/ask');
  return askDocument(doc, question, {
    engine: opts.engine,
    config,
    ...(opts.model ? { model: opts.model } : {}),
    ...(opts.contextTokens ? { contextTokens: opts.contextTokens } : {}),
    ...(pageImage ? { pageImage } : {}),
  });
}

/** The answer for a terminal: the text, the citations, the note, and how it was made. */
export function formatAnswer(a: Answer): string {
  const lines = [a.answer.trim(), ''];
  if (a.citations.length > 0) {
    lines.push('Citations:');
    for (const c of a.citations) lines.push(`  [p. ${c.page}] "${c.quote}"`);
    lines.push('');
  }
  if (a.note) lines.push(`Note: ${a.note}`, '');
  const how =
    a.mode === 'extractive'
      ? 'extractive (no model)'
      : `${a.mode}, ${a.usage.pagesInContext} of ${a.usage.pageCount} pages in context, ${a.usage.promptTokens} prompt + ${a.usage.completionTokens} answer tokens${a.usage.images ? `, ${a.usage.images} page images` : ''}`;
  lines.push(`(${how})`);
  return `${lines.join('\n')}\n`;
}

async function loadSource(source: string, opts: AskCliOptions, config: Config): Promise<{ doc: DocumentResult; pageImage?: PageImageProvider }> {
  const isFile = await stat(source).then((s) => s.isFile(), () => false);
  if (isFile && extname(source).toLowerCase() === '.json') return readConverted(source);
  if (isFile) return convertCached(source, opts, config);
  if (/^[A-Za-z0-9_-]{1,128}$/.test(source) && !/\.(pdf|json|png|jpe?g|tiff?|webp)$/i.test(source)) return readJob(source, config);
  throw new DocmillError('INPUT_NOT_FOUND', `${source} is neither a file nor a job id.`);
}

async function readConverted(path: string): Promise<{ doc: DocumentResult; pageImage?: PageImageProvider }> {
  const doc = parseResult(await readFile(path, 'utf8'), path);
  const imagesDir = join(dirname(path), `${basename(path, extname(path))}.pages`);
  return { doc, pageImage: async (index) => pngFile(join(imagesDir, `${String(index + 1).padStart(4, '0')}.png`)) };
}

/**
 * Converts a PDF or image, or reuses its X.json when that was made from the same bytes.
 * Note: reuse keys on the input's sha256 only (not on the conversion options):
 * a question needs a conversion of these bytes, not a particular one.
 */
async function convertCached(path: string, opts: AskCliOptions, config: Config): Promise<{ doc: DocumentResult; pageImage?: PageImageProvider }> {
  const bytes = new Uint8Array(await readFile(path));
  const digest = sha256(bytes);
  const stem = basename(path, extname(path));
  const jsonPath = join(opts.output ?? dirname(path), `${stem}.json`);
  const pageImage: PageImageProvider = async (index, want) => {
    const prepared = await preparePage(bytes, index, { longestSide: want.longestSide, ...(opts.password !== undefined ? { password: opts.password } : {}) });
    const image = prepared.image;
    // preparePage encodes PNG or JPEG for the vision model; raw pixels never reach here.
    return image && image.mime !== 'application/octet-stream' ? { data: image.data, width: image.width, height: image.height, mime: image.mime } : undefined;
  };
  const cached = await readFile(jsonPath, 'utf8').then((t) => parseResult(t, jsonPath), () => undefined);
  if (cached && cached.source.sha256 === digest) return { doc: cached, pageImage };
  const doc = await convertDocument(bytes, { path, config, ...(opts.password !== undefined ? { password: opts.password } : {}) });
  // Note: the same files, written the same way, as `docmill convert` (X.md, then X.json).
  await writeResult({ markdown: join(dirname(jsonPath), `${stem}.md`), json: jsonPath }, doc);
  return { doc, pageImage };
}

async function readJob(jobId: string, config: Config): Promise<{ doc: DocumentResult; pageImage?: PageImageProvider }> {
  const { jobKeys, storeFromConfig } = await import('@docmill/store');
  const store = storeFromConfig(config);
  const keys = jobKeys(jobId);
  const raw = await store.get(keys.json);
  if (!raw) throw new DocmillError('JOB_NOT_FOUND', `No finished result for job ${jobId} in ${store.description}.`);
  const doc = parseResult(raw.toString('utf8'), keys.json);
  return {
    doc,
    pageImage: async (index) => {
      const data = await store.get(keys.pageImage(index));
      return data ? pngImage(data) : undefined;
    },
  };
}

function parseResult(text: string, where: string): DocumentResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DocmillError('USAGE_BAD_ARGUMENT', `${where} is not JSON.`, { cause: e });
  }
  const v = value as Partial<DocumentResult> & { error?: unknown };
  if (v.error || !Array.isArray(v.pages) || !v.source) throw new DocmillError('ASK_NOT_CONVERTED', `${where} is not a finished docmill result.`);
  return v as DocumentResult;
}

async function pngFile(path: string): Promise<PageImage | undefined> {
  const data = await readFile(path).catch(() => undefined);
  return data ? pngImage(data) : undefined;
}

/** A PNG's size from its IHDR chunk (bytes 16–23); undefined for anything else. */
function pngImage(data: Buffer): PageImage | undefined {
  if (data.length < 24 || data.readUInt32BE(0) !== 0x89504e47 || data.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { data, width: data.readUInt32BE(16), height: data.readUInt32BE(20), mime: 'image/png' };
}
