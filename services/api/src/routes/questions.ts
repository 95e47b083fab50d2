import { checkQuestion, type AskEngine } from '@docmill/ask';
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

/**
 * Questions over a finished job's document: `POST /v1/jobs/:id/questions {question, engine?}`.
 *
 * Note: answered by an `answer` worker (the answer queue, its own retry policy)
 * while the request waits, up to DOCMILL_VISION_TIMEOUT_MS (then 504
 * ENGINE_TIMEOUT). A question reads the result already in the store; it never
 * reconverts.
 */
export const questionRoutes: RouteModule = (app, { jobs, config }) => {
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
    async (req) => {
      const { tenant } = principalOf(req);
      const question = checkQuestion(req.body.question, maxChars);
      return jobs.ask(tenant, req.params.id, { question, ...(req.body.engine ? { engine: req.body.engine } : {}) }, { timeoutMs: config.DOCMILL_VISION_TIMEOUT_MS });
    },
  );
};
