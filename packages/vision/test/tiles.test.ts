/**
 * Dense pages become tiles: the text layer says the type is too small at 1540 px, the page is rendered
 * larger, sent as overlapping tiles (each ≤ 1540 px, its position in the prompt), and the answers are
 * stitched in reading order without the overlap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RenderRequest, RenderedImage, TextSpan } from '@docmill/core';
import { createMistralEngine, createOpenAIEngine, estimateTextScale, imageTokens, inkColumns, planTiles, PROMPT_VERSION, TILE_PROMPT_VERSION } from '../src/index.js';
import { startOpenAIDouble, type RecordedRequest } from '../src/testing/index.js';
import { fakeSleep, pageImage, preparedPage, span } from './fixtures.js';

/** A render that honours longestSide for a US Letter page (612 × 792 pt) and records the requests. */
function letterRender(): { render: (req: RenderRequest) => Promise<RenderedImage>; calls: RenderRequest[] } {
  const calls: RenderRequest[] = [];
  return {
    calls,
    render: async (req) => {
      calls.push(req);
      const h = req.longestSide ?? 1540;
      return pageImage(Math.round((h * 612) / 792), h, 40);
    },
  };
}

/** A text layer of `size`-pt type: four columns of lines, 'TL' marking the top-left line and 'BR' the bottom-right one. */
function newspaperSpans(size: number): TextSpan[] {
  const out: TextSpan[] = [];
  for (let col = 0; col < 4; col++) {
    for (let line = 0; line < 20; line++) {
      const text = col === 0 && line === 0 ? 'TL harbour news of the day' : col === 3 && line === 19 ? 'BR weather for the week' : `column ${col} line ${line} of small print`;
      out.push(span(text, 20 + col * 150, 30 + line * 36, size));
    }
  }
  return out;
}

const TILE_ANSWERS: Record<string, string> = {
  'row 1 of 2, column 1 of 2': '# Gazette\n\nFirst column opens the news of the day with a long story about the harbour.\n\nThe council met on Monday and agreed to',
  'row 2 of 2, column 1 of 2': 'The council met on Monday and agreed to repair the bridge before winter.\n\nShips arrived from the north.',
  'row 1 of 2, column 2 of 2': '## Markets\n\nGrain prices rose sharply this week.\n\n| Item | Price |\n|---|---|\n| Wheat | 12 |\n| Rye | 9 |',
  'row 2 of 2, column 2 of 2': '| Rye | 9 |\n|---|---|\n| Oats | 7 |\n\nWeather: fair and mild for the whole week ahead.',
};

function tileAnswer(req: RecordedRequest): { text: string } {
  const key = Object.keys(TILE_ANSWERS).find((k) => req.text.includes(k));
  return { text: key ? TILE_ANSWERS[key]! : 'NOT A TILE' };
}

async function setup(t: { after: (fn: () => Promise<void>) => void }) {
  const double = await startOpenAIDouble({ model: 'mistral-small', reply: tileAnswer });
  t.after(() => double.close());
  const engine = createOpenAIEngine({ baseUrls: [double.baseUrl], model: 'mistral-small', concurrency: 8, attempts: 2, timeoutMs: 10_000, sleep: fakeSleep().sleep });
  return { double, engine };
}

test('a page in 5-pt type is rendered larger and sent as 4 overlapping tiles, stitched without the overlap', async (t) => {
  const { double, engine } = await setup(t);
  const { render, calls } = letterRender();
  const page = preparedPage({ spans: newspaperSpans(5), image: await pageImage(1190, 1540, 40) });
  const scale = await estimateTextScale(page, 1540);
  assert.equal(scale?.source, 'text-layer');
  assert.ok(Math.abs(scale!.xHeightPx - (5 * 0.5 * 1540) / 792) < 1e-9);

  const out = await engine.transcribe(page, { render });
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  // x-height 4.86 px at 1540 → rendered at 1540 × 7 / 4.86 ≈ 2218 px
  assert.deepEqual(calls, [{ longestSide: 2218, rotation: 0, format: 'png' }]);
  const reqs = double.chatRequests;
  assert.equal(reqs.length, 4);
  assert.ok(reqs.every((r) => r.valid && r.images.length === 1));
  for (const r of reqs) assert.ok(Math.max(r.images[0]!.width, r.images[0]!.height) <= 1540, `tile ${r.images[0]!.width}x${r.images[0]!.height}`);
  // the tiles the engine plans for that render, band edges in its gutters
  const tiles = planTiles(1714, 2218, { inkColumns: await inkColumns((await pageImage(1714, 2218, 40)).data) });
  assert.deepEqual(
    reqs.map((r) => [r.images[0]!.width, r.images[0]!.height]).sort(),
    tiles.map((tl) => [tl.width, tl.height]).sort(),
  );
  // each prompt says which tile it is; together they cover the grid once
  const positions = reqs.map((r) => /tile (\d) of 4 .*?row (\d) of 2, column (\d) of 2/.exec(r.text)?.slice(1).join(','));
  assert.deepEqual(positions.sort(), ['1,1,1', '2,2,1', '3,1,2', '4,2,2']);
  // each tile's anchor text is its part of the text layer
  const first = reqs.find((r) => r.text.includes('row 1 of 2, column 1 of 2'))!;
  const last = reqs.find((r) => r.text.includes('row 2 of 2, column 2 of 2'))!;
  assert.ok(first.text.includes('TL harbour') && !first.text.includes('BR weather'));
  assert.ok(last.text.includes('BR weather') && !last.text.includes('TL harbour'));

  const d = out.draft;
  assert.deepEqual(d.blocks.map((b) => b.text), [
    'Gazette',
    'First column opens the news of the day with a long story about the harbour.',
    'The council met on Monday and agreed to repair the bridge before winter.',
    'Ships arrived from the north.',
    'Markets',
    'Grain prices rose sharply this week.',
    'Item\tPrice\nWheat\t12\nRye\t9\nOats\t7',
    'Weather: fair and mild for the whole week ahead.',
  ]);
  assert.ok(d.flags.includes('tiled'));
  assert.equal(d.promptVersion, `${PROMPT_VERSION}+${TILE_PROMPT_VERSION}`);
  assert.equal(d.usage?.attempts, 4);
  assert.equal(d.usage?.imageTokens, reqs.reduce((n, r) => n + imageTokens(r.images[0]!.width, r.images[0]!.height), 0));

  // the same page in 10-pt type is one image, as before
  double.enqueue({ text: '# Gazette\n\nOne page.' });
  const normal = await engine.transcribe(preparedPage({ spans: newspaperSpans(10), image: await pageImage(1190, 1540, 40) }), { render });
  assert.ok(normal.ok);
  assert.equal(calls.length, 1, 'no render for the normal page');
  assert.equal(double.chatRequests.length, 5);
  assert.ok(!normal.draft.flags.includes('tiled'));
});

