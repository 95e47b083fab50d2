import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { DocmillError, createLogger, isDocmillError } from '@docmill/core';
import { classifyLines } from './classify.js';
import { flipQuad, subQuad, turnQuad } from './crop.js';
import { DEFAULT_DET, detect, type DetBox, type DetParams } from './detect.js';
import { detectedDropCaps, dropCapCandidates } from './dropcap.js';
import { boundsOf, sortReadingOrder, type Point } from './geometry.js';
import { decodeToRgb, rotateRgb, type OcrInput, type RgbImage } from './image.js';
import { loadRewrittenModel } from './graph.js';
import { loadKeys, MODEL_FILES, resolveModelDir } from './models.js';
import { looksSideways, looksUpsideDown, median } from './orientation.js';
import { DEFAULT_REC, recognizeLines, type RecParams } from './recognize.js';
import type { OcrLine, OcrOptions, OcrResult, RecognizeOptions } from './types.js';
import { typewriterLines } from './typewriter.js';

const log = createLogger('ocr');

/** A line's reading frame is turned 90° when its box is this much taller than wide (PaddleOCR: 1.5). */
const TALL = 1.5;
/** The classifier must be this sure before a line is read upside down (PaddleOCR: 0.9). */
const FLIP_SCORE = 0.9;
/** Lines the classifier skipped are classified after all when read with less confidence than this. */
const RECHECK_CONFIDENCE = 0.85;

/**
 * Embedded OCR: PP-OCRv4 detection, direction classification and recognition
 * through onnxruntime-node, with our own pre- and post-processing.
 */
export class OcrEngine {
  readonly #det: ort.InferenceSession;
  readonly #cls: ort.InferenceSession;
  readonly #rec: ort.InferenceSession;
  readonly #keys: string[];
  readonly #detParams: DetParams;
  readonly #minConfidence: number;
  #closed = false;
  readonly #recParams: RecParams;

  private constructor(det: ort.InferenceSession, cls: ort.InferenceSession, rec: ort.InferenceSession, keys: string[], opts: OcrOptions) {
    this.#det = det;
    this.#cls = cls;
    this.#rec = rec;
    this.#keys = keys;
    this.#detParams = { ...DEFAULT_DET, ...(opts.detLimitSide ? { limitSide: opts.detLimitSide } : {}) };
    this.#minConfidence = opts.minConfidence ?? 0.5;
    this.#recParams = DEFAULT_REC;
  }

