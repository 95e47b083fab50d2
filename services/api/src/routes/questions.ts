import { askClientFromConfig, askDocument, checkQuestion, type AskEngine, type PageImage } from '@docmill/ask';
import { DocmillError, type Config } from '@docmill/core';
import { principalOf, type RouteModule } from '../context.js';
import { bearerSecurity, errorResponses, JobIdParams } from '../schemas.js';

interface IdParams {
  id: string;
}
interface QuestionBody {
  question: string;
  engine?: AskEngine;
}

const CitationSchema = {
  type: 'object',
  required: ['page', 'quote'],
  properties: { page: { type: 'integer', description: '1-based page.' }, quote: { type: 'string', description: 'Occurs on that page (checked).' } },
} as const;

export const AnswerSchema = {
  type: 'object',
  required: ['answer', 'citations', 'mode', 'usage'],
  properties: {
    answer: { type: 'string' },
    citations: { type: 'array', items: CitationSchema },
    mode: { type: 'string', enum: ['full-context', 'retrieval', 'extractive'], description: 'extractive: no model was asked (engine local).' },
    usage: {
      type: 'object',
      properties: {
        promptTokens: { type: 'integer' },
        completionTokens: { type: 'integer' },
        imageTokens: { type: 'integer' },
        latencyMs: { type: 'number' },
        contextTokens: { type: 'integer' },
        budgetTokens: { type: 'integer' },
        tokenCount: { type: 'string', enum: ['exact', 'estimate', 'none'] },
        pagesInContext: { type: 'integer' },
        pageCount: { type: 'integer' },
        images: { type: 'integer' },
      },
    },
    note: { type: 'string', description: 'Retrieval was used, no model was asked, citations were dropped, …' },
    model: { type: 'string' },
    promptVersion: { type: 'string' },
  },
} as const;

/** The engine for questions when the request names none: the configured model server, else local. */
function defaultEngine(config: Config): AskEngine {
  if (config.DOCMILL_OPENAI_BASE_URL) return 'openai';
  if (config.MISTRAL_API_KEY) return 'mistral';
  return 'local';
}

/** A PNG's size from its IHDR chunk; undefined for anything else. */
function pngImage(data: Buffer): PageImage | undefined {
  if (data.length < 24 || data.readUInt32BE(0) !== 0x89504e47 || data.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { data, width: data.readUInt32BE(16), height: data.readUInt32BE(20), mime: 'image/png' };
}

/**
 * Questions over a finished job's document: `POST /v1/jobs/:id/questions {question, engine?}`.
 *
 * Note: answered in the API process, synchronously, with a time limit
 * (DOCMILL_VISION_TIMEOUT_MS) — not on the `answer` queue: the job catalogue
 * reserves that queue but @docmill/jobs has no answer worker to hand it to yet.
 * A question is one model call over a result already in the store (never a
 * reconversion), so the API process waits on I/O, not CPU; the extractive
 * engine is a BM25 lookup.
 */
export const questionRoutes: RouteModule = (app, { jobs, config, closing }) => {
  const maxChars = config.DOCMILL_MAX_QUESTION_CHARS;
  app.post<{ Params: IdParams; Body: QuestionBody }>(
    '/v1/jobs/:id/questions',
    {
      // Note: room for a question at the limit in any script (4 bytes a character);
      // past it Fastify answers 413 before reading the rest.
      bodyLimit: Math.max(1 << 20, maxChars * 4 + 4096),
      schema: {
        summary: 'Ask a question about a finished job; the answer cites pages with checked quotes',
        description:
          'The whole document goes into the model context when it fits (mode full-context), else the pages retrieval picks (mode retrieval); ' +
          'page images go along for visual questions. engine local answers extractively (best passages, no model). ' +
          'Answered synchronously within DOCMILL_VISION_TIMEOUT_MS.',
        tags: ['questions'],
        security: bearerSecurity,
        params: JobIdParams,
        body: {
          type: 'object',
          required: ['question'],
          additionalProperties: false,
          properties: {
            question: { type: 'string', description: `At most ${maxChars} characters (DOCMILL_MAX_QUESTION_CHARS).` },
            engine: { type: 'string', enum: ['local', 'openai', 'mistral'], description: 'Default: openai when DOCMILL_OPENAI_BASE_URL is set, else mistral when MISTRAL_API_KEY is, else local.' },
          },
        },
        response: { 200: AnswerSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { tenant } = principalOf(req);
      const { id } = req.params;
      const question = checkQuestion(req.body.question, maxChars);
      const doc = await jobs.result(tenant, id);
      const left = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) left.abort(new DocmillError('USAGE_BAD_ARGUMENT', 'The client closed the connection.'));
      });
      const timeout = AbortSignal.timeout(config.DOCMILL_VISION_TIMEOUT_MS);
      const signal = AbortSignal.any([timeout, closing, left.signal]);
      try {
        const engine = req.body.engine ?? defaultEngine(config);
        return await askDocument(doc, question, {
          engine,
          ...(engine === 'local' ? {} : askClientFromConfig(config, engine)),
          contextTokens: config.DOCMILL_CONTEXT_TOKENS,
          imageLongestSide: config.DOCMILL_VISION_LONGEST_SIDE,
          maxQuestionChars: maxChars,
          pageImage: async (index) => {
            const png = await jobs.pageImage(tenant, id, index + 1).catch(() => undefined);
            return png ? pngImage(png) : undefined;
          },
          signal,
        });
      } catch (e) {
        if (timeout.aborted) throw new DocmillError('ENGINE_TIMEOUT', `The answer took longer than ${config.DOCMILL_VISION_TIMEOUT_MS} ms.`, { cause: e });
        throw e;
      }
    },
  );
};
