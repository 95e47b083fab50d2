import { stat } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import { DOCMILL_VERSION, DocmillError, Semaphore, loadConfig, optionsHash, toDocmillError, writeFileAtomic, type VisionEngine } from '@docmill/core';
import { PagePool, convertDocumentTo, type ConvertOptions, type StreamedDocument } from '@docmill/pipeline';
import { expandInputs, hashFile } from '../inputs.js';
import { ResultFileWriter, isUpToDate, outputPaths, writeFailure } from '../outputs.js';
import { Progress } from '../progress.js';
import { addDocumentOptions, documentOptionsFromCli, positiveInt } from '../options.js';
import { displayPath as show, exitCodeOf, newSummary, recordConverted, recordFailed, recordMissing, recordSkipped, reportSummary, type ConvertSummary } from '../summary.js';

export type { ConvertSummary } from '../summary.js';

/** The flags of `docmill convert`: its own, plus the document options (see addDocumentOptions). */
export interface ConvertCliOptions extends Record<string, unknown> {
  output: string;
  concurrency?: number;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}


export function registerConvert(program: Command): void {
  const command = program
    .command('convert')
    .summary('convert PDFs and page images to Markdown + JSON')
    .description(
      'Convert PDFs (born-digital or scanned) and page images (PNG, JPEG, TIFF, WebP) to Markdown (X.md) and per-page JSON (X.json).\n' +
        'Directories are walked recursively and mirrored under the output directory. A second run skips inputs whose\n' +
        'outputs are up to date (same bytes, same options, same docmill version), so interrupted bulk runs resume.',
    )
    .argument('<inputs...>', 'files, directories or quoted globs ("scans/**/*.pdf")')
    .requiredOption('-o, --output <dir>', 'output directory')
    .option('-c, --concurrency <n>', 'worker threads for pages (default: CPU cores, or DOCMILL_CONCURRENCY)', positiveInt)
    .option('-f, --force', 'reconvert even when the output is up to date')
    .option('-q, --quiet', 'print nothing but failures')
    .option('--json', 'print a machine-readable summary on stdout');
  addDocumentOptions(command)
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
      cmd.setOptionValue('_exitCode', exitCodeOf(summary));
    });
}

/**
 * The convert command's work: expand inputs, skip what is up to date, convert the
 * rest with a shared page pool (several documents at once), write outputs, report.
 */
export async function runConvert(inputs: string[], opts: ConvertCliOptions): Promise<ConvertSummary> {
  boundHeapGrowth();
  const config = loadConfig();
  const convertOpts: ConvertOptions = documentOptionsFromCli(opts);
  if (convertOpts.lang === undefined && config.DOCMILL_LANG) convertOpts.lang = config.DOCMILL_LANG;
  const fingerprint = optionsHash(convertOpts);
  const { files, missing } = await expandInputs(inputs);
  const progress = new Progress(files.length + missing.length, { quiet: !!opts.quiet });
  const summary: ConvertSummary = newSummary();
  recordMissing(summary, progress, missing);

  let vision: VisionEngine | undefined;
  if (convertOpts.engine && convertOpts.engine !== 'local') {
    const { engineFromConfig } = await import('@docmill/vision');
    vision = engineFromConfig(config, convertOpts.engine);
  }
  const maxBytes = convertOpts.maxBytes ?? config.DOCMILL_MAX_BYTES;
  const pool = new PagePool({ size: opts.concurrency ?? config.DOCMILL_CONCURRENCY, stealMin: 4 });
  // Note: several documents at once keep every thread busy on folders of one-page files; twice as many
  // as threads, so that a thread done with its document finds another no thread has opened (pool-pick.ts).
  const docs = new Semaphore(pool.size * 2);
  try {
    await Promise.all(files.map((file) => docs.run(async () => {
      const paths = outputPaths(opts.output, file.stem);
      const started = performance.now();
      let digest: string | undefined;
      progress.state.current = show(file.path);
      try {
        // Note: the size is checked before a byte is read, and the file is hashed as a stream; the page
        // threads then read it by ranges themselves, so the input is never whole in memory.
        const { size } = await stat(file.path).catch((e) => {
          throw new DocmillError('INPUT_NOT_FOUND', `${show(file.path)} cannot be read (${(e as NodeJS.ErrnoException).code ?? e}).`);
        });
        if (size > maxBytes) throw new DocmillError('INPUT_TOO_LARGE', `${show(file.path)} has ${size} bytes (limit ${maxBytes}, DOCMILL_MAX_BYTES).`);
        digest = await hashFile(file.path);
        if (!opts.force && (await isUpToDate(paths, digest, fingerprint, DOCMILL_VERSION))) {
          recordSkipped(summary, progress, file.path, paths);
          return;
        }
        let known = 0;
        // Note: pages are spooled and the outputs written page by page: memory does not grow with the document.
        const writer = await ResultFileWriter.open(paths);
        let result: StreamedDocument;
        try {
          result = await convertDocumentTo({ path: file.path }, { ...convertOpts, path: file.path, pool, config, ...(vision ? { vision } : {}) }, {
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
          }, writer);
          await writer.commit(result.head);
        } finally {
          await writer.discard();
        }
        recordConverted(summary, progress, file.path, { pages: result.pages, ...(result.head.degraded ? { degraded: result.head.degraded } : {}) }, (performance.now() - started) / 1000, paths);
      } catch (e) {
        const err = toDocmillError(e);
        await writeFailure(paths, file.path, digest, { code: err.code, message: err.message }).catch(() => {});
        recordFailed(summary, progress, file.path, { code: err.code, message: err.message });
      }
    })));
  } finally {
    await pool.close();
    await vision?.close?.();
    progress.done();
  }
  reportSummary(summary, progress, opts);
  return summary;
}

/** How far V8 lets a heap grow past what its last full collection kept, in percent (V8 picks up to 300). */
const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds how much garbage the process's heaps (this thread's and the page threads', made after this) may
 * pile up before a full collection.
 * Note: on a 2,016-page document the document-wide pass keeps ~70 MB live, and V8 then let the heap grow
 * to ~230 MB while the pages were written (no full collection in between): the run's peak RSS. At 50 %
 * the same writing stayed within the heap it had, for the same CPU time (`heap_growing_percent` is read
 * at every collection, so setting it now is safe).
 */
function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
