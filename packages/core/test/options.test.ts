import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCMILL_VERSION, DocumentOptionsSchema, OPTION_NAMES, OPTION_SURFACES, optionValueKind, optionsHash, stableHash } from '../src/index.js';

test('the fingerprint ignores the password, time limits and extra fields, and counts unset options as their defaults', () => {
  const base = optionsHash({});
  assert.equal(optionsHash({ password: 'x', pageTimeoutMs: 5 }), base);
  assert.equal(optionsHash({ ...{ _faultPages: [1] } } as never), base);
  assert.equal(optionsHash({ engine: 'local', ocr: 'auto', keepImages: false }), base);
  assert.notEqual(optionsHash({ pages: '1' }), base);
  assert.notEqual(optionsHash({ engine: 'openai' }), base);
  assert.notEqual(optionsHash({ keepImages: true }), base);
  assert.notEqual(optionsHash({ lang: 'deu' }), base);
  assert.equal(optionsHash({ onServerDown: 'fail' }), base, 'how to wait for a server does not change a result');
});

test('the fingerprint of earlier versions is kept, so existing outputs stay up to date', () => {
  // Note: the formula before the one schema, written out; outputs made by it must not all reconvert.
  const old = (o: { pages?: string; ocr?: string; engine?: string; keepImages?: boolean }) =>
    stableHash({ v: DOCMILL_VERSION, pages: o.pages ?? 'all', ocr: o.ocr ?? 'auto', engine: o.engine ?? 'local', keepImages: !!o.keepImages });
  for (const o of [{}, { pages: '1-3' }, { ocr: 'never' as const, engine: 'openai' as const }, { keepImages: true }]) assert.equal(optionsHash(o), old(o));
});

test('every option is spelled on the surfaces consistently', () => {
  const api = OPTION_NAMES.map((n) => OPTION_SURFACES[n].api).filter(Boolean);
  assert.equal(new Set(api).size, api.length, 'API names are unique');
  for (const name of OPTION_NAMES) {
    const api = OPTION_SURFACES[name].api;
    if (api) assert.match(api, /^[a-z][a-z0-9_]*$/, `${name}: API names are snake_case`);
    const kind = optionValueKind(name);
    const cli = OPTION_SURFACES[name].cli;
    // A boolean flag takes no value; every other flag takes one.
    if (cli) assert.equal(/<[^>]+>/.test(cli), kind.kind !== 'boolean', `${name}: ${cli}`);
  }
  assert.deepEqual(optionValueKind('ocr'), { kind: 'enum', choices: ['auto', 'always', 'never'] });
  assert.throws(() => DocumentOptionsSchema.parse({ unknown: 1 }));
});
