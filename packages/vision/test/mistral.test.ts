import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMistralEngine } from '../src/index.js';
import { startOpenAIDouble } from '../src/testing/index.js';
import { pageImage, preparedPage, someSpans } from './fixtures.js';

test('mistral chat mode: the same page prompt with the image, the key as Bearer, the configured model', async (t) => {
  const double = await startOpenAIDouble({ model: 'mistral-small-latest', apiKey: 'mk', reply: () => ({ text: '## Minutes\n\n- item one\n- item two' }) });
  t.after(() => double.close());
  const engine = createMistralEngine({ apiKey: 'mk', baseUrl: double.url, model: 'mistral-small-latest' });
  const out = await engine.transcribe(preparedPage({ spans: someSpans(), image: await pageImage(1190, 1540) }), {});
  assert.ok(out.ok);
  assert.equal(out.draft.engine, 'mistral');
  assert.deepEqual(out.draft.blocks.map((b) => [b.type, b.text]), [['heading', 'Minutes'], ['list-item', 'item one'], ['list-item', 'item two']]);
  assert.equal(double.chatRequests[0]!.images.length, 1);
});

test('mistral ocr mode: POST /v1/ocr with the page as an image_url document, pages[0].markdown → blocks', async (t) => {
  const double = await startOpenAIDouble({ model: 'unused', apiKey: 'mk', reply: () => ({ text: '# Invoice 42\n\n| Qty | Item |\n|---|---|\n| 2 | Pens |' }) });
  t.after(() => double.close());
  const engine = createMistralEngine({ apiKey: 'mk', baseUrl: `${double.url}/v1`, model: 'x', mode: 'ocr', sleep: async () => {} });
  double.enqueue({ status: 500 });
  const out = await engine.transcribe(preparedPage({ image: await pageImage(800, 1000) }), {});
  assert.ok(out.ok, JSON.stringify(out));
  const ocr = double.requests.filter((r) => r.path === '/v1/ocr');
  assert.equal(ocr.length, 2, 'the 500 was retried');
  const body = ocr[1]!.body as { model: string; document: { type: string; image_url: string } };
  assert.equal(body.model, 'mistral-ocr-latest');
  assert.equal(body.document.type, 'image_url');
  assert.match(body.document.image_url, /^data:image\/(png|jpeg);base64,/);
  assert.deepEqual(out.draft.blocks.map((b) => b.type), ['heading', 'table']);
  assert.deepEqual(out.draft.blocks[1]?.rows, [['Qty', 'Item'], ['2', 'Pens']]);
});

test('createMistralEngine without a key → ENGINE_NOT_CONFIGURED', () => {
  assert.throws(() => createMistralEngine({ apiKey: '', model: 'm' }), /DOCMILL_ERR_ENGINE_NOT_CONFIGURED|not configured/);
});

test('ocrPage: an answer without pages[0].markdown is ENGINE_BAD_RESPONSE', async (t) => {
  const { createServer } = await import('node:http');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ pages: [], model: 'mistral-ocr-latest' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const { OpenAICompatClient, ocrPage } = await import('../src/index.js');
  const client = new OpenAICompatClient({ baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}` });
  await assert.rejects(ocrPage(client, 'mistral-ocr-latest', 'data:image/png;base64,AAAA'), /DOCMILL_ERR_ENGINE_BAD_RESPONSE|pages\[0\]\.markdown/);
});

test('mistral ocr mode records the endpoint\'s usage_info (pages_processed, doc_size_bytes) in the page usage', async (t) => {
  const double = await startOpenAIDouble({ model: 'unused', apiKey: 'mk', reply: () => ({ text: '# Invoice 42\n\nTotal due: 12 EUR.' }) });
  t.after(() => double.close());
  const engine = createMistralEngine({ apiKey: 'mk', baseUrl: double.url, model: 'x', mode: 'ocr', sleep: async () => {} });
  t.after(() => engine.close?.());
  const out = await engine.transcribe(preparedPage({ image: await pageImage(800, 1000) }), {});
  assert.ok(out.ok, JSON.stringify(out));
  const ocr = double.requests.filter((r) => r.path === '/v1/ocr');
  assert.equal(ocr.length, 1);
  assert.equal(out.draft.usage?.pagesProcessed, 1);
  assert.equal(out.draft.usage?.docSizeBytes, ocr[0]!.images[0]!.bytes, 'the bytes the double decoded from the request');
});

test('mistral ocr mode: an answer that fails a check is not sent to the OCR endpoint again; the next attempt asks the chat model up the temperature ladder', async (t) => {
  const double = await startOpenAIDouble({ model: 'mistral-small-latest', apiKey: 'mk' });
  t.after(() => double.close());
  // the OCR endpoint reads nothing on a page whose text layer has text; the chat model reads it
  double.enqueue({ text: '' }, { text: '## Minutes\n\nThe board met.' });
  const engine = createMistralEngine({ apiKey: 'mk', baseUrl: double.url, model: 'mistral-small-latest', mode: 'ocr', sleep: async () => {} });
  t.after(() => engine.close?.());
  const out = await engine.transcribe(preparedPage({ spans: someSpans(), image: await pageImage(800, 1000) }), {});
  assert.ok(out.ok, JSON.stringify(out));
  assert.deepEqual(double.requests.filter((r) => r.method === 'POST').map((r) => r.path), ['/v1/ocr', '/v1/chat/completions']);
  const chat = double.chatRequests[0]!.body as { temperature: number };
  assert.equal(chat.temperature, 0.3, 'the second rung of the ladder');
  assert.equal(out.draft.usage?.attempts, 2);
  assert.equal(out.draft.usage?.pagesProcessed, 1, 'the OCR call is still counted');
});
