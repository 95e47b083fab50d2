import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's timestamp may be from the receiver's clock by default (seconds). */
export const WEBHOOK_TOLERANCE_S = 300;

/**
 * The X-Docmill-Signature header value of a webhook delivery:
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. The timestamp (the
 * X-Docmill-Timestamp header, Unix seconds of the attempt) is signed with the
 * body, so a captured delivery cannot be replayed later with a fresh timestamp.
 * @param body the exact bytes sent
 * @param secret the tenant's webhook secret
 * @param timestamp Unix seconds of this attempt (the X-Docmill-Timestamp header)
 */
export function signWebhook(body: string | Buffer, secret: string, timestamp: number | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * Checks a received delivery (what a webhook receiver does): the signature in
 * constant time, and the timestamp within `toleranceS` of `now`.
 * @param body the raw body received
 * @param secret the tenant's webhook secret
 * @param signature the X-Docmill-Signature header
 * @param timestamp the X-Docmill-Timestamp header
 * @param opts.toleranceS accepted clock distance (default 300 s)
 * @param opts.nowS the receiver's clock, Unix seconds (default now)
 * Does not remember deliveries: deduplicate on X-Docmill-Delivery yourself.
 */
export function verifyWebhook(body: string | Buffer, secret: string, signature: string | undefined, timestamp: string | undefined,
  opts: { toleranceS?: number; nowS?: number } = {}): boolean {
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = opts.nowS ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (opts.toleranceS ?? WEBHOOK_TOLERANCE_S)) return false;
  const want = Buffer.from(signWebhook(body, secret, timestamp));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
