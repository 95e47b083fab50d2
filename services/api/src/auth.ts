import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DocmillError, type Config } from '@docmill/core';
import { digest } from './secret.js';

/** Who is calling: the tenant an API key is bound to, and that key's settings. */
export interface Principal {
  tenant: string;
  /** A stable, non-secret id of the key (a hash prefix): rate-limit buckets and logs. */
  keyId: string;
  /** Signs this tenant's webhook deliveries (X-Docmill-Signature). */
  webhookSecret?: string;
  /** Requests per minute for this key; undefined = the server's default. */
  ratePerMinute?: number;
  /** Pages per document for this key's jobs; undefined = DOCMILL_MAX_PAGES. */
  maxPages?: number;
  /** The tenant's pages running at once for this key's jobs (0 = no limit); undefined = DOCMILL_PAGES_IN_FLIGHT. */
  pagesInFlight?: number;
}

export interface ApiKeyEntry {
  key: string;
  tenant: string;
  webhookSecret?: string;
  ratePerMinute?: number;
  maxPages?: number;
  pagesInFlight?: number;
}

const EntrySchema = z.strictObject({
  key: z.string().min(8, 'API keys have at least 8 characters'),
  tenant: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'tenants are 1-64 letters, digits, ".", "_" or "-"'),
  webhookSecret: z.string().min(1).optional(),
  ratePerMinute: z.number().int().min(1).optional(),
  maxPages: z.number().int().min(1).optional(),
  pagesInFlight: z.number().int().min(0).optional(),
});

/**
 * The configured API keys. Keys are kept only as SHA-256 digests and compared
 * in constant time (hash the presented key, then timingSafeEqual against every
 * digest, without stopping at the first match), so neither the comparison nor
 * the position of a key in the list leaks through timing.
 */
export class ApiKeys {
  readonly #entries: Array<{ digest: Buffer; principal: Principal }>;

  /**
   * @param entries the keys; duplicates are refused (one key, one tenant)
   */
  constructor(entries: readonly ApiKeyEntry[]) {
    const seen = new Set<string>();
    this.#entries = entries.map((raw, i) => {
      const parsed = EntrySchema.safeParse(raw);
      if (!parsed.success) throw new DocmillError('USAGE_BAD_ARGUMENT', `API key #${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
      const e = parsed.data;
      const d = digest(e.key);
      const keyId = d.toString('hex').slice(0, 12);
      if (seen.has(keyId)) throw new DocmillError('USAGE_BAD_ARGUMENT', `API key #${i + 1} is listed twice.`);
      seen.add(keyId);
      const principal: Principal = { tenant: e.tenant, keyId };
      if (e.webhookSecret !== undefined) principal.webhookSecret = e.webhookSecret;
      if (e.ratePerMinute !== undefined) principal.ratePerMinute = e.ratePerMinute;
      if (e.maxPages !== undefined) principal.maxPages = e.maxPages;
      if (e.pagesInFlight !== undefined) principal.pagesInFlight = e.pagesInFlight;
      return { digest: d, principal };
    });
  }

  get size(): number {
    return this.#entries.length;
  }

  /**
   * The principal for a presented key, or undefined when no key matches.
   * @param presented the bearer token as sent
   */
  lookup(presented: string): Principal | undefined {
    const d = digest(presented);
    let found: Principal | undefined;
    for (const e of this.#entries) {
      if (timingSafeEqual(d, e.digest)) found = e.principal;
    }
    return found;
  }
}

/**
 * Parses the DOCMILL_API_KEYS form: "key:tenant[:webhookSecret],…".
 * @param spec the variable's value; blanks around items are ignored
 * Keys and tenants cannot contain ":" or ","; use DOCMILL_API_KEYS_FILE for per-key rates.
 */
export function parseApiKeys(spec: string): ApiKeyEntry[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item, i) => {
      const [key, tenant, ...secret] = item.split(':');
      if (!key || !tenant) throw new DocmillError('USAGE_BAD_ARGUMENT', `DOCMILL_API_KEYS item #${i + 1} is not "key:tenant[:webhookSecret]".`);
      const entry: ApiKeyEntry = { key, tenant };
      if (secret.length > 0) entry.webhookSecret = secret.join(':');
      return entry;
    });
}

/**
 * Loads the API keys from DOCMILL_API_KEYS and DOCMILL_API_KEYS_FILE (a JSON
 * array of {key, tenant, webhookSecret?, ratePerMinute?, maxPages?, pagesInFlight?}); both may be set.
 * @param config the loaded configuration
 * Does not allow an empty key set: a server without keys refuses to start
 * (USAGE_BAD_ARGUMENT) rather than serve everyone.
 */
export function loadApiKeys(config: Pick<Config, 'DOCMILL_API_KEYS' | 'DOCMILL_API_KEYS_FILE'>): ApiKeys {
  const entries: ApiKeyEntry[] = [];
  if (config.DOCMILL_API_KEYS) entries.push(...parseApiKeys(config.DOCMILL_API_KEYS));
  if (config.DOCMILL_API_KEYS_FILE) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(config.DOCMILL_API_KEYS_FILE, 'utf8'));
    } catch (e) {
      throw new DocmillError('USAGE_BAD_ARGUMENT', `DOCMILL_API_KEYS_FILE ${config.DOCMILL_API_KEYS_FILE} is not readable JSON.`, { cause: e });
    }
    if (!Array.isArray(parsed)) throw new DocmillError('USAGE_BAD_ARGUMENT', 'DOCMILL_API_KEYS_FILE must hold a JSON array of {key, tenant, webhookSecret?, ratePerMinute?, maxPages?, pagesInFlight?}.');
    entries.push(...(parsed as ApiKeyEntry[]));
  }
  const keys = new ApiKeys(entries);
  if (keys.size === 0) throw new DocmillError('USAGE_BAD_ARGUMENT', 'No API keys configured; set DOCMILL_API_KEYS="key:tenant,…" or DOCMILL_API_KEYS_FILE.');
  return keys;
}

/**
 * Extracts the bearer token of an Authorization header.
 * @param header the header's value
 * Throws AUTH_MISSING when there is none (or another scheme is used).
 */
export function bearerToken(header: string | undefined): string {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m?.[1]) throw new DocmillError('AUTH_MISSING');
  return m[1];
}
