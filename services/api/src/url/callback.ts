import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { DocmillError } from '@docmill/core';
import { isForbiddenAddress } from './address.js';

/**
 * Checks a job's callback URL when it is submitted: http/https, no
 * credentials, and (unless private URLs are allowed) a host that resolves only
 * to public addresses.
 * @param raw the callback_url as sent
 * @param allowPrivate DOCMILL_ALLOW_PRIVATE_URLS
 * Does not pin the address for the later delivery: the webhook worker sends
 * it, possibly much later; this check refuses the obvious internal targets
 * early (INPUT_URL_FORBIDDEN) and gives clients an immediate 400.
 */
export async function checkCallbackUrl(raw: string, allowPrivate: boolean): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DocmillError('USAGE_BAD_ARGUMENT', 'callback_url is not a URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DocmillError('INPUT_URL_FORBIDDEN', 'callback_url must be http or https.');
  if (url.username || url.password) throw new DocmillError('INPUT_URL_FORBIDDEN', 'callback_url must not carry credentials.');
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch (e) {
      throw new DocmillError('USAGE_BAD_ARGUMENT', `callback_url host ${host} does not resolve.`, { cause: e });
    }
  }
  const bad = addresses.find(isForbiddenAddress);
  if (bad) throw new DocmillError('INPUT_URL_FORBIDDEN', `callback_url resolves to ${bad}.`);
}
