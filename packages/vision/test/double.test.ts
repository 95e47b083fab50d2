import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startOpenAIDouble } from '../src/testing/index.js';
import { imageTokens } from '../src/index.js';

async function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

async function dataUrl(w: number, h: number): Promise<string> {
  const png = await sharp({ create: { width: w, height: h, channels: 3, background: '#fff' } }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

const chat = (content: unknown, extra: Record<string, unknown> = {}) => ({ model: 'm', messages: [{ role: 'user', content }], ...extra });

test('the double validates requests like a strict server: image size, model, roles, parts, sampling fields', async (t) => {
  const double = await startOpenAIDouble({ model: 'm' });
  t.after(() => double.close());
  const url = `${double.baseUrl}/chat/completions`;
  const ok = await post(url, chat([{ type: 'image_url', image_url: { url: await dataUrl(1190, 1540) } }, { type: 'text', text: 'read' }]));
  assert.equal(ok.status, 200);
  assert.equal(ok.json.choices[0].message.content, 'OK');
  assert.equal(ok.json.usage.prompt_tokens, Math.ceil('read'.length / 4) + imageTokens(1190, 1540));

  const cases: Array<[unknown, RegExp]> = [
    [chat([{ type: 'image_url', image_url: { url: await dataUrl(1200, 1600) } }]), /longest side must be at most 1540/],
    [{ ...chat('hi'), model: 'other' }, /does not exist/],
    [{ model: 'm', messages: [] }, /non-empty array/],
    [{ model: 'm', messages: [{ role: 'robot', content: 'hi' }] }, /role/],
    [chat([{ type: 'audio', data: 'x' }]), /type must be/],
    [chat([{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }]), /data: URL/],
    [chat([{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }]), /does not decode/],
    [chat('hi', { temperature: 3 }), /temperature/],
    [chat('hi', { max_tokens: 0 }), /max_tokens/],
    [chat('hi', { max_tokens: 1.5 }), /max_tokens/],
    [chat('hi', { stream: true }), /streaming/],
    ['{not json', /not valid JSON/],
  ];
  for (const [body, why] of cases) {
    const r = await post(url, body);
    assert.equal(r.status, 400, `expected 400 for ${JSON.stringify(body).slice(0, 80)}`);
    assert.match(r.json.error.message, why);
    assert.equal(r.json.error.type, 'invalid_request_error');
  }
  assert.equal(double.chatRequests.filter((r) => r.valid).length, 1);
  assert.equal(double.chatRequests.filter((r) => !r.valid).length, cases.length);
  assert.deepEqual(double.chatRequests[0]!.images.map((i) => [i.width, i.height]), [[1190, 1540]]);
});

test('the double answers from its queue first, then from its reply function, and records arrival times', async (t) => {
  const double = await startOpenAIDouble({ model: 'm', reply: (req) => ({ text: `echo: ${req.text}` }) });
  t.after(() => double.close());
  const url = `${double.baseUrl}/chat/completions`;
  double.enqueue({ text: 'first', finishReason: 'length' });
  const a = await post(url, chat('one'));
  const b = await post(url, { model: 'm', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'two' }] });
  assert.equal(a.json.choices[0].message.content, 'first');
  assert.equal(a.json.choices[0].finish_reason, 'length');
  assert.equal(b.json.choices[0].message.content, 'echo: sys\ntwo');
  const [r1, r2] = double.chatRequests;
  assert.ok(r1!.at <= r2!.at);
  assert.deepEqual([r1!.seq, r2!.seq], [1, 2]);
});

test('the double checks continuation requests like vLLM and its scripted model continues them', async (t) => {
  const double = await startOpenAIDouble({ model: 'm', reply: () => ({ generate: 'abcdefghijklmnopqrstuvwxyz' }) });
  t.after(() => double.close());
  const url = `${double.baseUrl}/chat/completions`;
  const user = { role: 'user', content: 'read' };
  const partial = { role: 'assistant', content: 'abcdefgh' };
  const cont = { continue_final_message: true, add_generation_prompt: false };
  const bad: Array<[unknown, RegExp]> = [
    [{ model: 'm', messages: [user, partial], continue_final_message: true, add_generation_prompt: true }, /Cannot set both/],
    [{ model: 'm', messages: [user, partial], continue_final_message: true }, /add_generation_prompt": false/],
    [{ model: 'm', messages: [user], ...cont }, /final message is not an assistant message/],
    [{ model: 'm', messages: [user, { role: 'assistant', content: '' }], ...cont }, /non-empty text/],
    [{ model: 'm', messages: [user, partial] }, /send "continue_final_message": true/],
    [{ model: 'm', messages: [user, partial], continue_final_message: 'yes', add_generation_prompt: false }, /must be a boolean/],
    [{ model: 'm', messages: [user], max_completion_tokens: 0 }, /max_completion_tokens/],
  ];
  for (const [b, why] of bad) {
    const r = await post(url, b);
    assert.equal(r.status, 400, JSON.stringify(b));
    assert.match(r.json.error.message, why);
  }
  // limit in tokens of 4 characters; max_completion_tokens wins over max_tokens
  const first = await post(url, { model: 'm', messages: [user], max_completion_tokens: 2, max_tokens: 100 });
  assert.deepEqual([first.json.choices[0].message.content, first.json.choices[0].finish_reason], ['abcdefgh', 'length']);
  const second = await post(url, { model: 'm', messages: [user, partial], ...cont, max_tokens: 3 });
  assert.deepEqual([second.json.choices[0].message.content, second.json.choices[0].finish_reason], ['ijklmnopqrst', 'length']);
  const last = await post(url, { model: 'm', messages: [user, { role: 'assistant', content: 'abcdefghijklmnopqrst' }], ...cont, max_tokens: 3 });
  assert.deepEqual([last.json.choices[0].message.content, last.json.choices[0].finish_reason], ['uvwxyz', 'stop']);
});
