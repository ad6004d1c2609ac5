import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../bootstrap/config.ts';
import { rejectionOf } from '../support/expect-error.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('configuration', () => {
  it('has the defaults of API.md with nothing set', () => {
    const config = loadConfig({});
    expect(config).to.deep.include({ port: 3000, host: '127.0.0.1', dataDir: './.data', bcryptCost: 12, authRateLimit: 20, corsOrigins: [], logLevel: 'info' });
    expect(config.database).to.deep.equal({ kind: 'embedded' });
    expect(config.objects).to.deep.equal({ kind: 'filesystem' });
    expect(config.jwt).to.deep.include({ issuer: 'themes-api', audience: 'themes-api', accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 2592000 });
    expect(config.uploads).to.deep.equal({ maxBytes: 10485760, maxPixels: 40000000, maxImagesPerTheme: 20, ticketTtlSeconds: 300 });
    expect(config.mediaRedirect).to.deep.equal({ kind: 'none' });
    expect(config.login).to.deep.equal({ maxFailures: 5, lockSeconds: 900 });
    expect(config.refreshReuseGraceSeconds).to.equal(10);
    expect(loadConfig({ REFRESH_REUSE_GRACE: '0s' }).refreshReuseGraceSeconds).to.equal(0);
    expect(config.timeouts).to.deep.equal({ databaseConnectMs: 3000, databaseStatementMs: 5000, s3Ms: 5000, startupMs: 60000 });
  });

  it('reads timeouts in milliseconds, seconds or minutes', () => {
    const config = loadConfig({ DATABASE_CONNECT_TIMEOUT: '500ms', DATABASE_STATEMENT_TIMEOUT: '30s', S3_TIMEOUT: '2s', STARTUP_TIMEOUT: '2m' });
    expect(config.timeouts).to.deep.equal({ databaseConnectMs: 500, databaseStatementMs: 30000, s3Ms: 2000, startupMs: 120000 });
  });

  it('reads every profile: external database and S3, or memory', () => {
    const external = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/themes', S3_ENDPOINT: 'http://minio:9000', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' });
    expect(external.database).to.deep.equal({ kind: 'url', url: 'postgres://u:p@db:5432/themes' });
    expect(external.objects).to.deep.include({ kind: 's3', endpoint: 'http://minio:9000', bucket: 'themes', forcePathStyle: true });
    expect(loadConfig({ ADAPTERS: 'memory' }).database).to.deep.equal({ kind: 'memory' });
  });

  it('offloads downloads to presigned URLs only with objects in S3, and refuses the start otherwise, naming MEDIA_REDIRECT', async () => {
    const s3 = { S3_ENDPOINT: 'http://minio:9000', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' };
    expect(loadConfig({ ...s3, MEDIA_REDIRECT: 'presigned', MEDIA_REDIRECT_TTL: '2m' }).mediaRedirect).to.deep.equal({ kind: 'presigned', ttlSeconds: 120 });
    for (const env of [{ MEDIA_REDIRECT: 'presigned' }, { ...s3, ADAPTERS: 'memory', MEDIA_REDIRECT: 'presigned' }]) {
      const error = await rejectionOf(Promise.resolve().then(() => loadConfig(env)));
      expect(error).to.be.instanceOf(ConfigError);
      expect(error.message).to.match(/MEDIA_REDIRECT: presigned needs objects in S3/);
    }
  });

  it('stops on a bad value with a message that names the variable and says what it expects', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /PORT: expected a whole number from 0 to 65535/],
      [{ BCRYPT_COST: '3' }, /BCRYPT_COST: expected a whole number from 4 to 15/],
      [{ ACCESS_TOKEN_TTL: '15 minutes' }, /ACCESS_TOKEN_TTL: expected a duration such as 90s, 15m, 12h or 30d/],
      [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected a URL such as postgres:/],
      [{ NODE_ENV: 'production' }, /JWT_SECRET: required when NODE_ENV=production/],
      [{ JWT_SECRET: 'short' }, /JWT_SECRET: expected at least 32 characters/],
      [{ S3_ENDPOINT: 'http://minio:9000' }, /S3_ACCESS_KEY_ID: .*required with S3_ENDPOINT/],
      [{ ADAPTERS: 'sqlite' }, /ADAPTERS: expected memory/],
      [{ S3_FORCE_PATH_STYLE: 'maybe' }, /S3_FORCE_PATH_STYLE: expected true or false/],
      [{ FIRST_ADMIN_EMAIL: 'root@example.com' }, /FIRST_ADMIN_PASSWORD: FIRST_ADMIN_EMAIL and FIRST_ADMIN_PASSWORD go together/],
      [{ FIRST_ADMIN_PASSWORD: 'long enough' }, /FIRST_ADMIN_EMAIL: FIRST_ADMIN_EMAIL and FIRST_ADMIN_PASSWORD go together/],
      [{ FIRST_ADMIN_EMAIL: 'root', FIRST_ADMIN_PASSWORD: 'long enough' }, /FIRST_ADMIN_EMAIL: must be an email address/],
      [{ FIRST_ADMIN_EMAIL: 'root@example.com', FIRST_ADMIN_PASSWORD: 'short' }, /FIRST_ADMIN_PASSWORD: must be at least 8 characters/],
      [{ FIRST_ADMIN_EMAIL: 'root@example.com', FIRST_ADMIN_PASSWORD: 'long enough', FIRST_ADMIN_USERNAME: 'x' }, /FIRST_ADMIN_USERNAME: must be 3–32/],
      [{ UPLOAD_TICKET_TTL: '2h' }, /UPLOAD_TICKET_TTL: expected at most 1h/],
      [{ MEDIA_REDIRECT: 'cdn' }, /MEDIA_REDIRECT: expected none or presigned/],
      [{ REFRESH_REUSE_GRACE: 'ten' }, /REFRESH_REUSE_GRACE: expected a duration such as 0s, 10s or 1m/],
      [{ S3_TIMEOUT: '5 seconds' }, /S3_TIMEOUT: expected a duration such as 500ms, 5s or 2m/],
      [{ DATABASE_STATEMENT_TIMEOUT: '0s' }, /DATABASE_STATEMENT_TIMEOUT: expected a duration above zero/],
    ];
    for (const [env, message] of cases) {
      const error = await rejectionOf(Promise.resolve().then(() => loadConfig(env)));
      expect(error).to.be.instanceOf(ConfigError);
      expect(error.message).to.match(message);
    }
  });

  it('reads the first admin, with the username admin unless FIRST_ADMIN_USERNAME says otherwise', () => {
    expect(loadConfig({}).firstAdmin).to.equal(undefined);
    expect(loadConfig({ FIRST_ADMIN_EMAIL: ' Root@Example.com ', FIRST_ADMIN_PASSWORD: 'long enough' }).firstAdmin).to.deep.equal({
      email: 'root@example.com',
      username: 'admin',
      password: 'long enough',
    });
    expect(loadConfig({ FIRST_ADMIN_EMAIL: 'root@example.com', FIRST_ADMIN_PASSWORD: 'long enough', FIRST_ADMIN_USERNAME: 'root' }).firstAdmin?.username).to.equal('root');
  });

  it('treats empty variables as unset (as .env.example leaves them)', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).database).to.deep.equal({ kind: 'embedded' });
  });

  it('docker-compose.yaml sets only variables the config knows', () => {
    const compose = parseYaml(read('docker-compose.yaml')) as { services: Record<string, { environment?: Record<string, string> }> };
    const used = Object.entries(compose.services).flatMap(([name, service]) => (['api', 'seed'].includes(name) ? Object.keys(service.environment ?? {}) : []));
    expect(used).to.include.members(['DATABASE_URL', 'S3_ENDPOINT', 'JWT_SECRET']);
    expect(used.filter((v) => !CONFIG_VARIABLES.includes(v))).to.deep.equal([]);
  });

  it('.env.example lists exactly the variables the config knows', () => {
    const listed = read('.env.example')
      .split('\n')
      .filter((line) => /^[A-Z_0-9]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect([...listed].sort()).to.deep.equal([...CONFIG_VARIABLES].sort());
  });

  it('the README configuration table documents exactly the variables the config knows', () => {
    const section = read('README.md').split('## Configuration')[1]!.split('\n## ')[0]!;
    const documented = [...section.matchAll(/^\| `([A-Z_0-9]+)` \|/gm)].map((m) => m[1]);
    expect([...documented].sort()).to.deep.equal([...CONFIG_VARIABLES].sort());
  });
});
