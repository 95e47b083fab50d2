// `docmill view <dir>`: the review app over convert outputs, in a real browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { launchBrowser, makeReport } from '@docmill/fixtures';
import { docmill } from './run.js';

const BIN = new URL('../bin/docmill.js', import.meta.url).pathname;

test('docmill view serves the review app over a folder of outputs, on 127.0.0.1, with no key', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'docmill-view-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'report.pdf'), await makeReport());
  const converted = await docmill(['convert', join(dir, 'report.pdf'), '-o', join(dir, 'out'), '-q']);
  assert.equal(converted.code, 0, converted.stderr);

  const child = spawn(process.execPath, [BIN, 'view', join(dir, 'out'), '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /(http:\/\/\S+)\/ui\//.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`docmill view exited (${code}): ${stderr}`)));
  });
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/, 'loopback only');

  const browser = await launchBrowser(t);
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await page.goto(`${url}/ui/`);
  // No sign-in: straight to the folder's documents, read-only (no upload).
  const jobs = page.getByRole('table', { name: 'Jobs' });
  await jobs.getByRole('link', { name: 'report.pdf' }).click();
  assert.equal(await page.getByLabel('API key').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Upload' }).count(), 0);
  await page.getByRole('heading', { name: 'report.pdf' }).waitFor();
  // The image is drawn from the original input (no --images), and the text is the page's.
  const img = page.locator('img[alt="Page 1"]');
  await img.evaluate((el) => (el as unknown as { decode(): Promise<void> }).decode());
  assert.ok((await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)) > 100);
  await page.getByLabel('Page text').getByText('Quarterly Report', { exact: false }).first().waitFor();
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.locator('figcaption').getByText(/^Page 2/).waitFor();
  assert.match(page.url(), /#\/doc\/report\/2$/);
  await page.getByLabel('Page text').click();
  await page.keyboard.press('ArrowLeft');
  await page.locator('figcaption').getByText(/^Page 1/).waitFor();

  // Search and questions work without a job system.
  await page.getByLabel('Search', { exact: true }).fill('newspaper');
  await page.getByRole('button', { name: 'Go' }).click();
  await page.getByRole('region', { name: 'Search results' }).getByRole('link', { name: /report\.pdf, page \d/ }).first().waitFor();
  await page.getByLabel('Question').fill('How many newspaper pages were converted?');
  await page.getByRole('button', { name: 'Ask' }).click();
  await page.getByRole('region', { name: 'Answer' }).getByRole('link').first().waitFor();
});
