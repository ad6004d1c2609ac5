import { expect } from 'chai';
import { pino } from 'pino';
import request from '../support/http.ts';
import { appFor } from '../../bootstrap/http-server.ts';
import { testConfig, testRuntime } from '../support/runtime.ts';

describe('HTTP: request logs', () => {
  it('one line per request: health probes at debug, answers (refusals too) at info, no token in them', async () => {
    const runtime = await testRuntime();
    try {
      const lines: { level: number; msg: string; req?: { url: string } }[] = [];
      const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
      const app = appFor(runtime, testConfig(), logger);
      await request(app).get('/health/live').expect(200);
      await request(app).get('/health/ready').expect(200);
      await request(app).get('/api/v1/themes').set('Authorization', 'Bearer not-a-token').expect(401);
      const levels = Object.fromEntries(lines.map((l) => [l.req?.url, l.level]));
      expect(levels).to.deep.equal({ '/health/live': 20, '/health/ready': 20, '/api/v1/themes': 30 });
      expect(JSON.stringify(lines)).not.to.include('not-a-token');
    } finally {
      await runtime.close();
    }
  });
});
