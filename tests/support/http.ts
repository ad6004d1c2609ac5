import supertest from 'supertest';
import { openApiDocument } from '../../bootstrap/http-server.ts';
import { OpenApiValidator, type OpenApiDocument } from './openapi-validator.ts';

type App = Parameters<typeof supertest>[0];
type Agent = ReturnType<typeof supertest>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/**
 * supertest, with every response checked against the server's own OpenAPI document: an
 * undocumented status or header, a body of another media type or shape, or a request the server
 * accepted that the document refuses fails the test that made it. Every HTTP suite uses this
 * (lint refuses supertest itself in tests/http).
 */
function request(app: App): Agent {
  const agent = supertest(app);
  const validated = {} as Record<Method, (url: string) => supertest.Test>;
  for (const method of METHODS) validated[method] = (url) => checked(agent[method](url));
  return { ...agent, ...validated, del: validated.delete } as Agent;
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- the types supertest's own import offers (request.Test, request.Response)
declare namespace request {
  type Test = supertest.Test;
  type Response = supertest.Response;
}

export default request;

/**
 * The document every app of this process serves (a test checks that it serves exactly this one),
 * compiled once. Taken from the declarations rather than asked of the app: asking would be a
 * request of its own in the app's logs, counters and rate limits.
 */
let validator: OpenApiValidator | undefined;
const validatorOf = () => (validator ??= new OpenApiValidator(openApiDocument() as OpenApiDocument));

type Internals = { method: string; url: string; header: Record<string, string>; _data?: unknown };

function checked(test: supertest.Test): supertest.Test {
  return test.expect((res: supertest.Response) => {
    const sent = test as unknown as Internals;
    const { pathname, search } = new URL(sent.url);
    const body: unknown = res.body;
    const problems = validatorOf().check({
      method: sent.method,
      url: pathname + search,
      requestHeaders: sent.header,
      requestBody: sent._data,
      status: res.status,
      headers: res.headers as Record<string, string>,
      ...(typeof res.text === 'string' ? { text: res.text } : {}),
      ...(Buffer.isBuffer(body) ? { bytes: body } : {}),
    });
    if (problems.length) throw new Error(`${sent.method} ${pathname} → ${res.status} does not match the OpenAPI document:\n  - ${problems.join('\n  - ')}`);
  });
}

/** A supertest parser that keeps the body as bytes, whatever its type. */
export function binary(res: supertest.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/**
 * fetch, with every exchange checked against the OpenAPI document as `request` does: for clients
 * that speak HTTP themselves (the TypeScript client). A mismatch rejects the call that made it.
 */
export function checkedFetch(send: (request: Request) => Promise<Response> = (request) => fetch(request)): (request: Request) => Promise<Response> {
  return async (request) => {
    const sent = request.clone();
    const response = await send(request);
    const { pathname, search } = new URL(request.url);
    const requestHeaders = Object.fromEntries(sent.headers);
    const requestText = sent.body ? await sent.text() : undefined;
    const textual = /json|text|svg/.test(response.headers.get('content-type') ?? '');
    const problems = validatorOf().check({
      method: request.method,
      url: pathname + search,
      requestHeaders,
      ...(requestText !== undefined && /json/.test(requestHeaders['content-type'] ?? '') ? { requestBody: JSON.parse(requestText) as unknown } : {}),
      status: response.status,
      headers: Object.fromEntries(response.headers),
      ...(textual ? { text: await response.clone().text() } : {}),
    });
    if (problems.length) throw new Error(`${request.method} ${pathname} → ${response.status} does not match the OpenAPI document:\n  - ${problems.join('\n  - ')}`);
    return response;
  };
}
