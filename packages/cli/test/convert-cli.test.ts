import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, readFile, rm, stat, symlink, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeReport, makeNumberedPages, encryptedPdf } from '@docmill/fixtures';
import { parseMarkdown, headings } from '@docmill/fixtures';
import { docmill } from './run.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docmill-cli-'));
  await mkdir(join(dir, 'in/nested'), { recursive: true });
  await writeFile(join(dir, 'in/report.pdf'), await makeReport());
  await writeFile(join(dir, 'in/nested/pages.pdf'), await makeNumberedPages(4));
  await writeFile(join(dir, 'in/nested/notes.pdf'), 'just some text with a .pdf name');
  await writeFile(join(dir, 'in/empty.pdf'), '');
  await writeFile(join(dir, 'in/readme.txt'), 'not picked up when walking a directory');
  // A linked folder is followed; a link back to an ancestor is not walked forever.
  await mkdir(join(dir, 'elsewhere'));
  await writeFile(join(dir, 'elsewhere/linked.pdf'), await makeNumberedPages(1));
  await symlink(join(dir, 'elsewhere'), join(dir, 'in/linked'));
  await symlink(join(dir, 'in'), join(dir, 'in/nested/loop'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('--help documents the commands and options', async () => {
  const top = await docmill(['--help']);
  assert.equal(top.code, 0);
  for (const cmd of ['convert', 'worker', 'serve']) assert.match(top.stdout, new RegExp(`\\b${cmd}\\b`));
  const conv = await docmill(['convert', '--help']);
  assert.equal(conv.code, 0);
  for (const opt of ['--output', '--pages', '--concurrency', '--images', '--force', '--quiet', '--json', '--password', '--ocr', '--engine', '--page-timeout']) {
    assert.ok(conv.stdout.includes(opt), opt);
  }
});

test('bad usage exits with 2', async () => {
  assert.equal((await docmill(['convert', 'x.pdf'])).code, 2, 'missing -o');
  assert.equal((await docmill(['convert', 'x.pdf', '-o', 'out', '--ocr', 'sometimes'])).code, 2, 'bad choice');
  assert.equal((await docmill(['frobnicate'])).code, 2, 'unknown command');
});

test('a directory converts, mirrors its tree, reports failures, and resumes', async () => {
  const out = join(dir, 'out');
  const first = await docmill(['convert', join(dir, 'in'), '-o', out, '--json']);
  assert.equal(first.code, 1, first.stderr);
  const s1 = JSON.parse(first.stdout);
  assert.equal(s1.converted, 3);
  assert.equal(s1.failed, 2);
  assert.equal(s1.pages, 8);
  const failed = Object.fromEntries(s1.documents.filter((d: { status: string }) => d.status === 'failed').map((d: { input: string; error: { code: string } }) => [d.input.split('/').pop(), d.error.code]));
  assert.deepEqual(failed, { 'empty.pdf': 'DOCMILL_ERR_INPUT_EMPTY', 'notes.pdf': 'DOCMILL_ERR_INPUT_UNSUPPORTED_TYPE' });

  // The tree is mirrored; the failure is recorded next to where the output would be.
  const md = await readFile(join(out, 'nested/pages.md'), 'utf8');
  assert.deepEqual(headings(parseMarkdown(md)).map((h) => h.text), ['Section 1', 'Section 2', 'Section 3', 'Section 4']);
  const json = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
  assert.equal(json.source.pages, 3);
  assert.equal(json.pages.length, 3);
  assert.equal(JSON.parse(await readFile(join(out, 'nested/notes.json'), 'utf8')).error.code, 'DOCMILL_ERR_INPUT_UNSUPPORTED_TYPE');
  await assert.rejects(stat(join(out, 'readme.md')));
  assert.equal(JSON.parse(await readFile(join(out, 'linked/linked.json'), 'utf8')).pages.length, 1);

  // Second run: the converted ones are up to date and skipped.
  const before = (await stat(join(out, 'report.json'))).mtimeMs;
  const second = await docmill(['convert', join(dir, 'in'), '-o', out, '--json']);
  const s2 = JSON.parse(second.stdout);
  assert.equal(s2.skipped, 3);
  assert.equal(s2.converted, 0);
  assert.equal((await stat(join(out, 'report.json'))).mtimeMs, before);

  // --force reconverts; changed bytes reconvert without it.
  await writeFile(join(dir, 'in/nested/pages.pdf'), await makeNumberedPages(2));
  const third = await docmill(['convert', join(dir, 'in'), '-o', out, '--json']);
  const s3 = JSON.parse(third.stdout);
  assert.equal(s3.converted, 1);
  assert.equal(s3.skipped, 2);
  const forced = JSON.parse((await docmill(['convert', join(dir, 'in/report.pdf'), '-o', out, '--json', '--force'])).stdout);
  assert.equal(forced.converted, 1);
});

test('--pages and a missing input', async () => {
  const out = join(dir, 'out-pages');
  const r = await docmill(['convert', join(dir, 'in/nested/pages.pdf'), join(dir, 'nope.pdf'), '-o', out, '--pages', '2', '--json']);
  assert.equal(r.code, 1);
  const s = JSON.parse(r.stdout);
  assert.equal(s.converted, 1);
  assert.equal(s.documents.find((d: { status: string }) => d.status === 'failed').error.code, 'DOCMILL_ERR_INPUT_NOT_FOUND');
  const json = JSON.parse(await readFile(join(out, 'pages.json'), 'utf8'));
  assert.deepEqual(json.pages.map((p: { index: number }) => p.index), [1]);
});

test('a file over DOCMILL_MAX_BYTES is refused by its size, before it is read', async () => {
  // A sparse 400 MB file: reading it whole before the check (as convert once did) took 400 MB of memory.
  const big = join(dir, 'big.pdf');
  await writeFile(big, '%PDF-1.7\n');
  await truncate(big, 400 * 1024 * 1024);
  try {
    const r = await docmill(['convert', big, '-o', join(dir, 'out-big'), '--json'], undefined, { DOCMILL_MAX_BYTES: String(1024 * 1024) });
    assert.equal(r.code, 1);
    const s = JSON.parse(r.stdout);
    assert.equal(s.documents[0].error.code, 'DOCMILL_ERR_INPUT_TOO_LARGE');
    assert.ok(s.maxRssMb < 300, `peak RSS ${s.maxRssMb} MB: the file was read`);
  } finally {
    await rm(big, { force: true });
  }
});

test('an encrypted PDF needs --password; with it, it converts', async () => {
  const file = join(dir, 'secret.pdf');
  await writeFile(file, encryptedPdf({ userPassword: 'opensesame', ownerPassword: 'owner', text: 'The vault opens at midnight.' }));
  const out = join(dir, 'out-secret');
  const without = await docmill(['convert', file, '-o', out, '--json']);
  assert.equal(without.code, 1);
  assert.equal(JSON.parse(without.stdout).documents[0].error.code, 'DOCMILL_ERR_PDF_ENCRYPTED');
  const wrong = await docmill(['convert', file, '-o', out, '--json', '--password', 'nope']);
  assert.equal(JSON.parse(wrong.stdout).documents[0].error.code, 'DOCMILL_ERR_PDF_BAD_PASSWORD');
  const right = await docmill(['convert', file, '-o', out, '--json', '--password', 'opensesame']);
  assert.equal(right.code, 0, right.stderr);
  assert.match(await readFile(join(out, 'secret.md'), 'utf8'), /The vault opens at midnight\./);
});
