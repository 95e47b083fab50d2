import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 of a secret: what is kept and compared instead of the secret itself (equal lengths for timingSafeEqual). */
export const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/**
 * Whether a presented token is the configured secret, compared in constant
 * time on their digests (neither the secret's length nor a common prefix leaks).
 * @param secret the configured secret (only its digest is kept)
 */
export function secretMatcher(secret: string): (presented: string) => boolean {
  const expected = digest(secret);
  return (presented) => timingSafeEqual(digest(presented), expected);
}
