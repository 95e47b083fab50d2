/**
 * Each failure mode of a vision model, end to end: the openai engine against the
 * test double, with the retry policy deciding. Waits are recorded by a fake
 * sleep except where the test is about the wait itself (429 + Retry-After).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VisionOutcome } from '@docmill/core';
import { createOpenAIEngine, imageTokens, PROMPT_VERSION, type OpenAIEngineOptions } from '../src/index.js';
import { startOpenAIDouble, type OpenAIDouble, type OpenAIDoubleOptions, type RecordedRequest } from '../src/testing/index.js';
import { fakeSleep, pageImage, preparedPage, recordingRender, someSpans } from './fixtures.js';

const PAGE_MD = '# Annual Report 2025\n\nThe committee met twelve times this year.\n\n| Item | Cost |\n|---|---|\n| Books | 12 |\n';

async function setup(t: { after: (fn: () => Promise<void>) => void }, doubleOpts: OpenAIDoubleOptions = {}, engineOpts: Partial<OpenAIEngineOptions> = {}) {
  const double = await startOpenAIDouble({ model: 'mistral-small', ...doubleOpts });
  t.after(() => double.close());
  const fake = fakeSleep();
  const engine = createOpenAIEngine({ baseUrls: [double.baseUrl], model: 'mistral-small', concurrency: 4, attempts: 4, timeoutMs: 10_000, sleep: fake.sleep, ...engineOpts });
  return { double, engine, waits: fake.waits };
}

async function textPage() {
  return preparedPage({ spans: someSpans(), image: await pageImage(1190, 1540) });
}

function body(r: RecordedRequest | undefined): Record<string, any> {
  assert.ok(r, 'request recorded');
  return r.body as Record<string, any>;
}

function assertOk(o: VisionOutcome): asserts o is Extract<VisionOutcome, { ok: true }> {
  assert.equal(o.ok, true, o.ok ? '' : `expected ok, got ${o.error.code}: ${o.error.message}`);
}

function assertFailed(o: VisionOutcome, code: string): asserts o is Extract<VisionOutcome, { ok: false }> {
  assert.equal(o.ok, false, 'expected a failure');
  if (!o.ok) assert.equal(o.error.code, code);
}

test('a clean answer: blocks from the Markdown, prompt version, usage with image tokens by our formula', async (t) => {
  const { double, engine } = await setup(t);
  double.enqueue({ text: PAGE_MD, usage: { prompt_tokens: 2900, completion_tokens: 60 } });
  const out = await engine.transcribe(await textPage(), {});
  assertOk(out);
  const d = out.draft;
  assert.deepEqual(d.blocks.map((b) => b.type), ['heading', 'paragraph', 'table']);
  assert.equal(d.blocks[0]?.level, 1);
  assert.deepEqual(d.blocks[2]?.rows, [['Item', 'Cost'], ['Books', '12']]);
  assert.equal(d.path, 'vision');
  assert.equal(d.engine, 'openai');
  assert.equal(d.promptVersion, PROMPT_VERSION);
  assert.deepEqual(d.usage, { promptTokens: 2900, completionTokens: 60, imageTokens: imageTokens(1190, 1540), latencyMs: d.usage!.latencyMs, attempts: 1 });
  const req = body(double.chatRequests[0]);
  assert.equal(req.temperature, 0.15);
  assert.equal(req.messages[0].role, 'system');
  // trustworthy text layer → anchor text in the user turn
  assert.match(req.messages[1].content[1].text, /\[72,72\]Annual Report 2025/);
});

test('no anchor text when the text layer is not trustworthy', async (t) => {
  const { double, engine } = await setup(t);
  double.enqueue({ text: PAGE_MD });
  assertOk(await engine.transcribe(preparedPage({ spans: someSpans(), trustworthy: false, image: await pageImage(1190, 1540) }), {}));
  assert.doesNotMatch(body(double.chatRequests[0]).messages[1].content[1].text, /Annual Report/);
});

test('repetition loop → retried with lower max_tokens, higher temperature, a stop guard and a frequency penalty, then ok', async (t) => {
  const { double, engine } = await setup(t);
  const loop = 'The committee met twelve times. ' + 'and the total is 12 '.repeat(400);
  double.enqueue({ text: loop, finishReason: 'length' }, { text: PAGE_MD });
  const out = await engine.transcribe(await textPage(), {});
  assertOk(out);
  assert.equal(out.draft.usage?.attempts, 2);
  const [first, second] = [body(double.chatRequests[0]), body(double.chatRequests[1])];
  assert.ok(second.max_completion_tokens < first.max_completion_tokens, `max_completion_tokens ${first.max_completion_tokens} → ${second.max_completion_tokens}`);
  assert.ok(second.temperature > first.temperature);
  assert.equal(second.frequency_penalty, 0.3);
  assert.ok(Array.isArray(second.stop) && second.stop[0].startsWith('and the total is 12 and the total is 12'));
  assert.ok(out.draft.confidence! < 0.95);
});

test('a loop caught by the stop guard counts as repetition again; N loops → ENGINE_REPETITION', async (t) => {
  const { double, engine } = await setup(t, {}, { attempts: 3 });
  const loop = 'Intro. ' + 'x y z '.repeat(300);
  double.enqueue({ text: loop, finishReason: 'length' });
  double.enqueue({ text: 'Intro. ', stopReason: 'x y z '.repeat(8) }, { text: loop });
  const out = await engine.transcribe(await textPage(), {});
  assertFailed(out, 'DOCMILL_ERR_ENGINE_REPETITION');
  assert.equal(out.attempts, 3);
  assert.equal(double.chatRequests.length, 3);
});

// Note: truncation (finish_reason length) is continued, not retried: test/truncation.test.ts.

test('empty answer for a page that has text → ENGINE_EMPTY, retried', async (t) => {
  const { double, engine } = await setup(t, {}, { attempts: 2 });
  double.enqueue({ text: '' }, { text: PAGE_MD });
  assertOk(await engine.transcribe(await textPage(), {}));
  // a scan (no text layer) whose image has ink: empty is wrong too
  double.enqueue({ text: '  \n' }, { text: '\n' });
  const scan = preparedPage({ image: await pageImage(1190, 1540) });
  assertFailed(await engine.transcribe(scan, {}), 'DOCMILL_ERR_ENGINE_EMPTY');
});

test('a blank page: empty answer is accepted (flag blank); invented text is rejected as ENGINE_HALLUCINATION', async (t) => {
  const { double, engine } = await setup(t, {}, { attempts: 2 });
  const blank = preparedPage({ image: await pageImage(1190, 1540, 0) });
  double.enqueue({ text: '' });
  const ok = await engine.transcribe(blank, {});
  assertOk(ok);
  assert.deepEqual(ok.draft.blocks, []);
  assert.ok(ok.draft.flags.includes('blank'));
  const invented = '# Chapter 1\n\nIt was a bright cold day in April, and the clocks were striking thirteen.';
  double.enqueue({ text: invented }, { text: invented });
  const bad = await engine.transcribe(blank, {});
  assertFailed(bad, 'DOCMILL_ERR_ENGINE_HALLUCINATION');
  // the same answer for a page with ink is fine
  double.enqueue({ text: invented });
  assertOk(await engine.transcribe(preparedPage({ image: await pageImage(1190, 1540) }), {}));
});

test('refusal → retried; refusals only → ENGINE_REFUSAL', async (t) => {
  const { double, engine } = await setup(t, {}, { attempts: 2 });
  double.enqueue({ text: "I'm sorry, but I can't assist with that request." }, { text: PAGE_MD });
  assertOk(await engine.transcribe(await textPage(), {}));
  double.enqueue({ text: 'I cannot transcribe this image.' }, { text: 'As an AI, I cannot do that.' });
  assertFailed(await engine.transcribe(await textPage(), {}), 'DOCMILL_ERR_ENGINE_REFUSAL');
});

test('timeout → backoff, retried, ok', async (t) => {
  // Note: the timeout must leave the second (prompt) answer enough time on a loaded machine.
  const { double, engine, waits } = await setup(t, {}, { timeoutMs: 1500 });
  double.enqueue({ text: PAGE_MD, delayMs: 60_000 }, { text: PAGE_MD });
  const out = await engine.transcribe(await textPage(), {});
  assertOk(out);
  assert.equal(out.draft.usage?.attempts, 2);
  assert.equal(waits.length, 1);
  assert.ok(waits[0]! >= 500 && waits[0]! <= 1000, `backoff ${waits[0]}`);
  // a slow answer is often a loop: the retry also climbs the temperature ladder
  assert.deepEqual(double.chatRequests.map((r) => body(r).temperature), [0.15, 0.3]);
});

test('429 honours Retry-After: the second request arrives at least that long after the first', async (t) => {
  const { double, engine } = await setup(t, {}, { sleep: undefined as never });
  double.enqueue({ status: 429, headers: { 'retry-after': '1' } }, { text: PAGE_MD });
  const out = await engine.transcribe(await textPage(), {});
  assertOk(out);
  assert.equal(double.chatRequests.length, 2);
  const [a, b] = double.chatRequests;
  assert.ok(b!.at - a!.at >= 1000, `second request ${Math.round(b!.at - a!.at)} ms after the first`);
});

test('Retry-After is capped', async (t) => {
  const { double, engine, waits } = await setup(t, {}, { policy: { retryAfterCapMs: 2000 } });
  double.enqueue({ status: 429, headers: { 'retry-after': '3600' } }, { text: PAGE_MD });
  assertOk(await engine.transcribe(await textPage(), {}));
  assert.ok(waits[0]! >= 2000 && waits[0]! < 2300, `waited ${waits[0]}`);
});

test('500s and bad bodies → exponential backoff with jitter, then ok', async (t) => {
  const { double, engine, waits } = await setup(t, {}, { attempts: 4 });
  double.enqueue({ status: 500 }, { status: 200, rawBody: 'not json' }, { status: 500 }, { text: PAGE_MD });
  const out = await engine.transcribe(await textPage(), {});
  assertOk(out);
  assert.equal(out.draft.usage?.attempts, 4);
  assert.equal(waits.length, 3);
  // equal jitter: k-th wait in [base·2^k / 2, base·2^k]
  waits.forEach((w, k) => assert.ok(w >= 500 * 2 ** k && w <= 1000 * 2 ** k, `wait ${k}: ${w}`));
});

test('N failures → {ok:false} with the last error code, the attempts and the usage spent', async (t) => {
  const { double, engine } = await setup(t, {}, { attempts: 3 });
  double.enqueue({ text: '' }, { status: 500 }, { status: 501 });
  const out = await engine.transcribe(await textPage(), {});
  assertFailed(out, 'DOCMILL_ERR_ENGINE_HTTP');
  assert.equal(out.attempts, 3);
  assert.equal(out.usage?.attempts, 3);
  assert.equal(out.error.details?.status, 501);
  assert.equal(out.usage?.imageTokens, imageTokens(1190, 1540)); // one answered request
});

test('a non-retryable 4xx ends the page at once', async (t) => {
  const { double, engine } = await setup(t, {}, { attempts: 4 });
  double.enqueue({ status: 422, message: 'unsupported image' });
  const out = await engine.transcribe(await textPage(), {});
  assertFailed(out, 'DOCMILL_ERR_ENGINE_HTTP');
  assert.equal(double.chatRequests.length, 1);
});

test('rotation: the model says the page is sideways → re-rendered turned 90° and retried', async (t) => {
  const { double, engine } = await setup(t);
  double.enqueue({ text: '---\nrotation: 90\n---\nsome garbled text' }, { text: PAGE_MD });
  const { render, calls } = recordingRender(1190, 1540);
  const page = preparedPage({ spans: someSpans(), image: await pageImage(1190, 1540) });
  const out = await engine.transcribe(page, { render });
  assertOk(out);
  assert.deepEqual(calls, [{ longestSide: 1540, rotation: 90 }]);
  assert.equal(out.draft.rotation, 90);
  assert.ok(out.draft.flags.includes('rotated'));
  assert.deepEqual(double.chatRequests.map((r) => [r.images[0]!.width, r.images[0]!.height]), [[1190, 1540], [1540, 1190]]);
  assert.equal(out.draft.blocks[0]?.text, 'Annual Report 2025');
});

test('rotation without a render function: the image itself is turned', async (t) => {
  const { double, engine } = await setup(t);
  double.enqueue({ text: 'rotation: 270\n\n' }, { text: PAGE_MD });
  const out = await engine.transcribe(preparedPage({ spans: someSpans(), image: await pageImage(800, 1000) }), {});
  assertOk(out);
  assert.equal(out.draft.rotation, 270);
  assert.deepEqual(double.chatRequests[1]!.images.map((i) => [i.width, i.height]), [[1000, 800]]);
});

test('a sideways text layer makes the first render rotated', async (t) => {
  const { double, engine } = await setup(t);
  double.enqueue({ text: PAGE_MD });
  const vertical = ['Quarterly results by region', 'North 12 14 15', 'South 9 11 10'].map((text, i) => ({ text, bbox: [100 + i * 14, 100, 112 + i * 14, 100 + text.length * 6] as [number, number, number, number], fontSize: 10 }));
  const { render, calls } = recordingRender();
  const out = await engine.transcribe(preparedPage({ spans: vertical, image: await pageImage(1190, 1540) }), { render });
  assertOk(out);
  assert.deepEqual(calls, [{ longestSide: 1540, rotation: 90 }]);
  assert.equal(out.draft.rotation, 90);
});

test('a sideways text layer without a render function: the given image is turned before the first request', async (t) => {
  const { double, engine } = await setup(t);
  double.enqueue({ text: PAGE_MD });
  const vertical = ['Quarterly results by region', 'North 12 14 15', 'South 9 11 10'].map((text, i) => ({ text, bbox: [100 + i * 14, 100, 112 + i * 14, 100 + text.length * 6] as [number, number, number, number], fontSize: 10 }));
  const out = await engine.transcribe(preparedPage({ spans: vertical, image: await pageImage(800, 1000) }), {});
  assertOk(out);
  assert.equal(out.draft.rotation, 90);
  assert.deepEqual(double.chatRequests[0]!.images.map((i) => [i.width, i.height]), [[1000, 800]]);
});

test('an oversized image is downscaled before sending (the double would reject it otherwise)', async (t) => {
  const { double, engine } = await setup(t, {}, { longestSide: 1024 });
  double.enqueue({ text: PAGE_MD });
  const out = await engine.transcribe(preparedPage({ spans: someSpans(), image: await pageImage(2550, 3300) }), {});
  assertOk(out);
  const img = double.chatRequests[0]!.images[0]!;
  assert.equal(Math.max(img.width, img.height), 1024);
  assert.equal(out.draft.usage?.imageTokens, imageTokens(img.width, img.height));
  assert.equal(engine.renderLongestSide, 1024);
});

test('no image and no render function → {ok:false} PAGE_RENDER_FAILED, nothing sent', async (t) => {
  const { double, engine } = await setup(t);
  assertFailed(await engine.transcribe(preparedPage({ spans: someSpans() }), {}), 'DOCMILL_ERR_PAGE_RENDER_FAILED');
  assert.equal(double.chatRequests.length, 0);
});

test('an abort of the caller stops the page (rethrown, not a fallback)', async (t) => {
  const ac = new AbortController();
  // the caller gives up while the server is working on the page
  const { double, engine } = await setup(t, { reply: () => (setImmediate(() => ac.abort(new Error('canceled'))), { text: PAGE_MD, delayMs: 60_000 }) });
  await assert.rejects(engine.transcribe(await textPage(), { signal: ac.signal }), /canceled/);
  assert.equal(double.chatRequests.length, 1);
});

test('a model that keeps asking for rotation: after the allowed re-renders its transcription is kept, flagged rotated', async (t) => {
  const { double, engine } = await setup(t, {}, { attempts: 4 });
  double.enqueue({ text: 'rotation: 90\n\nx' }, { text: 'rotation: 90\n\ny' }, { text: '---\nrotation: 90\n---\n# Still sideways?\n\nText.' });
  const { render, calls } = recordingRender(800, 1000);
  const out = await engine.transcribe(preparedPage({ spans: someSpans(), image: await pageImage(800, 1000) }), { render });
  assertOk(out);
  assert.deepEqual(calls.map((c) => c.rotation), [90, 180]);
  assert.equal(out.draft.rotation, 180);
  assert.deepEqual(out.draft.blocks.map((b) => b.text), ['Still sideways?', 'Text.']);
  assert.equal(double.chatRequests.length, 3);
});

test('an abort during the backoff wait ends the page at once', { timeout: 30_000 }, async (t) => {
  const { double, engine } = await setup(t, {}, { sleep: undefined as never, policy: { backoffBaseMs: 60_000, backoffMaxMs: 60_000 } });
  const ac = new AbortController();
  double.enqueue({ status: 500 });
  const p = engine.transcribe(await textPage(), { signal: ac.signal });
  // abort once the 503 has been answered and the policy is waiting
  const waitForAnswer = async () => {
    while (double.chatRequests[0]?.answered !== 'status') await new Promise((r) => setTimeout(r, 10));
  };
  await waitForAnswer();
  ac.abort(new Error('shutting down'));
  await assert.rejects(p, /shutting down/);
  assert.equal(double.chatRequests.length, 1);
});
