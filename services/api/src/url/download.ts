import http from 'node:http';
import type { Readable } from 'node:stream';
import https from 'node:https';
import { DocmillError, pinnedLookup, resolveChecked, type ResolvedAddress } from '@docmill/core';

export interface DownloadOptions {
  /** Refuse bodies larger than this many bytes (checked on Content-Length and while streaming). */
  maxBytes: number;
  /** Fetch private, loopback and link-local addresses too (DOCMILL_ALLOW_PRIVATE_URLS=1). */
  allowPrivate?: boolean;
  /** Redirects followed at most (default 5); each target is checked again. */
  maxRedirects?: number;
  /** Deadline for the whole download, redirects included (default 30 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Name resolution (default: the system resolver, every address). Tests inject their own. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Address policy (default: isForbiddenAddress). */
  forbidden?: (address: string) => boolean;
  /**
   * Takes the body as a stream instead of collecting it (`bytes` is then empty): the
   * job service streams it into the store. The sink enforces `maxBytes` as bytes
   * arrive (a declared Content-Length over it is refused before); its coded error
   * (INPUT_TOO_LARGE) ends the download.
   */
  sink?: (body: Readable) => Promise<void>;
}

export interface Downloaded {
  bytes: Buffer;
  /** Final URL after redirects. */
  url: string;
  /** From Content-Disposition, else the last path segment of the final URL. */
  filename?: string;
  contentType?: string;
}

/**
 * Downloads a document for URL ingest, defending the server against SSRF.
 * Each hop: http/https only; the host is resolved once, every resolved address
 * is checked against the policy, and the connection goes to that very address
 * (pinned through the socket's lookup), so a DNS answer that changes between
 * check and connect (rebinding) cannot redirect it. Redirects are followed by
 * hand, at most `maxRedirects`, each one re-checked. The body is streamed and
 * the download aborted as soon as it passes `maxBytes`.
 * @param rawUrl the URL the client sent
 * @param opts limits and policy
 * Throws INPUT_URL_FORBIDDEN (scheme, credentials or address refused),
 * INPUT_TOO_LARGE, or INPUT_DOWNLOAD_FAILED (status, network, timeout, too many redirects).
 * Does not sniff the content: the caller checks the type of the bytes.
 */
export async function downloadUrl(rawUrl: string, opts: DownloadOptions): Promise<Downloaded> {
  const maxRedirects = opts.maxRedirects ?? 5;
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let url = parseUrl(rawUrl);
  for (let hop = 0; ; hop++) {
    const pinned = await pin(url, opts);
    const res = await request(url, pinned, signal, opts.maxBytes, opts.sink);
    if (res.kind === 'redirect') {
      if (hop >= maxRedirects) throw new DocmillError('INPUT_DOWNLOAD_FAILED', `More than ${maxRedirects} redirects, last to ${res.location}.`);
      url = parseUrl(new URL(res.location, url).toString());
      continue;
    }
    return { ...res.body, url: url.toString() };
  }
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DocmillError('INPUT_DOWNLOAD_FAILED', `"${raw.slice(0, 200)}" is not a URL.`, { retryable: false });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DocmillError('INPUT_URL_FORBIDDEN', `Only http and https URLs are fetched, not ${url.protocol}.`);
  }
  if (url.username || url.password) throw new DocmillError('INPUT_URL_FORBIDDEN', 'URLs with credentials are refused.');
  return url;
}

/** Resolves the URL's host once and checks every address; returns the one to connect to. */
function pin(url: URL, opts: DownloadOptions): Promise<ResolvedAddress> {
  return resolveChecked(url, { ...opts, failCode: 'INPUT_DOWNLOAD_FAILED' });
}

type Hop = { kind: 'redirect'; location: string } | { kind: 'body'; body: Omit<Downloaded, 'url'> };

function request(url: URL, pinned: ResolvedAddress, signal: AbortSignal, maxBytes: number, sink?: (body: Readable) => Promise<void>): Promise<Hop> {
  const lookup = pinnedLookup(pinned);
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const fail = (e: unknown) => {
      if (e instanceof DocmillError) return reject(e);
      const why = signal.aborted ? 'timed out or was aborted' : e instanceof Error ? e.message : String(e);
      reject(new DocmillError('INPUT_DOWNLOAD_FAILED', `Downloading ${url.host} failed: ${why}.`, { cause: e }));
    };
    const req = mod.request(url, { method: 'GET', lookup, agent: false, signal, headers: { 'user-agent': 'docmill', accept: '*/*' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return resolve({ kind: 'redirect', location: res.headers.location });
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return fail(new DocmillError('INPUT_DOWNLOAD_FAILED', `${url.host} answered HTTP ${status}.`, { retryable: status >= 500 || status === 429 }));
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        return fail(new DocmillError('INPUT_TOO_LARGE', `The URL serves ${declared} bytes, the limit is ${maxBytes}.`));
      }
      const contentType = res.headers['content-type'];
      const filename = filenameOf(res.headers['content-disposition'], url);
      const meta = { ...(filename ? { filename } : {}), ...(contentType ? { contentType } : {}) };
      if (sink) {
        sink(res).then(
          () => resolve({ kind: 'body', body: { bytes: Buffer.alloc(0), ...meta } }),
          (e: unknown) => {
            res.destroy();
            req.destroy();
            fail(e);
          },
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          req.destroy();
          return fail(new DocmillError('INPUT_TOO_LARGE', `The URL serves more than ${maxBytes} bytes.`));
        }
        chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => {
        if (size > maxBytes) return;
        const contentType = res.headers['content-type'];
        const filename = filenameOf(res.headers['content-disposition'], url);
        resolve({
          kind: 'body',
          body: { bytes: Buffer.concat(chunks, size), ...(filename ? { filename } : {}), ...(contentType ? { contentType } : {}) },
        });
      });
    });
    req.on('error', fail);
    req.end();
  });
}

function filenameOf(disposition: string | undefined, url: URL): string | undefined {
  const m = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  const name = safeDecode(m?.[1] ?? url.pathname.split('/').pop() ?? '');
  return name ? name.replace(/[/\\]/g, '_').slice(0, 255) : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
