// The answer family: questions over finished documents (POST /v1/jobs/:id/questions),
// answered with the configured model server (DOCMILL_OPENAI_BASE_URL / MISTRAL_API_KEY) or extractively.
// Run: node --import @docmill/core/loader workers/answer.ts
import { runWorkerProcess } from '@docmill/jobs';

await runWorkerProcess(['answer']);
