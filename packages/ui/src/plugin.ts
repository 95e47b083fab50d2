import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { OPTION_NAMES, OPTION_SURFACES, optionDescription, optionValueKind, type OptionValueKind } from '@docmill/core';
import { buildUi } from './build.js';

/** What the browser app is told about the server it talks to (`GET /ui/config.json`). */
export interface UiConfig {
  /** `api`: sign in with an API key (docmill serve); `local`: no keys, a folder of outputs (docmill view). */
  mode: 'api' | 'local';
  /** Title shown in the header. */
  title: string;
  features: { upload: boolean; cancel: boolean; search: boolean; ask: boolean };
  /** The conversion options an upload may set, from the one options schema. */
  options: Array<{ name: string; description: string } & OptionValueKind>;
}

/** The upload options the API accepts, in the API's spelling, for UiConfig.options. */
export function uploadOptions(): UiConfig['options'] {
  return OPTION_NAMES.flatMap((name) => {
    const api = OPTION_SURFACES[name].api;
    // Note: a password typed into a browser form would sit in its memory and history; the CLI and API take it.
    if (!api || name === 'password') return [];
    return [{ name: api, description: optionDescription(name), ...optionValueKind(name) }];
  });
}

/**
 * The Content-Security-Policy of the app's pages: scripts and styles only from
 * the server itself (no inline scripts, no CDN); images also from blob: URLs
 * (page images are fetched with the API key, then shown from memory).
 */
export const UI_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Serves the review app under `/ui/` (static files built with esbuild) and its
 * `GET /ui/config.json`, with a strict Content-Security-Policy on every response.
 * @param app the Fastify instance (the API's, or `docmill view`'s)
 * @param config what the app is told (mode, features, options)
 * Does not add any data route: the app uses the REST API's own routes.
 */
export async function registerUi(app: FastifyInstance, config: UiConfig): Promise<void> {
  const root = buildUi();
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_req, reply) => {
      void reply.header('content-security-policy', UI_CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    });
    scope.get('/ui/config.json', { schema: { hide: true, response: { 200: { type: 'object', additionalProperties: true } } } }, async () => config);
    await scope.register(fastifyStatic, { root, prefix: '/ui/', index: ['index.html'], cacheControl: true, maxAge: 0, etag: true });
    scope.get('/ui', { schema: { hide: true, response: { 302: { type: 'null' } } } }, async (_req, reply) => reply.redirect('/ui/'));
  });
}
