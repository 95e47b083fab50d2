import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { DocmillError, isDocmillError, loadConfig } from '@docmill/core';
import { imageTokens, OpenAICompatClient } from '@docmill/vision';
import { startOpenAIDouble, type OpenAIDouble, type RecordedRequest } from '@docmill/vision/testing';
import { askDocument, EXTRACTIVE_NOTE, type AskClient } from '../src/index.js';
import { filler, makeDoc } from './helpers.js';

/** The double's token count, used both by its /tokenize and by the assertions. */
const countTokens = (text: string) => Math.ceil(text.length / 4);

let double: OpenAIDouble;
let client: OpenAICompatClient;

before(async () => {
  double = await startOpenAIDouble({ model: 'm', tokenize: countTokens });
  client = new OpenAICompatClient({ baseUrl: double.baseUrl });
});
after(async () => {
  await double.close();
});

function reply(answer: string, citations: Array<{ page: number; quote: string }>) {
  return { text: JSON.stringify({ answer, citations }) };
}

/** Pages (1-based) as they appear between markers in a recorded prompt, in order. */
function pagesInPrompt(rec: RecordedRequest): number[] {
  return [...rec.text.matchAll(/<page number="(\d+)">\n[\s\S]*?\n<\/page>/g)].map((m) => Number(m[1]));
}

function lastChat(): RecordedRequest {
  const r = double.chatRequests.at(-1);
  assert.ok(r, 'a chat request was sent');
  assert.equal(r.valid, true, r.error);
  return r;
}

const small = makeDoc([
  { blocks: [{ type: 'heading', level: 1, text: 'Harbour survey' }, { type: 'paragraph', text: 'The harbour survey counted 412 moorings in the east basin.' }] },
  { blocks: [{ type: 'paragraph', text: 'Dredging of the west basin began in March and ends in October.' }] },
  { blocks: [{ type: 'paragraph', text: 'The budget for dredging is 3.2 million euros, funded by the port authority.' }] },
]);

test('full context: every page once, in order, between markers; /tokenize counts the prompt', async () => {
  const before = double.requests.filter((r) => r.path === '/tokenize').length;
  double.enqueue(reply('Dredging costs 3.2 million euros.', [{ page: 3, quote: 'The budget for dredging is 3.2 million euros' }]));
  const a = await askDocument(small, 'How much does the dredging cost?', { engine: 'openai', client, model: 'm' });
  const rec = lastChat();
  assert.deepEqual(pagesInPrompt(rec), [1, 2, 3]);
  for (const p of small.pages) assert.equal(rec.text.split(p.markdown).length - 1, 1, `page ${p.index + 1} text appears exactly once`);
  assert.match(rec.text, /Question: How much does the dredging cost\?/);
  assert.equal(a.mode, 'full-context');
  assert.equal(a.answer, 'Dredging costs 3.2 million euros.');
  assert.deepEqual(a.citations, [{ page: 3, quote: 'The budget for dredging is 3.2 million euros' }]);
  assert.equal(a.usage.tokenCount, 'exact');
  assert.equal(a.usage.pagesInContext, 3);
  assert.ok(double.requests.filter((r) => r.path === '/tokenize').length > before, '/tokenize was called');
  const body = rec.body as { response_format?: { type?: string }; max_tokens?: number; temperature?: number };
  assert.equal(body.response_format?.type, 'json_schema');
  assert.equal(body.temperature, 0.15);
  assert.equal(a.note, undefined);
});

test('citations that are not on the cited page are repaired or dropped', async () => {
  double.enqueue(
    reply('West basin dredging runs March to October.', [
      { page: 1, quote: 'Dredging of the west basin began in March' },
      { page: 2, quote: 'dredging of the west basin started in march and ends in october' },
      { page: 2, quote: 'The harbour holds 9,000 yachts' },
    ]),
  );
  const a = await askDocument(small, 'When does dredging happen?', { engine: 'openai', client, model: 'm' });
  assert.deepEqual(a.citations, [
    { page: 2, quote: 'Dredging of the west basin began in March' },
    { page: 2, quote: 'Dredging of the west basin began in March and ends in October.' },
  ]);
  assert.match(a.note ?? '', /1 citation whose quote is not in the document was dropped/);
  assert.match(a.note ?? '', /2 citations .* corrected/);
});

test('a reply in prose with [p. N] markers is read and checked too', async () => {
  double.enqueue({ text: 'It counted 412 moorings [p. 1] "counted 412 moorings in the east basin".' });
  const a = await askDocument(small, 'How many moorings?', { engine: 'openai', client, model: 'm' });
  assert.deepEqual(a.citations, [{ page: 1, quote: 'counted 412 moorings in the east basin' }]);
});

