import type { Job } from 'bullmq';
import { DocmillError } from '@docmill/core';
import { parsePayload } from '../catalogue.js';
import { signWebhook } from '../signature.js';
import type { WorkerDeps } from './deps.js';

/** Time limit of one delivery. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * One webhook delivery: POSTs the final JobRecord to the callback URL with
 * `X-Docmill-Signature: sha256=<hex HMAC-SHA256 of the body>` and `X-Docmill-Event`.
 * A non-2xx answer or a network error is thrown, and the webhook retry policy
 * (exponential backoff with jitter) tries again. Does not follow redirects.
 * A job deleted in the meantime is not delivered (its secret is gone with it).
 */
export async function processWebhook(deps: WorkerDeps, job: Job, _token?: string, signal?: AbortSignal): Promise<{ status: number } | { skipped: string }> {
  const p = parsePayload('webhook', job.data);
  const stored = await deps.ctx.records.get(p.jobId);
  const secret = stored?.callback?.secret;
  if (!stored || secret === undefined) return { skipped: 'deleted' };
  const timeout = AbortSignal.timeout(DELIVERY_TIMEOUT_MS);
  const res = await fetch(p.url, {
    method: 'POST',
    body: p.body,
    redirect: 'manual',
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'docmill-webhook',
      'x-docmill-event': p.event,
      'x-docmill-signature': signWebhook(p.body, secret),
      'x-docmill-delivery': String(job.id),
    },
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) {
    throw new DocmillError('INTERNAL', `Webhook ${p.url} answered ${res.status}; delivery will be retried.`, { retryable: true });
  }
  return { status: res.status };
}
