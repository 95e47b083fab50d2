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
