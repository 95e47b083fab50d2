import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocmillError, loadConfig } from '@docmill/core';
import { engineFromConfig, type OpenAIEngine } from '../src/index.js';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DocmillError);
    return e.code;
  }
  return 'no error';
}

test('engineFromConfig: openai needs DOCMILL_OPENAI_BASE_URL, mistral needs MISTRAL_API_KEY, other names are unknown', () => {
  const empty = loadConfig({});
  assert.equal(code(() => engineFromConfig(empty, 'openai')), 'DOCMILL_ERR_ENGINE_NOT_CONFIGURED');
  assert.equal(code(() => engineFromConfig(empty, 'mistral')), 'DOCMILL_ERR_ENGINE_NOT_CONFIGURED');
  assert.equal(code(() => engineFromConfig(empty, 'gpt')), 'DOCMILL_ERR_ENGINE_UNKNOWN');
});

test('engineFromConfig: a comma-separated URL list gives one pool server each; knobs come from the config', () => {
  const config = loadConfig({ DOCMILL_OPENAI_BASE_URL: 'http://gpu1:8000/v1, http://gpu2:8000', DOCMILL_VISION_CONCURRENCY: '48', DOCMILL_VISION_LONGEST_SIDE: '1288' });
  const engine = engineFromConfig(config, 'openai') as OpenAIEngine;
  assert.equal(engine.name, 'openai');
  assert.equal(engine.renderLongestSide, 1288);
  assert.deepEqual(engine.pool.stats().map((s) => s.baseUrl), ['http://gpu1:8000', 'http://gpu2:8000']);
  const mistral = engineFromConfig(loadConfig({ MISTRAL_API_KEY: 'k' }), 'mistral');
  assert.equal(mistral.name, 'mistral');
  assert.equal(mistral.renderLongestSide, 1540);
});

test('engineFromConfig: DOCMILL_OPENAI_SERVER picks the limit field and whether cut answers are continued', async (t) => {
  const { startOpenAIDouble } = await import('../src/testing/index.js');
  const { pageImage, preparedPage, someSpans } = await import('./fixtures.js');
  const double = await startOpenAIDouble({ model: 'm' });
  t.after(() => double.close());
  const page = preparedPage({ spans: someSpans(), image: await pageImage(800, 1000) });
  const sent: Array<Record<string, unknown>> = [];
  for (const server of ['vllm', 'legacy'] as const) {
    double.enqueue({ text: '# Title\n\nHalf a sen', finishReason: 'length' }, { text: server === 'vllm' ? 'tence.' : '# Title\n\nHalf a sentence.' });
    const engine = engineFromConfig(loadConfig({ DOCMILL_OPENAI_BASE_URL: double.baseUrl, DOCMILL_MODEL: 'm', DOCMILL_OPENAI_SERVER: server }), 'openai');
    const out = await engine.transcribe(page, {});
    assert.ok(out.ok);
    assert.deepEqual(out.draft.blocks.map((b) => b.text), ['Title', 'Half a sentence.']);
    sent.push(...double.chatRequests.slice(-2).map((r) => r.body as Record<string, unknown>));
  }
  assert.deepEqual(sent.map((b) => [b.max_completion_tokens, b.max_tokens, b.continue_final_message]), [
    [6000, undefined, undefined],
    [6000, undefined, true],
    [undefined, 6000, undefined],
    [undefined, 12000, undefined],
  ]);
  assert.throws(() => loadConfig({ DOCMILL_OPENAI_SERVER: 'tgi' }));
});
