import { z } from 'zod';
import { DocmillError } from './errors.js';
import { LANG_CODES } from './options.js';

/**
 * Configuration from the environment, read once, validated. Every knob has a
 * default that works on a laptop; the README's configuration table lists them.
 */
const intFrom = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

export const ConfigSchema = z.object({
  DOCMILL_REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  DOCMILL_STORE: z.string().default('./.docmill/store'),
  DOCMILL_QUEUE_PREFIX: z.string().default('docmill'),
  DOCMILL_MAX_BYTES: intFrom(512 * 1024 * 1024, 1),
  DOCMILL_MAX_PAGES: intFrom(20000, 1),
  /** Job system: pages of one tenant running at once, across workers, when its API key sets none (0 = no limit). */
  DOCMILL_PAGES_IN_FLIGHT: intFrom(0, 0),
  DOCMILL_PAGE_TIMEOUT_MS: intFrom(120000, 100),
  DOCMILL_CONCURRENCY: z.coerce.number().int().min(1).optional(),
  /** OCR languages when a conversion names none (tesseract codes joined by +: "deu", "deu+fra"). */
  DOCMILL_LANG: z.string().regex(LANG_CODES, 'tesseract language codes joined by +, e.g. "deu+fra"').optional(),
  DOCMILL_DEGRADED_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  DOCMILL_OPENAI_BASE_URL: z.string().optional(),
  DOCMILL_OPENAI_API_KEY: z.string().optional(),
  /**
   * What the OpenAI-compatible server speaks: `vllm` (max_completion_tokens; cut answers continued with
   * continue_final_message), `openai` (max_completion_tokens; cut answers asked again with a higher limit),
   * `legacy` (max_tokens, the same; servers that predate max_completion_tokens).
   */
  DOCMILL_OPENAI_SERVER: z.enum(['vllm', 'openai', 'legacy']).default('vllm'),
  DOCMILL_MODEL: z.string().default('mistralai/Mistral-Small-3.1-24B-Instruct-2503'),
  DOCMILL_VISION_CONCURRENCY: intFrom(64, 1),
  DOCMILL_VISION_TIMEOUT_MS: intFrom(180000, 100),
  DOCMILL_VISION_LONGEST_SIDE: intFrom(1540, 28),
  DOCMILL_VISION_ATTEMPTS: intFrom(4, 1),
  /** Seconds pages wait while every vision server is down before DOCMILL_ON_SERVER_DOWN applies (a vLLM cold start takes minutes). */
  DOCMILL_VISION_MAX_WAIT: intFrom(900, 0),
  /** What pages do when every vision server stays down past DOCMILL_VISION_MAX_WAIT: keep waiting, fall back to local, or fail. */
  DOCMILL_ON_SERVER_DOWN: z.enum(['wait', 'fallback', 'fail']).default('wait'),
  DOCMILL_CONTEXT_TOKENS: intFrom(131072, 1024),
  MISTRAL_API_KEY: z.string().optional(),
  DOCMILL_MISTRAL_BASE_URL: z.string().default('https://api.mistral.ai'),
  DOCMILL_MISTRAL_MODEL: z.string().default('mistral-small-latest'),
  DOCMILL_API_KEYS: z.string().optional(),
  DOCMILL_API_KEYS_FILE: z.string().optional(),
  DOCMILL_PORT: intFrom(8080, 0),
  DOCMILL_HOST: z.string().default('0.0.0.0'),
  DOCMILL_ALLOW_PRIVATE_URLS: z.stringbool().default(false),
  /** API: requests per minute per API key when the key sets none (shared across API processes through Redis). */
  DOCMILL_RATE_PER_MINUTE: intFrom(600, 1),
  /** API: deadline for downloading a document from a URL, redirects included. */
  DOCMILL_URL_TIMEOUT_MS: intFrom(30000, 100),
  DOCMILL_MAX_QUESTION_CHARS: intFrom(20000, 1),
  /** API: failed API keys (401 AUTH_INVALID) allowed per client address and minute before it gets 429 for every key. */
  DOCMILL_AUTH_FAILURES_PER_MINUTE: intFrom(20, 1),
  /** API: the bearer token GET /metrics asks for; unset, nobody can read /metrics (401). */
  DOCMILL_METRICS_TOKEN: z.string().min(1).optional(),
  /** API: finished jobs (record, results, input) are deleted this many hours after they finished; unset keeps them until deleted. */
  DOCMILL_JOB_TTL_HOURS: z.coerce.number().positive().optional(),
  /** docmill submit: the job API's base URL when --server is not given. */
  DOCMILL_SERVER: z.string().min(1).optional(),
  /** docmill submit: the API key when --api-key is not given. */
  DOCMILL_API_KEY: z.string().min(1).optional(),
  /** API and assemble workers: Redis of the search index (default: DOCMILL_REDIS_URL, the queue's). */
  DOCMILL_SEARCH_REDIS_URL: z.string().optional(),
  /** Workers: how long assemble keeps retrying a store that fails (backoff 1 s doubling to 30 s) before the job fails. */
  DOCMILL_ASSEMBLE_RETRY_MS: intFrom(600000, 0),
  /** API and workers (the same value everywhere): seals PDF passwords while they wait in Redis; unset keeps them in clear. */
  DOCMILL_SECRET_KEY: z.string().min(16).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

/**
 * Validates an environment into a configuration. Entry points (the CLI's commands,
 * the API server, the worker processes) call it once and pass the result, or the
 * fields needed, down; library functions take it as a parameter and never call it.
 * @param env the variables to read (default process.env)
 * Throws USAGE_BAD_ARGUMENT naming the first invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new DocmillError('USAGE_BAD_ARGUMENT', `Environment variable ${String(first.path[0])}: ${first.message}.`);
  }
  return parsed.data;
}

/**
 * The configuration of an empty environment: every default. What library functions
 * use for a setting their caller did not give (never the process's environment).
 */
export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze(loadConfig({}));
