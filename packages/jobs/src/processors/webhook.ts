import type { Job } from 'bullmq';
import http from 'node:http';
import https from 'node:https';
import { DocmillError, pinnedLookup, resolveChecked, toDocmillError, type ResolvedAddress } from '@docmill/core';
import { parsePayload, unrecoverable } from '../catalogue.js';
import { signWebhook } from '../signature.js';
import type { WorkerDeps } from './deps.js';

/** Time limit of one delivery. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * One webhook delivery: POSTs the final JobRecord to the callback URL with
 * `X-Docmill-Timestamp` (Unix seconds of this attempt), `X-Docmill-Signature:
 * sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, `X-Docmill-Event` and
 * `X-Docmill-Delivery` (the BullMQ job id `<job>-webhook`: the same on every attempt).
 * A non-2xx answer or a network error is thrown, and the webhook retry policy
 * (exponential backoff with jitter) tries again. Does not follow redirects.
 * A job deleted in the meantime is not delivered (its secret is gone with it).
 * Note: the host is resolved and checked again here, and the connection goes to
 * the address checked (unless DOCMILL_ALLOW_PRIVATE_URLS): the API checked it at
 * submission, but a name can be pointed at an internal address afterwards (DNS
 * rebinding). A refused address fails the delivery for good (INPUT_URL_FORBIDDEN).
 */
export async function processWebhook(deps: WorkerDeps, job: Job, _token?: string, signal?: AbortSignal): Promise<{ status: number } | { skipped: string }> {
  const p = parsePayload('webhook', job.data);
  const stored = await deps.ctx.records.get(p.jobId);
  const secret = stored?.callback?.secret;
  if (!stored || secret === undefined) return { skipped: 'deleted' };
  const url = new URL(p.url);
  let pinned: ResolvedAddress;
  try {
    pinned = await resolveChecked(url, { allowPrivate: deps.config.DOCMILL_ALLOW_PRIVATE_URLS, failCode: 'INTERNAL' });
  } catch (e) {
    const err = toDocmillError(e);
    if (err.code === 'DOCMILL_ERR_INPUT_URL_FORBIDDEN') throw unrecoverable(err);
    throw new DocmillError('INTERNAL', `Webhook ${url.host} does not resolve; delivery will be retried.`, { retryable: true, cause: e });
  }
  const timeout = AbortSignal.timeout(DELIVERY_TIMEOUT_MS);
  const timestamp = Math.floor(Date.now() / 1000);
  const status = await post(url, pinned, p.body, signal ? AbortSignal.any([signal, timeout]) : timeout, {
    'content-type': 'application/json',
    'user-agent': 'docmill-webhook',
    'x-docmill-event': p.event,
    'x-docmill-timestamp': String(timestamp),
    'x-docmill-signature': signWebhook(p.body, secret, timestamp),
    'x-docmill-delivery': String(job.id),
  });
  if (status < 200 || status > 299) {
    throw new DocmillError('INTERNAL', `Webhook ${p.url} answered ${status}; delivery will be retried.`, { retryable: true });
  }
  return { status };
}

/** POSTs `body` to the pinned address of `url` (TLS still checks the URL's host name); resolves with the status, the answer read and dropped. */
function post(url: URL, pinned: ResolvedAddress, body: string, signal: AbortSignal, headers: Record<string, string>): Promise<number> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method: 'POST', lookup: pinnedLookup(pinned), agent: false, signal, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', (e) => reject(new DocmillError('INTERNAL', `Webhook ${url.host}: ${signal.aborted ? 'timed out' : e.message}; delivery will be retried.`, { retryable: true, cause: e })));
    req.end(body);
  });
}
