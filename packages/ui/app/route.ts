// Routes live in the URL's hash (#/ and #/doc/<id>/<page>?quote=…&review=1),
// so the static server needs no routing and a page link can be shared.

export type Route = { view: 'jobs' } | { view: 'document'; id: string; page: number; quote?: string; review: boolean };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'doc' && parts[1]) {
    const params = new URLSearchParams(query);
    const page = Math.max(1, Number(parts[2]) || 1);
    const quote = params.get('quote') ?? undefined;
    return { view: 'document', id: decodeURIComponent(parts[1]), page, ...(quote ? { quote } : {}), review: params.get('review') === '1' };
  }
  return { view: 'jobs' };
}

/** The hash of a document page, for links and navigation. */
export function documentHref(id: string, page: number, extra: { quote?: string; review?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (extra.quote) params.set('quote', extra.quote);
  if (extra.review) params.set('review', '1');
  const q = params.toString();
  return `#/doc/${encodeURIComponent(id)}/${page}${q ? `?${q}` : ''}`;
}
