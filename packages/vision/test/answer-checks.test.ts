/**
 * Broken answers end to end (openai engine, test double, retry policy): an unclosed code fence, a repeated
 * paragraph, 40 duplicated table rows and a cut-off HTML table are each found, retried up the temperature
 * ladder, and — when every attempt has them — repaired and flagged, with a confidence that says so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PageFlag, VisionOutcome } from '@docmill/core';
import { createOpenAIEngine } from '../src/index.js';
import { startOpenAIDouble, type RecordedRequest } from '../src/testing/index.js';
import { fakeSleep, pageImage, preparedPage, someSpans } from './fixtures.js';

const GOOD = '# Annual Report 2025\n\nThe committee met twelve times this year.\n';

async function run(t: { after: (fn: () => Promise<void>) => void }, answers: string[]): Promise<{ out: Extract<VisionOutcome, { ok: true }>; temps: number[] }> {
  const double = await startOpenAIDouble({ model: 'mistral-small' });
  t.after(() => double.close());
  double.enqueue(...answers.map((text) => ({ text })));
  const engine = createOpenAIEngine({ baseUrls: [double.baseUrl], model: 'mistral-small', concurrency: 4, attempts: 4, timeoutMs: 10_000, sleep: fakeSleep().sleep });
  const out = await engine.transcribe(preparedPage({ spans: someSpans(), image: await pageImage(1190, 1540) }), {});
  assert.equal(out.ok, true, out.ok ? '' : `${out.error.code}: ${out.error.message}`);
  assert.equal(double.chatRequests.length, answers.length, 'one request per scripted answer');
  return { out: out as Extract<VisionOutcome, { ok: true }>, temps: double.chatRequests.map((r: RecordedRequest) => (r.body as { temperature: number }).temperature) };
}

function assertRepaired(out: Extract<VisionOutcome, { ok: true }>, flag: PageFlag): void {
  assert.ok(out.draft.flags.includes(flag), `flags ${out.draft.flags.join(',')}`);
  assert.ok(out.draft.confidence! < 0.5, `confidence ${out.draft.confidence}`);
  assert.ok(out.draft.flags.includes('low_confidence'));
}

const FENCED = ['# Setup', '', 'Install it first.', '', '```sh', 'npm install docmill', '', '## Usage', '', 'The converter writes one Markdown file for every document it reads.'].join('\n');

test('an unclosed code fence is retried; an answer without it is taken as it is', async (t) => {
  const { out, temps } = await run(t, [FENCED, GOOD]);
  assert.deepEqual(temps, [0.15, 0.3]);
  assert.deepEqual(out.draft.flags, []);
  assert.deepEqual(out.draft.blocks.map((b) => b.type), ['heading', 'paragraph']);
});

test('an unclosed code fence on every attempt: closed where the code ends, flagged repaired_fence', async (t) => {
  const { out, temps } = await run(t, [FENCED, FENCED, FENCED, FENCED]);
  assert.deepEqual(temps, [0.15, 0.3, 0.5, 0.8]);
  assertRepaired(out, 'repaired_fence');
  assert.deepEqual(out.draft.blocks.map((b) => [b.type, b.text]), [
    ['heading', 'Setup'],
    ['paragraph', 'Install it first.'],
    ['code', 'npm install docmill'],
    ['heading', 'Usage'],
    ['paragraph', 'The converter writes one Markdown file for every document it reads.'],
  ]);
});

test('a repeated paragraph inside the page: retried, then the repeat dropped and flagged repetition', async (t) => {
  const para = 'The committee approved the budget for the new library after a long debate about its costs.';
  const answer = ['# Minutes', '', para, '', 'Members present: twelve.', '', para, '', 'The meeting closed at noon.'].join('\n');
  const { out, temps } = await run(t, [answer, answer, answer, answer]);
  assert.equal(temps.length, 4);
  assertRepaired(out, 'repetition');
  assert.deepEqual(out.draft.blocks.map((b) => b.text), ['Minutes', para, 'Members present: twelve.', 'The meeting closed at noon.']);
});

test('40 duplicated table rows: retried, then one copy kept and flagged duplicate_rows', async (t) => {
  const rows = ['| Region | Q1 |', '|---|---|', '| North | 12 |', ...Array.from({ length: 40 }, () => '| South | 9 |'), '| East | 3 |'];
  const answer = `# Sales\n\n${rows.join('\n')}\n`;
  const { out } = await run(t, [answer, answer, answer, answer]);
  assertRepaired(out, 'duplicate_rows');
  assert.deepEqual(out.draft.blocks[1]!.rows, [['Region', 'Q1'], ['North', '12'], ['South', '9'], ['East', '3']]);
});

test('an HTML table cut off before </table>: retried, a complete answer wins; cut on every attempt → closed, flagged truncated_html', async (t) => {
  const cut = '# Budget\n\n<table>\n<tr><th>Item</th><th>Cost</th></tr>\n<tr><td>Books</td><td>12</td></tr>\n<tr><td>Pens';
  const whole = `${cut}</td><td>3</td></tr>\n</table>\n\nApproved.`;
  const first = await run(t, [cut, whole]);
  assert.deepEqual(first.out.draft.flags, []);
  assert.deepEqual(first.out.draft.blocks.map((b) => b.type), ['heading', 'table', 'paragraph']);
  const { out } = await run(t, [cut, cut, cut, cut]);
  assertRepaired(out, 'truncated_html');
  assert.deepEqual(out.draft.blocks[1]!.rows, [['Item', 'Cost'], ['Books', '12'], ['Pens', '']]);
});
