/**
 * Answers cut by the token limit (`finish_reason: "length"`): continued where they stopped
 * (vLLM's `continue_final_message`), or asked again with a higher limit, and never thrown away.
 * The double's scripted model (`{generate}`) honours the request's limit and continuations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VisionOutcome } from '@docmill/core';
import { createMistralEngine, createOpenAIEngine, stitchContinuation, type OpenAIEngineOptions } from '../src/index.js';
import { startOpenAIDouble, type OpenAIDoubleOptions, type RecordedRequest } from '../src/testing/index.js';
import { fakeSleep, pageImage, preparedPage, someSpans } from './fixtures.js';

/** A long page: 60 numbered paragraphs, ~3,900 characters. */
const LONG_PAGE = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} tells how the committee met and what it decided on item ${i + 1}.`).join('\n\n');

async function setup(t: { after: (fn: () => Promise<void>) => void }, doubleOpts: OpenAIDoubleOptions = {}, engineOpts: Partial<OpenAIEngineOptions> = {}) {
  const double = await startOpenAIDouble({ model: 'mistral-small', ...doubleOpts });
  t.after(() => double.close());
  const fake = fakeSleep();
  const engine = createOpenAIEngine({ baseUrls: [double.baseUrl], model: 'mistral-small', concurrency: 4, attempts: 4, timeoutMs: 10_000, sleep: fake.sleep, ...engineOpts });
  return { double, engine };
}

const page = async () => preparedPage({ spans: someSpans(), image: await pageImage(1190, 1540) });

function body(r: RecordedRequest | undefined): Record<string, any> {
  assert.ok(r, 'request recorded');
  return r.body as Record<string, any>;
}

function ok(o: VisionOutcome): Extract<VisionOutcome, { ok: true }> {
  assert.equal(o.ok, true, o.ok ? '' : `expected ok, got ${o.error.code}: ${o.error.message}`);
  return o as Extract<VisionOutcome, { ok: true }>;
}

const paragraphs = (o: Extract<VisionOutcome, { ok: true }>) => o.draft.blocks.map((b) => b.text);

test('a cut answer is continued where it stopped (continue_final_message) and the page keeps all of it', async (t) => {
  const { double, engine } = await setup(t, { reply: () => ({ generate: LONG_PAGE }) }, { policy: { maxTokens: 400 } });
  const out = ok(await engine.transcribe(await page(), {}));
  // 1,600 characters a request: the first answer and two continuations
  const reqs = double.chatRequests;
  assert.equal(reqs.length, 3);
  assert.ok(reqs.every((r) => r.valid), reqs.map((r) => r.error).join('; '));
  const [first, second, third] = reqs.map(body);
  assert.equal(first!.max_completion_tokens, 400);
  assert.equal(first!.max_tokens, undefined, 'one limit field only');
  assert.equal(first!.continue_final_message, undefined);
  for (const [i, b] of [second!, third!].entries()) {
    const last = b.messages[b.messages.length - 1];
    assert.equal(last.role, 'assistant');
    assert.equal(last.content, LONG_PAGE.slice(0, 1600 * (i + 1)), 'the answer so far is the final assistant message');
    assert.equal(b.continue_final_message, true);
    assert.equal(b.add_generation_prompt, false);
    assert.equal(b.max_completion_tokens, 400);
    assert.equal(b.temperature, 0.15, 'a continuation is not a retry: same temperature');
    assert.deepEqual(b.messages.slice(0, -1), first!.messages, 'same page, same prompt');
  }
  assert.deepEqual(paragraphs(out), LONG_PAGE.split('\n\n'));
  assert.equal(out.draft.usage?.attempts, 3);
  assert.ok(!out.draft.flags.includes('truncated'));
  assert.equal(out.draft.confidence, 0.95);
});

test('continuations are capped: the page keeps what was transcribed, flagged truncated, with low confidence', async (t) => {
  const { double, engine } = await setup(t, { reply: () => ({ generate: LONG_PAGE }) }, { policy: { maxTokens: 200, maxContinuations: 2 } });
  const out = ok(await engine.transcribe(await page(), {}));
  assert.equal(double.chatRequests.length, 3);
  assert.ok(out.draft.flags.includes('truncated'));
  assert.ok(out.draft.flags.includes('low_confidence'));
  assert.ok(out.draft.confidence! < 0.5, `confidence ${out.draft.confidence}`);
  // 2,400 characters made it; the paragraphs before the cut are all there, in order
  const got = paragraphs(out);
  const kept = LONG_PAGE.slice(0, 2400).split('\n\n');
  assert.deepEqual(got.slice(0, -1), kept.slice(0, -1));
  assert.ok(LONG_PAGE.split('\n\n')[kept.length - 1]!.startsWith(got[got.length - 1]!));
});

test('a continuation that starts by repeating the unfinished line is joined without the repeat', async (t) => {
  const { double, engine } = await setup(t);
  double.enqueue(
    { text: '# Minutes\n\nThe committee met twelve times.\n\nIt approved the bud', finishReason: 'length' },
    { text: 'It approved the budget for the library.\n\nThe meeting closed at noon.' },
  );
  const out = ok(await engine.transcribe(await page(), {}));
  assert.deepEqual(paragraphs(out), ['Minutes', 'The committee met twelve times.', 'It approved the budget for the library.', 'The meeting closed at noon.']);
  assert.equal(body(double.chatRequests[1]).continue_final_message, true);
});

test('stitchContinuation: plain joins, exact overlaps and restarted lines', () => {
  assert.equal(stitchContinuation('Half a sen', 'tence. Next.'), 'Half a sentence. Next.');
  assert.equal(stitchContinuation('one two three four five six seven', 'four five six seven eight'), 'one two three four five six seven eight');
  assert.equal(stitchContinuation('A\nThe quick brown f', 'The quick brown fox.'), 'A\nThe quick brown fox.');
  // short coincidences are not overlaps
  assert.equal(stitchContinuation('ab', 'ab'), 'abab');
});

test('an engine that cannot continue asks again with twice the limit; its max_tokens field is the configured one', async (t) => {
  const { double, engine } = await setup(t, {}, { continueTruncated: false, tokenLimitField: 'max_tokens', policy: { maxTokens: 1000 } });
  double.enqueue({ text: '# Title\n\nHalf a sen', finishReason: 'length' }, { text: '# Title\n\nHalf a sentence.' });
  const out = ok(await engine.transcribe(await page(), {}));
  const [a, b] = double.chatRequests.map(body);
  assert.deepEqual([a!.max_tokens, b!.max_tokens], [1000, 2000]);
  assert.equal(a!.max_completion_tokens, undefined);
  assert.equal(b!.continue_final_message, undefined);
  assert.equal(b!.messages.at(-1).role, 'user');
  assert.deepEqual([a!.temperature, b!.temperature], [0.15, 0.3]);
  assert.deepEqual(paragraphs(out), ['Title', 'Half a sentence.']);
});

test("mistral's API: max_tokens, no vLLM continuation; still cut after every attempt → the longest part is kept, flagged truncated", async (t) => {
  const double = await startOpenAIDouble({ model: 'mistral-small-latest', apiKey: 'mk', reply: () => ({ generate: LONG_PAGE }) });
  t.after(() => double.close());
  const engine = createMistralEngine({ apiKey: 'mk', baseUrl: double.url, model: 'mistral-small-latest', attempts: 3, sleep: async () => {}, policy: { maxTokens: 100, maxTokensCeiling: 400 } });
  const out = ok(await engine.transcribe(await page(), {}));
  const bodies = double.chatRequests.map(body);
  assert.deepEqual(bodies.map((b) => b.max_tokens), [100, 200, 400]);
  assert.ok(bodies.every((b) => b.continue_final_message === undefined && b.max_completion_tokens === undefined));
  assert.ok(out.draft.flags.includes('truncated'));
  assert.equal(paragraphs(out)[0], LONG_PAGE.split('\n\n')[0]);
});