test('planTiles: tiles ≤ 1540 px, whole 28-px cells in height, overlapping rows, covering the render', () => {
  const tiles = planTiles(3000, 4200);
  assert.equal(tiles.length, 3 * 3);
  for (const tl of tiles) {
    assert.ok(tl.width <= 1540 && tl.height <= 1540);
    assert.equal(tl.height % 28, 0);
  }
  // reading order: band by band, top to bottom
  assert.deepEqual(tiles.map((tl) => [tl.col, tl.row]), [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2]]);
  const band = tiles.filter((tl) => tl.col === 0);
  for (let i = 1; i < band.length; i++) assert.ok(band[i - 1]!.top + band[i - 1]!.height - band[i]!.top >= 112, 'rows overlap');
  assert.equal(band[band.length - 1]!.top + band[band.length - 1]!.height, 4200);
  assert.equal(tiles[tiles.length - 1]!.left + tiles[tiles.length - 1]!.width, 3000);
});

/** A scan of small print without a text layer: lines of `lineHeight`-px "words" (10 px of ink, 10 px apart). */
async function smallPrint(width: number, height: number, lineHeight: number): Promise<RenderedImage> {
  const px = Buffer.alloc(width * height, 255);
  const pitch = Math.round(lineHeight * 1.8);
  const word = Math.max(2, Math.round(lineHeight * 1.25));
  for (let top = Math.round(height * 0.05); top + lineHeight < height * 0.95; top += pitch) {
    for (let y = top; y < top + lineHeight; y++) {
      for (let x = Math.round(width * 0.05); x < width * 0.95; x++) if (Math.floor(x / word) % 2 === 0) px[y * width + x] = 20;
    }
  }
  const data = await (await import('sharp')).default(px, { raw: { width, height, channels: 1 } }).png().toBuffer();
  return { data, mime: 'image/png', width, height, dpi: 144, rotation: 0 };
}

test('a scan of small print (no text layer): the ink rows say it is dense, and it goes as tiles', async (t) => {
  const double = await startOpenAIDouble({ model: 'mistral-small', reply: (req) => ({ text: `Text of ${/tile (\d+) of/.exec(req.text)?.[0] ?? 'the page'}.` }) });
  t.after(() => double.close());
  const engine = createOpenAIEngine({ baseUrls: [double.baseUrl], model: 'mistral-small', concurrency: 8, attempts: 2, timeoutMs: 10_000, sleep: fakeSleep().sleep });
  const scan = preparedPage({ image: await smallPrint(1190, 1540, 8) });
  const scale = await estimateTextScale(scan, 1540, scan.image);
  assert.equal(scale?.source, 'ink');
  assert.equal(scale?.xHeightPx, 4);
  const calls: RenderRequest[] = [];
  const out = await engine.transcribe(scan, { render: async (req) => (calls.push(req), smallPrint(Math.round((req.longestSide! * 1190) / 1540), req.longestSide!, Math.round((8 * req.longestSide!) / 1540))) });
  assert.ok(out.ok);
  assert.deepEqual(calls.map((c) => c.longestSide), [2695]);
  const n = double.chatRequests.length;
  assert.ok(n >= 4, `${n} tiles`);
  assert.ok(out.draft.flags.includes('tiled'));
  // tiles in reading order, one paragraph each (nothing shared between them)
  assert.deepEqual(out.draft.blocks.map((b) => b.text), Array.from({ length: n }, (_, i) => `Text of tile ${i + 1} of.`));
});

test("mistral's chat mode tiles a dense page too (max_tokens, each prompt with its tile)", async (t) => {
  const double = await startOpenAIDouble({ model: 'mistral-small-latest', apiKey: 'mk', reply: tileAnswer });
  t.after(() => double.close());
  const engine = createMistralEngine({ apiKey: 'mk', baseUrl: double.url, model: 'mistral-small-latest', attempts: 2, sleep: async () => {} });
  const out = await engine.transcribe(preparedPage({ spans: newspaperSpans(5), image: await pageImage(1190, 1540, 40) }), { render: letterRender().render });
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(double.chatRequests.length, 4);
  assert.ok(double.chatRequests.every((r) => /tile \d of 4/.test(r.text) && typeof (r.body as { max_tokens?: unknown }).max_tokens === 'number'));
  assert.ok(out.draft.flags.includes('tiled'));
});
