import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'chai';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember } from '../support/actors.ts';
import request from '../support/http.ts';
import { liveServer, TestSocket, type LiveServer } from '../support/realtime.ts';
import { testRuntime } from '../support/runtime.ts';

type Document = { channels: { socket: { messages: Record<string, { payload: Record<string, unknown> }> } } };

describe('the AsyncAPI document of the WebSocket API', () => {
  let runtime: Runtime;
  let live: LiveServer;
  let document: Document;
  beforeEach(async () => {
    runtime = await testRuntime({ env: { ACCESS_TOKEN_TTL: '3s' } });
    live = await liveServer(runtime, { ACCESS_TOKEN_TTL: '3s' });
    const res = await request(live.http).get('/api/v1/asyncapi.json').expect(200);
    document = res.body as Document;
  });
  afterEach(async () => {
    await live.close();
    await runtime.close();
  });

  it('is a valid AsyncAPI 3.0 document (@asyncapi/parser), linked from the OpenAPI document that /docs shows', async () => {
    const diagnostics = await new Parser().validate(JSON.stringify(document));
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).to.deep.equal([]);
    const openapi = (await request(live.http).get('/api/v1/openapi.json').expect(200)).body as { info: { description: string } };
    expect(openapi.info.description).to.include('(/api/v1/asyncapi.json)');
  });

  it('describes exactly the frames the server sends and the messages it takes', async function () {
    this.timeout(10_000);
    const ajv = new Ajv({ strict: false });
    addFormats.default(ajv);
    const messages = document.channels.socket.messages;
    const check = (frame: Record<string, unknown>) => {
      const schema = messages[String(frame.type)];
      expect(schema, `a message named ${String(frame.type)}`).to.not.equal(undefined);
      const valid = ajv.validate(schema!.payload, frame);
      expect(valid, `${JSON.stringify(frame)}: ${ajv.errorsText()}`).to.equal(true);
    };
    const ada = await aMember(runtime, 'ada');
    const bob = await aMember(runtime, 'bob');
    const sent = [
      { type: 'auth', token: ada.token },
      { type: 'subscribe', channels: ['themes', 'me', 'admin', 'themes:nope'], since: 0 },
      { type: 'ping' },
    ];
    for (const message of sent) check(message);
    const socket = await TestSocket.open(live.ws);
    for (const message of sent) socket.send(message);
    await socket.next((f) => f.type === 'caught_up');
    const theme = await request(live.http).post('/api/v1/themes').set('Authorization', `Bearer ${ada.token}`).send({ name: 'Doc', colors: [{ name: 'ink', hex: '#112233', role: 'text' }], status: 'published' });
    expect(theme.status).to.equal(201);
    await request(live.http).put(`/api/v1/themes/${theme.body.id}/favorite`).set('Authorization', `Bearer ${bob.token}`).expect(204);
    await socket.next((f) => f.type === 'event' && Boolean(f.notification));
    socket.send({ type: 'unsubscribe', channels: ['themes'] });
    await socket.next((f) => f.type === 'unsubscribed');
    await socket.next((f) => f.type === 'auth_expired', 5000);
    socket.close();
    for (const frame of socket.frames) check(frame);
    expect(new Set(socket.frames.map((f) => f.type))).to.deep.equal(new Set(['authenticated', 'subscribed', 'error', 'pong', 'caught_up', 'event', 'unsubscribed', 'auth_expired']));
  });
});
