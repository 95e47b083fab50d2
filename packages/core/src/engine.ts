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

/**
 * What a page does when every model server stays down past DOCMILL_VISION_MAX_WAIT:
 * keep waiting, fall back to the local engine (flagged `fallback`), or fail (flagged `error`, ENGINE_UNAVAILABLE).
 */
export type ServerDownPolicy = 'wait' | 'fallback' | 'fail';

/** Whether an engine's servers take requests now (the job system stops taking vision work while not). */
export interface EngineAvailability {
  /** False while every server is down and pages are meant to wait for it. */
  readonly available: boolean;
  /** Calls `listener` on each change of `available`; returns the unsubscribe function. */
  subscribe(listener: (available: boolean) => void): () => void;
}

/** A remote page transcriber (an OpenAI-compatible server, Mistral's API). */
export interface VisionEngine {
  readonly name: string;
  /** The image size this engine wants (longest side in px). */
  readonly renderLongestSide: number;
  /**
   * Transcribes one page; server outages make it wait (they are not the page's attempts).
   * @param opts.onServerDown this page's policy when every server stays down past the engine's max wait (default: the engine's)
   */
  transcribe(page: PreparedPage, opts: { signal?: AbortSignal; render?: (req: RenderRequest) => Promise<RenderedImage>; onServerDown?: ServerDownPolicy }): Promise<VisionOutcome>;
  /** The servers' state, when the engine has a circuit (the job system pauses on it). */
  readonly availability?: EngineAvailability;
  close?(): Promise<void>;
}
