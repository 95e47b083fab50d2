/** The answer to a question over a document, as the CLI prints it and the API returns it. */
import type { Citation } from './verify.js';

export type AskMode = 'full-context' | 'retrieval' | 'extractive';

export interface AnswerUsage {
  /** Prompt tokens as the server reported them (else as counted), images included. */
  promptTokens: number;
  completionTokens: number;
  /** Image tokens by Mistral Small 3.1's formula. */
  imageTokens: number;
  latencyMs: number;
  /** The context window the request was planned for (0 for extractive answers). */
  contextTokens: number;
  /** Tokens the planned prompt was allowed to take (context − answer budget − images). */
  budgetTokens: number;
  /** How the prompt was counted: by the server's /tokenize, by the conservative estimate, or not at all. */
  tokenCount: 'exact' | 'estimate' | 'none';
  /** Pages whose text went into the prompt. */
  pagesInContext: number;
  pageCount: number;
  /** Page images attached. */
  images: number;
}

export interface Answer {
  answer: string;
  /** Checked: each quote occurs on its (1-based) page. */
  citations: Citation[];
  mode: AskMode;
  usage: AnswerUsage;
  /** What the reader should know: retrieval was used, no model was asked, citations were dropped, … */
  note?: string;
  /** The model that answered (absent for extractive answers). */
  model?: string;
  promptVersion?: string;
}
