import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The X-Docmill-Signature header value for a webhook body: `sha256=<hex HMAC-SHA256 of the raw body>`.
 * @param body the exact bytes sent
 * @param secret the tenant's webhook secret
 */
export function signWebhook(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Checks a received signature in constant time (what a webhook receiver does). */
export function verifyWebhook(body: string | Buffer, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(signWebhook(body, secret));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}
