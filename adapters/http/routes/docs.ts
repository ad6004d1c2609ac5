import type { Api } from '../api.ts';
import { OpenApiDocumentSchema } from '../schemas.ts';

/**
 * The machine-readable descriptions of the API, which Swagger UI at /docs reads. The AsyncAPI
 * document of the WebSocket (the realtime issue) is to be served beside this one, as
 * `/api/v1/asyncapi.json`, and linked from /docs.
 */
export function docsRoutes(api: Api, openApiDocument: () => Record<string, unknown>): void {
  api.add('/api/v1', {
    method: 'get',
    path: '/openapi.json',
    tag: 'operations',
    summary: 'This document: OpenAPI 3.1 of every route, generated from the declarations and schemas the server validates with',
    auth: 'none',
    response: { status: 200, description: 'the OpenAPI document', schema: OpenApiDocumentSchema },
    errors: [],
    async handle({ res }) {
      res.json(openApiDocument());
    },
  });
}
