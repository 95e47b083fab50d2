import { relative } from 'node:path';
import { DocmillError, type DocumentResult, type PageResult } from '@docmill/core';
import type { OutputPaths } from './outputs.js';
import { formatSeconds, type Progress } from './progress.js';

/** What a bulk run (convert or submit) did, printed at its end (`--json`: on stdout as is). */
export interface ConvertSummary {
  converted: number;
  skipped: number;
  failed: number;
  pages: number;
  pagesFlagged: number;
  seconds: number;
  /** Peak resident memory of the process (all threads), MB. */
  maxRssMb: number;
  documents: Array<{ input: string; status: 'converted' | 'skipped' | 'failed'; pages?: number; seconds?: number; markdown?: string; json?: string; error?: { code: string; message: string }; degraded?: boolean; flaggedPages?: number[]; job?: string }>;
}

export function newSummary(): ConvertSummary {
  return { converted: 0, skipped: 0, failed: 0, pages: 0, pagesFlagged: 0, seconds: 0, maxRssMb: 0, documents: [] };
}

/** A path as the user would type it from here (relative to the working directory when inside it). */
export function displayPath(p: string): string {
  return relative(process.cwd(), p) || p;
}

/**
 * Counts a written document and prints its line ("converted X (N pages, 1.2s, 2 page(s) flagged: 3,4)").
 * @param extra fields added to the document's summary entry (submit: the job id)
 */
export function recordConverted(summary: ConvertSummary, progress: Progress, input: string, result: Pick<DocumentResult, 'degraded'> & { pages: ReadonlyArray<Pick<PageResult, 'index' | 'error' | 'fallback'>> }, seconds: number, paths: OutputPaths, extra: { job?: string } = {}): void {
  const flagged = result.pages.filter((p) => p.error || p.fallback).map((p) => p.index + 1);
  summary.converted++;
  summary.pages += result.pages.length;
  summary.pagesFlagged += flagged.length;
  summary.documents.push({ input, status: 'converted', pages: result.pages.length, seconds: round(seconds), markdown: paths.markdown, json: paths.json, ...extra, ...(result.degraded ? { degraded: true } : {}), ...(flagged.length ? { flaggedPages: flagged } : {}) });
  const note = flagged.length ? `, ${flagged.length} page(s) flagged: ${flagged.slice(0, 10).join(',')}${flagged.length > 10 ? '…' : ''}` : '';
  progress.state.docsDone++;
  progress.line(`converted ${displayPath(input)} (${result.pages.length} pages, ${formatSeconds(seconds)}${note})`);
}

/** Counts the inputs that matched nothing as failed (INPUT_NOT_FOUND). */
export function recordMissing(summary: ConvertSummary, progress: Progress, missing: string[]): void {
  for (const m of missing) recordFailed(summary, progress, m, new DocmillError('INPUT_NOT_FOUND', `No such file, directory or match: ${m}.`).toJSON());
}

/** Counts an input whose output is up to date. */
export function recordSkipped(summary: ConvertSummary, progress: Progress, input: string, paths: OutputPaths): void {
  summary.skipped++;
  summary.documents.push({ input, status: 'skipped', markdown: paths.markdown, json: paths.json });
  progress.state.docsDone++;
  progress.line(`skipped   ${displayPath(input)} (up to date)`);
}

/** Counts a failed input and prints its coded error (even with --quiet). */
export function recordFailed(summary: ConvertSummary, progress: Progress, input: string, error: { code: string; message: string }, extra: { job?: string } = {}): void {
  summary.failed++;
  summary.documents.push({ input, status: 'failed', error, ...extra });
  progress.state.docsDone++;
  progress.line(`failed    ${displayPath(input)}: ${error.code} ${error.message}`, true);
}

/**
 * Ends a run: seconds and peak memory into the summary, then the summary on
 * stdout (`--json`) or one line on stderr (unless quiet and nothing failed).
 */
export function reportSummary(summary: ConvertSummary, progress: Progress, opts: { json?: boolean; quiet?: boolean }): void {
  summary.seconds = round(progress.seconds);
  summary.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else if (!opts.quiet || summary.failed) {
    const rate = summary.pages / Math.max(summary.seconds, 1e-3);
    process.stderr.write(`${summary.converted} converted, ${summary.skipped} skipped (up to date), ${summary.failed} failed · ${summary.pages} pages in ${formatSeconds(summary.seconds)} (${rate.toFixed(1)} pages/s)${summary.pagesFlagged ? ` · ${summary.pagesFlagged} pages flagged` : ''}\n`);
    for (const d of summary.documents.filter((x) => x.status === 'failed')) process.stderr.write(`  ${d.input}: ${d.error?.code}\n`);
  }
}

/** The exit status of a finished run: 0 everything converted or up to date, 1 some inputs failed. */
export function exitCodeOf(summary: ConvertSummary): 0 | 1 {
  return summary.failed > 0 ? 1 : 0;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