test('over budget (600 pages): retrieval, never over the budget, the answer says so', async () => {
  const pages = Array.from({ length: 600 }, (_, i) => ({ blocks: [{ type: 'paragraph' as const, text: filler(i, 30) }] }));
  pages[417] = { blocks: [{ type: 'paragraph', text: `${filler(417, 10)} The zirconium alloy shipment arrived on 14 May. ${filler(418, 10)}` }] };
  const big = makeDoc(pages);
  const contextTokens = 131072;
  const answerTokens = 2048;
  double.enqueue(reply('On 14 May.', [{ page: 418, quote: 'The zirconium alloy shipment arrived on 14 May.' }]));
  const a = await askDocument(big, 'When did the zirconium alloy shipment arrive?', { engine: 'openai', client, model: 'm', contextTokens, answerTokens });
  const rec = lastChat();
  const sent = countTokens(rec.text) + rec.images.reduce((s, im) => s + imageTokens(im.width, im.height), 0);
  assert.ok(countTokens(big.pages.map((p) => p.markdown).join('\n')) > contextTokens, 'the fixture really is over budget');
  assert.ok(sent + answerTokens <= contextTokens, `prompt ${sent} + answer ${answerTokens} > ${contextTokens}`);
  assert.ok(sent > contextTokens * 0.6, `retrieval should fill the budget, used ${sent}`);
  assert.equal(a.mode, 'retrieval');
  assert.match(a.note ?? '', /used retrieval/);
  const shown = pagesInPrompt(rec);
  assert.ok(shown.includes(418), 'the page with the answer is shown');
  assert.ok(shown.includes(417) && shown.includes(419), 'with its neighbours');
  assert.deepEqual(shown, [...shown].sort((x, y) => x - y), 'pages in page order');
  assert.equal(new Set(shown).size, shown.length, 'each page once');
  assert.equal(a.usage.pagesInContext, shown.length);
  assert.deepEqual(a.citations, [{ page: 418, quote: 'The zirconium alloy shipment arrived on 14 May.' }]);
});

test('without /tokenize (404) the estimate is used, and the request still fits', async () => {
  const no404: AskClient = {
    chat: (req, o) => client.chat(req, o),
    tokenize: async () => {
      throw new DocmillError('ENGINE_HTTP', 'no /tokenize', { details: { status: 404 } });
    },
  };
  const pages = Array.from({ length: 120 }, (_, i) => ({ blocks: [{ type: 'paragraph' as const, text: filler(i, 30) }] }));
  const doc = makeDoc(pages);
  double.enqueue(reply('No.', []));
  const contextTokens = 32768;
  const a = await askDocument(doc, 'Is there a furnace?', { engine: 'openai', client: no404, model: 'm', contextTokens, answerTokens: 1024 });
  const rec = lastChat();
  assert.equal(a.usage.tokenCount, 'estimate');
  assert.equal(a.mode, 'retrieval');
  // The double counts chars/4; the estimate must be above any real count, so above this one too.
  assert.ok(countTokens(rec.text) + 1024 <= contextTokens);
});

async function pagePng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).png().toBuffer();
}

test('images go along for visual questions only, sized for the model and counted', async () => {
  const asked: number[] = [];
  const pageImage = async (index: number) => {
    asked.push(index);
    return { data: await pagePng(1700, 2200), width: 1700, height: 2200, mime: 'image/png' as const };
  };
  const doc = makeDoc([
    { blocks: [{ type: 'paragraph', text: filler(1, 20) }] },
    { blocks: [{ type: 'paragraph', text: `${filler(2, 10)} Sales grew every quarter.` }, { type: 'caption', text: 'Figure 3: Quarterly sales by region.' }] },
    { blocks: [{ type: 'paragraph', text: filler(3, 20) }] },
  ]);
  double.enqueue(reply('Sales grew.', []));
  const text = await askDocument(doc, 'Did sales grow every quarter?', { engine: 'openai', client, model: 'm', pageImage });
  assert.equal(lastChat().images.length, 0);
  assert.equal(text.usage.images, 0);
  assert.deepEqual(asked, []);

  double.enqueue(reply('The chart shows rising bars.', []));
  const visual = await askDocument(doc, 'What does Figure 3 show?', { engine: 'openai', client, model: 'm', pageImage });
  const rec = lastChat();
  assert.ok(rec.images.length >= 1, 'an image was attached');
  assert.equal(asked[0], 1, 'the page with the figure caption comes first');
  for (const im of rec.images) assert.ok(Math.max(im.width, im.height) <= 1540);
  assert.match(rec.text, /Image of page 2:/);
  assert.equal(visual.usage.images, rec.images.length);
  assert.equal(visual.usage.imageTokens, rec.images.reduce((s, im) => s + imageTokens(im.width, im.height), 0));
});

