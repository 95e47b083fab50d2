import { DocmillError, createLogger, type Config, type Logger } from '@docmill/core';
import { createMistralEngine } from './mistral-engine.js';
import { createOpenAIEngine } from './openai-engine.js';
import type { VisionEngine } from '@docmill/core';

/**
 * Builds a vision engine from core's configuration (what the entry point's loadConfig() returned).
 * @param config DOCMILL_OPENAI_BASE_URL (one URL or a comma-separated list), DOCMILL_OPENAI_API_KEY, DOCMILL_OPENAI_SERVER, DOCMILL_MODEL,
 *   DOCMILL_VISION_CONCURRENCY / _TIMEOUT_MS / _LONGEST_SIDE / _ATTEMPTS / _MAX_WAIT, DOCMILL_ON_SERVER_DOWN,
 *   MISTRAL_API_KEY, DOCMILL_MISTRAL_BASE_URL, DOCMILL_MISTRAL_MODEL
 * @param name 'openai' or 'mistral'
 * @param opts.mistralMode 'chat' (default) or 'ocr'
 * @param opts.logger default: createLogger('vision') (warns when a page is given up; attempts at debug level)
 * Throws ENGINE_NOT_CONFIGURED when the engine's URL or key is missing, ENGINE_UNKNOWN for other names.
 * Note: call it once per process and share the engine: its concurrency cap is per server for the whole process.
 */
export function engineFromConfig(config: Config, name: string, opts: { mistralMode?: 'chat' | 'ocr'; logger?: Logger } = {}): VisionEngine {
  const common = {
    longestSide: config.DOCMILL_VISION_LONGEST_SIDE,
    attempts: config.DOCMILL_VISION_ATTEMPTS,
    timeoutMs: config.DOCMILL_VISION_TIMEOUT_MS,
    logger: opts.logger ?? createLogger('vision'),
  };
  const servers = { maxWaitMs: config.DOCMILL_VISION_MAX_WAIT * 1000, onServerDown: config.DOCMILL_ON_SERVER_DOWN };
  if (name === 'openai') {
    const baseUrls = (config.DOCMILL_OPENAI_BASE_URL ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (baseUrls.length === 0) throw new DocmillError('ENGINE_NOT_CONFIGURED', 'DOCMILL_OPENAI_BASE_URL is not set.');
    return createOpenAIEngine({
      ...common,
      baseUrls,
      ...(config.DOCMILL_OPENAI_API_KEY ? { apiKey: config.DOCMILL_OPENAI_API_KEY } : {}),
      model: config.DOCMILL_MODEL,
      concurrency: config.DOCMILL_VISION_CONCURRENCY,
      tokenLimitField: config.DOCMILL_OPENAI_SERVER === 'legacy' ? 'max_tokens' : 'max_completion_tokens',
      continueTruncated: config.DOCMILL_OPENAI_SERVER === 'vllm',
      servers,
    });
  }
  if (name === 'mistral') {
    if (!config.MISTRAL_API_KEY) throw new DocmillError('ENGINE_NOT_CONFIGURED', 'MISTRAL_API_KEY is not set.');
    return createMistralEngine({
      ...common,
      apiKey: config.MISTRAL_API_KEY,
      baseUrl: config.DOCMILL_MISTRAL_BASE_URL,
      model: config.DOCMILL_MISTRAL_MODEL,
      mode: opts.mistralMode ?? 'chat',
      servers,
    });
  }
  throw new DocmillError('ENGINE_UNKNOWN', `"${name}" is not a vision engine.`);
}
