import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeReport } from '@docmill/fixtures';
import { docmill } from './run.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docmill-ask-'));
  await writeFile(join(dir, 'report.pdf'), await makeReport());
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('docmill ask on a PDF answers extractively with a citation on the right page, and reuses the conversion', async () => {
  const pdf = join(dir, 'report.pdf');
  const first = await docmill(['ask', pdf, 'How many pages of newspapers were converted?', '--engine', 'local', '--json', '-o', join(dir, 'conv')]);
  assert.equal(first.code, 0, first.stderr);
  const a = JSON.parse(first.stdout);
  assert.equal(a.mode, 'extractive');
  assert.ok(a.citations.length > 0);
  assert.equal(a.citations[0].page, 2, JSON.stringify(a.citations));
  assert.match(a.note, /no model/i);
  const converted = (await stat(join(dir, 'conv/report.json'))).mtimeMs;
  const second = await docmill(['ask', pdf, 'What does the conclusion say?', '--engine', 'local', '--json', '-o', join(dir, 'conv')]);
  assert.equal(second.code, 0, second.stderr);
  assert.equal((await stat(join(dir, 'conv/report.json'))).mtimeMs, converted, 'not reconverted');
  assert.equal(JSON.parse(second.stdout).citations[0].page, 3);
});

test('docmill ask: an empty question is a coded error', async () => {
  const r = await docmill(['ask', join(dir, 'report.pdf'), '  ', '--engine', 'local', '--json', '-o', join(dir, 'conv')]);
  assert.notEqual(r.code, 0);
  assert.match(r.stdout + r.stderr, /DOCMILL_ERR_ASK_EMPTY_QUESTION/);
});
