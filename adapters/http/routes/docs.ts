import type { Api } from '../api.ts';
import { HttpError } from '../problem.ts';
import { AsyncApiDocumentSchema, OpenApiDocumentSchema } from '../schemas.ts';

/**
 * The machine-readable descriptions of the API: the OpenAPI document, which Swagger UI at /docs
 * reads, and beside it the AsyncAPI document of the WebSocket API, which the realtime adapter
 * writes and bootstrap hands over (absent where no socket is served).
 */
export function docsRoutes(api: Api, openApiDocument: () => Record<string, unknown>, asyncApiDocument?: () => Record<string, unknown>): void {
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

  api.add('/api/v1', {
    method: 'get',
    path: '/asyncapi.json',
    tag: 'operations',
    summary: 'The AsyncAPI 3.0 document of the WebSocket API (GET /api/v1/ws): channels, frames, authentication, resume, close codes',
    auth: 'none',
    response: { status: 200, description: 'the AsyncAPI document', schema: AsyncApiDocumentSchema },
    errors: ['not_found'],
    async handle({ res }) {
      if (!asyncApiDocument) throw new HttpError('not_found', 'this server serves no WebSocket API');
      res.json(asyncApiDocument());
    },
  });
}
