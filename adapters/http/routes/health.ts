import { CheckReadiness } from '../../../application/ops/check-readiness.ts';
import type { Api } from '../api.ts';
import type { HttpContext } from '../http-context.ts';
import { HealthSchema } from '../schemas.ts';

export function healthRoutes(api: Api, { use }: HttpContext): void {
  api.add('/health', {
    method: 'get',
    path: '/live',
    tag: 'operations',
    summary: 'The process runs',
    auth: 'none',
    response: { status: 200, description: 'alive', schema: HealthSchema, headers: { 'Cache-Control': 'no-store' } },
    errors: [],
    caching: 'no-store',
    async handle({ res }) {
      res.json({ status: 'ok' });
    },
  });

  api.add('/health', {
    method: 'get',
    path: '/ready',
    tag: 'operations',
    summary: 'The database and the object store answer',
    description: 'Answers 503 with the same body shape, naming the failing check, when a dependency is down.',
    auth: 'none',
    response: { status: 200, description: 'ready', schema: HealthSchema, headers: { 'Cache-Control': 'no-store' } },
    alternatives: [{ status: 503, description: 'not ready: `status` is `failing` and `checks` names the failing one', schema: HealthSchema, headers: { 'Cache-Control': 'no-store' } }],
    errors: [],
    caching: 'no-store',
    async handle({ res }) {
      const readiness = await use(CheckReadiness).execute();
      res
        .status(readiness.ready ? 200 : 503)
        .json({ status: readiness.ready ? 'ok' : 'failing', checks: readiness.checks });
    },
  });
}

