import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import sharp from 'sharp';
import { loadRewrittenModel, rewriteOcrModel } from '../src/graph.js';
import { MODEL_FILES, resolveModelDir } from '../src/models.js';
import { OcrEngine } from '../src/index.js';

const dir = resolveModelDir();
const so: ort.InferenceSession.SessionOptions = { executionProviders: ['cpu'], intraOpNumThreads: 1, graphOptimizationLevel: 'all' };

/** A deterministic input with structure at several scales (not constant, not noise). */
function pattern(shape: number[]): ort.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = 0.9 * Math.sin(i * 0.37) * Math.cos(i * 0.0011);
  return new ort.Tensor('float32', data, shape);
}

const opTypes = (bytes: Uint8Array) => onnxProto.onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.opType!);

for (const [name, shape] of [
  ['rec', [2, 3, 48, 320]],
  ['det', [1, 3, 320, 256]],
  ['cls', [3, 3, 48, 192]],
] as const) {
  test(`the rewritten ${name} model computes what the shipped one does, with fewer nodes`, async () => {
    const original = readFileSync(join(dir, MODEL_FILES[name]));
    const { bytes, rewrites } = rewriteOcrModel(original);
    assert.ok(rewrites.hardSwishes > 0, 'hard-swish chains found');
    assert.ok(rewrites.nodesAfter < rewrites.nodesBefore * 0.6, `${rewrites.nodesBefore} → ${rewrites.nodesAfter} nodes`);
    const ops = opTypes(bytes);
    assert.equal(ops.filter((o) => o === 'Div').length, opTypes(original).filter((o) => o === 'Div').length - rewrites.hardSwishes);
    if (name !== 'cls') assert.ok(rewrites.affinesIntoConv > 0 && rewrites.affinesIntoNextConv > 0);

    const [a, b] = await Promise.all([ort.InferenceSession.create(original, so), ort.InferenceSession.create(bytes, so)]);
    try {
      const input = pattern([...shape]);
      const [ra, rb] = await Promise.all([a.run({ [a.inputNames[0]!]: input }), b.run({ [b.inputNames[0]!]: input })]);
      const oa = ra[a.outputNames[0]!]!, ob = rb[b.outputNames[0]!]!;
      assert.deepEqual(ob.dims, oa.dims);
      const da = oa.data as Float32Array, db = ob.data as Float32Array;
      let maxDiff = 0;
      for (let i = 0; i < da.length; i++) maxDiff = Math.max(maxDiff, Math.abs(da[i]! - db[i]!));
      // Outputs are probabilities (softmax / sigmoid): float rounding only.
      assert.ok(maxDiff < 1e-4, `max difference ${maxDiff}`);
    } finally {
      await Promise.all([a.release(), b.release()]);
    }
  });
}

test('a rewritten model is cached by content under node_modules/.cache and read back', () => {
  const root = mkdtempSync(join(tmpdir(), 'docmill-graph-'));
  try {
    const assets = join(root, 'node_modules', 'pkg', 'assets');
    mkdirSync(assets, { recursive: true });
    const file = join(assets, 'cls.onnx');
    symlinkSync(join(dir, MODEL_FILES.cls), file);
    const first = loadRewrittenModel(file);
    const cache = join(root, 'node_modules', '.cache', 'docmill-ocr');
    assert.ok(existsSync(cache));
    const entries = readdirSync(cache);
    assert.equal(entries.length, 1);
    assert.match(entries[0]!, /^[0-9a-f]{32}\.onnx$/);
    assert.deepEqual(Buffer.from(loadRewrittenModel(file)), Buffer.from(first));
    assert.deepEqual(Buffer.from(first), Buffer.from(rewriteOcrModel(readFileSync(file)).bytes));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the engine reads a page the same with and without the graph rewrite', async () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="300"><rect width="100%" height="100%" fill="#fff"/>
    <text x="60" y="110" font-family="DejaVu Serif" font-size="40">Rewritten graphs must read the same.</text>
    <text x="60" y="200" font-family="DejaVu Sans" font-size="30">Invoice 2024-117, total 4,318.50 EUR</text></svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  const [plain, fast] = await Promise.all([OcrEngine.create({ graphRewrite: false }), OcrEngine.create()]);
  try {
    const a = await plain.recognize(png);
    const b = await fast.recognize(png);
    assert.equal(a.lines.length, 2);
    assert.deepEqual(
      b.lines.map((l) => l.text),
      a.lines.map((l) => l.text),
    );
    b.lines.forEach((l, i) => assert.ok(Math.abs(l.confidence - a.lines[i]!.confidence) < 1e-3));
  } finally {
    await Promise.all([plain.close(), fast.close()]);
  }
});
