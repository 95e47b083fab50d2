import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { Command, Option, InvalidArgumentError } from 'commander';
import { DOCMILL_VERSION, DocmillError, Semaphore, loadConfig, sha256, toDocmillError, writeFileAtomic, type DocumentResult, type VisionEngine } from '@docmill/core';
import { PagePool, convertDocument, optionsHash, type ConvertOptions } from '@docmill/pipeline';
import { expandInputs } from '../inputs.js';
import { isUpToDate, outputPaths, writeFailure, writeResult } from '../outputs.js';
import { Progress, formatSeconds } from '../progress.js';

export interface ConvertCliOptions {
  output: string;
  pages?: string;
  concurrency?: number;
  images?: boolean;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
  password?: string;
  ocr: 'auto' | 'always' | 'never';
  lang?: string;
  engine: 'local' | 'openai' | 'mistral';
  pageTimeout?: number;
}

export interface ConvertSummary {
  converted: number;
  skipped: number;
  failed: number;
  pages: number;
  pagesFlagged: number;
  seconds: number;
  /** Peak resident memory of the process (all threads), MB. */
  maxRssMb: number;
  documents: Array<{ input: string; status: 'converted' | 'skipped' | 'failed'; pages?: number; seconds?: number; markdown?: string; json?: string; error?: { code: string; message: string }; degraded?: boolean; flaggedPages?: number[] }>;
}

const languages = (v: string): string => {
  if (!/^(script\/)?[A-Za-z][A-Za-z_]{1,30}(\+(script\/)?[A-Za-z][A-Za-z_]{1,30})*$/.test(v)) throw new InvalidArgumentError('expected tesseract language codes joined by +, e.g. "deu" or "deu+fra"');
  return v;
};

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
};

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .summary('convert PDFs and page images to Markdown + JSON')
    .description(
      'Convert PDFs (born-digital or scanned) and page images (PNG, JPEG, TIFF, WebP) to Markdown (X.md) and per-page JSON (X.json).\n' +
        'Directories are walked recursively and mirrored under the output directory. A second run skips inputs whose\n' +
        'outputs are up to date (same bytes, same options, same docmill version), so interrupted bulk runs resume.',
    )
    .argument('<inputs...>', 'files, directories or quoted globs ("scans/**/*.pdf")')
    .requiredOption('-o, --output <dir>', 'output directory')
    .option('-p, --pages <ranges>', 'pages to convert, 1-based: "1-3,7", "5-"')
    .option('-c, --concurrency <n>', 'worker threads for pages (default: CPU cores, or DOCMILL_CONCURRENCY)', positiveInt)
    .option('--images', 'save rendered pages as PNG in X.pages/ next to the output')
    .option('-f, --force', 'reconvert even when the output is up to date')
    .option('-q, --quiet', 'print nothing but failures')
    .option('--json', 'print a machine-readable summary on stdout')
    .option('--password <password>', 'user password for encrypted PDFs')
    .addOption(new Option('--ocr <mode>', 'when to OCR a page: auto (no trustworthy text layer), always, never').choices(['auto', 'always', 'never']).default('auto'))
    .option('--lang <codes>', 'OCR languages, tesseract codes joined by +: "deu", "deu+fra", "eng" (default DOCMILL_LANG, else English and accented Latin, decided per page); German reads Antiqua and Fraktur', languages)
    .addOption(new Option('--engine <name>', 'page engine: local (CPU, embedded), openai (OpenAI-compatible server, e.g. vLLM), mistral (Mistral API)').choices(['local', 'openai', 'mistral']).default('local'))
    .option('--page-timeout <ms>', 'time limit per page in milliseconds (default DOCMILL_PAGE_TIMEOUT_MS, 120000)', positiveInt)
    .addHelpText(
      'after',
      `
Outputs, for each input X:
  X.md     the document's Markdown, with <!-- page N --> anchors
  X.json   { source: {path, sha256, pages}, pages: [{ index, markdown, blocks: [{type, text, bbox}], dimensions, flags }], usage }

Exit status: 0 all converted (or up to date), 1 some inputs failed (the others are still written), 2 bad usage.

Examples:
  docmill convert examples -o out
  docmill convert report.pdf --pages 1-3,7 -o out --json
  docmill convert "archive/**/*.pdf" -o converted -c 2 --quiet
  DOCMILL_OPENAI_BASE_URL=http://gpu:8000/v1 docmill convert scans/ -o out --engine openai`,
    )
    .action(async (inputs: string[], opts: ConvertCliOptions, cmd: Command) => {
      const summary = await runConvert(inputs, opts);
      cmd.setOptionValue('_exitCode', summary.failed > 0 ? 1 : 0);
    });
}

/**
 * The convert command's work: expand inputs, skip what is up to date, convert the
 * rest with a shared page pool (several documents at once), write outputs, report.
 */