test('a thin page (a scanned chart) gets its image even for a plain question', async () => {
  const doc = makeDoc([
    { blocks: [{ type: 'paragraph', text: filler(5, 20) }] },
    { blocks: [{ type: 'paragraph', text: 'Revenue 2019–2024' }] },
  ]);
  const pageImage = async () => ({ data: await pagePng(600, 800), width: 600, height: 800, mime: 'image/png' as const });
  double.enqueue(reply('It rose.', []));
  await askDocument(doc, 'How did revenue develop?', { engine: 'openai', client, model: 'm', pageImage });
  const rec = lastChat();
  assert.equal(rec.images.length, 1);
  assert.match(rec.text, /Image of page 2:/);
});

test('a server that refuses response_format is asked again without it', async () => {
  double.enqueue({ status: 400, message: 'response_format is not supported' }, reply('412.', [{ page: 1, quote: '412 moorings' }]));
  const a = await askDocument(small, 'How many moorings?', { engine: 'openai', client, model: 'm' });
  const chats = double.chatRequests.slice(-2);
  assert.ok((chats[0]!.body as Record<string, unknown>).response_format);
  assert.equal((chats[1]!.body as Record<string, unknown>).response_format, undefined);
  assert.deepEqual(a.citations, [{ page: 1, quote: '412 moorings' }]);
});

test('extractive mode (local engine): the right page, and it says no model was asked', async () => {
  const n = double.requests.length;
  const a = await askDocument(small, 'What is the budget for dredging?', { engine: 'local' });
  assert.equal(a.mode, 'extractive');
  assert.equal(a.citations[0]?.page, 3);
  assert.match(a.answer, /^\[p\. 3\] The budget for dredging is 3\.2 million euros/);
  assert.equal(a.note, EXTRACTIVE_NOTE);
  assert.match(a.note ?? '', /No model was asked/);
  assert.equal(double.requests.length, n, 'no request to any server');
});

test('bad input: empty, too long, no pages, unknown engine', async () => {
  await assert.rejects(askDocument(small, '   ', { engine: 'local' }), (e) => isDocmillError(e, 'ASK_EMPTY_QUESTION'));
  await assert.rejects(askDocument(small, 'x'.repeat(101), { engine: 'local', maxQuestionChars: 100 }), (e) => isDocmillError(e, 'ASK_QUESTION_TOO_LONG'));
  await assert.rejects(askDocument(small, 'q'.repeat(10 * 1024 * 1024), { engine: 'openai', client, model: 'm' }), (e) => isDocmillError(e, 'ASK_QUESTION_TOO_LONG') && e.status === 413);
  await assert.rejects(askDocument(makeDoc([]), 'why?', { engine: 'local' }), (e) => isDocmillError(e, 'ASK_NOT_CONVERTED'));
  await assert.rejects(askDocument(small, 'why?', { engine: 'gpu' as never }), (e) => isDocmillError(e, 'ENGINE_UNKNOWN'));
});

test('a context too small for the question and answer is refused before sending', async () => {
  const n = double.chatRequests.length;
  await assert.rejects(
    askDocument(small, 'How many moorings are there in the east basin of the harbour?', { engine: 'openai', client, model: 'm', contextTokens: 2100, answerTokens: 2048 }),
    (e) => isDocmillError(e, 'ENGINE_CONTEXT_OVERFLOW'),
  );
  assert.equal(double.chatRequests.length, n);
});

test('far over budget: the whole document is not sent to /tokenize; a sample calibrates the fill', async () => {
  const pages = Array.from({ length: 600 }, (_, i) => ({ blocks: [{ type: 'paragraph' as const, text: filler(i + 1000, 30) }] }));
  const big = makeDoc(pages);
  const docChars = big.pages.reduce((s, p) => s + p.markdown.length, 0);
  const contextTokens = 32768;
  const answerTokens = 1024;
  const from = double.requests.length;
  double.enqueue(reply('No.', []));
  const a = await askDocument(big, 'Which furnace report compares the glacier?', { engine: 'openai', client, model: 'm', contextTokens, answerTokens });
  const rec = lastChat();
  const sent = countTokens(rec.text);
  assert.equal(a.mode, 'retrieval');
  assert.ok(sent + answerTokens <= contextTokens, `prompt ${sent} + answer ${answerTokens} > ${contextTokens}`);
  assert.ok(sent > (contextTokens - answerTokens) * 0.6, `retrieval should fill the budget, used ${sent}`);
  const tokenizeSizes = double.requests.slice(from).filter((r) => r.path === '/tokenize').map((r) => JSON.stringify(r.body).length);
  assert.ok(tokenizeSizes.length > 0);
  assert.ok(Math.max(...tokenizeSizes) < docChars / 2, 'never the whole document');
  assert.match(a.note ?? '', /about \d+ tokens/);
});