  /**
   * Loads the three ONNX sessions once (reuse the engine per process or worker thread).
   * @param opts threads, detector size, confidence cut, model folder
   * Throws OCR_MODEL_MISSING if the model files are absent. Does not download models.
   */
  static async create(opts: OcrOptions = {}): Promise<OcrEngine> {
    const dir = resolveModelDir(opts.modelDir);
    const threads = Math.max(1, Math.floor(opts.threads ?? 1));
    // Note: one session runs at a time per engine, so inter-op parallelism only
    // adds threads; intra-op threads are the caller's decision (default 1).
    const so: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Note: no arena — it keeps the peak of every input size for the life of the
      // session (~1.7 GB across two page threads on the corpus); plain malloc returns it.
      enableCpuMemArena: false,
      // Note: memory patterns are planned and kept per input shape; recognition batches vary in width.
      enableMemPattern: false,
    };
    try {
      // Note: the graphs are rewritten first (graph.ts): ~1.9x faster on this CPU, same outputs to 1e-5.
      const model = (name: string) => (opts.graphRewrite === false ? join(dir, name) : loadRewrittenModel(join(dir, name)));
      const [det, cls, rec] = await Promise.all([
        ort.InferenceSession.create(model(MODEL_FILES.det) as never, so),
        ort.InferenceSession.create(model(MODEL_FILES.cls) as never, so),
        ort.InferenceSession.create(model(MODEL_FILES.rec) as never, so),
      ]);
      return new OcrEngine(det, cls, rec, loadKeys(join(dir, MODEL_FILES.keys)), opts);
    } catch (e) {
      if (isDocmillError(e)) throw e;
      throw new DocmillError('OCR_MODEL_MISSING', `The OCR models in ${dir} could not be loaded (${(e as Error).message}).`, { cause: e });
    }
  }

  /**
   * Recognises the text lines of one image.
   * @param image encoded bytes (PNG, JPEG, WebP, TIFF… EXIF orientation honoured) or raw RGB(A) pixels
   * @param opts `orientation`: find the page orientation (0/90/180/270) first; `signal`: checked between stages
   * Returns lines in reading order (top to bottom, left to right; no column
   * analysis) in the upright image's pixel coordinates. A blank page gives no
   * lines. Throws IMAGE_CORRUPT, IMAGE_TOO_SMALL, IMAGE_TOO_LARGE or OCR_FAILED.
   */
  async recognize(image: OcrInput, opts: RecognizeOptions = {}): Promise<OcrResult> {
    if (this.#closed) throw new DocmillError('OCR_FAILED', 'The OCR engine was closed.');
    const { signal } = opts;
    signal?.throwIfAborted();
    const decoded = await decodeToRgb(image);
    signal?.throwIfAborted();
    try {
      return await this.#run(decoded.image, decoded.scale, opts);
    } catch (e) {
      if (isDocmillError(e) || signal?.aborted) throw e;
      throw new DocmillError('OCR_FAILED', (e as Error).message, { cause: e });
    }
  }

  async #run(source: RgbImage, scale: number, { orientation = false, signal }: RecognizeOptions): Promise<OcrResult> {
    let img = source;
    let rotation: 0 | 90 | 180 | 270 = 0;
    let t = performance.now();
    let boxes = await detect(this.#det, img, this.#detParams);
    if (orientation && boxes.length && looksSideways(boxes)) {
      signal?.throwIfAborted();
      img = await rotateRgb(img, 90);
      rotation = 90;
      boxes = await detect(this.#det, img, this.#detParams);
    }
    const detMs = performance.now() - t;
    signal?.throwIfAborted();

    t = performance.now();
    let quads = boxes.map((b) => readingQuad(b));
    const turned = boxes.map((b) => isTall(b));
    // The direction classifier reads the lines turned 90° (their direction is
    // unknown) and a sample of the longest others (enough to decide the page's
    // orientation); all the rest only when the sample finds a line upside down
    // on the page. Per-line 180° text is rare and the classifier was 6–16 % of a
    // page's time (bench/ocr.ts).
    const sample = classifierSample(boxes, turned);
    let flip = new Float32Array(boxes.length);
    const classified = new Uint8Array(boxes.length);
    const classify = async (idx: number[]) => {
      if (!idx.length) return;
      const p = await classifyLines(this.#cls, img, idx.map((i) => quads[i]!));
      idx.forEach((line, k) => {
        flip[line] = p[k]!;
        classified[line] = 1;
      });
    };
    await classify(sample);
    const inSample = <T>(xs: readonly T[]) => xs.filter((_, i) => classified[i]);
    if (orientation && sample.length && looksUpsideDown(inSample(boxes), Float32Array.from(inSample([...flip])))) {
      img = await rotateRgb(img, 180);
      rotation = rotation === 90 ? 270 : 180;
      const W = img.width, H = img.height;
      const turn = (p: Point): Point => [W - p[0], H - p[1]];
      boxes = boxes.map((b) => ({ ...b, box: flipQuad(b.box).map(turn), rect: { ...b.rect, cx: W - b.rect.cx, cy: H - b.rect.cy } }));
      quads = quads.map((q) => flipQuad(q).map(turn));
      flip = flip.map((p, i) => (classified[i] ? 1 - p : 0));
    }
    const unclassified = () => boxes.map((_, i) => i).filter((i) => !classified[i]);
    if (sample.some((i) => !turned[i] && flip[i]! > FLIP_SCORE)) await classify(unclassified());
    // Whether each line is read turned 180° against its box (a recheck below may change it).
    const readFlipped = boxes.map((_, i) => flip[i]! > FLIP_SCORE);
    quads = quads.map((q, i) => (readFlipped[i] ? flipQuad(q) : q));
    let clsMs = performance.now() - t;
    signal?.throwIfAborted();

    t = performance.now();
    const texts = quads.length ? await recognizeLines(this.#rec, img, quads, this.#keys, this.#recParams) : [];
    // A line the classifier did not read and the recogniser doubts may be upside
    // down: classify those now and re-read the ones it turns.
    const doubtful = unclassified().filter((i) => texts[i]!.confidence < RECHECK_CONFIDENCE);
    if (doubtful.length) {
      const t2 = performance.now();
      await classify(doubtful);
      const turn = doubtful.filter((i) => flip[i]! > FLIP_SCORE);
      clsMs += performance.now() - t2;
      if (turn.length) {
        const again = await recognizeLines(this.#rec, img, turn.map((i) => flipQuad(quads[i]!)), this.#keys, this.#recParams);
        turn.forEach((i, k) => {
          if (again[k]!.confidence > texts[i]!.confidence) {
            texts[i] = again[k]!;
            readFlipped[i] = !readFlipped[i];
          }
        });
      }
    }
    // Drop capitals: a letter two to four lines tall beside a paragraph's first lines. The
    // detector finds it as a line of its own, or (often on scans) not at all.
    const bounds = boxes.map((b) => boundsOf(b.box));
    const capAt = new Map<number, number>();
    const dropped = new Set<number>();
    const attach = (at: number, cap: { text: string; confidence: number }, [cx0, cy0, cx1, cy1]: readonly number[]) => {
      const line = texts[at]!;
      texts[at] = { ...line, text: cap.text + line.text, charConfidences: [cap.confidence, ...line.charConfidences], charSteps: [0, ...line.charSteps] };
      // The lines beside the capital begin where it does too, so that the layout sees one
      // paragraph with an even left edge, not indented pieces.
      bounds.forEach(([x0, y0, , y1], j) => {
        if (j === at || (!turned[j] && (y0 + y1) / 2 > cy0! && (y0 + y1) / 2 < cy1! && x0 > cx0! && x0 < cx1! + (y1 - y0))) capAt.set(j, cx0!);
      });
    };
    const upright = bounds.map((b, i) => (turned[i] || readFlipped[i] ? undefined : b));
    for (const { cap, line } of detectedDropCaps(upright, texts.map((d) => d.text))) {
      if (capAt.has(line) || dropped.has(line)) continue;
      dropped.add(cap);
      attach(line, texts[cap]!, upright[cap]!);
    }
    // (Lines a capital already begins, or stands beside, are not looked at again.)
    const caps = dropCapCandidates(img, upright).filter((c) => !capAt.has(c.line));
    if (caps.length) {
      const read = await recognizeLines(this.#rec, img, caps.map((c) => c.quad), this.#keys, this.#recParams);
      caps.forEach((c, k) => {
        const cap = read[k]!;
        if (!/^\p{Lu}$/u.test(cap.text) || cap.confidence < DROP_CAP_CONFIDENCE || capAt.has(c.line)) return;
        const [tl, , br] = c.quad as [Point, Point, Point, Point];
        attach(c.line, cap, [tl[0], tl[1], br[0], br[1]]);
      });
    }
    const recMs = performance.now() - t;
    signal?.throwIfAborted();

    const lines: OcrLine[] = [];
    const angles: number[] = [];
    const mono = typewriterLines(bounds, texts);
    boxes.forEach((b, i) => {
      const d = texts[i]!;
      const text = d.text;
      if (!text || d.confidence < this.#minConfidence || dropped.has(i)) return;
      // The detector's box reaches past the letters by its margin; cut it to the ink along the line.
      const ink = d.inkSpan && !turned[i] ? (readFlipped[i] ? ([1 - d.inkSpan[1], 1 - d.inkSpan[0]] as const) : d.inkSpan) : undefined;
      const along = ink && ink[1] - ink[0] > 0.2 ? subQuad(b.box, ink[0], ink[1]) : b.box;
      let box = along.map(([x, y]): [number, number] => [x * scale, y * scale]);
      // A line that begins with a drop capital, or stands beside one, begins where the capital does.
      const capX = capAt.get(i);
      if (capX !== undefined && box.length === 4) box = [[capX * scale, box[0]![1]], box[1]!, box[2]!, [capX * scale, box[3]![1]]];
      lines.push({ text, confidence: d.confidence, box, bbox: boundsOf(box), ...(d.inkBand ? { inkBand: d.inkBand * scale } : {}), charConfidences: d.charConfidences, ...(mono[i] ? { monospace: true } : {}) });
      if (b.rect.hw > 2 * b.rect.hh) angles.push((Math.atan2(b.rect.uy, b.rect.ux) * 180) / Math.PI);
    });
    log.debug({ lines: lines.length, boxes: boxes.length, rotation, detMs, clsMs, recMs }, 'ocr page');
    return {
      width: Math.round(img.width * scale),
      height: Math.round(img.height * scale),
      rotation,
      skewDegrees: median(angles),
      lines: sortReadingOrder(lines),
      timings: { detMs, clsMs, recMs },
    };
  }

  /** Releases the ONNX sessions; the engine cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([this.#det.release(), this.#cls.release(), this.#rec.release()]);
  }
}

/** Whether a box is read turned 90° (much taller than wide). */
function isTall(b: DetBox): boolean {
  return b.rect.hh >= TALL * b.rect.hw;
}

/** The quadrilateral to read a box along: turned 90° when the box is much taller than wide. */
function readingQuad(b: DetBox): Point[] {
  return isTall(b) ? turnQuad(b.box) : b.box;
}

/**
 * Least confidence for the capital read in a drop-capital candidate. Measured on
 * 8071_093.3B's "S": 0.77 whole, 0.51 as found (its right edge lies under the
 * first line's box, whose pixels are not searched).
 */
const DROP_CAP_CONFIDENCE = 0.5;

/** Most lines of a page that the direction classifier reads up front (besides the turned ones). */
const CLS_SAMPLE = 24;

/**
 * The lines the direction classifier reads first: every turned line, and the
 * CLS_SAMPLE longest of the others (long lines are what the page-orientation
 * vote weighs most, and what the classifier reads most surely).
 */
function classifierSample(boxes: readonly DetBox[], turned: readonly boolean[]): number[] {
  const others = boxes.map((_, i) => i).filter((i) => !turned[i]);
  const length = (i: number) => Math.max(boxes[i]!.rect.hw, boxes[i]!.rect.hh);
  const longest = others.sort((a, b) => length(b) - length(a)).slice(0, CLS_SAMPLE);
  return [...boxes.map((_, i) => i).filter((i) => turned[i]), ...longest].sort((a, b) => a - b);
}
