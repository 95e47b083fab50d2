/**
 * Reads the model's reply into an answer and raw citations. The prompt asks for
 * JSON (and the request sets `response_format` when the server takes it), but a
 * reply may come wrapped in a code fence, or as prose with `[p. N] "quote"`
 * markers; all three are read.
 */
import type { Citation } from './verify.js';

export interface ParsedReply {
  answer: string;
  citations: Citation[];
  /** How the reply was read. */
  form: 'json' | 'markers' | 'text';
}

/**
 * Parses a reply.
 * @param text the model's message content
 * Does not check the citations (see verifyCitations).
 */
export function parseReply(text: string): ParsedReply {
  const json = readJson(text);
  if (json) return json;
  const cut = salvageAnswer(text);
  if (cut !== undefined) return { answer: cut, citations: [], form: 'text' };
  const citations: Citation[] = [];
  const re = /\[\s*(?:p(?:age|\.)?\s*)(\d+)\s*\]\s*[:,-]?\s*["\u201C]([^"\u201D]{1,2000})["\u201D]/giu;
  for (let m = re.exec(text); m; m = re.exec(text)) citations.push({ page: Number(m[1]), quote: m[2]! });
  if (citations.length > 0) return { answer: text.trim(), citations, form: 'markers' };
  return { answer: text.trim(), citations: [], form: 'text' };
}

function readJson(text: string): ParsedReply | undefined {
  const trimmed = text.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  const first = trimmed.indexOf('{');
  const last = trimmed.lastIndexOf('}');
  if (first < 0 || last <= first) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed.slice(first, last + 1));
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const o = value as { answer?: unknown; citations?: unknown };
  if (typeof o.answer !== 'string') return undefined;
  const citations: Citation[] = [];
  if (Array.isArray(o.citations)) {
    for (const c of o.citations) {
      if (!c || typeof c !== 'object') continue;
      const page = Number((c as { page?: unknown }).page);
      const quote = (c as { quote?: unknown }).quote;
      if (Number.isInteger(page) && typeof quote === 'string') citations.push({ page, quote });
    }
  }
  return { answer: o.answer.trim(), citations, form: 'json' };
}

/**
 * The answer string of a JSON reply cut short (finish_reason "length"): the
 * characters of `"answer": "…` up to where the reply stops, unescaped.
 */
function salvageAnswer(text: string): string | undefined {
  const m = /^\s*(?:```(?:json)?\s*)?\{\s*"answer"\s*:\s*"((?:[^"\\]|\\.)*)/s.exec(text);
  if (!m) return undefined;
  const body = m[1]!.replace(/\\u[0-9a-fA-F]{0,3}$|\\$/, '');
  try {
    return (JSON.parse(`"${body}"`) as string).trim();
  } catch {
    return body.trim();
  }
}
