import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { buildApp } from '../adapters/http/app.ts';
import type { Config } from './config.ts';
import type { Runtime } from './container.ts';
import { PROJECT_ROOT } from './project-root.ts';

const version = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The Express app wired to a runtime's container; `publicUrl` defaults to PUBLIC_URL. */
export function appFor(runtime: Runtime, config: Config, logger: Logger, publicUrl: () => string = () => config.publicUrl ?? `http://localhost:${config.port}`) {
  return buildApp({
    logger,
    publicUrl,
    maxUploadBytes: config.uploads.maxBytes,
    staging: runtime.staging,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    version,
    scope: runtime.scope,
    use: (useCase) => runtime.container.get(useCase as never),
  });
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}
