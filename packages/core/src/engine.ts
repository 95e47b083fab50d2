/**
 * Interfaces between the pipeline stages and the engines. They live in core so
 * that the pipeline, the vision engines and the workers share them without
 * depending on each other.
 */
import type { PageDimensions, PageDraft, PageFlag, PositionedPage, PageUsage } from './types.js';
import type { PlainError } from './errors.js';

export type Rotation = 0 | 90 | 180 | 270;

export interface RenderRequest {
  /** Scale so that the longest side has this many pixels (wins over dpi). */
  longestSide?: number;
  /** Render at this resolution (dots per inch). */
  dpi?: number;
  /** Clockwise rotation applied after rendering. */
  rotation?: Rotation;
  /** Encoded PNG or JPEG, or `raw`: 8-bit RGB pixels row by row (for in-process OCR: no encode, no decode). */
  format?: 'png' | 'jpeg' | 'raw';
}

export interface RenderedImage {
  data: Buffer;
  /** `application/octet-stream` for raw RGB pixels (3 bytes a pixel, width × height). */
  mime: 'image/png' | 'image/jpeg' | 'application/octet-stream';
  width: number;
  height: number;
  dpi: number;
  rotation: Rotation;
}

/** The verdict on a page's text layer: can it be trusted, or does the page need OCR? */
export interface TextVerdict {
  trustworthy: boolean;
  /** Why not (needs_ocr with its reasons: no_text_layer, invisible_text, garbage_glyphs). */
  flags: PageFlag[];
  /** Visible characters on the page. */
  chars: number;
  /** Share of characters that look like glyph garbage. */
  garbageShare: number;
  /** Share of characters drawn invisibly (render mode 3). */
  invisibleShare: number;
}

/** A page made ready for an engine: its text layer, the verdict, and an image when one was asked for. */
export interface PreparedPage {
  index: number;
  dimensions: PageDimensions;
  label?: string;
  textLayer: PositionedPage;
  verdict: TextVerdict;
  image?: RenderedImage;
  /** Source document's sha256, for logs and caches. */
  sha256?: string;
}

/** The typed outcome of a vision engine on one page (after its own retry policy). */
export type VisionOutcome =
  | { ok: true; draft: PageDraft }
  | { ok: false; error: PlainError; attempts: number; usage?: PageUsage; rotation?: Rotation };

/** A remote page transcriber (an OpenAI-compatible server, Mistral's API). */
export interface VisionEngine {
  readonly name: string;
  /** The image size this engine wants (longest side in px). */
  readonly renderLongestSide: number;
  transcribe(page: PreparedPage, opts: { signal?: AbortSignal; render?: (req: RenderRequest) => Promise<RenderedImage> }): Promise<VisionOutcome>;
  close?(): Promise<void>;
}
