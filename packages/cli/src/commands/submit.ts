import type { Command } from 'commander';
import { DOCMILL_VERSION, DocmillError, OPTION_SURFACES, Semaphore, loadConfig, optionsHash, sha256, stableHash, toDocmillError, type DocumentResult, type OptionName, type PlainError } from '@docmill/core';
import { ApiClient, type ApiJob, type RetryPolicy } from '../client.js';
import { followJob, isFinal } from '../follow.js';
import { expandInputs, hashFile, type InputFile } from '../inputs.js';
import { SubmitJournal } from '../journal.js';
import { isUpToDate, outputPaths, writeFailure, writeResult } from '../outputs.js';
import { Progress } from '../progress.js';
import { displayPath as show, exitCodeOf, newSummary, recordConverted, recordFailed, recordMissing, recordSkipped, reportSummary, type ConvertSummary } from '../summary.js';
import { addDocumentOptions, apiFields, documentOptionsFromCli, positiveInt } from '../options.js';

/** The flags of `docmill submit`: its own, plus the document options the API takes (see addDocumentOptions). */
export interface SubmitCliOptions extends Record<string, unknown> {
  output: string;
  server?: string;
  apiKey?: string;
  /** Uploads at once. */
  concurrency?: number;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/**
 * The document options submit offers: those the API accepts, but kept page
 * images (submit downloads the document, not its images).
 */
const submitted = (name: OptionName): boolean => OPTION_SURFACES[name].api !== undefined && name !== 'keepImages';

/** What a submit run did; `stopped` is set when the server became unusable mid-run (exit 3). */
export type SubmitSummary = ConvertSummary & { stopped?: PlainError };

/** Uploads at once by default. */
const DEFAULT_UPLOADS = 4;
/** Documents in flight (uploaded, followed, downloaded) per upload slot. */
const FOLLOW_PER_UPLOAD = 8;
/** Re-submissions of a file whose earlier jobs failed, within one run (each names the last failed job). */
const MAX_RESUBMITS = 3;

/** Errors after which no request can succeed: the run stops (exit 3) instead of failing every input. */
const FATAL = new Set(['DOCMILL_ERR_API_UNREACHABLE', 'DOCMILL_ERR_API_BAD_RESPONSE', 'DOCMILL_ERR_AUTH_INVALID', 'DOCMILL_ERR_AUTH_MISSING', 'DOCMILL_ERR_RATE_LIMITED']);

export function registerSubmit(program: Command): void {
  const command = program
    .command('submit')
    .summary('convert PDFs and page images on a docmill cluster (the job API)')
    .description(
      'Submit PDFs and page images to a docmill server (docmill serve + workers) and write the results as docmill convert does:\n' +
        'X.md and X.json, directories mirrored under the output directory. Uploads stream from disk with bounded concurrency;\n' +
        'jobs are followed by server-sent events (polling when the stream is unavailable); results are written as they finish.\n' +
        'A second run skips inputs whose outputs are up to date. A run that was killed re-attaches to the jobs it had submitted\n' +
        '(each upload carries an Idempotency-Key made of the file\'s sha256, the options and its output path; the jobs are\n' +
        'also noted in <output>/.docmill-submit.jsonl) instead of submitting them again.',
    )
    .argument('<inputs...>', 'files, directories or quoted globs ("scans/**/*.pdf")')
    .requiredOption('-o, --output <dir>', 'output directory')
    .option('-s, --server <url>', 'the docmill API, e.g. http://docmill:8080 (default DOCMILL_SERVER)')
    .option('--api-key <key>', 'API key (default DOCMILL_API_KEY; prefer the variable, arguments show in ps)')
    .option('-c, --concurrency <n>', `uploads at once (default ${DEFAULT_UPLOADS}); up to ${FOLLOW_PER_UPLOAD}× as many documents are in flight`, positiveInt)
    .option('-f, --force', 'fetch and rewrite outputs even when they are up to date')
    .option('-q, --quiet', 'print nothing but failures')
    .option('--json', 'print a machine-readable summary on stdout');
  addDocumentOptions(command, submitted)
    .addHelpText(
      'after',
      `
Outputs: the same X.md and X.json as docmill convert (X.json's usage.seconds is the job's time on the cluster).

Exit status: 0 all converted (or up to date), 1 some inputs failed (the others are still written; each failure
leaves X.json with its coded error), 2 bad usage (no --server, no key), 3 the server could not be used: not
reachable, or the key was refused (DOCMILL_ERR_API_UNREACHABLE, DOCMILL_ERR_AUTH_INVALID); run again later,
finished outputs are kept.

Examples:
  export DOCMILL_API_KEY=…
  docmill submit archive/ -o converted --server http://docmill:8080
  docmill submit "scans/**/*.pdf" -o out -s http://docmill:8080 --ocr always -c 8 --json
  DOCMILL_SERVER=http://docmill:8080 docmill submit report.pdf -o out --pages 1-10 --engine openai`,
    )
    .action(async (inputs: string[], opts: SubmitCliOptions, cmd: Command) => {
      try {
        const summary = await runSubmit(inputs, opts);
        cmd.setOptionValue('_exitCode', summary.stopped ? 3 : exitCodeOf(summary));
      } catch (e) {
        const err = toDocmillError(e);
        process.stderr.write(`docmill submit: ${err.code} ${err.message}\n`);
        cmd.setOptionValue('_exitCode', err.code === 'DOCMILL_ERR_USAGE_BAD_ARGUMENT' ? 2 : 3);
      }
    });
}

/**
 * The submit command's work: expand inputs as convert does, skip what is up to
 * date, upload the rest (at most `concurrency` uploads at once), follow each job,
 * download its result as it finishes and write X.md + X.json.
 * @param inputs files, directories, globs
 * @param opts the command's options
 * @param retry the HTTP retry policy (tests shorten it)
 * @returns the summary (`stopped` when the server became unusable mid-run)
 * Throws before any work: USAGE_BAD_ARGUMENT (no server, no key, bad URL), API_UNREACHABLE, AUTH_INVALID.
 */
export async function runSubmit(inputs: string[], opts: SubmitCliOptions, retry?: RetryPolicy): Promise<SubmitSummary> {
  const config = loadConfig();
  const server = opts.server ?? config.DOCMILL_SERVER;
  const key = opts.apiKey ?? config.DOCMILL_API_KEY;
  if (!server) throw new DocmillError('USAGE_BAD_ARGUMENT', 'Name the docmill server: --server http://host:8080 (or DOCMILL_SERVER).');
  if (!key) throw new DocmillError('USAGE_BAD_ARGUMENT', 'Give an API key: DOCMILL_API_KEY=… (or --api-key).');
  const stop = new AbortController();
  const client = new ApiClient(server, key, { signal: stop.signal, ...(retry ? { retry } : {}) });
  const { version } = await client.probe();

  const convertOpts = documentOptionsFromCli(opts);
  const fingerprint = optionsHash(convertOpts);
  const fields = apiFields(convertOpts);
  const { files, missing } = await expandInputs(inputs);
  const progress = new Progress(files.length + missing.length, { quiet: !!opts.quiet });
  if (version && version !== DOCMILL_VERSION) {
    progress.line(`note: the server runs docmill ${version}, this command ${DOCMILL_VERSION}: its results will not count as up to date for a later run of this version.`);
  }
  const summary: SubmitSummary = newSummary();
  recordMissing(summary, progress, missing);
  const journal = await SubmitJournal.open(opts.output, client.base.href);
  const uploads = new Semaphore(opts.concurrency ?? DEFAULT_UPLOADS);
  const downloads = new Semaphore(uploads.max);
  const inFlight = new Semaphore(uploads.max * FOLLOW_PER_UPLOAD);
  /** Keys of inputs that failed: their journal entries are kept for the next run. */
  const failedKeys: string[] = [];

  const one = async (file: InputFile): Promise<void> => {
    if (stop.signal.aborted) return;
    const paths = outputPaths(opts.output, file.stem);
    const started = performance.now();
    let digest: string | undefined;
    let baseKey: string | undefined;
    let job: ApiJob | undefined;
    const fail = async (error: PlainError): Promise<void> => {
      if (baseKey) failedKeys.push(baseKey);
      await writeFailure(paths, file.path, digest, error).catch(() => {});
      recordFailed(summary, progress, file.path, error, job ? { job: job.id } : {});
    };
    try {
      digest = await hashFile(file.path);
      if (!opts.force && (await isUpToDate(paths, digest, fingerprint, DOCMILL_VERSION))) {
        recordSkipped(summary, progress, file.path, paths);
        return;
      }
      baseKey = idempotencyKey(digest, fingerprint, file.stem, convertOpts.password);
      const attached = await attach(client, journal, uploads, file, baseKey, fields);
      job = attached.job;
      if (job.sha256 !== digest) throw new DocmillError('INPUT_CHANGED', `${show(file.path)} has other bytes on the server (job ${job.id}) than were read here.`);
      progress.line(`${attached.created ? 'submitted' : 'attached '} ${show(file.path)} (job ${job.id}${attached.created ? '' : `, ${job.status}`})`);
      progress.state.current = show(file.path);
      const pages = { known: 0, done: 0 };
      const onProgress = (p: ApiJob['progress']) => {
        if (!pages.known && p.pagesTotal > 0) {
          pages.known = p.pagesTotal;
          progress.state.pagesKnown += p.pagesTotal;
          progress.state.docsWithKnownPages++;
        }
        if (p.pagesDone > pages.done) {
          progress.state.pagesDone += p.pagesDone - pages.done;
          pages.done = p.pagesDone;
        }
        progress.update();
      };
      job = await followJob(client, job, onProgress, stop.signal);
      switch (job.status) {
        case 'succeeded': {
          const id = job.id;
          const result = await downloads.run(async () => {
            const doc = localResult(await client.result(id), file.path);
            await writeResult(paths, doc);
            return doc;
          });
          onProgress({ pagesDone: result.pages.length, pagesTotal: pages.known || result.pages.length });
          recordConverted(summary, progress, file.path, result, (performance.now() - started) / 1000, paths, { job: id });
          return;
        }
        case 'failed':
        case 'canceled': {
          // The job's own coded error (PDF_ENCRYPTED, INPUT_TOO_MANY_PAGES…), as convert would have recorded it.
          const error = job.error ?? new DocmillError(job.status === 'failed' ? 'JOB_FAILED' : 'JOB_CANCELED').toJSON();
          await fail({ code: error.code, message: error.message });
          return;
        }
        case 'queued':
        case 'running':
          throw new DocmillError('INTERNAL', `Job ${job.id} was followed to a state that is not final (${job.status}).`);
        default: {
          const never: never = job.status;
          throw new DocmillError('INTERNAL', `Unknown job status ${String(never)}.`);
        }
      }
    } catch (e) {
      if (stop.signal.aborted) return;
      const plain = plainOf(e);
      if (FATAL.has(plain.code)) {
        summary.stopped ??= plain;
        stop.abort();
        return;
      }
      await fail(plain);
    }
  };

  try {
    await Promise.all(files.map((file) => inFlight.run(() => one(file))));
  } finally {
    progress.done();
  }
  if (summary.stopped) {
    process.stderr.write(`docmill submit: stopped: ${summary.stopped.code} ${summary.stopped.message}\n`);
  } else {
    await journal.compact(failedKeys).catch(() => undefined);
  }
  reportSummary(summary, progress, opts);
  return summary;
}

/**
 * The job for this input: the one the journal or the server already knows under
 * its Idempotency-Key, else a new upload. A job of an earlier run that failed or
 * was canceled is not reused: the next key names it ("after <job>"), so a later
 * re-run finds that new job again by the same derivation.
 */
async function attach(client: ApiClient, journal: SubmitJournal, uploads: Semaphore, file: InputFile, baseKey: string, fields: Record<string, string>): Promise<{ job: ApiJob; created: boolean }> {
  let key = baseKey;
  for (let hop = 0; ; hop++) {
    let job: ApiJob | undefined;
    let created = false;
    const known = journal.job(key);
    if (known) {
      job = await client.job(known).catch((e: unknown) => {
        if (e instanceof DocmillError && e.code === 'DOCMILL_ERR_JOB_NOT_FOUND') return undefined; // deleted or expired
        throw e;
      });
    }
    if (!job) {
      const idem = key;
      ({ job, created } = await uploads.run(() => client.submit({ path: file.path, idempotencyKey: idem, fields })));
      await journal.add(key, job.id);
    }
    const stale = !created && isFinal(job.status) && job.status !== 'succeeded';
    if (!stale || hop >= MAX_RESUBMITS) return { job, created };
    key = `${baseKey}.after.${job.id}`;
  }
}

/**
 * The Idempotency-Key of one input: its sha256, the options fingerprint, and a
 * hash of its output stem (and of the password, when one is given), so that two
 * runs over the same tree name the same jobs and nothing else does.
 */
export function idempotencyKey(digest: string, fingerprint: string, stem: string, password?: string): string {
  return `docmill-submit.${digest}.${fingerprint}.${stableHash({ stem, ...(password !== undefined ? { password: sha256(password) } : {}) })}`;
}

/**
 * The API's document as convert writes it: `source.path` (the API never knows
 * the client's path) first, then the rest as the API sent it.
 * Note: usage.seconds stays the cluster's (submit to assembled), as the job measured it.
 */
export function localResult(doc: DocumentResult, path: string): DocumentResult {
  // Note: every other field as the API sent it, so fields added to the document later (articles) come along.
  const { source, ...rest } = doc;
  return { source: { path, ...source }, ...rest };
}

/** The coded error to record for an input, with the server's code as it sent it (codes this CLI does not know included). */
function plainOf(e: unknown): PlainError {
  const err = toDocmillError(e);
  const serverCode = err.details?.serverCode;
  return { code: typeof serverCode === 'string' ? serverCode : err.code, message: err.message };
}