export async function runConvert(inputs: string[], opts: ConvertCliOptions): Promise<ConvertSummary> {
  const config = loadConfig();
  const convertOpts: ConvertOptions = {
    ...(opts.pages ? { pages: opts.pages } : {}),
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    ocr: opts.ocr,
    ...((opts.lang ?? config.DOCMILL_LANG) ? { lang: opts.lang ?? config.DOCMILL_LANG } : {}),
    engine: opts.engine,
    ...(opts.images ? { keepImages: true } : {}),
    ...(opts.pageTimeout ? { pageTimeoutMs: opts.pageTimeout } : {}),
  };
  const fingerprint = optionsHash(convertOpts);
  const { files, missing } = await expandInputs(inputs);
  const progress = new Progress(files.length + missing.length, { quiet: !!opts.quiet });
  const summary: ConvertSummary = { converted: 0, skipped: 0, failed: 0, pages: 0, pagesFlagged: 0, seconds: 0, maxRssMb: 0, documents: [] };
  const show = (p: string) => relative(process.cwd(), p) || p;

  for (const m of missing) {
    const error = new DocmillError('INPUT_NOT_FOUND', `No such file, directory or match: ${m}.`).toJSON();
    summary.failed++;
    summary.documents.push({ input: m, status: 'failed', error });
    progress.state.docsDone++;
    progress.line(`failed    ${m}: ${error.code} ${error.message}`, true);
  }

  let vision: VisionEngine | undefined;
  if (opts.engine !== 'local') {
    const { engineFromConfig } = await import('@docmill/vision');
    vision = engineFromConfig(config, opts.engine);
  }
  const pool = new PagePool({ size: opts.concurrency ?? config.DOCMILL_CONCURRENCY });
  // Note: several documents at once keep every thread busy on folders of one-page files.
  const docs = new Semaphore(pool.size);
  try {
    await Promise.all(files.map((file) => docs.run(async () => {
      const paths = outputPaths(opts.output, file.stem);
      const started = performance.now();
      let digest: string | undefined;
      progress.state.current = show(file.path);
      try {
        const bytes = new Uint8Array(await readFile(file.path).catch((e) => {
          throw new DocmillError('INPUT_NOT_FOUND', `${show(file.path)} cannot be read (${(e as NodeJS.ErrnoException).code ?? e}).`);
        }));
        digest = sha256(bytes);
        if (!opts.force && (await isUpToDate(paths, digest, fingerprint, DOCMILL_VERSION))) {
          summary.skipped++;
          summary.documents.push({ input: file.path, status: 'skipped', markdown: paths.markdown, json: paths.json });
          progress.state.docsDone++;
          progress.line(`skipped   ${show(file.path)} (up to date)`);
          return;
        }
        let known = 0;
        const result: DocumentResult = await convertDocument(bytes, { ...convertOpts, path: file.path, pool, ...(vision ? { vision } : {}) }, {
          onIngest: (info) => {
            known = info.selected.length;
            progress.state.pagesKnown += known;
            progress.state.docsWithKnownPages++;
            progress.update();
          },
          onPage: (draft, _done, _total, image) => {
            progress.state.pagesDone++;
            progress.update();
            if (image) void writeFileAtomic(`${paths.imagesDir}/${String(draft.index + 1).padStart(4, '0')}.png`, image);
          },
        });
        await writeResult(paths, result);
        const flagged = result.pages.filter((p) => p.error || p.fallback).map((p) => p.index + 1);
        summary.converted++;
        summary.pages += result.pages.length;
        summary.pagesFlagged += flagged.length;
        const seconds = (performance.now() - started) / 1000;
        summary.documents.push({ input: file.path, status: 'converted', pages: result.pages.length, seconds: round(seconds), markdown: paths.markdown, json: paths.json, ...(result.degraded ? { degraded: true } : {}), ...(flagged.length ? { flaggedPages: flagged } : {}) });
        const note = flagged.length ? `, ${flagged.length} page(s) flagged: ${flagged.slice(0, 10).join(',')}${flagged.length > 10 ? '…' : ''}` : '';
        progress.state.docsDone++;
        progress.line(`converted ${show(file.path)} (${result.pages.length} pages, ${formatSeconds(seconds)}${note})`);
      } catch (e) {
        const err = toDocmillError(e);
        summary.failed++;
        summary.documents.push({ input: file.path, status: 'failed', error: { code: err.code, message: err.message } });
        await writeFailure(paths, file.path, digest, { code: err.code, message: err.message }).catch(() => {});
        progress.state.docsDone++;
        progress.line(`failed    ${show(file.path)}: ${err.code} ${err.message}`, true);
      }
    })));
  } finally {
    await pool.close();
    await vision?.close?.();
    progress.done();
  }
  summary.seconds = round(progress.seconds);
  summary.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else if (!opts.quiet || summary.failed) {
    const rate = summary.pages / Math.max(summary.seconds, 1e-3);
    process.stderr.write(`${summary.converted} converted, ${summary.skipped} skipped (up to date), ${summary.failed} failed · ${summary.pages} pages in ${formatSeconds(summary.seconds)} (${rate.toFixed(1)} pages/s)${summary.pagesFlagged ? ` · ${summary.pagesFlagged} pages flagged` : ''}\n`);
    for (const d of summary.documents.filter((x) => x.status === 'failed')) process.stderr.write(`  ${d.input}: ${d.error?.code}\n`);
  }
  return summary;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
