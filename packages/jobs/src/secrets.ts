import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DocmillError } from '@docmill/core';

/** Marks a sealed value (version 1: AES-256-GCM). */
const SEALED = 'dm1:';

/**
 * Seals and opens the secrets the job system has to keep in Redis for a while
 * (a PDF password, from submission until the job ends), so that they do not sit
 * in Redis' memory, its AOF or its RDB snapshots in clear.
 *
 * Note: the key comes from DOCMILL_SECRET_KEY, shared by the API and every worker
 * (any string; its SHA-256 is the AES-256 key). Without it values are kept as
 * they are, which the service logs once at start: there is no place to keep a
 * generated key that every process reads and Redis does not.
 */
export class SecretBox {
  readonly #key: Buffer | undefined;

  /** @param secretKey DOCMILL_SECRET_KEY, or undefined to keep values in clear */
  constructor(secretKey: string | undefined) {
    this.#key = secretKey ? createHash('sha256').update(secretKey, 'utf8').digest() : undefined;
  }

  /** True when values are sealed (a key is configured). */
  get sealing(): boolean {
    return this.#key !== undefined;
  }

  /**
   * The value as stored: `dm1:<iv>.<tag>.<ciphertext>` (base64url) with a key, the value itself without.
   * @param value the secret
   * @param context what the value belongs to (the job id): authenticated, so a sealed value
   *   copied onto another job's key does not open there
   */
  seal(value: string, context: string): string {
    if (!this.#key) return value;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.#key, iv);
    c.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([c.update(value, 'utf8'), c.final()]);
    return `${SEALED}${iv.toString('base64url')}.${c.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
  }

  /**
   * The secret of a stored value (values stored in clear, before a key was set, come back as they are).
   * Throws INTERNAL (not retryable) when a sealed value cannot be opened: another key, or tampering.
   */
  open(stored: string, context: string): string {
    if (!stored.startsWith(SEALED)) return stored;
    if (!this.#key) throw new DocmillError('INTERNAL', 'A sealed secret was found but DOCMILL_SECRET_KEY is not set in this process; give every API and worker process the same key.');
    const [iv, tag, body] = stored.slice(SEALED.length).split('.');
    try {
      const d = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv ?? '', 'base64url'));
      d.setAAD(Buffer.from(context, 'utf8'));
      d.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
      return Buffer.concat([d.update(Buffer.from(body ?? '', 'base64url')), d.final()]).toString('utf8');
    } catch (e) {
      throw new DocmillError('INTERNAL', 'A sealed secret does not open with this DOCMILL_SECRET_KEY; give every API and worker process the same key.', { cause: e });
    }
  }
}
