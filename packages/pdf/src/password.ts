/**
 * SASLprep (RFC 4013) of a password, as PDF 2.0 requires for AES-256 (revision 6)
 * security handlers: non-ASCII spaces become U+0020, "commonly mapped to nothing"
 * characters (soft hyphen, zero-width joiners, variation selectors…) are removed,
 * and the result is NFKC-normalised (so "ª" becomes "a").
 * @param password as the user typed it
 * Does not reject prohibited or bidirectional characters (a wrong password simply fails).
 */
export function saslprep(password: string): string {
  return password
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu, ' ')
    .replace(/[\u00ad\u034f\u1806\u180b-\u180d\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff]/gu, '')
    .normalize('NFKC');
}
