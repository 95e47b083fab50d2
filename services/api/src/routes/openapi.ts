import type { RouteModule } from '../context.js';

/** `GET /openapi.json`: the OpenAPI 3 document @fastify/swagger builds from the route schemas. */
export const openapiRoutes: RouteModule = (app) => {
  app.get(
    '/openapi.json',
    {
      schema: {
        summary: 'This API as OpenAPI 3',
        tags: ['ops'],
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async () => app.swagger(),
  );
};