test('engine mistral: no /tokenize (the hosted API has none), the estimate keeps the request in budget', async () => {
  const from = double.requests.length;
  double.enqueue(reply('412.', [{ page: 1, quote: '412 moorings' }]));
  const a = await askDocument(small, 'How many moorings?', { engine: 'mistral', client, model: 'm' });
  assert.equal(double.requests.slice(from).filter((r) => r.path === '/tokenize').length, 0);
  assert.equal(a.usage.tokenCount, 'estimate');
  assert.equal(a.mode, 'full-context');
});

test('an engine without configuration is a coded error, not a request; the model server comes from the configuration given', async () => {
  const saved = { ...process.env };
  // The environment names a server: askDocument must not read it.
  process.env.DOCMILL_OPENAI_BASE_URL = double.baseUrl;
  process.env.MISTRAL_API_KEY = 'k';
  try {
    await assert.rejects(askDocument(small, 'How many moorings?', { engine: 'openai' }), (e) => isDocmillError(e, 'ENGINE_NOT_CONFIGURED'));
    await assert.rejects(askDocument(small, 'How many moorings?', { engine: 'mistral' }), (e) => isDocmillError(e, 'ENGINE_NOT_CONFIGURED'));
    await assert.rejects(askDocument(small, 'How many moorings?', { engine: 'openai', config: loadConfig({}) }), (e) => isDocmillError(e, 'ENGINE_NOT_CONFIGURED'));
    double.enqueue(reply('412.', []));
    const a = await askDocument(small, 'How many moorings?', { engine: 'openai', config: loadConfig({ DOCMILL_OPENAI_BASE_URL: double.baseUrl, DOCMILL_MODEL: 'm' }) });
    assert.equal(a.model, 'm');
  } finally {
    for (const k of ['DOCMILL_OPENAI_BASE_URL', 'MISTRAL_API_KEY']) delete process.env[k];
    Object.assign(process.env, saved);
  }
});

test('the question limit comes from the configuration\'s DOCMILL_MAX_QUESTION_CHARS, not from the environment', async () => {
  process.env.DOCMILL_MAX_QUESTION_CHARS = '10';
  try {
    const config = loadConfig({ DOCMILL_MAX_QUESTION_CHARS: '50' });
    await assert.rejects(askDocument(small, 'w'.repeat(51), { engine: 'local', config }), (e) => isDocmillError(e, 'ASK_QUESTION_TOO_LONG'));
    const a = await askDocument(small, 'moorings '.repeat(5), { engine: 'local', config });
    assert.equal(a.citations[0]?.page, 1);
    // Without a configuration: the default limit (20000), not the environment's 10.
    assert.equal((await askDocument(small, 'moorings '.repeat(5), { engine: 'local' })).citations[0]?.page, 1);
  } finally {
    delete process.env.DOCMILL_MAX_QUESTION_CHARS;
  }
});

test('never more images than the server takes', async () => {
  const pages = Array.from({ length: 12 }, (_, i) => ({ blocks: [{ type: 'caption' as const, text: `Figure ${i + 1}: chart of harbour traffic, part ${i + 1}.` }, { type: 'paragraph' as const, text: filler(i, 10) }] }));
  const doc = makeDoc(pages);
  const pageImage = async () => ({ data: await pagePng(300, 400), width: 300, height: 400, mime: 'image/png' as const });
  double.enqueue(reply('Charts.', []));
  await askDocument(doc, 'Compare the charts on pages 1 to 12.', { engine: 'openai', client, model: 'm', pageImage, maxImages: 3 });
  assert.equal(lastChat().images.length, 3);
});

test('an abort stops the request and rejects with the reason', async () => {
  const ctl = new AbortController();
  double.enqueue({ text: reply('late', []).text, delayMs: 5000 });
  const n = double.chatRequests.length;
  const p = askDocument(small, 'How many moorings?', { engine: 'openai', client, model: 'm', signal: ctl.signal });
  // Abort once the chat request has arrived (so the delayed reply is consumed by it).
  while (double.chatRequests.length === n) await new Promise((r) => setImmediate(r));
  ctl.abort(new Error('user gave up'));
  await assert.rejects(p, /user gave up/);
});
