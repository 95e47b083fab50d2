/**
 * What askDocument needs from a model server: the chat call and, when the
 * server has it, exact token counting. @docmill/vision's OpenAICompatClient
 * fits this shape; tests may pass anything that does.
 */

export type AskContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface AskMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | AskContentPart[];
}

export interface AskChatRequest {
  model: string;
  messages: AskMessage[];
  temperature?: number;
  max_tokens?: number;
  response_format?: unknown;
}

export interface AskChatResult {
  text: string;
  finishReason: string;
  usage: { promptTokens: number; completionTokens: number };
  latencyMs: number;
}

export interface AskClient {
  chat(req: AskChatRequest, opts?: { signal?: AbortSignal }): Promise<AskChatResult>;
  /** vLLM's `/tokenize` (messages form applies the chat template). Absent or 404: estimates are used. */
  tokenize?(input: string | { messages: AskMessage[] }, opts?: { model?: string; signal?: AbortSignal }): Promise<{ count: number }>;
}
