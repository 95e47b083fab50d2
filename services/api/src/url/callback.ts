import { DocmillError, resolveChecked } from '@docmill/core';

/**
 * Checks a job's callback URL when it is submitted: http/https, no
 * credentials, and (unless private URLs are allowed) a host that resolves only
 * to public addresses.
 * @param raw the callback_url as sent
 * @param allowPrivate DOCMILL_ALLOW_PRIVATE_URLS
 * Does not pin the address for the later delivery: the webhook worker sends
 * it, possibly much later, and checks the address again as it connects; this
 * check gives clients an immediate 400 (INPUT_URL_FORBIDDEN) for the obvious
 * internal targets.
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
  await resolveChecked(url, { failCode: 'USAGE_BAD_ARGUMENT' });
}
