import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ui from '../src/index.js';

test('public API of @docmill/ui is pinned', () => {
  assert.deepEqual(Object.keys(ui).sort(), ['APP_DIR', 'UI_CSP', 'WWW_DIR', 'buildUi', 'registerUi', 'uploadOptions']);
});

test('the bundle is built from the app sources: no CDN, nothing inline, options from the one schema', () => {
  const dir = ui.buildUi();
  for (const f of ['index.html', 'app.js', 'app.css']) assert.ok(existsSync(join(dir, f)), f);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /https?:\/\//, 'no outside address');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /\sstyle=|<style/, 'no inline style');
  assert.match(ui.UI_CSP, /script-src 'self'/);
  assert.doesNotMatch(ui.UI_CSP, /unsafe/);
  const options = ui.uploadOptions().map((o) => o.name);
  assert.ok(options.includes('ocr') && options.includes('keep_images'));
  assert.ok(!options.includes('password'), 'never typed into a browser form');
});
