import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A new job id: "j", the time in ms (base 36, 9 characters), 12 random characters.
 * Ids sort by creation time as strings, which is what listing pages rely on.
 */
export function newJobId(now = Date.now()): string {
  const time = now.toString(36).padStart(9, '0');
  const bytes = randomBytes(12);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 36];
  return `j${time}${rand}`;
}

/** True for strings shaped like our job ids (anything else is "not found" without a Redis call). */
export function isJobId(id: string): boolean {
  return /^j[0-9a-z]{21}$/.test(id);
}

/** When a job id was made (ms since the epoch), from its time part. */
export function jobIdTime(id: string): number {
  return parseInt(id.slice(1, 10), 36);
}
