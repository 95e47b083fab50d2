/**
 * Load-time rewrites of the PP-OCR ONNX graphs that onnxruntime does not do
 * itself. The models come from Paddle through paddle2onnx at opset 9/11, so
 * every hard-swish is spelled as five element-wise nodes (Add 3, Clip 0..6,
 * Mul, Div 6), and PP-LCNetV3's "learnable affine blocks" put a scalar Mul and
 * Add after every convolution and after every activation. onnxruntime's CPU
 * provider fuses none of these: on the recogniser they were 58 % of the run
 * time, against 25 % for the convolutions (profiled with onnxruntime's
 * profiler on a 48×1280 line, 2 cores).
 *
 * Every rewrite is exact algebra on constants; `test/graph.test.ts` checks
 * the rewritten models against the originals on real crops.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
/** The parts of onnx.proto's messages this file touches (decoded messages have every repeated field). */
interface Tensor {
  name: string;
  dataType: number;
  dims: Array<number | { toNumber(): number }>;
  floatData: number[];
  rawData: Uint8Array;
}
interface Attribute {
  name: string;
  f: number;
  i: number | { toNumber(): number };
  s: Uint8Array;
  ints: Array<number | { toNumber(): number }>;
  t?: Tensor | null;
}
interface Node {
  opType: string;
  input: string[];
  output: string[];
  attribute: Attribute[];
}
interface Graph {
  node: Node[];
  initializer: Tensor[];
  output: Array<{ name: string }>;
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** What a rewrite pass did, by kind (for logs and tests). */
export interface GraphRewrites {
  batchNormsFolded: number;
  affinesIntoConv: number;
  hardSwishes: number;
  affinesIntoNextConv: number;
  nodesBefore: number;
  nodesAfter: number;
}

/** A float constant: its values and dims. */
interface Const {
  values: Float32Array;
  dims: number[];
}

function tensorToConst(t: Tensor): Const | undefined {
  if (t.dataType !== FLOAT) return undefined;
  const dims = t.dims.map((d) => Number(d));
  if (t.rawData && t.rawData.length) {
    const copy = new Uint8Array(t.rawData); // aligned copy
    return { values: new Float32Array(copy.buffer, 0, copy.byteLength / 4), dims };
  }
  return { values: Float32Array.from(t.floatData ?? []), dims };
}

function constToTensor(name: string, c: Const): Tensor {
  return onnx.TensorProto.create({
    name,
    dataType: FLOAT,
    dims: c.dims,
    rawData: new Uint8Array(c.values.buffer.slice(c.values.byteOffset, c.values.byteOffset + c.values.byteLength)),
  });
}

const AT = onnx.AttributeProto.AttributeType;
const floatAttr = (name: string, f: number) => onnx.AttributeProto.create({ name, type: AT.FLOAT, f }) as unknown as Attribute;
const intAttr = (name: string, i: number) => onnx.AttributeProto.create({ name, type: AT.INT, i }) as unknown as Attribute;
const intsAttr = (name: string, ints: number[]) => onnx.AttributeProto.create({ name, type: AT.INTS, ints }) as unknown as Attribute;

const count = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

/**
 * Rewrites a PP-OCR model for onnxruntime's CPU provider:
 * 1. BatchNormalization after a Conv is folded into the Conv's weights;
 * 2. a Mul and/or Add by a constant (scalar or per channel) after a Conv is
 *    folded into its weights and bias;
 * 3. `x · clip(x + 3, 0, 6) / 6` becomes `x · HardSigmoid(x; 1/6, 1/2)`;
 * 4. a Mul by a scalar c then an Add of a scalar d whose only reader is a Conv:
 *    c goes into that Conv's weights; d goes into its bias when it has no
 *    padding (conv(W, c·x + d) = conv(c·W, x) + d·ΣW), else stays as a shift
 *    of d/c before it, spelt as a 1×1 depthwise Conv (padding then still pads
 *    c·x + d with zeros, as before).
 * @param bytes the .onnx file
 * Returns the rewritten model's bytes and what was done. A graph without these
 * patterns comes back equivalent (re-encoded). Does not change inputs, outputs or opsets.
 */
export function rewriteOcrModel(bytes: Uint8Array): { bytes: Uint8Array; rewrites: GraphRewrites } {
  const model = onnx.ModelProto.decode(bytes);
  // Decoded messages are class instances with every repeated field present.
  const g = model.graph as unknown as Graph;
  const consts = new Map<string, Const>();
  for (const t of g.initializer) {
    const c = tensorToConst(t);
    if (c) consts.set(t.name, c);
  }
  for (const n of g.node) {
    if (n.opType !== 'Constant') continue;
    const a = n.attribute.find((x) => x.name === 'value');
    const c = a?.t ? tensorToConst(a.t) : undefined;
    if (c) consts.set(n.output[0]!, c);
  }
  const graphOutputs = new Set(g.output.map((o) => o.name));
  const rewrites: GraphRewrites = { batchNormsFolded: 0, affinesIntoConv: 0, hardSwishes: 0, affinesIntoNextConv: 0, nodesBefore: g.node.length, nodesAfter: 0 };

  let nodes: Node[] = g.node.slice();
  const removed = new Set<Node>();
  let fresh = 0;
  const newConst = (hint: string, c: Const): string => {
    const name = `docmill_${hint}_${fresh++}`;
    consts.set(name, c);
    return name;
  };
  /** Readers of each tensor among live nodes. */
  const readers = () => {
    const m = new Map<string, Node[]>();
    for (const n of nodes) {
      if (removed.has(n)) continue;
      for (const i of n.input) {
        if (!m.has(i)) m.set(i, []);
        m.get(i)!.push(n);
      }
    }
    return m;
  };
  const onlyReader = (r: Map<string, Node[]>, name: string): Node | undefined => {
    if (graphOutputs.has(name)) return undefined;
    const l = r.get(name);
    return l && l.length === 1 ? l[0] : undefined;
  };
  const attr = (n: Node, name: string) => n.attribute.find((a) => a.name === name);
  const scalarOf = (name: string): number | undefined => {
    const c = consts.get(name);
    return c && c.values.length === 1 ? c.values[0] : undefined;
  };
  /** Per-output-channel factors of a constant that broadcasts over [N, C, H, W] as 1 or C values. */
  const perChannel = (name: string, channels: number): Float32Array | undefined => {
    const c = consts.get(name);
    if (!c) return undefined;
    if (c.values.length === 1) return new Float32Array(channels).fill(c.values[0]!);
    // [C] alone would broadcast along W; it must be [.., C, 1, 1].
    const d = c.dims;
    const okShape = c.values.length === channels && d.length >= 3 && d[d.length - 3] === channels && count(d.slice(-2)) === 1 && count(d.slice(0, -3)) === 1;
    return okShape ? c.values : undefined;
  };
  const convWeights = (conv: Node) => {
    const w = consts.get(conv.input[1]!);
    if (!w || w.dims.length !== 4) return undefined;
    const outC = w.dims[0]!;
    const bias = conv.input[2] ? consts.get(conv.input[2]) : undefined;
    if (conv.input[2] && !bias) return undefined;
    return { w, outC, per: count(w.dims) / outC, bias: bias ? bias.values.slice() : new Float32Array(outC) };
  };
  const setConv = (conv: Node, w: Float32Array, dims: number[], bias: Float32Array) => {
    conv.input[1] = newConst('w', { values: w, dims });
    const b = newConst('b', { values: bias, dims: [bias.length] });
    if (conv.input.length >= 3) conv.input[2] = b;
    else conv.input.push(b);
  };
  /** Gives `node` the output name of `last` (so graph outputs and readers keep their names). */
  const takeOutput = (node: Node, last: Node) => {
    node.output[0] = last.output[0]!;
  };

  // 1 + 2: fold BatchNormalization / Mul / Add after a Conv, to a fixed point.
  for (let changed = true; changed; ) {
    changed = false;
    const r = readers();
    for (const conv of nodes) {
      if (removed.has(conv) || conv.opType !== 'Conv') continue;
      const next = onlyReader(r, conv.output[0]!);
      if (!next) continue;
      const cw = convWeights(conv);
      if (!cw) continue;
      const { w, outC, per } = cw;
      let scale: Float32Array | undefined;
      let shift: Float32Array | undefined;
      if (next.opType === 'BatchNormalization' && next.output.length === 1) {
        const [, sN, bN, mN, vN] = next.input;
        const s = consts.get(sN!), b = consts.get(bN!), m = consts.get(mN!), v = consts.get(vN!);
        const eps = attr(next, 'epsilon')?.f ?? 1e-5;
        if (!s || !b || !m || !v) continue;
        scale = new Float32Array(outC);
        shift = new Float32Array(outC);
        for (let c = 0; c < outC; c++) {
          const k = s.values[c]! / Math.sqrt(v.values[c]! + eps);
          scale[c] = k;
          shift[c] = b.values[c]! - m.values[c]! * k;
        }
        rewrites.batchNormsFolded++;
      } else if ((next.opType === 'Mul' || next.opType === 'Add') && next.input.length === 2) {
        const other = next.input[0] === conv.output[0] ? next.input[1]! : next.input[0]!;
        const f = perChannel(other, outC);
        if (!f) continue;
        if (next.opType === 'Mul') scale = f;
        else shift = f;
        rewrites.affinesIntoConv++;
      } else continue;
      const nw = new Float32Array(w.values.length);
      const nb = new Float32Array(outC);
      for (let c = 0; c < outC; c++) {
        const k = scale ? scale[c]! : 1;
        for (let i = 0; i < per; i++) nw[c * per + i] = w.values[c * per + i]! * k;
        nb[c] = cw.bias[c]! * k + (shift ? shift[c]! : 0);
      }
      setConv(conv, nw, w.dims, nb);
      takeOutput(conv, next);
      removed.add(next);
      changed = true;
      break; // readers changed
    }
  }

  // 3: hard-swish x · clip(x + 3, 0, 6) / 6 → x · HardSigmoid(x).
  {
    const r = readers();
    for (const add of nodes) {
      if (removed.has(add) || add.opType !== 'Add' || add.input.length !== 2) continue;
      const xi = scalarOf(add.input[1]!) === 3 ? 0 : scalarOf(add.input[0]!) === 3 ? 1 : -1;
      if (xi < 0) continue;
      const x = add.input[xi]!;
      const clip = onlyReader(r, add.output[0]!);
      if (!clip || clip.opType !== 'Clip') continue;
      const lo = clip.input[1] ? scalarOf(clip.input[1]) : (attr(clip, 'min')?.f ?? undefined);
      const hi = clip.input[2] ? scalarOf(clip.input[2]) : (attr(clip, 'max')?.f ?? undefined);
      if (lo !== 0 || hi !== 6) continue;
      const mul = onlyReader(r, clip.output[0]!);
      if (!mul || mul.opType !== 'Mul' || !mul.input.includes(x)) continue;
      const div = onlyReader(r, mul.output[0]!);
      if (!div || div.opType !== 'Div' || div.input[0] !== mul.output[0] || scalarOf(div.input[1]!) !== 6) continue;
      // Reuse the Add node as the HardSigmoid and the Mul as the product.
      add.opType = 'HardSigmoid';
      add.input = [x];
      add.attribute = [
        floatAttr('alpha', 1 / 6),
        floatAttr('beta', 0.5),
      ];
      mul.input = [x, add.output[0]!];
      takeOutput(mul, div);
      removed.add(clip);
      removed.add(div);
      rewrites.hardSwishes++;
    }
  }

  // 4: Mul(c) → Add(d) → Conv: c into the Conv's weights, one Add of d/c.
  {
    const r = readers();
    for (const mul of nodes) {
      if (removed.has(mul) || mul.opType !== 'Mul' || mul.input.length !== 2) continue;
      const ci = scalarOf(mul.input[0]!) !== undefined ? 0 : scalarOf(mul.input[1]!) !== undefined ? 1 : -1;
      if (ci < 0) continue;
      const c = scalarOf(mul.input[ci]!)!;
      if (!(Math.abs(c) > 1e-12)) continue;
      const x = mul.input[1 - ci]!;
      const add = onlyReader(r, mul.output[0]!);
      if (!add || add.opType !== 'Add' || add.input.length !== 2) continue;
      const di = add.input[0] === mul.output[0] ? 1 : 0;
      const d = scalarOf(add.input[di]!);
      if (d === undefined) continue;
      const conv = onlyReader(r, add.output[0]!);
      if (!conv || conv.opType !== 'Conv' || conv.input[0] !== add.output[0]) continue;
      const cw = convWeights(conv);
      if (!cw) continue;
      const w = cw.w.values.map((v) => v * c);
      const pads = attr(conv, 'pads')?.ints.map(Number) ?? [];
      const autoPad = attr(conv, 'auto_pad')?.s;
      const autoPadMode = autoPad?.length ? new TextDecoder().decode(autoPad) : 'NOTSET';
      const unpadded = pads.every((p) => p === 0) && (autoPadMode === 'NOTSET' || autoPadMode === 'VALID');
      if (unpadded) {
        // conv(W, c·x + d) = conv(c·W, x) + d·ΣW per output channel: no Add left.
        const bias = cw.bias.slice();
        for (let o = 0; o < cw.outC; o++) {
          let sum = 0;
          for (let i = 0; i < cw.per; i++) sum += cw.w.values[o * cw.per + i]!;
          bias[o] = bias[o]! + d * sum;
        }
        setConv(conv, w, cw.w.dims, bias);
        conv.input[0] = x;
        removed.add(add);
      } else {
        setConv(conv, w, cw.w.dims, cw.bias);
        // The Add now reads x directly and adds d/c; the Mul goes. It is spelt as a
        // 1×1 depthwise Conv (weight 1, bias d/c) so that onnxruntime keeps the tensor
        // in its blocked NCHWc layout: a scalar Add costs two layout reorders around it.
        const channels = cw.w.dims[1]! * Number(attr(conv, 'group')?.i ?? 1);
        add.opType = 'Conv';
        add.input = [x, newConst('one', { values: new Float32Array(channels).fill(1), dims: [channels, 1, 1, 1] }), newConst('shift', { values: new Float32Array(channels).fill(d / c), dims: [channels] })];
        add.attribute = [intAttr('group', channels), intsAttr('kernel_shape', [1, 1])];
      }
      removed.add(mul);
      rewrites.affinesIntoNextConv++;
    }
  }

  // Drop Constant nodes nobody reads any more; put every constant we use as an initializer.
  const live = nodes.filter((n) => !removed.has(n));
  const used = new Set(live.flatMap((n) => n.input));
  nodes = live.filter((n) => !(n.opType === 'Constant' && !used.has(n.output[0]!) && !graphOutputs.has(n.output[0]!)));
  const initNames = new Set(g.initializer.map((t) => t.name));
  for (const [name, c] of consts) {
    if (!name.startsWith('docmill_') || !used.has(name) || initNames.has(name)) continue;
    g.initializer.push(constToTensor(name, c));
  }
  g.node = nodes;
  rewrites.nodesAfter = nodes.length;
  return { bytes: onnx.ModelProto.encode(model).finish(), rewrites };
}

/** Bump when a rewrite changes, so cached models are rebuilt. */
const REWRITE_VERSION = 1;

/**
 * The model file's bytes after `rewriteOcrModel`, from a content-addressed cache
 * beside the models' node_modules (`node_modules/.cache/docmill-ocr`) when one
 * exists and is writable, else rewritten in memory (about 0.1 s a model).
 * @param file path of the .onnx file
 * Note: the cache key is the sha256 of the original bytes and REWRITE_VERSION,
 * so a changed model or rewriter never reads a stale entry; writes are atomic.
 */
export function loadRewrittenModel(file: string): Uint8Array {
  const original = readFileSync(file);
  const key = createHash('sha256').update(original).update(`v${REWRITE_VERSION}`).digest('hex').slice(0, 32);
  const nm = file.lastIndexOf(`${sep}node_modules${sep}`);
  const dir = nm >= 0 ? join(file.slice(0, nm), 'node_modules', '.cache', 'docmill-ocr') : undefined;
  const cached = dir ? join(dir, `${key}.onnx`) : undefined;
  if (cached && existsSync(cached)) {
    try {
      return readFileSync(cached);
    } catch {
      // unreadable: rewrite below
    }
  }
  const { bytes } = rewriteOcrModel(original);
  if (dir && cached) {
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, cached);
    } catch {
      // read-only install: keep it in memory only
    }
  }
  return bytes;
}
