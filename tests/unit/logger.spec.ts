import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../bootstrap/logger.ts';

/** A stdout stand-in that keeps what is written, and says whether it is a terminal. */
function output(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => chunks.join('') };
}

describe('logs', () => {
  const requestLine = { req: { id: 'r1', method: 'GET', url: '/api/v1/themes' }, res: { status: 200 }, responseTime: 3 };

  it('are JSON lines when stdout is not a terminal', () => {
    const out = output(false);
    createLogger('info', 'development', out.stream).info(requestLine, 'request completed');
    expect(JSON.parse(out.text())).to.deep.include({ msg: 'request completed', service: 'themes-api', res: { status: 200 } });
  });

  it('are JSON lines in production, even on a terminal', () => {
    const out = output(true);
    createLogger('info', 'production', out.stream).info('hello');
    expect(JSON.parse(out.text())).to.include({ msg: 'hello' });
  });

  it('are readable, coloured lines on a terminal outside production, a request on one line', () => {
    const out = output(true);
    const logger = createLogger('info', 'development', out.stream);
    logger.info(requestLine, 'request completed');
    logger.warn({ dependency: 'database' }, 'database unavailable');
    const [request, warning] = out.text().trimEnd().split('\n');
    expect(request).to.include('GET /api/v1/themes → 200 in 3 ms').and.to.include('\u001b[');
    expect(() => JSON.parse(request!)).to.throw();
    expect(warning).to.include('WARN').and.to.include('database unavailable');
  });
});
