import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { DocmillError } from '@docmill/core';
import { OpenAICompatClient, normalizeBaseUrl, parseRetryAfter } from '../src/index.js';
import { startOpenAIDouble } from '../src/testing/index.js';

const hello = [{ role: 'user' as const, content: 'Say OK.' }];

async function rejects(p: Promise<unknown>, code: string): Promise<DocmillError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DocmillError, `expected a DocmillError, got ${String(e)}`);
    assert.equal(e.code, code);
    return e;
  }
  assert.fail(`expected ${code}`);
}

test('chat: text, finish reason, usage and latency; base URL with or without /v1; Bearer key', async (t) => {
  const double = await startOpenAIDouble({ model: 'm', apiKey: 'sekrit', reply: () => ({ text: 'OK then', usage: { prompt_tokens: 11, completion_tokens: 3 } }) });
  t.after(() => double.close());
  for (const baseUrl of [double.url, double.baseUrl, `${double.baseUrl}/`]) {
    const client = new OpenAICompatClient({ baseUrl, apiKey: 'sekrit' });
    const r = await client.chat({ model: 'm', messages: hello, temperature: 0.15, max_tokens: 16 });
    assert.equal(r.text, 'OK then');
    assert.equal(r.finishReason, 'stop');
    assert.deepEqual(r.usage, { promptTokens: 11, completionTokens: 3, totalTokens: 14 });
    assert.ok(r.latencyMs >= 0);
  }
  assert.equal(double.chatRequests.length, 3);
  assert.equal(double.chatRequests[0]!.headers.authorization, 'Bearer sekrit');
  const body = double.chatRequests[0]!.body as Record<string, unknown>;
  assert.equal(body.temperature, 0.15);
  assert.equal(body.max_tokens, 16);
  assert.equal(body.stream, false);
  // a wrong key is the server's 401: a non-retryable ENGINE_HTTP
  const e = await rejects(new OpenAICompatClient({ baseUrl: double.url, apiKey: 'nope' }).chat({ model: 'm', messages: hello }), 'DOCMILL_ERR_ENGINE_HTTP');
  assert.equal(e.details?.status, 401);
  assert.equal(e.retryable, false);
});

test('429 → ENGINE_RATE_LIMITED with Retry-After in seconds; 500 → retryable ENGINE_HTTP; 400 → not retryable', async (t) => {
  const double = await startOpenAIDouble({ model: 'm' });
  t.after(() => double.close());
  const client = new OpenAICompatClient({ baseUrl: double.url });
  double.enqueue({ status: 429, headers: { 'retry-after': '7' } }, { status: 503, message: 'overloaded' }, { status: 400, message: 'bad field' }, { status: 400, message: "This model's maximum context length is 131072 tokens." });
  const rl = await rejects(client.chat({ model: 'm', messages: hello }), 'DOCMILL_ERR_ENGINE_RATE_LIMITED');
  assert.equal(rl.details?.retryAfterSeconds, 7);
  const s5 = await rejects(client.chat({ model: 'm', messages: hello }), 'DOCMILL_ERR_ENGINE_HTTP');
  assert.equal(s5.details?.status, 503);
  assert.equal(s5.retryable, true);
  assert.match(s5.message, /overloaded/);
  const s4 = await rejects(client.chat({ model: 'm', messages: hello }), 'DOCMILL_ERR_ENGINE_HTTP');
  assert.equal(s4.retryable, false);
  await rejects(client.chat({ model: 'm', messages: hello }), 'DOCMILL_ERR_ENGINE_CONTEXT_OVERFLOW');
});

test('parseRetryAfter reads seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('3'), 3);
  assert.equal(parseRetryAfter(null), undefined);
  assert.equal(parseRetryAfter('soon'), undefined);
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
});

test('connection reset and refused → ENGINE_CONNECTION; slow answer → ENGINE_TIMEOUT; non-JSON → ENGINE_BAD_RESPONSE', async (t) => {
  const double = await startOpenAIDouble({ model: 'm' });
  t.after(() => double.close());
  const client = new OpenAICompatClient({ baseUrl: double.url, timeoutMs: 30_000 });
  double.enqueue({ reset: true });
  await rejects(client.chat({ model: 'm', messages: hello }), 'DOCMILL_ERR_ENGINE_CONNECTION');
  double.enqueue({ text: 'late', delayMs: 60_000 });
  const to = await rejects(client.chat({ model: 'm', messages: hello }, { timeoutMs: 300 }), 'DOCMILL_ERR_ENGINE_TIMEOUT');
  assert.equal(to.details?.timeoutMs, 300);
  double.enqueue({ status: 200, rawBody: '<html>gateway</html>' });
  await rejects(client.chat({ model: 'm', messages: hello }), 'DOCMILL_ERR_ENGINE_BAD_RESPONSE');
  // a port nobody listens on
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const refused = await rejects(new OpenAICompatClient({ baseUrl: `http://127.0.0.1:${port}` }).chat({ model: 'm', messages: hello }), 'DOCMILL_ERR_ENGINE_CONNECTION');
  assert.equal(refused.details?.cause, 'ECONNREFUSED');
});

test("the caller's abort is rethrown as its reason, not a coded error", async (t) => {
  const double = await startOpenAIDouble({ model: 'm', reply: () => ({ text: 'late', delayMs: 60_000 }) });
  t.after(() => double.close());
  const client = new OpenAICompatClient({ baseUrl: double.url });
  const ac = new AbortController();
  const p = client.chat({ model: 'm', messages: hello }, { signal: ac.signal });
  setImmediate(() => ac.abort(new Error('job canceled')));
  await assert.rejects(p, (e: unknown) => e instanceof Error && !(e instanceof DocmillError) && e.message === 'job canceled');
});

test('tokenize (vLLM /tokenize) and models', async (t) => {
  const double = await startOpenAIDouble({ model: 'm', tokenize: (s) => s.split(/\s+/).filter(Boolean).length });
  t.after(() => double.close());
  const client = new OpenAICompatClient({ baseUrl: double.baseUrl });
  assert.equal((await client.tokenize('three little words', { model: 'm' })).count, 3);
  assert.equal((await client.tokenize({ messages: [{ role: 'user', content: 'two words' }] })).count, 2);
  assert.deepEqual(await client.models(), ['m']);
  const tok = double.requests.find((r) => r.path === '/tokenize')!;
  assert.deepEqual(tok.body, { prompt: 'three little words', model: 'm' });
});

test('normalizeBaseUrl strips trailing slashes and /v1', () => {
  assert.equal(normalizeBaseUrl('http://gpu1:8000/v1/'), 'http://gpu1:8000');
  assert.equal(normalizeBaseUrl('http://gpu1:8000'), 'http://gpu1:8000');
  assert.equal(normalizeBaseUrl('https://api.mistral.ai/v1'), 'https://api.mistral.ai');
});
