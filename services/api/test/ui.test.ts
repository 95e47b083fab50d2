// The review app in a real browser (Debian's Chromium driven by playwright-core)
// against a real API, real workers and the test Redis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { launchBrowser, makeScannedPage } from '@docmill/fixtures';
import type { Page } from 'playwright-core';
import { ACME, makePdf, world } from './helpers.js';

/** A born-digital page, then a scanned one (no text layer): read with ocr=never, the second page needs review. */
async function mixedPdf(): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const bytes of [await makePdf(1), await makeScannedPage()]) {
    const src = await PDFDocument.load(bytes);
    for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
  }
  return out.save();
}

async function submit(base: string, name: string, bytes: Uint8Array, fields: Record<string, string> = {}): Promise<string> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([bytes]), name);
  const res = await fetch(`${base}/v1/jobs`, { method: 'POST', headers: ACME, body: form });
  assert.equal(res.status, 202, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

async function finished(base: string, id: string): Promise<void> {
  // Note: the events stream ends after the final state; reading it to the end is the wait.
  const res = await fetch(`${base}/v1/jobs/${id}/events`, { headers: ACME });
  await res.text();
  const job = (await (await fetch(`${base}/v1/jobs/${id}`, { headers: ACME })).json()) as { status: string };
  assert.equal(job.status, 'succeeded');
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.DOCMILL_UI_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `ui-${name}.png`), fullPage: true });
}

test('the review app: sign in, live jobs, upload, a page beside its text, review filter, search, questions, tenants', async (t) => {
  const w = await world(t);
  await w.startWorkers();
  const base = await w.listen();
  const ledger = await submit(base, 'ledger.pdf', await makePdf(3));
  const mixed = await submit(base, 'mixed.pdf', await mixedPdf(), { ocr: 'never' });
  await finished(base, ledger);
  await finished(base, mixed);

  const browser = await launchBrowser(t);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  page.on('dialog', (d) => void d.accept());

  // The app's page: its own scripts only.
  const res = await page.goto(`${base}/ui/`);
  const csp = res?.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);

  // A wrong key is refused at sign-in; the right one lists the tenant's jobs.
  await signIn(page, 'not-a-real-key');
  await page.getByRole('alert').filter({ hasText: 'refused' }).waitFor();
  await signIn(page, 'key-acme-0001');
  const jobs = page.getByRole('table', { name: 'Jobs' });
  await jobs.getByRole('link', { name: 'ledger.pdf' }).waitFor();
  await jobs.getByRole('link', { name: 'mixed.pdf' }).waitFor();
  await jobs.getByRole('row').filter({ hasText: 'mixed.pdf' }).getByRole('link', { name: '1 to review' }).waitFor();
  assert.equal(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('docmill.apiKey')), 'key-acme-0001');

  // Upload with an option; the row follows the job live to its end, then is deleted.
  // Dropped onto the drop zone, as a person drags a file from their desktop.
  const bytes = [...(await makePdf(2))];
  const dropped = await page.evaluateHandle((data) => {
    const g = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: unknown[], name: string, o: object) => unknown };
    const transfer = new g.DataTransfer();
    transfer.items.add(new g.File([new Uint8Array(data)], 'uploaded.pdf', { type: 'application/pdf' }));
    return transfer;
  }, bytes);
  await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: dropped });
  await page.locator('.dropzone').getByText('uploaded.pdf').waitFor();
  await page.getByRole('combobox', { name: /^ocr/ }).selectOption('never');
  await page.getByRole('button', { name: 'Upload' }).click();
  const uploadedRow = jobs.getByRole('row').filter({ hasText: 'uploaded.pdf' });
  await uploadedRow.getByText('succeeded').waitFor({ timeout: 60_000 });
  await uploadedRow.getByText('2/2').waitFor();
  await shot(page, 'jobs');
  await uploadedRow.getByRole('button', { name: 'Delete' }).click();
  await uploadedRow.waitFor({ state: 'detached' });

  // The document view: the page image (drawn on demand: no image was kept) beside its text, boxes linked to the text.
  await jobs.getByRole('link', { name: 'mixed.pdf' }).click();
  await page.getByRole('heading', { name: 'mixed.pdf' }).waitFor();
  // Note: functions, not strings: the app's CSP forbids eval, and Playwright's string form is an eval.
  await page.locator('img[alt="Page 1"]').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
  assert.ok((await page.locator('img[alt="Page 1"]').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)) > 100);
  const text = page.getByLabel('Page text');
  await text.getByText('Chapter 1').waitFor();
  const boxes = page.locator('.box');
  assert.ok((await boxes.count()) >= 2, 'a box per block');
  await boxes.first().hover();
  assert.equal(await text.locator('.lit').count(), 1, 'hovering a box lights its text');
  await text.locator('[data-block]').first().hover();
  assert.equal(await page.locator('.box.lit').count(), 1, 'and the other way round');
  await page.getByLabel('Raw Markdown').check();
  assert.match((await page.getByLabel('Page Markdown source').textContent()) ?? '', /# Chapter 1/);
  await page.getByLabel('Raw Markdown').uncheck();
  await shot(page, 'document');

  // Pages to review: the scanned page read without OCR.
  await page.getByLabel(/Pages to review/).check();
  await page.locator('figcaption').getByText('needs_ocr').waitFor();
  assert.match(page.url(), /#\/doc\/[^/]+\/2\?review=1$/);

  // Search across the tenant's documents, and open a hit's page.
  // Note: the index is fed from the job outbox after a job ends; wait until it has the document (a condition, not a sleep).
  for (let i = 0; i < 400; i++) {
    const found = (await (await fetch(`${base}/v1/search?q=amber`, { headers: ACME })).json()) as { hits: unknown[] };
    if (found.hits.length > 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.getByLabel('Search', { exact: true }).fill('amber');
  await page.getByRole('button', { name: 'Go' }).click();
  const hit = page.getByRole('region', { name: 'Search results' }).getByRole('link', { name: /ledger\.pdf, page 3/ });
  await hit.click();
  await page.getByRole('heading', { name: 'ledger.pdf' }).waitFor();
  await page.getByLabel('Page text').getByText('Chapter 3').waitFor();

  // A question: the answer's citation opens its page with the quote lit.
  await page.getByLabel('Question').fill('How many crates of paper are on page 2?');
  await page.getByRole('button', { name: 'Ask' }).click();
  const citation = page.getByRole('region', { name: 'Answer' }).getByRole('link').first();
  await citation.waitFor({ timeout: 60_000 });
  const cited = Number(/page (\d+)/.exec((await citation.textContent()) ?? '')?.[1]);
  await citation.click();
  await page.getByLabel('Page text').locator('.quoted').waitFor();
  assert.match(page.url(), new RegExp(`/${cited}\\?quote=`));
  await page.locator(`img[alt="Page ${cited}"]`).evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
  await shot(page, 'answer');

  // The key went in headers only, never in a URL.
  assert.ok(requested.length > 10);
  assert.ok(requested.every((u) => !u.includes('key-acme-0001')), 'no URL carries the key');

  // Another tenant sees none of it, not even by the document's address.
  const other = await (await browser.newContext()).newPage();
  await other.goto(`${base}/ui/`);
  await signIn(other, 'key-globex-01');
  await other.getByText('No documents yet.').waitFor();
  await other.goto(`${base}/ui/#/doc/${mixed}/1`);
  await other.getByRole('alert').filter({ hasText: 'JOB_NOT_FOUND' }).waitFor();
  assert.equal(await other.getByRole('img').count(), 0);

  // Signing out forgets the key.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').waitFor();
  assert.equal(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('docmill.apiKey')), null);
});
